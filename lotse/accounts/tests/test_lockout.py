"""Sign-in throttling: a growing wait per account, a cool-off per client address."""

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conftest import make_user
from lotse.accounts.models import Role, SignInThrottle
from lotse.core.ratelimit import client_address

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "test-passwort-123"


class Clock:
    """Django's clock (timezone.now), moved forward by a test."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def advance(self, **duration: float) -> None:
        self.offset += timedelta(**duration)


@pytest.fixture
def clock():
    real_now = timezone.now
    moved = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: real_now() + moved.offset):
        yield moved


def sign_in(email: str, password: str, address: str = "192.0.2.1", **headers) -> Client:
    client = Client(REMOTE_ADDR=address, **headers)
    client.response = client.post(LOGIN, {"username": email, "password": password})
    return client


def signed_in(client: Client) -> bool:
    return client.response.status_code == 302 and "_auth_user_id" in client.session


def account_wait(email: str) -> timedelta:
    row = SignInThrottle.objects.get(kind=SignInThrottle.Kind.ACCOUNT, key=email)
    return row.wait_until - row.last_failure_at


def test_failures_from_many_addresses_make_the_account_wait():
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    for n in range(5):
        refused = sign_in("lks@test.example", "falsch", address=f"198.51.100.{n}")
        assert refused.response.status_code == 200
    # A sixth address with the right password still waits: the account counts, not the pair.
    client = sign_in("lks@test.example", PASSWORD, address="198.51.100.99")
    assert client.response.status_code == 429
    assert not signed_in(client)
    content = client.response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in content
    assert "Bitte versuchen Sie es ab " in content and " Uhr erneut" in content
    assert 0 < int(client.response["Retry-After"]) <= 120


def test_the_wait_grows_to_fifteen_minutes_and_the_right_password_works_after_it(clock):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    for _ in range(5):
        sign_in("lks@test.example", "falsch")
    waits = []
    for _ in range(6):
        waits.append(account_wait("lks@test.example"))
        # Tries during the wait are refused unchecked and do not make it longer.
        clock.advance(seconds=waits[-1].total_seconds() - 5)
        assert sign_in("lks@test.example", PASSWORD).response.status_code == 429
        assert account_wait("lks@test.example") == waits[-1]
        clock.advance(seconds=5)
        assert sign_in("lks@test.example", "falsch").response.status_code == 200
    assert [wait.total_seconds() / 60 for wait in waits] == [1, 2, 4, 8, 15, 15]

    clock.advance(minutes=15)
    assert signed_in(sign_in("lks@test.example", PASSWORD))
    # Signing in starts the count afresh: the next typo is just a typo.
    assert not SignInThrottle.objects.filter(key="lks@test.example").exists()
    assert sign_in("lks@test.example", "falsch").response.status_code == 200
    assert signed_in(sign_in("lks@test.example", PASSWORD))


def test_an_account_forgets_its_failures_after_a_day(clock):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    for _ in range(4):
        sign_in("lks@test.example", "falsch")
    clock.advance(days=1, seconds=1)
    sign_in("lks@test.example", "falsch")
    assert signed_in(sign_in("lks@test.example", PASSWORD))


def test_an_unknown_address_waits_like_a_known_one():
    """The wait must not tell whether an account exists."""
    for _ in range(5):
        sign_in("niemand@test.example", "falsch")
    assert sign_in("niemand@test.example", "falsch").response.status_code == 429


def test_a_new_password_ends_the_wait():
    user = make_user("lks@test.example", Role.STATE_COORDINATOR)
    for _ in range(5):
        sign_in("lks@test.example", "falsch")
    client = Client()
    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    form_page = client.get(link, follow=True)
    new_password = "ein-neues-langes-passwort"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert signed_in(sign_in("lks@test.example", new_password))


def test_failures_from_one_address_across_accounts_make_that_address_wait(clock):
    for n in range(20):
        make_user(f"person{n}@test.example")
        # One failure per account: no account waits, only the address.
        assert sign_in(f"person{n}@test.example", "falsch").response.status_code == 200
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    refused = sign_in("lks@test.example", PASSWORD)
    assert refused.response.status_code == 429
    assert 14 * 60 < int(refused.response["Retry-After"]) <= 16 * 60
    # Another address signs in as before, to this account and to those tried.
    assert signed_in(sign_in("lks@test.example", PASSWORD, address="203.0.113.5"))
    assert signed_in(sign_in("person0@test.example", PASSWORD, address="203.0.113.5"))

    clock.advance(minutes=15, seconds=1)
    assert signed_in(sign_in("lks@test.example", PASSWORD))


def test_signing_in_does_not_wipe_the_failures_of_its_address():
    """Else one's own account would reset the address's count between guesses at others."""
    make_user("own@test.example")
    for n in range(20):
        sign_in(f"person{n}@test.example", "falsch")
        if n == 10:
            assert signed_in(sign_in("own@test.example", PASSWORD))
    assert sign_in("own@test.example", PASSWORD).response.status_code == 429


def test_behind_a_proxy_each_forwarded_client_counts_on_its_own(settings):
    settings.LOTSE_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for n in range(20):
        sign_in(f"person{n}@test.example", "falsch", proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    # The same proxy, another client: not blocked.
    other = sign_in("lks@test.example", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert signed_in(other)
    # The blocked client cannot choose an address by sending its own X-Forwarded-For: the
    # proxy appends the real one on the right.
    forged = sign_in(
        "lks@test.example", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    assert forged.response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_the_nth_forwarded_entry_from_the_right(
    settings, proxies, forwarded, address
):
    settings.LOTSE_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


@pytest.mark.django_db
def test_the_old_lockout_tables_are_dropped_in_an_order_postgresql_accepts():
    """An installation that ran django-axes has its tables, one referring to another."""
    migration = importlib.import_module("lotse.accounts.migrations.0003_drop_old_lockout_tables")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE axes_accessattempt (id integer PRIMARY KEY)")
        cursor.execute(
            "CREATE TABLE axes_accessattemptexpiration (id integer PRIMARY KEY, "
            "access_attempt_id integer REFERENCES axes_accessattempt (id))"
        )
        cursor.execute("INSERT INTO axes_accessattempt (id) VALUES (1)")
        cursor.execute(
            "INSERT INTO axes_accessattemptexpiration (id, access_attempt_id) VALUES (1, 1)"
        )
        for statement in migration.Migration.operations[0].sql:
            cursor.execute(statement)
    assert not {"axes_accessattempt", "axes_accessattemptexpiration"} & set(
        connection.introspection.table_names()
    )
