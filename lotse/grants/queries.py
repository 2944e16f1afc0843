"""The read side of the grant procedure: the state of every district's procedure in a fund
year (the LKS's overview and the district's page read the same function), and what is
waiting for whom (the start pages' to-dos). A fixed number of queries, whatever the
number of districts and measures."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lotse.accounts.models import Role, User
from lotse.funding.models import FundYear
from lotse.grants.models import GrantDocument, GrantProcedure
from lotse.regions.models import District

S = GrantDocument.Status
K = GrantDocument.Kind


@dataclass
class DocumentState:
    """One document of one district's procedure, or its empty place before it is opened."""

    kind: str
    label: str
    document: GrantDocument | None
    due_on: datetime.date | None
    overdue: bool

    @property
    def status(self) -> str | None:
        return self.document.status if self.document else None

    @property
    def status_label(self) -> str:
        return self.document.get_status_display() if self.document else ""


@dataclass
class ProcedureState:
    """A district's grant procedure in a fund year: its four documents in order."""

    district: District
    fund_year: FundYear
    procedure: GrantProcedure | None
    documents: list[DocumentState] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.procedure is not None

    @property
    def overdue(self) -> int:
        return sum(1 for state in self.documents if state.overdue)

    def document(self, kind: str) -> DocumentState:
        return next(state for state in self.documents if state.kind == kind)


def procedure_states(
    fund_year: FundYear, districts: list[District] | None = None, today: datetime.date | None = None
) -> list[ProcedureState]:
    """Every district's (or these districts') procedure in the fund year: three queries."""
    today = today or timezone.localdate()
    if districts is None:
        districts = list(District.objects.without_boundaries().order_by("ags"))
    procedures = {
        procedure.district_id: procedure
        for procedure in GrantProcedure.objects.filter(
            fund_year=fund_year, district__in=[d.pk for d in districts]
        ).prefetch_related("documents")
    }
    labels = dict(K.choices)
    states = []
    for district in districts:
        procedure = procedures.get(district.pk)
        by_kind: dict[str, GrantDocument] = {}
        if procedure is not None:
            # The procedure knows its district and fund year already: no query per document.
            procedure.district, procedure.fund_year = district, fund_year
            for stored in procedure.documents.all():
                stored.procedure = procedure
                by_kind[stored.kind] = stored
        documents = []
        for kind in GrantDocument.ORDER:
            document = by_kind.get(kind)
            due_field = GrantDocument.DUE_FIELDS.get(kind)
            due_on = getattr(fund_year, due_field) if due_field else None
            overdue = bool(
                document is not None
                and document.is_with_district()
                and due_on is not None
                and due_on < today
            )
            documents.append(DocumentState(kind, str(labels[kind]), document, due_on, overdue))
        states.append(ProcedureState(district, fund_year, procedure, documents))
    return states


@dataclass
class Counts:
    """How many documents of each kind are in each state, over some procedures."""

    by_kind: dict[str, Counter]
    opened: int
    overdue: int

    def of(self, kind: str, status: str) -> int:
        return self.by_kind[kind][status]

    @property
    def status_labels(self) -> list[str]:
        return [str(label) for _value, label in S.choices]

    @property
    def table(self) -> list[tuple[str, list[int]]]:
        """Per document kind, how many are in each state (in the order of S.choices)."""
        labels = dict(K.choices)
        return [
            (str(labels[kind]), [self.by_kind[kind][status] for status in S.values])
            for kind in GrantDocument.ORDER
        ]


def counts(states: list[ProcedureState]) -> Counts:
    by_kind: dict[str, Counter] = {kind: Counter() for kind in GrantDocument.ORDER}
    for state in states:
        for document in state.documents:
            if document.status:
                by_kind[document.kind][document.status] += 1
    return Counts(
        by_kind=by_kind,
        opened=sum(1 for state in states if state.is_open),
        overdue=sum(state.overdue for state in states),
    )


def _notices_to_issue() -> Q:
    """Grant notices still open whose application the LKS has received."""
    received = GrantDocument.objects.filter(
        procedure=OuterRef("procedure"), kind=K.APPLICATION, status=S.RECEIVED
    )
    return Q(kind=K.GRANT_NOTICE, status=S.OPEN) & Q(Exists(received))


def waiting_for(user: User) -> QuerySet[GrantDocument]:
    """The grant documents waiting for this person: the district's documents to submit
    (open or returned) for its coordinator; for the LKS the submissions to receive and the
    notices to issue; for the state office the notices to issue."""
    documents = (
        GrantDocument.objects.select_related("procedure__district", "procedure__fund_year")
        .defer("procedure__district__boundary")
        .order_by("procedure__fund_year__year", "procedure__district__ags", "pk")
    )
    wanted = Q(pk__in=[])
    if user.has_role(Role.STATE_COORDINATOR):
        wanted |= Q(status=S.SUBMITTED) | _notices_to_issue()
    if user.has_role(Role.GRANT_OFFICE):
        wanted |= _notices_to_issue()
    if user.has_role(Role.NETWORK_COORDINATOR):
        # The reports become the district's task once the grant notice is there.
        notice_issued = GrantDocument.objects.filter(
            procedure=OuterRef("procedure"), kind=K.GRANT_NOTICE, status=S.ISSUED
        )
        wanted |= Q(
            status__in=GrantDocument.WITH_DISTRICT,
            procedure__district__in=user.districts(role=Role.NETWORK_COORDINATOR),
        ) & (Q(kind=K.APPLICATION) | Q(kind__in=GrantDocument.DISTRICT_KINDS, notice=True))
        documents = documents.annotate(notice=Exists(notice_issued))
    return documents.filter(wanted)


@dataclass
class ToDo:
    document: GrantDocument
    overdue: bool


def to_dos(
    user: User, *, district: District | None = None, today: datetime.date | None = None
) -> list[ToDo]:
    """`waiting_for` (in one district) as a list with the overdue ones marked (one query)."""
    today = today or timezone.localdate()
    documents = waiting_for(user)
    if district is not None:
        documents = documents.filter(procedure__district=district)
    items = []
    for document in documents:
        due_on = document.due_on
        overdue = document.is_with_district() and due_on is not None and due_on < today
        items.append(ToDo(document, overdue))
    return items
