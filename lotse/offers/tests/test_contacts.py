"""Every result leads to a person: contacts of offers, the districts' contact points and the
helplines, on the finder, the offer pages, the home page, in the import and in the cache."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse

from lotse.accounts.models import AuditEntry
from lotse.core.contact_details import is_demo_contact, problem, tel_uri
from lotse.offers import contacts, hsds
from lotse.offers.approval import APPROVAL
from lotse.offers.hsds_import import ImportRefused, import_services
from lotse.offers.models import ContactPoint, Helpline, Offer
from lotse.offers.tests.samples import hsds_service, online_service, outreach_service
from lotse.regions.models import District
from lotse.workflow import GuardFailed

pytestmark = pytest.mark.django_db
FINDER = reverse("offers:finder")
POINT = {
    "office": "Netzwerkkoordination Frühe Hilfen im Jugendamt",
    "phone": "030 23125 042",
    "email": "fruehe-hilfen@jugendamt.example",
    "address": "Beispielstraße 1, Greifswald",
    "hours": "Mo–Do 9–15 Uhr",
}


def without_contact(**overrides) -> dict:
    """A record whose offer and provider give no phone, e-mail or web address."""
    record = hsds_service(**overrides)
    record.pop("email")
    return record


@pytest.fixture
def contact_point(db) -> ContactPoint:
    return ContactPoint.objects.create(district=District.objects.get(ags="13075"), **POINT)


# The rule: an offer reaches a person through its own details or its provider's


def test_an_offers_own_contact_comes_before_its_providers(db):
    record = hsds_service(phones=[{"number": "030 23125 001"}])
    record["organization"]["email"] = "info@traeger.example"
    [offer] = import_services([record])
    way = contacts.way_to_reach(offer)
    assert (way.phone, way.via_provider) == ("030 23125 001", False)


def test_without_its_own_contact_the_offer_shows_its_providers_as_such(client, db):
    record = without_contact()
    record["organization"]["phones"] = [{"number": "030 23125 002"}]
    [offer] = import_services([record])
    way = contacts.way_to_reach(offer)
    assert (way.phone, way.via_provider) == ("030 23125 002", True)
    content = client.get(offer.get_absolute_url()).content.decode()
    assert "Kontakt über den Träger" in content
    assert 'href="tel:03023125002"' in content


def test_an_offer_without_any_contact_is_not_approved(db, world):
    [offer] = import_services([hsds_service()], approved=False)
    Offer.objects.filter(pk=offer.pk).update(email="")
    offer.refresh_from_db()
    with pytest.raises(GuardFailed) as refusal:
        APPROVAL.transition(offer, "approve", by=world.users["network_coordinator"])
    assert refusal.value.problems == [str(contacts.NO_CONTACT)]
    assert Offer.objects.get(pk=offer.pk).approval == Offer.Approval.PENDING


def test_the_coordinator_is_told_why_an_offer_without_contact_waits(world, network_coordinator):
    [offer] = import_services([hsds_service()], approved=False)
    Offer.objects.filter(pk=offer.pk).update(email="")
    response = network_coordinator.post(
        reverse("upkeep:offer_approve", kwargs={"offer_id": offer.pk}),
        {"step": "approve"},
        follow=True,
    )
    assert "mindestens einen Weg zu einem Menschen" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).approval == Offer.Approval.PENDING


def test_a_provider_cannot_save_an_offer_without_contact(world, provider_editor):
    from lotse.offers.tests.test_upkeep import offer_form

    assert not (world.organization.phone or world.organization.email or world.organization.website)
    data = offer_form(world)
    for key in ("offer-phone", "offer-email", "offer-url"):
        data.pop(key, None)
    response = provider_editor.post(reverse("upkeep:offer_create"), data)
    assert response.status_code == 200
    assert "mindestens einen Weg zu einem Menschen" in response.content.decode()
    assert not Offer.objects.filter(name="Babymassage-Kurs").exists()
    response = provider_editor.post(
        reverse("upkeep:offer_create"), {**data, "offer-phone": "030 23125 003"}
    )
    assert response.status_code == 302
    assert Offer.objects.get(name="Babymassage-Kurs").phone == "030 23125 003"


# The HSDS import: all or nothing, the provider's phone kept


def test_an_import_with_an_offer_without_contact_is_refused_whole(db):
    with pytest.raises(ImportRefused) as refused:
        import_services([hsds_service(name="Mit Kontakt"), without_contact(name="Ohne")])
    [error] = refused.value.errors
    assert error.startswith("Datensatz 1 ")
    assert "keine Kontaktmöglichkeit" in error
    assert not Offer.objects.exists()


def test_the_providers_phone_is_imported_checked_and_exported(db):
    record = without_contact()
    record["organization"]["phones"] = [{"number": "0221 4710 123"}]
    [offer] = import_services([record])
    assert offer.organization.phone == "0221 4710 123"
    exported = hsds.export_service(offer)
    assert exported["organization"]["phones"][0]["number"] == "0221 4710 123"

    bad = without_contact()
    bad["organization"]["phones"] = [{"number": "ruf an"}]
    with pytest.raises(ImportRefused) as refused:
        import_services([bad])
    assert any("organization.phones[0].number" in error for error in refused.value.errors)


def test_hsds_contacts_stand_in_for_a_service_without_phone_or_email(db):
    record = without_contact(
        contacts=[{"name": "Beratungsstelle", "phones": [{"number": "069 90009 123"}]}]
    )
    [offer] = import_services([record])
    assert offer.phone == "069 90009 123"
    bad = without_contact(contacts=[{"email": "kein-at-zeichen"}])
    with pytest.raises(ImportRefused) as refused:
        import_services([bad])
    assert any("contacts[0].email" in error for error in refused.value.errors)


# The finder: a phone number from every result, the contact point, the helplines


def test_every_result_shows_a_way_to_call_and_the_contact_point_follows(client, contact_point):
    import_services(
        [
            hsds_service(phones=[{"number": "030 23125 010"}]),
            outreach_service("urn:de:ags:13075", phones=[{"number": "030 23125 011"}]),
            online_service(phones=[{"number": "030 23125 012"}]),
        ]
    )
    content = client.get(FINDER, {"where": "17489", "age": "12"}).content.decode()
    for number in ("03023125010", "03023125011", "03023125012"):
        assert f'href="tel:{number}"' in content
    assert content.index("Online und am Telefon") < content.index("Ihre Anlaufstelle")
    assert 'href="tel:03023125042"' in content
    assert "Demo-Daten" in content  # the demo numbers say that they reach nobody


def test_no_results_shows_the_contact_point_above_the_message(client, contact_point):
    import_services([hsds_service()])
    content = client.get(FINDER, {"where": "17489", "topic": "fruehfoerderung"}).content.decode()
    assert content.index("Ihre Anlaufstelle Frühe Hilfen") < content.index("kein passendes Angebot")


def test_a_crisis_search_shows_the_helplines_first(client, db):
    import_services([hsds_service(attributes=[{"taxonomy_term": {"code": "krise-notfall"}}])])
    content = client.get(FINDER, {"where": "17489", "topic": "krise-notfall"}).content.decode()
    assert 'href="tel:08004040020"' in content  # Hilfetelefon Schwangere in Not
    assert 'href="tel:08001110550"' in content  # Elterntelefon
    assert 'href="tel:112"' in content and 'href="tel:116117"' in content
    assert content.index("Sofort Hilfe am Telefon") < content.index("1 Angebot für 17489")
    assert "Sofort Hilfe am Telefon" not in client.get(FINDER, {"where": "17489"}).content.decode()


def test_the_crisis_link_shows_the_helplines_before_a_place_is_given(client, db):
    content = client.get(FINDER, {"topic": "krise-notfall"}).content.decode()
    assert "Sofort Hilfe am Telefon" in content
    assert "Bitte prüfen Sie Ihre Eingaben" not in content


def test_a_crisis_offer_page_shows_the_helplines_and_the_contact_point(client, contact_point):
    [offer] = import_services(
        [hsds_service(attributes=[{"taxonomy_term": {"code": "krise-notfall"}}])]
    )
    content = client.get(offer.get_absolute_url()).content.decode()
    assert content.index("Sofort Hilfe am Telefon") < content.index("Ihre Anlaufstelle")
    assert 'href="tel:03023125042"' in content


def test_after_a_search_the_form_folds_into_one_line(client, db):
    import_services([hsds_service()])
    content = client.get(FINDER, {"where": "17489", "age": "12"}).content.decode()
    assert '<details class="finder-fold">' in content
    assert "17489 Greifswald · 1 Jahr · 10 km" in content and "ändern" in content
    assert '<details class="finder-fold">' not in client.get(FINDER).content.decode()


def test_the_result_list_reads_contacts_without_a_query_per_result(
    client, contact_point, django_assert_max_num_queries
):
    import_services([hsds_service(name=f"Café {n}") for n in range(30)])
    with django_assert_max_num_queries(17):  # one more than before: the contact point
        response = client.get(FINDER, {"where": "17489"})
    assert response.content.decode().count('class="contact"') == 20


# The home page is for parents


def test_the_home_page_starts_with_the_search_and_the_contact_points(client, contact_point):
    content = client.get("/").content.decode()
    assert f'action="{FINDER}"' in content
    assert 'name="where"' in content and 'name="age"' in content
    assert 'href="tel:03023125042"' in content
    assert "AGS" not in content  # the districts' figures are on the staff side


# Keeping them: the coordinator her district, the LKS any and the helplines


def test_a_coordinator_keeps_her_districts_contact_point(world, network_coordinator):
    address = reverse("upkeep:contact_point", kwargs={"ags": "13075"})
    response = network_coordinator.post(address, POINT)
    assert response.status_code == 302
    point = ContactPoint.objects.get(district__ags="13075")
    assert point.phone == "030 23125 042"
    assert AuditEntry.objects.filter(object_id=str(point.pk)).exists()
    listing = network_coordinator.get(reverse("upkeep:contact_points")).content.decode()
    assert "Vorpommern-Greifswald" in listing and "Mecklenburgische Seenplatte" not in listing


def test_a_coordinator_cannot_touch_another_districts_contact_point(world, coordinator_elsewhere):
    address = reverse("upkeep:contact_point", kwargs={"ags": "13075"})
    assert coordinator_elsewhere.post(address, POINT).status_code == 404
    assert not ContactPoint.objects.exists()


def test_the_lks_keeps_any_districts_contact_point(world, state_coordinator):
    address = reverse("upkeep:contact_point", kwargs={"ags": "13071"})
    assert state_coordinator.post(address, POINT).status_code == 302
    assert ContactPoint.objects.get().district.ags == "13071"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "ruf an", "Bitte eine Telefonnummer aus Ziffern angeben"),
        ("phone", "12", "Bitte eine Telefonnummer aus Ziffern angeben"),
        ("email", "jugendamt", "gültige E-Mail-Adresse"),
        ("hours", "vormittags", "Bitte angeben, wann jemand erreichbar ist"),
        ("office", "", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_a_bad_contact_point_gets_a_german_message_and_changes_nothing(
    world, network_coordinator, contact_point, field, value, message
):
    address = reverse("upkeep:contact_point", kwargs={"ags": "13075"})
    response = network_coordinator.post(address, {**POINT, "phone": "0221 4710 999", field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ContactPoint.objects.get().phone == POINT["phone"]


HELPLINE = {
    "name": "Kinder- und Jugendtelefon",
    "phone": "116 111",
    "hours": "Mo–Sa 14–20 Uhr",
    "description": "Für Kinder und Jugendliche",
    "is_free": "on",
    "position": "9",
    "last_checked": "2026-01-05",
}


def test_the_lks_keeps_the_helplines(world, state_coordinator):
    assert state_coordinator.post(reverse("upkeep:helpline_create"), HELPLINE).status_code == 302
    helpline = Helpline.objects.get(name="Kinder- und Jugendtelefon")
    assert helpline.last_checked == datetime.date(2026, 1, 5)
    assert not helpline.for_crisis
    address = reverse("upkeep:helpline", kwargs={"helpline_id": helpline.pk})
    state_coordinator.post(address, {**HELPLINE, "hours": "Mo–Sa 14–20 Uhr, auch online"})
    assert Helpline.objects.get(pk=helpline.pk).hours == "Mo–Sa 14–20 Uhr, auch online"
    changes = AuditEntry.objects.filter(object_id=str(helpline.pk)).order_by("at").last().changes
    assert changes["hours"] == ["Mo–Sa 14–20 Uhr", "Mo–Sa 14–20 Uhr, auch online"]
    state_coordinator.post(reverse("upkeep:helpline_delete", kwargs={"helpline_id": helpline.pk}))
    assert not Helpline.objects.filter(pk=helpline.pk).exists()


def test_a_bad_helpline_gets_german_messages(world, state_coordinator):
    before = Helpline.objects.count()
    response = state_coordinator.post(
        reverse("upkeep:helpline_create"),
        {**HELPLINE, "phone": "0800 HILFE", "hours": "", "last_checked": "2999-01-01"},
    )
    content = response.content.decode()
    assert "Bitte eine Telefonnummer aus Ziffern angeben" in content
    assert "Das Prüfdatum darf nicht in der Zukunft liegen." in content
    assert Helpline.objects.count() == before


def test_only_the_lks_keeps_the_helplines(world, network_coordinator):
    assert network_coordinator.post(reverse("upkeep:helpline_create"), HELPLINE).status_code == 403


def test_the_real_helplines_are_there_from_the_start(db):
    numbers = {helpline.phone for helpline in Helpline.objects.all()}
    assert {"112", "116 117", "0800 40 40 020", "0800 111 0 550"} <= numbers
    assert not any(is_demo_contact(number) for number in numbers)


# The public cache shows a changed contact point or helpline at once


@pytest.fixture
def public_cache(settings):
    settings.LOTSE_PUBLIC_CACHE_SECONDS = 60
    caches["public_pages"].clear()
    yield
    caches["public_pages"].clear()


def test_cached_pages_show_a_changed_contact_point_at_once(
    client, public_cache, contact_point, world
):
    [offer] = import_services([hsds_service()])
    pages = ("/", "/angebote/?where=17489", offer.get_absolute_url())
    for page in pages:
        assert "03023125042" in client.get(page).content.decode()
    contacts.save_contact_point(
        district=contact_point.district,
        values={**POINT, "phone": "030 23125 777"},
        by=world.users["network_coordinator"],
    )
    for page in pages:
        content = client.get(page).content.decode()
        assert "03023125777" in content and "03023125042" not in content


def test_cached_crisis_pages_show_a_changed_helpline_at_once(client, public_cache, world):
    [offer] = import_services(
        [hsds_service(attributes=[{"taxonomy_term": {"code": "krise-notfall"}}])]
    )
    pages = ("/angebote/?where=17489&topic=krise-notfall", offer.get_absolute_url())
    for page in pages:
        assert "Elterntelefon" in client.get(page).content.decode()
    helpline = Helpline.objects.get(phone="0800 111 0 550")
    values = {name: getattr(helpline, name) for name in contacts.HELPLINE_FIELDS}
    contacts.save_helpline(
        helpline=helpline,
        values={**values, "name": "Elterntelefon der Nummer gegen Kummer"},
        by=world.users["state_coordinator"],
    )
    for page in pages:
        assert "Elterntelefon der Nummer gegen Kummer" in client.get(page).content.decode()


# The small rules underneath


def test_phone_links_hours_and_demo_numbers():
    assert tel_uri("03834 / 87 60-0") == "tel:0383487600"
    assert tel_uri("+49 30 23125 001") == "tel:+493023125001"
    assert problem("phone", "112") is None and problem("phone", "113") is not None
    assert problem("hours", "rund um die Uhr") is None
    assert problem("hours", "Di 14–18 Uhr") is None
    assert problem("hours", "nach Absprache") is not None
    assert is_demo_contact("030 23125 001") and is_demo_contact("info@traeger.example")
    assert not is_demo_contact("0800 111 0 550") and not is_demo_contact("030 23125 0011")
