"""When a concept or an annual report is due, and when to remind.

Both deadlines are set by the LKS, not dates printed in the Landeskonzept, and every page
that shows one says so. Concept: the edition's `published_on` + `concept_due_months` (the
Landeskonzept asks for the concept within twelve months of its publication but gives no
publication date; the LKS records it with the publication step, by default the "Stand" date
of the document). Annual report: the end of the report year + `report_due_months` (3 by
default; the Landeskonzept sets no date). The LKS changes both on its edition's page
(documents/editions.py), which moves the due dates of the edition's documents. Reminders go out a month and a week before the due date and once when it
has passed.
"""

from __future__ import annotations

import calendar
import datetime

from lotse.concept.models import StateConcept
from lotse.core.deadlines import reminder_due
from lotse.documents.models import Document

REMINDER_STAGES = ((1, 30), (2, 7))  # (stage, days before the due date)
OVERDUE_STAGE = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def concept_due_on(edition: StateConcept) -> datetime.date:
    start = edition.published_on or edition.valid_from
    return add_months(start, edition.concept_due_months)


def annual_report_due_on(edition: StateConcept, year: int) -> datetime.date:
    return add_months(
        datetime.date(year + 1, 1, 1), edition.report_due_months
    ) - datetime.timedelta(days=1)


def is_overdue(document: Document, today: datetime.date) -> bool:
    """Due date passed and not (re)submitted: the district still holds the pen."""
    return document.is_editable() and document.due_on < today


def days_left(document: Document, today: datetime.date) -> int:
    return (document.due_on - today).days


def reminder_stage_due(document: Document, today: datetime.date) -> int | None:
    """The reminder to send today, if any (each stage is sent once)."""
    if not document.is_editable():
        return None
    return reminder_due(
        document.due_on,
        today,
        sent=document.reminder_stage,
        before=REMINDER_STAGES,
        overdue=OVERDUE_STAGE,
    )
