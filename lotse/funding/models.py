"""Measures (Maßnahmen): what a district funds from the Fonds Frühe Hilfen.

A measure is one record wherever it shows — in the regional concept, the annual report,
its Projektsteckbrief and its Sachberichte (and, later, in the budgets of a fund year).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Measure(models.Model):
    """A funded structure or activity of a district, in one Förderbereich."""

    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="measures"
    )
    state_concept = models.ForeignKey(
        "concept.StateConcept", on_delete=models.PROTECT, related_name="measures"
    )
    funding_area = models.ForeignKey(
        "concept.FundingArea",
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("Förderbereich"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_group = models.TextField(_("Zielgruppe"), blank=True)
    serves = models.ManyToManyField(
        "concept.StateConceptItem",
        related_name="measures",
        blank=True,
        verbose_name=_("dient den Anforderungen / Bausteinen"),
    )
    provider = models.ForeignKey(
        "offers.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("Träger (Letztempfänger)"),
    )
    provider_name = models.CharField(
        _("Träger, falls nicht im Verzeichnis"), max_length=200, blank=True
    )
    starts_on = models.DateField(_("Beginn"))
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    funding_share = models.DecimalField(
        _("Anteil aus dem Fonds Frühe Hilfen (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
        help_text=_("100 = vollständig gefördert; weniger = anteilig gefördert."),
    )
    offers = models.ManyToManyField(
        "offers.Offer", related_name="measures", blank=True, verbose_name=_("finanzierte Angebote")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district__ags", "funding_area__position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funding_share__gte=0, funding_share__lte=100),
                name="measure_funding_share_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="measure_period_ordered",
            ),
        ]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:measure", kwargs={"ags": self.district.ags, "pk": self.pk})

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider_id else self.provider_name

    def runs_in(self, year: int) -> bool:
        return self.starts_on.year <= year and (self.ends_on is None or self.ends_on.year >= year)


class Indicator(models.Model):
    """How a measure's goal is checked: an indicator with its target."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    goal = models.CharField(_("Ziel"), max_length=300)
    name = models.CharField(_("Indikator"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    target = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["measure", "position", "pk"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return self.name


class IndicatorResult(models.Model):
    """Ziel- und Erfolgskontrolle: an indicator's actual value in one year and the verdict."""

    class Rating(models.TextChoices):
        REACHED = "reached", _("erreicht")
        PARTLY = "partly", _("teilweise erreicht")
        NOT_REACHED = "not_reached", _("nicht erreicht")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    actual = models.DecimalField(_("Istwert"), max_digits=12, decimal_places=2)
    rating = models.CharField(_("Bewertung"), max_length=20, choices=Rating)
    explanation = models.TextField(_("Erläuterung"), blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_result_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.actual}"


class ProgressReport(models.Model):
    """The Sachbericht: what a funded measure did in one year, in the provider's words."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress_reports")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    activities = models.TextField(_("Was wurde umgesetzt?"), blank=True)
    reach = models.TextField(_("Wen hat die Maßnahme erreicht? (ohne Personendaten)"), blank=True)
    cooperation = models.TextField(_("Zusammenarbeit im Netzwerk"), blank=True)
    difficulties = models.TextField(_("Schwierigkeiten und Lösungen"), blank=True)
    outlook = models.TextField(_("Ausblick"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="one_progress_report_per_year")
        ]
        verbose_name = _("Sachbericht")
        verbose_name_plural = _("Sachberichte")

    def __str__(self) -> str:
        return f"Sachbericht {self.year}: {self.measure}"
