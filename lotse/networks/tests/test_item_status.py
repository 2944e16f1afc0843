"""One status per district × Landeskonzept item × year: its history, its year-on-year
matrix, the rules for "nicht zutreffend", the records' disagreement, the districts' scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.documents import actions as document_actions
from lotse.documents import workflow
from lotse.documents.queries import item_assessments
from lotse.networks import actions
from lotse.networks.models import ItemStatus, ItemStatusChange, Meeting, Survey
from lotse.operations.personal_data import erase_person

pytestmark = pytest.mark.django_db


def page(world, year, network=None):
    network = network or world.network
    address = reverse(
        "networks:requirements", kwargs={"ags": network.district.ags, "network_id": network.pk}
    )
    return f"{address}?jahr={year}"


def item(code):
    return StateConceptItem.objects.get(code=code, state_concept=StateConcept.objects.current())


def test_one_item_moves_through_two_years_with_history_and_matrix(
    world, network_coordinator, state_coordinator
):
    network_coordinator.post(
        page(world, 2025), {"item_code": "FB-I-E8", "status": "planned", "reason": "Konzept da"}
    )
    network_coordinator.post(page(world, 2026), {"item_code": "FB-I-E8", "status": "in_progress"})
    network_coordinator.post(
        page(world, 2026),
        {"item_code": "FB-I-E8", "status": "achieved", "reason": "zwei Fachtage"},
    )
    # Last year's status is kept, not overwritten.
    statuses = {
        s.year: s.status
        for s in ItemStatus.objects.filter(district=world.district, item__code="FB-I-E8")
    }
    assert statuses == {2025: "planned", 2026: "achieved"}
    history = list(
        ItemStatusChange.objects.filter(item_status__item__code="FB-I-E8").order_by("at", "pk")
    )
    assert [(c.item_status.year, c.from_status, c.to_status) for c in history] == [
        (2025, "", "planned"),
        (2026, "", "in_progress"),
        (2026, "in_progress", "achieved"),
    ]
    assert history[-1].by == world.users["network_coordinator"]
    assert history[-1].note == "zwei Fachtage"
    # The page shows this year's status, last year's and the whole history.
    shown = network_coordinator.get(page(world, 2026)).content.decode()
    assert "Stand 2026:" in shown and "2025: geplant" in shown
    assert "in Umsetzung → erreicht" in shown and "netzwerk@test.example" in shown
    assert "noch nicht eingeschätzt → geplant" in shown and "Konzept da" in shown
    # The LKS's matrices show the year and the change since the year before.
    overview = state_coordinator.get(reverse("networks:state_overview") + "?jahr=2026")
    assert "seit 2025: vorher geplant" in overview.content.decode()
    matrix = state_coordinator.get(
        reverse("documents:state_documents") + "?jahr=2026&art=development_module"
    ).content.decode()
    assert "erreicht (2025: geplant)" in matrix
    earlier = state_coordinator.get(
        reverse("documents:state_documents") + "?jahr=2025&art=development_module"
    ).content.decode()
    assert "geplant (2024: noch nicht eingeschätzt)" in earlier
    assert "erreicht (2025" not in earlier


def test_the_concept_writes_the_same_status_the_network_page_reads(world, network_coordinator):
    edition = StateConcept.objects.current()
    report = document_actions.start_annual_report(
        district=world.district, edition=edition, year=2025, by=world.users["network_coordinator"]
    )
    data = {f"{a.item.code}-status": a.value for a, _d in item_assessments(report)}
    data["FB-I-E2-status"] = "achieved"
    address = reverse(
        "documents:module_statuses", kwargs={"ags": "13075", "document_id": report.pk}
    )
    assert network_coordinator.post(address, data).status_code == 302
    assert ItemStatus.objects.get().year == 2025  # the report's year; the rest unassessed
    shown = network_coordinator.get(page(world, 2025)).content.decode()
    assert '<span class="status status--achieved">erreicht</span>' in shown
    # A different year of the network page knows nothing of it.
    assert "status--achieved" not in network_coordinator.get(page(world, 2024)).content.decode()


def test_achieved_without_qualifications_is_flagged_until_the_records_show_one(
    world, network_coordinator
):
    actions.set_item_status(
        district=world.district,
        item=item("FB-I-E8"),
        year=2026,
        status="achieved",
        by=world.users["network_coordinator"],
    )
    warning = "„erreicht“ passt nicht zu den Daten: 0 Qualifizierungen im Jahr 2026 erfasst."
    assert warning in network_coordinator.get(page(world, 2026)).content.decode()
    Meeting.objects.create(
        network=world.network,
        kind=Meeting.Kind.QUALIFICATION,
        title="Fachtag",
        starts_at=datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 4, 15, tzinfo=datetime.UTC),
    )
    assert warning not in network_coordinator.get(page(world, 2026)).content.decode()


def test_surveys_count_as_evidence(world, network_coordinator):
    Survey.objects.create(
        network=world.network,
        title="Elternbefragung",
        audience=Survey.Audience.PARENTS,
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 4, 1),
    )
    shown = network_coordinator.get(page(world, 2026)).content.decode()
    assert "1 Befragung 2026" in shown and "Befragungen folgen" not in shown


def test_a_minimum_requirement_is_never_not_applicable(world, network_coordinator):
    response = network_coordinator.post(
        page(world, 2026),
        {"item_code": "FB-I-M1", "status": "not_applicable", "reason": "keine Stelle"},
    )
    assert "gültige Auswahl" in response.content.decode()
    with pytest.raises(ValidationError) as refusal:
        actions.set_item_status(
            district=world.district,
            item=item("FB-I-M1"),
            year=2026,
            status="not_applicable",
            reason="keine Stelle",
            by=world.users["network_coordinator"],
        )
    assert refusal.value.code == "mandatory"
    assert not ItemStatus.objects.exists()


def test_an_optional_item_is_not_applicable_only_with_a_reason(world, network_coordinator):
    assert item("FB-I-E2").obligation == "optional"
    refused = network_coordinator.post(
        page(world, 2026), {"item_code": "FB-I-E2", "status": "not_applicable", "reason": " "}
    )
    assert "Bitte begründen Sie, warum FB-I-E2 nicht zutrifft." in refused.content.decode()
    assert not ItemStatus.objects.exists()
    network_coordinator.post(
        page(world, 2026),
        {"item_code": "FB-I-E2", "status": "not_applicable", "reason": "kreisfreie Stadt"},
    )
    assert ItemStatus.objects.get().reason == "kreisfreie Stadt"


def test_the_page_lists_muss_first_and_presets_no_status(world, network_coordinator):
    shown = network_coordinator.get(page(world, 2026)).content.decode()
    assert shown.index('id="FB-I-M4"') < shown.index('id="FB-I-E1"')
    assert '<option value="" selected>– noch nicht eingeschätzt –</option>' in shown
    careless = network_coordinator.post(page(world, 2026), {"item_code": "FB-I-E1", "status": ""})
    assert "Bitte wählen Sie einen Stand." in careless.content.decode()
    unknown = network_coordinator.post(page(world, 2026), {"item_code": "X-1", "status": "planned"})
    assert "Unbekannter Baustein." in unknown.content.decode()
    assert not ItemStatus.objects.exists()


def test_a_coordinator_elsewhere_neither_sees_nor_changes_the_status(
    world, network_coordinator, coordinator_elsewhere
):
    network_coordinator.post(page(world, 2026), {"item_code": "FB-I-M3", "status": "planned"})
    assert coordinator_elsewhere.get(page(world, 2026)).status_code == 404
    refused = coordinator_elsewhere.post(
        page(world, 2026), {"item_code": "FB-I-M3", "status": "achieved"}
    )
    assert refused.status_code == 404
    assert ItemStatus.objects.get().status == "planned"
    assert ItemStatusChange.objects.count() == 1


def test_the_requirements_page_does_not_grow_with_the_history(
    world, network_coordinator, django_assert_max_num_queries
):
    writer = world.users["network_coordinator"]
    codes = ["FB-I-M1", "FB-I-M2", "FB-I-M3", "FB-I-E1", "FB-I-E5", "FB-I-E8"]
    for year in (2024, 2025, 2026):
        for code in codes:
            for status in ("planned", "in_progress"):
                actions.set_item_status(
                    district=world.district, item=item(code), year=year, status=status, by=writer
                )
    with django_assert_max_num_queries(45):
        response = network_coordinator.get(page(world, 2026))
    assert response.content.decode().count("geplant → in Umsetzung") == 3 * len(codes)


def test_a_submitted_report_keeps_the_status_it_was_submitted_with(world, network_coordinator):
    writer = world.users["network_coordinator"]
    report = document_actions.start_annual_report(
        district=world.district, edition=StateConcept.objects.current(), year=2025, by=writer
    )
    actions.set_item_status(
        district=world.district, item=item("FB-I-E9"), year=2025, status="planned", by=writer
    )
    workflow.transition(report, "submit", by=writer)
    # Afterwards the district's status moves on; the submitted version does not.
    actions.set_item_status(
        district=world.district, item=item("FB-I-E9"), year=2025, status="achieved", by=writer
    )
    frozen = {m["code"]: m for m in report.versions.get().content["modules"]}
    assert frozen["FB-I-E9"]["status"] == "planned"
    shown = network_coordinator.get(report.get_absolute_url()).content.decode()
    assert "FB-I-E9" in shown and '<span class="status status--planned">geplant</span>' in shown
    assert '<span class="status status--achieved">' not in shown


def test_erasing_a_person_keeps_the_history_under_a_pseudonym(world):
    writer = world.users["network_coordinator"]
    actions.set_item_status(
        district=world.district, item=item("FB-I-M2"), year=2026, status="planned", by=writer
    )
    alias = erase_person(writer, by=world.users["state_coordinator"])
    change = ItemStatusChange.objects.get()
    assert (change.by_label, change.by.email, change.to_status) == (alias, alias, "planned")
