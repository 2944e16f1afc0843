"""Daily job: remind editors of offers not checked for LOTSE_OFFER_REMIND_AFTER."""

from django.core.management.base import BaseCommand

from lotse.offers.reminders import send_verification_reminders


class Command(BaseCommand):
    help = "Erinnert Anbieter an Angebote, die lange nicht geprüft wurden (täglich ausführen)."

    def handle(self, *args, **options):
        sent = send_verification_reminders()
        self.stdout.write(f"{sent} Erinnerung(en) verschickt.")
