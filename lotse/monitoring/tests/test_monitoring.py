"""Monitoring: reach (grid vs. brute force), indicator formulas and state totals, maps,
statistics import (all or nothing, line numbers), pages, reports, scoping."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.monitoring import maps, reach
from lotse.monitoring.formulas import Ratio, combined, compute
from lotse.monitoring.models import Indicator, Target, Value
from lotse.monitoring.queries import record, series
from lotse.networks.models import ParentTopic, Partner
from lotse.regions.models import District, Municipality, Statistic
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

latitudes = st.floats(min_value=47.0, max_value=55.0)
longitudes = st.floats(min_value=5.5, max_value=15.5)


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=60),
    probe=st.tuples(latitudes, longitudes),
)
def test_grid_finds_the_same_nearest_venue_as_brute_force(points, probe):
    grid = reach.VenueGrid(points)
    brute = min(reach.distance_km(*probe, *point) for point in points)
    found = grid.nearest(*probe, max_km=2000)
    assert found == pytest.approx(brute)


def test_grid_gives_up_beyond_the_radius():
    grid = reach.VenueGrid([(54.0, 12.0)])
    assert grid.nearest(48.0, 8.0, max_km=100) is None
    assert reach.VenueGrid([]).nearest(54.0, 12.0) is None


def test_state_total_is_a_rate_over_all_not_a_mean():
    total = combined([Ratio(Decimal(1), Decimal(10), 100), Ratio(Decimal(9), Decimal(10), 100)])
    assert total.value == Decimal("50.000")
    assert combined([Ratio(Decimal(3)), Ratio(Decimal(4))]).value == Decimal(7)
    assert Ratio(Decimal(1), Decimal(0), 100).value is None


def test_the_first_indicator_set_is_shipped_with_links():
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {
        "angebote-je-1000",
        "erreichbarkeit-10km",
        "erreichbarkeit-20km",
        "sektoren",
        "teilnahme",
        "ausgaben-je-kind",
    } <= codes
    assert Indicator.objects.get(code="netzwerktreffen").measures.filter(code="FB-I-M3").exists()


def test_partner_and_topic_counts_per_district(world):
    for number in range(3):
        Partner.objects.create(
            network=world.network,
            organization=OrganizationFactory(district=world.district),
            sector=["youth_welfare", "midwives", "youth_welfare"][number],
        )
    per_district, state = compute(Indicator.objects.get(code="netzwerkpartner"), 2026)
    assert per_district[world.district.pk].value == 3 and state.value == 3
    per_district, _state = compute(Indicator.objects.get(code="sektoren"), 2026)
    assert per_district[world.district.pk].value == 2


def test_small_counts_are_suppressed_for_districts(world, network_coordinator):
    import datetime

    for month in (1, 2):
        ParentTopic.objects.create(
            network=world.network, month=datetime.date(2026, month, 1), topic="sleep"
        )
    data = series(Indicator.objects.get(code="elternthemen"))
    assert data.shown(world.district.pk, data.years[-1], sees_small_numbers=False) == "< 5"
    assert data.shown(world.district.pk, data.years[-1], sees_small_numbers=True) == "2"


def test_recorded_values_make_the_trend(world):
    indicator = Indicator.objects.get(code="netzwerkpartner")
    Value.objects.create(indicator=indicator, district=world.district, year=2024, value=Decimal(1))
    Partner.objects.create(
        network=world.network,
        organization=OrganizationFactory(district=world.district),
        sector="youth_welfare",
    )
    Target.objects.create(indicator=indicator, district=world.district, year=2026, value=Decimal(5))
    data = series(indicator)
    assert data.years[0] == 2024 and data.trend(world.district.pk) == Decimal(0)
    assert data.targets[(world.district.pk, 2026)] == Decimal(5)
    assert record(2025) == Indicator.objects.count() * 9


def test_choropleth_has_legend_titles_and_no_data_grey():
    districts = list(District.objects.order_by("ags"))
    values = {d.ags: Decimal(i) for i, d in enumerate(districts[:-1])}
    drawn = maps.choropleth(
        districts, values, {d.ags: str(values.get(d.ags, "–")) for d in districts}
    )
    assert len(drawn.areas) == 8 and drawn.areas[-1].colour == maps.NO_DATA
    assert drawn.legend[0].low == 0 and drawn.legend[-1].high == 6
    assert all(area.path.startswith("M") for area in drawn.areas)


# --- Statistics import ---------------------------------------------------------------------


GENESIS = """Kinder unter 3 Jahren: Kreise, Stichtag
;;31.12.2023
13003;Rostock, Hansestadt;4.912
13075;Vorpommern-Greifswald, Landkreis;5.530
__________
(C)opyright Statistisches Amt Mecklenburg-Vorpommern
"""


def test_statistics_page_import_only_for_the_lks_and_all_or_nothing(state_coordinator, ministry):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("monitoring:statistics")
    upload = SimpleUploadedFile("kinder.csv", GENESIS.encode("cp1252"), content_type="text/csv")
    data = {"file": upload, "kind": "children_under_3", "source": "Statistisches Amt MV"}
    assert ministry.post(url, data).status_code == 403
    upload.seek(0)
    assert state_coordinator.post(url, data).status_code == 302
    stored = Statistic.objects.get(district__ags="13003", kind="children_under_3", year=2023)
    assert stored.value == Decimal("4912") and not stored.is_invented
    broken = GENESIS.replace("5.530", "viele").replace("2023", "2024")
    bad = SimpleUploadedFile("kinder.csv", broken.encode(), content_type="text/csv")
    response = state_coordinator.post(url, data | {"file": bad})
    assert "Zeile 4, Spalte 3" in response.content.decode()
    assert not Statistic.objects.filter(year=2024, kind="children_under_3").exists()


# --- Pages and reports ------------------------------------------------------------------------


def test_pages_and_scoping(
    world, state_coordinator, network_coordinator, coordinator_elsewhere, provider_editor
):
    indicator_url = reverse("monitoring:indicator", kwargs={"code": "netzwerkpartner"})
    page = state_coordinator.get(indicator_url).content.decode()
    assert "<svg" in page and "Mecklenburg-Vorpommern" in page and "<title>" in page
    assert network_coordinator.get(indicator_url).status_code == 200
    assert provider_editor.get(indicator_url).status_code == 403
    assert (
        coordinator_elsewhere.get(
            reverse("monitoring:district", kwargs={"ags": world.district.ags})
        ).status_code
        == 404
    )
    reach_page = state_coordinator.get(reverse("monitoring:reach")).content.decode()
    assert "Weiße Flecken" in reach_page
    assert reach_page.count("Suchen ohne Ergebnis in den letzten 12 Monaten") == 1
    assert (
        network_coordinator.get(
            reverse("monitoring:state_report", kwargs={"file_format": "pdf"})
        ).status_code
        == 404
    )


def test_the_small_number_note_matches_who_looks(state_coordinator, network_coordinator):
    url = reverse("monitoring:indicator", kwargs={"code": "netzwerkpartner"})
    lks = state_coordinator.get(url).content.decode()
    others = network_coordinator.get(url).content.decode()
    assert "Sie sehen auch Zählungen von Personen unter 5 genau" in lks
    assert "Zahlen von 1 bis 4 bei Zählungen von Personen erscheinen als" in others
    assert "Sie sehen auch Zählungen" not in others


def test_state_report_pdf_and_xlsx(state_coordinator, world):
    for index, district in enumerate(District.objects.all()):
        Statistic.objects.update_or_create(
            district=district,
            kind="children_under_3",
            year=2021,
            defaults={"value": 4000 + index, "source": "Test"},
        )
    pdf = state_coordinator.get(reverse("monitoring:state_report", kwargs={"file_format": "pdf"}))
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "Bericht Frühe Hilfen" in text and "Angebote je 1.000 Kinder unter 3" in text
    assert "Stand der Entwicklungsbausteine" not in text or "FB-I-E1" in text
    xlsx = state_coordinator.get(reverse("monitoring:state_report", kwargs={"file_format": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=1, column=1).value == "Indikator" and sheet.max_row > 18 * 9


def test_reach_weights_use_municipal_statistics_when_present(world):
    municipality = Municipality.objects.filter(district=world.district).first()
    Statistic.objects.create(
        municipality=municipality, kind="children_under_3", year=2023, value=77, source="Test"
    )
    weights = reach.weights(list(Municipality.objects.filter(district=world.district)))
    assert weights[municipality.pk] == (Decimal(77), False)
    assert any(estimated for _value, estimated in weights.values())


def test_unmet_demand_suppresses_cells_under_five_except_for_the_lks(
    state_coordinator, network_coordinator
):
    import datetime

    from django.utils import timezone

    from lotse.monitoring.demand import unmet_demand
    from lotse.offers.models import UnmetSearch

    today = timezone.localdate()
    municipality = Municipality.objects.order_by("ags").first()
    UnmetSearch.objects.create(
        day=today, municipality_ags=municipality.ags, age_band="0-11", topic="beratung", count=6
    )
    UnmetSearch.objects.create(
        day=today, municipality_ags="13075001", age_band="12-23", topic="", count=2
    )
    UnmetSearch.objects.create(
        day=today - datetime.timedelta(days=400), municipality_ags=municipality.ags, count=50
    )
    demand = unmet_demand(today)
    assert demand.by_municipality == {municipality.ags: 6}
    assert demand.by_topic_and_age == [("beratung", "0-11", 6)]
    assert demand.suppressed == 2
    page = network_coordinator.get(reverse("monitoring:reach")).content.decode()
    body = page.split("</title>", 1)[1]
    assert "0–11 Monate" in body and "2 Werte unter 5 sind ausgeblendet." in body
    assert "12–23 Monate" not in body
    # The LKS sees the small counts as they are.
    exact = unmet_demand(today, sees_small_numbers=True)
    assert exact.by_municipality == {municipality.ags: 6, "13075001": 2}
    assert ("", "12-23", 2) in exact.by_topic_and_age and exact.suppressed == 0
    page = state_coordinator.get(reverse("monitoring:reach")).content.decode()
    body = page.split("</title>", 1)[1]
    assert "12–23 Monate" in body and "ausgeblendet" not in body


def test_lks_sets_targets_bad_numbers_change_nothing(world, state_coordinator, ministry):
    url = reverse("monitoring:targets", kwargs={"code": "netzwerkpartner"})
    field = f"ziel-{world.district.pk}"
    assert ministry.post(url, {"jahr": 2026, field: "12"}).status_code == 403
    bad = state_coordinator.post(url, {"jahr": 2026, field: "viele", "ziel-mv": "100"})
    assert "keine Zahl" in bad.content.decode() and not Target.objects.exists()
    assert (
        state_coordinator.post(url, {"jahr": 2026, field: "12,5", "ziel-mv": "100"}).status_code
        == 302
    )
    assert Target.objects.get(district=world.district, year=2026).value == Decimal("12.5")
    assert Target.objects.get(district=None, year=2026).value == Decimal(100)
    state_coordinator.post(url, {"jahr": 2026, field: "1.200", "ziel-mv": "100"})
    assert Target.objects.get(district=world.district, year=2026).value == Decimal(1200)
    assert (
        state_coordinator.post(url, {"jahr": 2026, field: "", "ziel-mv": "100"}).status_code == 302
    )
    assert not Target.objects.filter(district=world.district).exists()


def test_report_covers_the_asked_period(state_coordinator, world):
    indicator = Indicator.objects.get(code="netzwerkpartner")
    for year in (2023, 2024, 2025):
        Value.objects.create(
            indicator=indicator, district=world.district, year=year, value=year - 2020
        )
    url = reverse("monitoring:state_report", kwargs={"file_format": "csv"})
    rows = (
        state_coordinator.get(url + "?von=2024&bis=2025").content.decode("utf-8-sig").splitlines()
    )
    years = {line.split(";")[3] for line in rows[1:] if line.startswith("Aktive Netzwerkpartner")}
    assert years == {"2024", "2025"}
    assert state_coordinator.get(url + "?von=abc").status_code == 200


def test_only_the_lks_sees_small_counts_on_the_pages(world, state_coordinator, network_coordinator):
    import datetime

    from django.utils import timezone

    year = timezone.localdate().year
    for month in (1, 2):
        ParentTopic.objects.create(
            network=world.network, month=datetime.date(year, month, 1), topic="sleep"
        )
    url = reverse("monitoring:district", kwargs={"ags": world.district.ags})
    assert "&lt; 5" in network_coordinator.get(url).content.decode()
    assert "&lt; 5" not in state_coordinator.get(url).content.decode()
