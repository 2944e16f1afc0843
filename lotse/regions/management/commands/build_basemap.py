"""`manage.py build_basemap [--check]`: the maps' static basemap from the reference data."""

from django.core.management.base import BaseCommand, CommandError

from lotse.regions.basemap import BASEMAP_PATH, basemap_text


class Command(BaseCommand):
    help = "Schreibt die Grundkarte (Kreisgrenzen, Kreisstädte) als statische GeoJSON-Datei."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="nur prüfen, ob die Datei aktuell ist"
        )

    def handle(self, *args, check: bool, **options):
        text = basemap_text()
        if check:
            current = BASEMAP_PATH.read_text(encoding="utf-8") if BASEMAP_PATH.exists() else ""
            if current != text:
                raise CommandError(f"{BASEMAP_PATH} ist veraltet: manage.py build_basemap")
            return
        BASEMAP_PATH.parent.mkdir(parents=True, exist_ok=True)
        BASEMAP_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"{BASEMAP_PATH}: {len(text.encode()) // 1024} KB")
