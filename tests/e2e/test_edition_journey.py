"""The LKS confirms an uncertain obligation and sets a deadline of its Landeskonzept, the
district records its committee's decision and anyone reads the published concept, the LKS
starts its report to the NZFH and submits it."""

import pytest
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.concept.models import StateConcept, StateConceptItem
from lotse.documents import actions, workflow
from lotse.documents.models import Document
from lotse.monitoring.models import NzfhReport
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_lks_keeps_its_edition_and_reports_and_the_public_reads_the_concept(
    browser, live_server
):
    district = District.objects.get(ags="13075")
    edition = StateConcept.objects.current()
    writer = person("netzwerk-ausgabe@lotse.example", Role.NETWORK_COORDINATOR, district=district)
    lks = person("lks-ausgabe@lotse.example", Role.STATE_COORDINATOR)
    uncertain = StateConceptItem.objects.filter(
        state_concept=edition, obligation_uncertain=True
    ).first()

    lks_page = sign_in(browser, live_server.url, lks)
    lks_page.goto(live_server.url + "/arbeitsbereich/landesweit/landeskonzept/")
    assert axe_violations(lks_page) == []
    lks_page.get_by_role("link", name=edition.title).click()
    lks_page.wait_for_load_state()
    assert axe_violations(lks_page) == []
    lks_page.get_by_label(f"{uncertain.code} bestätigt").check()
    lks_page.get_by_role("button", name="Verbindlichkeiten speichern").click()
    lks_page.wait_for_load_state()
    assert "Verbindlichkeiten gespeichert (1 geändert)" in lks_page.content()
    uncertain.refresh_from_db()
    assert not uncertain.obligation_uncertain
    lks_page.get_by_label("Regionalkonzept fällig (Monate nach Veröffentlichung)").fill("14")
    lks_page.get_by_role("button", name="Fristen speichern").click()
    lks_page.wait_for_load_state()
    edition.refresh_from_db()
    assert edition.concept_due_months == 14

    # The district's accepted concept, published after the committee's decision.
    concept = actions.start_concept(district=district, edition=edition, by=writer)
    for section in concept.sections.all():
        actions.save_section(
            section, text=f"Unser Text zu {section.title}.", based_on=section.revision, by=writer
        )
    for step, who in (("submit", writer), ("start_review", lks), ("accept", lks)):
        workflow.transition(concept, step, by=who)
    district_page = sign_in(browser, live_server.url, writer)
    district_page.goto(live_server.url + concept.get_absolute_url())
    form = district_page.locator("form.step-form")
    form.get_by_label("Beschluss vom").fill(timezone.localdate().isoformat())
    form.get_by_label("Beschlossen von (Gremium)").fill("Jugendhilfeausschuss")
    form.get_by_role("button", name="Veröffentlichung eintragen").click()
    district_page.wait_for_load_state()
    concept.refresh_from_db()
    assert concept.status == Document.Status.PUBLISHED
    district_page.get_by_role("link", name="Öffentliche Fassung").click()
    district_page.wait_for_load_state()
    public = browser.new_page()
    public.goto(live_server.url + concept.get_public_url())
    assert "Jugendhilfeausschuss" in public.content()
    assert axe_violations(public) == []

    lks_page.goto(live_server.url + "/arbeitsbereich/landesweit/nzfh-bericht/")
    assert axe_violations(lks_page) == []
    lks_page.get_by_label("Berichtsjahr").fill("2025")
    lks_page.get_by_label("fällig am").fill("2026-06-30")
    lks_page.get_by_role("button", name="Anlegen").click()
    lks_page.wait_for_load_state()
    assert district.name in lks_page.content()
    assert axe_violations(lks_page) == []
    form = lks_page.locator(
        "form.step-form", has=lks_page.get_by_role("button", name="Einreichung beim NZFH eintragen")
    )
    form.get_by_label("Datum").fill(timezone.localdate().isoformat())
    form.get_by_role("button", name="Einreichung beim NZFH eintragen").click()
    lks_page.wait_for_load_state()
    report = NzfhReport.objects.get(year=2025)
    assert report.status == NzfhReport.Status.SUBMITTED and report.content["rows"]
