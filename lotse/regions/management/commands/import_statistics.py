"""`manage.py import_statistics FILE --kind children_under_3 --year 2023 --source "…"`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.regions.statistics_import import StatisticsImportError, import_statistics


class Command(BaseCommand):
    help = "Liest amtliche Statistik aus einem GENESIS-CSV-Export (alles oder nichts)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--source", required=True)

    def handle(self, *args, file: Path, kind: str, year: int, source: str, **options):
        try:
            count = import_statistics(file.read_bytes(), kind=kind, year=year, source=source)
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from None
        except StatisticsImportError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(error.problems)} Fehler – nichts gespeichert.") from None
        self.stdout.write(self.style.SUCCESS(f"{count} Werte gespeichert."))
