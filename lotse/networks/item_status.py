"""The district's status of the Landeskonzept's items, one per district × item × year.

The one place every page reads it from: the network's requirements page, the concept and
the annual report (their module section and snapshot), the LKS's matrices. The rule who
may say "nicht zutreffend" lives here too; the write is `networks.actions.set_item_status`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks.models import ItemStatus, ItemStatusChange

Status = ItemStatus.Status


# Cell tones of the matrices. "nicht zutreffend" is neutral: only an optional item may
# have it, and only with a reason (`check`).
TONE = {
    Status.ACHIEVED: "good",
    Status.IN_PROGRESS: "partial",
    Status.PLANNED: "partial",
    Status.NOT_STARTED: "bad",
    Status.NOT_APPLICABLE: "none",
    "": "none",
}


def not_assessed_label() -> str:
    return _("noch nicht eingeschätzt")


def edition_for_year(year: int) -> StateConcept | None:
    """The edition of the Landeskonzept whose period holds `year`, else the one in force."""
    covering = (
        StateConcept.objects.public()
        .filter(valid_from__year__lte=year, valid_until__year__gte=year)
        .order_by("-valid_from")
        .first()
    )
    return covering or StateConcept.objects.current()


def in_order(items):
    """Items as every page lists them: per funding area the minimum requirements (Muss)
    first, then the development modules, each in the Landeskonzept's order."""
    return items.annotate(
        kind_rank=Case(
            When(kind=StateConceptItem.Kind.MINIMUM_REQUIREMENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("funding_area__position", "kind_rank", "position")


def assessable_items(edition: StateConcept):
    """Minimum requirements and development modules of the districts (not the LKS's own)."""
    return in_order(
        StateConceptItem.objects.filter(
            state_concept=edition,
            kind__in=[
                StateConceptItem.Kind.MINIMUM_REQUIREMENT,
                StateConceptItem.Kind.DEVELOPMENT_MODULE,
            ],
        )
        .exclude(funding_area__kind="state_office")
        .select_related("funding_area")
    )


def is_mandatory(item: StateConceptItem) -> bool:
    """A Muss-Anforderung: every minimum requirement and every required development module."""
    return (
        item.kind == StateConceptItem.Kind.MINIMUM_REQUIREMENT
        or item.obligation == StateConceptItem.Obligation.REQUIRED
    )


def check(item: StateConceptItem, status: str, reason: str) -> None:
    """Refuse a status the Landeskonzept does not allow for this item."""
    if status not in Status.values:
        raise ValidationError(_("Bitte wählen Sie einen Stand."), code="unknown_status")
    if status != Status.NOT_APPLICABLE:
        return
    if is_mandatory(item):
        raise ValidationError(
            _("%(code)s ist eine Muss-Anforderung und kann nicht „nicht zutreffend“ sein.")
            % {"code": item.code},
            code="mandatory",
        )
    if not reason.strip():
        raise ValidationError(
            _("Bitte begründen Sie, warum %(code)s nicht zutrifft.") % {"code": item.code},
            code="reason_needed",
        )


@dataclass(frozen=True)
class Assessment:
    """One item on a page: this year's status (None: not assessed), last year's, history."""

    item: StateConceptItem
    status: ItemStatus | None
    previous: ItemStatus | None
    changes: list[ItemStatusChange]

    @property
    def value(self) -> str:
        return self.status.status if self.status else ""

    @property
    def label(self) -> str:
        return self.status.get_status_display() if self.status else not_assessed_label()


def assessments(district, year: int, items) -> list[Assessment]:
    """Status, previous year's status and the history over all years of each item, matched
    by code so that the history goes on across editions (two queries)."""
    items = list(items)
    codes = [item.code for item in items]
    by_code_and_year = {
        (s.item.code, s.year): s
        for s in ItemStatus.objects.filter(
            district=district, item__code__in=codes, year__in=[year, year - 1]
        )
        .select_related("item", "updated_by")
        .order_by()
    }
    changes: dict[str, list[ItemStatusChange]] = {}
    for change in (
        ItemStatusChange.objects.filter(
            item_status__district=district, item_status__item__code__in=codes
        )
        .select_related("item_status__item")
        .order_by("-item_status__year", "-at", "-pk")
    ):
        changes.setdefault(change.item_status.item.code, []).append(change)
    return [
        Assessment(
            item,
            by_code_and_year.get((item.code, year)),
            by_code_and_year.get((item.code, year - 1)),
            changes.get(item.code, []),
        )
        for item in items
    ]


def statuses_by_district(districts, items, year: int) -> dict[tuple[int, str, int], ItemStatus]:
    """For the matrices: (district id, item code, year) → status, for `year` and the year
    before, in one query. By code, so the year before may belong to the previous edition."""
    return {
        (s.district_id, s.item.code, s.year): s
        for s in ItemStatus.objects.filter(
            district__in=districts,
            item__code__in=[item.code for item in items],
            year__in=[year, year - 1],
        )
        .select_related("item")
        .order_by()
    }


@dataclass(frozen=True)
class StatusCell:
    """A matrix cell: the status in the year and in the year before (empty: unassessed)."""

    value: str
    label: str
    previous_value: str
    previous_label: str

    @property
    def changed(self) -> bool:
        return self.value != self.previous_value

    @property
    def tone(self) -> str:
        """The cell's tone for the CSS; the words always say the same."""
        return TONE[self.value]


def status_cells(districts, items, year: int) -> dict[tuple[int, int], StatusCell]:
    """(district id, item id) → the cell for `year` with the change since `year - 1`."""
    found = statuses_by_district(districts, items, year)
    unassessed = not_assessed_label()

    def value_and_label(status: ItemStatus | None) -> tuple[str, str]:
        return (status.status, status.get_status_display()) if status else ("", unassessed)

    cells = {}
    for district in districts:
        for item in items:
            now = value_and_label(found.get((district.pk, item.code, year)))
            before = value_and_label(found.get((district.pk, item.code, year - 1)))
            cells[(district.pk, item.pk)] = StatusCell(*now, *before)
    return cells
