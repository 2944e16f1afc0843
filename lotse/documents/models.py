"""The districts' documents the LKS reviews: the regional concept (Gesamtkonzept, one per
edition of the Landeskonzept) and the yearly report on its implementation (Konzeptumsetzung),
with their sections, versions, review (checklist verdicts, comments),
attachments, and the LKS's own tasks of the Ziel- und Erfolgskontrolle.

The tables keep the names they had when these models lived in lotse.concept.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.concept.models import ChecklistItem, FundingArea, StateConcept, StateConceptItem
from lotse.core.uploads import DOCUMENT_VALIDATORS
from lotse.workflow.records import StepRecord


class Document(models.Model):
    """A district's document the LKS reviews: the regional concept (one per edition) or the
    yearly report on the concept's implementation (one per year).

    One table for both, because both have the same sections, review workflow, versions
    and comments; the glossary names (docs/domain.md §14) are the proxies RegionalConcept
    and AnnualReport.
    """

    class Kind(models.TextChoices):
        CONCEPT = "concept", _("Regionales Gesamtkonzept")
        ANNUAL_REPORT = "annual_report", _("Jährliche Konzeptumsetzung")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        IN_REVIEW = "in_review", _("in Prüfung")
        CHANGES_REQUESTED = "changes_requested", _("Änderungen erbeten")
        ACCEPTED = "accepted", _("angenommen")
        # Only a regional concept: the local committee decided on it and it is public
        # (Landeskonzept § 2: drawn up *and published*) until the next edition's is.
        PUBLISHED = "published", _("veröffentlicht")
        SUPERSEDED = "superseded", _("abgelöst")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, related_name="documents"
    )
    state_concept = models.ForeignKey(
        StateConcept, on_delete=models.PROTECT, related_name="documents"
    )
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.DRAFT)
    due_on = models.DateField(_("fällig am"))
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    # The local committee's decision the publication rests on (e.g. the
    # Jugendhilfeausschuss): when and which body.
    decided_on = models.DateField(_("Beschluss vom"), null=True, blank=True)
    decided_by = models.CharField(_("beschlossen von"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # 0 = no reminder yet, 1 = a month before, 2 = a week before, 3 = overdue (deadlines.py).
    reminder_stage = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "concept_document"  # kept from when documents lived in concept
        ordering = ["district__ags", "kind", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "state_concept"],
                condition=models.Q(kind="concept"),
                name="one_concept_per_district_and_edition",
            ),
            models.UniqueConstraint(
                fields=["district", "year"],
                condition=models.Q(kind="annual_report"),
                name="one_annual_report_per_district_and_year",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="concept", year__isnull=True)
                | models.Q(kind="annual_report", year__isnull=False),
                name="annual_reports_have_a_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "superseded"])
                | models.Q(kind="concept", decided_on__isnull=False),
                name="only_concepts_are_published_with_a_decision",
            ),
        ]
        verbose_name = _("Konzept oder Bericht")
        verbose_name_plural = _("Konzepte und Berichte")

    def __str__(self) -> str:
        if self.kind == self.Kind.ANNUAL_REPORT:
            return f"{self.get_kind_display()} {self.year} – {self.district}"
        return f"{self.get_kind_display()} {self.state_concept.code} – {self.district}"

    def get_absolute_url(self) -> str:
        return reverse(
            "documents:document", kwargs={"ags": self.district.ags, "document_id": self.pk}
        )

    def is_editable(self) -> bool:
        """The district writes while it is a draft or the LKS asked for changes."""
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    def is_frozen(self) -> bool:
        return self.was_accepted()

    def was_accepted(self) -> bool:
        """The LKS accepted it (and it may have been published or superseded since)."""
        return self.status in (self.Status.ACCEPTED, self.Status.PUBLISHED, self.Status.SUPERSEDED)

    def is_public(self) -> bool:
        """Anyone may read it (its accepted version) at its public address."""
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)

    def get_public_url(self) -> str:
        return reverse(
            "published_concept",
            kwargs={"ags": self.district.ags, "code": self.state_concept.code},
        )


class _DocumentKindManager(models.Manager):
    kind: str = ""

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class RegionalConceptManager(_DocumentKindManager):
    kind = "concept"


class AnnualReportManager(_DocumentKindManager):
    kind = "annual_report"


class RegionalConcept(Document):
    objects = RegionalConceptManager()

    class Meta:
        proxy = True
        verbose_name = _("Regionales Gesamtkonzept")
        verbose_name_plural = _("Regionale Gesamtkonzepte")


class AnnualReport(Document):
    objects = AnnualReportManager()

    class Meta:
        proxy = True
        verbose_name = _("Jährliche Konzeptumsetzung")
        verbose_name_plural = _("Jährliche Konzeptumsetzungen")


class Section(models.Model):
    """A chapter of a document: the district's own text (Markdown) under a fixed heading."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)  # "situation", "fb-I", "measures", …
    title = models.CharField(_("Überschrift"), max_length=300)
    guidance = models.TextField(_("Hinweis"), blank=True)
    funding_area = models.ForeignKey(
        FundingArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("Text"), blank=True)
    # Optimistic lock: every save increments it; a save based on an older one is refused.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "concept_section"  # kept from when documents lived in concept
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="section_key_per_document")
        ]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")

    def __str__(self) -> str:
        return self.title


