"""The yearly accountability of a funded measure: its Projektsteckbrief (revisions) and its
Sachbericht per fund year as documents with a state, and the network coordinator's check
(NWK-P1 to NWK-P3) as data.

The Sachbericht's texts stay in `funding.ProgressReport` (one home for them, the print-out
reads them there); a `MeasureDocument` of that kind adds the state, the lock and the check.
The Projektsteckbrief's texts are the document's own, so an accepted revision stays as it
was accepted while the next one is written.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.workflow.records import StepRecord


class MeasureDocument(models.Model):
    """A Projektsteckbrief revision or a Sachbericht of one fund year, on its way to the LKS."""

    class Kind(models.TextChoices):
        PROFILE = "profile", _("Projektsteckbrief")
        PROGRESS_REPORT = "progress_report", _("Sachbericht")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("beim Jugendamt eingereicht")
        RETURNED = "returned", _("an den Träger zurückgegeben")
        CHECKED = "checked", _("vom Jugendamt geprüft")
        FORWARDED = "forwarded", _("bei der LKS")
        RETURNED_BY_LKS = "returned_by_lks", _("von der LKS zurückgegeben")
        ACCEPTED = "accepted", _("angenommen")

    # The writer holds the pen in these states; in all others the texts are frozen.
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # The coordinator's check may be written or corrected in these states.
    CHECKABLE = (Status.SUBMITTED, Status.CHECKED, Status.RETURNED_BY_LKS)

    measure = models.ForeignKey(
        "funding.Measure", on_delete=models.CASCADE, related_name="accountability_documents"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    fund_year = models.ForeignKey(
        "funding.FundYear",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measure_documents",
        verbose_name=_("Förderjahr"),
    )
    number = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.DRAFT)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_group = models.TextField(_("Zielgruppe"), blank=True)
    return_note = models.TextField(_("Hinweis zur Rückgabe"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Optimistic lock: every save and step counts up; a form carries the value it showed.
    lock_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["measure", "kind", "fund_year__year", "number"]
        constraints = [
            models.CheckConstraint(
                name="measure_document_year_by_kind",
                condition=Q(kind="profile", fund_year__isnull=True)
                | Q(kind="progress_report", fund_year__isnull=False, number=1),
            ),
            models.UniqueConstraint(
                fields=["measure", "number"],
                condition=Q(kind="profile"),
                name="one_profile_per_revision",
            ),
            models.UniqueConstraint(
                fields=["measure", "fund_year"],
                condition=Q(kind="progress_report"),
                name="one_measure_report_per_fund_year",
            ),
        ]
        verbose_name = _("Dokument einer Maßnahme")
        verbose_name_plural = _("Dokumente der Maßnahmen")

    def __str__(self) -> str:
        if self.kind == self.Kind.PROFILE:
            return gettext("Projektsteckbrief „%(measure)s“ (Fassung %(number)s)") % {
                "measure": self.measure,
                "number": self.number,
            }
        return gettext("Sachbericht %(year)s „%(measure)s“") % {
            "year": self.fund_year.year if self.fund_year_id else "",
            "measure": self.measure,
        }

    def get_absolute_url(self) -> str:
        ags = self.measure.district.ags
        if self.kind == self.Kind.PROFILE:
            return reverse(
                "accountability:profile",
                kwargs={"ags": ags, "pk": self.measure_id, "number": self.number},
            )
        return reverse(
            "accountability:report",
            kwargs={"ags": ags, "pk": self.measure_id, "year": self.fund_year.year},
        )

    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def is_checkable(self) -> bool:
        return self.kind == self.Kind.PROGRESS_REPORT and self.status in self.CHECKABLE


class DocumentStep(StepRecord):
    """One step of a measure document: who moved it from where to where, when, why."""

    document = models.ForeignKey(MeasureDocument, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=MeasureDocument.Status)
    to_status = models.CharField(max_length=20, choices=MeasureDocument.Status)

    class Meta:
        ordering = ["document", "at", "pk"]


class CoordinatorCheck(models.Model):
    """The network coordinator's check of a Sachbericht (NWK-P1 to NWK-P3)."""

    class Verdict(models.TextChoices):
        MET = "met", _("erfüllt")
        PARTLY = "partly", _("teilweise erfüllt")
        NOT_MET = "not_met", _("nicht erfüllt")
        NOT_APPLICABLE = "not_applicable", _("nicht zutreffend")

    class Source(models.TextChoices):
        FIGURES = "figures", _("Kennzahlen des Landkreises")
        PARENT_TOPICS = "parent_topics", _("Themen der Eltern")
        REACH = "reach", _("Erreichbarkeitsanalyse")
        OTHER = "other", _("andere Quelle (in der Begründung genannt)")

    document = models.OneToOneField(
        MeasureDocument, on_delete=models.CASCADE, related_name="coordinator_check"
    )
    # NWK-P1: needs-orientation
    need_verdict = models.CharField(
        _("Bedarfsgerechtigkeit (NWK-P1)"), max_length=20, choices=Verdict
    )
    need = models.TextField(_("Welcher Bedarf?"), blank=True)
    need_sources = models.JSONField(_("Belege"), default=list, blank=True)
    need_evidence = models.TextField(_("Welche Belege?"), blank=True)
    need_reason = models.TextField(_("Begründung"), blank=True)
    # NWK-P3: goal achievement
    goals_verdict = models.CharField(_("Zielerreichung (NWK-P3)"), max_length=20, choices=Verdict)
    goals_note = models.TextField(_("Bewertung der Zielerreichung"), blank=True)
    checked_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Prüfung durch die Netzwerkkoordination")
        verbose_name_plural = _("Prüfungen durch die Netzwerkkoordination")

    def __str__(self) -> str:
        return gettext("Prüfung: %(document)s") % {"document": self.document}


class RequirementCheck(models.Model):
    """NWK-P2 for one minimum requirement: kept or not, with a note."""

    coordinator_check = models.ForeignKey(
        CoordinatorCheck, on_delete=models.CASCADE, related_name="requirements"
    )
    requirement = models.ForeignKey(
        "concept.StateConceptItem", on_delete=models.PROTECT, related_name="+"
    )
    kept = models.BooleanField(_("eingehalten"))
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        ordering = ["coordinator_check", "requirement__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator_check", "requirement"], name="one_verdict_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requirement.code}: {'+' if self.kept else '-'}"


class ReportReminder(models.Model):
    """A deadline reminder sent for a measure's Sachbericht of one fund year: each once."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("vor der Frist")
        OVERDUE = "overdue", _("nach der Frist")

    measure = models.ForeignKey("funding.Measure", on_delete=models.CASCADE, related_name="+")
    fund_year = models.ForeignKey("funding.FundYear", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "fund_year", "stage"], name="one_reminder_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}/{self.fund_year_id}: {self.stage}"
