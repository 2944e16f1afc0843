"""`manage.py erase_person EMAIL --bestaetigt`: erase a staff member; her actions stay in
the audit log and the review history under a pseudonym."""

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import User
from lotse.operations.personal_data import erase_person


class Command(BaseCommand):
    help = (
        "Löscht die Daten einer Person; ihr Handeln bleibt unter einem Pseudonym nachvollziehbar."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--bestaetigt", action="store_true", help="wirklich löschen")

    def handle(self, *args, email: str, bestaetigt: bool, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Keine Person mit der E-Mail-Adresse {email}.")
        if not bestaetigt:
            raise CommandError("Zum Löschen --bestaetigt angeben; nichts geändert.")
        alias = erase_person(user, by=None)
        self.stdout.write(self.style.SUCCESS(f"Gelöscht; Pseudonym im Protokoll: {alias}"))
