"""The indicator catalogue as data, targets, and yearly values kept for the trend."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.workflow.records import StepRecord


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


class NzfhReport(models.Model):
    """The LKS's report to the Nationales Zentrum Frühe Hilfen on one year (LKS-E1: the LKS
    works with the NZFH and supports its scientific monitoring), every three years by the
    LKS's own rule. Its figures come from the same functions every page uses
    (monitoring/nzfh.py); submitting freezes them in `content`."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("in Vorbereitung")
        SUBMITTED = "submitted", _("beim NZFH eingereicht")
        PUBLISHED = "published", _("veröffentlicht")

    year = models.PositiveSmallIntegerField(_("Berichtsjahr"), unique=True)
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.COLLECTING)
    due_on = models.DateField(_("fällig am"))
    remarks = models.TextField(_("Erläuterungen der LKS"), blank=True)
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    published_on = models.DateField(_("veröffentlicht am"), null=True, blank=True)
    # The figures as they were submitted (monitoring/nzfh.py); empty while collecting.
    content = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="collecting")
                | models.Q(content__isnull=False, submitted_on__isnull=False),
                name="nzfh_report_submitted_with_its_figures",
            )
        ]
        verbose_name = _("NZFH-Bericht")
        verbose_name_plural = _("NZFH-Berichte")

    def __str__(self) -> str:
        return f"NZFH-Bericht {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:nzfh_report", kwargs={"year": self.year})

    def is_collecting(self) -> bool:
        return self.status == self.Status.COLLECTING


class NzfhReportStep(StepRecord):
    """One step of an NZFH report: who moved it from where to where."""

    report = models.ForeignKey(NzfhReport, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=NzfhReport.Status)
    to_status = models.CharField(max_length=20, choices=NzfhReport.Status)

    class Meta:
        ordering = ["report", "at", "pk"]
