"""The parents' finder and offer page: server-rendered, no cookies, German messages."""

import pytest
from django.urls import reverse

from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service

pytestmark = pytest.mark.django_db
FINDER = reverse("offers:finder")


@pytest.fixture
def directory(db):
    return import_services([hsds_service(), outreach_service("urn:de:ags:13075"), online_service()])


def test_the_finder_groups_results_and_explains_each_group(client, directory):
    response = client.get(FINDER, {"where": "17489", "age": "12"})
    content = response.content.decode()
    assert "3 Angebote für 17489" in content
    assert (
        content.index("In Ihrer Nähe")
        < content.index("Kommt zu Ihnen nach Hause")
        < content.index("Online und am Telefon")
    )
    assert "Eltern-Café am Markt" in content
    assert "km entfernt" in content
    assert not response.cookies


def test_unknown_and_ambiguous_places_get_german_messages(client, directory):
    content = client.get(FINDER, {"where": "Atlantis"}).content.decode()
    assert "kennen wir in Mecklenburg-Vorpommern nicht" in content
    content = client.get(FINDER, {"where": "Neuenkirchen"}).content.decode()
    assert "gibt es mehrmals" in content


def test_nothing_found_says_what_to_do(client, directory):
    content = client.get(FINDER, {"where": "17489", "topic": "fruehfoerderung"}).content.decode()
    assert "kein passendes Angebot gefunden" in content


def test_bad_choices_are_refused_not_crashed(client, directory):
    response = client.get(FINDER, {"where": "17489", "age": "-4", "radius": "500", "day": "XX"})
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Eingaben" in response.content.decode()


def test_the_offer_page_shows_what_for_whom_where_and_when(client, directory):
    offer = directory[0]
    content = client.get(offer.get_absolute_url()).content.decode()
    for text in (
        "Eltern-Café am Markt",
        "Kinder von 0 bis 36 Monaten",
        "kostenfrei",
        "Markt 1",
        "zuletzt geprüft am",
    ):
        assert text in content


def test_pending_offers_are_not_public(client, directory):
    Offer.objects.filter(pk=directory[0].pk).update(approval=Offer.Approval.PENDING)
    assert client.get(directory[0].get_absolute_url()).status_code == 404


def test_the_finder_has_no_n_plus_one(client, django_assert_max_num_queries):
    import_services([hsds_service(name=f"Café {n}") for n in range(30)])
    with django_assert_max_num_queries(16):
        response = client.get(FINDER, {"where": "17489"})
    assert "30 Angebote" in response.content.decode()


def test_a_link_without_radius_searches_and_shows_10_km(client, directory):
    content = client.get(FINDER, {"where": "17489"}).content.decode()
    assert '<option value="10" selected>10 km</option>' in content
