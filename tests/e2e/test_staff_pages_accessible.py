"""Every new staff page of concepts, money and monitoring, opened by the LKS and by a
district coordinator, without serious or critical accessibility problems (axe)."""

import datetime
from decimal import Decimal

import pytest

from lotse.accounts.models import Role
from lotse.concept.models import StateConcept
from lotse.documents import actions
from lotse.funding.models import Fb3Proposal, FundYear, Indicator, Measure
from lotse.regions.models import District
from tests.e2e.conftest import axe_violations, person, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_pages_pass_axe(browser, live_server):
    district = District.objects.get(ags="13075")
    edition = StateConcept.objects.current()
    writer = person("netzwerk-a11y@lotse.example", Role.NETWORK_COORDINATOR, district=district)
    lks = person("lks-a11y@lotse.example", Role.STATE_COORDINATOR)
    concept = actions.start_concept(district=district, edition=edition, by=writer)
    measure = Measure.objects.create(
        district=district, state_concept=edition, funding_area=edition.funding_areas.get(code="III"),
        title="Digitale Sprechstunde", provider_name="Träger", starts_on=datetime.date(2025, 1, 1),
    )  # fmt: skip
    Indicator.objects.create(
        measure=measure, goal="Familien erreichen", name="Beratungen", target=Decimal(50)
    )
    Fb3Proposal.objects.create(
        measure=measure, needs_analysis="Bedarf", goals="Ziele", duration_months=12,
        budget=Decimal(10000), evaluation_plan="Plan",
    )  # fmt: skip
    FundYear.objects.create(
        year=2026, state_total=Decimal(1160000), state_office_share=Decimal(96000)
    )
    section = concept.sections.first()
    district_pages = [
        "/arbeitsbereich/13075/konzepte/",
        f"/arbeitsbereich/13075/konzepte/{concept.pk}/bausteine/",
        f"/arbeitsbereich/13075/konzepte/{concept.pk}/abschnitt/{section.pk}/",
        "/arbeitsbereich/13075/massnahmen/",
        f"/arbeitsbereich/13075/massnahmen/{measure.pk}/",
        f"/arbeitsbereich/13075/massnahmen/{measure.pk}/bearbeiten/",
        f"/arbeitsbereich/13075/massnahmen/{measure.pk}/jahr/2025/",
        f"/arbeitsbereich/13075/fb3/{measure.pk}/",
        "/arbeitsbereich/13075/finanzen/",
        "/arbeitsbereich/13075/indikatoren/",
        "/arbeitsbereich/13075/",
        "/arbeitsbereich/13075/netzwerk/",
    ]
    lks_pages = [
        "/arbeitsbereich/landesweit/konzepte/",
        "/arbeitsbereich/landesweit/checkliste/",
        "/arbeitsbereich/landesweit/zielkontrolle/",
        "/arbeitsbereich/landesweit/finanzen/",
        "/arbeitsbereich/landesweit/finanzen/2026/",
        "/arbeitsbereich/landesweit/finanzen/neu/",
        "/arbeitsbereich/landesweit/finanzen/schluessel/neu/",
        "/arbeitsbereich/landesweit/indikatoren/sektoren/ziele/",
        "/arbeitsbereich/landesweit/statistik/",
        "/arbeitsbereich/landesweit/netzwerke/",
    ]
    for user, pages in ((writer, district_pages), (lks, lks_pages)):
        page = sign_in(browser, live_server.url, user)
        for url in pages:
            response = page.goto(url)
            assert response.status == 200, url
            assert axe_violations(page) == [], url
        page.context.close()
