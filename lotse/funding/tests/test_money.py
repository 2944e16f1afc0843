"""The money side: exact allocation (Hypothesis), the statistics year, plans and spending
(scoping, warnings, optimistic lock, FB III rule), the FB III state machine, exports."""

import datetime
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lotse.accounts.models import AuditEntry
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.funding import actions, budgets, fb3
from lotse.funding.allocation import compute, split_exactly
from lotse.funding.models import (
    Allocation,
    AllocationComponent,
    AllocationKey,
    Fb3Proposal,
    FundYear,
    Measure,
    MeasurePlan,
)
from lotse.regions.models import District, Statistic
from lotse.workflow import GuardFailed, NotAllowed, TransitionRefused, WrongState

pytestmark = pytest.mark.django_db


# --- Allocation ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    total=st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=12),
)
def test_split_sums_to_the_cent_and_stays_within_a_euro(total, weights):
    shares = [Fraction(w, sum(weights)) for w in weights]
    amounts = split_exactly(total, shares)
    assert sum(amounts) == total
    assert all(amount >= 0 for amount in amounts)
    for amount, share in zip(amounts, shares, strict=True):
        exact = share * Fraction(int(total))
        assert abs(Fraction(amount) - exact) < 2  # whole euros (+ the cents of the total)
    assert sum(1 for a in amounts if a != a.to_integral_value()) <= 1


def key_with(*parts) -> AllocationKey:
    key = AllocationKey.objects.create(name=f"Test {AllocationKey.objects.count()}")
    for position, (kind, weight, year) in enumerate(parts):
        AllocationComponent.objects.create(
            key=key, kind=kind, weight=weight, statistics_year=year, position=position
        )
    return key


def statistic(district, kind, year, value):
    Statistic.objects.update_or_create(
        district=district, kind=kind, year=year, defaults={"value": value, "source": "Test"}
    )


def test_allocation_uses_the_components_statistics_year():
    districts = list(District.objects.order_by("ags"))
    for index, district in enumerate(districts):
        statistic(district, "children_under_3", 2021, 1000)  # equal in 2021
        statistic(district, "children_under_3", 2023, 1000 * (index + 1))  # unequal in 2023
    equal = compute(key_with(("children_under_3", 1, 2021)), Decimal("800000"))
    assert {row.amount for row in equal.rows} == {Decimal("100000")}
    later = compute(key_with(("children_under_3", 1, 2023)), Decimal("800000"))
    assert later.rows[0].amount < later.rows[-1].amount and later.rows[0].years == [2023]
    # a year without data for some districts falls back to the newest year before it
    fallback = compute(key_with(("children_under_3", 1, 2022)), Decimal("800000"))
    assert fallback.rows[0].years == [2021]
    missing = compute(key_with(("children_under_3", 1, 2019)), Decimal("800000"))
    assert not missing.ok and "fehlt" in missing.problems[0]


def test_one_statistics_year_for_all_districts_even_when_some_are_newer(
    state_coordinator, fund_year
):
    districts = list(District.objects.order_by("ags"))
    Statistic.objects.filter(kind="population").delete()
    for index, district in enumerate(districts):
        statistic(district, "population", 2020, 100_000 + 1000 * index)
    for district in districts[:2]:  # only two districts already have 2022
        statistic(district, "population", 2022, 500_000)
    key = key_with(("population", 1, 2022))
    result = compute(key, Decimal("800000"))
    assert result.ok
    assert [part.year for part in result.statistics] == [2020]
    assert {year for row in result.rows for year in row.years} == {2020}
    assert result.rows[0].values == [Decimal(100_000)]  # not the newer 500,000
    page = state_coordinator.get(
        reverse("finance:fund_year", kwargs={"year": 2026}), {"schluessel": key.pk}
    ).content.decode()
    assert "Einwohner:innen 2020" in page
    assert "2022 liegt noch nicht für alle Landkreise vor" in page
    # once every district has 2022, 2022 is used for all of them
    for district in districts[2:]:
        statistic(district, "population", 2022, 120_000)
    assert [part.year for part in compute(key, Decimal("800000")).statistics] == [2022]


