"""Time to render a long Verwendungsnachweis as PDF (goal: under 3 s for about 19 pages)
and its workbook.

    .venv/bin/python bench/grant_pdf.py [--runs 5] [--measures 120]

Builds a fresh SQLite database, gives one district many measures with a plan and spending
for each quarter, opens the fund year's grant procedure and renders the Verwendungsnachweis
in-process (figures read from the database each time); prints min/median per format and
the page count.
"""

import argparse
import io
import statistics
import time

from fresh_sqlite import set_up_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--measures", type=int, default=120)
    args = parser.parse_args()
    set_up_django("bench-grant", [["migrate", "-v0"]], DEBUG="0", SECRET_KEY="bench")
    import datetime
    from decimal import Decimal

    from pypdf import PdfReader

    from lotse.accounts.models import Membership, Role, User
    from lotse.concept.models import StateConcept
    from lotse.funding.models import Allocation, FundYear, Measure, MeasurePlan, Spending
    from lotse.grants import actions, printing
    from lotse.grants.models import GrantDocument
    from lotse.grants.statements import statement
    from lotse.regions.models import District

    district = District.objects.get(ags="13075")
    lks = User.objects.create_user(email="bench@lotse.example", password="x")
    Membership.objects.create(user=lks, role=Role.STATE_COORDINATOR)
    edition = StateConcept.objects.current()
    areas = list(edition.funding_areas.filter(code__in=["I", "II.1.2", "II.2"]))
    fund_year = FundYear.objects.create(
        year=2026,
        state_total=Decimal("1160000"),
        state_office_share=Decimal("96000"),
        final_report_due=datetime.date(2027, 6, 30),
    )
    Allocation.objects.create(fund_year=fund_year, district=district, amount=Decimal("150000"))
    for number in range(args.measures):
        measure = Measure.objects.create(
            district=district,
            state_concept=edition,
            funding_area=areas[number % len(areas)],
            title=f"Maßnahme {number + 1}: Elterncafé und Beratung im Sozialraum",
            provider_name=f"Träger {number % 40 + 1} e.V.",
            starts_on=datetime.date(2024, 1, 1),
        )
        plan = MeasurePlan.objects.create(
            measure=measure, fund_year=fund_year, planned=Decimal("450.00"), co_funding=Decimal(45)
        )
        Spending.objects.bulk_create(
            Spending(plan=plan, period=period, amount=Decimal("101.25"))
            for period in ("q1", "q2", "q3", "q4")
        )
    actions.open_procedures(fund_year, by=lks)
    proof = GrantDocument.objects.select_related("procedure__district", "procedure__fund_year").get(
        procedure__district=district, kind=GrantDocument.Kind.PROOF_OF_USE
    )

    timings: dict[str, list[float]] = {"pdf": [], "xlsx": []}
    pages = 0
    for _ in range(args.runs):
        for file_format in timings:
            started = time.perf_counter()
            figures = statement(proof.procedure, with_reports=True)
            if file_format == "pdf":
                data = printing.pdf(proof, figures, draft=False)
            else:
                data = printing.proof_of_use_xlsx(figures)
            timings[file_format].append(time.perf_counter() - started)
            if file_format == "pdf":
                pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"Verwendungsnachweis ({args.measures} measures, {pages} PDF pages)")
    for file_format, values in timings.items():
        print(
            f"  {file_format:5} min {min(values) * 1000:7.0f} ms   median "
            f"{statistics.median(values) * 1000:7.0f} ms   (goal PDF < 3000 ms)"
        )


if __name__ == "__main__":
    main()
