"""The read side of the measure documents: to-do lists, a measure's documents per year,
and the states of a district's Sachberichte for the grant procedure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accountability import checks
from lotse.accountability.models import MeasureDocument
from lotse.accounts.models import Role, User
from lotse.funding.models import FundYear, Measure
from lotse.regions.models import District

S = MeasureDocument.Status
K = MeasureDocument.Kind


def documents_visible_to(user: User) -> QuerySet[MeasureDocument]:
    """Documents of the measures the person may read (see access.measures_visible_to)."""
    documents = MeasureDocument.objects.all()
    if user.is_state_wide():
        return documents
    return documents.filter(
        Q(measure__district__in=user.districts()) | Q(measure__provider__in=user.organizations())
    )


def for_list(documents: QuerySet[MeasureDocument]) -> QuerySet[MeasureDocument]:
    return documents.select_related(
        "measure__district", "measure__funding_area", "measure__provider", "fund_year"
    ).defer("measure__district__boundary")


def report_years(today: datetime.date | None = None) -> list[FundYear]:
    """Fund years for which Sachberichte are expected: with a deadline, begun by today."""
    today = today or timezone.localdate()
    return list(
        FundYear.objects.filter(measure_reports_due__isnull=False, year__lte=today.year).order_by(
            "-year"
        )
    )


@dataclass
class ToWrite:
    """A document the writer still holds: not begun, a draft, or returned."""

    measure: Measure
    kind: str
    fund_year: FundYear | None
    document: MeasureDocument | None

    @property
    def kind_label(self) -> str:
        return str(K(self.kind).label)

    @property
    def status_label(self) -> str:
        return self.document.get_status_display() if self.document else _("noch nicht begonnen")


@dataclass
class ToDo:
    to_write: list[ToWrite] = field(default_factory=list)
    to_check: list[MeasureDocument] = field(default_factory=list)
    to_forward: list[MeasureDocument] = field(default_factory=list)
    to_accept: list[MeasureDocument] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "to_write": len(self.to_write),
            "to_check": len(self.to_check),
            "to_forward": len(self.to_forward),
            "to_accept": len(self.to_accept),
        }


def _written_by(user: User) -> QuerySet[Measure]:
    """Measures whose documents wait for this person's pen: her provider's measures, and
    a coordinator's measures without a provider from the directory."""
    return Measure.objects.filter(
        Q(provider__in=user.organizations())
        | Q(provider__isnull=True, district__in=user.districts(role=Role.NETWORK_COORDINATOR))
    )


def open_writing(measures: QuerySet[Measure], today: datetime.date | None = None) -> list[ToWrite]:
    """Projektsteckbriefe and Sachberichte of these measures still to write: not begun,
    drafts and returned ones. Three queries, however many measures."""
    measures_list = list(
        measures.select_related("district", "funding_area", "provider").defer("district__boundary")
    )
    years = report_years(today)
    documents = list(
        MeasureDocument.objects.filter(measure__in=[m.pk for m in measures_list]).order_by(
            "measure", "kind", "number"
        )
    )
    latest_profile: dict[int, MeasureDocument] = {}
    reports: dict[tuple[int, int], MeasureDocument] = {}
    for document in documents:
        if document.kind == K.PROFILE:
            latest_profile[document.measure_id] = document  # ordered by number: the last wins
        else:
            reports[(document.measure_id, document.fund_year_id)] = document
    rows: list[ToWrite] = []
    for measure in measures_list:
        profile = latest_profile.get(measure.pk)
        if profile is None or profile.is_editable():
            rows.append(ToWrite(measure, K.PROFILE, None, profile))
        for fund_year in years:
            if not measure.runs_in(fund_year.year):
                continue
            report = reports.get((measure.pk, fund_year.pk))
            if report is None or report.is_editable():
                if report is not None:
                    report.measure = measure
                    report.fund_year = fund_year
                rows.append(ToWrite(measure, K.PROGRESS_REPORT, fund_year, report))
    for row in rows:
        if row.document is not None:
            row.document.measure = row.measure
    return rows


def to_do(user: User, *, district: District | None = None) -> ToDo:
    """What waits for this person, optionally in one district."""
    result = ToDo()
    writing = _written_by(user)
    checking = MeasureDocument.objects.filter(
        measure__district__in=user.districts(role=Role.NETWORK_COORDINATOR)
    )
    accepting = MeasureDocument.objects.filter(status=S.FORWARDED)
    if district is not None:
        writing = writing.filter(district=district)
        checking = checking.filter(measure__district=district)
        accepting = accepting.filter(measure__district=district)
    if user.organizations().exists() or user.has_role(Role.NETWORK_COORDINATOR):
        result.to_write = open_writing(writing)
    if user.has_role(Role.NETWORK_COORDINATOR):
        result.to_check = list(
            for_list(checking.filter(status__in=[S.SUBMITTED, S.RETURNED_BY_LKS]))
        )
        result.to_forward = list(for_list(checking.filter(status=S.CHECKED)))
    if user.has_role(Role.STATE_COORDINATOR):
        result.to_accept = list(for_list(accepting))
    return result


# The roles that write, check, accept or read measure documents.
INVOLVED_ROLES = (
    Role.PROVIDER_EDITOR,
    Role.NETWORK_COORDINATOR,
    Role.AREA_COORDINATOR,
    Role.STATE_COORDINATOR,
    Role.MINISTRY,
)


def to_do_counts(user: User, *, district: District | None = None) -> dict[str, int]:
    """The counts for a start page (workspace); empty for a person these documents do
    not concern."""
    if not user.has_role(*INVOLVED_ROLES):
        return {}
    return to_do(user, district=district).counts()


def status_overview(user: User) -> list[tuple[str, str, int]]:
    """How many visible documents are in each state: (code, label, count)."""
    counts = {
        row["status"]: row["n"]
        for row in documents_visible_to(user).values("status").annotate(n=Count("pk"))
    }
    return [(code, str(label), counts.get(code, 0)) for code, label in S.choices]


@dataclass(frozen=True)
class MeasureYearState:
    """A measure's Sachbericht of one year, as the grant procedure needs it."""

    status: str
    status_label: str
    check_complete: bool
    accepted_at: datetime.datetime | None


NOT_STARTED = "not_started"


def year_states(district: District, year: int) -> dict[int, MeasureYearState]:
    """Every measure of the district running in `year` → its Sachbericht's state.

    A measure without a Sachbericht yet is `not_started`. The check counts as complete
    when NWK-P1 to NWK-P3 are all recorded."""
    measures = [
        m for m in Measure.objects.filter(district=district).order_by("pk") if m.runs_in(year)
    ]
    documents = {
        d.measure_id: d
        for d in MeasureDocument.objects.filter(
            kind=K.PROGRESS_REPORT, fund_year__year=year, measure__in=[m.pk for m in measures]
        )
        .select_related("measure__funding_area", "fund_year", "coordinator_check")
        .prefetch_related("coordinator_check__requirements")
    }
    requirements = checks.requirements_by_measure(measures)
    states = {}
    for measure in measures:
        document = documents.get(measure.pk)
        if document is None:
            states[measure.pk] = MeasureYearState(
                NOT_STARTED, _("noch nicht begonnen"), False, None
            )
            continue
        document.measure = measure
        states[measure.pk] = MeasureYearState(
            status=document.status,
            status_label=document.get_status_display(),
            check_complete=not checks.stored_check_problems(document, requirements[measure.pk]),
            accepted_at=document.accepted_at,
        )
    return states
