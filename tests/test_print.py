"""Printing: the busiest municipality profile of the real site fits on two A4 pages, without page chrome."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from bench.search_bytes import launch_chromium, serve_site

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_PAGES = 2
CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".pb-kopzoek",
          ".pb-ligging", ".pb-bewerk")


def busiest_profile(site: Path) -> dict:
    """The exported municipality or region with the most practices (ties: first id)."""
    municipalities = json.loads((site / "data" / "gemeenten.json").read_text(encoding="utf-8"))["gemeenten"]
    return min(municipalities, key=lambda g: (-len(g["praktijken"]), g["id"]))


def page_count(pdf: bytes) -> int:
    """Pages in a PDF: its `/Type /Page` objects (Chromium writes no object streams), checked
    against the page tree's `/Count`."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    assert counts and pages == max(counts), f"cannot read the page count: {pages} pages, /Count {counts}"
    return pages


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(real_site, tmp_path_factory):
    """(profile, visible texts and hidden chrome in print media, PDF bytes) of the busiest profile."""
    profile = busiest_profile(real_site)
    with serve_site(real_site) as (base, _served), playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.goto(f"{base}gemeenten/{profile['id']}/")
        page.emulate_media(media="print")
        visible_links = [link.inner_text() for link in page.locator("article a").all() if link.is_visible()]
        shown_chrome = [selector for selector in CHROME
                        if any(element.is_visible() for element in page.locator(selector).all())]
        heading = page.locator("h1").inner_text()
        pdf = page.pdf(format="A4")
        browser.close()
    path = tmp_path_factory.mktemp("print") / f"{profile['id']}.pdf"
    path.write_bytes(pdf)
    return profile, heading, visible_links, shown_chrome, path


def test_busiest_profile_prints_on_at_most_two_a4_pages(printed):
    profile, _heading, _links, _chrome, pdf = printed
    assert len(profile["praktijken"]) >= 2
    pages = page_count(pdf.read_bytes())
    assert 1 <= pages <= MAX_PAGES, f"{profile['id']} prints on {pages} pages"


def test_print_shows_name_and_practices_without_page_chrome(printed):
    profile, heading, links, shown_chrome, _pdf = printed
    assert heading == profile["naam"]
    titles = [practice["naam"] for practice in profile["praktijken"]]
    assert not [title for title in titles if words(title) not in map(words, links)]
    assert not shown_chrome


def test_pdf_text_has_name_and_practice_titles(printed):
    profile, _heading, _links, _chrome, pdf = printed
    text = words(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                check=True).stdout)
    flat = re.sub(r"\s+", "", text)  # long titles wrap across lines in the PDF
    assert profile["naam"] in text
    assert not [p["naam"] for p in profile["praktijken"] if re.sub(r"\s+", "", p["naam"]) not in flat]
