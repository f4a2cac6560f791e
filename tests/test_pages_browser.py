"""Pages in Debian's chromium: no stray sitemap requests, Material's scripts at work with our slimmed
page chrome, WCAG 2.1 A/AA at four widths for the pages that show how old their information is, and
what a printed page says about itself."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 390, 1024, 1280)
PAGES = ("", "praktijken/", "praktijken/naoberfonds/", "gemeenten/aalten/", "themas/eenzaamheid/",
         "organisaties/figulus-welzijn/", "bronnen/gouden-gemeenten-2017/", "over/", "toegankelijkheid/")


def test_pages_do_not_fetch_the_sitemap(browser, server):
    """Material fetches sitemap.xml once for every `link[rel=alternate]` (it takes them for translations)."""
    base, served = server
    page = browser.new_page()
    for path in ("", "praktijken/naoberfonds/"):
        served.clear()
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert served and not [p for p in served if p.endswith("sitemap.xml")], served
    page.close()


def test_materials_scripts_work_with_the_slim_chrome(browser, server):
    """main.html gives Material's bundle only `base` and `features`, and toc-item.html is our own:
    the page raises no script error, the table of contents marks the section in view and, as the
    feature toc.follow asks, scrolls it into sight in a window too low for the whole list; the
    header shows the page's title; the back-to-top button appears when the reader scrolls back up
    and takes them to the top."""
    page = browser.new_page(viewport={"width": 1280, "height": 400})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server[0] + "praktijken/buurtteams-utrecht/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    toc = page.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
    assert toc.evaluate("box => box.scrollHeight > box.clientHeight"), "the test needs a table of contents that scrolls"

    page.locator("h2#zie-ook").evaluate("heading => heading.scrollIntoView()")  # to the top of the window
    expect(toc.locator('a.md-nav__link[href="#zie-ook"]')).to_have_class(re.compile("md-nav__link--active"))
    page.wait_for_function("box => box.scrollTop > 0", arg=toc.element_handle(), timeout=5000)
    expect(page.locator(".md-header__title")).to_have_class(re.compile("md-header__title--active"))

    page.mouse.move(640, 200)
    page.mouse.wheel(0, -300)
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    top.click()
    page.wait_for_function("window.scrollY === 0")
    page.close()
    assert not errors, errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violations(browser, server, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(server[0] + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    page.close()
    assert results.violations_count == 0, results.generate_report()


# The practice table's own small-screen layout belongs to the keyboard-and-small-screens part of issue 14.
@pytest.mark.parametrize("path", [path for path in PAGES if path != "praktijken/"])
def test_no_sideways_scrolling_at_320_pixels(browser, server, path):
    """WCAG 1.4.10 Reflow: 320 CSS pixels (1280 at 400%) without scrolling in two directions."""
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(server[0] + path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.close()
    assert widths[0] <= widths[1], widths


def printed_pages(browser, base: str, path: str, tmp_path: Path) -> list[str]:
    """The text of each A4 page of the printed `path`."""
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    pdf = tmp_path / "pagina.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f") if sheet.strip()]


def test_the_citation_is_printed_with_the_content(browser, server, tmp_path):
    """The citation never lands alone on a sheet: the sheet that holds it holds article text too."""
    sheets = printed_pages(browser, server[0], "praktijken/naoberfonds/", tmp_path)
    [sheet] = [sheet for sheet in sheets if "Zo citeer je deze pagina" in sheet]
    before = sheet[:sheet.index("Zo citeer je deze pagina")]
    assert "Bronnen" in before or len(sheets) == 1, sheets


@pytest.mark.parametrize("path", ["praktijken/naoberfonds/", "gemeenten/aalten/"])
def test_a_printed_page_gives_its_address_and_the_date_of_its_information(browser, server, real_site, tmp_path, path):
    sheets = printed_pages(browser, server[0], path, tmp_path)
    flat = re.sub(r"\s+", "", " ".join(sheets))  # a long address wraps across lines
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (real_site / path / "index.html").read_text()).group(1)
    assert canonical in flat
    assert re.search(r"Informatie uit (omstreeks )?20\d\d", " ".join(sheets))


def test_search_results_carry_the_year_of_the_information(browser, server, real_site):
    """Pagefind's meta `informatie` (for the search page to show) holds the key facts' years."""
    page = browser.new_page()
    page.goto(server[0] + "zoeken/")
    meta = page.evaluate("""async () => {
        const pagefind = await import('../pagefind/pagefind.js');
        const found = await pagefind.search('naoberfonds');
        return Promise.all(found.results.map(async (result) => [(await result.data()).url, (await result.data()).meta]));
    }""")
    page.close()
    facts = (real_site / "praktijken" / "naoberfonds" / "index.html").read_text(encoding="utf-8")
    years = re.search(r'data-pagefind-meta="informatie:([^"]+)"', facts).group(1)
    assert dict(meta)["/praktijken/naoberfonds/"]["informatie"] == years
