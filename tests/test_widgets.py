"""lotse.core.widgets.Select writes the same HTML as Django's template-rendered Select."""

import pytest
from django import forms
from django.test.html import parse_html

from lotse.core.widgets import Select

CHOICES = [("", "egal"), ("x", "X <&>"), ("Gruppe", [("g1", "G1"), ("g2", "G2")])]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, help_text="Hilfe")
    lotse = forms.ChoiceField(choices=CHOICES, help_text="Hilfe", widget=Select)


@pytest.mark.parametrize("value", ["", "x", "g2", "<unbekannt>"])
def test_same_html_as_django_for_every_state(value):
    form = Both({"django": value, "lotse": value})
    form.is_valid()
    ours = str(form["lotse"]).replace("lotse", "django")
    assert parse_html(ours) == parse_html(str(form["django"]))
    assert "&lt;&amp;&gt;" in ours
