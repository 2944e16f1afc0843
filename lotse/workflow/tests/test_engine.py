"""The engine, on a small workflow of its own: a county becomes a city (and back) over
District.kind, with Django's admin LogEntry as its status-change row. Both real workflows
(concept review, FB III) have their own tests beside them."""

import ast
import threading
import time
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotse.accounts.mail import addresses_of
from lotse.accounts.models import AuditEntry, Role
from lotse.regions.models import District
from lotse.workflow import (
    GuardFailed,
    NotAllowed,
    Required,
    Transition,
    UnknownTransition,
    Workflow,
    WrongState,
)
from tests.factories import MembershipFactory, UserFactory

K = District.Kind


def _lks(user, district) -> bool:
    return user.has_role(Role.STATE_COORDINATOR)


def _record(change) -> LogEntry:
    return LogEntry.objects.create(
        user=change.by,
        content_type=ContentType.objects.get_for_model(District),
        object_id=str(change.obj.pk),
        object_repr=str(change.obj),
        action_flag=CHANGE,
        change_message=f"{change.from_status} → {change.to_status}: {change.note}",
    )


def _needs_a_law(change) -> str | None:
    return None if change.details.get("law") else "Ohne Gesetz keine Kreisreform."


REFORM = Workflow(
    model=District,
    state_field="kind",
    transitions=(
        Transition(
            name="make_city",
            label="Kreisfrei machen",
            sources=(K.COUNTY,),
            target=K.CITY,
            allowed=_lks,
            asks_for=("note",),
            required={"note": Required(message="Bitte begründen.")},
        ),
        Transition(
            name="make_county",
            label="Einkreisen",
            sources=(K.CITY,),
            target=K.COUNTY,
            allowed=_lks,
            asks_for=("note", "law"),
            guards=(_needs_a_law,),
        ),
    ),
    record=_record,
    recipients=lambda district, to_status: addresses_of(
        Role.NETWORK_COORDINATOR, district=district
    ),
    district=lambda district: district,
)


def _unchanged(district: District) -> None:
    district.refresh_from_db()
    assert district.kind == K.COUNTY
    assert not LogEntry.objects.exists()
    assert not AuditEntry.objects.filter(object_id=str(district.pk), changes__kind__isnull=False)


def test_a_step_from_the_wrong_state_is_refused_and_changes_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    lks = world.users["state_coordinator"]
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(WrongState, match="„Landkreis“ nicht möglich"),
    ):
        REFORM.transition(world.district, "make_county", by=lks, law="§ 1")
    assert callbacks == [] and mailoutbox == []
    _unchanged(world.district)


def test_a_person_without_permission_is_refused_and_changes_nothing(
    world, django_capture_on_commit_callbacks
):
    coordinator = world.users["network_coordinator"]
    assert REFORM.allowed(coordinator, world.district) == []
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(NotAllowed):
        REFORM.transition(world.district, "make_city", by=coordinator, note="wir wollen")
    assert callbacks == []
    _unchanged(world.district)


def test_an_unknown_step_is_refused(world):
    with pytest.raises(UnknownTransition):
        REFORM.transition(world.district, "dissolve", by=world.users["state_coordinator"])
    _unchanged(world.district)


def test_required_details_and_guards_refuse_with_their_message(world):
    lks = world.users["state_coordinator"]
    with pytest.raises(GuardFailed) as refused:
        REFORM.transition(world.district, "make_city", by=lks, note="   ")  # blank is missing
    assert refused.value.problems == ["Bitte begründen."]
    _unchanged(world.district)
    REFORM.transition(world.district, "make_city", by=lks, note="Kreisreform")
    with pytest.raises(GuardFailed, match="Ohne Gesetz"):
        REFORM.transition(world.district, "make_county", by=lks)
    REFORM.transition(world.district, "make_county", by=lks, law="§ 1")
    world.district.refresh_from_db()
    assert world.district.kind == K.COUNTY


def test_a_step_writes_state_row_and_audit_and_mails_only_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    lks, coordinator = world.users["state_coordinator"], world.users["network_coordinator"]
    assert [t.name for t in REFORM.allowed(lks, world.district)] == ["make_city"]
    with django_capture_on_commit_callbacks() as callbacks:
        row = REFORM.transition(world.district, "make_city", by=lks, note="  Kreisreform  ")
        assert mailoutbox == []  # not before the commit
    world.district.refresh_from_db()
    assert world.district.kind == K.CITY
    assert LogEntry.objects.get() == row
    assert row.user == lks and row.change_message == "county → city: Kreisreform"
    entry = AuditEntry.objects.get(object_id=str(world.district.pk))
    assert entry.changes == {"kind": ["county", "city"]} and entry.actor == lks
    assert entry.district == world.district
    assert len(callbacks) == 1
    callbacks[0]()
    sent = mailoutbox[0]
    assert sent.to == [coordinator.email]
    assert sent.subject == f"Lotse: {world.district.name} – Kreisfreie Stadt"
    assert "hat einen neuen Stand: Kreisfreie Stadt (vorher: Landkreis)" in sent.body
    assert "geändert von lks@test.example" in sent.body and "Kreisreform" in sent.body
    assert f"/arbeitsbereich/{world.district.ags}/" in sent.body


