"""Organization moved from the offer directory into lotse.organizations. Only Django's
state changes: the table offers_organization and every foreign key to it stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0017_web_addresses_and_phones_validated'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.RemoveField(
            model_name='organization',
            name='district',
        ),
            ],
            database_operations=[],
        ),
    ]
