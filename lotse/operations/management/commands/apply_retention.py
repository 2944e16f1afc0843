"""`manage.py apply_retention`: delete what is past its retention period (daily job)."""

from django.core.management.base import BaseCommand

from lotse.operations.retention import apply_retention


class Command(BaseCommand):
    help = "Löscht Protokolleinträge, Suchzählungen und Uploads nach Ablauf der Aufbewahrungsfrist."

    def handle(self, *args, **options):
        for what, count in apply_retention().items():
            self.stdout.write(f"{what}: {count} gelöscht")
