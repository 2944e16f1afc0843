"""`manage.py import_statistics FILE --kind births --source "..."`: a GENESIS CSV export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.regions.models import Statistic
from lotse.regions.statistics_import import decode, import_statistics


class Command(BaseCommand):
    help = "Importiert amtliche Statistik aus einer GENESIS-CSV-Datei (alles oder nichts)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=Statistic.Kind.values)
        parser.add_argument(
            "--source", required=True, help="z. B. 'Statistisches Amt MV, Tabelle 12612-01'"
        )

    def handle(self, *args, file: Path, kind: str, source: str, **options):
        try:
            text = decode(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from None
        result = import_statistics(text, kind=kind, source=source)
        if result.errors:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(result.errors)} Fehler – nichts importiert.")
        self.stdout.write(self.style.SUCCESS(f"{len(result.figures)} Werte importiert."))
