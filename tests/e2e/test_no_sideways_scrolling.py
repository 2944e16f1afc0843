"""No page scrolls sideways on a phone: every page each persona may read, at 360 px wide.

The pages are found, not listed: every named URL the permission matrix gives a persona a 200
for, opened with the demo's objects, and then every page those pages link to (as the dead-link
test walks them), a few addresses per named URL. A page added tomorrow is covered as soon as
it has its row in the matrix or a link on a page that has one. The parents' pages are walked
once more in Arabic, right to left.
"""

from collections import Counter, deque
from io import StringIO
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from conftest import PERSONAS, verified_client
from lotse.accounts.models import User
from lotse.networks.models import Network
from lotse.offers import search_index
from lotse.offers.models import Offer
from lotse.regions.models import District, SocialArea
from tests.test_no_dead_links import DOWNLOADS, NOT_PAGES
from tests.test_permission_matrix import EXPECTED, url_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
# The demo's account for each persona of the permission matrix (lotse/demo/accounts.py).
DEMO_ACCOUNTS = {
    "parent": None,
    "provider_editor": "anbieter-1@lotse.example",
    "area_coordinator": "sozialraum-13075-1@lotse.example",
    "network_coordinator": "netzwerk-13075@lotse.example",
    "coordinator_elsewhere": "netzwerk-13071@lotse.example",
    "state_coordinator": "lks@lotse.example",
    "ministry": "ministerium@lotse.example",
    "grant_office": "landesamt@lotse.example",
}
# Addresses opened per named URL and persona, beyond the matrix's own: the layout of a page is
# its template's, so two objects show it (400 offer pages would only cost time); the longest
# words are put on purpose into one offer (offer_with_long_words).
SAMPLES_PER_PAGE = 2
OTHER_LANGUAGES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES if code != "de")

# Width of the page; if it is wider than the phone, the element that sticks out furthest (the
# innermost of equals, outside any box that scrolls on its own); and the page's links for the walk.
MEASURE = """(limit) => {
  const root = document.documentElement;
  // Inside a box that scrolls, an element may stand out of the box but not out of the page;
  // unless it is positioned against something outside the box.
  const scrollsItself = (el) => {
    let positioned = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.position !== 'static') positioned = false;
      if (style.overflowX !== 'visible' && !positioned) return true;
    }
    return false;
  };
  let widest = null;
  let worst = 0;
  if (root.scrollWidth > limit) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      // A word longer than its line sticks out of its element: scrollWidth counts it, unless
      // the element scrolls or clips (a table box, a map, an input field).
      const spills = getComputedStyle(el).overflowX === 'visible';
      const right = box.left + (spills ? Math.max(box.width, el.scrollWidth) : box.width);
      const over = Math.max(right - limit, -box.left);
      if (box.width === 0 || over < worst || over <= 0 || scrollsItself(el)) continue;
      worst = over;
      const classes = el.classList.length ? '.' + Array.from(el.classList).join('.') : '';
      const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
      widest = `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}> `
        + `${Math.round(box.width)} px wide, ${Math.round(over)} px out: "${text}"`;
    }
  }
  return {
    width: root.scrollWidth,
    widest: widest,
    links: Array.from(document.links, (a) => a.getAttribute('href')),
  };
}"""


def demo_world() -> SimpleNamespace:
    """The objects `url_for` of the permission matrix needs, from the demo (district 13075)."""
    district = District.objects.get(ags="13075")
    return SimpleNamespace(
        district=district,
        social_area=SocialArea.objects.get(district=district, name="Uecker-Randow"),
        network=Network.objects.get(district=district, parent=None),
    )


def offer_with_long_words() -> Offer:
    """A published offer with the longest words a parent meets: a German compound of 54
    letters, a web address and an e-mail address without a place to break."""
    offer = Offer.objects.published().order_by("name").first()
    Offer.objects.filter(pk=offer.pk).update(
        name="Familienhebammenbetreuungsangebotskoordinierungsstelle Vorpommern-Greifswald",
        description=(
            "Elternbegleitungsfortbildungsveranstaltungsreihe, Anmeldung: https://www.landkreis-"
            "vorpommern-greifswald.example/fruehe-hilfen/familienhebammen/anmeldung?quelle=lotse"
        ),
        email="familienhebammenkoordinierung.vorpommern-greifswald@landkreis.example",
    )
    search_index.refresh([offer.pk])
    return offer


