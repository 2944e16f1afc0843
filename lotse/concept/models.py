"""The Landeskonzept as data: editions, funding areas and their items with stable IDs.

A new edition (e.g. 2026–2028) is a new StateConcept row loaded from a JSON file
(`manage.py import_state_concept`), never a code change; old editions stay readable.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.concept.queries import StateConceptItemQuerySet, StateConceptQuerySet
from lotse.core.uploads import DOCUMENT_VALIDATORS


class StateConcept(models.Model):
    """One edition of the Landeskonzept Frühe Hilfen MV."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("beim Bund eingereicht")
        CONFIRMED = "confirmed", _("vom Bund bestätigt")
        PUBLISHED = "published", _("veröffentlicht")
        SUPERSEDED = "superseded", _("abgelöst")

    code = models.SlugField(_("Kennung"), max_length=20, unique=True)  # e.g. "2023-2025"
    title = models.CharField(_("Titel"), max_length=200)
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"))
    published_on = models.DateField(_("veröffentlicht am"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status, default=Status.DRAFT)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    # Deadlines of the districts' documents (docs/domain.md §6 and §11; the report's 3 months
    # are an assumption).
    concept_due_months = models.PositiveSmallIntegerField(
        _("Regionalkonzept fällig (Monate nach Veröffentlichung)"), default=12
    )
    report_due_months = models.PositiveSmallIntegerField(
        _("Jahresbericht fällig (Monate nach Ende des Berichtsjahres)"), default=3
    )

    objects = StateConceptQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="state_concept_period_ordered",
            )
        ]
        verbose_name = _("Landeskonzept")
        verbose_name_plural = _("Landeskonzepte")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("concept:state_concept_edition", kwargs={"code": self.code})

    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)


