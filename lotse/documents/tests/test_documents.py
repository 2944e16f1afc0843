"""Regional concepts and annual reports: structure, workflow and who may take each step,
frozen versions, diff, required modules, deadlines, rendering, PDF/DOCX, the matrix."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.accounts.models import AuditEntry
from lotse.concept.models import ChecklistItem, StateConcept, StateConceptItem
from lotse.documents import actions, deadlines, workflow
from lotse.documents.figures import Figure, Figures, Table
from lotse.documents.models import ChecklistAssessment, Document
from lotse.documents.queries import item_assessments, status_year
from lotse.documents.rendering import plain_text, render_markdown
from lotse.documents.versions import snapshot, word_diff
from lotse.funding.models import Measure
from lotse.networks.models import ItemStatus
from lotse.workflow import GuardFailed, NotAllowed, TransitionRefused, WrongState

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return StateConcept.objects.current()


@pytest.fixture
def concept(world, edition):
    return actions.start_concept(
        district=world.district, edition=edition, by=world.users["network_coordinator"]
    )


def fill(document, writer):
    for section in document.sections.all():
        actions.save_section(
            section, text="Text von " + section.key, based_on=section.revision, by=writer
        )


def doc_url(name, document, **kwargs):
    return reverse(
        name, kwargs={"ags": document.district.ags, "document_id": document.pk, **kwargs}
    )


# --- Structure -----------------------------------------------------------------------------


def test_a_concept_has_own_chapters_and_one_per_funding_area(concept, edition):
    keys = list(concept.sections.values_list("key", flat=True))
    assert keys[:3] == ["situation", "social_areas", "goals"]
    assert keys[-1] == "measures"
    areas = [f"fb-{code}" for code in ("NWK", "I", "II.1.1", "II.1.2", "II.2", "III")]
    assert [k for k in keys if k.startswith("fb-")] == areas  # not the LKS's own chapter
    modules = [a.item.code for a, _disagreement in item_assessments(concept)]
    assert "FB-I-E1" in modules and "FB-II.2-E4" in modules
    assert modules.index("FB-I-M4") < modules.index("FB-I-E1")  # Muss first
    assert not any(code.startswith("LKS-") for code in modules)
    assert concept.due_on == datetime.date(2025, 2, 15)  # published 2024-02-15 + 12 months


def test_the_concept_reads_the_status_the_network_page_set(world, edition, network_coordinator):
    """One status: set on the network page, it is the concept's, unassessed ones stay so."""
    document = actions.start_concept(
        district=world.district, edition=edition, by=world.users["network_coordinator"]
    )
    year = status_year(document)
    network_coordinator.post(
        reverse("networks:requirements", kwargs={"ags": "13075", "network_id": world.network.pk})
        + f"?jahr={year}",
        {"item_code": "FB-I-E6", "status": "planned", "reason": ""},
    )
    shown = {m["code"]: m for m in snapshot(document)["modules"]}
    assert shown["FB-I-E6"]["status"] == "planned"
    assert shown["FB-I-E2"]["status"] == "" and shown["FB-I-E2"]["status_label"] == (
        "noch nicht eingeschätzt"
    )
    assert not ItemStatus.objects.filter(district=world.district, item__code="FB-I-E2").exists()


def test_checklist_ships_derived_from_the_chapters(edition):
    items = ChecklistItem.objects.filter(state_concept=edition)
    codes = set(items.values_list("code", flat=True))
    assert {"A1", "Z1", "Z4"} <= codes
    assert items.filter(text__contains="FB-I-M3").exists()
    assert items.filter(text__contains="FB-II.2-V6").exists()


def test_annual_report_is_prefilled_with_live_figures(world, edition):
    report = actions.start_annual_report(
        district=world.district, edition=edition, year=2025, by=world.users["network_coordinator"]
    )
    network = report.sections.get(key="network")
    assert (
        "[[netzwerktreffen]]" in network.text and "[[tabelle:partner_nach_sektor]]" in network.text
    )
    assert report.due_on == datetime.date(2026, 3, 31)


