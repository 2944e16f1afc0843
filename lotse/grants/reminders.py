"""Deadline reminders of the grant procedure: the district's coordinators hear of a
document still with them two weeks before its deadline, and once when it has passed.
Each reminder goes out once (GrantDocument.reminder_stage); the deadlines are the fund
year's, as the LKS set them."""

from __future__ import annotations

import datetime

from lotse.accounts.mail import addresses_of, send_in_their_language
from lotse.accounts.models import Role
from lotse.core import deadlines
from lotse.core.links import public_url
from lotse.grants.models import GrantDocument

DAYS_BEFORE = 14
BEFORE, OVERDUE = 1, 2


def reminder_due(document: GrantDocument, today: datetime.date) -> int | None:
    """The reminder to send today (BEFORE or OVERDUE), or None."""
    if document.due_on is None or not document.is_with_district():
        return None
    return deadlines.reminder_due(
        document.due_on,
        today,
        sent=document.reminder_stage,
        before=((BEFORE, DAYS_BEFORE),),
        overdue=OVERDUE,
    )


def send_reminder(document: GrantDocument, *, overdue: bool) -> int:
    recipients = addresses_of(Role.NETWORK_COORDINATOR, district=document.procedure.district)
    if not recipients:
        return 0
    context = {
        "document": document,
        "overdue": overdue,
        "demo": document.procedure.fund_year.demo_values,
        "url": public_url(document.get_absolute_url()),
    }
    # In each recipient's language, like the workflow's mails.
    return send_in_their_language(
        recipients, "grants/mail/reminder_subject.txt", "grants/mail/reminder.txt", context
    )


def send_due_reminders(today: datetime.date) -> int:
    """Remind the districts of grant documents due soon or overdue; returns mails sent."""
    sent = 0
    documents = GrantDocument.objects.filter(
        kind__in=GrantDocument.DISTRICT_KINDS,
        status__in=GrantDocument.WITH_DISTRICT,
        reminder_stage__lt=OVERDUE,
    ).select_related("procedure__district", "procedure__fund_year")
    for document in documents:
        stage = reminder_due(document, today)
        if stage is None:
            continue
        sent += send_reminder(document, overdue=stage == OVERDUE)
        GrantDocument.objects.filter(pk=document.pk).update(reminder_stage=stage)
    return sent
