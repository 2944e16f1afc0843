"""The concepts' and reports' module statuses become the district's status of the item in
the document's year (an annual report: its year; a regional concept: the year it was
started), the one status the network page and the LKS's matrix read as well.

Where two documents (or the network) speak for the same district, item and year, the
later change wins and the earlier one stays in the history. A "nicht begonnen" that nobody
ever set (the old preset, with no audited change, reason or goals) is left unassessed.
"""

from django.db import migrations
from django.utils import timezone


def _year(document):
    return document.year or timezone.localtime(document.created_at).year


def move_module_statuses(apps, schema_editor):
    ModuleStatus = apps.get_model("documents", "ModuleStatus")
    ItemStatus = apps.get_model("networks", "ItemStatus")
    ItemStatusChange = apps.get_model("networks", "ItemStatusChange")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="documents", model="modulestatus").first()
    audited = {}
    if content_type is not None:
        for entry in AuditEntry.objects.filter(content_type=content_type).order_by("at"):
            audited[entry.object_id] = entry  # the latest change per status
    rows = ModuleStatus.objects.select_related("document", "module").order_by(
        "document__updated_at", "pk"
    )
    for row in rows:
        entry = audited.get(str(row.pk))
        if row.status == "not_started" and entry is None and not (row.reason or row.goals):
            continue
        at = entry.at if entry else row.document.updated_at
        by = entry.actor if entry else None
        key = {
            "district_id": row.document.district_id,
            "item": row.module,
            "year": _year(row.document),
        }
        current = ItemStatus.objects.filter(**key).first()
        if current is not None and current.updated_at > at:
            from_status = None  # a later statement stands; this one joins the history only
        else:
            from_status = current.status if current else ""
        if from_status is not None:
            if current is None:
                current = ItemStatus(**key)
            current.status, current.reason, current.goals = row.status, row.reason, row.goals
            current.updated_at, current.updated_by = at, by
            current.save()
        change = ItemStatusChange.objects.create(
            item_status=current,
            from_status=from_status or "",
            to_status=row.status,
            by=by,
            by_label=(entry.actor_label if entry else "") or "",
            note=row.reason,
        )
        ItemStatusChange.objects.filter(pk=change.pk).update(at=at)


def restore_module_statuses(apps, schema_editor):
    """Back to a status per document: the district's status of each development module
    in the document's year."""
    Document = apps.get_model("documents", "Document")
    ModuleStatus = apps.get_model("documents", "ModuleStatus")
    ItemStatus = apps.get_model("networks", "ItemStatus")
    for document in Document.objects.all():
        statuses = ItemStatus.objects.filter(
            district_id=document.district_id,
            year=_year(document),
            item__state_concept_id=document.state_concept_id,
            item__kind="development_module",
        )
        ModuleStatus.objects.bulk_create(
            ModuleStatus(
                document=document,
                module_id=s.item_id,
                status=s.status,
                reason=s.reason,
                goals=s.goals,
            )
            for s in statuses
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_mail_language"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0002_published_concepts_and_edition_steps"),
        ("networks", "0011_item_status_per_year"),
    ]

    operations = [
        migrations.RunPython(move_module_statuses, restore_module_statuses),
        migrations.DeleteModel(name="ModuleStatus"),
    ]