def test_statistics_year_is_stated_with_its_reference_date(state_coordinator, fund_year):
    Statistic.objects.filter(kind="population").delete()
    for district in District.objects.all():
        Statistic.objects.create(
            district=district, kind="population", year=2022, value=100_000,
            reference_date=datetime.date(2022, 12, 31), source="Test",
        )  # fmt: skip
    key = key_with(("population", 1, 2022))
    page = state_coordinator.get(
        reverse("finance:fund_year", kwargs={"year": 2026}), {"schluessel": key.pk}
    ).content.decode()
    assert "Einwohner:innen 31.12.2022" in page and "liegt noch nicht" not in page


def test_base_and_thirds_step_by_step():
    key = key_with(("base", 1, None), ("births", 2, 2021))
    districts = list(District.objects.order_by("ags"))
    for index, district in enumerate(districts):
        statistic(district, "births", 2021, 100 + index)
    result = compute(key, Decimal("1000001.37"))
    assert result.ok and sum(r.amount for r in result.rows) == Decimal("1000001.37")
    assert result.weights == [Fraction(1, 3), Fraction(2, 3)]
    row = result.rows[0]
    assert row.share == Fraction(1, 3) * Fraction(1, 8) + Fraction(2, 3) * Fraction(
        100, sum(100 + i for i in range(8))
    )


def test_default_key_is_shipped_as_an_assumption():
    key = AllocationKey.objects.get(is_assumption=True)
    assert [c.kind for c in key.components.all()] == [
        "population",
        "children_under_3",
        "sgb2_children_under_3",
    ]


# --- Plans, spending, scoping ----------------------------------------------------------------


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


def measure_in(world, edition, code="II.2", title="Eltern-Café"):
    measure = Measure.objects.create(
        district=world.district, state_concept=edition, funding_area=edition.funding_areas.get(code=code),
        title=title, provider_name="Träger", starts_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    return measure


def plan_url(world, fund_year, measure):
    return reverse(
        "finance:plan_edit",
        kwargs={"ags": world.district.ags, "year": fund_year.year, "pk": measure.pk},
    )


def plan_data(revision=0, **values):
    return {
        "planned": "1.000,50",
        "co_funding": "100",
        "q1": "250,25",
        "q2": "",
        "q3": "",
        "q4": "",
        "year": "",
        "revision": revision,
    } | values


def test_coordinator_enters_plan_and_spending_exactly(
    world, edition, fund_year, network_coordinator
):
    measure = measure_in(world, edition)
    response = network_coordinator.post(plan_url(world, fund_year, measure), plan_data())
    assert response.status_code == 302
    plan = MeasurePlan.objects.get(measure=measure)
    assert plan.planned == Decimal("1000.50") and plan.spendings.get().amount == Decimal("250.25")
    year = budgets.district_year(world.district, fund_year)
    area = next(a for a in year.areas if a.code == "II.2")
    assert area.planned == Decimal("1000.50") and area.remaining == Decimal("750.25")
    assert year.unplanned == Decimal("148999.50")
    assert any("keinen Bezug" in w for w in year.warnings)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"planned": "-5"}, "nicht negativ"),
        ({"planned": "12,345"}, "zwei Nachkommastellen"),
        ({"planned": "viel"}, "Betrag in Euro"),
        ({"year": "500"}, "nicht beides"),
    ],
)
def test_bad_amounts_change_nothing(
    world, edition, fund_year, network_coordinator, values, message
):
    measure = measure_in(world, edition)
    response = network_coordinator.post(plan_url(world, fund_year, measure), plan_data(**values))
    assert response.status_code == 200 and message in response.content.decode()
    assert not MeasurePlan.objects.exists()


def test_concurrent_plan_edit_is_refused(world, edition, fund_year, network_coordinator):
    measure = measure_in(world, edition)
    actions.save_plan(
        measure,
        fund_year,
        planned=Decimal(10),
        co_funding=Decimal(0),
        spending={},
        based_on=0,
        by=world.users["network_coordinator"],
    )
    response = network_coordinator.post(plan_url(world, fund_year, measure), plan_data(revision=0))
    assert "Ihre Eingaben sind nicht gespeichert" in response.content.decode()
    assert MeasurePlan.objects.get().planned == Decimal(10)