# --- Who may take which step ---------------------------------------------------------------


def test_full_review_cycle_with_versions_log_and_mails(
    concept, world, django_capture_on_commit_callbacks
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    mail.outbox.clear()

    def step(name, *, by, note=""):
        with django_capture_on_commit_callbacks(execute=True):
            return workflow.transition(concept, name, by=by, note=note)

    with pytest.raises(TransitionRefused):
        step("start_review", by=writer)  # a district never reviews
    with pytest.raises(TransitionRefused):
        step("submit", by=lks)  # the LKS never submits for a district
    step("submit", by=writer)
    concept.refresh_from_db()
    assert concept.status == Document.Status.SUBMITTED and concept.versions.count() == 1
    assert mail.outbox[-1].to == [lks.email]
    step("start_review", by=lks)
    with pytest.raises(TransitionRefused, match="begründen"):
        step("request_changes", by=lks)
    step("request_changes", by=lks, note="Ziele messbar machen")
    assert mail.outbox[-1].to == [writer.email] and "Ziele messbar machen" in mail.outbox[-1].body
    goals = concept.sections.get(key="goals")
    actions.save_section(goals, text="Neue Ziele mit Zielwert", based_on=goals.revision, by=writer)
    step("submit", by=writer)
    step("start_review", by=lks)
    step("accept", by=lks)
    concept.refresh_from_db()
    assert concept.status == Document.Status.ACCEPTED and concept.accepted_at
    assert [v.accepted for v in concept.versions.all()] == [False, False, True]
    assert [(c.from_status, c.to_status) for c in concept.status_changes.all()] == [
        ("draft", "submitted"), ("submitted", "in_review"), ("in_review", "changes_requested"),
        ("changes_requested", "submitted"), ("submitted", "in_review"), ("in_review", "accepted"),
    ]  # fmt: skip
    assert (
        AuditEntry.objects.filter(
            object_id=str(concept.pk), changes__status__isnull=False, action="update"
        ).count()
        == 6
    )


def test_ministry_and_other_roles_cannot_take_any_step(concept, world):
    fill(concept, world.users["network_coordinator"])
    for name in ("ministry", "area_coordinator", "coordinator_elsewhere", "provider_editor"):
        assert workflow.allowed_transitions(world.users[name], concept) == []
        with pytest.raises(TransitionRefused):
            workflow.transition(concept, "submit", by=world.users[name])
    concept.refresh_from_db()
    assert concept.status == Document.Status.DRAFT


def test_each_refusal_says_why(concept, world):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    with pytest.raises(GuardFailed, match="Noch ohne Text"):
        workflow.transition(concept, "submit", by=writer)  # empty chapters
    fill(concept, writer)
    with pytest.raises(NotAllowed):
        workflow.transition(concept, "start_review", by=writer)
    with pytest.raises(WrongState, match="Entwurf"):
        workflow.transition(concept, "accept", by=lks)
    workflow.transition(concept, "submit", by=writer)
    with pytest.raises(WrongState, match="eingereicht"):
        workflow.transition(concept, "submit", by=writer)  # a second click, or a second tab
    concept.refresh_from_db()
    assert concept.status_changes.count() == 1 and concept.versions.count() == 1


def test_open_comments_explain_a_request_for_changes(concept, world):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    workflow.transition(concept, "submit", by=writer)
    workflow.transition(concept, "start_review", by=lks)
    actions.comment(concept, text="Ziele messbar machen", by=lks, from_reviewer=True)
    change = workflow.transition(concept, "request_changes", by=lks)
    assert change.to_status == Document.Status.CHANGES_REQUESTED and change.note == ""


def test_step_mails_tell_the_other_side_in_german(
    concept, world, mailoutbox, django_capture_on_commit_callbacks
):
    fill(concept, world.users["network_coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            concept, "submit", by=world.users["network_coordinator"], note="Bitte prüfen"
        )
    sent = mailoutbox[-1]
    assert sent.subject == f"Lotse: {concept} – eingereicht"
    assert sent.body.startswith("Guten Tag,") and "Bitte prüfen" in sent.body
    assert "hat einen neuen Stand: eingereicht (vorher: Entwurf)" in sent.body
    assert "Zum Dokument: http" in sent.body


def test_step_mails_are_translated(
    concept, world, english_site, mailoutbox, django_capture_on_commit_callbacks
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    workflow.transition(concept, "submit", by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(concept, "start_review", by=lks)
    english = mailoutbox[-1]
    assert english.to == [writer.email] and english.subject.endswith("– under review")
    assert english.body.startswith("Hello,") and "To the document: http" in english.body
    assert "Guten Tag" not in english.body and "hat einen neuen Stand" not in english.body


def test_a_stale_step_button_answers_with_the_current_state(concept, world, network_coordinator):
    fill(concept, world.users["network_coordinator"])
    step = doc_url("documents:step", concept)
    assert network_coordinator.post(step, {"step": "submit"}).status_code == 302
    again = network_coordinator.post(step, {"step": "submit"}, follow=True)  # the old page
    assert again.status_code == 200
    assert "im Stand „eingereicht“ nicht möglich" in again.content.decode()
    assert network_coordinator.post(step, {"step": "archive"}).status_code == 404  # no such step
    assert concept.status_changes.count() == 1


def test_views_enforce_roles(
    concept, world, network_coordinator, state_coordinator, ministry, coordinator_elsewhere
):
    fill(concept, world.users["network_coordinator"])
    section = concept.sections.first()
    edit = doc_url("documents:section_edit", concept, section_id=section.pk)
    assert state_coordinator.get(edit).status_code == 403  # the LKS never edits a district's draft
    assert ministry.get(edit).status_code == 403
    assert coordinator_elsewhere.get(doc_url("documents:document", concept)).status_code == 404
    assert ministry.get(doc_url("documents:document", concept)).status_code == 200
    step = doc_url("documents:step", concept)
    assert state_coordinator.post(step, {"step": "submit"}).status_code == 403
    assert ministry.post(step, {"step": "submit"}).status_code == 403
    assert network_coordinator.post(step, {"step": "submit"}).status_code == 302
    concept.refresh_from_db()
    assert concept.status == Document.Status.SUBMITTED
    assert network_coordinator.post(step, {"step": "start_review"}).status_code == 403
    assert network_coordinator.get(doc_url("documents:review", concept)).status_code == 403
    assert state_coordinator.post(step, {"step": "start_review"}).status_code == 302
    assert state_coordinator.get(doc_url("documents:review", concept)).status_code == 200


def test_lks_assesses_checklist_and_comments_per_item(concept, world, state_coordinator):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    workflow.transition(concept, "submit", by=writer)
    workflow.transition(concept, "start_review", by=lks)
    item = ChecklistItem.objects.filter(state_concept=concept.state_concept).first()
    response = state_coordinator.post(
        doc_url("documents:review", concept), {f"item-{item.pk}": "not_fulfilled"}
    )
    assert response.status_code == 302
    assert ChecklistAssessment.objects.get(document=concept, item=item).verdict == "not_fulfilled"
    bad = state_coordinator.post(
        doc_url("documents:review", concept), {f"item-{item.pk}": "vielleicht"}
    )
    assert bad.status_code == 200 and "nichts gespeichert" in bad.content.decode()
    state_coordinator.post(
        doc_url("documents:comment_create", concept), {"text": "Fehlt", "checklist_item": item.pk}
    )
    assert concept.comments.get().checklist_item == item


# --- Required modules, frozen versions, conflicts ------------------------------------------


def _module_data(document):
    return {
        f"{assessment.item.code}-status": assessment.value
        for assessment, _disagreement in item_assessments(document)
    }


def test_required_module_cannot_be_not_applicable(concept, world, network_coordinator):
    data = _module_data(concept)
    data["FB-I-E1-status"] = "not_applicable"  # erforderlich
    data["FB-I-E1-reason"] = "passt nicht"
    response = network_coordinator.post(doc_url("documents:module_statuses", concept), data)
    assert response.status_code == 200
    # "nicht zutreffend" is not even offered for a Muss-Anforderung
    assert "gültige Auswahl" in response.content.decode()
    assert not ItemStatus.objects.filter(item__code="FB-I-E1").exists()
    # and even if it got there another way (data from before the rule), submission is refused
    ItemStatus.objects.create(
        district=world.district,
        item=StateConceptItem.objects.get(state_concept=concept.state_concept, code="FB-I-E1"),
        year=status_year(concept),
        status="not_applicable",
        reason="x",
        updated_at=timezone.now(),
    )
    fill(concept, world.users["network_coordinator"])
    assert any("FB-I-E1" in p for p in workflow.submission_problems(concept))


def test_optional_module_not_applicable_needs_a_reason(concept, network_coordinator):
    data = _module_data(concept)
    data["FB-I-E2-status"] = "not_applicable"
    response = network_coordinator.post(doc_url("documents:module_statuses", concept), data)
    assert "Bitte begründen" in response.content.decode()
    assert not ItemStatus.objects.exists()  # nothing saved, the others stay unassessed
    data["FB-I-E2-reason"] = "Keine Sozialräume im Stadtgebiet"
    assert (
        network_coordinator.post(doc_url("documents:module_statuses", concept), data).status_code
        == 302
    )
    saved = ItemStatus.objects.get()
    assert (saved.item.code, saved.status, saved.year) == (
        "FB-I-E2",
        "not_applicable",
        status_year(concept),
    )


def test_accepted_version_is_frozen_with_its_figures(concept, world, state_coordinator):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    situation = concept.sections.get(key="situation")
    actions.save_section(
        situation, text="Partner: [[partner_gesamt]]", based_on=situation.revision, by=writer
    )
    for name, who in (("submit", writer), ("start_review", lks), ("accept", lks)):
        workflow.transition(concept, name, by=who)
    frozen = concept.versions.get(accepted=True).content
    before = next(s for s in frozen["sections"] if s["key"] == "situation")["plain"]
    from lotse.networks.models import Partner
    from tests.factories import OrganizationFactory

    Partner.objects.create(
        network=world.network,
        organization=OrganizationFactory(district=world.district),
        sector="youth_welfare",
    )
    concept.refresh_from_db()
    with pytest.raises(actions.NotEditable):
        actions.save_section(
            situation,
            text="später",
            based_on=situation.refresh_from_db() or situation.revision,
            by=writer,
        )
    page = state_coordinator.get(doc_url("documents:document", concept)).content.decode()
    assert "Partner: " in before and before.split(": ")[1] in page
    assert concept.versions.get(accepted=True).content == frozen


def test_concurrent_section_edit_is_refused_and_shows_the_other_text(
    concept, world, network_coordinator
):
    section = concept.sections.get(key="goals")
    actions.save_section(
        section, text="Fassung von Kollegin", based_on=0, by=world.users["state_coordinator"]
    )
    url = doc_url("documents:section_edit", concept, section_id=section.pk)
    response = network_coordinator.post(url, {"text": "Meine Fassung", "revision": 0})
    page = response.content.decode()
    assert response.status_code == 200 and "Ihre Fassung ist nicht gespeichert" in page
    assert "Fassung von Kollegin" in page
    section.refresh_from_db()
    assert section.text == "Fassung von Kollegin"
    autosave = network_coordinator.post(
        url, {"text": "x", "revision": 0}, headers={"X-Lotse-Autosave": "1"}
    )
    assert autosave.status_code == 409 and autosave.json()["text"] == "Fassung von Kollegin"
    ok = network_coordinator.post(
        url, {"text": "Neu", "revision": 1}, headers={"X-Lotse-Autosave": "1"}
    )
    assert ok.status_code == 200 and ok.json()["revision"] == 2


# --- Diff, rendering ---------------------------------------------------------------------------


def test_word_diff_marks_added_and_removed_words():
    pieces = word_diff("Wir treffen uns zweimal im Jahr.", "Wir treffen uns viermal im Jahr.")
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [
        ("removed", "zweimal"),
        ("added", "viermal"),
    ]


def test_compare_view_shows_changes_between_versions(concept, world, network_coordinator):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    fill(concept, writer)
    workflow.transition(concept, "submit", by=writer)
    workflow.transition(concept, "start_review", by=lks)
    workflow.transition(concept, "request_changes", by=lks, note="bitte")
    goals = concept.sections.get(key="goals")
    actions.save_section(goals, text="Text von goals und mehr", based_on=goals.revision, by=writer)
    workflow.transition(concept, "submit", by=writer)
    page = network_coordinator.get(doc_url("documents:compare", concept)).content.decode()
    assert "<ins>" in page and "mehr</ins>" in page


def test_markdown_is_sanitised_and_figures_inserted():
    figures = Figures(
        values={"kinder_unter_3": Figure("Kinder", "1.234", "Statistik")},
        tables={"t": Table("Tabelle", ("A", "B"), (("x", "1"),), "Lotse")},
    )
    html = render_markdown(
        "# Titel\n\n<script>alert(1)</script>[[kinder_unter_3]] [[gibtsnicht]] <img src=x onerror=alert(1)>\n\n[[tabelle:t]]\n\n[a](javascript:alert(1))",
        figures,
    )
    assert (
        "<h3>Titel</h3>" in html
        and "<script" not in html
        and "onerror" not in html
        and "javascript:" not in html
    )
    assert ">1.234</span>" in html and "unbekannte Zahl" in html and "<caption>Tabelle" in html
    assert plain_text("[[kinder_unter_3]] Kinder", figures) == "1.234 Kinder"


# --- Deadlines --------------------------------------------------------------------------------


def test_deadlines_and_reminders(concept):
    assert deadlines.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    concept.due_on = datetime.date(2026, 12, 1)
    today = datetime.date(2026, 11, 25)
    assert not deadlines.is_overdue(concept, today)
    assert deadlines.reminder_stage_due(concept, today) == 2  # a week before
    concept.reminder_stage = 2
    assert deadlines.reminder_stage_due(concept, today) is None
    assert (
        deadlines.reminder_stage_due(concept, datetime.date(2026, 12, 2)) == deadlines.OVERDUE_STAGE
    )
    assert deadlines.is_overdue(concept, datetime.date(2026, 12, 2))
    concept.status = Document.Status.SUBMITTED
    assert not deadlines.is_overdue(concept, datetime.date(2026, 12, 2))


def test_reminder_command_mails_once_per_stage(concept, world):
    from django.core.management import call_command

    Document.objects.filter(pk=concept.pk).update(due_on=datetime.date(2020, 1, 1))
    mail.outbox.clear()
    call_command("send_document_reminders")
    call_command("send_document_reminders")
    assert len(mail.outbox) == 1 and "überfällig" in mail.outbox[0].subject
    assert mail.outbox[0].to == [world.users["network_coordinator"].email]


def test_the_deadline_reminder_comes_in_the_language_each_person_chose(concept, world):
    from django.core.management import call_command

    coordinator = world.users["network_coordinator"]
    coordinator.language = "en"
    coordinator.save()
    Document.objects.filter(pk=concept.pk).update(due_on=datetime.date(2020, 1, 1))
    mail.outbox.clear()
    call_command("send_document_reminders")
    [sent] = mail.outbox
    assert sent.to == [coordinator.email]
    assert sent.subject.endswith("is overdue") and "überfällig" not in sent.subject
    assert sent.body.startswith("Hello,")


# --- Documents -----------------------------------------------------------------------------


def test_pdf_has_headings_figures_and_page_numbers(concept, world, network_coordinator):
    writer = world.users["network_coordinator"]
    fill(concept, writer)
    situation = concept.sections.get(key="situation")
    actions.save_section(
        situation,
        text="Es gibt [[partner_gesamt]] Partner im Netzwerk.",
        based_on=situation.revision,
        by=writer,
    )
    response = network_coordinator.get(doc_url("documents:export", concept, file_format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Regionales Gesamtkonzept" in text and "Ausgangslage und Bedarfsanalyse" in text
    assert "Es gibt 0 Partner im Netzwerk." in text
    assert "Seite 2 von" in text and "Inhalt" in text
    fonts = {
        str(f) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert fonts  # fonts are embedded in the file, not referenced
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF


def test_docx_has_the_chapters(concept, world, network_coordinator):
    fill(concept, world.users["network_coordinator"])
    response = network_coordinator.get(doc_url("documents:export", concept, file_format="docx"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Ausgangslage und Bedarfsanalyse" in body and "Text von goals" in body
    assert (
        network_coordinator.get(doc_url("documents:export", concept, file_format="exe")).status_code
        == 404
    )


# --- The state view --------------------------------------------------------------------------


def test_matrix_shows_status_in_words_with_constant_queries(
    concept, world, state_coordinator, network_coordinator, django_assert_max_num_queries
):
    fill(concept, world.users["network_coordinator"])
    # A fixed number, the records behind the warnings of all districts included.
    with django_assert_max_num_queries(28):
        page = state_coordinator.get(reverse("documents:state_documents")).content.decode()
    assert "nicht begonnen" in page and "kein Dokument" in page
    filtered = state_coordinator.get(
        reverse("documents:state_documents") + "?art=development_module&stand=kaputt"
    ).content.decode()
    assert "FB-I-E1" in filtered and "Fehlt" not in filtered
    assert network_coordinator.get(reverse("documents:state_documents")).status_code == 403
    export = state_coordinator.get(reverse("documents:state_documents_export"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_state_office_tasks_only_lks_edits(world, state_coordinator, ministry):
    url = reverse("documents:state_office_tasks") + "?jahr=2025"
    page = state_coordinator.get(url).content.decode()
    assert "LKS-E6" in page
    from lotse.concept.models import StateConceptItem

    item = StateConceptItem.objects.get(code="LKS-E5", state_concept=StateConcept.objects.current())
    data = {
        f"t{i.pk}-status": "not_started"
        for i in StateConceptItem.objects.filter(code__startswith="LKS-E")
    }
    data[f"t{item.pk}-status"] = "achieved"
    data[f"t{item.pk}-evidence"] = "Drei Plattformtreffen"
    assert ministry.post(url, data).status_code == 403
    assert state_coordinator.post(url, data).status_code == 302
    from lotse.documents.models import StateOfficeTask

    assert StateOfficeTask.objects.get(item=item, year=2025).evidence == "Drei Plattformtreffen"


def test_measure_without_link_blocks_submission(concept, world, edition):
    fill(concept, world.users["network_coordinator"])
    Measure.objects.create(
        district=world.district, state_concept=edition, funding_area=edition.funding_areas.get(code="II.2"),
        title="Eltern-Café", provider_name="Träger", starts_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    assert any("Eltern-Café" in p for p in workflow.submission_problems(concept))


def test_matrix_uses_the_checklist_verdict_for_requirements_outside_the_network(
    concept, world, state_coordinator
):
    item = ChecklistItem.objects.get(
        state_concept=concept.state_concept, concept_item__code="FB-II.1.2-M2"
    )
    actions.assess(concept, item, verdict="fulfilled", by=world.users["state_coordinator"])
    page = state_coordinator.get(
        reverse("documents:state_documents") + "?art=minimum_requirement"
    ).content.decode()
    assert "Konzept: erfüllt" in page
