"""lotse.core.widgets.Select writes the same HTML as Django's template-rendered Select."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
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


class Described(forms.Form):
    name = forms.CharField(help_text="So heißt es.")
    agreed = forms.BooleanField(help_text="Pflicht.")
    days = forms.MultipleChoiceField(
        choices=[("MO", "Montag"), ("TU", "Dienstag")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Mehrere möglich.",
    )


@pytest.mark.parametrize("data", [None, {}])
def test_every_aria_reference_of_a_field_names_an_element_on_the_page(data):
    """Screen readers read help and errors through aria-describedby: each id it names exists,
    once (the component renders the ids Django's widgets point at)."""
    form = Described(data)
    form.is_valid()
    html = "".join(
        render_to_string("components/field.html", {"field": form[name]}) for name in form.fields
    )
    references = [
        reference
        for value in re.findall(r'aria-describedby="([^"]*)"', html)
        for reference in value.split()
    ]
    assert len(references) >= (3 if data is None else 6)
    for reference in references:
        assert html.count(f'id="{reference}"') == 1, reference
