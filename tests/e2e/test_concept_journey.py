"""District submits its concept → the LKS asks for changes on one checklist item → the
district revises and resubmits → the LKS compares the versions and accepts."""

import pytest

from lotse.accounts.models import Role
from lotse.concept.models import StateConcept
from lotse.documents import actions
from lotse.documents.models import Document
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def click_step(page, name: str, note: str = "") -> None:
    form = page.locator("form.step-form", has=page.get_by_role("button", name=name, exact=True))
    if note:
        form.get_by_role("textbox").fill(note)
    form.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_submit_request_changes_resubmit_accept(browser, live_server):
    district = District.objects.get(ags="13075")
    writer = person("netzwerk-konzept@lotse.example", Role.NETWORK_COORDINATOR, district=district)
    reviewer = person("lks-konzept@lotse.example", Role.STATE_COORDINATOR)
    concept = actions.start_concept(
        district=district, edition=StateConcept.objects.current(), by=writer
    )
    for section in concept.sections.all():
        actions.save_section(
            section, text=f"Unser Text zu {section.title}.", based_on=section.revision, by=writer
        )
    url = concept.get_absolute_url()

    district_page = sign_in(browser, live_server.url, writer)
    district_page.goto(url)
    assert axe_violations(district_page) == []
    click_step(district_page, "Einreichen")
    assert "Neuer Stand: eingereicht" in district_page.content()

    lks_page = sign_in(browser, live_server.url, reviewer)
    lks_page.goto(url)
    click_step(lks_page, "Prüfung beginnen")
    lks_page.get_by_role("link", name="Checkliste bewerten").click()
    assert axe_violations(lks_page) == []
    a4 = lks_page.get_by_role("group", name="A4", exact=False)
    a4.get_by_label("nicht erfüllt").check()
    lks_page.get_by_role("button", name="Bewertung speichern").click()
    lks_page.wait_for_load_state()
    checklist = lks_page.locator("section", has=lks_page.locator("#checkliste"))
    checklist.get_by_text("Anmerkung schreiben").click()
    checklist.get_by_label("Prüfpunkt").select_option(
        label=lks_page.locator("option", has_text="A4").first.inner_text()
    )
    checklist.get_by_label("Anmerkung", exact=True).fill(
        "Bitte die Ziele aus der Jugendhilfeplanung ableiten."
    )
    checklist.get_by_role("button", name="Anmerkung speichern").click()
    lks_page.wait_for_load_state()
    assert axe_violations(lks_page) == []
    click_step(lks_page, "Änderungen erbitten", "Bitte Punkt A4 überarbeiten.")
    assert "Neuer Stand: Änderungen erbeten" in lks_page.content()

    district_page.goto(url)
    assert "Bitte die Ziele aus der Jugendhilfeplanung ableiten." in district_page.content()
    district_page.get_by_role("link", name="„Ziele“ bearbeiten").click()
    assert axe_violations(district_page) == []
    district_page.get_by_label("Text (Markdown)").fill(
        "Unsere Ziele folgen der Jugendhilfeplanung 2024.\n\n- mehr Partner aus dem Gesundheitswesen"
    )
    district_page.get_by_role("button", name="Speichern").click()
    district_page.wait_for_url(f"**{url}*")
    click_step(district_page, "Einreichen")
    assert "Neuer Stand: eingereicht" in district_page.content()

    lks_page.goto(url)
    click_step(lks_page, "Prüfung beginnen")
    lks_page.get_by_role("link", name="Fassungen vergleichen").click()
    assert "Jugendhilfeplanung" in lks_page.locator("ins").all_inner_texts()[0] or any(
        "Jugendhilfeplanung" in text for text in lks_page.locator("ins").all_inner_texts()
    )
    assert axe_violations(lks_page) == []
    lks_page.goto(url)
    click_step(lks_page, "Annehmen")
    assert "Neuer Stand: angenommen" in lks_page.content()
    assert axe_violations(lks_page) == []

    concept.refresh_from_db()
    assert concept.status == Document.Status.ACCEPTED
    assert concept.versions.filter(accepted=True).count() == 1
    assert concept.versions.count() == 3
