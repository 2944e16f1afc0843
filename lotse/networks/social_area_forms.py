"""Forms for social areas."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.regions.models import Municipality, SocialArea


class SocialAreaForm(forms.ModelForm):
    """A social area: name, municipalities of the district, the area coordinator's e-mail."""

    coordinator_email = forms.EmailField(
        label=_("E-Mail der Sozialraumkoordination"),
        required=False,
        help_text=_(
            "Hat die Person noch kein Konto, erhält sie eine Einladung, ein Passwort festzulegen."
        ),
    )

    class Meta:
        model = SocialArea
        fields = ["name", "description", "municipalities"]
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["municipalities"].queryset = Municipality.objects.filter(
            district=district
        ).order_by("name")
        self.fields["municipalities"].error_messages["invalid_choice"] = _(
            "Diese Gemeinde gehört nicht zu diesem Landkreis."
        )
        self.fields["municipalities"].error_messages["required"] = _(
            "Bitte wählen Sie mindestens eine Gemeinde."
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = SocialArea.objects.filter(district=self.district, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("In diesem Landkreis gibt es schon einen Sozialraum mit diesem Namen.")
            )
        return name

    def clean_coordinator_email(self) -> str:
        return self.cleaned_data["coordinator_email"].strip().lower()
