"""The HSDS import may not reach into another district, and refuses malformed files cleanly.

An organisation's and a venue's HSDS ids are public (`/api/hsds/`), so an import must not
let one district's coordinator rename another district's provider or move its venue by
naming those ids. Every problem is a German message with record index, id and field;
nothing is stored; the import writes the audit log like every other write path.
"""

import io
import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lotse.accounts.models import AuditEntry
from lotse.offers.hsds_import import MAX_DEPTH, ImportRefused, check_records, import_services
from lotse.offers.models import Location, Offer, PendingImport, Schedule
from lotse.offers.tests.samples import GREIFSWALD, hsds_service
from lotse.organizations.models import Organization

pytestmark = pytest.mark.django_db

NEUBRANDENBURG = (53.5569, 13.2611)  # district 13071, Mecklenburgische Seenplatte


def upload(client, records):
    body = records if isinstance(records, bytes) else json.dumps(records).encode()
    file = io.BytesIO(body)
    file.name = "angebote.json"
    return client.post(reverse("upkeep:import_upload"), {"file": file})


def venue_at(lat_lon, location_id=None) -> list[dict]:
    return [
        {
            "location": {
                "id": str(location_id or uuid.uuid4()),
                "location_type": "physical",
                "name": "Treffpunkt",
                "latitude": lat_lon[0],
                "longitude": lat_lon[1],
            }
        }
    ]


@pytest.fixture
def foreign_offer(world) -> Offer:
    """An offer of a provider seated in 13071, at a venue in Neubrandenburg (the LKS imported it)."""
    record = hsds_service(
        name="Babytreff Neubrandenburg",
        organization={
            "id": str(uuid.uuid4()),
            "name": "Kinderland Seenplatte e.V.",
            "email": "info@kinderland.example",
            "website": "https://kinderland.example",
        },
        service_at_locations=venue_at(NEUBRANDENBURG),
    )
    [offer] = import_services([record])
    assert offer.district == world.other_district
    return offer


def attack(foreign_offer: Offer, **organization) -> dict:
    """One record of a 13075 offer naming 13071's provider and venue by their public ids."""
    venue = foreign_offer.service_at_locations.get().location
    return hsds_service(
        name="Angebot des Angreifers",
        organization={
            "id": str(foreign_offer.organization_id),
            "name": "Umbenannt",
            "email": "angreifer@evil.example",
            **organization,
        },
        service_at_locations=venue_at(GREIFSWALD, location_id=venue.pk),
    )


def unchanged(foreign_offer: Offer) -> None:
    organization = Organization.objects.get(pk=foreign_offer.organization_id)
    assert (organization.name, organization.email, organization.website) == (
        "Kinderland Seenplatte e.V.",
        "info@kinderland.example",
        "https://kinderland.example",
    )
    venue = Location.objects.get(pk=foreign_offer.service_at_locations.get().location_id)
    assert (venue.latitude, venue.longitude) == NEUBRANDENBURG
    assert not Offer.objects.filter(name="Angebot des Angreifers").exists()


def test_another_districts_provider_and_venue_cannot_be_changed_through_the_upload(
    world, foreign_offer, network_coordinator
):
    record = attack(foreign_offer)
    response = upload(network_coordinator, [record])
    assert response.status_code == 200  # refused at the upload, no preview
    content = response.content.decode()
    prefix = f"Datensatz 0 (id {record['id']}), Feld "
    assert f"{prefix}organization.id: der Träger" in content
    assert "gehört zu einem anderen Landkreis" in content
    assert f"{prefix}service_at_locations[0].location.id: der Ort" in content
    unchanged(foreign_offer)


def test_the_refusal_holds_at_the_confirmation_too(world, foreign_offer, network_coordinator):
    """The scope is checked again when the import is confirmed, not only at the upload."""
    with pytest.raises(ImportRefused) as refusal:
        import_services([attack(foreign_offer)], districts={world.district.ags})
    fields = " ".join(refusal.value.errors)
    assert "Feld organization.id" in fields and "Feld service_at_locations[0].location.id" in fields
    unchanged(foreign_offer)
    assert not AuditEntry.objects.filter(
        object_id=str(foreign_offer.organization_id), action=AuditEntry.Action.UPDATE
    ).exists()


def test_a_javascript_website_and_a_bad_email_are_refused(world, network_coordinator):
    record = hsds_service(
        url="javascript:alert(1)",
        email="keine-adresse",
        phones=[{"number": "ruf mich an"}],
    )
    record["organization"]["website"] = "javascript:alert(document.cookie)"
    record["service_at_locations"][0]["location"]["url"] = "data:text/html,<b>x</b>"
    errors = " ".join(check_records([record], districts={world.district.ags}))
    for field in (
        "Feld url: Bitte eine vollständige Webadresse mit http:// oder https://",
        "Feld email: Bitte eine gültige E-Mail-Adresse",
        "Feld phones[0].number: Bitte eine Telefonnummer",
        "Feld organization.website: Bitte eine vollständige Webadresse",
        "Feld service_at_locations[0].location.url: Bitte eine vollständige Webadresse",
    ):
        assert field in errors
    assert upload(network_coordinator, [record]).status_code == 200
    assert not Organization.objects.filter(pk=record["organization"]["id"]).exists()


def test_the_lks_may_change_any_provider(world, foreign_offer):
    [offer] = import_services([attack(foreign_offer)])
    assert offer.organization.name == "Umbenannt"


