"""Deadline reminders for Sachberichte: 14 days before a fund year's
`measure_reports_due` and once after it, to the writers of every measure whose
Sachbericht is not yet submitted. Each reminder is sent once (a ReportReminder row)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from lotse.accountability.mail import send_report_reminder
from lotse.accountability.models import MeasureDocument, ReportReminder
from lotse.core import deadlines
from lotse.funding.models import FundYear, Measure

REMIND_DAYS_BEFORE = 14
Stage = ReportReminder.Stage


def stage_due(fund_year: FundYear, today: datetime.date) -> str | None:
    """Which reminder a fund year's open Sachberichte get today, if any."""
    if fund_year.measure_reports_due is None:
        return None
    return deadlines.stage_on(
        fund_year.measure_reports_due,
        today,
        before=((Stage.BEFORE, REMIND_DAYS_BEFORE),),
        overdue=Stage.OVERDUE,
    )


def send_due_reminders(today: datetime.date) -> int:
    """Remind the writers of open Sachberichte; returns the number of mails sent."""
    stages = {
        fund_year: stage
        for fund_year in FundYear.objects.filter(measure_reports_due__isnull=False)
        if (stage := stage_due(fund_year, today))
    }
    if not stages:
        return 0
    done = {
        (row.measure_id, row.fund_year_id, row.stage)
        for row in ReportReminder.objects.filter(fund_year__in=list(stages))
    }
    handed_in = {
        (d.measure_id, d.fund_year_id)
        for d in MeasureDocument.objects.filter(
            kind=MeasureDocument.Kind.PROGRESS_REPORT, fund_year__in=list(stages)
        ).exclude(status__in=MeasureDocument.EDITABLE)
    }
    measures = list(Measure.objects.select_related("district").defer("district__boundary"))
    sent = 0
    # Each mail in its recipients' languages (accounts.mail.send_in_their_language).
    for fund_year, stage in stages.items():
        for measure in measures:
            key = (measure.pk, fund_year.pk)
            if not measure.runs_in(fund_year.year) or key in handed_in:
                continue
            if (*key, stage) in done:
                continue
            sent += _remind(measure, fund_year, stage)
    return sent


def _remind(measure: Measure, fund_year: FundYear, stage: str) -> int:
    """Record the reminder and send it in one transaction: a failed mail is tried again
    on the next run, a sent one never twice."""
    path = reverse(
        "accountability:report",
        kwargs={"ags": measure.district.ags, "pk": measure.pk, "year": fund_year.year},
    )
    try:
        with transaction.atomic():
            ReportReminder.objects.create(measure=measure, fund_year=fund_year, stage=stage)
            return send_report_reminder(
                measure, fund_year, overdue=stage == Stage.OVERDUE, url_path=path
            )
    except IntegrityError:
        return 0  # another run recorded it in the meantime
