"""The yearly cycle of a Sachbericht: each refusal, and a full cycle with its rows,
audit entries and mails."""

import pytest
from django.contrib.contenttypes.models import ContentType

from lotse.accountability import actions, checks, workflow
from lotse.accountability.forms import CheckForm
from lotse.accountability.models import DocumentStep, MeasureDocument
from lotse.accountability.tests.conftest import check_data, make_measure
from lotse.accounts.models import AuditEntry
from lotse.workflow import GuardFailed, NotAllowed, UnknownTransition, WrongState

S = MeasureDocument.Status
TEXTS = {
    "activities": "Zwölf Netzwerktreffen (Demo).",
    "reach": "Fachkräfte aus acht Sektoren.",
    "cooperation": "Abstimmung mit dem Gesundheitsamt.",
    "difficulties": "",
    "outlook": "Fortsetzung.",
}


def _report(measure, fund_year, by):
    return actions.save_report(measure, fund_year, texts=TEXTS, based_on=0, by=by)


def _save_check(document, by):
    document.refresh_from_db()
    requirements = list(checks.applicable_requirements(document.measure))
    form = CheckForm(check_data(document.measure, document.lock_version), requirements=requirements)
    assert form.is_valid(), form.errors
    return actions.save_check(
        document,
        values=form.values(),
        requirements=form.requirement_values(),
        based_on=document.lock_version,
        by=by,
    )


def _step(document, name, by, **details):
    document.refresh_from_db()
    details.setdefault("lock_version", document.lock_version)
    return workflow.transition(document, name, by=by, **details)


def test_a_sachbericht_goes_through_the_year(
    world, measure, fund_year, mailoutbox, django_capture_on_commit_callbacks
):
    provider = world.users["provider_editor"]
    coordinator = world.users["network_coordinator"]
    lks = world.users["state_coordinator"]
    document = _report(measure, fund_year, provider)
    assert document.status == S.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        _step(document, "submit", provider)
    assert mailoutbox[-1].to == ["netzwerk@test.example"]
    assert "beim Jugendamt eingereicht" in mailoutbox[-1].subject

    _save_check(document, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _step(document, "return", coordinator, note="Bitte die Reichweite genauer beschreiben.")
    document.refresh_from_db()
    assert document.status == S.RETURNED
    assert document.return_note == "Bitte die Reichweite genauer beschreiben."
    assert mailoutbox[-1].to == ["anbieter@test.example"]
    assert "Bitte die Reichweite genauer beschreiben." in mailoutbox[-1].body

    actions.save_report(
        measure,
        fund_year,
        texts={**TEXTS, "reach": "Fachkräfte aus acht Sektoren, 40 Treffen."},
        based_on=document.lock_version,
        by=provider,
    )
    _step(document, "submit", provider)
    _step(document, "check", coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _step(document, "forward", coordinator)
    assert mailoutbox[-1].to == ["lks@test.example"]
    with django_capture_on_commit_callbacks(execute=True):
        _step(document, "accept", lks)

    document.refresh_from_db()
    assert document.status == S.ACCEPTED and document.accepted_at is not None
    assert list(DocumentStep.objects.values_list("from_status", "to_status")) == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "checked"),
        ("checked", "forwarded"),
        ("forwarded", "accepted"),
    ]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(MeasureDocument),
        object_id=str(document.pk),
    ).order_by("pk")
    statuses = [e.changes["status"] for e in entries if "status" in e.changes]
    assert statuses[0] == [None, "draft"]
    assert statuses[-1] == ["forwarded", "accepted"]
    assert len(statuses) == 7
    assert sorted(mailoutbox[-1].to) == ["anbieter@test.example", "netzwerk@test.example"]
    assert measure.progress_reports.get(year=fund_year.year).reach.endswith("40 Treffen.")


