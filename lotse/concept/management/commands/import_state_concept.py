"""`manage.py import_state_concept FILE`: add an edition of the Landeskonzept from JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.concept.checklist import create_default_checklist
from lotse.concept.editions import EditionError, EditionModels, load_edition, read_edition_file
from lotse.concept.models import ChecklistItem, FundingArea, StateConcept, StateConceptItem


class Command(BaseCommand):
    help = "Speichert eine Ausgabe des Landeskonzepts aus einer JSON-Datei (alles oder nichts)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="eine gleichnamige Ausgabe ersetzen"
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            data = read_edition_file(file)
            concept = load_edition(
                data, EditionModels(StateConcept, FundingArea, StateConceptItem), replace=replace
            )
        except OSError as error:
            raise CommandError(f"Datei nicht lesbar: {error}") from None
        except EditionError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(error.problems)} Fehler – nichts gespeichert.") from None
        # A first checklist (Anlage 1) derived from the chapters; the LKS edits it afterwards.
        create_default_checklist(concept, FundingArea, ChecklistItem)
        self.stdout.write(
            self.style.SUCCESS(f"{concept.title} gespeichert ({concept.items.count()} Elemente).")
        )