def test_scoping_of_money(
    world,
    edition,
    fund_year,
    coordinator_elsewhere,
    state_coordinator,
    ministry,
    network_coordinator,
):
    measure = measure_in(world, edition)
    finances = reverse("finance:finances", kwargs={"ags": world.district.ags})
    assert coordinator_elsewhere.get(finances).status_code == 404
    assert (
        coordinator_elsewhere.post(plan_url(world, fund_year, measure), plan_data()).status_code
        == 404
    )
    assert ministry.get(finances).status_code == 200
    assert ministry.post(plan_url(world, fund_year, measure), plan_data()).status_code == 403
    assert (
        state_coordinator.post(plan_url(world, fund_year, measure), plan_data()).status_code == 403
    )
    assert network_coordinator.get(reverse("finance:fund_years")).status_code == 403
    assert ministry.get(reverse("finance:fund_year", kwargs={"year": 2026})).status_code == 200
    assert (
        ministry.post(
            reverse("finance:fund_year_allocate", kwargs={"year": 2026}), {"key": 1}
        ).status_code
        == 403
    )
    assert not MeasurePlan.objects.exists()


def test_lks_adopts_an_allocation_that_sums_exactly(state_coordinator, fund_year):
    key = AllocationKey.objects.get(is_assumption=True)
    for index, district in enumerate(District.objects.all()):
        statistic(district, "children_under_3", 2021, 3000 + 7 * index)
        statistic(district, "sgb2_children_under_3", 2021, 400 + 3 * index)
    url = reverse("finance:fund_year_allocate", kwargs={"year": 2026})
    # The reference data has the population of 2020 for six districts and of 2022 for two:
    # no year for all of them, so nothing is allocated and the page says what is missing.
    refused = state_coordinator.post(url, {"key": key.pk}, follow=True).content.decode()
    assert "kein Jahr bis 2022 liegt für alle Landkreise vor" in refused
    fund_year.refresh_from_db()
    assert fund_year.key is None
    assert [a.amount for a in fund_year.allocations.all()] == [Decimal("150000")]  # unchanged
    for district in District.objects.all():
        if not Statistic.objects.filter(district=district, kind="population", year=2020):
            statistic(district, "population", 2020, 230_000)
    response = state_coordinator.post(url, {"key": key.pk})
    assert response.status_code == 302
    fund_year.refresh_from_db()
    assert fund_year.key == key
    assert sum(a.amount for a in fund_year.allocations.all()) == Decimal("1064000")
    assert fund_year.allocations.count() == 8
    entry = AuditEntry.objects.filter(action="update").latest("pk")
    assert entry.changes["statistics_years"][1] == {
        "population": 2020,
        "children_under_3": 2021,
        "sgb2_children_under_3": 2021,
    }


# --- FB III ------------------------------------------------------------------------------------


@pytest.fixture
def proposal(world, edition):
    measure = measure_in(world, edition, code="III", title="Digitale Sprechstunde")
    return Fb3Proposal.objects.create(
        measure=measure, needs_analysis="Bedarf", goals="Ziele", duration_months=12,
        budget=Decimal("20000"), evaluation_plan="Plan",
    )  # fmt: skip


def test_fb3_state_machine_and_roles(
    proposal, world, fund_year, django_capture_on_commit_callbacks
):
    writer, lks, ministry = (
        world.users["network_coordinator"],
        world.users["state_coordinator"],
        world.users["ministry"],
    )
    with pytest.raises(actions.PlanRefused):
        actions.save_plan(
            proposal.measure,
            fund_year,
            planned=Decimal(5000),
            co_funding=Decimal(0),
            spending={},
            based_on=0,
            by=writer,
        )
    with pytest.raises(TransitionRefused):
        fb3.transition(proposal, "vote_positive", by=lks)  # not yet submitted
    with pytest.raises(TransitionRefused):
        fb3.transition(proposal, "submit", by=lks)  # only the district submits
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fb3.transition(proposal, "submit", by=writer)
    assert mail.outbox[-1].to == [lks.email]
    proposal.refresh_from_db()
    assert [s.name for s in fb3.allowed_transitions(writer, proposal)] == []
    assert [s.name for s in fb3.allowed_transitions(ministry, Fb3Proposal.objects.get())] == []
    with pytest.raises(TransitionRefused, match="begründen"):
        fb3.transition(proposal, "vote_positive", by=lks)
    fb3.transition(proposal, "vote_positive", by=lks, note="guter Bedarf")
    with pytest.raises(TransitionRefused, match="Datum"):
        fb3.transition(proposal, "approve", by=lks)
    document = SimpleUploadedFile(
        "bescheid.pdf", b"%PDF-1.4 Bescheid", content_type="application/pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        fb3.transition(
            proposal, "approve", by=lks, decided_on=datetime.date(2026, 3, 1), document=document
        )
    assert mail.outbox[-1].to == [writer.email]
    proposal.refresh_from_db()
    assert proposal.is_approved() and proposal.federal_document
    plan = actions.save_plan(
        proposal.measure,
        fund_year,
        planned=Decimal(5000),
        co_funding=Decimal(0),
        spending={},
        based_on=0,
        by=writer,
    )
    assert plan.planned == Decimal(5000)
    assert [(s.from_status, s.to_status) for s in proposal.steps.all()] == [
        ("draft", "submitted"), ("submitted", "federal_review"), ("federal_review", "approved"),
    ]  # fmt: skip


