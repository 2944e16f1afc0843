"""factory_boy factories for the test data of all apps."""

import factory
from factory.django import DjangoModelFactory

from lotse.accounts.models import Membership, Role, User
from lotse.organizations.models import Organization
from lotse.regions.models import District, Municipality, SocialArea

TEST_PASSWORD = "test-passwort-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person-{n}@test.example")
    full_name = factory.Faker("name", locale="de_DE")
    password = factory.django.Password(TEST_PASSWORD)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Familienzentrum {n} e.V.")
    district = factory.LazyFunction(lambda: District.objects.get(ags="13075"))


class SocialAreaFactory(DjangoModelFactory):
    """A social area with a few municipalities of its district (`municipality_count`)."""

    class Meta:
        model = SocialArea
        skip_postgeneration_save = True

    district = factory.LazyFunction(lambda: District.objects.get(ags="13075"))
    name = factory.Sequence(lambda n: f"Sozialraum {n}")

    @factory.post_generation
    def municipality_count(area, create, count, **kwargs):
        if create:
            chosen = Municipality.objects.filter(district=area.district).order_by("?")[: count or 3]
            area.municipalities.set(chosen)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.STATE_COORDINATOR
