"""Addresses and mails of the measure documents (the steps' own mails: workflow.py)."""

from __future__ import annotations

from lotse.accounts.mail import addresses_of, send_in_their_language
from lotse.accounts.models import Role
from lotse.core.links import public_url
from lotse.funding.models import FundYear, Measure


def district_coordinators(measure: Measure) -> list[str]:
    return addresses_of(Role.NETWORK_COORDINATOR, district=measure.district)


def writers_of(measure: Measure) -> list[str]:
    """The provider's editors; without any, the district's network coordinators write."""
    editors = (
        addresses_of(Role.PROVIDER_EDITOR, organization=measure.provider_id)
        if measure.provider_id
        else []
    )
    return editors or district_coordinators(measure)


def send_report_reminder(
    measure: Measure, fund_year: FundYear, *, overdue: bool, url_path: str
) -> int:
    """Remind the writers of a Sachbericht that is due soon or overdue."""
    recipients = writers_of(measure)
    if not recipients:
        return 0
    context = {
        "measure": measure,
        "year": fund_year.year,
        "due_on": fund_year.measure_reports_due,
        "overdue": overdue,
        "url": public_url(url_path),
    }
    return send_in_their_language(
        recipients,
        "accountability/mail/reminder_subject.txt",
        "accountability/mail/reminder.txt",
        context,
    )