def test_only_the_writers_submit_and_only_the_district_checks(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    for persona in ("coordinator_elsewhere", "state_coordinator", "ministry", "area_coordinator"):
        with pytest.raises(NotAllowed):
            _step(document, "submit", world.users[persona])
    _step(document, "submit", world.users["provider_editor"])
    for persona in ("provider_editor", "coordinator_elsewhere", "state_coordinator", "ministry"):
        with pytest.raises(NotAllowed):
            _step(document, "return", world.users[persona], note="x")
    document.refresh_from_db()
    assert document.status == S.SUBMITTED


def test_unknown_step_and_wrong_state_are_refused(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    with pytest.raises(UnknownTransition):
        _step(document, "publish", world.users["provider_editor"])
    with pytest.raises(WrongState) as refused:
        _step(document, "check", world.users["network_coordinator"])
    assert "Entwurf" in refused.value.problems[0]


def test_an_empty_sachbericht_cannot_be_submitted(world, measure, fund_year):
    document = actions.save_report(
        measure,
        fund_year,
        texts=dict.fromkeys(TEXTS, ""),
        based_on=0,
        by=world.users["provider_editor"],
    )
    with pytest.raises(GuardFailed) as refused:
        _step(document, "submit", world.users["provider_editor"])
    assert refused.value.problems == ["Der Sachbericht ist noch leer."]


def test_checking_needs_the_complete_check(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    _step(document, "submit", world.users["provider_editor"])
    with pytest.raises(GuardFailed) as refused:
        _step(document, "check", world.users["network_coordinator"])
    assert "NWK-P1 bis NWK-P3" in refused.value.problems[0]
    document.refresh_from_db()
    assert document.status == S.SUBMITTED
    assert not DocumentStep.objects.filter(to_status=S.CHECKED).exists()


def test_returning_needs_a_note(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    _step(document, "submit", world.users["provider_editor"])
    with pytest.raises(GuardFailed) as refused:
        _step(document, "return", world.users["network_coordinator"], note="  ")
    assert refused.value.problems == ["Bitte schreiben Sie dazu, was zu ändern ist."]


def test_a_step_from_a_stale_page_is_refused(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    stale = document.lock_version
    actions.save_report(
        measure, fund_year, texts=TEXTS, based_on=stale, by=world.users["network_coordinator"]
    )
    with pytest.raises(GuardFailed) as refused:
        workflow.transition(
            document, "submit", by=world.users["provider_editor"], lock_version=stale
        )
    assert "inzwischen geändert" in refused.value.problems[0]
    document.refresh_from_db()
    assert document.status == S.DRAFT


def test_two_saves_from_the_same_page_keep_the_first(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    shown = document.lock_version
    actions.save_report(
        measure,
        fund_year,
        texts={**TEXTS, "outlook": "Erste Fassung."},
        based_on=shown,
        by=world.users["provider_editor"],
    )
    with pytest.raises(actions.ConcurrentEdit) as refused:
        actions.save_report(
            measure,
            fund_year,
            texts={**TEXTS, "outlook": "Zweite Fassung."},
            based_on=shown,
            by=world.users["network_coordinator"],
        )
    assert "nichts ist verloren" in refused.value.message
    assert measure.progress_reports.get().outlook == "Erste Fassung."


def test_a_submitted_sachbericht_is_frozen(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    _step(document, "submit", world.users["provider_editor"])
    document.refresh_from_db()
    with pytest.raises(actions.NotEditable):
        actions.save_report(
            measure,
            fund_year,
            texts={**TEXTS, "outlook": "Nachträglich."},
            based_on=document.lock_version,
            by=world.users["provider_editor"],
        )
    assert measure.progress_reports.get().outlook == "Fortsetzung."


def _forwarded(world, measure, fund_year):
    document = _report(measure, fund_year, world.users["provider_editor"])
    _step(document, "submit", world.users["provider_editor"])
    _save_check(document, world.users["network_coordinator"])
    _step(document, "check", world.users["network_coordinator"])
    _step(document, "forward", world.users["network_coordinator"])
    return document


def test_the_lks_returns_to_the_district_with_a_note(
    world, measure, fund_year, mailoutbox, django_capture_on_commit_callbacks
):
    document = _forwarded(world, measure, fund_year)
    with pytest.raises(GuardFailed):
        _step(document, "return_to_district", world.users["state_coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(
            document,
            "return_to_district",
            world.users["state_coordinator"],
            note="NWK-P3 bitte mit den Zahlen begründen.",
        )
    document.refresh_from_db()
    assert document.status == S.RETURNED_BY_LKS
    assert mailoutbox[-1].to == ["netzwerk@test.example"]
    _step(document, "forward", world.users["network_coordinator"])


def test_an_fb_ii2_sachbericht_is_not_accepted_while_its_conditions_are_open(world, fund_year):
    measure = make_measure(world, area="II.2", title="Eltern-Café")
    document = _forwarded(world, measure, fund_year)
    with pytest.raises(GuardFailed) as refused:
        _step(document, "accept", world.users["state_coordinator"])
    assert "FB-II.2-V1 bis V6" in refused.value.problems[0]
    document.refresh_from_db()
    assert document.status == S.FORWARDED


def test_a_profile_gets_a_new_revision_after_acceptance(world, measure):
    provider = world.users["provider_editor"]
    profile = actions.save_profile(
        measure,
        None,
        texts={"description": "Koordination.", "target_group": ""},
        based_on=0,
        by=provider,
    )
    with pytest.raises(actions.Refused):
        actions.start_profile_revision(profile, by=provider)
    _step(profile, "submit", provider)
    _step(profile, "check", world.users["network_coordinator"])  # no NWK check for a profile
    _step(profile, "forward", world.users["network_coordinator"])
    _step(profile, "accept", world.users["state_coordinator"])
    revision = actions.start_profile_revision(profile, by=provider)
    assert (revision.number, revision.status, revision.description) == (2, S.DRAFT, "Koordination.")
    with pytest.raises(actions.Refused):
        actions.start_profile_revision(profile, by=provider)
