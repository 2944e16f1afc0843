"""The Landeskonzept as data: editions, funding areas and their items with stable IDs.

A new edition (e.g. 2026–2028) is a new StateConcept row loaded from a JSON file
(`manage.py import_state_concept`), never a code change; old editions stay readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.concept.queries import StateConceptItemQuerySet, StateConceptQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a type only; django-stubs-ext is a dev tool


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
    # The federal steps of an edition (Art. 5 Abs. 4 VV Fonds FH): the LKS records them in
    # the workspace (documents/editions.py); publication starts the districts' deadline.
    submitted_on = models.DateField(_("beim Bund eingereicht am"), null=True, blank=True)
    confirmed_on = models.DateField(_("vom Bund bestätigt am"), null=True, blank=True)
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


def _kind_proxy(name: str, kind: str, verbose: StrOrPromise, verbose_plural: StrOrPromise):
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
        verbose_name_plural = _("Checkliste der LKS (abgeleitet aus Anlage 1)")

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"
