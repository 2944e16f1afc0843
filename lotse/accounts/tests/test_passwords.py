"""Choosing a password: at least 12 characters, not a common one; German messages."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from lotse.accounts.models import Role
from lotse.demo.accounts import DEMO_PASSWORD
from lotse.demo.management.commands.seed_demo import Command as SeedDemo
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def reset_form(client: Client, mailoutbox, email: str) -> str:
    """The address of the form that sets a new password, from the reset e-mail's link."""
    client.post(reverse("accounts:password_reset"), {"email": email})
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/konto/passwort-neu/" in line)
    form_page = client.get(link[link.index("/konto/") :], follow=True)
    assert form_page.status_code == 200
    return form_page.redirect_chain[-1][0]


def choose(client: Client, form: str, password: str):
    return client.post(form, {"new_password1": password, "new_password2": password})


def signs_in(email: str, password: str) -> bool:
    return Client().post(LOGIN, {"username": email, "password": password}).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("elf-zeichen", "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."),
        ("password1234", "Dieses Passwort ist zu üblich."),
    ],
)
def test_a_short_or_common_password_is_refused_in_german(mailoutbox, password, message):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    response = choose(client, reset_form(client, mailoutbox, "lks@test.example"), password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not signs_in("lks@test.example", password)
    assert signs_in("lks@test.example", TEST_PASSWORD)


def test_twelve_characters_are_enough(mailoutbox):
    make_user("lks@test.example", Role.STATE_COORDINATOR)
    client = Client()
    response = choose(client, reset_form(client, mailoutbox, "lks@test.example"), "elf-zeichen!")
    assert response.status_code == 302
    assert signs_in("lks@test.example", "elf-zeichen!")


def test_the_demo_accounts_keep_their_short_password():
    """The rules apply where a person chooses a password, not to accounts made by code."""
    SeedDemo().user("demo@lotse.example", "Demo-Person")
    assert len(DEMO_PASSWORD) < 12
    assert signs_in("demo@lotse.example", DEMO_PASSWORD)
