"""The move of the sectors from code to data keeps every partner's sector."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrations run outside a test transaction; the reference data comes back afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("networks", "0012_linking_measures_as_agreements")]
AFTER = [("networks", "0013_sectors_set_by_the_lks")]


def migrate(nodes):
    """Migrate networks to `nodes`, every other app to its newest state."""
    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "networks"]
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


def test_every_partner_keeps_its_sector(old_apps):
    Network = old_apps.get_model("networks", "Network")
    Partner = old_apps.get_model("networks", "Partner")
    Organization = old_apps.get_model("organizations", "Organization")
    network = Network.objects.get(district__ags="13075", parent=None)
    for name, sector in (("Hebammenpraxis", "midwives"), ("Altbestand", "legacy_code")):
        organization = Organization.objects.create(name=name, district=network.district)
        Partner.objects.create(network=network, organization=organization, sector=sector)

    new_apps = migrate(AFTER)
    Sector = new_apps.get_model("networks", "Sector")
    Partner = new_apps.get_model("networks", "Partner")
    assert Sector.objects.filter(retired_on__isnull=True).count() == 15
    midwives = Sector.objects.get(code="midwives")
    assert midwives.name == "Hebammen und Familienhebammen" and midwives.is_health_care
    # A code no form offered stays readable, as a retired sector.
    legacy = Sector.objects.get(code="legacy_code")
    assert legacy.retired_on is not None and legacy.name == "legacy_code"
    codes = set(Sector.objects.values_list("code", flat=True))
    assert set(Partner.objects.values_list("sector", flat=True)) <= codes
