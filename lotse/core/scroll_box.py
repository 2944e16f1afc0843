"""A box that scrolls sideways on its own, so a wide table never widens the page.

On a phone (320–360 px) a table of eight columns cannot fit; the page must still not scroll
sideways (WCAG 1.4.10 Reflow). The table scrolls inside its box instead:

    {% load scroll_box %}
    {% scroll_box %}
    <table><caption>Mittel je Landkreis</caption>…</table>
    {% endscroll_box %}

renders `<div class="table-scroll" role="region" tabindex="0" aria-label="Mittel je
Landkreis">…</div>`. The box is named by the table's caption, so a screen reader announces
what it holds, and it takes the keyboard focus, so it can be scrolled with the arrow keys
(WCAG 2.1.1). A table without a caption names its box by the heading above it,
`{% scroll_box labelledby="zahlen" %}` (the heading's id), or in words,
`{% scroll_box label=_("Werte") %}`.
"""

from __future__ import annotations

import html
import re

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()  # {% load scroll_box %} (settings: TEMPLATES libraries)

CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


def box_label(inner_html: str) -> str | None:
    """The text of the first table caption in the box, as plain words."""
    found = CAPTION.search(inner_html)
    if found is None:
        return None
    return " ".join(html.unescape(strip_tags(found.group(1))).split()) or None


class ScrollBoxNode(template.Node):
    def __init__(
        self, nodelist: template.NodeList, names: dict[str, template.base.FilterExpression]
    ):
        self.nodelist = nodelist
        self.names = names

    def render(self, context: template.Context) -> str:
        inner = self.nodelist.render(context)
        if "labelledby" in self.names:
            attribute, name = "aria-labelledby", self.names["labelledby"].resolve(context)
        else:
            label = self.names["label"].resolve(context) if "label" in self.names else None
            attribute, name = "aria-label", str(label) if label else box_label(inner)
        if not name:
            # An unnamed region is announced as "region" only: a defect, found by the tests.
            raise template.TemplateSyntaxError(
                "{% scroll_box %} needs a table with a <caption>, a label=… or a labelledby=…"
            )
        return format_html(
            '<div class="table-scroll" role="region" tabindex="0" {}="{}">{}</div>',
            attribute,
            name,
            mark_safe(inner),  # noqa: S308 - the template's own rendered output
        )


@register.tag("scroll_box")
def scroll_box(parser: template.base.Parser, token: template.base.Token) -> ScrollBoxNode:
    bits = token.split_contents()
    names = {}
    for bit in bits[1:]:
        name, _, value = bit.partition("=")
        if name not in ("label", "labelledby") or not value:
            raise template.TemplateSyntaxError(f"{bits[0]}: unknown argument {bit!r}")
        names[name] = parser.compile_filter(value)
    nodelist = parser.parse(("endscroll_box",))
    parser.delete_first_token()
    return ScrollBoxNode(nodelist, names)
