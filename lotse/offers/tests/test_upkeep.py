"""Providers keep offers current; coordinators approve; everything lands in the audit log."""

import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lotse.accounts.models import AuditEntry
from lotse.offers import search_index
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, PendingImport, Topic
from lotse.offers.reminders import send_verification_reminders
from lotse.offers.search import SearchCriteria, search
from lotse.offers.tests.samples import GREIFSWALD, hsds_service
from lotse.offers.translations import german_text_digest

pytestmark = pytest.mark.django_db


def findable_ids(point=GREIFSWALD):
    result = search(SearchCriteria(latitude=point[0], longitude=point[1], radius_km=20))
    return {hit.offer_id for hit in result.hits}


@pytest.fixture
def live_offer(world) -> Offer:
    """An approved Eltern-Café in Greifswald (13075) of the world's provider."""
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    [offer] = import_services([hsds_service(organization=organization)])
    return offer


def offer_form(world, **overrides) -> dict:
    """A valid POST of the offer form: a course in Greifswald."""
    data = {
        "offer-organization": str(world.organization.id),
        "offer-name": "Babymassage-Kurs",
        "offer-description": "Sechs Treffen für Eltern mit Babys.",
        "offer-topics": [str(Topic.objects.get(code="elternkurs").pk)],
        "offer-status": "active",
        "offer-age_min_months": "1",
        "offer-age_max_months": "12",
        "offer-languages": ["de", "uk"],
        "offer-email": "kurs@familienzentrum.example",  # every offer needs a contact
        "venue-TOTAL_FORMS": "1",
        "venue-INITIAL_FORMS": "0",
        "venue-0-name": "Familienzentrum",
        "venue-0-address_1": "Markt 1",
        "venue-0-postal_code": "17489",
        "venue-0-city": "Greifswald",
        "time-TOTAL_FORMS": "1",
        "time-INITIAL_FORMS": "0",
        "time-0-byday": ["TU"],
        "time-0-opens_at": "10:00",
        "time-0-closes_at": "11:30",
        "time-0-dtstart": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        "time-0-count": "6",
    }
    data.update(overrides)
    return data


