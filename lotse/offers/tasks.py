"""Background work of the offer directory (run by the worker, see ADR 0005)."""

from pathlib import Path

from django_tasks import task

from lotse.offers.hsds_import import import_services, parse
from lotse.offers.reminders import send_verification_reminders


@task()
def send_offer_reminders() -> int:
    return send_verification_reminders()


@task()
def import_hsds_file(path: str) -> int:
    """All or nothing: import_services runs in one transaction, so a worker killed in the
    middle leaves the database as it was, and the task can simply run again."""
    return len(import_services(parse(Path(path).read_bytes())))
