"""`manage.py export_hsds [FILE]`: the whole directory as HSDS 3.0 services (full form)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from lotse.offers.hsds import EXPORT_PREFETCH, export_service
from lotse.offers.models import Offer


class Command(BaseCommand):
    help = "Exportiert alle Angebote als JSON-Array von HSDS-3.0-Services."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")

    def handle(self, *args, file: Path | None = None, **options):
        offers = (
            Offer.objects.select_related("organization")
            .prefetch_related(*EXPORT_PREFETCH)
            .order_by("id")
        )
        data = [export_service(offer) for offer in offers]
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if file:
            file.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