def page_name(path: str, language: str) -> str | None:
    """The named URL behind a path of this site (None: not a page of Lotse)."""
    prefix = "" if language == "de" else f"/{language}"
    if prefix and not path.startswith(prefix + "/"):
        return None
    try:
        with translation.override(language):
            return resolve(path).view_name
    except Resolver404:
        return None


def pages_linked(hrefs: list[str], language: str) -> list[str]:
    found = []
    for href in hrefs:
        if not href:
            continue
        address = urlsplit(href.replace("&amp;", "&"))
        path = address.path
        if address.scheme or address.netloc or not path.startswith("/"):
            continue  # another site, mailto:, tel:, or a fragment of this page
        if path.startswith(NOT_PAGES) or path.endswith(DOWNLOADS):
            continue
        if language == "de" and path.startswith(OTHER_LANGUAGES):
            continue  # the same page in another language: the Arabic walk covers right to left
        found.append(path + (f"?{address.query}" if address.query else ""))
    return found


def walk(page, seeds: list[str], language: str) -> tuple[list[str], dict[str, str]]:
    """Open the seeds and what they link to: the pages measured, and what is wrong (a page
    too wide; a page that fails, or a seed that does not open, so it cannot be measured)."""
    queue = deque(seeds)
    queued = set(seeds)
    samples: Counter[str] = Counter()
    measured: list[str] = []
    wrong: dict[str, str] = {}
    while queue:
        url = queue.popleft()
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a file (CSV, spreadsheet), not a page
            raise
        if response is None or response.status != 200:
            # Who gets what is the matrix's and the dead-link test's; a page of the matrix
            # that does not open, or any that fails, is reported here.
            if url in seeds or response is None or response.status >= 500:
                wrong[url] = f"not measured: answers {response.status if response else None}"
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # JSON of the APIs, health check
        # Against the phone's width, not window.innerWidth: a mobile browser zooms out to fit
        # a page that is too wide, and its inner width then grows with the page.
        result = page.evaluate(MEASURE, PHONE["width"])
        measured.append(url)
        if result["width"] > PHONE["width"]:
            wrong[url] = f"{result['width']} px wide; widest: {result['widest']}"
        for link in pages_linked(result["links"], language):
            name = page_name(urlsplit(link).path, language)
            if link in queued or name is None or samples[name] >= SAMPLES_PER_PAGE:
                continue
            samples[name] += 1
            queued.add(link)
            queue.append(link)
    return measured, wrong


def phone_context(browser, live_server, persona: str):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=PHONE, is_mobile=True
    )
    email = DEMO_ACCOUNTS[persona]
    if email:
        client = verified_client(User.objects.get(email=email))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    context.set_default_timeout(15_000)
    return context


def test_no_page_of_any_persona_scrolls_sideways_at_360_px(browser, live_server):
    call_command("seed_demo", stdout=StringIO())
    world = demo_world()
    offer = offer_with_long_words()
    wrong: dict[str, str] = {}
    for column, persona in enumerate(PERSONAS):
        readable = [name for name, statuses in EXPECTED.items() if statuses[column] == 200]
        seeds = [url_for(name, world) for name in readable] + [offer.get_absolute_url()]
        seeds = [url for url in seeds if not urlsplit(url).path.endswith(DOWNLOADS)]
        context = phone_context(browser, live_server, persona)
        page = context.new_page()
        measured, found = walk(page, seeds, "de")
        if persona == "parent":
            with translation.override("ar"):
                arabic = [url_for(name, world) for name in readable] + [offer.get_absolute_url()]
            arabic_measured, arabic_found = walk(page, [u for u in arabic if u[:4] == "/ar/"], "ar")
            measured += arabic_measured
            found |= arabic_found
        context.close()
        # The walk went beyond the matrix's own addresses, to the pages behind their links.
        assert set(measured) - set(seeds), persona
        assert offer.get_absolute_url() in measured, persona
        wrong |= {f"{persona} {url}": what for url, what in found.items()}
    assert not wrong, "Too wide at 360 px, or broken:\n" + "\n".join(
        f"{page}: {what}" for page, what in sorted(wrong.items())
    )
