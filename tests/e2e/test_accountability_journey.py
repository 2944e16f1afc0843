"""One measure through the year: the provider writes and submits its Sachbericht, the
network coordinator checks it (NWK-P1 to NWK-P3) and returns it once, the provider fixes
it, the coordinator forwards it and the LKS accepts it; the district's Verwendungsnachweis
then shows it accepted."""

import datetime
import re
from decimal import Decimal

import pytest

from lotse.accountability.models import MeasureDocument
from lotse.accounts.models import Role
from lotse.concept.models import StateConcept
from lotse.funding.models import FundYear, Measure, MeasurePlan
from lotse.grants.actions import open_procedures
from lotse.organizations.models import Organization
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _step(page, label: str, note: str = "") -> None:
    form = page.locator("form", has=page.get_by_role("button", name=label))
    if note:
        form.get_by_role("textbox").fill(note)
    form.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_a_sachbericht_goes_through_the_year(browser, live_server):
    district = District.objects.get(ags="13075")
    edition = StateConcept.objects.current()
    fund_year = FundYear.objects.create(
        year=2025,
        state_total=Decimal("1160000"),
        state_office_share=Decimal("96000"),
        measure_reports_due=datetime.date(2026, 3, 31),
        demo_values=True,
    )
    provider = Organization.objects.create(name="Familienbrücke Vorpommern e.V.", district=district)
    measure = Measure.objects.create(
        district=district,
        state_concept=edition,
        funding_area=edition.funding_areas.get(code="I"),
        title="Netzwerkkoordination Uecker-Randow",
        provider=provider,
        starts_on=datetime.date(2024, 1, 1),
    )
    MeasurePlan.objects.create(measure=measure, fund_year=fund_year, planned=Decimal("40000"))
    editor = person("redaktion@lotse.example", Role.PROVIDER_EDITOR, organization=provider)
    coordinator = person("netzwerk@lotse.example", Role.NETWORK_COORDINATOR, district=district)
    lks = person("lks@lotse.example", Role.STATE_COORDINATOR)

    # The provider drafts and submits.
    page = sign_in(browser, live_server.url, editor)
    page.goto("/rechenschaft/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sachbericht 2025").click()
    assert "Demowert" in page.content()
    page.get_by_label("Was wurde umgesetzt?").fill("Zwölf Netzwerktreffen, zwei Fachtage.")
    page.get_by_label("Zusammenarbeit im Netzwerk").fill("Mit Gesundheitsamt und Kliniken.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    _step(page, "Beim Jugendamt einreichen")
    assert "Neuer Stand: beim Jugendamt eingereicht." in page.content()

    # The coordinator checks and returns it once.
    office = sign_in(browser, live_server.url, coordinator)
    office.goto("/rechenschaft/")
    office.get_by_role("link", name="Sachbericht 2025").first.click()
    office.get_by_role("link", name="Prüfung erfassen").click()
    assert axe_violations(office) == []
    office.get_by_role("button", name="Prüfung speichern").click()
    office.wait_for_load_state()
    assert "Bitte prüfen Sie Ihre Eingaben" in office.content()
    office.get_by_label("NWK-P1: Bedarfsgerechtigkeit").select_option("met")
    office.get_by_label("Welchem Bedarf dient die Maßnahme?").fill("Kein Netzwerk im Altkreis.")
    office.get_by_label("Kennzahlen des Landkreises").check()
    office.get_by_label("Was zeigen die Belege?").fill("Geburten steigen, wenige Partner.")
    for select in office.get_by_label(re.compile(r"^NWK-P2: FB-I-M")).all():
        select.select_option("yes")
    office.get_by_label("NWK-P3: Zielerreichung").select_option("partly")
    office.get_by_label("Bewertung anhand der Indikatoren").fill("Fast alle Sektoren dabei.")
    office.get_by_role("button", name="Prüfung speichern").click()
    office.wait_for_load_state()
    assert "Prüfung gespeichert." in office.content()
    assert axe_violations(office) == []
    _step(office, "An den Träger zurückgeben", "Bitte die Reichweite ergänzen.")
    assert "an den Träger zurückgegeben" in office.content()

    # The provider fixes it.
    page.reload()
    assert "Bitte die Reichweite ergänzen." in page.content()
    page.get_by_label("Wen hat die Maßnahme erreicht? (ohne Personendaten)").fill(
        "Fachkräfte aus acht Sektoren."
    )
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    _step(page, "Beim Jugendamt einreichen")

    # The coordinator checks and forwards, the LKS accepts.
    office.reload()
    _step(office, "Als geprüft festhalten")
    _step(office, "An die LKS weiterleiten")
    assert "Neuer Stand: bei der LKS." in office.content()
    state = sign_in(browser, live_server.url, lks)
    state.goto("/rechenschaft/")
    assert axe_violations(state) == []
    state.get_by_role("link", name="Sachbericht 2025").first.click()
    _step(state, "Annehmen")
    assert "Neuer Stand: angenommen." in state.content()
    assert axe_violations(state) == []

    # The district's Verwendungsnachweis of the year shows the accepted Sachbericht.
    open_procedures(fund_year, by=lks)
    state.goto(f"/arbeitsbereich/{district.ags}/zuwendungen/2025/verwendungsnachweis/")
    row = state.get_by_role("row", name=re.compile("Netzwerkkoordination Uecker-Randow"))
    assert re.search(r"angenommen; Prüfung vollständig; angenommen am", row.inner_text())
    assert axe_violations(state) == []

    document = MeasureDocument.objects.get(measure=measure, kind="progress_report")
    assert document.status == MeasureDocument.Status.ACCEPTED
    assert [s.to_status for s in document.steps.all()] == [
        "submitted",
        "returned",
        "submitted",
        "checked",
        "forwarded",
        "accepted",
    ]
