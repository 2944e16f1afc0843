"""Measures (Maßnahmen): what a district funds from the Fonds Frühe Hilfen.

A measure is one record wherever it shows — in the regional concept, the annual report,
its Projektsteckbrief and its Sachberichte (and, later, in the budgets of a fund year).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.uploads import DOCUMENT_VALIDATORS
from lotse.workflow.records import StepRecord


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
        "organizations.Organization",
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
    # FB-II.1.1-E1: the prior agreement that allows qualification money in FB II.1.1.
    qualification_agreed_on = models.DateField(
        _("Qualifizierung abgestimmt am"), null=True, blank=True
    )
    qualification_agreed_with = models.CharField(
        _("abgestimmt mit"),
        max_length=300,
        blank=True,
        help_text=_(
            "Nur im Förderbereich II.1.1: mit wem die Qualifizierung vorab abgestimmt ist, "
            "z. B. Landesfachstelle Familienhebammen und Fachreferat des Ministeriums."
        ),
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

    def qualification_agreed(self) -> bool:
        """FB-II.1.1-E1: agreed beforehand, with a date and with whom."""
        return self.qualification_agreed_on is not None and bool(
            self.qualification_agreed_with.strip()
        )


class FundingConditionCheck(models.Model):
    """The network coordinator's verdict on one funding condition (Fördervoraussetzung) of
    a measure, e.g. FB-II.2-V3, with the note that backs it (lotse/funding/fb22.py)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="condition_checks")
    condition = models.ForeignKey(
        "concept.StateConceptItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Fördervoraussetzung"),
    )
    holds = models.BooleanField(_("erfüllt"), default=False)
    note = models.TextField(_("Begründung"), blank=True)
    checked_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)

    class Meta:
        ordering = ["measure", "condition__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "condition"], name="one_check_per_measure_and_condition"
            ),
            # A condition is confirmed with a reason, never by a bare tick.
            models.CheckConstraint(
                condition=models.Q(holds=False) | ~models.Q(note=""),
                name="confirmed_condition_has_a_note",
            ),
        ]
        verbose_name = _("Prüfung einer Fördervoraussetzung")
        verbose_name_plural = _("Prüfungen der Fördervoraussetzungen")

    def __str__(self) -> str:
        return f"{self.measure}: {self.condition.code}"


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


# --- Fonds Frühe Hilfen: fund years, allocation to districts, plans and spending -----------


def money(verbose_name, **kwargs):
    """Exact euro and cent: never a float."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class AllocationKey(models.Model):
    """How the districts' part of a fund year is split: weighted components (data, not code)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_assumption = models.BooleanField(
        _("Annahme (nicht amtlich bestätigt)"),
        default=False,
        help_text=_(
            "Der Schlüssel beruht auf einer Annahme, nicht auf einer veröffentlichten Regel "
            "des Landes."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Verteilungsschlüssel")
        verbose_name_plural = _("Verteilungsschlüssel")

    def __str__(self) -> str:
        return self.name


class AllocationComponent(models.Model):
    """One weighted part of a key: an equal base amount, or shares of a district statistic."""

    BASE = "base"
    KIND_CHOICES = [(BASE, _("Sockelbetrag (gleich je Landkreis)"))] + [
        ("births", _("Lebendgeborene")),
        ("children_under_3", _("Kinder unter 3 Jahren")),
        ("sgb2_children_under_3", _("Kinder unter 3 Jahren in SGB-II-Bedarfsgemeinschaften")),
        ("population", _("Einwohner:innen")),
        ("area_km2", _("Fläche (km²)")),
    ]

    key = models.ForeignKey(AllocationKey, on_delete=models.CASCADE, related_name="components")
    kind = models.CharField(_("Merkmal"), max_length=30, choices=KIND_CHOICES)
    weight = models.DecimalField(_("Gewicht"), max_digits=7, decimal_places=4)
    statistics_year = models.PositiveSmallIntegerField(
        _("Statistikjahr"),
        null=True,
        blank=True,
        help_text=_(
            "Das Jahr der Statistik; fehlt es für einen Landkreis, gilt das letzte Jahr davor."
        ),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["key", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="allocation_weight_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="base") | models.Q(statistics_year__isnull=False),
                name="statistic_components_name_their_year",
            ),
        ]
        verbose_name = _("Bestandteil des Schlüssels")
        verbose_name_plural = _("Bestandteile des Schlüssels")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} × {self.weight}"


class FundYear(models.Model):
    """One year of the Fonds Frühe Hilfen in MV: the state's total, the LKS's own share,
    the districts' part, the key that split it, and the deadlines."""

    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    state_total = money(_("Gesamtbetrag des Landes"))
    state_office_share = money(_("Anteil der Landeskoordinierungsstelle"), default=0)
    key = models.ForeignKey(
        AllocationKey,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_years",
        verbose_name=_("angewendeter Schlüssel"),
    )
    allocated_at = models.DateTimeField(_("verteilt am"), null=True, blank=True)
    application_due = models.DateField(_("Antrag fällig"), null=True, blank=True)
    interim_report_due = models.DateField(_("Zwischenbericht fällig"), null=True, blank=True)
    final_report_due = models.DateField(_("Verwendungsnachweis fällig"), null=True, blank=True)
    measure_reports_due = models.DateField(
        _("Sachberichte der Maßnahmen fällig"),
        null=True,
        blank=True,
        help_text=_("Bis dahin reichen die Träger die Sachberichte des Jahres beim Jugendamt ein."),
    )
    demo_values = models.BooleanField(
        _("Demowerte"),
        default=False,
        help_text=_(
            "Beträge und Fristen dieses Förderjahres sind Demowerte, keine Festlegung der "
            "Landeskoordinierungsstelle; sie werden überall so gekennzeichnet."
        ),
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state_office_share__gte=0)
                & models.Q(state_office_share__lte=models.F("state_total")),
                name="state_office_share_within_total",
            )
        ]
        verbose_name = _("Förderjahr")
        verbose_name_plural = _("Förderjahre")

    def __str__(self) -> str:
        return gettext("Förderjahr %(year)s") % {"year": self.year}

    @property
    def districts_total(self):
        return self.state_total - self.state_office_share


