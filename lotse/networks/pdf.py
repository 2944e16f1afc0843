"""The minimum-requirements page of a network as a PDF (for the annual report's appendix)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from lotse.core.pdf import render_pdf


def requirements_pdf(network, year: int, rows) -> bytes:
    """`rows`: `evidence.RequirementRow`s as the page shows them."""
    html = render_to_string(
        "networks/print/requirements.html",
        {"network": network, "year": year, "rows": rows, "today": timezone.localdate()},
    )
    return render_pdf(html)
