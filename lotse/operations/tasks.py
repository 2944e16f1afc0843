"""Housekeeping tasks."""

from django.core.management import call_command
from django_tasks import default_task_backend, task
from django_tasks_db import DatabaseBackend


@task()
def prune_task_results() -> int:
    """Finished task results older than 30 days go (django-tasks-db's own command); the
    immediate backend of the demo keeps none."""
    if not isinstance(default_task_backend, DatabaseBackend):
        return 0
    call_command("prune_db_task_results", "--min-age-days", "30", verbosity=0)
    return 1


@task()
def apply_retention() -> dict[str, int]:
    from lotse.operations.retention import apply_retention as apply

    return apply()
