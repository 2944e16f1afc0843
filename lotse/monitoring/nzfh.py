"""The LKS's report to the NZFH: its figures, its steps, and starting and keeping one.

    collecting → submitted to the NZFH → published

LKS-E1 has the LKS work with the NZFH and support its scientific monitoring; that it
reports every three years, and when, are the LKS's own rules. The figures are never
counted here: each comes from the function every other page reads it through
(`lotse.networks.key_figures`, the districts' concepts in `lotse.documents`). While the
report is being collected the page shows them live; submitting freezes them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts import audit
from lotse.accounts.mail import addresses_of
from lotse.accounts.models import Role, User
from lotse.concept.models import StateConcept
from lotse.documents.models import Document
from lotse.monitoring import access
from lotse.monitoring.models import NzfhReport, NzfhReportStep
from lotse.networks import key_figures
from lotse.regions.models import District
from lotse.workflow import Change, Required, Transition, Workflow
from lotse.workflow.guards import date_not_in_future
from lotse.workflow.records import step_rows

# The LKS's rule, not the Landeskonzept's: one report every three years.
CYCLE_YEARS = 3

S = NzfhReport.Status


def edition_of_year(year: int) -> StateConcept | None:
    """The published (or since superseded) edition whose period covers the year."""
    return (
        StateConcept.objects.public()
        .filter(valid_from__year__lte=year, valid_until__year__gte=year)
        .order_by("-valid_from")
        .first()
    )


def report_content(year: int) -> dict[str, Any]:
    """The report's figures per district and for the state, as every other page shows
    them for the year (`key_figures`), and each district's regional concept's state."""
    districts = list(District.objects.order_by("name"))
    partners = key_figures.partner_counts(districts, year)
    sectors = key_figures.partners_by_sector(districts, year)
    sub_networks = key_figures.sub_network_counts(districts, year)
    offers = key_figures.offer_counts(districts, year)
    day = key_figures.reference_date(year)
    edition = edition_of_year(year)
    concepts = {}
    if edition is not None:
        concepts = {
            document.district_id: document
            for document in Document.objects.filter(
                kind=Document.Kind.CONCEPT, state_concept=edition
            )
        }
    rows = []
    for district in districts:
        concept = concepts.get(district.pk)
        rows.append(
            {
                "ags": district.ags,
                "district": district.name,
                "partners": partners[district.pk],
                "sectors": sum(1 for n in sectors[district.pk].values() if n),
                "sub_networks": sub_networks[district.pk],
                "offers": offers[district.pk],
                "coordinators": len(key_figures.coordinator_names(district, day)),
                "concept": concept.get_status_display() if concept else _("nicht angelegt"),
                "concept_published": bool(concept and concept.is_public()),
            }
        )
    return {
        "year": year,
        "as_of": day.strftime("%d.%m.%Y"),
        "edition": edition.title if edition else "",
        "rows": rows,
        "totals": {
            name: sum(row[name] for row in rows)
            for name in ("partners", "sub_networks", "offers", "coordinators")
        },
        "concepts_published": sum(1 for row in rows if row["concept_published"]),
    }


def shown_content(report: NzfhReport) -> dict[str, Any]:
    """Live figures while collecting, the frozen ones once submitted."""
    if report.is_collecting() or report.content is None:
        return report_content(report.year)
    return report.content


def next_report_year(today: datetime.date | None = None) -> int:
    """The year the next report covers: three years after the last one, else last year."""
    last = NzfhReport.objects.order_by("-year").first()
    if last is not None:
        return last.year + CYCLE_YEARS
    return (today or timezone.localdate()).year - 1


# --- Steps ---------------------------------------------------------------------------------

ON = Required(message=gettext_lazy("Bitte das Datum des Schritts angeben."))


_not_in_the_future = date_not_in_future("on", gettext_lazy("Das Datum liegt in der Zukunft."))


def _freeze(change: Change) -> None:
    report = change.obj
    report.submitted_on = change.details["on"]
    report.content = report_content(report.year)


def _published(change: Change) -> None:
    change.obj.published_on = change.details["on"]


def _recipients(report: NzfhReport, to_status: str) -> list[str]:
    """The ministry hears when the report goes to the NZFH and when it is published."""
    return addresses_of(Role.MINISTRY)


NZFH_REPORT = Workflow(
    model=NzfhReport,
    transitions=(
        Transition(
            name="submit",
            label=gettext_lazy("Einreichung beim NZFH eintragen"),
            sources=(S.COLLECTING,),
            target=S.SUBMITTED,
            allowed=access.can_keep_nzfh_report,
            asks_for=("on", "note"),
            required={"on": ON},
            guards=(_not_in_the_future,),
            effect=_freeze,
        ),
        Transition(
            name="publish",
            label=gettext_lazy("Veröffentlichung eintragen"),
            sources=(S.SUBMITTED,),
            target=S.PUBLISHED,
            allowed=access.can_keep_nzfh_report,
            asks_for=("on", "note"),
            required={"on": ON},
            guards=(_not_in_the_future,),
            effect=_published,
        ),
    ),
    record=step_rows(NzfhReportStep, "report"),
    recipients=_recipients,
    district=lambda report: None,
    audit_fields=("submitted_on", "published_on"),
)

transition = NZFH_REPORT.transition
allowed_transitions = NZFH_REPORT.allowed


# --- Starting and keeping a report -----------------------------------------------------------


@transaction.atomic
def start_report(*, year: int, due_on: datetime.date, by: User) -> NzfhReport:
    if NzfhReport.objects.filter(year=year).exists():
        raise ValidationError(
            _("Für %(year)s gibt es schon einen NZFH-Bericht.") % {"year": year},
            code="duplicate_year",
        )
    report = NzfhReport.objects.create(year=year, due_on=due_on)
    audit.record_creation(actor=by, obj=report, fields=("year", "status", "due_on"))
    return report


@transaction.atomic
def update_report(
    *, report: NzfhReport, due_on: datetime.date, remarks: str, by: User
) -> NzfhReport:
    """The LKS sets the deadline and writes its remarks while the report is collected."""
    report = NzfhReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_collecting():
        raise ValidationError(
            _("Der Bericht ist eingereicht und kann nicht mehr geändert werden."),
            code="not_collecting",
        )
    before = audit.snapshot(report, ["due_on", "remarks"])
    report.due_on = due_on
    report.remarks = remarks
    report.save(update_fields=["due_on", "remarks"])
    audit.record_changes(actor=by, obj=report, before=before)
    return report
