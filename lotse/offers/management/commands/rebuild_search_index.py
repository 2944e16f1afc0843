"""`manage.py rebuild_search_index`: SearchPoint anew from the offers (after manual SQL)."""

from django.core.management.base import BaseCommand

from lotse.offers.search import refresh_planner_statistics
from lotse.offers.search_index import rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex der Angebote neu auf."

    def handle(self, *args, **options):
        rebuild()
        refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS("Suchindex neu aufgebaut."))
