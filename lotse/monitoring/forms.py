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


class NzfhReportStartForm(forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=2018, max_value=2100)
    due_on = forms.DateField(
        label=_("fällig am"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class NzfhReportForm(forms.Form):
    due_on = forms.DateField(
        label=_("fällig am"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    remarks = forms.CharField(
        label=_("Erläuterungen der LKS"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NzfhStepForm(forms.Form):
    step = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("am"), required=False)
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=5000)
