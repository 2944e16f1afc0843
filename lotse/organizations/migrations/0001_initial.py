"""Organization moved from the offer directory into lotse.organizations. Only Django's
state changes: the table offers_organization and every foreign key to it stay as they are."""

import django.core.validators
import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('regions', '0002_load_reference_data'),
        ('offers', '0018_organization_moving_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Organization',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('name', models.CharField(max_length=200, verbose_name='Name')),
                ('description', models.TextField(blank=True, verbose_name='Beschreibung')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='E-Mail')),
                ('website', models.URLField(blank=True, validators=[django.core.validators.URLValidator(message='Bitte eine vollständige Webadresse mit http:// oder https:// angeben.', schemes=['http', 'https'])], verbose_name='Website')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('district', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='organizations', to='regions.district', verbose_name='Sitz (Landkreis)')),
            ],
            options={
                'verbose_name': 'Träger',
                'verbose_name_plural': 'Träger',
                'db_table': 'offers_organization',
                'ordering': ['name'],
            },
        ),
            ],
            database_operations=[],
        ),
    ]
