"""The built-in texts of a new concept or report say what their figures count: the
partners of all the district's networks on the reference date, not of one network."""

import pytest

from lotse.concept.models import StateConcept
from lotse.documents import actions
from lotse.documents.rendering import plain_text
from lotse.documents.versions import figures_for
from lotse.networks import key_figures

pytestmark = pytest.mark.django_db


def test_a_new_report_names_all_networks_and_the_reference_date(world):
    writer = world.users["network_coordinator"]
    edition = StateConcept.objects.current()
    report = actions.start_annual_report(
        district=world.district, edition=edition, year=2025, by=writer
    )
    text = report.sections.get(key="network").text
    assert "Das Netzwerk hat" not in text
    assert "Am Stichtag (31.12.2025" in text
    assert "alle Netzwerke des Landkreises zusammen [[partner_gesamt]] aktive Partner" in text
    shown = plain_text(text, figures_for(report))
    count = key_figures.partner_count(world.district, 2025)
    assert f"alle Netzwerke des Landkreises zusammen {count} aktive Partner" in shown

    concept = actions.start_concept(district=world.district, edition=edition, by=writer)
    text = concept.sections.get(key="social_areas").text
    assert "Zum Stand dieser Fassung haben alle Netzwerke des Landkreises zusammen" in text
