"""Every shipped indicator on a small, hand-computed fixture in Vorpommern-Greifswald."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.concept.models import StateConcept
from lotse.funding.models import FundYear, Measure, MeasurePlan, Spending
from lotse.monitoring.formulas import compute
from lotse.monitoring.models import Indicator, Value
from lotse.monitoring.queries import record
from lotse.networks.models import Meeting, ParentTopic, Partner, VolunteerService
from lotse.offers import search_index
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, UnmetSearch
from lotse.offers.tests.samples import WOLGAST, hsds_service, outreach_service, venue
from lotse.regions.models import Statistic
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture(world):
    """13075: 2,000 children under 3; three offers of which two findable (a café in
    Greifswald, a family midwife coming to the whole district; the Wolgast café is stale);
    3 partners in 2 sectors; 2 meetings (5 invited, 4 came); 6 parents' topics;
    7 unmet searches; 4 volunteers; 1,500 € spent (1,000 FB I, 500 FB II.2)."""
    year = timezone.localdate().year
    district = world.district
    Statistic.objects.update_or_create(
        district=district,
        kind="children_under_3",
        year=year - 1,
        defaults={"value": 2000, "source": "Test"},
    )
    import_services(
        [
            hsds_service(),
            hsds_service(name="Café Wolgast", service_at_locations=[venue(WOLGAST)]),
            outreach_service("urn:de:ags:13075"),
        ]
    )
    stale = Offer.objects.get(name="Café Wolgast")
    Offer.objects.filter(pk=stale.pk).update(
        verified_at=timezone.now() - datetime.timedelta(days=800)
    )
    search_index.refresh([stale.pk])
    partners = [
        Partner.objects.create(
            network=world.network,
            organization=OrganizationFactory(district=district),
            sector=sector,
        )
        for sector in ("youth_welfare", "midwives", "youth_welfare")
    ]
    for invited, attended in ((3, 2), (2, 2)):
        start = datetime.datetime(year, 1, 10, 10, tzinfo=datetime.UTC)
        meeting = Meeting.objects.create(
            network=world.network,
            kind=Meeting.Kind.NETWORK_MEETING,
            title="Treffen",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        meeting.invited.set(partners[:invited])
        meeting.attended.set(partners[:attended])
    for _ in range(6):
        ParentTopic.objects.create(
            network=world.network, month=datetime.date(year, 1, 1), topic="sleep"
        )
    UnmetSearch.objects.create(
        day=datetime.date(year, 1, 2), municipality_ags="13075001", district_ags="13075", count=7
    )
    VolunteerService.objects.create(
        network=world.network,
        name="Familienpaten",
        provider=world.organization,
        active_volunteers=4,
    )
    edition = StateConcept.objects.current()
    fund_year = FundYear.objects.create(year=year, state_total=Decimal(1000000))
    for code, spent in (("I", 1000), ("II.2", 500)):
        measure = Measure.objects.create(
            district=district,
            state_concept=edition,
            funding_area=edition.funding_areas.get(code=code),
            title=code,
            provider_name="T",
            starts_on=datetime.date(year, 1, 1),
        )
        plan = MeasurePlan.objects.create(measure=measure, fund_year=fund_year, planned=spent)
        Spending.objects.create(plan=plan, period="year", amount=spent)
    return world


EXPECTED = {
    "angebote-je-1000": Decimal("1.000"),  # 2 findable / 2,000 × 1,000
    "angebote-je-1000-familienhebamme": Decimal("0.500"),
    "angebote-je-1000-eltern-cafe": Decimal("0.500"),  # the stale Wolgast café is not counted
    "erreichbarkeit-10km": Decimal("100.000"),  # the midwife comes to the whole district
    "erreichbarkeit-20km": Decimal("100.000"),
    "erreichbarkeit-familienhebamme-20km": Decimal("100.000"),
    "netzwerkpartner": Decimal(3),
    "sektoren": Decimal(2),
    "netzwerktreffen": Decimal(2),
    "teilnahme": Decimal("80.000"),  # 4 of 5
    "gepruefte-angebote": Decimal("66.667"),  # 2 of 3
    "suchen-ohne-ergebnis": Decimal(7),
    "elternthemen": Decimal(6),
    "ehrenamtliche": Decimal(4),
    "ausgaben-je-kind": Decimal("0.750"),  # 1,500 € / 2,000
    "ausgaben-je-kind-fb1": Decimal("0.500"),
    "ausgaben-je-kind-fb2-1-2": Decimal("0.000"),
    "ausgaben-je-kind-fb2-2": Decimal("0.250"),
}


def test_every_shipped_indicator_is_covered():
    assert set(Indicator.objects.values_list("code", flat=True)) == set(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_indicator_on_the_fixture(fixture, code):
    per_district, state = compute(Indicator.objects.get(code=code), timezone.localdate().year)
    assert per_district[fixture.district.pk].value == EXPECTED[code]
    assert state.value == EXPECTED[code]  # only 13075 has data: the state equals it


def test_volunteers_of_a_past_year_are_not_todays_and_the_page_says_why(fixture, state_coordinator):
    indicator = Indicator.objects.get(code="ehrenamtliche")
    this_year = timezone.localdate().year
    now, _state = compute(indicator, this_year)
    assert now[fixture.district.pk].value == 4
    # The services keep no history: last year would otherwise show today's 4.
    then, state = compute(indicator, this_year - 1)
    assert then == {} and state is None
    assert (
        record(this_year - 1)
        and Value.objects.get(
            indicator=indicator, district=fixture.district, year=this_year - 1
        ).value
        is None
    )
    page = state_coordinator.get(reverse("monitoring:indicator", kwargs={"code": "ehrenamtliche"}))
    shown = page.content.decode()
    assert "keinen Verlauf" in shown and "data-past-years-note" in shown
    other = state_coordinator.get(reverse("monitoring:indicator", kwargs={"code": "elternthemen"}))
    assert "data-past-years-note" not in other.content.decode()
