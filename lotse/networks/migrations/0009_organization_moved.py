"""Organization moved from the offer directory into lotse.organizations. Only Django's
state changes: the table offers_organization and every foreign key to it stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0008_contact_details_validated'),
        ('organizations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='coordination',
            name='employer_organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='Träger (bei Beauftragung)'),
        ),
        migrations.AlterField(
            model_name='partner',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='partnerships', to='organizations.organization', verbose_name='Organisation'),
        ),
        migrations.AlterField(
            model_name='volunteerservice',
            name='provider',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='Träger'),
        ),
            ],
            database_operations=[],
        ),
    ]
