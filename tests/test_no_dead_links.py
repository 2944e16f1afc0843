"""No page shows a link its reader may not open: every link on every page a persona may
read (the permission matrix's 200s) leads to a page that persona gets (not 403, not 404)."""

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection

from conftest import PERSONAS
from tests.test_permission_matrix import EXPECTED, url_for

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
NOT_PAGES = ("/static/", "/media/", "/systemverwaltung/")
DOWNLOADS = (".pdf", ".xlsx", ".csv", ".ics", ".json", ".zip")  # no links inside


def links_on(html: str) -> set[str]:
    found = set()
    for href in LINK.findall(html):
        address = urlsplit(href.replace("&amp;", "&"))
        if address.scheme or address.netloc or not address.path.startswith("/"):
            continue  # another site, mailto:, tel:, or a fragment of this page
        if address.path.startswith(NOT_PAGES):
            continue
        found.add(address.path + (f"?{address.query}" if address.query else ""))
    return found


@pytest.mark.parametrize("column", range(len(PERSONAS)))
def test_every_link_on_a_readable_page_opens_for_its_reader(column, world, request):
    if connection.vendor != "sqlite":
        pytest.skip("links and access rules do not depend on the database; run once, on SQLite")
    client = request.getfixturevalue(PERSONAS[column])
    readable = [name for name, statuses in EXPECTED.items() if statuses[column] == 200]
    links: dict[str, str] = {}  # link -> a page that shows it
    opened: set[str] = set()
    for name in readable:
        url = url_for(name, world)
        if urlsplit(url).path.endswith(DOWNLOADS):
            continue
        response = client.get(url)
        opened.add(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(response.content.decode()):
            links.setdefault(link, name)
    assert links, PERSONAS[column]
    dead = {
        link: shown_on
        for link, shown_on in sorted(links.items())
        if link not in opened and client.get(link).status_code in (403, 404)
    }
    assert dead == {}, PERSONAS[column]
