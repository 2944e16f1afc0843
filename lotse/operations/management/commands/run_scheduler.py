"""`manage.py run_scheduler [--once]`: enqueue the daily jobs when they are due."""

import time

from django.core.management.base import BaseCommand

from lotse.operations.schedule import due


class Command(BaseCommand):
    help = "Reiht die täglichen Aufgaben (Erinnerungen, Aufräumen) für den Worker ein."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="einmal prüfen und beenden")
        parser.add_argument(
            "--interval", type=int, default=60, help="Sekunden zwischen zwei Prüfungen"
        )

    def handle(self, *args, once: bool, interval: int, **options):
        while True:
            for name in due():
                self.stdout.write(f"eingereiht: {name}")
            if once:
                return
            time.sleep(interval)
