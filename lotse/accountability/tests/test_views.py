"""The pages: who sees what, bad input changes nothing, lists do not grow in queries."""

import pytest
from django.urls import reverse

from lotse.accountability import actions, workflow
from lotse.accountability.models import CoordinatorCheck, MeasureDocument
from lotse.accountability.tests.conftest import YEAR, check_data, make_measure
from lotse.funding.models import ProgressReport
from tests.factories import OrganizationFactory

S = MeasureDocument.Status
TEXTS = {
    "activities": "Netzwerktreffen.",
    "reach": "Fachkräfte.",
    "cooperation": "",
    "difficulties": "",
    "outlook": "",
}


def _url(name, measure, **kwargs):
    return reverse(name, kwargs={"ags": measure.district.ags, "pk": measure.pk, **kwargs})


def _submitted(world, measure, fund_year):
    document = actions.save_report(
        measure, fund_year, texts=TEXTS, based_on=0, by=world.users["provider_editor"]
    )
    workflow.transition(document, "submit", by=world.users["provider_editor"])
    document.refresh_from_db()
    return document


# fmt: off
# GET status on a real Sachbericht (submitted) of the world's provider in 13075, per persona.
PAGES = {
    "accountability:measure":      (302, 200, 200, 200, 404, 200, 200, 403),
    "accountability:report":       (302, 200, 200, 200, 404, 200, 200, 403),
    "accountability:check":        (302, 403, 403, 200, 404, 403, 403, 403),
    "accountability:report_print": (302, 200, 200, 200, 404, 200, 200, 403),
    "accountability:profile":      (302, 200, 200, 200, 404, 200, 200, 403),
}
# fmt: on


@pytest.mark.parametrize("name", PAGES)
def test_who_reaches_a_measures_documents(name, world, measure, fund_year, request):
    from conftest import PERSONAS

    _submitted(world, measure, fund_year)
    kwargs = {"year": YEAR} if "report" in name or name.endswith("check") else {}
    if name == "accountability:report_print":
        kwargs["file_format"] = "docx"
    if name == "accountability:profile":
        kwargs["number"] = 1
    url = _url(name, measure, **kwargs)
    for column, persona in enumerate(PERSONAS):
        client = request.getfixturevalue(persona)
        assert client.get(url).status_code == PAGES[name][column], (persona, name)


def test_a_provider_sees_only_her_own_measures_documents(world, fund_year, provider_editor):
    own = make_measure(world)
    other = make_measure(world, title="Familienhebammen")
    other.provider = OrganizationFactory(district=world.district)
    other.save()
    assert provider_editor.get(_url("accountability:report", own, year=YEAR)).status_code == 200
    assert provider_editor.get(_url("accountability:report", other, year=YEAR)).status_code == 404
    # Nothing else of the district opens up.
    assert provider_editor.get(own.get_absolute_url()).status_code == 404


def test_the_provider_writes_and_submits_on_the_page(world, measure, fund_year, provider_editor):
    url = _url("accountability:report", measure, year=YEAR)
    response = provider_editor.post(url, {"lock_version": 0, **TEXTS})
    assert response.status_code == 302
    document = MeasureDocument.objects.get()
    step = _url("accountability:step", measure, document_id=document.pk)
    response = provider_editor.post(
        step, {"step": "submit", "lock_version": document.lock_version}, follow=True
    )
    assert "Neuer Stand: beim Jugendamt eingereicht." in response.content.decode()
    document.refresh_from_db()
    assert document.status == S.SUBMITTED


def test_bad_input_is_refused_in_german_and_changes_nothing(
    world, measure, fund_year, provider_editor
):
    url = _url("accountability:report", measure, year=YEAR)
    response = provider_editor.post(url, {"lock_version": "x", **TEXTS, "reach": "x" * 20_001})
    assert response.status_code == 200
    assert "höchstens 20000 Zeichen" in response.content.decode()
    assert not MeasureDocument.objects.exists() and not ProgressReport.objects.exists()