def test_negative_vote_ends_and_views_enforce_roles(
    proposal, world, network_coordinator, state_coordinator, ministry
):
    url = reverse("finance:fb3_step", kwargs={"ags": world.district.ags, "pk": proposal.measure.pk})
    assert state_coordinator.post(url, {"step": "submit"}).status_code == 403
    assert network_coordinator.post(url, {"step": "submit"}).status_code == 302
    assert (
        network_coordinator.post(url, {"step": "vote_positive", "note": "ich"}).status_code == 403
    )
    assert ministry.post(url, {"step": "vote_negative", "note": "nein"}).status_code == 403
    assert (
        state_coordinator.post(
            url, {"step": "vote_negative", "note": "kein Bedarf belegt"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == "lks_negative" and proposal.lks_reason == "kein Bedarf belegt"
    assert fb3.allowed_transitions(world.users["state_coordinator"], proposal) == []


def test_fb3_refusals_say_why_and_change_nothing(proposal, world):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    with pytest.raises(NotAllowed):
        fb3.transition(proposal, "vote_positive", by=writer, note="ich")
    with pytest.raises(WrongState, match="Entwurf"):
        fb3.transition(proposal, "vote_positive", by=lks, note="zu früh")
    fb3.transition(proposal, "submit", by=writer)
    fb3.transition(proposal, "vote_positive", by=lks, note="  guter Bedarf  ")
    with pytest.raises(GuardFailed) as refused:
        fb3.transition(proposal, "approve_with_conditions", by=lks, conditions="   ")
    assert refused.value.problems == [
        "Bitte das Datum der Entscheidung der Bundesstiftung angeben.",
        "Bitte den Bescheid der Bundesstiftung hochladen.",
        "Bitte die Auflagen eintragen.",
    ]
    proposal.refresh_from_db()
    assert proposal.status == "federal_review" and proposal.lks_reason == "guter Bedarf"
    assert [s.to_status for s in proposal.steps.all()] == ["submitted", "federal_review"]
    entry = AuditEntry.objects.filter(object_id=str(proposal.pk)).latest("pk")
    assert entry.changes == {
        "status": ["submitted", "federal_review"],
        "lks_reason": ["", "guter Bedarf"],
    }


def test_fb3_mails_tell_the_other_side(
    proposal, world, mailoutbox, django_capture_on_commit_callbacks
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        fb3.transition(proposal, "submit", by=writer)
    sent = mailoutbox[-1]
    assert sent.to == [lks.email]
    assert sent.subject == "Lotse: FB III „Digitale Sprechstunde“ – bei der LKS"
    assert "das Vorhaben „Digitale Sprechstunde“ (Förderbereich III, " in sent.body
    assert "Zum Vorhaben: http" in sent.body


def test_fb3_mails_are_translated(
    proposal, world, english_site, mailoutbox, django_capture_on_commit_callbacks
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fb3.transition(proposal, "submit", by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        fb3.transition(proposal, "vote_negative", by=lks, note="kein Bedarf belegt")
    english = mailoutbox[-1]
    assert english.to == [writer.email]
    assert english.subject == "Lotse: FB III “Digitale Sprechstunde” – LKS vote negative"
    assert english.body.startswith("Hello,") and "kein Bedarf belegt" in english.body
    assert "(funding area III, " in english.body and "To the project: http" in english.body
    assert "Förderbereich III" not in english.body and "Zum Vorhaben" not in english.body


# --- Exports ---------------------------------------------------------------------------------


def test_xlsx_has_real_formulas(world, edition, fund_year, network_coordinator, state_coordinator):
    for title, planned in (("A", Decimal("1000.10")), ("B", Decimal("2000.20"))):
        measure = measure_in(world, edition, title=title)
        measure.serves.set(StateConceptItem.objects.filter(code="FB-II.2-E1"))
        actions.save_plan(
            measure,
            fund_year,
            planned=planned,
            co_funding=Decimal(0),
            spending={"year": Decimal("500")},
            based_on=0,
            by=world.users["network_coordinator"],
        )
    response = network_coordinator.get(
        reverse(
            "finance:district_export",
            kwargs={"ags": world.district.ags, "year": 2026, "file_format": "xlsx"},
        )
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {
        cell.coordinate: cell.value
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert cells["C7"] == "=SUM(C5:C6)" and cells["F5"] == "=C5-E5"
    assert Decimal(str(cells["C5"])) == Decimal("1000.10")
    assert cells["C8"] == "=C2-C7"
    state = state_coordinator.get(
        reverse("finance:fund_year_export", kwargs={"year": 2026, "file_format": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(state.content)).active
    last = sheet.max_row
    assert sheet.cell(row=last, column=2).value == "=SUM(B2:B9)"
    csv = network_coordinator.get(
        reverse(
            "finance:district_export",
            kwargs={"ags": world.district.ags, "year": 2026, "file_format": "csv"},
        )
    )
    assert "Summe;;3000,30;0,00;1000,00;2000,30" in csv.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.200", Decimal("1200")),
        ("1.250,50", Decimal("1250.50")),
        ("1250,5", Decimal("1250.5")),
        ("1250.50 €", Decimal("1250.50")),
        ("1.000.000", Decimal("1000000")),
        ("0,99", Decimal("0.99")),
    ],
)
def test_euro_amounts_as_people_type_them(typed, value):
    from lotse.funding.forms import EuroField

    assert EuroField().clean(typed) == value


def test_money_pages_need_a_fixed_number_of_queries(
    world, edition, fund_year, network_coordinator, state_coordinator, django_assert_max_num_queries
):
    def add_measures(count):
        for number in range(count):
            measure = measure_in(world, edition, title=f"M{Measure.objects.count()}-{number}")
            actions.save_plan(
                measure,
                fund_year,
                planned=Decimal(100),
                co_funding=Decimal(0),
                spending={"q1": Decimal(10)},
                based_on=0,
                by=world.users["network_coordinator"],
            )

    add_measures(2)
    finances = reverse("finance:finances", kwargs={"ags": world.district.ags}) + "?jahr=2026"
    overview = reverse("finance:fund_year", kwargs={"year": 2026})
    with django_assert_max_num_queries(40) as few:
        network_coordinator.get(finances)
    with django_assert_max_num_queries(40) as few_state:
        state_coordinator.get(overview)
    add_measures(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        network_coordinator.get(finances)
    with django_assert_max_num_queries(len(few_state.captured_queries)):
        state_coordinator.get(overview)


def test_federal_decision_is_a_download_for_the_district(
    proposal, world, network_coordinator, coordinator_elsewhere
):
    lks = world.users["state_coordinator"]
    fb3.transition(proposal, "submit", by=world.users["network_coordinator"])
    fb3.transition(proposal, "vote_positive", by=lks, note="gut")
    document = SimpleUploadedFile(
        "bescheid.pdf", b"%PDF-1.4 Bescheid", content_type="application/pdf"
    )
    fb3.transition(
        proposal, "approve", by=lks, decided_on=datetime.date(2026, 3, 1), document=document
    )
    url = reverse(
        "finance:fb3_document", kwargs={"ags": world.district.ags, "pk": proposal.measure.pk}
    )
    response = network_coordinator.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Bescheid"
    assert coordinator_elsewhere.get(url).status_code == 404
