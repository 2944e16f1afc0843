"""Measures: one record for concept, report, Projektsteckbrief and Sachbericht; scoping,
validation, yearly results (Ziel- und Erfolgskontrolle), printable profiles."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lotse.accounts.models import AuditEntry
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.documents import actions as concept_actions
from lotse.documents.versions import snapshot
from lotse.funding.models import Indicator, IndicatorResult, Measure, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return StateConcept.objects.current()


@pytest.fixture
def measure(world, edition):
    created = Measure.objects.create(
        district=world.district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code="II.2"),
        title="Eltern-Café Anklam",
        provider=world.organization,
        starts_on=datetime.date(2024, 1, 1),
        funding_share=60,
    )
    created.serves.set(StateConceptItem.objects.filter(code__in=["FB-II.2-E1", "FB-II.2-E3"]))
    Indicator.objects.create(
        measure=created, goal="Familien erreichen", name="Besuche", unit="Besuche", target=400
    )
    return created


def url(name, measure, **kwargs):
    return reverse(name, kwargs={"ags": measure.district.ags, "pk": measure.pk, **kwargs})


def form_data(edition, world, **changes):
    data = {
        "title": "Familienpatenschaften",
        "funding_area": edition.funding_areas.get(code="II.1.2").pk,
        "serves": [StateConceptItem.objects.get(code="FB-II.1.2-M1").pk],
        "provider": world.organization.pk,
        "starts_on": "2025-01-01",
        "ends_on": "",
        "funding_share": "80",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-goal": "Familien begleiten",
        "indicators-0-name": "begleitete Familien",
        "indicators-0-unit": "Familien",
        "indicators-0-target": "25",
    }
    data.update(changes)
    return data


def test_coordinator_creates_a_measure_with_indicators(world, edition, network_coordinator):
    response = network_coordinator.post(
        reverse("funding:measure_create", kwargs={"ags": world.district.ags}),
        form_data(edition, world),
    )
    assert response.status_code == 302
    created = Measure.objects.get(title="Familienpatenschaften")
    assert created.district == world.district and created.indicators.get().target == 25
    assert AuditEntry.objects.filter(object_id=str(created.pk), action="create").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"provider": "", "provider_name": ""}, "Träger wählen"),
        ({"ends_on": "2024-01-01"}, "Ende liegt vor dem Beginn"),
        ({"funding_share": "120"}, "zwischen 0 und 100"),
        ({"serves": [1]}, "anderen Förderbereich"),
        ({"starts_on": "kein Datum"}, "gültiges Datum"),
    ],
)
def test_bad_input_changes_nothing(world, edition, network_coordinator, changes, message):
    if changes.get("serves") == [1]:
        changes = {"serves": [StateConceptItem.objects.get(code="FB-I-M1").pk]}
    response = network_coordinator.post(
        reverse("funding:measure_create", kwargs={"ags": world.district.ags}),
        form_data(edition, world, **changes),
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Measure.objects.exists()


def test_only_the_districts_coordinator_edits(
    measure, network_coordinator, state_coordinator, ministry, coordinator_elsewhere
):
    assert network_coordinator.get(url("funding:measure_edit", measure)).status_code == 200
    assert state_coordinator.get(url("funding:measure_edit", measure)).status_code == 403
    assert ministry.get(url("funding:measure", measure)).status_code == 200
    assert coordinator_elsewhere.get(url("funding:measure", measure)).status_code == 404
    assert (
        state_coordinator.post(url("funding:measure_year", measure, year=2025), {}).status_code
        == 403
    )


def test_year_results_and_progress_report(measure, network_coordinator):
    indicator = measure.indicators.get()
    data = {
        f"i{indicator.pk}-actual": "310",
        f"i{indicator.pk}-rating": "partly",
        f"i{indicator.pk}-explanation": "Winterpause",
        # The Sachbericht has its own page (lotse/accountability): this one leaves it alone.
        "report-activities": "Überschrieben?",
    }
    ProgressReport.objects.create(measure=measure, year=2025, activities="Wöchentliches Café")
    assert (
        network_coordinator.post(url("funding:measure_year", measure, year=2025), data).status_code
        == 302
    )
    result = IndicatorResult.objects.get(indicator=indicator, year=2025)
    assert result.actual == 310 and result.rating == "partly"
    assert ProgressReport.objects.get(measure=measure, year=2025).activities == "Wöchentliches Café"
    assert (
        network_coordinator.get(url("funding:measure_year", measure, year=2020)).status_code == 404
    )  # before the start
    bad = network_coordinator.post(
        url("funding:measure_year", measure, year=2025), data | {f"i{indicator.pk}-rating": "super"}
    )
    assert bad.status_code == 200
    assert IndicatorResult.objects.get(indicator=indicator, year=2025).rating == "partly"

    sachbericht = network_coordinator.get(
        url("funding:progress_report", measure, year=2025, file_format="pdf")
    )
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sachbericht.content)).pages).split()
    )
    assert "Sachbericht 2025" in text
    assert "Wöchentliches Café" in text
    assert "teilweise erreicht" in text


def test_profile_pdf_and_the_same_measure_in_the_concept(
    measure, world, edition, network_coordinator
):
    profile = network_coordinator.get(url("funding:measure_profile", measure, file_format="pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(profile.content)).pages)
    assert "Projektsteckbrief" in text and "Eltern-Café Anklam" in text and "FB-II.2-E3" in text
    concept = concept_actions.start_concept(
        district=world.district, edition=edition, by=world.users["network_coordinator"]
    )
    listed = snapshot(concept)["measures"]
    assert [m["title"] for m in listed] == ["Eltern-Café Anklam"]
    assert listed[0]["serves"] == ["FB-II.2-E1", "FB-II.2-E3"]


def test_annual_report_lists_the_years_results(measure, world, edition):
    indicator = measure.indicators.get()
    IndicatorResult.objects.create(indicator=indicator, year=2025, actual=310, rating="partly")
    report = concept_actions.start_annual_report(
        district=world.district, edition=edition, year=2025, by=world.users["network_coordinator"]
    )
    listed = snapshot(report)["measures"][0]["indicators"][0]
    assert listed["actual"] == "310.00" and listed["rating"] == "teilweise erreicht"
