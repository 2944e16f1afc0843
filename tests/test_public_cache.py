"""Anonymous reads of the directory come from the cache until an offer changes."""

import json
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from lotse.offers import actions, search_index
from lotse.offers.hsds_import import import_services
from lotse.offers.models import Offer, UnmetSearch
from lotse.offers.tests.samples import hsds_service
from lotse.public_cache import lifetime
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FINDER = "/angebote/?where=17489&age=12"


@pytest.fixture(autouse=True)
def public_cache(settings):
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 60
    caches["public_pages"].clear()
    yield
    caches["public_pages"].clear()


def test_a_repeated_search_is_answered_with_one_query(client, django_assert_num_queries):
    import_services([hsds_service(name="Eltern-Café am Markt")])
    first = client.get(FINDER)
    with django_assert_num_queries(1):  # the search table's token
        second = client.get(FINDER)
    assert second.content == first.content
    assert "Eltern-Café am Markt" in second.content.decode()
    assert second["Content-Security-Policy"] and second["X-Request-ID"]


def test_an_edited_offer_shows_at_once(client):
    [offer] = import_services([hsds_service(name="Eltern-Café am Markt")])
    client.get(FINDER)
    Offer.objects.filter(pk=offer.pk).update(name="Familiencafé Hafen")
    search_index.refresh([offer.pk])
    page = client.get(FINDER).content.decode()
    assert "Familiencafé Hafen" in page and "Eltern-Café am Markt" not in page


def test_a_deleted_offer_leaves_the_cached_answers(client):
    [offer] = import_services([hsds_service(name="Eltern-Café am Markt")])
    assert client.get("/api/v1/offers", {"postcode": "17489"}).json()["count"] == 1
    offer.delete()
    assert client.get("/api/v1/offers", {"postcode": "17489"}).json()["count"] == 0


def test_languages_are_kept_apart(client):
    import_services([hsds_service()])
    german = client.get(FINDER).content.decode()
    english = client.get("/en" + FINDER).content.decode()
    assert 'lang="de"' in german and 'lang="en"' in english


def test_requests_with_cookies_are_not_cached(client, django_user_model):
    import_services([hsds_service()])
    client.cookies["sessionid"] = "x"
    client.get(FINDER)
    assert caches["public_pages"]._cache == {}


def test_signed_in_staff_never_get_a_cached_page(client, django_user_model):
    import_services([hsds_service()])
    client.get(FINDER)  # cached for parents
    user = django_user_model.objects.create_user(email="k@lotse.example", password="x-y-z-1234")
    client.force_login(user)
    page = client.get(FINDER).content.decode()
    assert "Abmelden" in page


def test_an_unmet_search_is_counted_on_every_cached_answer(client):
    import_services([hsds_service()])  # Greifswald only
    for _ in range(3):
        client.get(reverse("offers:finder"), {"where": "19370", "age": "12"})  # Parchim
        client.get("/api/v1/offers", {"postcode": "19370"})
    assert sorted(UnmetSearch.objects.values_list("age_band", "count")) == [("", 3), ("12-23", 3)]


def test_errors_are_not_cached(client):
    assert client.get("/api/v1/offers", {"postcode": "1"}).status_code == 400
    assert caches["public_pages"]._cache == {}


def test_the_request_log_says_whether_the_cache_answered(client, caplog):
    import_services([hsds_service()])
    with caplog.at_level("INFO", logger="lotse.requests"):
        client.get(FINDER)
        client.get(FINDER)
        client.get("/healthz")
    logged = [getattr(r, "cache", None) for r in caplog.records if r.name == "lotse.requests"]
    assert logged == ["miss", "hit", None]


def cache_answers(client, caplog, *paths) -> list[str]:
    """'hit' or 'miss' for each of `paths`, as the request log records them."""
    caplog.clear()
    with caplog.at_level("INFO", logger="lotse.requests"):
        for path in paths:
            assert client.get(path).status_code == 200
    return [r.cache for r in caplog.records if r.name == "lotse.requests"]


def test_an_offer_page_stays_cached_while_other_offers_are_edited(client, caplog):
    cafe, course = import_services(
        [hsds_service(name="Eltern-Café am Markt"), hsds_service(name="Babymassage")]
    )
    page = f"/angebote/{course.pk}/"
    assert cache_answers(client, caplog, page, page, FINDER) == ["miss", "hit", "miss"]

    Offer.objects.filter(pk=cafe.pk).update(age_max_months=24)
    search_index.refresh([cafe.pk])  # patches the search table: the café's rows only
    assert cache_answers(client, caplog, page, FINDER) == ["hit", "miss"]

    Offer.objects.filter(pk=course.pk).update(description="Für Babys ab 6 Wochen")
    search_index.refresh([course.pk])
    assert cache_answers(client, caplog, page) == ["miss"]
    assert "Für Babys ab 6 Wochen" in client.get(page).content.decode()


def test_a_new_offer_renews_every_offer_page(client, caplog):
    [cafe] = import_services([hsds_service(name="Eltern-Café am Markt")])
    page = f"/angebote/{cafe.pk}/"
    cache_answers(client, caplog, page)
    import_services([hsds_service(name="Babymassage")])  # new rows: the table is read whole
    assert cache_answers(client, caplog, page, page) == ["miss", "hit"]


def test_a_confirmation_leaves_search_results_cached_but_renews_the_offer_page(client, caplog):
    [cafe] = import_services([hsds_service(name="Eltern-Café am Markt")])
    page, api = f"/angebote/{cafe.pk}/", "/api/v1/offers?postcode=17489"
    assert cache_answers(client, caplog, FINDER, api, page) == ["miss"] * 3
    confirm(cafe)
    assert cache_answers(client, caplog, FINDER, api, page) == ["hit", "hit", "miss"]


def test_a_confirmation_that_brings_an_offer_back_renews_search_results(client, caplog):
    [cafe] = import_services([hsds_service(name="Eltern-Café am Markt")])
    Offer.objects.filter(pk=cafe.pk).update(verified_at=timezone.now() - timedelta(days=400))
    search_index.refresh([cafe.pk])
    assert "Eltern-Café am Markt" not in client.get(FINDER).content.decode()
    confirm(cafe)
    assert cache_answers(client, caplog, FINDER) == ["miss"]
    assert "Eltern-Café am Markt" in client.get(FINDER).content.decode()


def confirm(offer: Offer) -> None:
    """The editor's one click on "still correct"."""
    actions.confirm_still_correct(offer=Offer.objects.get(pk=offer.pk), by=UserFactory())


def test_pages_cached_together_do_not_expire_together(settings):
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 300
    lifetimes = {lifetime() for _ in range(200)}
    assert min(lifetimes) >= 150 and max(lifetimes) <= 300 and len(lifetimes) > 20


def test_a_request_for_another_host_does_not_change_what_visitors_get(client, settings, caplog):
    """A forged Host (allowed: ALLOWED_HOSTS ignores the port) and X-Forwarded-Proto must not
    leave an answer in the cache that every later visitor receives."""
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    import_services([hsds_service()])
    forged = client.get("/api/hsds/", HTTP_HOST="localhost:6666", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 200
    caplog.clear()
    with caplog.at_level("INFO", logger="lotse.requests"):
        body = client.get("/api/hsds/").json()
    assert [r.cache for r in caplog.records if r.name == "lotse.requests"] == ["miss"]
    assert body["profile"] == settings.LOTSE_BASE_URL.rstrip("/") + "/api/hsds/profile"
    assert "localhost:6666" not in json.dumps(body)
