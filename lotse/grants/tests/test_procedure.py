"""The grant procedure: its steps and refusals, the pages and their scope, the generated
documents read back, reminders, to-dos and the query counts of the lists."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.accountability import actions as accountability_actions
from lotse.accountability import checks
from lotse.accountability import workflow as accountability_workflow
from lotse.accountability.forms import CheckForm
from lotse.accountability.models import MeasureDocument
from lotse.accountability.tests.conftest import check_data
from lotse.accounts.models import AuditEntry
from lotse.concept.models import StateConcept
from lotse.documents.models import Document
from lotse.funding.models import Allocation, FundYear, Measure, MeasurePlan, Spending
from lotse.grants import actions, queries, reminders, workflow
from lotse.grants.models import GrantDocument, GrantStep
from lotse.regions.models import District
from lotse.workflow import GuardFailed, NotAllowed, WrongState

K = GrantDocument.Kind
S = GrantDocument.Status
NOTICE_PDF = b"%PDF-1.4\n% Zuwendungsbescheid\n"


def notice_upload(name="bescheid.pdf", content=NOTICE_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def edition():
    return StateConcept.objects.current()


@pytest.fixture
def fund_year(world):
    year = FundYear.objects.create(
        year=2026,
        state_total=Decimal("1160000"),
        state_office_share=Decimal("96000"),
        application_due=datetime.date(2026, 3, 31),
        interim_report_due=datetime.date(2026, 9, 30),
        final_report_due=datetime.date(2027, 6, 30),
    )
    Allocation.objects.create(fund_year=year, district=world.district, amount=Decimal("150000"))
    return year


def accepted_concept(district, edition, status=Document.Status.ACCEPTED):
    return Document.objects.create(
        kind=Document.Kind.CONCEPT,
        district=district,
        state_concept=edition,
        status=status,
        due_on=datetime.date(2025, 2, 15),
        accepted_at=timezone.now() if status == Document.Status.ACCEPTED else None,
    )


def measure_with_plan(world, edition, fund_year, title, code="II.2", planned="1000.50", spent=None):
    measure = Measure.objects.create(
        district=world.district, state_concept=edition, funding_area=edition.funding_areas.get(code=code),
        title=title, provider_name="Familienzentrum e.V.", starts_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    plan = MeasurePlan.objects.create(
        measure=measure, fund_year=fund_year, planned=Decimal(planned), co_funding=Decimal("100")
    )
    for period, amount in (spent or {}).items():
        Spending.objects.create(plan=plan, period=period, amount=Decimal(amount))
    return measure


@pytest.fixture
def procedure(world, edition, fund_year):
    accepted_concept(world.district, edition)
    measure_with_plan(world, edition, fund_year, "Eltern-Café", spent={"q1": "250.25", "q2": "300"})
    measure_with_plan(world, edition, fund_year, "Netzwerkkoordination", code="I", planned="60000")
    actions.open_procedures(fund_year, by=world.users["state_coordinator"])
    return world.district.grant_procedures.get(fund_year=fund_year)


def doc(procedure, kind):
    return procedure.documents.get(kind=kind)


def page(document):
    return document.get_absolute_url()


def step_url(document):
    procedure = document.procedure
    return reverse(
        "grants:step",
        kwargs={
            "ags": procedure.district.ags,
            "year": procedure.fund_year.year,
            "slug": document.slug,
        },
    )


def file_url(document, file_format):
    procedure = document.procedure
    return reverse(
        "grants:document_file",
        kwargs={
            "ags": procedure.district.ags,
            "year": procedure.fund_year.year,
            "slug": document.slug,
            "file_format": file_format,
        },
    )


def through_to_notice(procedure, world):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    workflow.transition(doc(procedure, K.APPLICATION), "submit", by=writer)
    workflow.transition(doc(procedure, K.APPLICATION), "receive", by=lks)
    workflow.transition(
        doc(procedure, K.GRANT_NOTICE), "issue", by=world.users["grant_office"],
        amount=Decimal("61000.50"), issued_on=datetime.date(2026, 4, 15), document=notice_upload(),
    )  # fmt: skip


# --- The steps -------------------------------------------------------------------------------


def test_opening_a_year_gives_every_district_its_four_documents_once(world, fund_year):
    lks = world.users["state_coordinator"]
    assert len(actions.open_procedures(fund_year, by=lks)) == 8
    assert actions.open_procedures(fund_year, by=lks) == []
    assert GrantDocument.objects.filter(procedure__fund_year=fund_year).count() == 32
    assert AuditEntry.objects.filter(content_type__model="grantprocedure").count() == 8


def test_a_full_year_with_status_rows_audit_and_mails(
    procedure, world, mailoutbox, django_capture_on_commit_callbacks
):
    writer, lks, office = (
        world.users["network_coordinator"],
        world.users["state_coordinator"],
        world.users["grant_office"],
    )
    application = doc(procedure, K.APPLICATION)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(application, "submit", by=writer, note="Antrag wie besprochen")
    assert mailoutbox[-1].to == [lks.email]
    assert mailoutbox[-1].subject == (
        "Lotse: Antrag 2026 (Landkreis Vorpommern-Greifswald) – eingereicht"
    )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.submitted_at
    assert application.file.name.endswith(".pdf")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(application, "receive", by=lks)
    assert mailoutbox[-1].to == sorted([writer.email, office.email])
    notice = doc(procedure, K.GRANT_NOTICE)
    assert [s.name for s in workflow.allowed_transitions(office, notice)] == ["issue"]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            notice, "issue", by=office, amount=Decimal("61000.50"),
            issued_on=datetime.date(2026, 4, 15), conditions="Mittelabruf quartalsweise",
            document=notice_upload(),
        )  # fmt: skip
    assert mailoutbox[-1].to == sorted([writer.email, lks.email])
    notice.refresh_from_db()
    assert notice.status == S.ISSUED and notice.amount == Decimal("61000.50")
    interim = doc(procedure, K.INTERIM_REPORT)
    workflow.transition(interim, "submit", by=writer)
    workflow.transition(interim, "receive", by=lks)
    proof = doc(procedure, K.PROOF_OF_USE)
    workflow.transition(proof, "submit", by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(proof, "return", by=lks, note="Bitte Q2 belegen.")
    assert mailoutbox[-1].to == [writer.email] and "Bitte Q2 belegen." in mailoutbox[-1].body
    workflow.transition(proof, "submit", by=writer)
    workflow.transition(proof, "receive", by=lks)
    proof.refresh_from_db()
    assert proof.status == S.RECEIVED and proof.spreadsheet.name.endswith(".xlsx")
    assert [
        (step.document.kind, step.from_status, step.to_status)
        for step in GrantStep.objects.order_by("pk")
    ] == [
        (K.APPLICATION, S.OPEN, S.SUBMITTED), (K.APPLICATION, S.SUBMITTED, S.RECEIVED),
        (K.GRANT_NOTICE, S.OPEN, S.ISSUED),
        (K.INTERIM_REPORT, S.OPEN, S.SUBMITTED), (K.INTERIM_REPORT, S.SUBMITTED, S.RECEIVED),
        (K.PROOF_OF_USE, S.OPEN, S.SUBMITTED), (K.PROOF_OF_USE, S.SUBMITTED, S.RETURNED),
        (K.PROOF_OF_USE, S.RETURNED, S.SUBMITTED), (K.PROOF_OF_USE, S.SUBMITTED, S.RECEIVED),
    ]  # fmt: skip
    assert GrantStep.objects.get(to_status=S.RETURNED).note == "Bitte Q2 belegen."
    entry = AuditEntry.objects.filter(object_id=str(notice.pk), content_type__model="grantdocument")
    changes = entry.get().changes
    assert changes["status"] == ["open", "issued"] and changes["amount"] == [None, "61000.50"]
    assert changes["conditions"] == ["", "Mittelabruf quartalsweise"]
    assert entry.get().actor == office and entry.get().district == world.district


def test_refusals_say_why_and_change_nothing(world, edition, fund_year):
    accepted_concept(world.district, edition, status=Document.Status.IN_REVIEW)
    actions.open_procedures(fund_year, by=world.users["state_coordinator"])
    procedure = world.district.grant_procedures.get()
    writer, lks, office, ministry = (
        world.users["network_coordinator"],
        world.users["state_coordinator"],
        world.users["grant_office"],
        world.users["ministry"],
    )
    application = doc(procedure, K.APPLICATION)
    with pytest.raises(GuardFailed) as refused:
        workflow.transition(application, "submit", by=writer)
    assert refused.value.problems == [
        "Der Antrag setzt ein von der LKS angenommenes Regionales Gesamtkonzept voraus.",
        "Für dieses Förderjahr sind noch keine Planansätze eingetragen.",
    ]
    for person in (lks, office, ministry, world.users["coordinator_elsewhere"]):
        with pytest.raises(NotAllowed):
            workflow.transition(application, "submit", by=person)
    with pytest.raises(WrongState, match="offen"):
        workflow.transition(application, "receive", by=lks)
    notice = doc(procedure, K.GRANT_NOTICE)
    with pytest.raises(NotAllowed):
        workflow.transition(notice, "issue", by=writer, amount=Decimal(1))
    with pytest.raises(NotAllowed):
        workflow.transition(notice, "receive", by=lks)
    with pytest.raises(GuardFailed) as refused:
        workflow.transition(notice, "issue", by=office)
    assert refused.value.problems == [
        "Bitte den bewilligten Betrag angeben.",
        "Bitte das Datum des Bescheids angeben.",
        "Bitte den Bescheid als PDF hochladen.",
        "Ein Bescheid setzt einen eingegangenen Antrag voraus.",
    ]
    with pytest.raises(GuardFailed, match="Zuwendungsbescheid"):
        workflow.transition(doc(procedure, K.INTERIM_REPORT), "submit", by=writer)
    assert not GrantStep.objects.exists()
    assert set(GrantDocument.objects.values_list("status", flat=True)) == {S.OPEN}
    assert not AuditEntry.objects.filter(content_type__model="grantdocument").exists()


def test_a_published_concept_still_counts_as_accepted_for_the_application(
    world, edition, fund_year
):
    concept = accepted_concept(world.district, edition)
    Document.objects.filter(pk=concept.pk).update(
        status=Document.Status.PUBLISHED,
        decided_on=datetime.date(2025, 1, 10),
        decided_by="Jugendhilfeausschuss",
    )
    actions.open_procedures(fund_year, by=world.users["state_coordinator"])
    procedure = world.district.grant_procedures.get()
    assert workflow.submission_problems(doc(procedure, K.APPLICATION)) == [
        "Für dieses Förderjahr sind noch keine Planansätze eingetragen."
    ]


def test_returning_needs_a_reason_and_a_notice_must_be_a_real_pdf(procedure, world):
    writer, lks, office = (
        world.users["network_coordinator"],
        world.users["state_coordinator"],
        world.users["grant_office"],
    )
    application = doc(procedure, K.APPLICATION)
    workflow.transition(application, "submit", by=writer)
    with pytest.raises(GuardFailed, match="begründen"):
        workflow.transition(application, "return", by=lks, note="   ")
    workflow.transition(application, "receive", by=lks)
    notice = doc(procedure, K.GRANT_NOTICE)
    with pytest.raises(GuardFailed) as refused:
        workflow.transition(
            notice, "issue", by=office, amount=Decimal("5"), issued_on=datetime.date(2026, 4, 1),
            document=notice_upload("bescheid.pdf", b"<html>kein PDF</html>"),
        )  # fmt: skip
    assert "Der Inhalt der Datei passt nicht zur Endung .pdf" in refused.value.problems[0]
    with pytest.raises(GuardFailed, match="als PDF"):
        workflow.transition(
            notice, "issue", by=office, amount=Decimal("5"), issued_on=datetime.date(2026, 4, 1),
            document=SimpleUploadedFile("bescheid.txt", b"Bescheid"),
        )  # fmt: skip
    with pytest.raises(GuardFailed, match="negativ"):
        workflow.transition(
            notice, "issue", by=office, amount=Decimal("-5"), issued_on=datetime.date(2026, 4, 1),
            document=notice_upload(),
        )  # fmt: skip
    notice.refresh_from_db()
    assert notice.status == S.OPEN and not notice.file and notice.amount is None


# --- The pages -------------------------------------------------------------------------------


def test_the_views_enforce_person_state_and_district(
    procedure, world, network_coordinator, state_coordinator, grant_office, ministry,
    coordinator_elsewhere, area_coordinator, provider_editor,
):  # fmt: skip
    application = doc(procedure, K.APPLICATION)
    url = step_url(application)
    assert state_coordinator.post(url, {"step": "submit"}).status_code == 403
    assert grant_office.post(url, {"step": "submit"}).status_code == 403
    assert ministry.post(url, {"step": "submit"}).status_code == 403
    assert network_coordinator.post(url, {"step": "fly"}).status_code == 404
    for outsider in (coordinator_elsewhere, provider_editor):
        assert outsider.post(url, {"step": "submit"}).status_code == 404
        assert outsider.get(page(application)).status_code == 404
        assert outsider.get(file_url(application, "pdf")).status_code == 404
    assert area_coordinator.get(page(application)).status_code == 403
    assert area_coordinator.post(url, {"step": "submit"}).status_code == 403
    # Someone was quicker: a message on the page, nothing changed.
    response = state_coordinator.post(url, {"step": "receive"}, follow=True)
    assert "Dieser Schritt ist im Stand „offen“ nicht möglich." in response.content.decode()
    assert network_coordinator.post(url, {"step": "submit"}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert network_coordinator.get(url).status_code == 405
    unknown = reverse(
        "grants:document", kwargs={"ags": world.district.ags, "year": 2026, "slug": "bericht"}
    )
    assert state_coordinator.get(unknown).status_code == 404


def test_the_grant_office_uploads_a_notice_through_the_page(
    procedure, world, grant_office, network_coordinator, state_coordinator
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    workflow.transition(doc(procedure, K.APPLICATION), "submit", by=writer)
    workflow.transition(doc(procedure, K.APPLICATION), "receive", by=lks)
    notice = doc(procedure, K.GRANT_NOTICE)
    assert "Bescheid eintragen" in grant_office.get(page(notice)).content.decode()
    assert "Bescheid eintragen" not in network_coordinator.get(page(notice)).content.decode()
    refused = grant_office.post(
        step_url(notice),
        {"step": "issue", "amount": "61.000,50", "issued_on": "2026-04-15",
         "document": SimpleUploadedFile("bescheid.docx", b"PK\x03\x04kein Word")},
        follow=True,
    )  # fmt: skip
    assert "Bitte den Bescheid als PDF hochladen." in refused.content.decode()
    notice.refresh_from_db()
    assert notice.status == S.OPEN
    response = grant_office.post(
        step_url(notice),
        {"step": "issue", "amount": "61.000,50", "issued_on": "2026-04-15",
         "conditions": "Verwendungsnachweis bis 30.06.2027", "document": notice_upload()},
    )  # fmt: skip
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == S.ISSUED and notice.amount == Decimal("61000.50")
    shown = network_coordinator.get(page(notice)).content.decode()
    assert "61.000,50 €" in shown and "Verwendungsnachweis bis 30.06.2027" in shown
    download = network_coordinator.get(file_url(notice, "pdf"))
    assert b"".join(download.streaming_content) == NOTICE_PDF
    assert network_coordinator.get(file_url(notice, "xlsx")).status_code == 404


def test_the_grant_office_reads_every_district_and_nothing_else(
    procedure, world, grant_office, fund_year
):
    other = District.objects.get(ags="13071")
    for ags in (world.district.ags, other.ags):
        assert grant_office.get(reverse("grants:district", kwargs={"ags": ags})).status_code == 200
    assert grant_office.get(reverse("grants:overview")).status_code == 200
    for name, kwargs in (
        ("workspace:district", {"ags": world.district.ags}),
        ("finance:fund_years", {}),
        ("documents:state_documents", {}),
        ("networks:state_overview", {}),
        ("funding:measure_list", {"ags": world.district.ags}),
    ):
        assert grant_office.get(reverse(name, kwargs=kwargs)).status_code == 403, name
    assert (
        grant_office.post(reverse("grants:open_year", kwargs={"year": fund_year.year})).status_code
        == 403
    )


def test_the_overview_and_the_district_page_read_the_same_states(
    procedure, world, state_coordinator, network_coordinator, fund_year
):
    workflow.transition(
        doc(procedure, K.APPLICATION), "submit", by=world.users["network_coordinator"]
    )
    states = queries.procedure_states(fund_year, today=datetime.date(2026, 12, 7))
    assert len(states) == 8 and sum(state.is_open for state in states) == 8
    mine = next(state for state in states if state.district == world.district)
    assert mine.document(K.APPLICATION).status == S.SUBMITTED
    # Interim report (30.09.) is overdue; the Verwendungsnachweis (30.06.2027) is not yet.
    assert mine.document(K.INTERIM_REPORT).overdue
    assert not mine.document(K.PROOF_OF_USE).overdue
    counts = queries.counts(states)
    assert counts.of(K.APPLICATION, S.SUBMITTED) == 1 and counts.of(K.APPLICATION, S.OPEN) == 7
    overview = state_coordinator.get(reverse("grants:overview") + "?jahr=2026").content.decode()
    assert "Landkreis Vorpommern-Greifswald" in overview and "eingereicht" in overview
    district_page = network_coordinator.get(
        reverse("grants:district", kwargs={"ags": world.district.ags}) + "?jahr=2026"
    ).content.decode()
    assert "31.03.2026" in district_page and "eingereicht" in district_page


def test_demo_values_are_marked(procedure, world, state_coordinator, network_coordinator):
    fund_year = procedure.fund_year
    overview = state_coordinator.get(reverse("grants:overview") + "?jahr=2026").content.decode()
    assert "Demowert" not in overview
    FundYear.objects.filter(pk=fund_year.pk).update(demo_values=True)
    pages = [
        state_coordinator.get(reverse("grants:overview") + "?jahr=2026"),
        network_coordinator.get(page(doc(procedure, K.APPLICATION))),
        state_coordinator.get(reverse("finance:fund_year", kwargs={"year": 2026})),
        state_coordinator.get(reverse("finance:fund_years")),
        network_coordinator.get(
            reverse("finance:finances", kwargs={"ags": world.district.ags}) + "?jahr=2026"
        ),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "Demowert" in response.content.decode(), response.request["PATH_INFO"]


# --- The documents, read back ----------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The PDF's text with every run of white space (line breaks in table cells) as one."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_the_application_pdf_shows_concept_measures_and_plan(procedure, network_coordinator):
    application = doc(procedure, K.APPLICATION)
    draft = network_coordinator.get(file_url(application, "pdf"))
    assert draft["Content-Type"] == "application/pdf"
    text = pdf_text(draft.content)
    assert "Antrag" in text and "Entwurf – noch nicht eingereicht." in text
    assert "Landkreis Vorpommern-Greifswald" in text
    assert "Eltern-Café" in text and "Netzwerkkoordination" in text
    assert "1.000,50 €" in text and "60.000,00 €" in text and "61.000,50 €" in text
    assert "angenommen" in text and "150.000,00 €" in text


def test_the_proof_of_use_as_pdf_and_as_workbook_with_formulas(
    procedure, world, network_coordinator, state_coordinator
):
    through_to_notice(procedure, world)
    proof = doc(procedure, K.PROOF_OF_USE)
    workflow.transition(proof, "submit", by=world.users["network_coordinator"])
    text = pdf_text(b"".join(state_coordinator.get(file_url(proof, "pdf")).streaming_content))
    assert "Verwendungsnachweis" in text and "Entwurf" not in text
    assert "61.000,50 €" in text  # granted
    assert "550,25 €" in text  # spent: 250,25 + 300
    assert "60.450,25 €" in text  # granted minus spent
    # Each measure's Sachbericht, as the accountability app tells it.
    assert "Sachbericht" in text and "noch nicht begonnen; Prüfung offen" in text
    response = state_coordinator.get(file_url(proof, "xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    measures, areas = book["Maßnahmen"], book["Förderbereiche"]
    rows = {row[1].value: row for row in measures.iter_rows(min_row=2) if row[1].value}
    cafe = rows["Eltern-Café"]
    assert cafe[3].data_type == "n" and Decimal(str(cafe[3].value)) == Decimal("1000.50")
    assert cafe[5].data_type == "n" and Decimal(str(cafe[5].value)) == Decimal("250.25")
    line = cafe[0].row
    assert measures["M1"].value == "Sachbericht" and cafe[12].value.startswith("noch nicht")
    assert cafe[10].value == f"=SUM(F{line}:J{line})" and cafe[11].value == f"=D{line}-K{line}"
    total = measures.cell(row=measures.max_row, column=4).value
    assert total == f"=SUM(D2:D{measures.max_row - 1})"
    formulas = [cell.value for row in areas.iter_rows() for cell in row if cell.value]
    assert any(str(f).startswith("=SUMIF('Maßnahmen'!$A$2:$A$3,$A") for f in formulas)
    granted = next(row for row in areas.iter_rows() if str(row[0].value).startswith("bewilligt"))
    assert granted[2].data_type == "n" and Decimal(str(granted[2].value)) == Decimal("61000.50")
    unspent = next(row for row in areas.iter_rows() if str(row[0].value).startswith("nicht"))
    assert str(unspent[2].value).startswith("=C")


def test_the_proof_of_use_shows_the_sachbericht_the_lks_accepted(
    procedure, world, fund_year, state_coordinator
):
    """The yearly loop closes: a Sachbericht drafted, checked, forwarded and accepted
    (lotse/accountability) reads as accepted in that district's Verwendungsnachweis."""
    coordinator, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    measure = Measure.objects.get(district=world.district, title="Netzwerkkoordination")
    report = accountability_actions.save_report(
        measure, fund_year, texts={"activities": "Zwölf Netzwerktreffen."}, based_on=0,
        by=coordinator,
    )  # fmt: skip

    def step(name, by, **details):
        report.refresh_from_db()
        accountability_workflow.transition(
            report, name, by=by, lock_version=report.lock_version, **details
        )

    step("submit", coordinator)
    report.refresh_from_db()
    requirements = list(checks.applicable_requirements(measure))
    form = CheckForm(check_data(measure, report.lock_version), requirements=requirements)
    assert form.is_valid(), form.errors
    accountability_actions.save_check(
        report, values=form.values(), requirements=form.requirement_values(),
        based_on=report.lock_version, by=coordinator,
    )  # fmt: skip
    step("check", coordinator)
    step("forward", coordinator)
    step("accept", lks)

    through_to_notice(procedure, world)
    proof = doc(procedure, K.PROOF_OF_USE)
    workflow.transition(proof, "submit", by=coordinator)
    response = state_coordinator.get(file_url(proof, "xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = {row[1].value: row for row in book["Maßnahmen"].iter_rows(min_row=2) if row[1].value}
    accepted = str(MeasureDocument.Status.ACCEPTED.label)
    assert rows["Netzwerkkoordination"][12].value.startswith(accepted)
    assert rows["Eltern-Café"][12].value.startswith("noch nicht")
    text = pdf_text(b"".join(state_coordinator.get(file_url(proof, "pdf")).streaming_content))
    assert f"{accepted}; Prüfung vollständig" in text


def test_a_document_is_kept_as_submitted(procedure, world, network_coordinator):
    application = doc(procedure, K.APPLICATION)
    workflow.transition(application, "submit", by=world.users["network_coordinator"])
    MeasurePlan.objects.filter(measure__title="Eltern-Café").update(planned=Decimal("9999"))
    text = pdf_text(
        b"".join(network_coordinator.get(file_url(application, "pdf")).streaming_content)
    )
    assert "1.000,50 €" in text and "9.999,00 €" not in text


# --- Reminders and to-dos --------------------------------------------------------------------


def test_reminders_before_and_after_the_deadline_go_out_once_each(procedure, world, mailoutbox):
    writer = world.users["network_coordinator"]
    elsewhere = world.users["coordinator_elsewhere"]

    def remind(day):
        mail.outbox.clear()
        reminders.send_due_reminders(day)
        return sorted((message.to[0], message.subject) for message in mailoutbox)

    assert remind(datetime.date(2026, 3, 1)) == []
    # Every district with a coordinator hears of its own application.
    assert remind(datetime.date(2026, 3, 20)) == [
        (writer.email, "Lotse: Antrag 2026 ist am 31.03.2026 fällig"),
        (elsewhere.email, "Lotse: Antrag 2026 ist am 31.03.2026 fällig"),
    ]
    assert remind(datetime.date(2026, 3, 21)) == []
    workflow.transition(doc(procedure, K.APPLICATION), "submit", by=writer)
    # Submitted documents are not reminded; the other district's is, once, when overdue.
    assert remind(datetime.date(2026, 4, 2)) == [
        (elsewhere.email, "Lotse: Antrag 2026 ist überfällig")
    ]
    assert remind(datetime.date(2026, 4, 3)) == []
    assert (writer.email, "Lotse: Zwischenbericht 2026 ist am 30.09.2026 fällig") in remind(
        datetime.date(2026, 9, 20)
    )


def test_the_reminder_task_runs_in_the_background(procedure, world, fund_year, mailoutbox):
    from lotse.grants.tasks import send_grant_reminders

    soon = timezone.localdate() + datetime.timedelta(days=5)
    FundYear.objects.filter(pk=fund_year.pk).update(
        application_due=soon, interim_report_due=None, final_report_due=None
    )
    send_grant_reminders.enqueue()
    assert world.users["network_coordinator"].email in [m.to[0] for m in mailoutbox]
    assert all("fällig" in m.subject for m in mailoutbox)


def test_mails_are_in_the_sites_language(
    procedure, world, english_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            doc(procedure, K.APPLICATION), "submit", by=world.users["network_coordinator"]
        )
    english = mailoutbox[-1]
    assert english.body.startswith("Hello,") and "eingereicht" not in english.body


def test_to_dos_on_the_start_pages(
    procedure, world, state_coordinator, grant_office, network_coordinator
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    start = reverse("workspace:start")
    home = reverse("workspace:district", kwargs={"ags": world.district.ags})
    assert "Zu erledigen: 1 Dokument" in network_coordinator.get(home).content.decode()
    workflow.transition(doc(procedure, K.APPLICATION), "submit", by=writer)
    lks_start = state_coordinator.get(start).content.decode()
    assert "Zu erledigen im Zuwendungsverfahren: 1 Dokument" in lks_start
    assert "Antrag 2026 – Landkreis Vorpommern-Greifswald" in lks_start
    office_start = grant_office.get(start)
    assert office_start.status_code == 200
    assert "Zu erledigen im Zuwendungsverfahren" not in office_start.content.decode()
    workflow.transition(doc(procedure, K.APPLICATION), "receive", by=lks)
    office_start = grant_office.get(start).content.decode()
    assert "Zu erledigen im Zuwendungsverfahren: 1 Dokument" in office_start
    assert "Zuwendungsbescheid 2026" in office_start
    # After the notice the district has its two reports to do.
    workflow.transition(
        doc(procedure, K.GRANT_NOTICE), "issue", by=world.users["grant_office"],
        amount=Decimal("1"), issued_on=datetime.date(2026, 4, 1), document=notice_upload(),
    )  # fmt: skip
    assert "Zu erledigen: 2 Dokumente" in network_coordinator.get(home).content.decode()


# --- Query counts ----------------------------------------------------------------------------


def test_lists_need_a_fixed_number_of_queries(
    procedure, world, edition, fund_year, state_coordinator, network_coordinator,
    django_assert_max_num_queries,
):  # fmt: skip
    def add_measures(count):
        for number in range(count):
            measure_with_plan(
                world, edition, fund_year, f"M{Measure.objects.count()}-{number}",
                spent={"q1": "10", "q3": "5"},
            )  # fmt: skip

    overview = reverse("grants:overview") + "?jahr=2026"
    district_page = reverse("grants:district", kwargs={"ags": world.district.ags})
    application = page(doc(procedure, K.APPLICATION))
    urls = [(state_coordinator, overview), (network_coordinator, district_page),
            (network_coordinator, application), (state_coordinator, application)]  # fmt: skip
    before = []
    for client, url in urls:
        with django_assert_max_num_queries(40) as few:
            assert client.get(url).status_code == 200
        before.append(len(few.captured_queries))
    add_measures(12)
    FundYear.objects.create(year=2025, state_total=Decimal("1"))
    actions.open_procedures(FundYear.objects.get(year=2025), by=world.users["state_coordinator"])
    for (client, url), count in zip(urls, before, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)


def test_procedure_states_do_not_grow_with_the_districts(
    procedure, fund_year, django_assert_num_queries
):
    two = list(District.objects.without_boundaries().order_by("ags")[:2])
    with django_assert_num_queries(2):
        queries.procedure_states(fund_year, two)
    with django_assert_num_queries(3):
        queries.procedure_states(fund_year)
