"""Signing in: e-mail login, throttling, the second factor, password reset."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def test_five_failures_lock_the_login_even_for_the_right_password():
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "lks@test.example", "password": "falsch"})
    response = client.post(LOGIN, {"username": "lks@test.example", "password": PASSWORD})
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_must_enrol_and_prove_a_second_factor_before_the_workspace():
    user = make_user(
        "netzwerk@test.example",
        Role.NETWORK_COORDINATOR,
        district=District.objects.get(ags="13075"),
    )
    client = Client()
    client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    workspace = reverse("networks:workspace", kwargs={"ags": "13075"})
    assert client.get(workspace)["Location"] == reverse("accounts:two_factor")

    enrol_page = client.get(reverse("accounts:two_factor"))
    assert "QR-Code" in enrol_page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    client.post(reverse("accounts:two_factor"), {"token": code_for(device)})
    assert client.get(workspace).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


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
    assert client.get(reverse("networks:workspace", kwargs={"ags": "13075"})).status_code == 302


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
    assert client.get(reverse("networks:workspace", kwargs={"ags": "13075"})).status_code == 200


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
