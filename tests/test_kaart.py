"""Tests for the map module `generator.kaart` and its derived data in `generator/data/`."""

from __future__ import annotations

import csv
import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import kaart

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "generator" / "data"
SVG = "{http://www.w3.org/2000/svg}"

HIGHLIGHTED = {
    "GM0197": ("gemeenten/aalten/", "Aalten"),
    "GM0473": ("gemeenten/zandvoort/", "Zandvoort"),
    "GM0355": ("gemeenten/zeist/?a=1&b=2", "<script>alert(1)</script>"),
    "GM0014": ("regio/groningen/", "Regio Groningen"),
    "GM0037": ("regio/groningen/", "Regio Groningen"),
}


def statcodes_2025() -> list[str]:
    """The 2025 statcodes according to the committed table."""
    with (DATA / "cbs_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        return [row["statcode"] for row in csv.DictReader(handle) if row["bestaat_2025"] == "true"]


def test_table_and_map_data_agree():
    codes = statcodes_2025()
    data = json.loads((DATA / "kaart.json").read_text(encoding="utf-8"))
    assert len(codes) == 342 and sorted(data["gemeenten"]) == codes
    assert len(data["provincies"]) == 12
    assert data["attributie"] == kaart.ATTRIBUTIE
    assert "GM0545" in data["opgeheven"]


def test_national_map_is_small_valid_xml_with_all_municipalities():
    svg = kaart.national_map({})
    root = ET.fromstring(svg)
    paths = root.findall(f"{SVG}g[@class='pb-kaart__gemeente']/{SVG}path")
    assert len(paths) == len(statcodes_2025()) == 342
    assert len(root.findall(f"{SVG}g[@class='pb-kaart__provincie']/{SVG}path")) == 12
    assert root.get("role") == "img"
    labels = root.get("aria-labelledby").split()
    assert {el.get("id") for el in root if el.tag in (f"{SVG}title", f"{SVG}desc")} == set(labels)
    assert kaart.SHAPES_CSS in root.find(f"{SVG}style").text  # a file of its own: the site's stylesheet does not reach it


def test_national_map_with_every_municipality_linked_stays_small():
    """At 10,000 practices every municipality has practices: a link and a name each."""
    every = {code: (f"gemeente-{code.lower()}/", f"Gemeente {code}") for code in statcodes_2025()}
    svg = kaart.national_map(every)
    assert len(ET.fromstring(svg).findall(f".//{SVG}a")) == 342
    assert len(svg.encode()) < 70_000  # about 66 KB: half outlines, half links


def test_highlighted_links_are_named_escaped_open_in_the_page_and_out_of_the_tab_order():
    """The map is an image whose links serve the mouse; the page's list is the keyboard route."""
    svg = kaart.national_map(HIGHLIGHTED, title="Gemeenten & regio's")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Gemeenten & regio's"
    group = root.find(f"{SVG}g[@class='pb-kaart__actief']")
    assert group.get("aria-hidden") == "true"
    links = root.findall(f".//{SVG}a")
    assert links == group.findall(f"{SVG}a")
    assert [(a.get("href"), a.find(f"{SVG}title").text) for a in links] == [
        ("regio/groningen/", "Regio Groningen"),
        ("gemeenten/aalten/", "Aalten"),
        ("gemeenten/zeist/?a=1&b=2", "<script>alert(1)</script>"),
        ("gemeenten/zandvoort/", "Zandvoort"),
    ]
    for a in links:
        assert (a.get("tabindex"), a.get("target")) == ("-1", "_parent")
        assert a.findall(f"{SVG}path")
    assert len(links[0].findall(f"{SVG}path")) == 2  # a region is one link
    # highlighted municipalities are not drawn in grey as well
    assert len(root.findall(f"{SVG}g[@class='pb-kaart__gemeente']/{SVG}path")) == 342 - 5


def test_embedded_map_is_a_named_image_without_tab_stop_in_the_maps_proportions():
    html = kaart.embedded_map("kaart.svg?a=1&b=2", title="Gemeenten & regio's")
    element = ET.fromstring(html)
    assert element.tag == "object"
    assert (element.get("data"), element.get("type")) == ("kaart.svg?a=1&b=2", "image/svg+xml")
    assert (element.get("role"), element.get("aria-label"), element.get("tabindex")) == ("img", "Gemeenten & regio's", "-1")
    _, _, width, height = json.loads((DATA / "kaart.json").read_text(encoding="utf-8"))["viewBox"]
    assert element.get("style") == f"aspect-ratio:{width}/{height}"


def test_output_is_deterministic():
    reordered = dict(reversed(list(HIGHLIGHTED.items())))
    assert kaart.national_map(HIGHLIGHTED) == kaart.national_map(reordered)
    assert kaart.locator_map(["GM0355", "GM0197"], "X") == kaart.locator_map(["GM0197", "GM0355"], "X")


def test_dissolved_municipality_is_drawable():
    root = ET.fromstring(kaart.national_map({"GM0545": ("leerdam/", "Leerdam")}))
    assert root.find(f".//{SVG}a/{SVG}path").get("d").startswith("M")
    assert 'class="pb-kaart__actief"' in kaart.locator_map(["GM0545"], "Leerdam")


def test_locator_map():
    svg = kaart.locator_map(["GM0473"], "Zandvoort <aan zee>")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Ligging van Zandvoort <aan zee> in Nederland"
    assert root.get("width") == "200"
    highlight = root.find(f"{SVG}path[@class='pb-kaart__actief']")
    assert highlight.get("d") == json.loads((DATA / "kaart.json").read_text(encoding="utf-8"))["gemeenten"]["GM0473"]["d"]
    assert len(gzip.compress(svg.encode())) < 10_000


def test_unknown_statcode_raises_key_error():
    with pytest.raises(KeyError, match="GM9999"):
        kaart.national_map({"GM9999": ("x/", "X")})
    with pytest.raises(KeyError, match="PV27"):
        kaart.locator_map(["PV27"], "Noord-Holland")


def test_built_site_carries_the_map_stylesheet_and_the_national_map(fixture_site):
    """The maps are unstyled without KAART_CSS: the build writes it and the pages with maps link it.
    The overview embeds the national map from the file next to it."""
    assert (fixture_site / "assets" / "kaart.css").read_text(encoding="utf-8") == kaart.KAART_CSS
    for page, link in (("gemeenten/index.html", "../assets/kaart.css"),
                       ("gemeenten/voorbeeldstad/index.html", "../../assets/kaart.css")):
        assert f'rel="stylesheet" href="{link}"' in (fixture_site / page).read_text(encoding="utf-8")
    assert 'data="kaart.svg"' in (fixture_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    links = ET.parse(fixture_site / "gemeenten" / "kaart.svg").getroot().findall(f".//{SVG}a")
    assert links and all((fixture_site / "gemeenten" / a.get("href") / "index.html").is_file() for a in links)


def test_each_municipality_with_practices_is_coloured_as_itself():
    """On the national map a municipality's own area links to its own profile; a region only gets
    the areas of members without practices of their own, and a region left with no area is one
    whose every member has practices (the page names it beside the map)."""
    from generator.build import check, read_settings
    from generator.render import Site

    catalogue, _problems = check(ROOT)
    site = Site(catalogue, read_settings(ROOT))
    areas = site.map_areas()
    active = site.active_municipalities()
    assert any(catalogue.get("gemeente", slug).get("leden") for slug in active), "no region with practices: proves nothing"
    for slug in active:
        data = catalogue.get("gemeente", slug)
        if data.get("cbs_code"):
            assert areas[data["cbs_code"]] == slug
    for region in site.regions_without_area():
        assert all(member in active for member in catalogue.get("gemeente", region)["leden"]), region
    assert set(areas.values()) | set(site.regions_without_area()) == set(active)
