"""Adding partners by a new organisation's name stays inside the district and never fails
with a 500; the calendar feed carries titles, times and places only."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from lotse.networks import actions
from lotse.networks.models import Meeting, Partner, Sector
from lotse.organizations.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def partner_create(world) -> str:
    return reverse(
        "networks:partner_create",
        kwargs={"ags": world.district.ags, "network_id": world.network.pk},
    )


def add_new_organization(client, world, name: str):
    return client.post(partner_create(world), {"new_organization": name, "sector": Sector.MIDWIVES})


def test_the_same_new_organisation_twice_is_a_form_error_not_a_500(world, network_coordinator):
    assert (
        add_new_organization(network_coordinator, world, "Hebammenpraxis Anklam").status_code == 302
    )
    again = add_new_organization(network_coordinator, world, "hebammenpraxis anklam ")
    assert again.status_code == 200
    assert "„Hebammenpraxis Anklam“ ist schon Partner dieses Netzwerks." in again.content.decode()
    assert Partner.objects.filter(network=world.network).count() == 1
    assert Organization.objects.filter(name__iexact="Hebammenpraxis Anklam").count() == 1


def test_an_organisation_of_another_district_is_neither_reused_nor_changed(
    world, network_coordinator
):
    elsewhere = OrganizationFactory(name="Hebammenpraxis am See", district=world.other_district)
    response = add_new_organization(network_coordinator, world, "Hebammenpraxis am See")
    assert response.status_code == 302
    partner = Partner.objects.get(network=world.network)
    assert partner.organization != elsewhere
    assert partner.organization.district == world.district
    assert partner.organization.name == "Hebammenpraxis am See"
    elsewhere.refresh_from_db()
    assert elsewhere.district == world.other_district
    assert not elsewhere.partnerships.exists()


def test_a_partner_written_meanwhile_is_refused_as_a_form_error(world, network_coordinator):
    """The race: the form found no partner, another request added it before the insert."""
    organization = OrganizationFactory(name="Kinderarztpraxis Wolgast", district=world.district)
    Partner.objects.create(network=world.network, organization=organization, sector="other")
    with pytest.raises(ValidationError) as refusal:
        actions.save_partner(
            partner=Partner(network=world.network),
            fields={"organization": None, "sector": Sector.PAEDIATRICIANS},
            new_organization="Kinderarztpraxis Wolgast",
            by=world.users["network_coordinator"],
            district=world.district,
        )
    assert refusal.value.code == "already_partner"
    assert Partner.objects.filter(network=world.network).count() == 1


def test_another_integrity_error_is_not_taken_for_a_duplicate(world, monkeypatch):
    def refuse(**_kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(actions, "save_model", refuse)
    with pytest.raises(IntegrityError):
        actions.save_partner(
            partner=Partner(network=world.network),
            fields={"organization": world.organization, "sector": Sector.OTHER},
            new_organization="",
            by=world.users["network_coordinator"],
            district=world.district,
        )


def test_the_calendar_feed_leaves_out_the_agenda_and_the_online_room(client, world):
    starts = datetime.datetime(2026, 5, 6, 8, tzinfo=datetime.UTC)
    for title, place, online_url in [
        ("Netzwerktreffen Mai", "Jugendamt Anklam", ""),
        ("Online-Austausch", "", "https://video.example/raum-4711?pwd=geheim"),
    ]:
        Meeting.objects.create(
            network=world.network,
            kind=Meeting.Kind.NETWORK_MEETING,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            place=place,
            online_url=online_url,
            agenda="TOP 1: Fall der Familie Muster",
            minutes="Vertraulich",
        )
    response = client.get(
        reverse("network_calendar", kwargs={"token": world.network.calendar_token})
    )
    feed = response.content.decode()
    assert "Muster" not in feed and "Vertraulich" not in feed and "raum-4711" not in feed
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(event["SUMMARY"]): str(event["LOCATION"]) for event in events} == {
        "Netzwerktreffen Mai": "Jugendamt Anklam",
        "Online-Austausch": "Online",
    }
    assert all("DESCRIPTION" not in event for event in events)
