"""The indicator catalogue as data, targets, and yearly values kept for the trend."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    """One indicator: what it means, how it is computed (a formula of lotse.monitoring
    .formulas with its parameters), its unit and direction, and what it measures."""

    code = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    definition = models.TextField(_("Definition"))
    formula = models.CharField(_("Berechnung"), max_length=40)
    topic_code = models.CharField(_("Thema (Angebote)"), max_length=40, blank=True)
    radius_km = models.PositiveSmallIntegerField(_("Entfernung (km)"), null=True, blank=True)
    funding_area_code = models.CharField(_("Förderbereich"), max_length=10, blank=True)
    unit = models.CharField(_("Einheit"), max_length=40)
    higher_is_better = models.BooleanField(_("höher ist besser"), default=True)
    measures = models.ManyToManyField(
        "concept.StateConceptItem",
        blank=True,
        related_name="indicators",
        verbose_name=_("misst Leitziele und Entwicklungsbausteine"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator", kwargs={"code": self.code})


class Target(models.Model):
    """The value aimed at for a district (or the state: district empty) in a year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    district = models.ForeignKey(
        "regions.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    value = models.DecimalField(_("Zielwert"), max_digits=14, decimal_places=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "year"], name="one_target_per_place_and_year"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(district__isnull=True),
                name="one_state_target_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Value(models.Model):
    """A computed value kept for the trend (`manage.py record_indicators`); the current
    year is always computed live. District empty: the state as a whole."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    district = models.ForeignKey(
        "regions.District", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True)
    numerator = models.DecimalField(max_digits=16, decimal_places=3, null=True)
    denominator = models.DecimalField(max_digits=16, decimal_places=3, null=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "district", "year"], name="one_value_per_place_and_year"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(district__isnull=True),
                name="one_state_value_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
