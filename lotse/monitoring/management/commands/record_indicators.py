"""`manage.py record_indicators [--year YYYY]`: keep the year's indicator values for the trend."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lotse.monitoring.queries import record


class Command(BaseCommand):
    help = "Speichert die Werte aller Indikatoren für ein Jahr (Standard: dieses Jahr)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year
        self.stdout.write(f"{record(year)} Werte für {year} gespeichert.")
