"""What is the LKS's own is labelled as such, and the demo data are consistent.

The sectors, the checklist items, the deadlines of concepts and reports, the allocation keys
and the LKS share are set by the Landeskoordinierungsstelle; the Landeskonzept does not
print them. Every page that shows one says so (components/set_by_lks.html). The demo's
invented statistics add up to the state totals they are split from.
"""

import io
import random
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from lotse.concept.models import StateConcept
from lotse.demo.documents import AREA_TEXTS
from lotse.demo.management.commands.seed_demo import STATE_TOTALS_2021, Command, split_by_share
from lotse.demo.offers import TRANSLATIONS
from lotse.demo.offers import _id as demo_offer_id
from lotse.documents import actions
from lotse.documents.models import Document
from lotse.funding.models import AllocationKey, FundYear
from lotse.offers.generate import _age_range
from lotse.offers.models import Offer
from lotse.regions.models import District, Statistic

pytestmark = pytest.mark.django_db

SET_BY_LKS = "festgelegt von der Landeskoordinierungsstelle"
SECTORS_BASIS = "in Anlehnung an § 3 KKG"
DEADLINE_SET_BY_LKS = "Frist festgelegt von der LKS"
LKS_CHECKLIST = "Checkliste der LKS (abgeleitet aus Anlage 1)"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def concept(world):
    return actions.start_concept(
        district=world.district,
        edition=StateConcept.objects.current(),
        by=world.users["network_coordinator"],
    )


# --- Sectors ---------------------------------------------------------------------------------


def test_sector_pages_say_the_lks_set_the_sectors(world, network_coordinator, state_coordinator):
    ags, network_id = world.district.ags, world.network.pk
    for client, url in [
        (state_coordinator, reverse("networks:state_overview")),
        (network_coordinator, reverse("networks:network", kwargs={"ags": ags, "network_id": network_id})),
        (network_coordinator, reverse("networks:partner_list", kwargs={"ags": ags, "network_id": network_id})),
        (network_coordinator, reverse("workspace:district", kwargs={"ags": ags})),
    ]:  # fmt: skip
        content = page(client, url)
        assert f"{SET_BY_LKS} ({SECTORS_BASIS})" in content, url
        assert "Landeskonzept MV" not in content, url


# --- Checklist -------------------------------------------------------------------------------


def test_checklist_is_called_the_lks_checklist_derived_from_anlage_1(concept, state_coordinator):
    checklist = page(state_coordinator, reverse("documents:checklist"))
    assert f"<h1>{LKS_CHECKLIST}</h1>" in checklist
    assert "Die Punkte legt die Landeskoordinierungsstelle fest" in checklist
    matrix = page(state_coordinator, reverse("documents:state_documents"))
    document = page(state_coordinator, concept.get_absolute_url())
    for content in (checklist, matrix, document):
        assert LKS_CHECKLIST in content
        assert "Checkliste (Anlage 1)<" not in content  # no heading or link of the old name


# --- Deadlines -------------------------------------------------------------------------------


def test_document_deadlines_say_the_lks_set_them(
    world, concept, network_coordinator, state_coordinator
):
    report = actions.start_annual_report(
        district=world.district,
        edition=concept.state_concept,
        year=2025,
        by=world.users["network_coordinator"],
    )
    due = concept.due_on.strftime("%d.%m.%Y")
    list_page = page(
        network_coordinator, reverse("documents:document_list", kwargs={"ags": world.district.ags})
    )
    document_page = page(network_coordinator, concept.get_absolute_url())
    report_page = page(network_coordinator, report.get_absolute_url())
    matrix = page(state_coordinator, reverse("documents:state_documents"))
    badge = rf'\s*<span class="badge" title="[^"]+">{DEADLINE_SET_BY_LKS}</span>'
    for content in (list_page, document_page, matrix):
        assert re.search(re.escape(due) + badge, content)
    assert re.search(re.escape(report.due_on.strftime("%d.%m.%Y")) + badge, report_page)
    assert re.search(re.escape(report.due_on.strftime("%d.%m.%Y")) + badge, matrix)