class FundingArea(models.Model):
    """A Förderbereich (I, II.1.1, II.1.2, II.2, III), or the chapter on the coordination
    (cross-cutting) or on the LKS (state office) that carry items of the same kinds."""

    class Kind(models.TextChoices):
        FUNDING_AREA = "funding_area", _("Förderbereich")
        CROSS_CUTTING = "cross_cutting", _("übergreifend")
        STATE_OFFICE = "state_office", _("Landeskoordinierungsstelle")

    state_concept = models.ForeignKey(
        StateConcept, on_delete=models.CASCADE, related_name="funding_areas"
    )
    code = models.CharField(_("Kennung"), max_length=10)  # "I", "II.1.1", "NWK", "LKS"
    kind = models.CharField(_("Art"), max_length=20, choices=Kind)
    chapter = models.CharField(_("Kapitel"), max_length=10, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    full_title = models.CharField(_("vollständiger Titel"), max_length=500, blank=True)
    current_state = models.TextField(_("Ist-Stand"), blank=True)
    development_interest = models.TextField(_("Entwicklungsinteresse"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["state_concept", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["state_concept", "code"], name="funding_area_code_per_edition"
            )
        ]
        verbose_name = _("Förderbereich")
        verbose_name_plural = _("Förderbereiche")

    def __str__(self) -> str:
        if self.kind == self.Kind.FUNDING_AREA:
            return f"FB {self.code}: {self.title}"
        return self.title

    @property
    def label(self) -> str:
        """ "Förderbereich II.2" or the chapter's name for the other kinds."""
        if self.kind == self.Kind.FUNDING_AREA:
            return f"Förderbereich {self.code}"
        return self.title


class StateConceptItem(models.Model):
    """One item of the Landeskonzept with its stable ID, e.g. FB-I-M1 or FB-II.2-V3."""

    class Kind(models.TextChoices):
        GUIDING_GOAL = "guiding_goal", _("Leitziel")
        MINIMUM_REQUIREMENT = "minimum_requirement", _("Mindestanforderung")
        FUNDING_CONDITION = "funding_condition", _("Fördervoraussetzung")
        DEVELOPMENT_MODULE = "development_module", _("Entwicklungsbaustein")
        COORDINATOR_CHECK = "coordinator_check", _("Prüfung durch die Netzwerkkoordination")

    class Obligation(models.TextChoices):
        REQUIRED = "required", _("erforderlich")
        OPTIONAL = "optional", _("optional")
        WHERE_AVAILABLE = "where_available", _("soweit vorhanden")

    state_concept = models.ForeignKey(StateConcept, on_delete=models.CASCADE, related_name="items")
    funding_area = models.ForeignKey(FundingArea, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("ID"), max_length=30)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind)
    title = models.CharField(_("Titel"), max_length=300)
    text = models.TextField(_("Wortlaut"))
    obligation = models.CharField(
        _("Verbindlichkeit"), max_length=20, choices=Obligation, blank=True
    )
    # The Landeskonzept's table does not show every obligation clearly; the LKS confirms
    # them (docs/domain.md §5).
    obligation_uncertain = models.BooleanField(_("Verbindlichkeit unsicher"), default=False)
    responsible = models.CharField(_("verantwortlich"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = StateConceptItemQuerySet.as_manager()

    class Meta:
        ordering = ["funding_area__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["state_concept", "code"], name="item_code_per_edition"),
            # Only development modules carry an obligation, and they always do.
            models.CheckConstraint(
                name="obligation_only_for_development_modules",
                condition=models.Q(
                    kind="development_module",
                    obligation__in=["required", "optional", "where_available"],
                )
                | (~models.Q(kind="development_module") & models.Q(obligation="")),
            ),
        ]
        verbose_name = _("Element des Landeskonzepts")
        verbose_name_plural = _("Elemente des Landeskonzepts")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class _ItemKindManager(models.Manager):
    kind: str = ""

    def get_queryset(self):
        return StateConceptItemQuerySet(self.model, using=self._db).filter(kind=self.kind)


def _kind_proxy(name: str, kind: str, verbose: str, verbose_plural: str):
    """Glossary names (docs/domain.md §14: MinimumRequirement, ...) as proxies of one table."""
    manager = type(f"{name}Manager", (_ItemKindManager,), {"kind": kind})
    meta = type(
        "Meta", (), {"proxy": True, "verbose_name": verbose, "verbose_name_plural": verbose_plural}
    )
    return type(
        name, (StateConceptItem,), {"__module__": __name__, "Meta": meta, "objects": manager()}
    )


GuidingGoal = _kind_proxy("GuidingGoal", "guiding_goal", _("Leitziel"), _("Leitziele"))
MinimumRequirement = _kind_proxy(
    "MinimumRequirement", "minimum_requirement", _("Mindestanforderung"), _("Mindestanforderungen")
)
FundingCondition = _kind_proxy(
    "FundingCondition", "funding_condition", _("Fördervoraussetzung"), _("Fördervoraussetzungen")
)
DevelopmentModule = _kind_proxy(
    "DevelopmentModule", "development_module", _("Entwicklungsbaustein"), _("Entwicklungsbausteine")
)


# --- The districts' documents: regional concept and annual report ---------------------------


class ChecklistItem(models.Model):
    """One item of the checklist (Anlage 1) a regional concept is checked against.

    The Landeskonzept names the checklist but does not publish its items: the first version
    is derived from its chapters (migration 0004) and the LKS edits it as data.
    """

    state_concept = models.ForeignKey(
        StateConcept, on_delete=models.CASCADE, related_name="checklist_items"
    )
    code = models.CharField(_("Nummer"), max_length=20)
    group = models.CharField(_("Gruppe"), max_length=200)
    text = models.TextField(_("Prüfpunkt"))
    required = models.BooleanField(_("verpflichtend"), default=True)
    # The Landeskonzept item it checks (a minimum requirement or funding condition), if any.
    concept_item = models.ForeignKey(
        StateConceptItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The part of the concept where the item is usually answered (a section key).
    section_key = models.CharField(_("Abschnitt"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    retired = models.BooleanField(_("nicht mehr verwendet"), default=False)

    class Meta:
        ordering = ["state_concept", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["state_concept", "code"], name="checklist_code_per_edition"
            )
        ]
        verbose_name = _("Prüfpunkt der Checkliste")
        verbose_name_plural = _("Checkliste (Anlage 1)")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # 0 = no reminder yet, 1 = a month before, 2 = a week before, 3 = overdue (deadlines.py).
    reminder_stage = models.PositiveSmallIntegerField(default=0)

    class Meta:
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
        return self.status == self.Status.ACCEPTED


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
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="section_key_per_document")
        ]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")

    def __str__(self) -> str:
        return self.title


class ModuleStatus(models.Model):
    """The district's statement on one Entwicklungsbaustein in a concept or report."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("nicht begonnen")
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        ACHIEVED = "achieved", _("erreicht")
        NOT_APPLICABLE = "not_applicable", _("nicht zutreffend")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="module_statuses")
    module = models.ForeignKey(StateConceptItem, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Stand"), max_length=20, choices=Status, default=Status.NOT_STARTED)
    reason = models.TextField(_("Begründung"), blank=True)
    goals = models.TextField(_("Ziele"), blank=True)

    class Meta:
        ordering = ["document", "module__funding_area__position", "module__position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "module"], name="one_status_per_module"),
            models.CheckConstraint(
                condition=~models.Q(status="not_applicable") | ~models.Q(reason=""),
                name="not_applicable_needs_a_reason",
            ),
        ]
        verbose_name = _("Stand eines Entwicklungsbausteins")
        verbose_name_plural = _("Stand der Entwicklungsbausteine")

    def __str__(self) -> str:
        return f"{self.module.code}: {self.get_status_display()}"


class StatusChange(models.Model):
    """One step of the review workflow: who moved the document from where to where."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Document.Status)
    to_status = models.CharField(max_length=20, choices=Document.Status)
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    by_label = models.CharField(max_length=254)
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("Anmerkung"), blank=True)

    class Meta:
        ordering = ["document", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


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
        ordering = ["year", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "year"], name="one_state_office_status_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}: {self.get_status_display()}"
