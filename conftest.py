"""Personas and the `world`: one of everything in district 13075."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Role, User
from lotse.networks.models import Network
from lotse.organizations.models import Organization
from lotse.regions.models import District, SocialArea
from tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    SocialAreaFactory,
    UserFactory,
)

PERSONAS = (
    "parent",
    "provider_editor",
    "area_coordinator",
    "network_coordinator",
    "coordinator_elsewhere",
    "state_coordinator",
    "ministry",
    "grant_office",
)


@dataclass
class World:
    district: District
    other_district: District
    social_area: SocialArea
    other_social_area: SocialArea
    foreign_social_area: SocialArea
    organization: Organization
    users: dict[str, User]
    network: Network

    def url(self, name: str, **kwargs) -> str:
        return reverse(name, kwargs=kwargs or None)


def make_user(email: str, role: str | None = None, **scope) -> User:
    """A person with the test password and, if given, one role with its scope."""
    user = UserFactory(email=email)
    if role:
        MembershipFactory(user=user, role=role, **scope)
    return user


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in German: a request under /tr/ must not leave Turkish active for
    the next test's direct calls (translation is per thread)."""
    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture
def english_site(settings):
    """An installation whose own language is English (LANGUAGE_CODE), e.g. for its mails.

    The URL resolver keeps, per language, whether that language's paths carry a prefix;
    it is emptied before and after, so no other test sees English without /en/."""
    clear_url_caches()
    settings.LANGUAGE_CODE = "en"
    yield
    clear_url_caches()


@pytest.fixture
def world(db) -> World:
    district = District.objects.get(ags="13075")
    other = District.objects.get(ags="13071")
    area = SocialAreaFactory(district=district, name="Uecker-Randow", municipality_count=5)
    other_area = SocialAreaFactory(district=district, name="Insel Usedom", municipality_count=5)
    foreign_area = SocialAreaFactory(
        district=other, name="Region Neustrelitz", municipality_count=5
    )
    organization = OrganizationFactory(name="Familienbrücke Vorpommern e.V.", district=district)
    users = {
        "provider_editor": make_user(
            "anbieter@test.example", Role.PROVIDER_EDITOR, organization=organization
        ),
        "area_coordinator": make_user(
            "sozialraum@test.example", Role.AREA_COORDINATOR, social_area=area
        ),
        "network_coordinator": make_user(
            "netzwerk@test.example", Role.NETWORK_COORDINATOR, district=district
        ),
        "coordinator_elsewhere": make_user(
            "seenplatte@test.example", Role.NETWORK_COORDINATOR, district=other
        ),
        "state_coordinator": make_user("lks@test.example", Role.STATE_COORDINATOR),
        "ministry": make_user("ministerium@test.example", Role.MINISTRY),
        "grant_office": make_user("landesamt@test.example", Role.GRANT_OFFICE),
    }
    network = Network.objects.get(district=district, parent=None)
    return World(district, other, area, other_area, foreign_area, organization, users, network)


def verified_client(user: User) -> Client:
    """A browser session of a professional who has signed in with password and second factor."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Test-App", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def parent(db) -> Client:
    return Client()


def _persona(name: str):
    @pytest.fixture(name=name)
    def fixture(world: World) -> Client:
        return verified_client(world.users[name])

    return fixture


provider_editor = _persona("provider_editor")
area_coordinator = _persona("area_coordinator")
network_coordinator = _persona("network_coordinator")
coordinator_elsewhere = _persona("coordinator_elsewhere")
state_coordinator = _persona("state_coordinator")
ministry = _persona("ministry")
grant_office = _persona("grant_office")
