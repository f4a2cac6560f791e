"""Feeds of new and updated practices (`generator/feed.py`): Atom and JSON Feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import feed
from generator.build import Layout, build, check, read_settings

from .conftest import FIXTURES, make_project

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site_url(fixture_site: Path) -> str:
    return read_settings(fixture_site.parent).site_url


def test_atom_feed_is_well_formed_with_required_elements(fixture_site, site_url):
    root = ET.parse(fixture_site / "feed.xml").getroot()
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{A}{tag}").text
    assert root.find(f"{A}author/{A}name").text
    assert root.find(f"{A}link[@rel='self']").get("href") == f"{site_url}feed.xml"
    entries = root.findall(f"{A}entry")
    assert [e.find(f"{A}id").text for e in entries] == [
        f"{site_url}praktijken/veilige-tekst/", f"{site_url}praktijken/buurtkas/"]  # same bijgewerkt: later toegevoegd first
    for entry in entries:
        for tag in ("id", "title", "updated", "published", "summary"):
            assert entry.find(f"{A}{tag}").text, tag
        link = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert link == entry.find(f"{A}id").text and link.startswith(site_url)
        assert (fixture_site / link.removeprefix(site_url) / "index.html").is_file()
    assert root.find(f"{A}updated").text == "2026-11-22T00:00:00Z"  # the newest bijgewerkt, not the build time
    # the hostile title is text in the XML, not markup
    assert entries[0].find(f"{A}title").text.startswith("Test <script>")


def test_json_feed_has_the_same_entries(fixture_site, site_url):
    data = json.loads((fixture_site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{site_url}feed.json" and data["home_page_url"] == site_url
    atom_ids = [e.find(f"{A}id").text for e in ET.parse(fixture_site / "feed.xml").getroot().findall(f"{A}entry")]
    assert [item["id"] for item in data["items"]] == atom_ids
    buurtkas = data["items"][1]
    assert (buurtkas["date_published"], buurtkas["date_modified"]) == ("2026-11-01T00:00:00Z", "2026-11-22T00:00:00Z")
    assert buurtkas["tags"] == ["Burgerinitiatief", "Eenzaamheid en ontmoeting"]


def test_feed_is_limited_to_the_newest(monkeypatch):
    catalogue, _problems = check(FIXTURES / "catalogus")
    monkeypatch.setattr(feed, "FEED_SIZE", 1)
    files = feed.feeds(catalogue, read_settings(FIXTURES / "catalogus"))
    assert len(ET.fromstring(files["feed.xml"]).findall(f"{A}entry")) == 1
    assert [item["title"] for item in json.loads(files["feed.json"])["items"]][0].startswith("Test")


def test_feeds_are_advertised_and_linked(fixture_site):
    """Feed readers find the feeds by the rel token `alternate`; the rel is not `alternate` alone,
    which Material takes for a translation (it would fetch sitemap.xml for each, on every page)."""
    for page in ("index.html", "praktijken/buurtkas/index.html", "gemeenten/voorbeeldstad/index.html"):
        head = (fixture_site / page).read_text(encoding="utf-8").split("</head>")[0]
        feeds = dict((kind, rel) for rel, kind in re.findall(r'<link rel="([^"]*)" type="(application/[a-z+]+)"', head))
        for kind in ("application/atom+xml", "application/feed+json"):
            assert "alternate" in feeds[kind].split() and feeds[kind] != "alternate", (page, feeds)
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="feed.json"' in home


def test_rebuilding_gives_identical_bytes(tmp_path):
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")
    outputs = []
    for _ in range(2):
        build(Layout.of(root), site=False)
        docs = root / "build" / "docs"
        outputs.append({str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert "feed.xml" in outputs[0] and "data/praktijken.csv" in outputs[0]
    assert outputs[0] == outputs[1]
