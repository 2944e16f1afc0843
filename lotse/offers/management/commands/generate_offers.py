"""`manage.py generate_offers N --seed S`: N generated offers spread over MV (benchmarks)."""

from django.core.management.base import BaseCommand, CommandError

from lotse.offers.generate import generate_directory


class Command(BaseCommand):
    help = "Erzeugt N zufällige, reproduzierbare Angebote in ganz MV (für Messungen)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count: int, seed: int, **options):
        if not 1 <= count <= 1_000_000:
            raise CommandError("N muss zwischen 1 und 1.000.000 liegen.")
        result = generate_directory(count, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.offers} Angebote von {result.organizations} Trägern erzeugt."
            )
        )
