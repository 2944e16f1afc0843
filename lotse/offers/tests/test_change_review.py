"""A provider's changes to a live offer wait for the coordinator; contact details go live at
once; venues are placed on the map (never typed), inside MV."""

import datetime

import pytest
from django.urls import reverse

from lotse.accounts.models import AuditEntry
from lotse.offers import change_review
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Location, Offer, OfferChange, OfferChangeStep
from lotse.offers.search import SearchCriteria, search
from lotse.offers.tests.samples import GREIFSWALD, WOLGAST, hsds_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_offer(world) -> Offer:
    """An approved Eltern-Café in Greifswald (13075) of the world's provider, Tue+Thu."""
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    [offer] = import_services([hsds_service(organization=organization)])
    return offer


def findable_names(point=GREIFSWALD) -> set[str]:
    result = search(SearchCriteria(latitude=point[0], longitude=point[1], radius_km=40))
    return {Offer.objects.get(pk=hit.offer_id).name for hit in result.hits}


def as_posted(response) -> dict:
    """The edit form as a browser sends it back unchanged (from the page's bound fields)."""
    data: dict = {}
    forms = [response.context["form"]]
    for formset in (response.context["venues"], response.context["times"]):
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            elif getattr(field.field.widget, "allow_multiple_selected", False):
                if value:  # a browser sends nothing for no box ticked
                    data[field.html_name] = [str(item) for item in value]
            elif value is None:
                data[field.html_name] = ""
            else:
                data[field.html_name] = str(value)
    return data


def edit_url(offer) -> str:
    return reverse("upkeep:offer_edit", kwargs={"offer_id": offer.pk})


def change_url(offer) -> str:
    return reverse("upkeep:offer_change", kwargs={"offer_id": offer.pk})


def propose_new_hours_and_place(client, offer, **more) -> object:
    data = as_posted(client.get(edit_url(offer)))
    data.update(
        {
            "time-0-byday": ["WE"],
            "time-0-opens_at": "15:00",
            "time-0-closes_at": "17:00",
            # Moved to Wolgast, placed with the pin on the map.
            "venue-0-address_1": "Lange Straße 1",
            "venue-0-postal_code": "17438",
            "venue-0-city": "Wolgast",
            "venue-0-latitude": str(WOLGAST[0]),
            "venue-0-longitude": str(WOLGAST[1]),
            **more,
        }
    )
    return client.post(edit_url(offer), data)


