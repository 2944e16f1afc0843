"""Signing in: e-mail login, throttling, the second factor, password reset."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import default_task_backend

from conftest import make_user
from lotse.accounts.models import Role
from lotse.regions.models import District

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "test-passwort-123"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_professional_signs_in_with_her_email_address():
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    response = client.post(LOGIN, {"username": "LKS@test.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_wrong_password_gets_a_german_message_and_no_session():
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    response = client.post(LOGIN, {"username": "lks@test.example", "password": "falsch"})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort stimmen nicht" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_make_even_the_right_password_wait():
    """A growing wait per account, not a lock (test_lockout.py has the whole policy)."""
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "lks@test.example", "password": "falsch"})
    response = client.post(LOGIN, {"username": "lks@test.example", "password": PASSWORD})
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert "Bitte versuchen Sie es ab " in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 120
    assert "_auth_user_id" not in client.session


def test_staff_must_enrol_and_prove_a_second_factor_before_the_workspace():
    user = make_user(
        "netzwerk@test.example",
        Role.NETWORK_COORDINATOR,
        district=District.objects.get(ags="13075"),
    )
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    workspace = reverse("workspace:district", kwargs={"ags": "13075"})
    assert client.get(workspace)["Location"] == reverse("accounts:two_factor")

    enrol_page = client.get(reverse("accounts:two_factor"))
    assert "QR-Code" in enrol_page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    client.post(reverse("accounts:two_factor"), {"token": code_for(device)})
    assert client.get(workspace).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def signed_in_network_coordinator() -> tuple[Client, Client]:
    """Two sessions (browsers) of one network coordinator who has no second factor yet."""
    user = make_user(
        "netzwerk@test.example",
        Role.NETWORK_COORDINATOR,
        district=District.objects.get(ags="13075"),
    )
    sessions = Client(), Client()
    for client in sessions:
        client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    return sessions


def shown_secret(client: Client) -> str:
    page = client.get(reverse("accounts:two_factor")).content.decode()
    return page.split('<code class="secret">', 1)[1].split("</code>", 1)[0]


def code_from(secret: str, offset: int = 0) -> str:
    """The code an app shows for this secret, `offset` steps of 30 seconds from now."""
    device = TOTPDevice(key=secret)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - offset * device.step):06d}"


def test_each_session_enrols_its_own_secret():
    first, second = signed_in_network_coordinator()
    first_secret = shown_secret(first)
    second_secret = shown_secret(second)
    assert first_secret != second_secret
    # A reload in the same session keeps the secret the app may already have scanned.
    assert shown_secret(second) == second_secret

    response = second.post(reverse("accounts:two_factor"), {"token": code_from(first_secret)})
    assert "Dieser Code passt nicht" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    # Opening the set-up page in the second session replaced the first session's secret.
    assert list(TOTPDevice.objects.values_list("key", flat=True)) == [second_secret]


def test_a_secret_shown_to_another_session_is_refused_after_the_enrolment():
    first, second = signed_in_network_coordinator()
    stale_secret = shown_secret(second)
    secret = shown_secret(first)
    first.post(reverse("accounts:two_factor"), {"token": code_from(secret)})
    device = TOTPDevice.objects.get()
    assert device.confirmed and device.key == secret

    # Not even the next code of the stale secret (the last one may be used up): no pending
    # device is left, and the page asks for the code of the enrolled app only.
    response = second.post(reverse("accounts:two_factor"), {"token": code_from(stale_secret, 1)})
    content = response.content.decode()
    assert "Dieser Code passt nicht" in content
    assert "QR-Code" not in content and stale_secret not in content
    assert list(TOTPDevice.objects.all()) == [device]
    workspace = reverse("workspace:district", kwargs={"ags": "13075"})
    assert second.get(workspace).status_code == 302


def test_a_session_cannot_enrol_first_with_a_secret_replaced_meanwhile():
    first, second = signed_in_network_coordinator()
    stale_secret = shown_secret(second)
    shown_secret(first)
    response = second.post(reverse("accounts:two_factor"), {"token": code_from(stale_secret)})
    assert "gilt nicht mehr" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    # The page shows this session a new secret of its own instead.
    assert shown_secret(second) not in (stale_secret, "")


def test_a_wrong_code_is_refused_and_the_next_try_must_wait():
    user = make_user(
        "netzwerk@test.example",
        Role.NETWORK_COORDINATOR,
        district=District.objects.get(ags="13075"),
    )
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)
    right = code_for(device)
    wrong = "000000" if right != "000000" else "111111"
    response = client.post(reverse("accounts:two_factor"), {"token": wrong})
    assert "Dieser Code passt nicht" in response.content.decode()
    # Even the right code waits after a failure (django-otp throttling).
    response = client.post(reverse("accounts:two_factor"), {"token": right})
    assert "Zu viele Versuche" in response.content.decode()
    assert client.get(reverse("workspace:district", kwargs={"ags": "13075"})).status_code == 302


def test_letters_instead_of_digits_get_a_german_message():
    user = make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    response = client.post(reverse("accounts:two_factor"), {"token": "abcdef"})
    assert "sechs Ziffern" in response.content.decode()


@override_settings(LOTSE_REQUIRE_2FA=False)
def test_the_demo_can_switch_the_second_factor_off():
    user = make_user(
        "netzwerk@test.example",
        Role.NETWORK_COORDINATOR,
        district=District.objects.get(ags="13075"),
    )
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert client.get(reverse("workspace:district", kwargs={"ags": "13075"})).status_code == 200


def test_password_reset_sends_a_link_that_sets_a_new_password(mailoutbox):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "lks@test.example"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/konto/passwort-neu/" in line)
    path = link[link.index("/konto/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "ein-neues-langes-passwort",
            "new_password2": "ein-neues-langes-passwort",
        },
    )
    assert (
        Client()
        .post(LOGIN, {"username": "lks@test.example", "password": "ein-neues-langes-passwort"})
        .status_code
        == 302
    )


def test_password_reset_does_not_tell_whether_an_account_exists(mailoutbox):
    response = Client().post(reverse("accounts:password_reset"), {"email": "niemand@test.example"})
    assert response.status_code == 302
    assert mailoutbox == []


@override_settings(
    ALLOWED_HOSTS=["testserver", "localhost"], LOTSE_BASE_URL="https://lotse.example/"
)
def test_the_reset_link_points_to_the_public_address_whatever_host_the_request_named(
    mailoutbox,
):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    Client().post(
        reverse("accounts:password_reset"),
        {"email": "lks@test.example"},
        HTTP_HOST="localhost:6666",
        HTTP_X_FORWARDED_PROTO="https",
    )
    [mail] = mailoutbox
    assert mail.subject == "Lotse: neues Passwort festlegen"
    link = next(line for line in mail.body.splitlines() if "/konto/passwort-neu/" in line)
    assert link.startswith("https://lotse.example/konto/passwort-neu/")
    assert "localhost" not in mail.body


def test_a_reset_request_does_the_same_work_for_known_and_unknown_addresses(settings, mailoutbox):
    """The request only enqueues (the worker sends), for any address: its time tells nothing."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    user = make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    query_counts = []
    for email in ("LKS@test.example", "niemand@test.example"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("accounts:password_reset"), {"email": email})
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:password_reset_done")
        query_counts.append(len(queries))
    assert query_counts[0] == query_counts[1]
    assert mailoutbox == []
    enqueued = default_task_backend.results
    assert [result.task.name for result in enqueued] == ["send_password_reset_mail"] * 2
    # Account ids only: an address without an account is not kept in the queue.
    assert [result.kwargs for result in enqueued] == [{"user_ids": [user.pk]}, {"user_ids": []}]


def test_deactivated_accounts_get_no_reset_link(mailoutbox):
    user = make_user("ehemals@test.example", Role.STATE_COORDINATOR)
    user.is_active = False
    user.save(update_fields=["is_active"])
    Client().post(reverse("accounts:password_reset"), {"email": "ehemals@test.example"})
    assert mailoutbox == []
