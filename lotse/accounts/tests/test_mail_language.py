"""People choose the language of their mails on their profile; mails follow it."""

from django.core import mail as outbox
from django.urls import reverse

from lotse.accounts.mail import by_language, send_in_their_language
from lotse.accounts.models import AuditEntry
from tests.factories import UserFactory


def test_addresses_are_grouped_by_the_language_each_person_chose(db, settings):
    UserFactory(email="a@test.example", language="ar")
    UserFactory(email="b@test.example")  # never chose: the installation's language
    UserFactory(email="c@test.example", language="ar")
    assert by_language(["c@test.example", "a@test.example", "b@test.example", "x@fremd.de"]) == {
        "ar": ["a@test.example", "c@test.example"],
        "de": ["b@test.example", "x@fremd.de"],
    }
    settings.LANGUAGE_CODE = "en"
    assert by_language(["b@test.example"]) == {"en": ["b@test.example"]}


def test_one_mail_per_language_rendered_in_it(db, mailoutbox):
    UserFactory(email="a@test.example", language="en")
    UserFactory(email="b@test.example")
    sent = send_in_their_language(
        ["a@test.example", "b@test.example"],
        "workflow/mail/status_change_subject.txt",
        "workflow/mail/status_change.txt",
        {"object": "Konzept", "step": "", "from_status": "", "to_status": "", "url": "/"},
    )
    assert sent == 2 and len(outbox.outbox) == 2
    english, german = sorted(mailoutbox, key=lambda m: m.to)
    assert english.body.startswith("Hello,") and german.body.startswith("Guten Tag,")


def test_the_profile_sets_the_mail_language_audited_and_refuses_unknown_ones(
    world, network_coordinator
):
    page = reverse("accounts:profile")
    assert "Sprache der E-Mails" in network_coordinator.get(page).content.decode()
    refused = network_coordinator.post(page, {"language": "xx"})
    assert refused.status_code == 200 and "gültige Auswahl" in refused.content.decode()
    user = world.users["network_coordinator"]
    user.refresh_from_db()
    assert user.language == ""
    assert network_coordinator.post(page, {"language": "tr"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "tr"
    entry = AuditEntry.objects.filter(object_id=str(user.pk)).latest("pk")
    assert entry.changes == {"language": ["", "tr"]}