def test_a_providers_change_waits_while_the_approved_version_stays_public(
    world, live_offer, provider_editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = propose_new_hours_and_place(
            provider_editor, live_offer, **{"offer-phone": "03834 123456"}
        )
    assert response.status_code == 302
    assert response["Location"] == change_url(live_offer)

    live_offer.refresh_from_db()
    # The phone number is a correction that goes live at once …
    assert live_offer.phone == "03834 123456"
    # … the hours and the place wait: parents still find the Tuesday café in Greifswald.
    assert live_offer.schedules.get().byday == "TU,TH"
    location = live_offer.service_at_locations.get().location
    assert location.city == "Greifswald"
    assert "Eltern-Café am Markt" in findable_names()

    change = OfferChange.objects.get(offer=live_offer)
    assert change.status == OfferChange.Status.SUBMITTED
    assert change.proposal["venues"][0]["city"] == "Wolgast"
    # The district's coordinator hears of it, in a mail naming the offer.
    [mail] = mailoutbox
    assert mail.to == ["netzwerk@test.example"]
    assert "Eltern-Café am Markt" in mail.subject
    assert change_url(live_offer) in mail.body


def test_the_coordinator_sees_the_difference_with_german_labels(
    world, live_offer, provider_editor, network_coordinator
):
    propose_new_hours_and_place(provider_editor, live_offer)
    page = network_coordinator.get(change_url(live_offer))
    assert page.status_code == 200
    differences = {d.name: d for d in page.context["differences"]}
    assert set(differences) == {"venues", "schedules"}
    assert differences["schedules"].label == "Zeiten"
    assert differences["schedules"].old == "dienstags, donnerstags, 9:30–11:30 Uhr"
    assert differences["schedules"].new == "mittwochs, 15–17 Uhr"
    assert differences["venues"].label == "Orte"
    assert "Greifswald" in differences["venues"].old and "Wolgast" in differences["venues"].new
    # The pin moved with the venue: the coordinator sees how far.
    assert "Familienzentrum: auf der Karte 25,6 km verschoben" in differences["venues"].new
    content = page.content.decode()
    assert "bisher (öffentlich)" in content and "mittwochs, 15–17 Uhr" in content
    assert "Änderungen übernehmen" in content and "zurückgeben" in content


def test_sent_back_with_a_note_fixed_and_approved_the_finder_shows_the_new_version(
    world,
    live_offer,
    provider_editor,
    network_coordinator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    propose_new_hours_and_place(provider_editor, live_offer)
    change = OfferChange.objects.get(offer=live_offer)

    # Sending it back needs a note: refused without one, nothing changes.
    refused = network_coordinator.post(
        change_url(live_offer), {"step": "return", "note": "", "revision": change.revision}
    )
    assert refused.status_code == 302
    change.refresh_from_db()
    assert change.status == OfferChange.Status.SUBMITTED
    messages = [str(m) for m in network_coordinator.get(change_url(live_offer)).context["messages"]]
    assert "Bitte schreiben Sie dem Träger, was zu ändern ist." in messages

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        network_coordinator.post(
            change_url(live_offer),
            {"step": "return", "note": "Bitte die Hausnummer prüfen.", "revision": change.revision},
        )
    change.refresh_from_db()
    assert change.status == OfferChange.Status.RETURNED
    assert change.return_note == "Bitte die Hausnummer prüfen."
    [mail] = mailoutbox
    assert mail.to == ["anbieter@test.example"]
    assert "Bitte die Hausnummer prüfen." in mail.body

    # The provider lands on her offers and sees the note.
    start = provider_editor.get(reverse("workspace:start")).content.decode()
    assert "Änderung zurückgegeben" in start and "Bitte die Hausnummer prüfen." in start

    # She fixes it: the form starts from her proposal, saving hands it back.
    mailoutbox.clear()
    form_page = provider_editor.get(edit_url(live_offer))
    assert form_page.context["venues"].forms[0]["city"].value() == "Wolgast"
    with django_capture_on_commit_callbacks(execute=True):
        propose_new_hours_and_place(
            provider_editor, live_offer, **{"venue-0-address_1": "Lange Straße 12"}
        )
    change.refresh_from_db()
    assert change.status == OfferChange.Status.SUBMITTED
    assert change.proposal["venues"][0]["address_1"] == "Lange Straße 12"
    assert change.revision == 2
    assert [m.to for m in mailoutbox] == [["netzwerk@test.example"]]

    # Approving an older revision than the one waiting is refused …
    network_coordinator.post(change_url(live_offer), {"step": "approve", "revision": "1"})
    change.refresh_from_db()
    assert change.status == OfferChange.Status.SUBMITTED
    # … the one shown is taken over, and the finder shows the new version.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        network_coordinator.post(change_url(live_offer), {"step": "approve", "revision": "2"})
    change.refresh_from_db()
    assert change.status == OfferChange.Status.APPROVED
    live_offer.refresh_from_db()
    assert live_offer.approval == Offer.Approval.APPROVED
    assert live_offer.schedules.get().byday == "WE"
    location = live_offer.service_at_locations.get().location
    assert (location.address_1, location.city) == ("Lange Straße 12", "Wolgast")
    assert "Eltern-Café am Markt" in findable_names(WOLGAST)
    assert "Eltern-Café am Markt" not in findable_names((53.63, 11.41))  # Schwerin: far away
    assert [m.to for m in mailoutbox] == [["anbieter@test.example"]]

    steps = list(OfferChangeStep.objects.filter(change=change).values_list("to_status", flat=True))
    assert steps == ["submitted", "returned", "submitted", "approved"]
    entry = AuditEntry.objects.filter(object_id=str(live_offer.pk), action="update").latest("at")
    assert {"venues", "schedules"} <= set(entry.changes)
    assert entry.actor.email == "netzwerk@test.example"
    # The history names the parts in German.
    manage = provider_editor.get(reverse("upkeep:offer", kwargs={"offer_id": live_offer.pk}))
    labels = {label for _entry, names in manage.context["history"] for label in names}
    assert {"Orte", "Zeiten"} <= labels and "schedules" not in labels


def test_only_the_district_decides_and_only_the_provider_proposes(
    world, live_offer, provider_editor, coordinator_elsewhere, network_coordinator
):
    propose_new_hours_and_place(provider_editor, live_offer)
    change = OfferChange.objects.get(offer=live_offer)
    # Another district's coordinator does not see it; the provider cannot approve it.
    assert coordinator_elsewhere.get(change_url(live_offer)).status_code == 404
    assert (
        coordinator_elsewhere.post(change_url(live_offer), {"step": "approve"}).status_code == 404
    )
    assert provider_editor.post(change_url(live_offer), {"step": "approve"}).status_code == 403
    # The coordinator does not withdraw the provider's proposal.
    assert network_coordinator.post(change_url(live_offer), {"step": "withdraw"}).status_code == 403
    change.refresh_from_db()
    assert change.status == OfferChange.Status.SUBMITTED
    # The provider may withdraw it.
    provider_editor.post(change_url(live_offer), {"step": "withdraw"})
    change.refresh_from_db()
    assert change.status == OfferChange.Status.WITHDRAWN


def test_a_coordinators_own_edit_of_a_live_offer_needs_no_review(
    world, live_offer, network_coordinator
):
    response = propose_new_hours_and_place(network_coordinator, live_offer)
    assert response.status_code == 302
    assert not OfferChange.objects.exists()
    live_offer.refresh_from_db()
    assert live_offer.schedules.get().byday == "WE"


def test_only_a_new_phone_number_goes_live_without_a_change(world, live_offer, provider_editor):
    data = as_posted(provider_editor.get(edit_url(live_offer)))
    data["offer-phone"] = "03834 99887"
    response = provider_editor.post(edit_url(live_offer), data)
    assert response.status_code == 302
    live_offer.refresh_from_db()
    assert live_offer.phone == "03834 99887"
    assert not OfferChange.objects.exists()
    entry = AuditEntry.objects.filter(object_id=str(live_offer.pk), action="update").latest("at")
    assert set(entry.changes) == {"phone"}


def test_a_pin_outside_mv_is_refused_in_german_and_nothing_changes(
    world, live_offer, provider_editor
):
    response = propose_new_hours_and_place(
        provider_editor,
        live_offer,
        **{"venue-0-latitude": "53.5511", "venue-0-longitude": "9.9937"},  # Hamburg
    )
    assert response.status_code == 200
    assert "Dieser Punkt liegt nicht in Mecklenburg-Vorpommern." in response.content.decode()
    assert not OfferChange.objects.exists()
    live_offer.refresh_from_db()
    assert live_offer.schedules.get().byday == "TU,TH"


def test_a_new_offer_takes_a_known_venue_with_its_exact_point(world, live_offer, provider_editor):
    known = live_offer.service_at_locations.get().location
    form_page = provider_editor.get(reverse("upkeep:offer_create"))
    choices = dict(form_page.context["venues"].forms[0].fields["known_venue"].choices)
    assert (
        choices[str(known.pk)] == "Familienzentrum, Markt 1, 17489 Greifswald"
        or str(known.pk) in choices
    )
    base = {
        "offer-organization": str(world.organization.id),
        "offer-description": "Singen mit Babys.",
        "offer-topics": [str(live_offer.topics.first().pk)],
        "offer-status": "active",
        "offer-age_min_months": "0",
        "offer-email": "kurs@familienbruecke.example",
        "venue-TOTAL_FORMS": "1",
        "venue-INITIAL_FORMS": "0",
        "time-TOTAL_FORMS": "0",
        "time-INITIAL_FORMS": "0",
    }
    # Picked from the list: address and point of the known venue.
    provider_editor.post(
        reverse("upkeep:offer_create"),
        {**base, "offer-name": "Singkreis", "venue-0-known_venue": str(known.pk)},
    )
    # Typed with the same address and no pin: the known venue's point, not the postcode's.
    provider_editor.post(
        reverse("upkeep:offer_create"),
        {
            **base,
            "offer-name": "Krabbelkreis",
            "venue-0-address_1": known.address_1,
            "venue-0-postal_code": known.postal_code,
            "venue-0-city": known.city,
        },
    )
    for name in ("Singkreis", "Krabbelkreis"):
        venue = Location.objects.get(service_at_locations__offer__name=name)
        assert (venue.address_1, venue.latitude, venue.longitude) == (
            known.address_1,
            known.latitude,
            known.longitude,
        ), name


def test_the_providers_start_page_lists_her_offers_with_to_dos(
    world, live_offer, provider_editor, django_assert_max_num_queries
):
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    for number in range(5):
        import_services([hsds_service(organization=organization, name=f"Kurs {number}")])
    Offer.objects.filter(name="Kurs 0").update(
        verified_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    propose_new_hours_and_place(provider_editor, live_offer)
    change = OfferChange.objects.get()
    change.status = OfferChange.Status.RETURNED
    change.return_note = "Bitte Zeiten prüfen."
    change.save()
    with django_assert_max_num_queries(40):
        page = provider_editor.get(reverse("workspace:start"))
    assert page.status_code == 200
    rows = page.context["own_offers"]
    assert [row.offer.name for row in rows[:2]] == ["Eltern-Café am Markt", "Kurs 0"]
    assert rows[0].to_dos == ("returned",) and rows[1].to_dos == ("stale",)
    assert all(not row.to_dos for row in rows[2:])
    content = page.content.decode()
    assert "Bitte Zeiten prüfen." in content and "nicht mehr in der Suche" in content


def test_proposal_data_round_trips_through_the_form(world, live_offer):
    from lotse.offers import changes

    data = changes.offer_data(live_offer)
    content = changes.content_from(data)
    assert changes.content_data(content) == data
    assert not change_review.open_change(live_offer)


def test_the_demo_shows_a_waiting_and_a_returned_change(world):
    from lotse.accounts.models import Membership, Role, User
    from lotse.demo.offer_changes import seed_offer_changes
    from lotse.demo.offers import seed_provider_offers
    from lotse.organizations.models import Organization
    from lotse.regions.models import District

    greifswald = world.organization  # "Familienbrücke Vorpommern e.V.", as in the demo
    Organization.objects.create(
        name="Elternhaus Westmecklenburg gGmbH", district=District.objects.get(ags="13076")
    )
    provider = User.objects.create_user(email="anbieter-1@lotse.example")
    Membership.objects.create(user=provider, role=Role.PROVIDER_EDITOR, organization=greifswald)
    coordinator = User.objects.create_user(email="netzwerk-13075@lotse.example")
    Membership.objects.create(
        user=coordinator, role=Role.NETWORK_COORDINATOR, district=world.district
    )
    seed_provider_offers()
    assert seed_offer_changes() == 2
    assert seed_offer_changes() == 0  # once
    statuses = dict(OfferChange.objects.values_list("offer__name", "status"))
    assert sorted(statuses.values()) == ["returned", "submitted"]
    for change in OfferChange.objects.all():
        assert change_review.review(change)  # something to compare


def test_a_new_address_under_an_unmoved_pin_is_placed_anew(world, live_offer, network_coordinator):
    """Without JavaScript the pin cannot move: a new postcode must not keep the old point."""
    data = as_posted(network_coordinator.get(edit_url(live_offer)))
    data.update(
        {
            "venue-0-address_1": "Lange Straße 1",
            "venue-0-postal_code": "17438",
            "venue-0-city": "Wolgast",
        }
    )
    assert network_coordinator.post(edit_url(live_offer), data).status_code == 302
    location = live_offer.service_at_locations.get().location
    assert location.city == "Wolgast"
    assert location.longitude == pytest.approx(WOLGAST[1], abs=0.05)  # not Greifswald's 13.39
