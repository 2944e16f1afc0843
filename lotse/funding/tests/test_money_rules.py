"""Money that adds up: formatted warnings, the statewide plan against what the state
distributed, FB-II.1.1-E1 qualification money, exports that read back, bad amounts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lotse.concept.models import StateConcept
from lotse.funding import actions, budgets
from lotse.funding.forms import EuroField, Fb3ProposalForm, FundYearForm, MeasureForm
from lotse.funding.models import Allocation, FundYear, Measure, MeasurePlan
from lotse.regions.models import District

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return StateConcept.objects.current()


@pytest.fixture
def fund_year():
    year = FundYear.objects.create(
        year=2026, state_total=Decimal("1160000"), state_office_share=Decimal("96000")
    )
    Allocation.objects.create(
        fund_year=year, district=District.objects.get(ags="13075"), amount=Decimal("150000")
    )
    return year


def measure_in(world, edition, code="II.2", title="Eltern-Café", **fields):
    return Measure.objects.create(
        district=world.district, state_concept=edition,
        funding_area=edition.funding_areas.get(code=code), title=title,
        provider_name="Träger", starts_on=datetime.date(2024, 1, 1), **fields,
    )  # fmt: skip


def plan(world, fund_year, measure, planned, spent=None, qualification=Decimal(0)):
    return actions.save_plan(
        measure, fund_year, planned=Decimal(planned), co_funding=Decimal(0),
        spending={"year": Decimal(spent)} if spent is not None else {},
        qualification=Decimal(qualification), based_on=0, by=world.users["network_coordinator"],
    )  # fmt: skip


# --- Warnings and pages in German money ----------------------------------------------------


def test_warnings_show_german_amounts(world, edition, fund_year):
    measure = measure_in(world, edition, code="I", title="Koordination")
    plan(world, fund_year, measure, "153031.00", spent="153031.50")
    year = budgets.district_year(world.district, fund_year)
    text = " ".join(year.warnings)
    assert "153.031,00 €" in text and "150.000,00 €" in text and "3.031,00 €" in text
    assert "153.031,50 €" in text
    assert "153031" not in text and "EUR" not in text


def test_the_district_page_shows_a_negative_rest_with_a_minus(
    world, edition, fund_year, network_coordinator
):
    plan(world, fund_year, measure_in(world, edition, code="I", title="K"), "152998")
    page = network_coordinator.get(
        reverse("finance:finances", kwargs={"ags": world.district.ags}) + "?jahr=2026"
    ).content.decode()
    assert "\u22122.998,00 €" in page and "152.998,00 €" in page


def test_the_state_sees_plans_against_what_it_distributed(world, edition, fund_year, ministry):
    measure = measure_in(world, edition, code="I", title="K")
    plan(world, fund_year, measure, "150000")
    overview = budgets.state_overview(fund_year)
    assert overview.distributed == Decimal("150000") == overview.planned
    assert overview.warnings == []  # exactly what was distributed: fine
    plan_row = MeasurePlan.objects.get()
    actions.save_plan(
        measure, fund_year, planned=Decimal("150000.01"), co_funding=Decimal(0), spending={},
        based_on=plan_row.revision, by=world.users["network_coordinator"],
    )  # fmt: skip
    overview = budgets.state_overview(fund_year)
    assert any("0,01 € mehr, als das Land verteilt hat" in w for w in overview.warnings)
    page = ministry.get(reverse("finance:fund_year", kwargs={"year": 2026})).content.decode()
    assert "150.000,01 €" in page and "mehr, als das Land verteilt hat" in page


# --- FB-II.1.1-E1 --------------------------------------------------------------------------


def e1_warnings(world, fund_year):
    return [
        w
        for w in budgets.district_year(world.district, fund_year).warnings
        if "II.1.1" in w or "Qualifizierung" in w
    ]


def test_qualification_money_with_prior_agreement_raises_no_warning(world, edition, fund_year):
    measure = measure_in(
        world, edition, code="II.1.1", title="Qualitätszirkel",
        qualification_agreed_on=datetime.date(2025, 11, 1),
        qualification_agreed_with="Landesfachstelle Familienhebammen und Ministerium",
    )  # fmt: skip
    plan(world, fund_year, measure, "4000", qualification="4000")
    assert e1_warnings(world, fund_year) == []


def test_qualification_money_without_agreement_is_flagged(world, edition, fund_year):
    measure = measure_in(world, edition, code="II.1.1", title="Qualitätszirkel")
    plan(world, fund_year, measure, "4000", qualification="4000")
    (warning,) = e1_warnings(world, fund_year)
    assert "FB-II.1.1-E1" in warning and "4.000,00 €" in warning
    Measure.objects.filter(pk=measure.pk).update(qualification_agreed_on=datetime.date(2025, 1, 1))
    assert len(e1_warnings(world, fund_year)) == 1  # a date without "with whom" is no agreement


def test_ii11_money_that_is_no_qualification_is_the_state_programmes(world, edition, fund_year):
    measure = measure_in(
        world, edition, code="II.1.1", title="Familienhebammen",
        qualification_agreed_on=datetime.date(2025, 11, 1), qualification_agreed_with="LFS",
    )  # fmt: skip
    plan(world, fund_year, measure, "5000", qualification="1000")
    (warning,) = e1_warnings(world, fund_year)
    assert "4.000,00 €" in warning and "Landesprogramm" in warning


def test_qualification_money_stays_in_ii11_and_within_the_plan(
    world, edition, fund_year, network_coordinator
):
    ii2 = measure_in(world, edition)
    with pytest.raises(actions.PlanRefused):
        plan(world, fund_year, ii2, "100", qualification="10")
    ii11 = measure_in(world, edition, code="II.1.1", title="Q")
    with pytest.raises(actions.PlanRefused):
        plan(world, fund_year, ii11, "100", qualification="100.01")
    assert not MeasurePlan.objects.filter(planned__gt=0).exists()
    url = reverse(
        "finance:plan_edit",
        kwargs={"ags": world.district.ags, "year": fund_year.year, "pk": ii11.pk},
    )
    data = {"planned": "100", "co_funding": "0", "qualification": "100,01", "revision": 0}
    response = network_coordinator.post(url, data)
    assert "größer als der Planansatz" in response.content.decode()
    assert "keine Vorabsprache" in response.content.decode()
    network_coordinator.post(url, data | {"qualification": "60"})
    assert MeasurePlan.objects.get(measure=ii11).qualification == Decimal("60")
    ii2_form = network_coordinator.get(
        reverse(
            "finance:plan_edit",
            kwargs={"ags": world.district.ags, "year": fund_year.year, "pk": ii2.pk},
        )
    ).content.decode()
    assert 'name="qualification"' not in ii2_form


def test_the_agreement_needs_date_and_partner_and_only_in_ii11(world, edition):
    areas = {a.code: a for a in edition.funding_areas.all()}
    base = {
        "title": "Q", "provider_name": "T", "starts_on": "2026-01-01", "funding_share": "100",
    }  # fmt: skip

    def form(area, **values):
        return MeasureForm(
            base | {"funding_area": areas[area].pk} | values,
            instance=Measure(district=world.district, state_concept=edition),
            district=world.district,
            edition=edition,
        )

    assert form("II.1.1", qualification_agreed_on="2026-01-05").errors == {
        "qualification_agreed_with": ["Bitte angeben, mit wem abgestimmt ist."]
    }
    assert "qualification_agreed_on" in form("II.1.1", qualification_agreed_with="LFS").errors
    assert "qualification_agreed_on" in form("I", qualification_agreed_with="LFS").errors
    assert form(
        "II.1.1", qualification_agreed_on="2026-01-05", qualification_agreed_with="LFS"
    ).is_valid()


# --- Exports read back ---------------------------------------------------------------------


def test_exports_store_numbers_and_read_back(
    world, edition, fund_year, network_coordinator, state_coordinator
):
    plan(world, fund_year, measure_in(world, edition, code="I", title="K"), "1234.56", "99.5")
    kwargs = {"ags": world.district.ags, "year": 2026}
    url = reverse("finance:district_export", kwargs=kwargs | {"file_format": "csv"})
    german = network_coordinator.get(url)
    rows = list(csv.reader(io.StringIO(german.content.decode("utf-8-sig")), delimiter=";"))
    assert german.content.startswith(b"\xef\xbb\xbf")
    assert rows[1][2:] == ["1234,56", "0,00", "99,50", "1135,06"]
    machine = network_coordinator.get(url + "?format=machine")
    rows = list(csv.reader(io.StringIO(machine.content.decode("utf-8"))))
    assert rows[1][2:] == ["1234.56", "0.00", "99.50", "1135.06"]
    assert sum(Decimal(v) for v in rows[1][3:5]) == Decimal("99.50")
    state = state_coordinator.get(
        reverse("finance:fund_year_export", kwargs={"year": 2026, "file_format": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(state.content)).active
    values = [c.value for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2) for c in row]
    assert all(isinstance(v, int | float) or str(v).startswith("=") for v in values)
    state_csv = state_coordinator.get(
        reverse("finance:fund_year_export", kwargs={"year": 2026, "file_format": "csv"})
        + "?format=machine"
    )
    lines = list(csv.reader(io.StringIO(state_csv.content.decode("utf-8"))))
    assert lines[-1][0] == "Summe" and Decimal(lines[-1][1]) == Decimal("150000")


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12,345", "Höchstens zwei Nachkommastellen"),
        ("1.234,567", "Höchstens zwei Nachkommastellen"),
        ("0,001", "Höchstens zwei Nachkommastellen"),
        ("-1", "nicht negativ"),
        ("\u22125,00", "nicht negativ"),
        ("-0,01", "nicht negativ"),
        ("1e3", "Betrag in Euro"),
        ("NaN", "Betrag in Euro"),
        ("12,-", "Betrag in Euro"),
        ("99999999999", "zu groß"),
    ],
)
def test_euro_field_refuses_in_german(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        EuroField().clean(typed)
    assert message in " ".join(refused.value.messages)


def test_euro_field_edges_that_are_fine():
    field = EuroField()
    assert field.clean("-0,00") == Decimal("0") and not field.clean("-0,00").is_signed()
    assert field.clean("9.999.999.999,99") == Decimal("9999999999.99")
    assert field.clean("0,1") == Decimal("0.1")


def test_fund_year_and_fb3_forms_refuse_bad_amounts_in_german():
    form = FundYearForm({"year": 2027, "state_total": "1.000,005", "state_office_share": "-1"})
    assert not form.is_valid()
    assert "Höchstens zwei Nachkommastellen (Cent)." in form.errors["state_total"]
    assert "Beträge können nicht negativ sein." in form.errors["state_office_share"]
    fb3 = Fb3ProposalForm(
        {"needs_analysis": "x", "goals": "y", "duration_months": 12, "budget": "-5",
         "evaluation_plan": "z"}
    )  # fmt: skip
    assert not fb3.is_valid() and "nicht negativ" in " ".join(fb3.errors["budget"])
    assert not FundYear.objects.filter(year=2027).exists()
