"""Organization moved from the offer directory into lotse.organizations. Only Django's
state changes: the table offers_organization and every foreign key to it stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    """Audit entries and permissions of organisations keep pointing at them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    old = ContentType.objects.filter(app_label="offers", model="organization").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="organizations", model="organization").first()
    if new is None:
        old.app_label = "organizations"
        old.save(update_fields=["app_label"])
        return
    AuditEntry.objects.filter(content_type=old).update(content_type=new)
    old.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_organization_moved'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('funding', '0004_organization_moved'),
        ('networks', '0009_organization_moved'),
        ('offers', '0018_organization_moving_out'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='offer',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='organizations.organization', verbose_name='Träger'),
        ),
        migrations.DeleteModel(
            name='Organization',
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, migrations.RunPython.noop),
    ]
