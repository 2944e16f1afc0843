"""The read side of the Landeskonzept."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Prefetch


class StateConceptQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Editions anyone may read: published and superseded ones."""
        return self.filter(status__in=["published", "superseded"])

    def current(self):
        """The edition in force: the newest published one whose period has begun.

        Between editions (the old period over, the new one not yet published) the last
        published edition stays in force, so there is always an answer once one exists.
        """
        return self.filter(status="published").order_by("-valid_from").first()

    def with_contents(self) -> Self:
        from lotse.concept.models import FundingArea, StateConceptItem

        return self.prefetch_related(
            Prefetch(
                "funding_areas",
                queryset=FundingArea.objects.order_by("position").prefetch_related(
                    Prefetch("items", queryset=StateConceptItem.objects.order_by("position"))
                ),
            )
        )


class StateConceptItemQuerySet(models.QuerySet):
    def development_modules(self) -> Self:
        return self.filter(kind="development_module")

    def minimum_requirements(self) -> Self:
        return self.filter(kind="minimum_requirement")

    def of_funding_area(self, code: str) -> Self:
        return self.filter(funding_area__code=code)
