"""Background work of the offer directory (run by the worker, see ADR 0005)."""

import json
from pathlib import Path

from django_tasks import task

from lotse.offers.hsds import import_services
from lotse.offers.reminders import send_verification_reminders


@task()
def send_offer_reminders() -> int:
    return send_verification_reminders()


@task()
def import_hsds_file(path: str) -> int:
    """All or nothing: import_services runs in one transaction, so a worker killed in the
    middle leaves the database as it was, and the task can simply run again."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return len(import_services(records))