def test_a_step_rolled_back_afterwards_never_mails(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    class Undo(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        REFORM.transition(
            world.district, "make_city", by=world.users["state_coordinator"], note="x"
        )
        raise Undo
    assert mailoutbox == []
    _unchanged(world.district)


def test_the_object_row_is_locked_for_the_step(world):
    """On PostgreSQL SELECT … FOR UPDATE OF the object's own table; SQLite has no row
    locks (it writes one transaction at a time) and runs the same code without them."""
    with CaptureQueriesContext(connection) as queries:
        REFORM.transition(
            world.district, "make_city", by=world.users["state_coordinator"], note="x"
        )
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    if connection.features.has_select_for_update:
        assert len(locking) == 1 and 'FOR UPDATE OF "regions_district"' in locking[0]
    else:
        assert locking == []


@pytest.mark.skipif(not connection.features.has_select_for_update, reason="SQLite has no row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # threads, own connections
def test_two_people_at_once_take_the_step_once():
    """The second waits for the first one's lock, then finds the new state."""
    district = District.objects.get(ags="13075")
    lks = UserFactory(email="lks-gleichzeitig@test.example")
    MembershipFactory(user=lks, role=Role.STATE_COORDINATOR)
    locked, outcome = threading.Event(), {}

    def first() -> None:
        with transaction.atomic():
            District.objects.select_for_update().get(pk=district.pk)
            locked.set()
            time.sleep(0.5)
            District.objects.filter(pk=district.pk).update(kind=K.CITY)
        connection.close()

    def second() -> None:
        locked.wait()
        try:
            REFORM.transition(district, "make_city", by=lks, note="auch")
        except WrongState as refused:
            outcome["refused"] = refused
        connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "refused" in outcome and not LogEntry.objects.exists()


def test_the_mail_goes_out_in_the_sites_language_not_the_pages(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    translation.activate("en")  # the LKS reads the English pages …
    with django_capture_on_commit_callbacks(execute=True):
        REFORM.transition(
            world.district, "make_city", by=world.users["state_coordinator"], note="x"
        )
    assert mailoutbox[-1].body.startswith("Guten Tag,")  # … the district gets German


def test_the_mail_is_translated(
    world, english_site, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        REFORM.transition(
            world.district, "make_city", by=world.users["state_coordinator"], note="Reform"
        )
    english = mailoutbox[-1]
    assert english.subject == f"Lotse: {world.district.name} – District-free city"
    assert english.body.startswith("Hello,\n")
    assert "has a new status: District-free city (previously: District)" in english.body
    assert "To the page in Lotse: http" in english.body
    assert "Guten Tag" not in english.body and "Zur Seite" not in english.body


def test_a_definition_with_a_typo_fails_on_import():
    def reform(sources, **step) -> Workflow:
        return Workflow(
            model=District,
            state_field="kind",
            transitions=(
                Transition(
                    name="x", label="x", sources=sources, target=K.CITY, allowed=_lks, **step
                ),
            ),
            record=_record,
            recipients=lambda district, to_status: [],
            district=lambda district: district,
        )

    assert list(reform((K.COUNTY,)).transitions) == ["x"]
    with pytest.raises(ImproperlyConfigured, match="unknown states"):
        reform(("town",))
    with pytest.raises(ImproperlyConfigured, match="does not ask for"):
        reform((K.COUNTY,), required={"note": Required(message="Bitte begründen.")})


def test_the_engine_imports_no_app_with_a_workflow():
    """lotse.workflow may use lotse.core, lotse.regions and lotse.accounts, nothing else of
    Lotse: the apps import the engine, never the other way round."""
    allowed = {"lotse.core", "lotse.regions", "lotse.accounts", "lotse.workflow"}
    package = Path(__file__).resolve().parent.parent
    found = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    lotse = {name for name in found if name == "lotse" or name.startswith("lotse.")}
    assert lotse and all(".".join(name.split(".")[:2]) in allowed for name in lotse), lotse


def test_each_recipient_gets_the_mail_in_the_language_they_chose(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = world.users["network_coordinator"]
    coordinator.language = "uk"
    coordinator.save()
    colleague = UserFactory(email="kollegin@test.example")
    MembershipFactory(user=colleague, role=Role.NETWORK_COORDINATOR, district=world.district)
    with django_capture_on_commit_callbacks(execute=True):
        REFORM.transition(
            world.district, "make_city", by=world.users["state_coordinator"], note="Reform"
        )
    by_address = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(by_address) == {(coordinator.email,), (colleague.email,)}
    assert by_address[(colleague.email,)].body.startswith("Guten Tag,")  # no choice: German
    ukrainian = by_address[(coordinator.email,)]
    assert "Guten Tag" not in ukrainian.body and "Reform" in ukrainian.body
    assert ukrainian.subject != by_address[(colleague.email,)].subject
