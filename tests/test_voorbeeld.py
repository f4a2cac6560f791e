"""The pull request's preview (`praktijkbank build --voorbeeld`) works opened from disk.

End to end: a submitted issue form becomes records, the site is built with them, and the preview's
start page, opened from file:// in chromium, leads to the new practice, its theme and its municipality.
"""

from __future__ import annotations

import datetime
import errno
import os
import shutil
from pathlib import Path

import pytest

from generator import aanmelding
from generator.cli import main
from generator.write import Busy, build_lock
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
            # expect() waits until the new page is parsed; count() would read a half-loaded page.
            playwright_api.expect(page.locator("main").get_by_role("link", name="Samen koken in Aalten").first).to_be_attached()
            page.go_back()
            page.locator("main").get_by_role("link", name="Aalten", exact=True).first.click()
            assert page.url.endswith("/gemeenten/aalten/index.html")
            playwright_api.expect(page.locator("main").get_by_role("link", name="Samen koken in Aalten").first).to_be_attached()
            assert "Index of" not in page.content()
            page.goto((submitted_preview / "zoeken" / "index.html").as_uri())
            assert "Zoeken werkt daarin niet" in page.locator(".pb-voorbeeld-melding").inner_text()
            assert elsewhere == []
        finally:
            browser.close()


@pytest.fixture
def quick_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture catalogue, with the site builder replaced by one that writes a start page."""
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")

    def fake_site(_root: Path, site_dir: Path) -> None:
        site_dir.mkdir(exist_ok=True)
        (site_dir / "index.html").write_text('<a href="themas/">x</a>', encoding="utf-8")

    monkeypatch.setattr("generator.build.build_site", fake_site)
    return root


def test_preview_is_made_under_the_build_lock(quick_project: Path, monkeypatch: pytest.MonkeyPatch):
    """While the preview copies site/, no other build may swap site/ away."""
    held = []

    def copy_while_locked(site_dir: Path, preview_dir: Path) -> None:
        try:
            with build_lock(quick_project):
                held.append(False)
        except Busy:
            held.append(True)
        build_preview(site_dir, preview_dir)

    monkeypatch.setattr("generator.build.build_preview", copy_while_locked)
    assert main(["--root", str(quick_project), "build", "--voorbeeld"]) == 0
    assert held == [True]
    assert (quick_project / "voorbeeld" / "index.html").read_text(encoding="utf-8") == '<a href="themas/index.html">x</a>'


def test_a_killed_preview_is_recovered_by_the_next_build(quick_project: Path):
    """A build killed while swapping the preview leaves `voorbeeld.oud` and a staging folder: the next build
    puts the old preview back and removes the staging folder, as it does for site/."""
    (quick_project / "voorbeeld.oud").mkdir()
    (quick_project / ".voorbeeld-abc123").mkdir()
    assert main(["--root", str(quick_project), "build"]) == 0
    assert (quick_project / "voorbeeld").is_dir() and not (quick_project / ".voorbeeld-abc123").exists()


def test_an_unwritable_preview_is_a_dutch_problem(quick_project: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(quick_project / "voorbeeld"))

    monkeypatch.setattr("generator.voorbeeld.shutil.copytree", full)
    assert main(["--root", str(quick_project), "build", "--voorbeeld"]) == 1
    output = capsys.readouterr()
    assert "voorbeeld:1:1: PB502 de site kan niet worden geschreven: de schijf is vol" in output.out
    assert "Traceback" not in output.err and not list(quick_project.glob(".voorbeeld-*"))
