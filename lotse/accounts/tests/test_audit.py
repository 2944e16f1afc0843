"""The audit log: changes by people are recorded field by field and shown to the LKS."""

import pytest
from django.urls import reverse

from lotse.accounts import audit
from lotse.accounts.models import AuditEntry
from lotse.networks import social_area_actions as actions
from lotse.regions.models import Municipality


def test_a_change_records_who_which_field_old_and_new(world):
    coordinator = world.users["network_coordinator"]
    area = world.social_area
    actions.update_social_area(
        area=area,
        name="Uecker-Randow-Süd",
        description="",
        municipalities=area.municipalities.all(),
        by=coordinator,
    )
    entry = AuditEntry.objects.get(object_id=str(area.pk), action=AuditEntry.Action.UPDATE)
    assert entry.actor == coordinator
    assert entry.district == world.district
    assert entry.changes == {"name": ["Uecker-Randow", "Uecker-Randow-Süd"]}


def test_an_update_that_changes_nothing_is_not_recorded(world):
    area = world.social_area
    actions.update_social_area(
        area=area,
        name=area.name,
        description=area.description,
        municipalities=area.municipalities.all(),
        by=world.users["network_coordinator"],
    )
    assert not AuditEntry.objects.filter(object_id=str(area.pk)).exists()


def test_many_to_many_changes_are_recorded_as_name_lists(world):
    area = world.social_area
    before = audit.snapshot(area, ["municipalities"])
    added = Municipality.objects.filter(district=world.district).exclude(social_areas=area).first()
    area.municipalities.add(added)
    entry = audit.record_changes(actor=world.users["network_coordinator"], obj=area, before=before)
    old, new = entry.changes["municipalities"]
    assert set(new) - set(old) == {added.name}


@pytest.mark.parametrize("persona", ["state_coordinator"])
def test_the_lks_reads_the_audit_log(world, request, persona):
    actions.update_social_area(
        area=world.social_area,
        name="Neuer Name",
        description="",
        municipalities=world.social_area.municipalities.all(),
        by=world.users["network_coordinator"],
    )
    page = request.getfixturevalue(persona).get(reverse("accounts:audit_log") + "?bezirk=13075")
    content = page.content.decode()
    assert "netzwerk@test.example" in content
    assert "Neuer Name" in content


def test_the_audit_log_lists_without_n_plus_one(
    world, state_coordinator, django_assert_max_num_queries
):
    for number in range(30):
        actions.update_social_area(
            area=world.social_area,
            name=f"Name {number}",
            description="",
            municipalities=world.social_area.municipalities.all(),
            by=world.users["network_coordinator"],
        )
    with django_assert_max_num_queries(12):
        assert state_coordinator.get(reverse("accounts:audit_log")).status_code == 200
