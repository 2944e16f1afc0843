"""The box a wide table scrolls in (lotse/core/scroll_box.py): a named, focusable region."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load scroll_box %}" + source).render(Context(context))


def test_the_box_is_named_by_the_table_caption_and_takes_the_focus():
    html = render(
        "{% scroll_box %}<table><caption>Mittel <em>je</em> Landkreis &amp; Stadt</caption>"
        "<tr><td>1</td></tr></table>{% endscroll_box %}"
    )
    assert html.startswith(
        '<div class="table-scroll" role="region" tabindex="0" '
        'aria-label="Mittel je Landkreis &amp; Stadt"><table>'
    )
    assert html.endswith("</table></div>")


def test_a_table_without_caption_is_named_by_a_label_in_the_active_language():
    source = '{% scroll_box label=_("Maßnahmen") %}<table></table>{% endscroll_box %}'
    assert 'aria-label="Maßnahmen"' in render(source)
    with translation.override("en"):
        assert 'aria-label="Measures"' in render(source)


def test_a_label_from_the_context_is_escaped():
    html = render(
        "{% scroll_box label=question %}<table></table>{% endscroll_box %}",
        question='Wie "gut" <b>war</b> es?',
    )
    assert 'aria-label="Wie &quot;gut&quot; &lt;b&gt;war&lt;/b&gt; es?"' in html


def test_or_by_the_heading_above_it():
    html = render(
        '<h2 id="zahlen">Zahlen</h2>{% scroll_box labelledby="zahlen" %}<table></table>'
        "{% endscroll_box %}"
    )
    assert 'role="region" tabindex="0" aria-labelledby="zahlen"' in html


def test_a_box_without_a_name_is_refused():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        render("{% scroll_box %}<table><tr><td>1</td></tr></table>{% endscroll_box %}")
    with pytest.raises(TemplateSyntaxError, match="unknown argument"):
        render('{% scroll_box title="x" %}<table></table>{% endscroll_box %}')
