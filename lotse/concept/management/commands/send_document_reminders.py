"""`manage.py send_document_reminders`: remind districts of concepts and reports that are
due soon (a month, a week before) or overdue. Each stage is sent once; run it daily."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lotse.concept import deadlines, mail
from lotse.concept.models import Document


class Command(BaseCommand):
    help = "Erinnert an fällige und überfällige Konzepte und Jahresberichte (einmal je Stufe)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = 0
        open_documents = Document.objects.filter(
            status__in=[Document.Status.DRAFT, Document.Status.CHANGES_REQUESTED]
        ).select_related("district", "state_concept")
        for document in open_documents:
            stage = deadlines.reminder_stage_due(document, today)
            if stage is None:
                continue
            sent += mail.send_deadline_reminder(document, overdue=stage == deadlines.OVERDUE_STAGE)
            Document.objects.filter(pk=document.pk).update(reminder_stage=stage)
        self.stdout.write(f"{sent} Erinnerung(en) versandt.")
