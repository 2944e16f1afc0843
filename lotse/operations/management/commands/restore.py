"""`manage.py restore BACKUP`: into a freshly migrated database; all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Stellt eine Sicherung in einer frisch migrierten Datenbank wieder her."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="Verzeichnis lotse-backup-…")

    def handle(self, *args, backup: Path, **options):
        try:
            tables = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wiederhergestellt: {rows} Zeilen in {len(tables)} Tabellen, geprüft."
            )
        )
