"""The LKS's report to the NZFH: figures from the same functions as every page, the steps
collecting → submitted → published, and who may do what."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.monitoring import nzfh
from lotse.monitoring.models import NzfhReport
from lotse.networks import key_figures
from lotse.networks.models import Partner
from lotse.regions.models import District
from lotse.workflow import GuardFailed, NotAllowed
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def add_partner(world, sector="youth_welfare"):
    return Partner.objects.create(
        network=world.network,
        organization=OrganizationFactory(district=world.district),
        sector=sector,
    )


@pytest.fixture
def report(world):
    return nzfh.start_report(
        year=YEAR, due_on=datetime.date(YEAR + 1, 3, 31), by=world.users["state_coordinator"]
    )


def test_the_figures_are_those_of_the_key_figure_functions(world):
    add_partner(world)
    add_partner(world, "midwives")
    content = nzfh.report_content(YEAR)
    districts = list(District.objects.order_by("name"))
    assert [row["district"] for row in content["rows"]] == [d.name for d in districts]
    partners = key_figures.partner_counts(districts, YEAR)
    offers = key_figures.offer_counts(districts, YEAR)
    for row, district in zip(content["rows"], districts, strict=True):
        assert row["partners"] == partners[district.pk]
        assert row["offers"] == offers[district.pk]
        assert row["sectors"] == key_figures.sector_count(district, YEAR)
    ours = next(row for row in content["rows"] if row["ags"] == world.district.ags)
    assert ours["partners"] == key_figures.partner_count(world.district, YEAR) >= 2
    assert content["totals"]["partners"] == sum(partners.values())


def test_submitting_freezes_the_figures_and_publishing_follows(
    world, report, django_capture_on_commit_callbacks
):
    lks, ministry = world.users["state_coordinator"], world.users["ministry"]
    before = nzfh.shown_content(report)["totals"]["partners"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nzfh.transition(report, "submit", by=lks, on=timezone.localdate())
    report.refresh_from_db()
    assert report.status == NzfhReport.Status.SUBMITTED and report.content
    assert mail.outbox and mail.outbox[-1].to == [ministry.email]
    add_partner(world)
    assert nzfh.report_content(YEAR)["totals"]["partners"] == before + 1
    assert nzfh.shown_content(report)["totals"]["partners"] == before  # frozen
    nzfh.transition(report, "publish", by=lks, on=timezone.localdate())
    report.refresh_from_db()
    assert report.status == NzfhReport.Status.PUBLISHED and report.published_on
    assert [(s.from_status, s.to_status) for s in report.steps.all()] == [
        ("collecting", "submitted"),
        ("submitted", "published"),
    ]


def test_refusals_change_nothing(world, report):
    lks = world.users["state_coordinator"]
    with pytest.raises(NotAllowed):
        nzfh.transition(report, "submit", by=world.users["ministry"], on=timezone.localdate())
    with pytest.raises(GuardFailed, match="Datum"):
        nzfh.transition(report, "submit", by=lks)
    with pytest.raises(GuardFailed, match="Zukunft"):
        nzfh.transition(
            report, "submit", by=lks, on=timezone.localdate() + datetime.timedelta(days=1)
        )
    report.refresh_from_db()
    assert report.status == NzfhReport.Status.COLLECTING and report.content is None
    with pytest.raises(Exception, match="schon"):
        nzfh.start_report(year=YEAR, due_on=datetime.date(YEAR + 1, 1, 1), by=lks)


def test_pages_only_the_lks_edits_the_ministry_reads(
    world, state_coordinator, ministry, network_coordinator
):
    listing = reverse("monitoring:nzfh_reports")
    assert network_coordinator.get(listing).status_code == 403
    page = state_coordinator.get(listing).content.decode()
    assert "festgelegt von der Landeskoordinierungsstelle" in page
    assert ministry.post(listing, {"year": YEAR, "due_on": "2030-01-01"}).status_code == 403
    bad = state_coordinator.post(listing, {"year": "zwanzig", "due_on": "2030-01-01"})
    assert bad.status_code == 200 and not NzfhReport.objects.exists()
    response = state_coordinator.post(listing, {"year": YEAR, "due_on": "2030-01-01"})
    report = NzfhReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    detail = state_coordinator.get(report.get_absolute_url()).content.decode()
    assert world.district.name in detail and "Einreichung beim NZFH eintragen" in detail
    assert "Einreichung" not in ministry.get(report.get_absolute_url()).content.decode()
    step = reverse("monitoring:nzfh_report_step", kwargs={"year": YEAR})
    assert ministry.post(step, {"step": "submit", "on": "2020-01-01"}).status_code == 403
    state_coordinator.post(step, {"step": "submit", "on": timezone.localdate().isoformat()})
    report.refresh_from_db()
    assert report.status == NzfhReport.Status.SUBMITTED
    # Submitted: the deadline and remarks are no longer the LKS's to change.
    refused = state_coordinator.post(report.get_absolute_url(), {"due_on": "2031-01-01"})
    assert refused.status_code == 403


def test_the_pdf_has_the_figures(world, report, ministry):
    add_partner(world)
    response = ministry.get(reverse("monitoring:nzfh_report_pdf", kwargs={"year": YEAR}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    words = " ".join(text.split()).replace("- ", "-")  # names broken across lines
    count = key_figures.partner_count(world.district, YEAR)
    assert f"Landkreis Vorpommern-Greifswald {count} 1" in words
    assert "Kennzahlen der Landkreise" in words
    assert "in Vorbereitung" in words
