"""The parents' topics on the requirements page and in a concept's or report's figures:
the LKS sees how many there are, everybody else "< 5" for 1–4."""

import datetime

import pytest
from django.urls import reverse

from lotse.concept.models import StateConcept
from lotse.documents import actions as document_actions
from lotse.documents.versions import save_version
from lotse.networks.models import ParentTopic

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_topics(world):
    for topic in ("feeding", "sleep_crying"):
        ParentTopic.objects.create(
            network=world.network, topic=topic, month=datetime.date(2026, 2, 1), text="x"
        )


def requirements(client, world) -> str:
    address = reverse(
        "networks:requirements", kwargs={"ags": "13075", "network_id": world.network.pk}
    )
    response = client.get(f"{address}?jahr=2026")
    assert response.status_code == 200
    return response.content.decode()


def test_the_requirements_page_shows_the_exact_count_to_the_lks_only(
    world, two_topics, network_coordinator, state_coordinator
):
    assert "2 Themen aus der Elternschaft 2026 erfasst" in requirements(state_coordinator, world)
    shown = requirements(network_coordinator, world)
    assert "&lt; 5 Themen aus der Elternschaft 2026 erfasst" in shown
    assert "2 Themen aus der Elternschaft" not in shown


def figure(html: str) -> str:
    start = html.index('data-figure="elternthemen"')
    return html[html.index(">", start) + 1 : html.index("</span>", start)]


def test_the_reports_topic_figure_is_exact_for_the_lks_and_stored_hidden(
    world, two_topics, network_coordinator, state_coordinator
):
    report = document_actions.start_annual_report(
        district=world.district,
        edition=StateConcept.objects.current(),
        year=2026,
        by=world.users["network_coordinator"],
    )
    url = report.get_absolute_url()
    coordinator_page = network_coordinator.get(url)
    lks_page = state_coordinator.get(url)
    assert coordinator_page.status_code == lks_page.status_code == 200
    assert figure(coordinator_page.content.decode()) == "&lt; 5"
    assert figure(lks_page.content.decode()) == "2"
    # A version is read by whoever reads the document later: it keeps "< 5".
    version = save_version(report, by=world.users["network_coordinator"])
    assert version.content["figures"]["values"]["elternthemen"]["value"] == "< 5"
