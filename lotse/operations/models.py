"""Operations' own records: when a daily job was last enqueued."""

from django.db import models


class ScheduledRun(models.Model):
    """The scheduler enqueues each daily job once per day, also with several schedulers or
    after a restart: the row is locked and compared before enqueuing."""

    job = models.CharField(max_length=60, unique=True)
    last_run_on = models.DateField(null=True)
    last_enqueued_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.job}: {self.last_run_on}"
