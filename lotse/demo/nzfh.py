"""A demo report to the NZFH on last year, being collected: its figures are live."""

from __future__ import annotations

import datetime

from lotse.accounts.models import User
from lotse.monitoring import nzfh
from lotse.monitoring.models import NzfhReport


def seed_nzfh_report(*, lks: User, this_year: int) -> None:
    if NzfhReport.objects.exists():
        return
    report = nzfh.start_report(year=this_year - 1, due_on=datetime.date(this_year, 6, 30), by=lks)
    nzfh.update_report(
        report=report,
        due_on=report.due_on,
        remarks="Die Landeskoordinierungsstelle ergänzt hier ihre Einordnung der Zahlen. (Demotext)",
        by=lks,
    )
