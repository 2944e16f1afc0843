"""The move of the two old status trackers (the network's per item code, the documents'
per module) to one status per district × item × year keeps their data and history."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Migrations run outside a test transaction; the reference data comes back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [
    ("networks", "0010_standard_reviews_and_platform_moved"),
    ("documents", "0002_published_concepts_and_edition_steps"),
]
AFTER = [
    ("networks", "0011_item_status_per_year"),
    ("documents", "0003_module_statuses_moved_to_item_status"),
]


def migrate(nodes):
    """Migrate networks and documents to `nodes`, every other app to its newest state."""
    executor = MigrationExecutor(connection)
    apps = {app for app, _name in nodes}
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in apps]
    targets += nodes
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_both_trackers_move_to_one_status_per_year(old_apps):
    User = old_apps.get_model("accounts", "User")
    Network = old_apps.get_model("networks", "Network")
    RequirementStatus = old_apps.get_model("networks", "RequirementStatus")
    Document = old_apps.get_model("documents", "Document")
    ModuleStatus = old_apps.get_model("documents", "ModuleStatus")
    StateConcept = old_apps.get_model("concept", "StateConcept")
    StateConceptItem = old_apps.get_model("concept", "StateConceptItem")
    edition = StateConcept.objects.filter(status="published").order_by("-valid_from").first()
    coordinator = User.objects.create(email="netzwerk@test.example", password="x")
    network = Network.objects.get(district__ags="13075", parent=None)
    RequirementStatus.objects.create(
        network=network, item_code="FB-I-M3", status="achieved", comment="6 Treffen",
        set_by=coordinator,
    )  # fmt: skip
    RequirementStatus.objects.create(network=network, item_code="FB-I-E2", status="not_applicable")
    report = Document.objects.create(
        kind="annual_report", district=network.district, state_concept=edition, year=2025,
        due_on=datetime.date(2026, 3, 31),
    )  # fmt: skip

    def module(code):
        return StateConceptItem.objects.get(state_concept=edition, code=code)

    ModuleStatus.objects.create(
        document=report, module=module("FB-I-E6"), status="planned", goals="Kinderärzte"
    )
    ModuleStatus.objects.create(document=report, module=module("FB-I-E1"), status="not_started")

    new_apps = migrate(AFTER)
    ItemStatus = new_apps.get_model("networks", "ItemStatus")
    this_year = timezone.localdate().year
    moved = {
        (s.item.code, s.year): s
        for s in ItemStatus.objects.filter(district__ags="13075").select_related("item")
    }
    assert set(moved) == {("FB-I-M3", this_year), ("FB-I-E2", this_year), ("FB-I-E6", 2025)}
    assert moved[("FB-I-M3", this_year)].status == "achieved"
    assert moved[("FB-I-M3", this_year)].reason == "6 Treffen"
    assert moved[("FB-I-M3", this_year)].updated_by_id == coordinator.pk
    # "nicht zutreffend" without a comment keeps its status and says it came without a reason.
    assert "ohne Begründung" in moved[("FB-I-E2", this_year)].reason
    assert moved[("FB-I-E6", 2025)].goals == "Kinderärzte"
    # The old preset "nicht begonnen" nobody set stays unassessed; each move is a change.
    change = moved[("FB-I-M3", this_year)].changes.get()
    assert (change.from_status, change.to_status, change.by_label) == (
        "",
        "achieved",
        "netzwerk@test.example",
    )
