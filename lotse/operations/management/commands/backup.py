"""`manage.py backup DIR`: database and uploaded files, with a manifest of counts and checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand

from lotse.operations.backup import create_backup


class Command(BaseCommand):
    help = "Sichert Datenbank und hochgeladene Dateien (mit Prüfsummen)."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="Verzeichnis für die Sicherung")

    def handle(self, *args, target: Path, **options):
        folder = create_backup(target)
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {folder}"))
