"""Public entry points are rate-limited per address; a limit answers 429 in German."""

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_the_open_api_limits_each_address(client, settings):
    settings.LOTSE_API_RATE_PER_MINUTE = 3
    statuses = [client.get("/api/v1/regions/districts").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    refused = client.get("/api/hsds/taxonomies")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Zu viele Anfragen" in refused.json()["detail"]
    other = client.get("/api/v1/regions/districts", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert client.get("/angebote/").status_code == 200  # pages are not counted


def test_password_reset_requests_are_limited(client, settings):
    settings.LOTSE_PASSWORD_RESETS_PER_HOUR = 2
    url = reverse("accounts:password_reset")
    statuses = [client.post(url, {"email": "x@example.org"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert "Zu viele Versuche" in client.post(url, {"email": "x@example.org"}).content.decode()
    assert client.get(url).status_code == 200  # reading the form is free


def test_behind_a_proxy_the_forwarded_address_counts(client, settings):
    settings.LOTSE_API_RATE_PER_MINUTE = 1
    settings.LOTSE_PROXY_COUNT = 1
    first = client.get("/api/v1/regions/districts", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = client.get("/api/v1/regions/districts", HTTP_X_FORWARDED_FOR="203.0.113.6")
    third = client.get("/api/v1/regions/districts", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)
