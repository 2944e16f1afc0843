"""The network workspace: scoping, partners and sectors, meetings, iCal, evidence."""

import datetime
import io

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.accounts.models import AuditEntry
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks import actions
from lotse.networks.evidence import evidence_for, sector_coverage
from lotse.networks.models import ItemStatus, Meeting, Network, Partner, Sector
from lotse.organizations.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(name, world, network=None, **kwargs):
    network = network or world.network
    return reverse(name, kwargs={"ags": network.district.ags, "network_id": network.pk, **kwargs})


def partner(network, sector, name=None) -> Partner:
    organization = OrganizationFactory(
        name=name or f"{sector} {network.pk}", district=network.district
    )
    return Partner.objects.create(network=network, organization=organization, sector=sector)


def meeting(network, day, kind=Meeting.Kind.NETWORK_MEETING, **fields) -> Meeting:
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return Meeting.objects.create(
        network=network,
        kind=kind,
        title=fields.pop("title", "Netzwerktreffen"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **fields,
    )


@pytest.fixture
def sub_network(world):
    return Network.objects.create(
        district=world.district,
        parent=world.network,
        social_area=world.social_area,
        name="Teilnetzwerk Uecker-Randow",
    )


@pytest.fixture
def other_sub_network(world):
    return Network.objects.create(
        district=world.district,
        parent=world.network,
        social_area=world.other_social_area,
        name="Teilnetzwerk Usedom",
    )


def test_every_district_has_its_network():
    assert Network.objects.filter(parent=None).count() == 8


def test_a_coordinator_elsewhere_cannot_post_into_this_network(world, coordinator_elsewhere):
    for name in ("networks:partner_create", "networks:meeting_create", "networks:requirements"):
        response = coordinator_elsewhere.post(url(name, world), {"title": "x", "sector": "other"})
        assert response.status_code == 404, name
    assert not Partner.objects.exists() and not Meeting.objects.exists()


def test_an_area_coordinator_runs_her_sub_network_only(
    world, area_coordinator, sub_network, other_sub_network
):
    assert area_coordinator.get(url("networks:network", world, sub_network)).status_code == 200
    assert (
        area_coordinator.get(url("networks:network", world, other_sub_network)).status_code == 404
    )
    # Her sub-network: she may add partners; the district network she only reads.
    assert (
        area_coordinator.get(url("networks:partner_create", world, sub_network)).status_code == 200
    )
    assert area_coordinator.get(url("networks:partner_create", world)).status_code == 403
    listing = area_coordinator.get(url("networks:network", world)).content.decode()
    assert "Teilnetzwerk Uecker-Randow" in listing and "Teilnetzwerk Usedom" not in listing


def test_adding_a_partner_with_a_new_organisation_keeps_one_record(world, network_coordinator):
    data = {
        "new_organization": "Hebammenpraxis Anklam",
        "sector": Sector.MIDWIVES,
        "since": "2024-01-15",
    }
    response = network_coordinator.post(url("networks:partner_create", world), data)
    assert response.status_code == 302
    organization = Organization.objects.get(name="Hebammenpraxis Anklam")
    assert Partner.objects.get(organization=organization).network == world.network
    # The same organisation again: refused with a German message.
    again = network_coordinator.post(
        url("networks:partner_create", world),
        {"organization": organization.pk, "sector": Sector.MIDWIVES},
    )
    assert "schon Partner des Netzwerks" in again.content.decode()
    assert Partner.objects.count() == 1
    assert AuditEntry.objects.filter(object_id=str(Partner.objects.get().pk)).exists()


def test_a_partner_needs_an_organisation(world, network_coordinator):
    response = network_coordinator.post(url("networks:partner_create", world), {"sector": "other"})
    assert "Bitte wählen Sie eine Organisation" in response.content.decode()
    assert not Partner.objects.exists()


def test_plan_a_meeting_then_record_attendance_and_the_coverage_changes(world, network_coordinator):
    midwife = partner(world.network, Sector.MIDWIVES)
    jobcentre = partner(world.network, Sector.JOB_CENTRE)
    day = timezone.localdate() + datetime.timedelta(days=7)
    response = network_coordinator.post(
        url("networks:meeting_create", world),
        {
            "kind": Meeting.Kind.NETWORK_MEETING,
            "title": "Netzwerktreffen Frühjahr",
            "date": day.isoformat(),
            "start": "10:00",
            "end": "12:30",
            "place": "Jugendamt Anklam",
            "invited": [midwife.pk, jobcentre.pk],
        },
    )
    created = Meeting.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(created.starts_at).hour == 10
    page = url("networks:meeting", world, pk=created.pk)
    network_coordinator.post(page, {"teilnahme": "1", "attended": [midwife.pk]})
    assert list(created.attended.all()) == [midwife]
    evidence = evidence_for(world.network, day.year)
    assert "1 Netzwerktreffen" in evidence["FB-I-M3"].lines[0]
    assert evidence["FB-I-M3"].lines[1].startswith("1 von 15 Sektoren")


def test_a_meeting_that_ends_before_it_starts_is_refused(world, network_coordinator):
    response = network_coordinator.post(
        url("networks:meeting_create", world),
        {
            "kind": "network_meeting",
            "title": "x",
            "date": "2026-03-01",
            "start": "12:00",
            "end": "10:00",
        },
    )
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    assert not Meeting.objects.exists()


def test_tasks_are_noted_and_done(world, network_coordinator):
    item = meeting(world.network, timezone.localdate())
    page = url("networks:meeting", world, pk=item.pk)
    network_coordinator.post(
        page, {"aufgabe": "1", "text": "Flyer abstimmen", "owner": "AG Öffentlichkeit"}
    )
    task = item.tasks.get()
    network_coordinator.post(page, {"erledigt": task.pk})
    task.refresh_from_db()
    assert task.done


def test_the_calendar_feed_is_valid_ical_at_a_secret_address(client, world, sub_network):
    meeting(world.network, datetime.date(2026, 3, 4), title="Netzwerktreffen; Frühjahr, 2026")
    meeting(
        sub_network,
        datetime.date(2026, 4, 1),
        kind=Meeting.Kind.SUB_NETWORK_MEETING,
        title="Teilnetz",
    )
    response = client.get(
        reverse("network_calendar", kwargs={"token": world.network.calendar_token})
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'inline; filename="netzwerk.ics"'
    parsed = icalendar.Calendar.from_ical(response.content)
    events = sorted(parsed.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    assert [str(e["SUMMARY"]) for e in events] == ["Netzwerktreffen; Frühjahr, 2026", "Teilnetz"]
    assert events[0].decoded("DTSTART") == datetime.datetime(2026, 3, 4, 9, tzinfo=datetime.UTC)
    assert client.get(reverse("network_calendar", kwargs={"token": "geraten"})).status_code == 404
    # PostgreSQL refuses a NUL in a query: not found, not a 500.
    assert client.get("/netzwerk-kalender/%00.ics").status_code == 404
    assert client.get("/befragung/%00/").status_code == 404


def test_sector_coverage_shows_what_is_missing(world):
    partner(world.network, Sector.YOUTH_WELFARE)
    partner(world.network, Sector.PAEDIATRICIANS)
    left = partner(world.network, Sector.DAY_CARE)
    left.left_on = datetime.date(2025, 1, 1)
    left.save()
    coverage = sector_coverage([world.network])
    assert coverage.present == [Sector.YOUTH_WELFARE, Sector.PAEDIATRICIANS]
    assert Sector.DAY_CARE in coverage.missing
    evidence = evidence_for(world.network, 2026)
    assert "Kinderärztinnen" in evidence["FB-I-E6"].lines[0]
    assert "noch kein Partner" in evidence["FB-I-E7"].lines[0]


def test_the_coordinator_sets_a_status_and_the_lks_sees_the_matrix(
    world, network_coordinator, area_coordinator, state_coordinator, django_assert_max_num_queries
):
    page = url("networks:requirements", world)
    assert "FB-I-M1" in network_coordinator.get(page).content.decode()
    network_coordinator.post(
        page, {"item_code": "FB-I-M3", "status": "achieved", "reason": "6 Treffen"}
    )
    this_year = timezone.localdate().year
    assert (
        ItemStatus.objects.get(district=world.district, item__code="FB-I-M3", year=this_year).status
        == "achieved"
    )
    bad = network_coordinator.post(page, {"item_code": "FB-X-9", "status": "achieved"})
    assert "Unbekannter Baustein" in bad.content.decode()
    assert (
        area_coordinator.post(page, {"item_code": "FB-I-M3", "status": "planned"}).status_code
        == 403
    )
    # A fixed number for all districts, the records behind the matrix's warnings included.
    with django_assert_max_num_queries(25):
        matrix = state_coordinator.get(reverse("networks:state_overview")).content.decode()
    assert "erreicht" in matrix and matrix.count('<th scope="row">') >= 16


def test_exports_list_partners_without_formulas(world, network_coordinator):
    partner(world.network, Sector.OTHER, name="=SUMME(A1)")
    csv_text = network_coordinator.get(
        url("networks:export", world, what="partner", file_format="csv")
    ).content.decode("utf-8-sig")
    assert "'=SUMME(A1)" in csv_text
    assert (
        network_coordinator.get(
            url("networks:export", world, what="x", file_format="csv")
        ).status_code
        == 404
    )


def test_the_sub_network_needs_a_free_social_area(world, network_coordinator, sub_network):
    response = network_coordinator.post(
        url("networks:sub_network_create", world),
        {"social_area": world.social_area.pk, "name": "Doppelt"},
    )
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert Network.objects.filter(name="Doppelt").count() == 0


def test_actions_write_the_audit_log(world):
    lks = world.users["state_coordinator"]
    standard = actions.save_model(
        obj=world.network.standards.model(network=world.network),
        fields={"title": "Leitbild", "text": "", "adopted_on": datetime.date(2024, 3, 1)},
        by=lks,
        district=world.district,
        audited=("title", "adopted_on"),
    )
    assert AuditEntry.objects.filter(object_id=str(standard.pk), action="create").exists()


def test_a_volunteer_service_records_counts_and_checked_requirements(world, network_coordinator):
    organization = OrganizationFactory(name="Familienpaten Greifswald", district=world.district)
    create = url("networks:volunteer_create", world)
    data = {
        "name": "Familienpatenschaften",
        "provider": organization.pk,
        "guide_name": "Koordinatorin Ehrenamt",
        "active_volunteers": "14",
        "met_FB_II_1_2_M2": "on",
    }
    refused = network_coordinator.post(create, data)
    assert "Bitte nennen Sie den Nachweis." in refused.content.decode()
    assert not world.network.volunteer_services.exists()
    data["evidence_FB_II_1_2_M2"] = "Stelle 0,5 VZÄ beim Träger, Supervision monatlich"
    assert network_coordinator.post(create, data).status_code == 302
    service = world.network.volunteer_services.get()
    assert service.active_volunteers == 14
    assert service.requirements["FB-II.1.2-M2"]["met"] is True
    assert service.requirements["FB-II.1.2-M1"] == {"met": False, "evidence": ""}
    listing = network_coordinator.get(url("networks:volunteer_list", world)).content.decode()
    assert "noch kein Partner im Netzwerk" in listing
    Partner.objects.create(
        network=world.network, organization=organization, sector=Sector.VOLUNTEERING
    )
    listing = network_coordinator.get(url("networks:volunteer_list", world)).content.decode()
    assert "Der Träger ist Partner im Netzwerk." in listing


def test_the_requirements_page_downloads_as_pdf(world, network_coordinator):
    actions.set_item_status(
        district=world.district,
        item=StateConceptItem.objects.get(
            code="FB-I-M3", state_concept=StateConcept.objects.current()
        ),
        year=2026,
        status="achieved",
        reason="sechs Treffen",
        by=world.users["network_coordinator"],
    )
    response = network_coordinator.get(
        url("networks:requirements", world) + "?jahr=2026&format=pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert b"mindestanforderungen-13075-2026.pdf" in response["Content-Disposition"].encode()
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert world.network.name in text and "Was die Daten zeigen" in text
    assert "FB-I-M3" in text and "erreicht – sechs Treffen" in text
    assert "FB-I-E11" in text and "noch nicht eingeschätzt" in text
    # Accessible: tagged, in German, with a title.
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata.title == f"{world.network.name} – Mindestanforderungen 2026"


@pytest.mark.parametrize(
    ("fte", "accepted"), [("0", False), ("0.5", True), ("10", True), ("12", False)]
)
def test_the_coordination_needs_a_sensible_fte(world, network_coordinator, fte, accepted):
    response = network_coordinator.post(
        url("networks:coordination_create", world),
        {
            "koordination-person_name": "Anna Berger",
            "koordination-employer": "youth_office",
            "koordination-fte": fte,
        },
    )
    assert (response.status_code == 302) is accepted
    assert world.network.coordinations.exists() is accepted


def test_uploaded_minutes_are_served_only_inside_the_workspace(
    world, network_coordinator, coordinator_elsewhere, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = meeting(world.network, timezone.localdate())
    edit = url("networks:meeting_edit", world, pk=item.pk)
    base = {
        "kind": "network_meeting",
        "title": "Mit Protokoll",
        "date": "2026-03-01",
        "start": "10:00",
        "end": "11:00",
    }
    refused = network_coordinator.post(
        edit, {**base, "minutes_file": SimpleUploadedFile("protokoll.exe", b"MZ")}
    )
    assert "Erlaubt sind PDF" in refused.content.decode()
    network_coordinator.post(
        edit, {**base, "minutes_file": SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4 demo")}
    )
    item.refresh_from_db()
    assert item.minutes_file.name.endswith(".pdf")
    download = url("networks:document", world, kind="protokoll", pk=item.pk)
    response = network_coordinator.get(download)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert coordinator_elsewhere.get(download).status_code == 404


def test_editing_a_partner_logs_the_old_and_the_new_value(world, network_coordinator):
    existing = partner(world.network, Sector.OTHER, name="Stadtteiltreff Ost")
    response = network_coordinator.post(
        url("networks:partner_edit", world, pk=existing.pk),
        {"organization": existing.organization.pk, "sector": Sector.FAMILY_EDUCATION},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_id=str(existing.pk), action="update")
    assert entry.changes["sector"] == [Sector.OTHER, Sector.FAMILY_EDUCATION]
