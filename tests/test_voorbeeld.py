"""The pull request's preview (`praktijkbank build --voorbeeld`) works opened from disk.

End to end: a submitted issue form becomes records, the site is built with them, and the preview's
start page, opened from file:// in chromium, leads to the new practice, its theme and its municipality.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator import aanmelding
from generator.voorbeeld import NOTE, build_preview, file_link, preview_page
from tests.conftest import FIXTURES, REPO, build_or_fail, make_project


@pytest.mark.parametrize("url, expected", [
    ("../../themas/eenzaamheid/", "../../themas/eenzaamheid/index.html"),
    ("../..", "../../index.html"),
    ("./", "./index.html"),
    ("..", "../index.html"),
    ("../../over/#praktijkniveau", "../../over/index.html#praktijkniveau"),
    ("zoeken/?q=kaart", "zoeken/index.html?q=kaart"),
    ("../../feed.xml", "../../feed.xml"),
    ("#bronnen", "#bronnen"),
    ("https://gouden-gemeenten.github.io/praktijkbank/", "https://gouden-gemeenten.github.io/praktijkbank/"),
    ("/absoluut/", "/absoluut/"),
])
def test_links_to_folders_point_at_their_index_page(url: str, expected: str):
    assert file_link(url) == expected


def test_only_links_and_form_targets_change_and_the_search_page_gets_the_note():
    page = '<a href="../x/">x</a><form action="zoeken/"></form><div data-bundle="../pagefind/"></div><h1 id="z">Zoeken</h1>'
    assert preview_page(page) == ('<a href="../x/index.html">x</a><form action="zoeken/index.html"></form>'
                                  '<div data-bundle="../pagefind/"></div><h1 id="z">Zoeken</h1>')
    assert preview_page(page, search_page=True).endswith("Zoeken</h1>" + NOTE)


@pytest.fixture(scope="module")
def submitted_preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with the practice from the fixture form, as the pull request's preview."""
    root = make_project(tmp_path_factory.mktemp("aanmelding") / "project")
    shutil.copytree(REPO / ".github", root / ".github")
    written, problems = aanmelding.run(root, FIXTURES / "aanmelding" / "volledig.md", datetime.date(2026, 12, 4))
    assert written == ["practices/samen-koken-in-aalten.yml"] and problems == []
    site = build_or_fail(root)
    build_preview(site, root / "voorbeeld")
    return root / "voorbeeld"


@pytest.mark.slow
def test_preview_has_no_link_to_a_bare_folder(submitted_preview: Path):
    import re

    # 404.html is served for any missing path, so it links from the site root; it is never opened from disk.
    for page in set(submitted_preview.rglob("*.html")) - {submitted_preview / "404.html"}:
        for url in re.findall(r'\b(?:href|action)="([^"#?:/][^"#?:]*)[#?"]', page.read_text(encoding="utf-8")):
            target = page.parent / url
            assert target.is_file(), f"{page.relative_to(submitted_preview)} links to {url}"


@pytest.mark.browser
@pytest.mark.slow
def test_preview_opened_from_disk_leads_to_the_practice_its_theme_and_its_municipality(submitted_preview: Path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    from bench.search_bytes import launch_chromium

    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            elsewhere = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                       else (elsewhere.append(route.request.url), route.abort()))
            page.goto((submitted_preview / "index.html").as_uri())
            page.get_by_role("link", name="Alle praktijken").first.click()
            page.get_by_role("link", name="Samen koken in Aalten").first.click()
            assert page.url.endswith("/praktijken/samen-koken-in-aalten/index.html")
            assert page.locator("h1").first.inner_text() == "Samen koken in Aalten"
            page.locator("main").get_by_role("link", name="Eenzaamheid en ontmoeting").first.click()
            assert page.url.endswith("/themas/eenzaamheid/index.html")
            assert page.locator("main").get_by_role("link", name="Samen koken in Aalten").count() >= 1
            page.go_back()
            page.locator("main").get_by_role("link", name="Aalten", exact=True).first.click()
            assert page.url.endswith("/gemeenten/aalten/index.html")
            assert page.locator("main").get_by_role("link", name="Samen koken in Aalten").count() >= 1
            assert "Index of" not in page.content()
            page.goto((submitted_preview / "zoeken" / "index.html").as_uri())
            assert "Zoeken werkt daarin niet" in page.locator(".pb-voorbeeld-melding").inner_text()
            assert elsewhere == []
        finally:
            browser.close()
