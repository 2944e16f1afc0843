"""Languages by name, German-only text marked as such, easy-read stale with the German text."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lotse.offers.forms import FinderForm, OfferForm
from lotse.offers.hsds_import import import_services
from lotse.offers.languages import language_name, language_names
from lotse.offers.models import Offer, OfferTranslation
from lotse.offers.tests.samples import hsds_service
from lotse.offers.tests.test_upkeep import offer_form
from lotse.offers.translations import (
    current_easy_read,
    described_only_in_german,
    german_text_digest,
)

pytestmark = pytest.mark.django_db
FINDER = reverse("offers:finder")
ONLY_GERMAN = "Dieses Angebot ist nur auf Deutsch beschrieben."


@pytest.fixture
def live_offer(world) -> Offer:
    """An approved Eltern-Café in Greifswald (13075), held in German and Arabic."""
    organization = {"id": str(world.organization.id), "name": world.organization.name}
    [offer] = import_services([hsds_service(organization=organization)])
    return offer


# --- Names ----------------------------------------------------------------------------------


def test_a_language_is_named_in_the_page_language():
    with translation.override("de"):
        assert language_name("ar") == "Arabisch"
        assert language_names(["de", "ar"]) == ["Arabisch", "Deutsch"]
    with translation.override("en"):
        assert language_names(["de", "ar"]) == ["Arabic", "German"]
    with translation.override("ru"):
        assert language_name("uk") == "Украинский"


def test_codes_django_lacks_have_names_and_unknown_codes_stay_codes():
    with translation.override("de"):
        assert language_name("ti") == "Tigrinya"
        assert language_name("ku") == "Kurdisch"
        assert language_name("zh") == "Chinesisch"
        assert language_name("xx") == "xx"


def test_an_offer_without_languages_is_held_in_german():
    with translation.override("en"):
        assert language_names([]) == ["German"]


def test_the_filters_name_languages_in_the_page_language_and_in_their_own(world):
    """A parent who reads only Arabic finds "العربيّة" on the German page too."""
    with translation.override("en"):
        labels = dict(FinderForm().fields["language"].choices)
        assert labels["ar"] == "Arabic (العربيّة)" and labels["uk"] == "Ukrainian (Українська)"
        assert labels["en"] == "English"  # the same in both: once
        offer_labels = dict(
            OfferForm(organizations=world.organization.__class__.objects.none())
            .fields["languages"]
            .choices
        )
        assert offer_labels["fa"] == "Persian (فارسی)"
    with translation.override("de"):
        assert dict(FinderForm().fields["language"].choices)["ar"] == "Arabisch (العربيّة)"


def test_the_offer_page_and_the_cards_show_languages_by_name(live_offer, client):
    german = client.get(live_offer.get_absolute_url()).content.decode()
    assert "<dd>Arabisch, Deutsch</dd>" in german
    english = client.get("/en" + live_offer.get_absolute_url()).content.decode()
    assert "<dd>Arabic, German</dd>" in english
    cards = client.get(FINDER, {"where": "17489"}).content.decode()
    assert "Sprachen: Arabisch, Deutsch" in cards
    english_cards = client.get("/en" + FINDER, {"where": "17489"})
    assert "Arabic, German" in english_cards.content.decode()
    assert "ar, de" not in german + english + cards


# --- German-only text ------------------------------------------------------------------------


def test_german_only_text_is_marked_and_explained_on_other_language_pages(live_offer, client):
    german_page = live_offer.get_absolute_url()  # before a request switches the language
    arabic = client.get("/ar" + german_page).content.decode()
    assert 'dir="rtl"' in arabic
    assert f'<h1 lang="de" dir="ltr">{live_offer.name}</h1>' in arabic
    assert '<p class="lead" lang="de" dir="ltr">' in arabic
    with translation.override("ar"):
        assert gettext(ONLY_GERMAN) in arabic
    cards = client.get("/ar" + FINDER, {"where": "17489"}).content.decode()
    assert f'lang="de" dir="ltr">{live_offer.name}</a>' in cards
    # German pages need no note.
    assert ONLY_GERMAN not in client.get(german_page).content.decode()


def test_a_current_translation_needs_no_note_until_the_german_text_changes(live_offer, client):
    OfferTranslation.objects.create(
        offer=live_offer,
        language="en",
        name="Parents' café",
        description="Meet other parents.",
        source_digest=german_text_digest(live_offer),
    )
    page = "/en" + live_offer.get_absolute_url()
    with translation.override("en"):
        note = gettext(ONLY_GERMAN)
    content = client.get(page).content.decode()
    assert note not in content and "<h1>Parents&#x27; café</h1>" in content

    Offer.objects.filter(pk=live_offer.pk).update(description="Ein neuer Text.")
    assert note in client.get(page).content.decode()


def test_described_only_in_german_goes_by_the_page_language(live_offer):
    offer = Offer.objects.prefetch_related("translations").get(pk=live_offer.pk)
    assert described_only_in_german(offer, "ar")
    assert not described_only_in_german(offer, "de")
    assert not described_only_in_german(offer, None)


def test_the_offer_page_reads_names_and_translations_in_fixed_queries(
    live_offer, client, django_assert_max_num_queries
):
    page = "/ar" + live_offer.get_absolute_url()
    client.get(page)  # warms caches that are not the page's own
    with django_assert_max_num_queries(12) as few:
        client.get(page)
    for code in ("en", "uk", "ru", "tr", "pl"):
        live_offer.languages.create(code=code)
        OfferTranslation.objects.create(
            offer=live_offer, language=code, name="x", source_digest="old"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page)


# --- Easy-read -------------------------------------------------------------------------------


def edit_data(world, offer: Offer, **overrides) -> dict:
    """The edit form of the live offer as its editor would send it."""
    return offer_form(
        world,
        **{
            "offer-name": offer.name,
            "offer-description": offer.description,
            "venue-INITIAL_FORMS": "1",
            "venue-0-location_id": str(offer.service_at_locations.get().location_id),
            **overrides,
        },
    )


def test_easy_read_goes_stale_with_the_description_until_written_again(
    world, live_offer, network_coordinator, client
):
    # Edits that go live at once: a provider's own wait for the coordinator (test_change_review).
    provider_editor = network_coordinator
    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": live_offer.pk})
    manage = reverse("upkeep:offer", kwargs={"offer_id": live_offer.pk})
    public = live_offer.get_absolute_url()
    easy = "Hier treffen sich Eltern mit Babys."
    assert provider_editor.post(edit, edit_data(world, live_offer, **{"offer-easy_read": easy}))
    assert easy in client.get(public).content.decode()
    assert "veraltet" not in provider_editor.get(manage).content.decode()

    # The description changes, the easy-read text does not: parents no longer see it.
    live_offer.refresh_from_db()
    changed = {"offer-easy_read": easy, "offer-description": "Jetzt auch mit Hebamme."}
    assert provider_editor.post(edit, edit_data(world, live_offer, **changed)).status_code == 302
    live_offer.refresh_from_db()
    assert live_offer.easy_read == easy and current_easy_read(live_offer) == ""
    content = client.get(public).content.decode()
    assert easy not in content and "In Leichter Sprache" not in content
    manage_page = provider_editor.get(manage).content.decode()
    assert "Eltern sehen den Text in Leichter Sprache nicht mehr" in manage_page

    # Written again, it is back.
    rewritten = {"offer-easy_read": "Hier treffen sich Eltern. Eine Hebamme ist da."}
    provider_editor.post(edit, edit_data(world, live_offer, **rewritten))
    live_offer.refresh_from_db()
    assert current_easy_read(live_offer) == rewritten["offer-easy_read"]
    assert "Eine Hebamme ist da." in client.get(public).content.decode()


def test_the_provider_can_confirm_that_unchanged_easy_read_still_fits(
    world, live_offer, network_coordinator, client
):
    # Edits that go live at once: a provider's own wait for the coordinator (test_change_review).
    provider_editor = network_coordinator
    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": live_offer.pk})
    easy = "Hier treffen sich Eltern."
    Offer.objects.filter(pk=live_offer.pk).update(easy_read=easy, easy_read_digest="old")
    live_offer.refresh_from_db()
    assert 'name="offer-easy_read_fits"' in provider_editor.get(edit).content.decode()
    unconfirmed = edit_data(world, live_offer, **{"offer-easy_read": easy})
    provider_editor.post(edit, unconfirmed)
    live_offer.refresh_from_db()
    assert current_easy_read(live_offer) == ""

    confirmed = edit_data(
        world, live_offer, **{"offer-easy_read": easy, "offer-easy_read_fits": "on"}
    )
    assert provider_editor.post(edit, confirmed).status_code == 302
    live_offer.refresh_from_db()
    assert current_easy_read(live_offer) == easy
    assert easy in client.get(live_offer.get_absolute_url()).content.decode()


def test_removing_the_easy_read_text_clears_its_digest(world, live_offer, network_coordinator):
    provider_editor = network_coordinator  # edits live at once (a provider's wait for review)
    edit = reverse("upkeep:offer_edit", kwargs={"offer_id": live_offer.pk})
    provider_editor.post(edit, edit_data(world, live_offer, **{"offer-easy_read": "Kurz."}))
    live_offer.refresh_from_db()
    assert live_offer.easy_read_digest == german_text_digest(live_offer)
    provider_editor.post(edit, edit_data(world, live_offer, **{"offer-easy_read": ""}))
    live_offer.refresh_from_db()
    assert live_offer.easy_read == "" and live_offer.easy_read_digest == ""