class Allocation(models.Model):
    """A district's share of a fund year, stored when the LKS adopts a key's result."""

    fund_year = models.ForeignKey(FundYear, on_delete=models.CASCADE, related_name="allocations")
    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="allocations"
    )
    amount = money(_("zugewiesener Betrag"))

    class Meta:
        ordering = ["fund_year", "district__ags"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund_year", "district"], name="one_allocation_per_district_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="allocation_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.fund_year.year}: {self.amount}"


class MeasurePlan(models.Model):
    """What a measure is to receive in a fund year, and the district's own money for it."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="plans")
    fund_year = models.ForeignKey(FundYear, on_delete=models.PROTECT, related_name="plans")
    planned = money(_("geplant aus dem Fonds"), default=0)
    co_funding = money(_("Kofinanzierung (Eigenanteil)"), default=0)
    # FB-II.1.1-E1: fund money for qualifying family midwives and FGKiKP (training, peer
    # case review, supervision, quality circles) only after prior agreement with the
    # Landesfachstelle Familienhebammen and the ministry. The agreement is recorded on the
    # measure; this is the part of the plan it covers.
    qualification = money(
        _("davon Qualifizierung von Familienhebammen / FGKiKP"),
        default=0,
        help_text=_(
            "Nur im Förderbereich II.1.1: der Teil des Planansatzes für Qualifizierung und "
            "Qualitätssicherung (z. B. Fortbildung, kollegiale Fallberatung, Supervision)."
        ),
    )
    revision = models.PositiveIntegerField(default=0)  # optimistic lock of the budget line
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fund_year", "measure__funding_area__position", "measure__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "fund_year"], name="one_plan_per_measure_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(planned__gte=0, co_funding__gte=0), name="plan_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(qualification__gte=0, qualification__lte=models.F("planned")),
                name="qualification_within_plan",
            ),
        ]
        verbose_name = _("Planansatz")
        verbose_name_plural = _("Planansätze")

    def __str__(self) -> str:
        return f"{self.measure} {self.fund_year.year}"


class Spending(models.Model):
    """Money actually spent on a measure from the fund: per quarter or once for the year."""

    class Period(models.TextChoices):
        Q1 = "q1", _("1. Quartal")
        Q2 = "q2", _("2. Quartal")
        Q3 = "q3", _("3. Quartal")
        Q4 = "q4", _("4. Quartal")
        YEAR = "year", _("ganzes Jahr")

    plan = models.ForeignKey(MeasurePlan, on_delete=models.CASCADE, related_name="spendings")
    period = models.CharField(_("Zeitraum"), max_length=4, choices=Period)
    amount = money(_("ausgegeben"))
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "period"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="one_spending_per_period"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="spending_not_negative"),
        ]
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")

    def __str__(self) -> str:
        return f"{self.plan} {self.period}: {self.amount}"


def fb3_document_path(instance: Fb3Proposal, filename: str) -> str:
    return f"fb3/{instance.measure.district.ags}/{instance.pk or 'neu'}/{filename}"


class Fb3Proposal(models.Model):
    """An innovative measure (Förderbereich III): proposed by the district, voted on by the
    LKS, reviewed by the federal foundation. Only an approved one can receive funds."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("bei der LKS")
        LKS_NEGATIVE = "lks_negative", _("Votum der LKS negativ")
        FEDERAL_REVIEW = "federal_review", _("bei der Bundesstiftung")
        APPROVED = "approved", _("bewilligt")
        APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("bewilligt mit Auflagen")
        REJECTED = "rejected", _("abgelehnt")

    APPROVED_STATUSES = (Status.APPROVED, Status.APPROVED_WITH_CONDITIONS)

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="fb3_proposal")
    status = models.CharField(_("Stand"), max_length=30, choices=Status, default=Status.DRAFT)
    needs_analysis = models.TextField(_("Bedarfsanalyse"))
    goals = models.TextField(_("Ziele"))
    duration_months = models.PositiveSmallIntegerField(_("Laufzeit (Monate)"))
    budget = money(_("Gesamtbudget"))
    evaluation_plan = models.TextField(_("Evaluationsplan"))
    lks_reason = models.TextField(_("Begründung des Votums"), blank=True)
    federal_decided_on = models.DateField(
        _("Entscheidung der Bundesstiftung am"), null=True, blank=True
    )
    federal_conditions = models.TextField(_("Auflagen"), blank=True)
    federal_document = models.FileField(
        _("Bescheid"), upload_to=fb3_document_path, blank=True, validators=DOCUMENT_VALIDATORS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) & models.Q(duration_months__gte=1),
                name="fb3_budget_and_duration_sensible",
            )
        ]
        verbose_name = _("Vorhaben im Förderbereich III")
        verbose_name_plural = _("Vorhaben im Förderbereich III")

    def __str__(self) -> str:
        return str(self.measure)

    def is_approved(self) -> bool:
        return self.status in self.APPROVED_STATUSES


class Fb3Step(StepRecord):
    """One step of an FB III proposal: who moved it from where to where, when, why."""

    proposal = models.ForeignKey(Fb3Proposal, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=30, choices=Fb3Proposal.Status)
    to_status = models.CharField(max_length=30, choices=Fb3Proposal.Status)

    class Meta:
        ordering = ["proposal", "at", "pk"]
