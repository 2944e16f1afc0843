"""Signed-in answers are never stored; sessions end when idle and after the day's hours."""

import time

import pytest
from django.core.cache import caches
from django.test import modify_settings
from django.urls import reverse

from lotse.core.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.test_permission_matrix import EXPECTED, url_for

pytestmark = pytest.mark.django_db


def workspace(world) -> str:
    return reverse("workspace:district", kwargs={"ags": world.district.ags})


def network_url(name: str, world, **kwargs) -> str:
    return reverse(
        name, kwargs={"ags": world.district.ags, "network_id": world.network.pk, **kwargs}
    )


def stored_no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona", ["network_coordinator", "state_coordinator"])
def test_no_answer_to_a_signed_in_person_may_be_stored(persona, world, request):
    client = request.getfixturevalue(persona)
    for name in EXPECTED:
        response = client.get(url_for(name, world))
        assert stored_no_store(response), (name, response.status_code)
        assert "private" in response["Cache-Control"], name


def test_exports_and_the_pdf_are_not_stored(world, network_coordinator):
    for file_format in ("csv", "xlsx"):
        export = network_coordinator.get(
            network_url("networks:export", world, what="partner", file_format=file_format)
        )
        assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
        assert stored_no_store(export), file_format
    pdf = network_coordinator.get(network_url("networks:requirements", world) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert stored_no_store(pdf)


def test_the_network_calendar_is_not_stored_though_fetched_without_signing_in(client, world):
    response = client.get(
        reverse("network_calendar", kwargs={"token": world.network.calendar_token})
    )
    assert response.status_code == 200
    assert stored_no_store(response)


PARENTS_PAGES = ("/", "/angebote/?where=17489", "/api/v1/offers?postcode=17489")
CACHING_HEADERS = ("Cache-Control", "Expires", "Vary")


def test_parents_pages_keep_their_caching(client, world, settings):
    """The same caching headers with and without the two middlewares, and no session."""
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 300
    with_them = {page: client.get(page) for page in PARENTS_PAGES}
    caches["public_pages"].clear()
    with modify_settings(
        MIDDLEWARE={
            "remove": [
                "lotse.core.middleware.NoStoreWhenSignedIn",
                "lotse.core.middleware.SessionTimeouts",
            ]
        }
    ):
        without = {page: client.get(page) for page in PARENTS_PAGES}
    for page, response in with_them.items():
        assert response.status_code == 200, page
        assert not stored_no_store(response), page
        assert not response.cookies, page
        for header in CACHING_HEADERS:
            assert response.get(header) == without[page].get(header), (page, header)


def test_a_session_idle_too_long_is_signed_out_with_a_german_message(world, network_coordinator):
    session = network_coordinator.session
    session[LAST_SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = network_coordinator.get(workspace(world), follow=True)
    login, _status = response.redirect_chain[0]
    assert login.startswith(reverse("accounts:login") + "?next=")
    assert "Sie wurden nach 30 Minuten ohne Aktivität abgemeldet." in response.content.decode()
    assert "_auth_user_id" not in network_coordinator.session
    assert network_coordinator.get(workspace(world)).status_code == 302


def test_activity_within_the_idle_time_keeps_the_session_and_renews_it(world, network_coordinator):
    session = network_coordinator.session
    session[LAST_SEEN_AT] = time.time() - 29 * 60
    session.save()
    assert network_coordinator.get(workspace(world)).status_code == 200
    assert time.time() - network_coordinator.session[LAST_SEEN_AT] < 5


def test_the_idle_time_is_a_setting(world, network_coordinator, settings):
    settings.LOTSE_SESSION_IDLE_MINUTES = 5
    session = network_coordinator.session
    session[LAST_SEEN_AT] = time.time() - 6 * 60
    session.save()
    response = network_coordinator.get(workspace(world), follow=True)
    assert "Sie wurden nach 5 Minuten ohne Aktivität abgemeldet." in response.content.decode()


def test_the_session_ends_hours_after_sign_in_however_active(world, network_coordinator):
    assert network_coordinator.get(workspace(world)).status_code == 200
    started = network_coordinator.session[SIGNED_IN_AT]
    assert time.time() - started < 5
    session = network_coordinator.session
    session[SIGNED_IN_AT] = time.time() - 10 * 3600 - 1
    session[LAST_SEEN_AT] = time.time() - 60
    session.save()
    response = network_coordinator.get(workspace(world), follow=True)
    assert "Sie wurden 10 Stunden nach der Anmeldung abgemeldet." in response.content.decode()
    assert "_auth_user_id" not in network_coordinator.session