# --- Allocation key and LKS share ------------------------------------------------------------


def test_fund_year_pages_say_the_lks_sets_key_and_share(state_coordinator, ministry):
    FundYear.objects.create(
        year=2026, state_total=Decimal("1160000"), state_office_share=Decimal("96000")
    )
    AllocationKey.objects.get_or_create(name="Schlüssel für den Test")
    fund_year = page(state_coordinator, reverse("finance:fund_year", kwargs={"year": 2026}))
    share = re.search(r"Anteil der Landeskoordinierungsstelle</dt><dd>(.*?)</dd>", fund_year, re.S)
    assert share and SET_BY_LKS in share.group(1)
    distribution = re.search(r'<h2 id="verteilung">(.*?)</h2>', fund_year, re.S)
    assert distribution and SET_BY_LKS in distribution.group(1)
    overview = page(ministry, reverse("finance:fund_years"))
    keys = re.search(r"<h2>Verteilungsschlüssel(.*?)</h2>", overview, re.S)
    assert keys and SET_BY_LKS in keys.group(1)


def test_fund_year_pdf_says_the_lks_sets_the_share(state_coordinator):
    FundYear.objects.create(
        year=2026, state_total=Decimal("1160000"), state_office_share=Decimal("96000")
    )
    response = state_coordinator.get(
        reverse("finance:fund_year_export", kwargs={"year": 2026, "file_format": "pdf"})
    )
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert SET_BY_LKS in " ".join(text.split())


# --- Demo data -------------------------------------------------------------------------------


@pytest.mark.parametrize("total", [11845, 37408, 5319, 1, 0])
def test_split_by_share_adds_up_to_the_total(total):
    weights = {1: Decimal(209061), 2: Decimal(95609), 3: Decimal(258057), 4: Decimal(217072)}
    shares = split_by_share(total, weights)
    assert sum(shares.values()) == total
    for key, weight in weights.items():  # each within one of its exact share
        exact = Decimal(total) * weight / sum(weights.values())
        assert abs(shares[key] - exact) < 1
    assert split_by_share(total, weights) == shares


def test_invented_statistics_add_up_to_the_state_totals():
    Command().invented_statistics({d.ags: d for d in District.objects.all()})
    for kind, state_total in STATE_TOTALS_2021.items():
        figures = Statistic.objects.filter(kind=kind, year=2021)
        assert figures.count() == 8
        assert all(figure.is_invented and "Demowert" in figure.source for figure in figures)
        assert sum(figure.value for figure in figures) == state_total
    assert STATE_TOTALS_2021[Statistic.Kind.BIRTHS] == 11845


def test_generated_family_midwife_offers_start_at_birth():
    assert _age_range("familienhebamme", random.Random(1)) == (0, 12, False)


def test_seed_demo_sums_offer_and_chapter_texts():
    call_command("seed_demo", stdout=io.StringIO())

    births = Statistic.objects.filter(kind=Statistic.Kind.BIRTHS, year=2021)
    assert sum(figure.value for figure in births) == 11845

    midwife = Offer.objects.get(pk=demo_offer_id("familienhebamme vorpommern-greifswald"))
    assert "Schwangerschaft" not in midwife.description
    assert "bis zum ersten Geburtstag" in midwife.description
    assert (midwife.age_min_months, midwife.age_max_months) == (0, 12)
    assert not midwife.pregnancy_eligible
    assert not any("pregnancy" in text for _name, text in TRANSLATIONS[
        "familienhebamme vorpommern-greifswald"].values())  # fmt: skip

    concept = Document.objects.filter(kind=Document.Kind.CONCEPT).order_by("pk").first()
    texts = {
        section.funding_area.code: section.text
        for section in concept.sections.select_related("funding_area")
        if section.funding_area and section.funding_area.code in AREA_TEXTS
    }
    assert set(texts) == {"I", "II.1.1", "II.1.2", "II.2", "III"}
    assert len(set(texts.values())) == 5  # no chapter repeats another's text
    assert all(text.endswith("(Demotext)") for text in texts.values())
    assert "ersten Geburtstag" in texts["II.1.1"]
