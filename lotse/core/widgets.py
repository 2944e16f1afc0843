"""Form widgets written in Python where Django's template-per-option rendering is too slow.

Django renders every <option> through a template of its own: the finder's four selects
took about 15 % of the server's time under load (bench/load.py). The HTML here is the same
Django would write (attributes from get_context, so ids and aria-describedby stay).
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def _options(choices) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((option["value"], flatatt(option["attrs"]), option["label"]) for option in choices),
    )


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            format_html('<optgroup label="{}">{}</optgroup>', group, _options(choices))
            if group
            else _options(choices)
            for group, choices, _index in widget["optgroups"]
        ]
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            SafeString("".join(parts)),
        )