def test_a_new_offer_of_a_provider_goes_live_after_the_coordinator_approves(
    world, provider_editor, network_coordinator
):
    response = provider_editor.post(reverse("upkeep:offer_create"), offer_form(world))
    offer = Offer.objects.get(name="Babymassage-Kurs")
    assert response.status_code == 302
    assert offer.approval == Offer.Approval.PENDING
    assert offer.district == world.district
    assert offer.pk not in findable_ids()

    todo = network_coordinator.get(reverse("upkeep:offers") + "?ansicht=freigabe")
    assert "Babymassage-Kurs" in todo.content.decode()
    network_coordinator.post(
        reverse("upkeep:offer_approve", kwargs={"offer_id": offer.pk}), {"step": "approve"}
    )

    offer.refresh_from_db()
    assert offer.approval == Offer.Approval.APPROVED
    assert offer.pk in findable_ids()
    assert set(offer.languages.values_list("code", flat=True)) == {"de", "uk"}
    # The venue got the postcode's coordinates; the course its dates.
    assert offer.service_at_locations.get().location.latitude == pytest.approx(54.09, abs=0.05)
    assert offer.schedules.get().count == 6
    actions = list(
        AuditEntry.objects.filter(object_id=str(offer.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


def test_a_provider_cannot_approve_and_a_coordinator_elsewhere_sees_nothing(
    world, live_offer, provider_editor, coordinator_elsewhere
):
    Offer.objects.filter(pk=live_offer.pk).update(approval=Offer.Approval.PENDING)
    approve = reverse("upkeep:offer_approve", kwargs={"offer_id": live_offer.pk})
    assert provider_editor.post(approve, {"step": "approve"}).status_code == 403
    for name in ("upkeep:offer", "upkeep:offer_edit"):
        url = reverse(name, kwargs={"offer_id": live_offer.pk})
        assert coordinator_elsewhere.get(url).status_code == 404, name
    assert coordinator_elsewhere.post(approve, {"step": "approve"}).status_code == 404
    live_offer.refresh_from_db()
    assert live_offer.approval == Offer.Approval.PENDING
    listing = coordinator_elsewhere.get(reverse("upkeep:offers")).content.decode()
    assert live_offer.name not in listing


def test_an_offer_made_by_the_coordinator_is_live_at_once(world, network_coordinator):
    network_coordinator.post(reverse("upkeep:offer_create"), offer_form(world))
    offer = Offer.objects.get(name="Babymassage-Kurs")
    assert offer.approval == Offer.Approval.APPROVED
    assert offer.pk in findable_ids()


def test_a_coordinators_edits_of_a_live_offer_are_visible_at_once_and_audited(
    world, live_offer, network_coordinator
):
    # A provider's edits wait for the coordinator: lotse/offers/tests/test_change_review.py.
    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": live_offer.pk})
    form = network_coordinator.get(edit).context["form"]
    assert form.initial["languages"] == ["ar", "de"] or set(form.initial["languages"]) == {
        "de",
        "ar",
    }
    data = offer_form(
        world,
        **{
            "offer-name": "Eltern-Café am Markt (neu: auch freitags)",
            "venue-INITIAL_FORMS": "1",
            "venue-0-location_id": str(live_offer.service_at_locations.get().location_id),
        },
    )
    response = network_coordinator.post(edit, data)
    assert response.status_code == 302
    live_offer.refresh_from_db()
    assert live_offer.name == "Eltern-Café am Markt (neu: auch freitags)"
    assert live_offer.approval == Offer.Approval.APPROVED
    assert live_offer.pk in findable_ids()
    entry = AuditEntry.objects.get(object_id=str(live_offer.pk), action="update")
    assert entry.changes["name"] == [
        "Eltern-Café am Markt",
        "Eltern-Café am Markt (neu: auch freitags)",
    ]
    assert "languages" in entry.changes and "schedules" in entry.changes
    assert entry.district == world.district


def test_bad_input_gets_german_messages_and_changes_nothing(world, provider_editor):
    data = offer_form(
        world,
        **{
            "offer-age_min_months": "24",
            "offer-age_max_months": "6",
            "venue-0-postal_code": "99999",
            "venue-0-latitude": "",
            "time-0-closes_at": "09:00",
        },
    )
    content = provider_editor.post(reverse("upkeep:offer_create"), data).content.decode()
    assert "Das Höchstalter darf nicht unter dem Mindestalter liegen." in content
    assert "Diese PLZ kennen wir in Mecklenburg-Vorpommern nicht." in content
    assert "Das Ende muss nach dem Beginn liegen." in content
    assert not Offer.objects.exists()


def test_an_offer_must_be_somewhere(world, provider_editor):
    data = offer_form(
        world,
        **{
            "venue-0-address_1": "",
            "venue-0-postal_code": "",
            "venue-0-city": "",
            "venue-0-name": "",
        },
    )
    content = provider_editor.post(reverse("upkeep:offer_create"), data).content.decode()
    assert "mindestens einen Ort" in content
    assert not Offer.objects.exists()


def test_a_possible_duplicate_is_shown_before_saving(world, live_offer, provider_editor):
    data = offer_form(world, **{"offer-name": "Elterncafe am Markt"})
    response = provider_editor.post(reverse("upkeep:offer_create"), data)
    assert response.status_code == 200
    assert "Gibt es dieses Angebot schon?" in response.content.decode()
    assert Offer.objects.count() == 1
    data["offer-confirm_not_duplicate"] = "on"
    assert provider_editor.post(reverse("upkeep:offer_create"), data).status_code == 302
    assert Offer.objects.count() == 2


def test_one_click_confirms_and_a_stale_offer_leaves_the_search(
    world, live_offer, provider_editor, network_coordinator
):
    Offer.objects.filter(pk=live_offer.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=400)
    )
    search_index.refresh([live_offer.pk])
    assert live_offer.pk not in findable_ids()
    todo = network_coordinator.get(reverse("upkeep:offers") + "?ansicht=abgelaufen")
    assert live_offer.name in todo.content.decode()

    provider_editor.post(reverse("upkeep:offer_confirm", kwargs={"offer_id": live_offer.pk}))
    live_offer.refresh_from_db()
    assert timezone.now() - live_offer.verified_at < datetime.timedelta(minutes=1)
    assert live_offer.pk in findable_ids()


def test_reminders_go_once_to_the_editor_or_else_to_the_coordinator(world, live_offer):
    Offer.objects.filter(pk=live_offer.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert send_verification_reminders() == 1
    assert mail.outbox[0].to == ["anbieter@test.example"]
    assert live_offer.name in mail.outbox[0].body
    assert send_verification_reminders() == 0  # once per period

    world.users["provider_editor"].memberships.all().delete()
    Offer.objects.filter(pk=live_offer.pk).update(
        reminded_at=None, verified_at=timezone.now() - datetime.timedelta(days=190)
    )
    assert send_verification_reminders() == 1
    assert mail.outbox[1].to == ["netzwerk@test.example"]


def test_the_reminder_comes_in_the_language_the_editor_chose(world, live_offer):
    editor = world.users["provider_editor"]
    editor.language = "en"
    editor.save()
    Offer.objects.filter(pk=live_offer.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert send_verification_reminders() == 1
    sent = mail.outbox[0]
    assert sent.subject == "Lotse: Please check your offers"
    assert sent.body.startswith("Hello,") and live_offer.name in sent.body
    assert "Guten Tag" not in sent.body


def test_a_translation_is_shown_until_the_german_text_changes(
    world, live_offer, provider_editor, client
):
    url = reverse("upkeep:offer_translation", kwargs={"offer_id": live_offer.pk})
    manage = reverse("upkeep:offer", kwargs={"offer_id": live_offer.pk})
    german_page = live_offer.get_absolute_url()
    provider_editor.post(
        url, {"language": "en", "name": "Parents' café", "description": "Meet other parents."}
    )
    english = client.get("/en" + german_page).content.decode()
    assert "Parents&#x27; café" in english
    assert "Parents" not in client.get(german_page).content.decode()

    Offer.objects.filter(pk=live_offer.pk).update(description="Neuer Text")
    english = client.get("/en" + german_page).content.decode()
    assert "Parents&#x27; café" not in english
    assert "veraltet" in provider_editor.get(manage).content.decode()


def test_easy_read_is_shown_when_present(live_offer, client):
    Offer.objects.filter(pk=live_offer.pk).update(
        easy_read="Hier treffen sich Eltern.", easy_read_digest=german_text_digest(live_offer)
    )
    content = client.get(live_offer.get_absolute_url()).content.decode()
    assert "In Leichter Sprache" in content and "Hier treffen sich Eltern." in content


# --- Import page ----------------------------------------------------------------------------


def upload(client, records, name="angebote.json"):
    body = records if isinstance(records, bytes) else json.dumps(records).encode()
    file = io.BytesIO(body)
    file.name = name
    return client.post(reverse("upkeep:import_upload"), {"file": file})


def test_upload_preview_then_import_all(world, network_coordinator):
    records = [hsds_service(), hsds_service(name="Zweites Café")]
    response = upload(network_coordinator, records)
    assert response.status_code == 302
    assert not Offer.objects.exists()  # the preview stores nothing in the directory
    preview = network_coordinator.get(response.url)
    assert "2 neue Angebote" in preview.content.decode()
    network_coordinator.post(response.url, {"importieren": "1"})
    assert Offer.objects.count() == 2
    assert not PendingImport.objects.exists()


def test_a_bad_file_imports_nothing_and_names_record_and_field(world, network_coordinator):
    assert "Kein gültiges JSON (Zeile 1" in upload(network_coordinator, b"[{").content.decode()
    records = [hsds_service(), hsds_service(minimum_age=-1)]
    content = upload(network_coordinator, records).content.decode()
    assert "Datensatz 1 " in content and "minimum_age" in content
    assert not Offer.objects.exists() and not PendingImport.objects.exists()


def test_a_coordinator_cannot_import_into_another_district(world, coordinator_elsewhere):
    response = upload(coordinator_elsewhere, [hsds_service()])  # Greifswald is in 13075
    result = coordinator_elsewhere.post(response.url, {"importieren": "1"})
    assert "liegt nicht in Ihrem Landkreis" in result.content.decode()
    assert not Offer.objects.exists()


def test_someone_elses_pending_import_is_not_found(world, network_coordinator, state_coordinator):
    response = upload(network_coordinator, [hsds_service()])
    assert state_coordinator.get(response.url).status_code == 404
    assert state_coordinator.post(response.url, {"importieren": "1"}).status_code == 404
    assert not Offer.objects.exists()


# --- Export -----------------------------------------------------------------------------------


def test_exports_cover_the_scope_in_three_formats(
    world, live_offer, network_coordinator, coordinator_elsewhere
):
    Offer.objects.filter(pk=live_offer.pk).update(name="=HYPERLINK(evil)")
    csv_text = network_coordinator.get(
        reverse("upkeep:export", kwargs={"file_format": "csv"})
    ).content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert header.startswith("ID;Name;Träger")
    assert "'=HYPERLINK(evil)" in row  # no formula in a spreadsheet

    xlsx = network_coordinator.get(reverse("upkeep:export", kwargs={"file_format": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(2, 1).value == str(live_offer.pk)

    hsds = network_coordinator.get(reverse("upkeep:export", kwargs={"file_format": "json"}))
    assert [service["id"] for service in json.loads(hsds.content)] == [str(live_offer.pk)]

    elsewhere = coordinator_elsewhere.get(reverse("upkeep:export", kwargs={"file_format": "json"}))
    assert json.loads(elsewhere.content) == []
    bad = network_coordinator.get(reverse("upkeep:export", kwargs={"file_format": "exe"}))
    assert bad.status_code == 404


def test_the_upkeep_list_has_no_n_plus_one(world, state_coordinator, django_assert_max_num_queries):
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    import_services([hsds_service(organization=organization, name=f"Café {n}") for n in range(30)])
    with django_assert_max_num_queries(20):
        response = state_coordinator.get(reverse("upkeep:offers"))
    assert response.content.decode().count("Café ") >= 30


def test_a_concurrent_edit_is_refused_with_the_other_persons_change(
    world, live_offer, provider_editor, network_coordinator
):
    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": live_offer.pk})
    opened = provider_editor.get(edit).context["form"].initial["version"]
    location = str(live_offer.service_at_locations.get().location_id)
    common = {"venue-INITIAL_FORMS": "1", "venue-0-location_id": location}
    # The coordinator saves first …
    first = network_coordinator.post(
        edit,
        offer_form(
            world, **common, **{"offer-name": "Fassung Koordination", "offer-version": opened}
        ),
    )
    assert first.status_code == 302
    # … the provider's save, based on the old state, is refused and names the change.
    second = provider_editor.post(
        edit,
        offer_form(world, **common, **{"offer-name": "Fassung Anbieter", "offer-version": opened}),
    )
    assert second.status_code == 409
    message = second.content.decode()
    assert "netzwerk@test.example hat dieses Angebot am" in message
    # The changed parts by their German labels, not their field names.
    changed = re.search(r"geändert \((.*?)\), nachdem", message).group(1).split(", ")
    assert "Name" in changed and "name" not in changed
    live_offer.refresh_from_db()
    assert live_offer.name == "Fassung Koordination"
    # Saving again, knowingly, with the version the refusal handed back, goes through: to
    # the coordinator, as every change of a live offer by its provider.
    version = second.context["form"].data["offer-version"]
    third = provider_editor.post(
        edit,
        offer_form(world, **common, **{"offer-name": "Fassung Anbieter", "offer-version": version}),
    )
    assert third.status_code == 302
    live_offer.refresh_from_db()
    assert live_offer.name == "Fassung Koordination"
    assert live_offer.changes.get().proposal["fields"]["name"] == "Fassung Anbieter"