class StatusChange(StepRecord):
    """One step of the review workflow: who moved the document from where to where."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Document.Status)
    to_status = models.CharField(max_length=20, choices=Document.Status)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        db_table = "concept_statuschange"  # kept from when documents lived in concept
        ordering = ["document", "at", "pk"]


class Version(models.Model):
    """What the district submitted (or what the LKS accepted), frozen as a snapshot: the
    texts with the figures as they were, module statuses, measures and checklist."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    accepted = models.BooleanField(default=False)
    content = models.JSONField()

    class Meta:
        db_table = "concept_version"  # kept from when documents lived in concept
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"Fassung {self.number}"


class ChecklistAssessment(models.Model):
    """The LKS's verdict on one checklist item of one document."""

    class Verdict(models.TextChoices):
        OPEN = "open", _("offen")
        FULFILLED = "fulfilled", _("erfüllt")
        NOT_FULFILLED = "not_fulfilled", _("nicht erfüllt")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="assessments")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="assessments")
    verdict = models.CharField(_("Bewertung"), max_length=20, choices=Verdict, default=Verdict.OPEN)
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "concept_checklistassessment"  # kept from when documents lived in concept
        constraints = [
            models.UniqueConstraint(fields=["document", "item"], name="one_verdict_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.get_verdict_display()}"


class ReviewComment(models.Model):
    """A remark of the LKS (or the district's answer) on a section or a checklist item."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version_number = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254)
    from_reviewer = models.BooleanField(default=True)
    text = models.TextField(_("Anmerkung"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(_("erledigt"), default=False)

    class Meta:
        db_table = "concept_reviewcomment"  # kept from when documents lived in concept
        ordering = ["document", "created_at", "pk"]
        verbose_name = _("Anmerkung")
        verbose_name_plural = _("Anmerkungen")

    def __str__(self) -> str:
        return self.text[:60]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"konzepte/{instance.document.district.ags}/{instance.document_id}/{filename}"


class Attachment(models.Model):
    """A file that belongs to a document (e.g. the committee's decision, a map)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=attachment_path, validators=DOCUMENT_VALIDATORS)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "concept_attachment"  # kept from when documents lived in concept
        ordering = ["document", "uploaded_at"]
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self) -> str:
        return self.title


class StateOfficeTask(models.Model):
    """The LKS's own part of the Ziel- und Erfolgskontrolle: its status on one of its tasks
    (LKS-E1 … E11) in one year, with the evidence."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("nicht begonnen")
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        ACHIEVED = "achieved", _("erreicht")

    item = models.ForeignKey(StateConceptItem, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.NOT_STARTED)
    evidence = models.TextField(_("Nachweis"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "concept_stateofficetask"  # kept from when documents lived in concept
        ordering = ["year", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "year"], name="one_state_office_status_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.get_status_display()}"


class EditionStep(StepRecord):
    """One federal step of a Landeskonzept edition the LKS recorded (documents/editions.py):
    submitted to the Bund, confirmed, published, superseded."""

    state_concept = models.ForeignKey(StateConcept, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=StateConcept.Status)
    to_status = models.CharField(max_length=20, choices=StateConcept.Status)

    class Meta:
        ordering = ["state_concept", "at", "pk"]
        verbose_name = _("Schritt des Landeskonzepts")
        verbose_name_plural = _("Schritte des Landeskonzepts")
