"""Social areas: defined by the district's coordinator, validated, audited."""

import pytest
from django.urls import reverse

from lotse.accounts.models import AuditEntry, Membership, Role, User
from lotse.regions.models import Municipality, SocialArea


def create_url(world) -> str:
    return reverse("social_areas:social_area_create", kwargs={"ags": world.district.ags})


def test_the_coordinator_defines_a_social_area_with_a_new_area_coordinator(
    world, network_coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    municipalities = list(Municipality.objects.filter(district=world.district)[:3])
    with django_capture_on_commit_callbacks(execute=True):
        response = network_coordinator.post(
            create_url(world),
            {
                "name": "Peenetal",
                "description": "Rund um Loitz",
                "municipalities": [m.pk for m in municipalities],
                "coordinator_email": "Neu@Test.example",
            },
        )
    area = SocialArea.objects.get(name="Peenetal")
    assert response.status_code == 302
    assert set(area.municipalities.all()) == set(municipalities)
    invited = User.objects.get(email="neu@test.example")
    assert not invited.has_usable_password()
    assert Membership.objects.filter(
        user=invited, role=Role.AREA_COORDINATOR, social_area=area
    ).exists()
    assert mailoutbox[0].to == ["neu@test.example"]
    assert "/konto/passwort-neu/" in mailoutbox[0].body
    assert AuditEntry.objects.filter(
        object_id=str(area.pk), action="create", actor=world.users["network_coordinator"]
    ).exists()


def test_a_municipality_of_another_district_is_refused_and_nothing_changes(
    world, network_coordinator
):
    foreign = Municipality.objects.filter(district=world.other_district).first()
    count = SocialArea.objects.count()
    response = network_coordinator.post(
        create_url(world), {"name": "Grenzland", "municipalities": [foreign.pk]}
    )
    assert response.status_code == 200
    assert "Diese Gemeinde gehört nicht zu diesem Landkreis" in response.content.decode()
    assert SocialArea.objects.count() == count


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "municipalities": []}, "Dieses Feld ist zwingend erforderlich"),
        (
            {"name": "Uecker-Randow", "municipalities": ["first"]},
            "schon einen Sozialraum mit diesem Namen",
        ),
        ({"name": "Neu", "municipalities": ["abc"]}, "Gemeinde"),
        (
            {"name": "Neu", "municipalities": ["first"], "coordinator_email": "kein-mail"},
            "gültige E-Mail-Adresse",
        ),
    ],
)
def test_bad_input_gets_a_german_message(world, network_coordinator, data, message):
    first = Municipality.objects.filter(district=world.district).first()
    data = {
        **data,
        "municipalities": [first.pk if m == "first" else m for m in data["municipalities"]],
    }
    count = SocialArea.objects.count()
    response = network_coordinator.post(create_url(world), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SocialArea.objects.count() == count


def test_the_ministry_reads_but_may_not_define_social_areas(world, ministry):
    assert (
        ministry.get(reverse("social_areas:social_area_list", kwargs={"ags": "13075"})).status_code
        == 200
    )
    response = ministry.post(create_url(world), {"name": "X"})
    assert response.status_code == 403


def test_editing_changes_the_municipalities_and_is_audited(world, network_coordinator):
    area = world.social_area
    keep = list(area.municipalities.all()[:2])
    url = reverse("social_areas:social_area_edit", kwargs={"ags": "13075", "pk": area.pk})
    response = network_coordinator.post(
        url, {"name": area.name, "municipalities": [m.pk for m in keep]}
    )
    assert response.status_code == 302
    assert set(area.municipalities.all()) == set(keep)
    entry = AuditEntry.objects.get(object_id=str(area.pk), action="update")
    assert "municipalities" in entry.changes


def test_social_area_list_has_no_n_plus_one(
    world, state_coordinator, django_assert_max_num_queries
):
    for number in range(30):
        area = SocialArea.objects.create(district=world.district, name=f"Raum {number}")
        area.municipalities.set(Municipality.objects.filter(district=world.district)[:3])
    with django_assert_max_num_queries(10):
        response = state_coordinator.get(
            reverse("social_areas:social_area_list", kwargs={"ags": "13075"})
        )
    assert "Raum 29" in response.content.decode()
