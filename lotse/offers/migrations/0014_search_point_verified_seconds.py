from django.db import migrations, models


def copy_as_seconds(apps, schema_editor):
    """The search rows' verified_at as POSIX seconds, in batches."""
    SearchPoint = apps.get_model("offers", "SearchPoint")
    batch = []
    for point in SearchPoint.objects.exclude(verified_at=None).only("verified_at").iterator():
        point.verified_seconds = point.verified_at.timestamp()
        batch.append(point)
        if len(batch) == 2000:
            SearchPoint.objects.bulk_update(batch, ["verified_seconds"])
            batch = []
    SearchPoint.objects.bulk_update(batch, ["verified_seconds"])


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0013_search_item"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchpoint",
            name="verified_seconds",
            field=models.FloatField(null=True),
        ),
        migrations.RunPython(copy_as_seconds, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="searchpoint",
            name="verified_at",
        ),
    ]
