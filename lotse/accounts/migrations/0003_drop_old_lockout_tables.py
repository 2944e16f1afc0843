"""Sign-in throttling moved from django-axes to lotse.accounts.throttling. An installation
that ran axes still holds its tables, with e-mail addresses and client addresses of failed
sign-ins: they are dropped here (nothing reads them any more)."""

from django.db import migrations

# In dependency order: the expiration table refers to the attempts (PostgreSQL refuses to
# drop a table another one still refers to; SQLite knows no CASCADE).
OLD_TABLES = (
    "axes_accessattemptexpiration",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_sign_in_throttle")]

    operations = [
        migrations.RunSQL(
            [f"DROP TABLE IF EXISTS {table}" for table in OLD_TABLES],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
