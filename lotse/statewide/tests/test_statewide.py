"""The LKS's statewide events: the yearly rhythm of the Landeskonzept, who records and who
reads what, and the competence overview of all coordinators."""

import datetime
import importlib
from decimal import Decimal

from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import AuditEntry
from lotse.networks.models import Coordination, Meeting, Network, Partner, Sector, Training
from lotse.organizations.models import Organization
from lotse.regions.models import District
from lotse.statewide.models import CircleMembers, StatewideEvent
from lotse.statewide.obligations import obligations

LIST = reverse("statewide:event_list")
CREATE = reverse("statewide:event_create")


def coordination(ags: str, name: str, **fields) -> Coordination:
    network = Network.objects.get(district__ags=ags, parent=None)
    return Coordination.objects.create(
        network=network, person_name=name, employer="youth_office", fte=Decimal("1.00"), **fields
    )


def platform(day: datetime.date, **fields) -> StatewideEvent:
    return StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.PLATFORM, title=f"Plattform {day}", held_on=day, **fields
    )


def by_code(year: int, today: datetime.date):
    return {o.code: o for o in obligations(year, today=today)}


# --- The rule ------------------------------------------------------------------------------


def test_two_platforms_in_a_past_year_do_not_meet_three_per_year(db):
    platform(datetime.date(2025, 3, 1))
    platform(datetime.date(2025, 9, 1))
    platform(datetime.date(2026, 2, 1))  # another year does not count
    e5 = by_code(2025, datetime.date(2026, 12, 7))["LKS-E5"]
    assert (e5.count, e5.required, e5.met, e5.still_open) == (2, 3, False, False)


def test_three_platforms_meet_the_rule(db):
    for month in (2, 6, 11):
        platform(datetime.date(2025, month, 1))
    assert by_code(2025, datetime.date(2026, 1, 5))["LKS-E5"].met is True


def test_a_running_year_below_three_is_still_open(db):
    platform(datetime.date(2026, 2, 1))
    e5 = by_code(2026, datetime.date(2026, 5, 1))["LKS-E5"]
    assert (e5.count, e5.met, e5.still_open) == (1, False, True)


def test_a_fachtag_counts_for_its_year_and_the_next(db):
    StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.CONFERENCE,
        title="Fachtag",
        held_on=datetime.date(2024, 10, 1),
        co_organiser="Landesfachstelle Familienhebammen",
    )
    today = datetime.date(2026, 12, 7)
    assert by_code(2024, today)["LKS-E8"].met is True
    assert by_code(2025, today)["LKS-E8"].met is True
    assert by_code(2026, today)["LKS-E8"].met is False


def test_quality_circles_are_counted_without_a_required_number(db):
    StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.QUALITY_CIRCLE,
        title="IQZ Greifswald",
        held_on=datetime.date(2025, 4, 1),
        moderation="KV MV und Netzwerkkoordination",
    )
    e9 = by_code(2025, datetime.date(2026, 1, 1))["LKS-E9"]
    assert (e9.count, e9.required, e9.met) == (1, None, None)


# --- Recording ----------------------------------------------------------------------------


def test_the_lks_records_a_platform_with_coordinator_attendance(world, state_coordinator):
    here = coordination("13075", "Anna Berger")
    there = coordination("13071", "Jonas Krüger")
    year = timezone.localdate().year
    response = state_coordinator.post(
        CREATE,
        {
            "kind": "platform",
            "title": "Plattform Frühjahr",
            "held_on": f"{year}-03-04",
            "place": "Schwerin",
        },
    )
    event = StatewideEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert AuditEntry.objects.filter(object_id=str(event.pk), action="create").exists()

    response = state_coordinator.post(
        event.get_absolute_url(), {"teilnahme": "1", "attendees": [here.pk, there.pk]}
    )
    assert response.status_code == 302
    assert set(event.attendees.all()) == {here, there}
    page = state_coordinator.get(f"{LIST}?jahr={year}").content.decode()
    assert "2 von 8 Landkreisen und kreisfreien Städten vertreten" in page
    assert "1 von 3" in page


def test_a_fachtag_without_the_landesfachstelle_is_refused(world, state_coordinator):
    response = state_coordinator.post(
        CREATE, {"kind": "conference", "title": "Fachtag", "held_on": "2025-10-01"}
    )
    assert response.status_code == 200
    assert "Ein Fachtag findet mit der Landesfachstelle Familienhebammen statt" in (
        response.content.decode()
    )
    assert not StatewideEvent.objects.exists()


def test_circle_members_are_counted_by_profession(world, state_coordinator):
    event = StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.QUALITY_CIRCLE,
        title="IQZ Anklam",
        held_on=datetime.date(2025, 5, 1),
        moderation="KV MV",
    )
    url = event.get_absolute_url()
    state_coordinator.post(url, {"berufe": "1", "paediatrician": "4", "youth_welfare": "3"})
    assert {(m.profession, m.count) for m in event.circle_members.all()} == {
        ("paediatrician", 4),
        ("youth_welfare", 3),
    }
    response = state_coordinator.post(url, {"berufe": "1", "midwife": "-2"})
    assert response.status_code == 200
    assert CircleMembers.objects.filter(event=event).count() == 2  # nothing changed


