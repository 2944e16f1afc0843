"""Organization moved from the offer directory into lotse.organizations. Only Django's
state changes: the table offers_organization and every foreign key to it stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('funding', '0003_document_content_check'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='measure',
            name='provider',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='measures', to='organizations.organization', verbose_name='Träger (Letztempfänger)'),
        ),
            ],
            database_operations=[],
        ),
    ]
