"""`manage.py send_document_reminders`: remind districts of concepts and reports that are
due soon (a month, a week before) or overdue. Each stage is sent once; the scheduler
(`manage.py run_scheduler`) runs it daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lotse.documents.mail import send_due_reminders


class Command(BaseCommand):
    help = "Erinnert an fällige und überfällige Konzepte und Jahresberichte (einmal je Stufe)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due_reminders(timezone.localdate())} Erinnerung(en) versandt.")
