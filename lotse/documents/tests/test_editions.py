"""The LKS keeps its Landeskonzept edition: federal steps, obligations, deadlines; and the
districts' regional concepts are published and superseded, readable by everyone."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import AuditEntry
from lotse.concept.editions import (
    FIRST_EDITION_FILE,
    EditionModels,
    load_edition,
    read_edition_file,
)
from lotse.concept.models import FundingArea, StateConcept, StateConceptItem
from lotse.documents import actions, editions, workflow
from lotse.documents.models import Document, EditionStep
from lotse.workflow import GuardFailed, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def first():
    return StateConcept.objects.get(code="2023-2025")


@pytest.fixture
def second(db):
    """The next edition, as the LKS imports it: a draft."""
    data = read_edition_file(FIRST_EDITION_FILE)
    data.update(
        code="2026-2028",
        title="Landeskonzept Frühe Hilfen MV 2026–2028",
        valid_from="2026-01-01",
        valid_until="2028-12-31",
        status="draft",
        published_on=None,
    )
    return load_edition(data, EditionModels(StateConcept, FundingArea, StateConceptItem))


def audit_of(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def edition_url(name, edition):
    return reverse(name, kwargs={"code": edition.code})


def publish_edition(edition, lks, *, on=datetime.date(2026, 2, 1)):
    editions.transition(edition, "submit", by=lks, on=on - datetime.timedelta(days=30))
    editions.transition(edition, "confirm", by=lks, on=on - datetime.timedelta(days=10))
    editions.transition(edition, "publish", by=lks, on=on)
    edition.refresh_from_db()


# --- The federal steps ------------------------------------------------------------------


def test_the_lks_records_the_federal_steps_and_publication_supersedes_the_old_edition(
    world, first, second, django_capture_on_commit_callbacks
):
    lks = world.users["state_coordinator"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_edition(second, lks, on=datetime.date(2026, 2, 1))
    first.refresh_from_db()
    assert second.status == StateConcept.Status.PUBLISHED
    assert second.submitted_on == datetime.date(2026, 1, 2)
    assert second.confirmed_on == datetime.date(2026, 1, 22)
    assert second.published_on == datetime.date(2026, 2, 1)
    assert first.status == StateConcept.Status.SUPERSEDED
    assert StateConcept.objects.current() == second
    steps = [(s.from_status, s.to_status) for s in EditionStep.objects.order_by("pk")]
    assert steps == [
        ("draft", "submitted"),
        ("submitted", "confirmed"),
        ("published", "superseded"),
        ("confirmed", "published"),
    ]
    assert audit_of(second).count() == 3
    # Only the publication is mailed: the districts' clock starts.
    coordinator = world.users["network_coordinator"]
    assert len(mail.outbox) >= 1
    assert any(coordinator.email in m.to for m in mail.outbox)
    assert "12 Monaten" in mail.outbox[-1].body


def test_a_federal_step_needs_a_day_that_has_happened(world, second):
    lks = world.users["state_coordinator"]
    with pytest.raises(GuardFailed, match="Datum"):
        editions.transition(second, "submit", by=lks)
    with pytest.raises(GuardFailed, match="Zukunft"):
        editions.transition(
            second, "submit", by=lks, on=timezone.localdate() + datetime.timedelta(days=2)
        )
    second.refresh_from_db()
    assert second.status == StateConcept.Status.DRAFT and second.submitted_on is None


def test_only_the_lks_takes_the_federal_steps(world, second):
    for role in ("ministry", "network_coordinator"):
        with pytest.raises(NotAllowed):
            editions.transition(
                second, "submit", by=world.users[role], on=datetime.date(2025, 12, 1)
            )


def test_the_step_page_records_a_step_and_refuses_bad_input(
    world, second, state_coordinator, ministry
):
    url = edition_url("documents:edition_step", second)
    response = state_coordinator.post(url, {"step": "submit", "on": "kein Datum"}, follow=True)
    assert "Datum" in response.content.decode()
    second.refresh_from_db()
    assert second.status == StateConcept.Status.DRAFT
    assert ministry.post(url, {"step": "submit", "on": "2025-12-01"}).status_code == 403
    state_coordinator.post(url, {"step": "submit", "on": "2025-12-01"})
    second.refresh_from_db()
    assert second.status == StateConcept.Status.SUBMITTED
    assert second.submitted_on == datetime.date(2025, 12, 1)


# --- Deadlines --------------------------------------------------------------------------


def test_changing_the_deadlines_moves_the_due_dates_of_the_editions_documents(world, first):
    lks = world.users["state_coordinator"]
    writer = world.users["network_coordinator"]
    concept = actions.start_concept(district=world.district, edition=first, by=writer)
    report = actions.start_annual_report(
        district=world.district, edition=first, year=2024, by=writer
    )
    assert concept.due_on == datetime.date(2025, 2, 15)
    concept.reminder_stage = 3
    concept.save(update_fields=["reminder_stage"])
    moved = editions.set_deadlines(
        edition=first,
        concept_due_months=18,
        report_due_months=6,
        published_on=datetime.date(2024, 3, 1),
        by=lks,
    )
    concept.refresh_from_db()
    report.refresh_from_db()
    assert moved == 2
    assert concept.due_on == datetime.date(2025, 9, 1)
    assert concept.reminder_stage == 0  # later: reminded again
    assert report.due_on == datetime.date(2025, 6, 30)
    entry = audit_of(first).get()
    assert entry.changes["concept_due_months"] == [12, 18]


def test_the_deadline_page_shows_the_lks_label_and_refuses_nonsense(
    world, first, state_coordinator, ministry
):
    url = edition_url("documents:edition", first)
    page = state_coordinator.get(url).content.decode()
    assert "festgelegt von der Landeskoordinierungsstelle" in page
    assert "15.02.2025" in page  # 15.02.2024 + 12 months
    response = state_coordinator.post(
        url,
        {
            "form": "deadlines",
            "concept_due_months": "0",
            "report_due_months": "3",
            "published_on": "2024-02-15",
        },
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.concept_due_months == 12
    assert ministry.post(url, {"form": "deadlines"}).status_code == 403
    assert "Fristen speichern" not in ministry.get(url).content.decode()


# --- Obligations ------------------------------------------------------------------------


def test_the_lks_confirms_and_changes_uncertain_obligations(world, first, state_coordinator):
    uncertain = StateConceptItem.objects.filter(state_concept=first, obligation_uncertain=True)
    item = uncertain.first()
    assert item is not None, "the shipped edition marks some obligations as uncertain"
    url = edition_url("documents:edition", first)
    page = state_coordinator.get(url).content.decode()
    assert "noch nicht bestätigt" in page
    modules = StateConceptItem.objects.filter(
        state_concept=first, kind=StateConceptItem.Kind.DEVELOPMENT_MODULE
    )
    data = {"form": "obligations"}
    for module in modules:
        data[f"m{module.pk}-obligation"] = module.obligation
        if not module.obligation_uncertain:
            data[f"m{module.pk}-confirmed"] = "on"
    data[f"m{item.pk}-obligation"] = "optional"
    data[f"m{item.pk}-confirmed"] = "on"
    response = state_coordinator.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.obligation == "optional" and not item.obligation_uncertain
    entry = audit_of(item).get()
    assert entry.changes["obligation_uncertain"] == [True, False]
    assert AuditEntry.objects.filter(content_type=entry.content_type).count() == 1  # only it
    public = state_coordinator.get(reverse("concept:state_concept")).content.decode()
    assert public.count("(?)") == uncertain.count()


def test_an_unknown_obligation_changes_nothing(world, first, state_coordinator):
    item = StateConceptItem.objects.filter(
        state_concept=first, kind=StateConceptItem.Kind.DEVELOPMENT_MODULE
    ).first()
    before = item.obligation
    response = state_coordinator.post(
        edition_url("documents:edition", first),
        {"form": "obligations", f"m{item.pk}-obligation": "pflicht"},
    )
    assert "nichts gespeichert" in response.content.decode()
    item.refresh_from_db()
    assert item.obligation == before


# --- Publishing the regional concept ----------------------------------------------------


def accepted_concept(world, edition):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    document = actions.start_concept(district=world.district, edition=edition, by=writer)
    for section in document.sections.all():
        actions.save_section(
            section, text="Text von " + section.key, based_on=section.revision, by=writer
        )
    for name, who in (("submit", writer), ("start_review", lks), ("accept", lks)):
        workflow.transition(document, name, by=who)
    document.refresh_from_db()
    return document


def test_a_published_concept_is_public_at_a_stable_address_until_the_next_one(
    world, first, second, parent, django_capture_on_commit_callbacks
):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    old = accepted_concept(world, first)
    public_url = reverse("published_concept", kwargs={"ags": "13075", "code": first.code})
    assert parent.get(public_url).status_code == 404  # accepted is not yet published
    with pytest.raises(GuardFailed, match="Gremium"):
        workflow.transition(old, "publish", by=writer, decided_on=datetime.date(2024, 6, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            old,
            "publish",
            by=writer,
            decided_on=datetime.date(2024, 6, 1),
            decided_by="Jugendhilfeausschuss",
        )
    old.refresh_from_db()
    assert old.status == Document.Status.PUBLISHED and old.get_public_url() == public_url
    assert mail.outbox and mail.outbox[-1].to == [lks.email]
    page = parent.get(public_url).content.decode()
    assert "Jugendhilfeausschuss" in page and "01.06.2024" in page
    assert "Text von situation" in page

    publish_edition(second, lks)
    new = accepted_concept(world, second)
    workflow.transition(
        new,
        "publish",
        by=lks,
        decided_on=datetime.date(2026, 6, 1),
        decided_by="Kreistag",
    )
    old.refresh_from_db()
    assert old.status == Document.Status.SUPERSEDED
    assert [(c.from_status, c.to_status) for c in old.status_changes.all()][-1] == (
        "published",
        "superseded",
    )
    page = parent.get(public_url).content.decode()
    assert "abgelöst" in page and new.get_public_url() in page


def test_an_annual_report_is_never_published(world, first):
    writer, lks = world.users["network_coordinator"], world.users["state_coordinator"]
    report = actions.start_annual_report(
        district=world.district, edition=first, year=2024, by=writer
    )
    for name, who in (("submit", writer), ("start_review", lks), ("accept", lks)):
        workflow.transition(report, name, by=who)
    report.refresh_from_db()
    assert report.status == Document.Status.ACCEPTED
    assert not workflow.allowed_transitions(writer, report)
    with pytest.raises(NotAllowed):
        workflow.transition(
            report,
            "publish",
            by=writer,
            decided_on=datetime.date(2025, 5, 1),
            decided_by="Jugendhilfeausschuss",
        )


def test_the_publish_step_form_records_the_committee(world, first, network_coordinator, ministry):
    document = accepted_concept(world, first)
    url = reverse("documents:step", kwargs={"ags": world.district.ags, "document_id": document.pk})
    page = network_coordinator.get(document.get_absolute_url()).content.decode()
    assert 'name="decided_by"' in page
    response = network_coordinator.post(
        url, {"step": "publish", "decided_on": "2024-13-01", "decided_by": "JHA"}, follow=True
    )
    assert "gültiges Datum" in response.content.decode()
    assert ministry.post(url, {"step": "publish"}).status_code == 403
    network_coordinator.post(
        url,
        {"step": "publish", "decided_on": "2024-06-01", "decided_by": "Jugendhilfeausschuss"},
    )
    document.refresh_from_db()
    assert document.status == Document.Status.PUBLISHED
    assert document.decided_by == "Jugendhilfeausschuss"
