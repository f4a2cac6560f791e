"""Keyboard and small screens in Debian's chromium (WCAG 2.1 AA): character-key shortcuts, the
navigation drawer, reflow of the practice table, focus under the sticky header, wide tables, the
map, the 404 page, landmark names, forced colours, and axe at 320, 390, 1024 and 1280 px.

The real site is served from a loopback port (fixtures from tests/test_search_browser.py).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from generator.build import read_settings
from tests.conftest import REPO
from tests.test_search_browser import WCAG_TAGS

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (320, 390, 1024, 1280)
BASE_PATH = urlsplit(read_settings(REPO).site_url).path  # MkDocs links the 404 page from here
DRAWER_LINKS = ".md-sidebar--primary a"


def open_404(page, base: str) -> None:
    """The 404 page, its links from the site's base path answered by the local server's root."""
    page.route(f"**{BASE_PATH}**", lambda route: route.continue_(url=route.request.url.replace(BASE_PATH, "/", 1)))
    page.goto(base + "404.html")


def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def test_typing_a_word_on_a_page_goes_nowhere(page, server):
    """WCAG 2.1.4: no single-character shortcut. Material's n, p, '.' and ',' are stopped, and '/'
    does not jump to the search field (the site has no shortcut of its own)."""
    page.goto(server[0])
    start = page.url
    page.keyboard.type("naoberfonds.,p/")
    page.wait_for_timeout(300)
    assert page.url == start
    assert page.evaluate("document.activeElement === document.body")


@pytest.mark.parametrize("width", [390, 1024])
def test_closed_drawer_is_out_of_the_tab_order_and_the_menu_button_works(page, server, width):
    """Below 1220 px the drawer is off-screen: closed, none of its links takes focus; the menu
    button is focusable, named, says whether it is open, opens by keyboard, and Escape closes it."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server[0] + "praktijken/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    for _ in range(12):  # skip link, logo, menu, header search … and into the content
        page.keyboard.press("Tab")
        assert not focused(page, DRAWER_LINKS), "a link of the closed drawer took the focus"
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")  # slid in
    for _ in range(30):
        page.keyboard.press("Tab")
        if focused(page, DRAWER_LINKS):
            break
    else:
        pytest.fail("Tab never reached the open drawer's links")
    box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return [r.left, r.right]; })()")
    assert 0 <= box[0] and box[1] <= width, f"the focused drawer link is off-screen: {box}"
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    assert focused(page, 'label[for="__drawer"]')