def test_a_save_from_a_stale_page_says_so_and_keeps_the_other(
    world, measure, fund_year, provider_editor, network_coordinator
):
    url = _url("accountability:report", measure, year=YEAR)
    provider_editor.post(url, {"lock_version": 0, **TEXTS})
    response = network_coordinator.post(
        url, {"lock_version": 0, **TEXTS, "outlook": "Koordination."}
    )
    assert "inzwischen gespeichert" in response.content.decode()
    assert ProgressReport.objects.get().outlook == ""
    provider_editor.post(url, {"lock_version": 1, **TEXTS, "outlook": "Träger."})
    response = network_coordinator.post(url, {"lock_version": 1, **TEXTS, "outlook": "NWK."})
    assert "inzwischen gespeichert" in response.content.decode()
    assert ProgressReport.objects.get().outlook == "Träger."


def test_a_step_not_offered_is_403_and_a_stale_one_a_message(
    world, measure, fund_year, provider_editor, network_coordinator
):
    document = _submitted(world, measure, fund_year)
    step = _url("accountability:step", measure, document_id=document.pk)
    response = provider_editor.post(step, {"step": "forward", "lock_version": 0})
    assert response.status_code == 403
    assert network_coordinator.post(step, {"step": "nope", "lock_version": 0}).status_code == 404
    response = network_coordinator.post(
        step,
        {"step": "return", "lock_version": document.lock_version - 1, "note": "x"},
        follow=True,
    )
    assert "inzwischen geändert" in response.content.decode()
    document.refresh_from_db()
    assert document.status == S.SUBMITTED


def test_the_check_form_refuses_an_incomplete_check(world, measure, fund_year, network_coordinator):
    document = _submitted(world, measure, fund_year)
    url = _url("accountability:check", measure, year=YEAR)
    requirement = measure.funding_area.items.filter(kind="minimum_requirement").first()
    refusals = {
        "need_verdict": ({"need_verdict": "not_applicable", "need_reason": ""}, "Begründung"),
        "evidence": ({"need_sources": [], "need_evidence": ""}, "Belege"),
        "p3": ({"goals_note": ""}, "NWK-P3"),
        "requirement_na": (
            {f"req_{requirement.pk}_kept": "not_applicable"},
            "keine gültige Auswahl",
        ),
        "requirement_note": (
            {f"req_{requirement.pk}_kept": "no", f"req_{requirement.pk}_note": ""},
            "nicht eingehalten ist",
        ),
        "requirement_missing": ({f"req_{requirement.pk}_kept": ""}, "NWK-P2"),
    }
    for changes, message in refusals.values():
        data = check_data(measure, document.lock_version, **changes)
        response = network_coordinator.post(url, data)
        assert response.status_code == 200
        assert message in response.content.decode(), changes
    assert not CoordinatorCheck.objects.exists()
    response = network_coordinator.post(url, check_data(measure, document.lock_version))
    assert response.status_code == 302
    check = CoordinatorCheck.objects.get()
    assert (
        check.requirements.count()
        == measure.funding_area.items.filter(kind="minimum_requirement").count()
    )


def test_the_print_out_shows_the_stored_document_and_its_state(
    world, measure, fund_year, network_coordinator
):
    _submitted(world, measure, fund_year)
    from lotse.accountability import printing

    printable = printing.report_printable(MeasureDocument.objects.get())
    assert ("Stand", "beim Jugendamt eingereicht") in printable.facts
    assert "Netzwerktreffen." in "".join(c.html for c in printable.chapters)
    response = network_coordinator.get(
        _url("accountability:report_print", measure, year=YEAR, file_format="docx")
    )
    assert response.status_code == 200


def test_the_to_do_list_does_not_grow_in_queries(
    world, fund_year, network_coordinator, django_assert_max_num_queries
):
    for index in range(3):
        _submitted(world, make_measure(world, title=f"Maßnahme {index}"), fund_year)
    with django_assert_max_num_queries(30) as few:
        network_coordinator.get(reverse("accountability:to_do"))
    for index in range(3, 30):
        _submitted(world, make_measure(world, title=f"Maßnahme {index}"), fund_year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = network_coordinator.get(reverse("accountability:to_do"))
    assert response.context["counts"]["to_check"] == 30


def test_the_start_pages_show_the_counts(world, measure, fund_year, provider_editor):
    response = provider_editor.get(reverse("workspace:start"))
    assert "2 zu schreiben" in response.content.decode()  # the profile and the Sachbericht
