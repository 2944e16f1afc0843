"""Forms of the monitoring pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.regions.models import Statistic


class StatisticsImportForm(forms.Form):
    file = forms.FileField(label=_("GENESIS-Export (CSV, Semikolon)"))
    kind = forms.ChoiceField(label=_("Merkmal"), choices=Statistic.Kind.choices)
    source = forms.CharField(label=_("Quelle"), max_length=300)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Erlaubt sind CSV-Dateien (.csv, .txt)."))
        return upload
