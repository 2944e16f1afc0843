"""The forms of the contact points and helplines (validation at the edge; the rules for
phone, e-mail and hours are the models' validators from lotse.core.contact_details)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.offers import contacts
from lotse.offers.models import ContactPoint, Helpline


class ContactPointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = list(contacts.CONTACT_POINT_FIELDS)
        help_texts = {
            "office": _("z. B. „Netzwerkkoordination Frühe Hilfen im Jugendamt“"),
            "phone": _("Die Nummer, unter der Eltern jemanden erreichen, z. B. 03834 8760-0"),
            "address": _("Straße, PLZ und Ort, wo Eltern vorbeikommen können"),
            "hours": _("z. B. „Mo–Do 9–15 Uhr, Fr 9–12 Uhr“"),
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}


class HelplineForm(forms.ModelForm):
    class Meta:
        model = Helpline
        fields = list(contacts.HELPLINE_FIELDS)
        help_texts = {
            "phone": _("112 und 110 sind als kurze Nummern erlaubt, sonst mindestens 5 Ziffern."),
            "hours": _("z. B. „rund um die Uhr“ oder „Mo–Fr 9–17 Uhr“"),
            "for_crisis": _(
                "Steht dann oben bei einer Suche nach „Krise und Notfall“ und auf jeder "
                "Angebotsseite dieses Themas."
            ),
            "position": _("Kleinere Zahlen stehen weiter oben."),
            "last_checked": _(
                "Wann die Nummer zuletzt angerufen oder beim Anbieter geprüft wurde."
            ),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "last_checked": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_last_checked(self):
        checked = self.cleaned_data["last_checked"]
        if checked and checked > timezone.localdate():
            raise forms.ValidationError(
                _("Das Prüfdatum darf nicht in der Zukunft liegen."), code="future"
            )
        return checked