def test_on_a_wide_screen_the_whole_menu_is_in_the_sidebar_and_opens_by_keyboard(page, server):
    """From 1220 px the sidebar shows the whole menu (the page's one copy of it, no tabs above), and its
    section "Over" opens from the keyboard."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server[0] + "praktijken/naoberfonds/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    for name in ("Start", "Praktijken", "Gemeenten", "Thema's", "Doelgroepen", "Organisaties", "Bronnen", "Zoeken"):
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    about = menu.get_by_role("link", name="Toegankelijkheidsverklaring")
    expect(about).to_be_hidden()
    menu.locator("label.md-nav__link", has_text="Over").focus()
    page.keyboard.press("Enter")
    expect(about).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Over de Praktijkbank")).to_be_focused()


WORDS_BROKEN = """table => {
  const broken = [];
  for (const cell of table.querySelectorAll("td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s-]+-?/g)) {  // a line may end after a hyphen
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_practice_table_reflows_on_a_phone(page, server, width):
    """The overview becomes a card per practice: no sideways scrolling, no word split over two lines,
    and each card names its columns."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(server[0] + "praktijken/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    table = page.locator("table.pb-praktijktabel")
    assert table.evaluate(WORDS_BROKEN) == []
    first = table.locator("tbody tr").first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    assert first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content") == '"Gemeente: "'
    sort = page.get_by_role("button", name="Gemeente")
    sort.click()
    expect(page.locator("th").nth(1)).to_have_attribute("aria-sort", "ascending")


def test_focus_is_not_hidden_under_the_sticky_header_when_tabbing_backwards(page, server):
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(server[0] + "praktijken/")
    page.locator("table.pb-praktijktabel tbody a").last.focus()
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        if page.evaluate("!!document.activeElement.closest('table')"):
            assert top >= header_bottom, f"focused link at {top}px is under the header (ends at {header_bottom}px)"


@pytest.mark.parametrize("path", ["open-data/", "velden/"])
def test_wide_tables_are_named_keyboard_regions(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(server[0] + path)
    regions = page.locator(".md-typeset__scrollwrap")
    wide = [i for i in range(regions.count()) if regions.nth(i).evaluate("b => b.scrollWidth > b.clientWidth + 1")]
    assert wide, "no table is wider than the phone screen; the test proves nothing"
    for i in wide:
        region = regions.nth(i)
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("aria-label", re.compile(r"^Tabel: \S"))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


# A point of a map link's own area, in the map's client coordinates (a region's first area; its
# box's centre may lie outside it or on a neighbour drawn later).
POINT_ON_LINK = """a => {
    const path = a.querySelector('path'), box = path.getBBox(), ctm = path.getScreenCTM();
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
        const point = new DOMPoint(box.x + box.width * i / 10, box.y + box.height * j / 10);
        const client = point.matrixTransform(ctm);
        if (path.isPointInFill(point) && document.elementFromPoint(client.x, client.y)?.closest('a') === a) {
            return [client.x, client.y];
        }
    }
    return null;
}"""


def test_the_map_agrees_with_its_text_adds_no_tab_stops_and_opens_places_in_the_page(page, server):
    page.goto(server[0] + "gemeenten/")
    figure = page.locator("figure.pb-kaartfiguur")
    embedded = figure.locator("object")
    expect(embedded).to_have_attribute("tabindex", "-1")
    expect(embedded).to_have_accessible_name("Kaart van Nederland")
    (kaart,) = [frame for frame in page.frames if frame.url == urljoin(page.url, embedded.get_attribute("data"))]
    links = kaart.locator("a")
    assert links.evaluate_all("links => links.every(a => a.getAttribute('tabindex') === '-1' && a.closest('[aria-hidden=true]'))")
    caption = figure.locator("figcaption").inner_text()
    stated = int(re.search(r"Gekleurd zijn de (\d+) plaats", caption).group(1))
    assert stated == links.count()
    on_map = {urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1] for href in links.evaluate_all("a => a.map(l => l.href.baseVal)")}
    listed = page.locator(".pb-kaartlijst a")
    for i in range(listed.count()):
        place = listed.nth(i)
        slug = urlsplit(place.evaluate("a => a.href")).path.rstrip("/").rsplit("/", 1)[-1]
        assert slug in on_map or place.inner_text() in caption, f"{slug} is neither on the map nor named in its caption"
    # text: "N gemeenten en regio's hebben praktijken" is the length of the list
    assert page.locator(".pb-lead").inner_text().startswith(f"{listed.count()} ")
    # from the text before the map, the next tab stop is the list beside it
    page.locator(".pb-lead").click()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href") == listed.first.evaluate("a => a.href")
    # a click on a coloured place opens its profile in the page, not in the map's frame
    link = links.first
    x, y = link.evaluate(POINT_ON_LINK)
    box = embedded.bounding_box()
    target = urljoin(kaart.url, link.evaluate("a => a.href.baseVal"))
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.url == target


def test_404_page_is_dutch_with_skip_link_search_and_ways_on(page, server):
    open_404(page, server[0])
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Ga naar inhoud")
    page.keyboard.press("Enter")
    assert focused(page, "h1")
    expect(page.get_by_role("search").get_by_label("Zoek in de Praktijkbank")).to_be_visible()
    hrefs = page.locator("article a").evaluate_all("a => a.map(l => l.getAttribute('href'))")
    for target in ("praktijken/", "gemeenten/", "themas/"):
        assert any(href.endswith("/" + target) for href in hrefs), (target, hrefs)


def test_landmarks_have_dutch_names(page, server):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server[0] + "praktijken/naoberfonds/")
    names = page.locator("nav[aria-label], header[aria-label], footer[aria-label], aside[aria-label]").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    assert "Paginakop" in names and "Hoofdmenu" in names, names
    assert not {"Header", "Tabs", "Footer"} & set(names), names


def test_header_search_field_has_a_border_in_forced_colours(page, server):
    page.emulate_media(forced_colors="active")
    page.goto(server[0])
    style = page.locator("#pb-kopzoek").evaluate(
        "f => { const s = getComputedStyle(f); return [s.borderTopStyle, parseFloat(s.borderTopWidth), s.borderTopColor]; }")
    assert style[0] != "none" and style[1] >= 1 and style[2] != "rgba(0, 0, 0, 0)", style


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "praktijken/", "gemeenten/", "praktijken/naoberfonds/", "open-data/", "404.html"])
def test_no_wcag_violations_at_every_width(page, server, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    if path == "404.html":
        open_404(page, server[0])
    else:
        page.goto(server[0] + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{path} scrolls sideways at {width} px"
