"""Time to render a full regional concept as PDF (goal: under 3 s) and as DOCX.

    .venv/bin/python bench/concept_pdf.py [--runs 5]

Builds a fresh SQLite database, writes a long concept (every chapter ~600 words with
lists, a Markdown table and live figure tables, 3 measures, all module statuses) and
renders it in-process; prints min/median per format and the page count.
"""

import argparse
import io
import statistics
import time

from fresh_sqlite import set_up_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    set_up_django("bench-concept", [["migrate", "-v0"]], DEBUG="0", SECRET_KEY="bench")
    from pypdf import PdfReader

    from lotse.accounts.models import Membership, Role, User
    from lotse.concept.models import StateConcept
    from lotse.core import printing
    from lotse.documents import actions
    from lotse.documents.printing import document_printable
    from lotse.documents.versions import snapshot
    from lotse.regions.models import District

    district = District.objects.get(ags="13075")
    writer = User.objects.create_user(email="bench@lotse.example", password="x")
    Membership.objects.create(user=writer, role=Role.NETWORK_COORDINATOR, district=district)
    concept = actions.start_concept(
        district=district, edition=StateConcept.objects.current(), by=writer
    )
    paragraph = (
        "Die Netzwerkkoordination stimmt die Angebote der Frühen Hilfen mit den Partnern aus "
        "Jugendhilfe, Gesundheitswesen und Schwangerschaftsberatung ab. " * 6
    )
    body = (
        f"## Überblick\n\n{paragraph}\n\n- erster Punkt\n- zweiter Punkt\n- dritter Punkt\n\n"
        f"| Sozialraum | Kinder unter 3 | Angebote |\n|---|---|---|\n"
        + "".join(f"| Sozialraum {n} | {100 + n} | {n % 7} |\n" for n in range(12))
        + f"\n[[tabelle:partner_nach_sektor]]\n\n## Ausblick\n\n{paragraph}\n\n{paragraph}\n"
    )
    for section in concept.sections.all():
        actions.save_section(section, text=body, based_on=section.revision, by=writer)

    timings: dict[str, list[float]] = {"pdf": [], "docx": []}
    pages = 0
    for _ in range(args.runs):
        for file_format in timings:
            started = time.perf_counter()
            content = snapshot(concept)
            printable = document_printable(concept, content, None)
            data = (
                printing.pdf_bytes(printable)
                if file_format == "pdf"
                else printing.docx_bytes(printable)
            )
            timings[file_format].append(time.perf_counter() - started)
            if file_format == "pdf":
                pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"Full regional concept ({concept.sections.count()} chapters, {pages} PDF pages)")
    for file_format, values in timings.items():
        print(
            f"  {file_format:5} min {min(values) * 1000:7.0f} ms   median "
            f"{statistics.median(values) * 1000:7.0f} ms   (goal PDF < 3000 ms)"
        )


if __name__ == "__main__":
    main()
