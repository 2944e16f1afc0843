"""The LKS records the third platform meeting of the year with the coordinators who came,
and sees the Landeskonzept's "three times a year" met."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.networks.models import Coordination, Network
from lotse.statewide.models import StatewideEvent
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_lks_records_a_platform_meeting_and_sees_three_per_year(browser, live_server):
    year = timezone.localdate().year
    for ags, name in (("13075", "Anna Berger"), ("13071", "Jonas Krüger")):
        Coordination.objects.create(
            network=Network.objects.get(district__ags=ags, parent=None),
            person_name=name,
            employer="youth_office",
            fte=Decimal("1.00"),
        )
    for month in (2, 6):
        StatewideEvent.objects.create(
            kind=StatewideEvent.Kind.PLATFORM,
            title=f"Plattform {month}/{year}",
            held_on=datetime.date(year, month, 10),
        )
    lks = person("lks-e2e@lotse.example", Role.STATE_COORDINATOR)

    page = sign_in(browser, live_server.url, lks)
    page.goto(f"/arbeitsbereich/landesweit/veranstaltungen/?jahr={year}")
    checks = page.get_by_role("table", name=f"Was das Landeskonzept für {year} verlangt")
    assert "2 von 3" in checks.get_by_role("row", name="LKS-E5").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Veranstaltung eintragen").click()
    assert axe_violations(page) == []
    page.get_by_label("Art:").select_option(label="Plattform der Netzwerkkoordination")
    page.get_by_label("Titel:").fill("Plattform Herbst")
    page.get_by_label("Datum:").fill(datetime.date(year, 10, 1).isoformat())
    page.get_by_label("Ort:").fill("Schwerin")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/veranstaltungen/*/")
    page.get_by_label("Landkreis Vorpommern-Greifswald: Anna Berger").check()
    page.get_by_label("Landkreis Mecklenburgische Seenplatte: Jonas Krüger").check()
    page.get_by_role("button", name="Teilnahme speichern").click()
    page.wait_for_load_state()
    attendance = page.get_by_role("table", name="Wer aus welchem Landkreis teilgenommen hat")
    assert (
        "Anna Berger"
        in attendance.get_by_role("row", name="Landkreis Vorpommern-Greifswald").inner_text()
    )
    assert (
        "nicht vertreten" in attendance.get_by_role("row", name="Hansestadt Rostock").inner_text()
    )
    assert axe_violations(page) == []

    page.get_by_role("link", name="Alle landesweiten Veranstaltungen").click()
    row = page.get_by_role("table", name=f"Was das Landeskonzept für {year} verlangt").get_by_role(
        "row", name="LKS-E5"
    )
    assert "erfüllt" in row.inner_text()
    assert "nicht erfüllt" not in row.inner_text()
    assert "3 von 3" in row.inner_text()
    assert "2 von 8 Landkreisen" in page.get_by_role("row", name="Plattform Herbst").inner_text()
    assert axe_violations(page) == []


def test_the_competence_overview_and_an_iqz_pass_axe(browser, live_server):
    coordination = Coordination.objects.create(
        network=Network.objects.get(district__ags="13075", parent=None),
        person_name="Anna Berger",
        employer="youth_office",
        fte=Decimal("0.75"),
        qualification="Kompetenzprofil NZFH, Module 1–3",
    )
    coordination.trainings.create(
        title="Modul Netzwerkmanagement", completed_on=datetime.date(2024, 5, 1)
    )
    circle = StatewideEvent.objects.create(
        kind=StatewideEvent.Kind.QUALITY_CIRCLE,
        title="IQZ Greifswald",
        held_on=datetime.date(2025, 4, 1),
        moderation="KV MV und Netzwerkkoordination",
    )
    lks = person("lks-kompetenz@lotse.example", Role.STATE_COORDINATOR)
    page = sign_in(browser, live_server.url, lks)
    page.goto("/arbeitsbereich/landesweit/kompetenzen/")
    table = page.get_by_role("table", name="Koordination in Landkreis Vorpommern-Greifswald")
    assert "Modul Netzwerkmanagement" in table.inner_text()
    assert axe_violations(page) == []
    page.goto(circle.get_absolute_url())
    page.get_by_label("Kinder- und Jugendärztinnen und -ärzte").fill("4")
    page.get_by_label("Kinder- und Jugendhilfe").fill("3")
    page.get_by_role("button", name="Berufsgruppen speichern").click()
    page.wait_for_load_state()
    assert page.get_by_role("table", name="7 Mitglieder nach Beruf").is_visible()
    assert axe_violations(page) == []
