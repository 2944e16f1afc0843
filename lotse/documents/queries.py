"""The read side of the districts' documents."""

from __future__ import annotations

from django.db import models

from lotse.funding.models import Measure


def measures_of(document):
    """The measures a concept or report lists: the district's measures of the edition
    (for a report: those running in its year), with what their pages show."""
    measures = (
        Measure.objects.filter(district=document.district, state_concept=document.state_concept)
        .select_related("funding_area", "provider")
        .prefetch_related("serves", "indicators__results")
        .order_by("funding_area__position", "title")
    )
    if document.year:
        measures = measures.filter(starts_on__year__lte=document.year).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__year__gte=document.year)
        )
    return measures
