"""Deleting what Lotse no longer needs (DSGVO Art. 5(1)(e)): old audit entries, old
anonymous unmet-search counts, uploads never confirmed. Periods in settings."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lotse.accounts.models import AuditEntry
from lotse.offers.models import PendingImport, UnmetSearch


@transaction.atomic
def apply_retention(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    days = datetime.timedelta
    deleted = {
        "audit_entries": AuditEntry.objects.filter(
            at__lt=now - days(days=settings.LOTSE_AUDIT_RETENTION_DAYS)
        ).delete()[0],
        "unmet_searches": UnmetSearch.objects.filter(
            day__lt=(now - days(days=settings.LOTSE_DEMAND_RETENTION_DAYS)).date()
        ).delete()[0],
        "pending_imports": PendingImport.objects.filter(
            created_at__lt=now - days(days=settings.LOTSE_PENDING_IMPORT_RETENTION_DAYS)
        ).delete()[0],
    }
    return deleted