def test_a_district_updates_its_own_provider_and_venue(world, network_coordinator):
    record = hsds_service()
    upload(network_coordinator, [record])
    network_coordinator.post(
        reverse("upkeep:import_preview", kwargs={"import_id": _pending_id()}), {"importieren": "1"}
    )
    organization = Organization.objects.get(pk=record["organization"]["id"])
    assert organization.district == world.district  # seated where its offer is
    record["organization"]["name"] = "Familienbrücke Vorpommern gGmbH"
    record["service_at_locations"][0]["location"]["name"] = "Neuer Treff"
    [offer] = import_services([record], by=world.users["network_coordinator"], districts={"13075"})
    assert offer.organization.name == "Familienbrücke Vorpommern gGmbH"
    assert offer.service_at_locations.get().location.name == "Neuer Treff"


def _pending_id():
    return PendingImport.objects.get().pk


def test_a_provider_without_seat_is_the_districts_while_all_its_offers_are(world):
    record = hsds_service()
    import_services([record])
    Organization.objects.filter(pk=record["organization"]["id"]).update(district=None)
    record["organization"]["name"] = "Neuer Name"
    import_services([record], districts={"13075"})
    assert Organization.objects.get(pk=record["organization"]["id"]).name == "Neuer Name"
    with pytest.raises(ImportRefused):
        import_services([hsds_service(organization=record["organization"])], districts={"13071"})


def test_an_import_writes_the_audit_log_per_created_and_changed_object(world):
    importer = world.users["network_coordinator"]
    record = hsds_service()
    [offer] = import_services([record], by=importer, districts={"13075"})
    venue = offer.service_at_locations.get().location
    created = AuditEntry.objects.filter(actor=importer, action=AuditEntry.Action.CREATE)
    assert set(created.values_list("object_id", flat=True)) == {
        str(offer.pk),
        str(offer.organization_id),
        str(venue.pk),
    }
    assert created.get(object_id=str(offer.pk)).district == world.district

    record["organization"]["email"] = "neu@familienbruecke.example"
    record["service_at_locations"][0]["location"]["latitude"] = GREIFSWALD[0] + 0.001
    import_services([record], by=importer, districts={"13075"})
    updates = AuditEntry.objects.filter(actor=importer, action=AuditEntry.Action.UPDATE)
    assert updates.get(object_id=str(offer.organization_id)).changes == {
        "email": ["", "neu@familienbruecke.example"]
    }
    assert "latitude" in updates.get(object_id=str(venue.pk)).changes
    assert not updates.filter(object_id=str(offer.pk)).exists()  # the offer itself is unchanged


def test_a_part_id_of_another_offer_is_refused_not_a_server_error(world, network_coordinator):
    first = hsds_service()
    [offer] = import_services([first])
    schedule_id = str(offer.schedules.get().pk)
    link_id = str(offer.service_at_locations.get().pk)
    second = hsds_service()
    second["schedules"][0]["id"] = schedule_id
    second["service_at_locations"][0]["id"] = link_id
    response = upload(network_coordinator, [second])
    content = response.content.decode()
    assert response.status_code == 200
    assert "Feld schedules[0].id: gehört zu einem anderen Angebot." in content
    assert "Feld service_at_locations[0].id: gehört zu einem anderen Angebot." in content
    assert Schedule.objects.get(pk=schedule_id).offer == offer


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"attributes": 5}, "attributes: eine Liste wird erwartet."),
        ({"status": []}, "status: muss einer von"),
        ({"schedules": [{"freq": "WEEKLY", "byday": 5}]}, "schedules[0].byday: Text erwartet."),
        ({"service_areas": [{"uri": 5}]}, "service_areas[0].uri: erwartet urn:de:ags"),
        ({"languages": "de"}, "languages: eine Liste wird erwartet."),
        ({"attributes": [5]}, "attributes[0]: ein Objekt wird erwartet."),
        ({"schedules": [{"count": "viele"}]}, "schedules[0].count: ganze Zahl"),
        ({"schedules": [{"id": "x"}]}, "schedules[0].id: keine gültige UUID."),
        ({"assured_date": "gestern"}, "assured_date: Datum als JJJJ-MM-TT"),
        ({"cost_options": [{"amount": 1e20}]}, "cost_options[0].amount:"),
        ({"name": "x" * 201}, "name: höchstens 200 Zeichen (hier 201)."),
        ({"name": "Café\x00"}, "name: enthält ein NUL-Zeichen"),
        ({"description": {"\x00": 1}}, "description: ein Feldname enthält ein NUL-Zeichen."),
        ({"organization": {"id": str(uuid.uuid4()), "name": "y" * 300}}, "organization.name:"),
        ({"service_areas": [{"extent": {"type": "Polygon", "coordinates": [["a"]]}}]}, "extent"),
    ],
)
def test_wrong_types_and_sizes_are_named_not_a_server_error(
    world, network_coordinator, change, field
):
    record = hsds_service(**change)
    response = upload(network_coordinator, [record])
    assert response.status_code == 200
    assert field in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not Offer.objects.exists()


def test_deeply_nested_json_is_refused_with_a_message(world, network_coordinator):
    deep = "[" * 100_000 + "]" * 100_000
    response = upload(network_coordinator, deep.encode())
    assert response.status_code == 200
    assert "zu tief verschachtelt" in response.content.decode()
    nested: dict = {}
    for _ in range(MAX_DEPTH + 5):
        nested = {"a": nested}
    response = upload(network_coordinator, [hsds_service(description=nested)])
    assert "zu tief verschachtelt" in response.content.decode()
    assert not Offer.objects.exists()


def test_the_command_refuses_a_deep_file(tmp_path):
    path = tmp_path / "tief.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path))
