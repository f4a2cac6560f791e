"""Glossary links in Debian's chromium: reachable and visible by keyboard, described by their
definition for screen readers, and free of WCAG violations (axe-core)."""

from __future__ import annotations

import re

import pytest

from tests.test_search_browser import WCAG_TAGS, tab_until

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRACTICE = "praktijken/sociale-wijkteams-nijmegen/"


@pytest.mark.parametrize("path", [PRACTICE, "gemeenten/nijmegen/", "begrippen/", "begrippen/indiceren/"])
def test_no_wcag_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server[0] + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_a_term_is_reached_by_keyboard_and_described_by_its_definition(page, server):
    page.goto(server[0] + PRACTICE)
    first = page.locator("a.pb-begrip").first
    slug = first.get_attribute("aria-describedby").removeprefix("begrip-")
    definition = page.locator(f"#begrip-{slug}").text_content()
    assert definition and len(definition) > 20
    expect(first).to_have_accessible_description(definition)
    # The tooltip for mouse users: praktijkbank.js copies each link's definition into its title.
    pairs = page.locator("a.pb-begrip").evaluate_all(
        "links => links.map(a => [a.title, document.getElementById(a.getAttribute('aria-describedby')).textContent])")
    assert pairs and all(title == described for title, described in pairs), pairs

    tab_until(page, "a.pb-begrip")
    focused = page.evaluate_handle("document.activeElement")
    assert page.evaluate("el => getComputedStyle(el).outlineStyle", focused) != "none", "focus is not visible"
    assert page.evaluate("el => getComputedStyle(el).textDecorationLine", focused) == "underline"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/begrippen/[a-z0-9-]+/$"))
    expect(page.locator("h1 dfn")).to_be_visible()


def test_a_term_is_dotted_unlike_other_links(page, server):
    """A glossary link in running text has a dotted underline, so it differs from a plain link."""
    page.goto(server[0] + PRACTICE)
    styles = page.locator(".md-typeset :is(p, li, dd) a.pb-begrip").evaluate_all(
        "links => links.map(a => getComputedStyle(a).textDecorationStyle)"
    )
    assert styles and set(styles) == {"dotted"}, styles
    plain = page.locator(".md-typeset p a:not(.pb-begrip):not(.pb-chip)").first
    assert plain.evaluate("a => getComputedStyle(a).textDecorationStyle") == "solid"
