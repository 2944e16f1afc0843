"""Deadline reminders of concepts and reports (the review's own mails: workflow.py)."""

from __future__ import annotations

from lotse.accounts.mail import addresses_of, send_in_their_language
from lotse.accounts.models import Role
from lotse.core.links import public_url
from lotse.documents.models import Document


def _url(document: Document) -> str:
    return public_url(document.get_absolute_url())


def district_writers(document: Document) -> list[str]:
    return addresses_of(Role.NETWORK_COORDINATOR, district=document.district)


def send_deadline_reminder(document: Document, *, overdue: bool) -> int:
    recipients = district_writers(document)
    if not recipients:
        return 0
    return send_in_their_language(
        recipients,
        "documents/mail/deadline_reminder_subject.txt",
        "documents/mail/deadline_reminder.txt",
        {"document": document, "overdue": overdue, "url": _url(document)},
    )


def send_due_reminders(today) -> int:
    """Remind districts of documents due soon or overdue; each stage once."""
    from lotse.documents import deadlines

    sent = 0
    open_documents = Document.objects.filter(
        status__in=[Document.Status.DRAFT, Document.Status.CHANGES_REQUESTED]
    ).select_related("district", "state_concept")
    for document in open_documents:
        stage = deadlines.reminder_stage_due(document, today)
        if stage is None:
            continue
        sent += send_deadline_reminder(document, overdue=stage == deadlines.OVERDUE_STAGE)
        Document.objects.filter(pk=document.pk).update(reminder_stage=stage)
    return sent
