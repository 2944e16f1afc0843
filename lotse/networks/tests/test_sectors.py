"""The sectors as data the LKS keeps: the first 15, renaming, adding, reordering and
retiring them, who may, and what the partner form, the coverage and FB-I-E6 make of it."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import AuditEntry
from lotse.networks.evidence import evidence_for, sector_coverage
from lotse.networks.models import Partner, Sector
from tests.factories import OrganizationFactory

LIST = reverse("networks:sector_list")
CREATE = reverse("networks:sector_create")


def edit_url(code: str) -> str:
    return reverse("networks:sector_edit", kwargs={"sector_id": Sector.objects.get(code=code).pk})


def partner(world, code: str, name: str) -> Partner:
    organization = OrganizationFactory(name=name, district=world.district)
    return Partner.objects.create(network=world.network, organization=organization, sector=code)


def partner_form(world) -> str:
    url = reverse(
        "networks:partner_create",
        kwargs={"ags": world.district.ags, "network_id": world.network.pk},
    )
    return url


def audit_of(sector: Sector):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Sector), object_id=str(sector.pk)
    )


def test_the_migration_sets_the_first_fifteen_sectors_with_their_codes(db):
    sectors = list(Sector.objects.all())
    assert len(sectors) == 15
    assert [s.code for s in sectors][:3] == [
        Sector.YOUTH_WELFARE,
        Sector.MIDWIVES,
        "maternity_clinics",
    ]
    assert sectors[-1].code == Sector.OTHER and sectors[-1].name == "Sonstige"
    assert {s.code for s in sectors if s.is_health_care} == {
        Sector.MIDWIVES,
        Sector.MATERNITY_CLINICS,
        Sector.PAEDIATRICIANS,
        Sector.GYNAECOLOGISTS,
        Sector.PUBLIC_HEALTH,
    }
    assert not any(s.retired_on for s in sectors)


def test_the_lks_renames_and_reorders_a_sector_with_an_audit_entry(world, state_coordinator):
    kept = partner(world, Sector.VOLUNTEERING, "Familienpaten Anklam")
    response = state_coordinator.post(
        edit_url(Sector.VOLUNTEERING),
        {"name": "Ehrenamt und Patenschaften", "position": "1", "is_health_care": ""},
    )
    assert response.status_code == 302
    sector = Sector.objects.get(code=Sector.VOLUNTEERING)
    assert sector.name == "Ehrenamt und Patenschaften"
    assert Sector.objects.filter(position=1).count() == 2
    entry = audit_of(sector).get()
    assert entry.changes["name"] == ["Ehrenamt", "Ehrenamt und Patenschaften"]
    assert entry.changes["position"] == [14, 1]
    # The partner keeps its code and shows the new name, on its list too.
    kept.refresh_from_db()
    assert kept.sector == Sector.VOLUNTEERING
    assert kept.get_sector_display() == "Ehrenamt und Patenschaften"
    page = state_coordinator.get(
        reverse(
            "networks:partner_list",
            kwargs={"ags": world.district.ags, "network_id": world.network.pk},
        )
    ).content.decode()
    assert "Ehrenamt und Patenschaften" in page


def test_the_lks_adds_a_sector_and_the_partner_form_offers_it(
    world, state_coordinator, network_coordinator
):
    response = state_coordinator.post(
        CREATE, {"name": "Wohnungslosenhilfe", "position": "16", "is_health_care": ""}
    )
    assert response.status_code == 302
    sector = Sector.objects.get(name="Wohnungslosenhilfe")
    assert sector.code == "wohnungslosenhilfe"
    assert audit_of(sector).get().action == AuditEntry.Action.CREATE
    form = network_coordinator.get(partner_form(world)).content.decode()
    assert 'value="wohnungslosenhilfe"' in form
    response = network_coordinator.post(
        partner_form(world), {"new_organization": "Wohnhilfe Pasewalk", "sector": sector.code}
    )
    assert response.status_code == 302
    assert Partner.objects.get(organization__name="Wohnhilfe Pasewalk").sector == sector.code
    # The coverage counts the sectors in use: now 16.
    assert sector_coverage([world.network]).total == 16
    network_page = network_coordinator.get(world.network.get_absolute_url()).content.decode()
    assert "von 16 Sektoren" in network_page


def test_a_name_taken_is_refused_in_german_and_nothing_changes(world, state_coordinator):
    response = state_coordinator.post(
        CREATE, {"name": "  hebammen und   familienhebammen ", "position": "3"}
    )
    assert response.status_code == 200
    assert "Einen Sektor mit dieser Bezeichnung gibt es schon." in response.content.decode()
    response = state_coordinator.post(edit_url(Sector.OTHER), {"name": "", "position": "x"})
    assert response.status_code == 200
    assert Sector.objects.count() == 15
    assert Sector.objects.get(code=Sector.OTHER).name == "Sonstige"
    assert not AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Sector)
    ).exists()


def test_retiring_a_sector_in_use_says_how_many_partners_keep_it(
    world, state_coordinator, network_coordinator
):
    kept = partner(world, Sector.POLICE_COURTS, "Polizeiinspektion Anklam")
    response = state_coordinator.post(
        edit_url(Sector.POLICE_COURTS),
        {"name": "Polizei und Justiz", "position": "13", "retired": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "1 aktiver Partner behält diesen Sektor" in page
    sector = Sector.objects.get(code=Sector.POLICE_COURTS)
    assert sector.retired_on == timezone.localdate()
    assert audit_of(sector).get().changes["retired_on"] == [None, sector.retired_on.isoformat()]
    # New partners are not offered it; the partner that has it keeps it when edited.
    assert (
        f'value="{Sector.POLICE_COURTS}"'
        not in network_coordinator.get(partner_form(world)).content.decode()
    )
    edit = reverse(
        "networks:partner_edit",
        kwargs={"ags": world.district.ags, "network_id": world.network.pk, "pk": kept.pk},
    )
    assert f'value="{Sector.POLICE_COURTS}"' in network_coordinator.get(edit).content.decode()
    refused = network_coordinator.post(
        partner_form(world), {"new_organization": "Amtsgericht", "sector": Sector.POLICE_COURTS}
    )
    assert refused.status_code == 200
    assert not Partner.objects.filter(organization__name="Amtsgericht").exists()
    # A retired sector does not count for the coverage.
    coverage = sector_coverage([world.network])
    assert coverage.total == 14 and Sector.POLICE_COURTS not in coverage.present
    # Reviving it.
    state_coordinator.post(
        edit_url(Sector.POLICE_COURTS), {"name": "Polizei und Justiz", "position": "13"}
    )
    assert Sector.objects.get(code=Sector.POLICE_COURTS).retired_on is None


def test_coordinators_and_the_ministry_read_only_the_lks_edits(
    world, network_coordinator, ministry, state_coordinator
):
    page = network_coordinator.get(LIST).content.decode()
    assert "Kinder- und Jugendhilfe" in page
    assert "festgelegt von der Landeskoordinierungsstelle" in page
    assert "Sektor hinzufügen" not in page
    assert "Sektor hinzufügen" in state_coordinator.get(LIST).content.decode()
    data = {"name": "Umbenannt", "position": "1"}
    assert network_coordinator.post(edit_url(Sector.OTHER), data).status_code == 403
    assert network_coordinator.post(CREATE, data).status_code == 403
    assert ministry.post(edit_url(Sector.OTHER), data).status_code == 403
    assert Sector.objects.get(code=Sector.OTHER).name == "Sonstige"
    assert not Sector.objects.filter(name="Umbenannt").exists()


def test_fb_i_e6_follows_the_health_care_flag(world, state_coordinator):
    partner(world, Sector.EARLY_INTERVENTION, "Frühförderstelle Anklam")
    year = timezone.localdate().year
    evidence = evidence_for(world.network, year)["FB-I-E6"]
    assert evidence.lines == ["Kein Partner aus dem Gesundheitswesen."]
    assert evidence.missing
    state_coordinator.post(
        edit_url(Sector.EARLY_INTERVENTION),
        {"name": "Frühförderung", "position": "7", "is_health_care": "on"},
    )
    evidence = evidence_for(world.network, year)["FB-I-E6"]
    assert evidence.lines == ["Gesundheitswesen: Frühförderung"]
    assert not evidence.missing