def test_attendance_is_refused_for_an_event_that_is_no_platform(world, state_coordinator):
    here = coordination("13075", "Anna Berger")
    event = StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.CONFERENCE,
        title="Fachtag",
        held_on=datetime.date(2025, 10, 1),
        co_organiser="Landesfachstelle Familienhebammen",
    )
    state_coordinator.post(event.get_absolute_url(), {"teilnahme": "1", "attendees": [here.pk]})
    assert not event.attendees.exists()


# --- Who may do what ------------------------------------------------------------------------


def test_only_the_lks_changes_events(world, ministry, network_coordinator):
    event = platform(datetime.date(2025, 3, 1))
    for client in (ministry, network_coordinator):
        assert (
            client.post(
                CREATE, {"kind": "platform", "title": "x", "held_on": "2025-01-01"}
            ).status_code
            == 403
        )
        assert client.post(event.get_absolute_url(), {"teilnahme": "1"}).status_code == 403
        assert client.get(reverse("statewide:event_edit", args=[event.pk])).status_code == 403
    assert StatewideEvent.objects.count() == 1


def test_a_district_coordinator_sees_only_her_own_districts_attendance(world, network_coordinator):
    event = platform(datetime.date(2025, 3, 1))
    event.attendees.set(
        [coordination("13075", "Anna Berger"), coordination("13071", "Jonas Krüger")]
    )
    page = network_coordinator.get(event.get_absolute_url()).content.decode()
    assert "Anna Berger" in page
    assert "Jonas Krüger" not in page
    assert "Mecklenburgische Seenplatte" not in page
    listing = network_coordinator.get(f"{LIST}?jahr=2025").content.decode()
    assert "Vorpommern-Greifswald: vertreten" in listing
    assert "Seenplatte" not in listing


def test_the_ministry_reads_all_attendance(world, ministry):
    event = platform(datetime.date(2025, 3, 1))
    event.attendees.set([coordination("13071", "Jonas Krüger")])
    page = ministry.get(event.get_absolute_url()).content.decode()
    assert "Jonas Krüger" in page
    assert "Teilnahme speichern" not in page


# --- Competence overview ------------------------------------------------------------------


def test_the_competence_overview_lists_every_coordinator_by_district_in_few_queries(
    world, state_coordinator, django_assert_max_num_queries
):
    for district in District.objects.all():
        for n in range(4):
            person = coordination(
                district.ags, f"Koordination {district.ags}-{n}", qualification="Kompetenzprofil"
            )
            for module in range(3):
                Training.objects.create(
                    coordination=person,
                    title=f"Modul {module}",
                    completed_on=datetime.date(2024, 1, 1 + module),
                )
    coordination("13075", "Ausgeschieden", until=datetime.date(2020, 1, 1))
    with django_assert_max_num_queries(12):
        response = state_coordinator.get(reverse("statewide:competences"))
    page = response.content.decode()
    assert page.count("Modul 2") == 32
    assert "Koordination 13071-3" in page
    assert "Ausgeschieden" not in page
    overview = page.split("Koordination nach Landkreisen")[1].split("</table>")[0]
    assert '<td class="num">12</td>' in overview  # 4 persons × 3 trainings per district


# --- The old platform meetings move --------------------------------------------------------


def test_platform_meetings_of_a_network_become_statewide_events(world):
    network = world.network
    partner = Partner.objects.create(
        network=network,
        organization=Organization.objects.create(
            name="Gesundheitsamt V-G", district=world.district
        ),
        sector=Sector.PUBLIC_HEALTH,
    )
    starts = datetime.datetime(2024, 4, 10, 10, tzinfo=timezone.get_current_timezone())
    meeting = Meeting.objects.create(
        network=network,
        kind="lks_platform",
        title="Plattform April",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        agenda="Konzeptfristen",
        minutes="Fristen besprochen.",
    )
    meeting.attended.set([partner])
    kept = Meeting.objects.create(
        network=network,
        kind="network_meeting",
        title="Netzwerktreffen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    migration = importlib.import_module("lotse.statewide.migrations.0002_platform_meetings_moved")
    migration.move_platform_meetings(django_apps, None)
    event = StatewideEvent.objects.get()
    assert (event.kind, event.title, event.held_on, event.agenda) == (
        "platform",
        "Plattform April",
        datetime.date(2024, 4, 10),
        "Konzeptfristen",
    )
    assert "Fristen besprochen." in event.results
    assert "Gesundheitsamt V-G" in event.results
    assert list(Meeting.objects.all()) == [kept]


def test_the_lks_task_page_shows_the_platform_check_per_year(world, ministry):
    for month in (2, 6):
        platform(datetime.date(2025, month, 1))
    page = ministry.get(reverse("documents:state_office_tasks") + "?jahr=2025").content.decode()
    platform_part = page.split("LKS-E5")[1].split("LKS-E6")[0]
    assert "2 von 3" in platform_part
    assert "nicht erfüllt" in platform_part
