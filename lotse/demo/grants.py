"""Demo grant procedures for last year and this year. Only the two districts whose regional
concept the LKS has accepted can apply (the rule of grants/workflow.py); the others' applications
stay open and overdue. Last year one district has accounted for everything, the other still
owes its Verwendungsnachweis; this year the procedures are in different states. The grant
notices are demo PDFs that say so; amounts and deadlines are the demo fund years'."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.accounts.models import User
from lotse.core.pdf import render_pdf
from lotse.documents.models import Document
from lotse.funding.models import Allocation, FundYear
from lotse.grants import actions, workflow
from lotse.grants.models import GrantDocument, GrantProcedure
from lotse.regions.models import District

K = GrantDocument.Kind
NOTICE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Zuwendungsbescheid {year} (Demo)</title></head><body>
<h1>Zuwendungsbescheid {year} – {district}</h1>
<p><strong>Demo – kein amtliches Dokument.</strong> Zuwendung aus dem Fonds Frühe Hilfen:
{amount} €.</p></body></html>"""


def seed_grants(*, lks: User, office: User, coordinators: dict[str, User], this_year: int) -> None:
    if GrantProcedure.objects.exists():
        return
    accepted = list(
        District.objects.filter(
            documents__kind=Document.Kind.CONCEPT, documents__status=Document.Status.ACCEPTED
        ).order_by("ags")
    )
    last = FundYear.objects.filter(year=this_year - 1).first()
    current = FundYear.objects.filter(year=this_year).first()
    if last is not None:
        actions.open_procedures(last, by=lks)
        for index, district in enumerate(accepted[:2]):
            writer = coordinators[district.ags]
            _apply_and_grant(last, district, writer=writer, lks=lks, office=office)
            _report(last, district, K.INTERIM_REPORT, writer=writer, lks=lks)
            if index == 0:
                _report(last, district, K.PROOF_OF_USE, writer=writer, lks=lks)
            # The second district's Verwendungsnachweis is still due.
    if current is not None:
        actions.open_procedures(current, by=lks)
        if accepted:
            first = accepted[0]
            writer = coordinators[first.ags]
            _apply_and_grant(current, first, writer=writer, lks=lks, office=office)
            _step(current, first, K.INTERIM_REPORT, "submit", by=writer)  # waits for the LKS
        if len(accepted) > 1:
            second = accepted[1]
            writer = coordinators[second.ags]
            _step(current, second, K.APPLICATION, "submit", by=writer)
            _step(
                current,
                second,
                K.APPLICATION,
                "return",
                by=lks,
                note="Bitte den Planansatz für FB II.2 mit dem Konzept abgleichen (Demo).",
            )
            _step(current, second, K.APPLICATION, "submit", by=writer, note="Planansatz angepasst.")


def _document(fund_year: FundYear, district: District, kind: str) -> GrantDocument:
    return GrantDocument.objects.get(
        procedure__fund_year=fund_year, procedure__district=district, kind=kind
    )


def _step(fund_year: FundYear, district: District, kind: str, name: str, *, by: User, **details):
    workflow.transition(_document(fund_year, district, kind), name, by=by, **details)


def _apply_and_grant(
    fund_year: FundYear, district: District, *, writer: User, lks: User, office: User
) -> None:
    _step(fund_year, district, K.APPLICATION, "submit", by=writer)
    _step(fund_year, district, K.APPLICATION, "receive", by=lks)
    allocation = Allocation.objects.filter(fund_year=fund_year, district=district).first()
    amount = allocation.amount if allocation else 0
    html = NOTICE.format(year=fund_year.year, district=district.name, amount=amount)
    _step(
        fund_year,
        district,
        K.GRANT_NOTICE,
        "issue",
        by=office,
        amount=amount,
        issued_on=datetime.date(fund_year.year, 5, 15),
        conditions="Mittelabruf quartalsweise; Verwendungsnachweis nach Ablauf des Jahres (Demo).",
        document=SimpleUploadedFile(
            f"bescheid-{district.ags}-{fund_year.year}.pdf", render_pdf(html), "application/pdf"
        ),
    )


def _report(fund_year: FundYear, district: District, kind: str, *, writer: User, lks: User):
    _step(fund_year, district, kind, "submit", by=writer)
    _step(fund_year, district, kind, "receive", by=lks)
