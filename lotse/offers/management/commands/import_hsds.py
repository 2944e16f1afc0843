"""`manage.py import_hsds FILE`: a JSON array of HSDS 3.0 services (full form); all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.offers.hsds_import import ImportRefused, import_services, parse
from lotse.offers.tasks import import_hsds_file


class Command(BaseCommand):
    help = "Importiert Angebote im HSDS-3.0-Profil von Lotse (alles oder nichts)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--im-hintergrund",
            dest="background",
            action="store_true",
            help="als Auftrag für den Worker einreihen (manage.py db_worker)",
        )

    def handle(self, *args, file: Path, background: bool = False, **options):
        if background:
            if not file.is_file():
                raise CommandError(f"Datei nicht lesbar: {file}")
            result = import_hsds_file.enqueue(str(file.resolve()))
            self.stdout.write(f"Auftrag {result.id} eingereiht.")
            return
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from None
        try:
            offers = import_services(parse(content))
        except ImportRefused as refusal:
            for error in refusal.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(refusal.errors)} Fehler – nichts importiert.") from None
        self.stdout.write(self.style.SUCCESS(f"{len(offers)} Angebote importiert."))
