"""The LKS's matrices flag an "erreicht" the records do not support, with the same rules
as the requirements page, for all districts in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.concept.models import StateConcept, StateConceptItem
from lotse.networks import actions, item_status
from lotse.networks.evidence import evidence_for, matrix_warnings, records_for
from lotse.networks.models import Meeting, Network
from lotse.regions.models import District
from tests.factories import SocialAreaFactory

pytestmark = pytest.mark.django_db

WARNING = "„erreicht“ passt nicht zu den Daten: 0 Qualifizierungen im Jahr 2026 erfasst."


def item(code):
    return StateConceptItem.objects.get(code=code, state_concept=StateConcept.objects.current())


def qualification(network, day=datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC)):
    return Meeting.objects.create(
        network=network,
        kind=Meeting.Kind.QUALIFICATION,
        title="Fachtag",
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=6),
    )


def matrices(client) -> tuple[str, str]:
    overview = client.get(reverse("networks:state_overview") + "?jahr=2026")
    documents = client.get(
        reverse("documents:state_documents") + "?jahr=2026&art=development_module"
    )
    assert overview.status_code == documents.status_code == 200
    return overview.content.decode(), documents.content.decode()


def test_both_matrices_flag_achieved_without_qualifications_like_the_network_page(
    world, state_coordinator
):
    actions.set_item_status(
        district=world.district,
        item=item("FB-I-E8"),
        year=2026,
        status="achieved",
        by=world.users["network_coordinator"],
    )
    for shown in matrices(state_coordinator):
        assert shown.count(WARNING) == 1
    # A sub-network's qualification is the district's evidence too, as on the network page.
    sub = Network.objects.create(
        district=world.district,
        parent=world.network,
        social_area=world.social_area,
        name="Teilnetzwerk Uecker-Randow",
    )
    qualification(sub)
    assert evidence_for(world.network, 2026)["FB-I-E8"].missing == ""
    for shown in matrices(state_coordinator):
        assert WARNING not in shown


def test_a_status_the_records_support_or_another_year_is_not_flagged(world, state_coordinator):
    qualification(world.network)
    actions.set_item_status(
        district=world.district,
        item=item("FB-I-E8"),
        year=2026,
        status="achieved",
        by=world.users["network_coordinator"],
    )
    # "in Umsetzung" with no records is no contradiction.
    actions.set_item_status(
        district=world.other_district,
        item=item("FB-I-E8"),
        year=2026,
        status="in_progress",
        by=world.users["coordinator_elsewhere"],
    )
    for shown in matrices(state_coordinator):
        assert "passt nicht zu den Daten" not in shown


def _queries_for(networks, items, year) -> int:
    cells = item_status.status_cells([n.district for n in networks], items, year)
    with CaptureQueriesContext(connection) as queries:
        matrix_warnings(networks, items, cells, year)
    return len(queries)


def test_the_warnings_of_all_districts_take_as_many_queries_as_those_of_one(world):
    items = list(item_status.assessable_items(StateConcept.objects.current()))
    for district in District.objects.all():
        network = Network.objects.get(district=district, parent=None)
        qualification(network)
        Network.objects.create(
            district=district,
            parent=network,
            social_area=SocialAreaFactory(district=district, name=f"Raum {district.ags}"),
            name=f"Teil {district.ags}",
        )
        actions.set_item_status(
            district=district,
            item=item("FB-I-E9"),
            year=2026,
            status="achieved",
            by=world.users["state_coordinator"],
        )
    networks = list(Network.objects.filter(parent=None).select_related("district"))
    assert len(networks) == 8
    one = _queries_for(networks[:1], items, 2026)
    assert _queries_for(networks, items, 2026) == one
    # Every district is flagged for FB-I-E9 (no IQZ meeting), none for FB-I-E8.
    cells = item_status.status_cells([n.district for n in networks], items, 2026)
    warnings = matrix_warnings(networks, items, cells, 2026)
    assert {key[0] for key in warnings} == {n.district_id for n in networks}
    assert all("IQZ" in text for text in warnings.values())


def test_the_batch_reads_the_same_records_as_one_network_alone(world):
    sub = Network.objects.create(
        district=world.district, parent=world.network, social_area=world.social_area, name="Teil"
    )
    qualification(sub)
    networks = [world.network, sub, Network.objects.get(district=world.other_district)]
    together = records_for(networks, 2026)
    for network in networks:
        assert records_for([network], 2026)[network.pk] == together[network.pk]
    assert together[world.network.pk].qualifications == 1
    assert together[world.network.pk].sub_networks == 1
    assert together[sub.pk].qualifications == 1
    assert together[networks[2].pk].qualifications == 0
