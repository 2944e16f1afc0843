"""DSGVO: a staff member's data exported and erased (her actions stay under a pseudonym);
retention deletes what is past its period."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lotse.accounts.models import AuditEntry, User
from lotse.concept.models import StateConcept
from lotse.documents import actions, workflow
from lotse.documents.models import ReviewComment, StatusChange
from lotse.offers.models import UnmetSearch
from lotse.operations.retention import apply_retention

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):
    writer = world.users["network_coordinator"]
    concept = actions.start_concept(
        district=world.district, edition=StateConcept.objects.current(), by=writer
    )
    for section in concept.sections.all():
        actions.save_section(section, text="Text", based_on=section.revision, by=writer)
    workflow.transition(concept, "submit", by=writer)
    actions.comment(concept, text="Frage", by=writer, from_reviewer=False)
    return writer


def test_export_lists_profile_roles_and_actions(history):
    out = StringIO()
    call_command("export_person", history.email, stdout=out)
    data = json.loads(out.getvalue())
    assert data["person"]["email"] == history.email
    assert data["roles"][0]["role"] == "network_coordinator"
    assert any(action["action"] == "update" for action in data["actions"])
    assert data["workflow_records"]["documents.StatusChange"]


def test_erasure_keeps_what_she_did_under_a_pseudonym(history):
    email = history.email
    with pytest.raises(CommandError):
        call_command("erase_person", email)  # without confirmation nothing happens
    assert User.objects.filter(email=email).exists()
    call_command("erase_person", email, "--bestaetigt", stdout=StringIO())
    user = User.objects.get(pk=history.pk)
    alias = f"person-{user.pk}@geloescht.invalid"
    assert (
        user.email == alias
        and user.full_name == ""
        and not user.is_active
        and not user.has_usable_password()
    )
    assert not user.memberships.exists()
    assert AuditEntry.objects.filter(actor=user).exists()
    assert not AuditEntry.objects.filter(actor_label=email).exists()
    assert StatusChange.objects.get().by_label == alias
    assert ReviewComment.objects.get().author_label == alias
    assert not any(email in json.dumps(entry.changes) for entry in AuditEntry.objects.all())


def test_retention_deletes_only_what_is_past_its_period(world, settings):
    settings.LOTSE_AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    old = AuditEntry.objects.create(
        actor_label="x",
        action="create",
        content_type_id=1,
        object_id="1",
        object_repr="alt",
        at=now - datetime.timedelta(days=31),
    )
    recent = AuditEntry.objects.create(
        actor_label="x",
        action="create",
        content_type_id=1,
        object_id="1",
        object_repr="neu",
        at=now - datetime.timedelta(days=29),
    )
    UnmetSearch.objects.create(day=(now - datetime.timedelta(days=800)).date(), count=3)
    UnmetSearch.objects.create(day=now.date(), count=3)
    deleted = apply_retention(now)
    assert deleted["audit_entries"] >= 1 and deleted["unmet_searches"] == 1
    assert (
        not AuditEntry.objects.filter(pk=old.pk).exists()
        and AuditEntry.objects.filter(pk=recent.pk).exists()
    )
    assert UnmetSearch.objects.count() == 1
