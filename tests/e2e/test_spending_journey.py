"""A district's finance contact enters this year's spending for a measure and sees plan vs.
actual per Förderbereich; a wrong amount gets a German message and changes nothing."""

import datetime
import re
from decimal import Decimal

import pytest

from lotse.accounts.models import Role
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.funding.models import Allocation, FundYear, Measure, MeasurePlan
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_enter_spending_and_see_plan_versus_actual(browser, live_server):
    district = District.objects.get(ags="13075")
    edition = StateConcept.objects.current()
    fund_year = FundYear.objects.create(
        year=2026, state_total=Decimal("1160000"), state_office_share=Decimal("96000")
    )
    Allocation.objects.create(fund_year=fund_year, district=district, amount=Decimal("150000"))
    measure = Measure.objects.create(
        district=district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code="II.2"),
        title="Eltern-Café Anklam",
        provider_name="Familienzentrum Anklam",
        starts_on=datetime.date(2024, 1, 1),
    )
    measure.serves.set(StateConceptItem.objects.filter(state_concept=edition, code="FB-II.2-E1"))
    writer = person("finanzen@lotse.example", Role.NETWORK_COORDINATOR, district=district)

    page = sign_in(browser, live_server.url, writer)
    page.goto(f"/arbeitsbereich/{district.ags}/finanzen/?jahr=2026")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Eltern-Café Anklam").last.click()
    assert axe_violations(page) == []
    page.get_by_label("geplant aus dem Fonds (€)").fill("12.000,00")
    page.get_by_label("Kofinanzierung / Eigenanteil (€)").fill("1.200")
    page.get_by_label("ausgegeben im 1. Quartal (€)").fill("2.950,40")
    page.get_by_label("oder: ausgegeben im ganzen Jahr (€)").fill("9000")
    page.get_by_role("button", name="Speichern").click()
    assert "nicht beides" in page.content()
    assert not MeasurePlan.objects.exists()
    assert axe_violations(page) == []
    page.get_by_label("oder: ausgegeben im ganzen Jahr (€)").fill("")
    page.get_by_label("ausgegeben im 2. Quartal (€)").fill("3.000")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    page.wait_for_url(re.compile(r"/finanzen/\?jahr=2026$"))
    table = page.get_by_role("table").first
    row = table.get_by_role("row", name="Förderbereich II.2", exact=False)
    assert "12.000,00 €" in row.inner_text() and "5.950,40 €" in row.inner_text()
    assert axe_violations(page) == []
    plan = MeasurePlan.objects.get()
    assert plan.planned == Decimal("12000.00")
    assert sorted(s.amount for s in plan.spendings.all()) == [
        Decimal("2950.40"),
        Decimal("3000.00"),
    ]
