"""FB II.2: the six cumulative conditions on the measure (fb22.py), their check by the
network coordinator, the hints from data, the to-do entry and the spending rule."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from lotse.accounts.models import AuditEntry
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.funding import actions, budgets, documents, fb22
from lotse.funding.models import FundingConditionCheck, FundYear, Measure, MeasurePlan
from lotse.networks.models import Partner, Sector
from lotse.offers.models import Offer, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return StateConcept.objects.current()


def measure_in(world, edition, code="II.2", **fields):
    return Measure.objects.create(
        district=world.district, state_concept=edition,
        funding_area=edition.funding_areas.get(code=code), title=fields.pop("title", "Eltern-Café"),
        provider_name="Träger", starts_on=datetime.date(2024, 1, 1), **fields,
    )  # fmt: skip


def conditions(measure):
    return {item.code: item for item in fb22.conditions_of(measure)}


def confirm(measure, world, codes, holds=True):
    items = conditions(measure)
    actions.save_condition_checks(
        measure,
        {items[code].pk: (holds, f"geprüft: {code}") for code in codes},
        by=world.users["network_coordinator"],
    )


ALL = [f"FB-II.2-V{n}" for n in range(1, 7)]


def test_the_six_conditions_hold_only_together(world, edition):
    measure = measure_in(world, edition)
    assert list(conditions(measure)) == ALL
    assert not fb22.all_conditions_hold(measure)
    confirm(measure, world, ALL[:5])
    assert not fb22.all_conditions_hold(measure)
    assert [item.code for item in fb22.open_conditions(measure)] == ["FB-II.2-V6"]
    confirm(measure, world, ["FB-II.2-V6"])
    assert fb22.all_conditions_hold(measure) and fb22.open_conditions(measure) == []
    confirm(measure, world, ["FB-II.2-V3"], holds=False)  # withdrawn: no longer all
    assert not fb22.all_conditions_hold(measure)
    assert [item.code for item in fb22.open_conditions(measure)] == ["FB-II.2-V3"]


def test_other_areas_are_not_bound_by_the_ii2_conditions(world, edition):
    measure = measure_in(world, edition, code="I", title="Netzwerkkoordination")
    assert fb22.all_conditions_hold(measure)
    assert fb22.open_conditions(measure) == [] and fb22.condition_rows(measure) == []
    with pytest.raises(actions.ChecksRefused):
        actions.save_condition_checks(measure, {}, by=world.users["network_coordinator"])


def test_a_condition_holds_only_with_a_note_and_belongs_to_the_measure(world, edition):
    measure = measure_in(world, edition)
    v1 = conditions(measure)["FB-II.2-V1"]
    coordinator = world.users["network_coordinator"]
    with pytest.raises(actions.ChecksRefused) as refused:
        actions.save_condition_checks(measure, {v1.pk: (True, "  ")}, by=coordinator)
    assert "begründen" in refused.value.problems[0]
    foreign = StateConceptItem.objects.get(state_concept=edition, code="FB-II.1.2-M1")
    with pytest.raises(actions.ChecksRefused):
        actions.save_condition_checks(measure, {foreign.pk: (True, "x")}, by=coordinator)
    assert not FundingConditionCheck.objects.exists()


def test_every_verdict_is_audited_once(world, edition):
    measure = measure_in(world, edition)
    confirm(measure, world, ["FB-II.2-V1"])
    confirm(measure, world, ["FB-II.2-V1"])  # unchanged: no second entry
    confirm(measure, world, ["FB-II.2-V1"], holds=False)
    entries = AuditEntry.objects.filter(content_type__model="fundingconditioncheck")
    assert [e.action for e in entries.order_by("at", "pk")] == ["create", "update"]
    assert entries.order_by("-pk").first().changes["holds"] == [True, False]


def test_the_coordinator_confirms_on_the_measure_page(
    world, edition, network_coordinator, ministry, coordinator_elsewhere, area_coordinator
):
    measure = measure_in(world, edition)
    url = reverse(
        "funding:measure_conditions", kwargs={"ags": world.district.ags, "pk": measure.pk}
    )
    assert ministry.get(url).status_code == 403
    assert area_coordinator.get(url).status_code == 403
    assert coordinator_elsewhere.get(url).status_code == 404
    page = network_coordinator.get(url).content.decode()
    assert all(code in page for code in ALL)
    items = conditions(measure)
    data = {f"holds_{item.pk}": "on" for item in items.values()}
    data |= {f"note_{item.pk}": "im Netzwerktreffen geprüft" for item in items.values()}
    bad = network_coordinator.post(url, data | {f"note_{items['FB-II.2-V4'].pk}": ""})
    assert bad.status_code == 200 and "Bitte begründen Sie" in bad.content.decode()
    assert not FundingConditionCheck.objects.exists()
    response = network_coordinator.post(url, data)
    assert response.status_code == 302
    assert fb22.all_conditions_hold(measure)
    assert ministry.post(url, {}).status_code == 403
    other = measure_in(world, edition, code="I", title="Koordination")
    other_url = reverse(
        "funding:measure_conditions", kwargs={"ags": world.district.ags, "pk": other.pk}
    )
    assert network_coordinator.get(other_url).status_code == 404


def test_hints_come_from_the_funded_offers_and_the_network(world, edition):
    measure = measure_in(world, edition, provider=world.organization, target_group="Familien")
    baby = Offer.objects.create(
        organization=world.organization, name="Babytreff", district=world.district,
        age_min_months=0, age_max_months=24, pregnancy_eligible=True, is_free=True,
    )  # fmt: skip
    course = Offer.objects.create(
        organization=world.organization, name="Kurs", district=world.district,
        age_min_months=0, age_max_months=72, is_free=False,
    )  # fmt: skip
    baby.topics.set(Topic.objects.filter(code="beratung"))
    measure.offers.set([baby, course])
    hints = fb22.hints_for(measure)
    assert any("1 von 2" in h.text and "werdende Eltern" in h.text for h in hints["V1"])
    assert hints["V2"][0].speaks_for is False  # half, not mainly, for 0–3
    assert hints["V3"][0].speaks_for is False and "1 von 2" in hints["V3"][0].text
    assert hints["V5"][0].speaks_for is True
    assert hints["V6"][0].speaks_for is False
    Partner.objects.create(
        network=world.network, organization=world.organization, sector=Sector.FAMILY_EDUCATION
    )
    assert "Familienbildung" in fb22.hints_for(measure)["V6"][0].text
    course.delete()
    hints = fb22.hints_for(measure)
    assert hints["V2"][0].speaks_for is True and hints["V3"][0].speaks_for is True


def test_spending_beyond_the_plan_waits_for_the_conditions(world, edition):
    measure = measure_in(world, edition)
    year = FundYear.objects.create(year=2026, state_total=Decimal("1000000"))
    coordinator = world.users["network_coordinator"]

    def save(spent, revision):
        return actions.save_plan(
            measure, year, planned=Decimal("1000.00"), co_funding=Decimal(0),
            spending={"year": spent}, based_on=revision, by=coordinator,
        )  # fmt: skip

    save(Decimal("1000.00"), 0)  # up to the plan: allowed
    with pytest.raises(actions.PlanRefused) as refused:
        save(Decimal("1000.01"), 1)
    assert (
        "1.000,01 €" in refused.value.problems[0]
        and "Fördervoraussetzungen" in (refused.value.problems[0])
    )
    plan = MeasurePlan.objects.get()
    assert plan.revision == 1 and plan.spendings.get().amount == Decimal("1000.00")
    confirm(measure, world, ALL)
    save(Decimal("1000.01"), 1)
    assert MeasurePlan.objects.get().spendings.get().amount == Decimal("1000.01")


def test_conditions_show_on_the_measure_the_profile_and_the_finances(
    world, edition, network_coordinator
):
    measure = measure_in(world, edition)
    year = FundYear.objects.create(year=2026, state_total=Decimal("1000000"))
    actions.save_plan(
        measure, year, planned=Decimal(100), co_funding=Decimal(0), spending={},
        based_on=0, by=world.users["network_coordinator"],
    )  # fmt: skip
    confirm(measure, world, ALL[:5])
    page = network_coordinator.get(measure.get_absolute_url()).content.decode()
    assert "FB-II.2-V6" in page and "Fördervoraussetzungen prüfen" in page
    profile = network_coordinator.get(
        reverse(
            "funding:measure_profile",
            kwargs={"ags": world.district.ags, "pk": measure.pk, "file_format": "pdf"},
        )
    )
    assert profile.status_code == 200 and profile.content.startswith(b"%PDF")
    printable = documents.profile_printable(measure)
    chapter = next(c for c in printable.chapters if "II.2" in c.title)
    assert "geprüft: FB-II.2-V1" in chapter.html and "offen" in chapter.html
    district_year = budgets.district_year(world.district, year)
    assert district_year.open_conditions == {measure.pk: ["FB-II.2-V6"]}
    assert any("FB-II.2-V6" in w for w in district_year.warnings)
    finances = network_coordinator.get(
        reverse("finance:finances", kwargs={"ags": world.district.ags}) + "?jahr=2026"
    ).content.decode()
    assert "Fördervoraussetzungen offen" in finances
    confirm(measure, world, ["FB-II.2-V6"])
    assert budgets.district_year(world.district, year).open_conditions == {}


def test_open_conditions_are_on_the_coordinators_to_do_list(
    world, edition, network_coordinator, django_assert_max_num_queries
):
    measure = measure_in(world, edition)
    measure_in(world, edition, code="I", title="Koordination")
    ended = measure_in(world, edition, title="Vorbei", ends_on=datetime.date(2024, 12, 31))
    assert list(fb22.measures_waiting_for(world.users["network_coordinator"])) == [measure]
    assert ended not in fb22.measures_waiting_for(world.users["network_coordinator"])
    assert not fb22.measures_waiting_for(world.users["coordinator_elsewhere"]).exists()
    home = reverse("workspace:district", kwargs={"ags": world.district.ags})
    assert (
        "Fördervoraussetzungen FB II.2 bestätigen" in network_coordinator.get(home).content.decode()
    )
    confirm(measure, world, ALL)
    assert not fb22.measures_waiting_for(world.users["network_coordinator"]).exists()
    assert "Fördervoraussetzungen FB II.2" not in network_coordinator.get(home).content.decode()


def test_condition_queries_do_not_grow_with_the_measures(world, edition, django_assert_num_queries):
    measures = [measure_in(world, edition, title=f"M{n}") for n in range(3)]
    loaded = list(Measure.objects.select_related("funding_area"))
    with django_assert_num_queries(2):
        assert len(fb22.open_codes_by_measure(loaded)) == 3
    measures += [measure_in(world, edition, title=f"N{n}") for n in range(10)]
    confirm(measures[0], world, ALL)
    loaded = list(Measure.objects.select_related("funding_area"))
    with django_assert_num_queries(2):
        assert len(fb22.open_codes_by_measure(loaded)) == 12
