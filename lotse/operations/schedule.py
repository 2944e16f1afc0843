"""Daily jobs without cron: `manage.py run_scheduler` checks every minute which jobs are
due and enqueues their tasks for the worker (`manage.py db_worker`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import import_module

from django.db import transaction
from django.utils import timezone

from lotse.operations.models import ScheduledRun


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a django_tasks task
    at: datetime.time  # local time after which it runs once a day

    def load(self):
        module, name = self.task.rsplit(".", 1)
        return getattr(import_module(module), name)


JOBS = (
    Job("offer-reminders", "lotse.offers.tasks.send_offer_reminders", datetime.time(6, 0)),
    Job(
        "document-reminders", "lotse.documents.tasks.send_document_reminders", datetime.time(6, 15)
    ),
    Job("grant-reminders", "lotse.grants.tasks.send_grant_reminders", datetime.time(6, 30)),
    Job(
        "measure-report-reminders",
        "lotse.accountability.tasks.send_report_reminders",
        datetime.time(6, 30),
    ),
    Job("prune-task-results", "lotse.operations.tasks.prune_task_results", datetime.time(3, 30)),
    Job("retention", "lotse.operations.tasks.apply_retention", datetime.time(3, 45)),
)


def due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose time has come today and that has not run today."""
    now = timezone.localtime(now)
    enqueued = []
    for job in JOBS:
        if now.time() < job.at:
            continue
        with transaction.atomic():
            run, _created = ScheduledRun.objects.select_for_update().get_or_create(job=job.name)
            if run.last_run_on == now.date():
                continue
            run.last_run_on = now.date()
            run.last_enqueued_at = now
            run.save()
            transaction.on_commit(job.load().enqueue)
        enqueued.append(job.name)
    return enqueued
