"""`manage.py export_person EMAIL`: everything Lotse holds about a staff member, as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import User
from lotse.operations.personal_data import export_person


class Command(BaseCommand):
    help = "Gibt alle Daten einer Person (Mitarbeiterin/Mitarbeiter) als JSON aus (DSGVO Art. 15)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Keine Person mit der E-Mail-Adresse {email}.")
        self.stdout.write(
            json.dumps(export_person(user), ensure_ascii=False, indent=2, default=str)
        )
