"""How old the information is: every page that describes a practice or a place says which years its
sources are from, and says so where a reader meets it (key facts, lists, table, feeds, home, print).

Expected years are read from the source records here, not copied from the templates.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
import yaml

from generator import feed, render
from generator.build import check, read_settings
from generator.project import PAGE_TEMPLATES

from .conftest import FIXTURES, REPO


def source_records() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((REPO / "content" / "bronnen").glob("*.yml"))}


def cited(slug: str) -> set[str]:
    """Every source slug a practice record names anywhere (a `bron` key with a text value, at any depth)."""
    def walk(value: object) -> set[str]:
        if isinstance(value, dict):
            own = {value["bron"]} if isinstance(value.get("bron"), str) else set()
            return own.union(*(walk(item) for item in value.values()))
        if isinstance(value, list):
            return set().union(*(walk(item) for item in value))
        return set()
    return walk(yaml.safe_load((REPO / "practices" / f"{slug}.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def real():
    catalogue, _problems = check(REPO)
    return catalogue, render.render(catalogue, read_settings(REPO))


def practice_with(predicate) -> str:
    """The first practice (by slug) whose cited sources satisfy `predicate(source records)`."""
    sources = source_records()
    for path in sorted((REPO / "practices").glob("*.yml")):
        if predicate([sources[s] for s in cited(path.stem)]):
            return path.stem
    raise AssertionError("no practice matches")


def key_facts(page: str) -> str:
    return page[page.index('<dl class="pb-kenmerken"'):page.index("</dl>", page.index('<dl class="pb-kenmerken"'))]


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_key_facts_name_the_year_and_the_short_title_of_each_source(real):
    _catalogue, pages = real
    sources = source_records()
    slug = practice_with(lambda found: len(found) == 1 and found[0].get("jaar") and not found[0].get("jaar_geschat"))
    [source] = [sources[s] for s in cited(slug)]
    facts = text(key_facts(pages[f"praktijken/{slug}.md"]))
    assert f"Informatie uit {source['jaar']} ({source['korte_titel']})" in facts
    status = yaml.safe_load((REPO / "practices" / f"{slug}.yml").read_text(encoding="utf-8"))["status"]
    if status != "onbekend":
        assert re.search(rf"Status volgens de bron \w[\w ]* \(bron van {source['jaar']}\)", facts), facts


def test_estimated_years_read_omstreeks_with_a_space(real):
    _catalogue, pages = real
    estimated = [s for s, data in source_records().items() if data.get("jaar_geschat")]
    assert estimated, "no source with an estimated year to check"
    slug = practice_with(lambda found: [s for s in found if s.get("jaar_geschat")])
    everything = "\n".join(pages.values())
    assert "omstreeks2" not in everything and ", omstreeks)" not in everything
    year = source_records()[estimated[0]]["jaar"]
    assert f"omstreeks {year}" in text(pages[f"bronnen/{estimated[0]}.md"])
    assert f"(omstreeks {year})" in text(pages["bronnen/index.md"])
    assert f"Informatie uit omstreeks {year}" in text(key_facts(pages[f"praktijken/{slug}.md"]))


def test_a_source_without_a_year_is_said_to_be_unknown(real):
    _catalogue, pages = real
    slug = practice_with(lambda found: found and not any(s.get("jaar") or s.get("geraadpleegd") for s in found))
    page = pages[f"praktijken/{slug}.md"]
    assert "jaar onbekend" in text(key_facts(page))
    assert "Uit welk jaar de bronnen zijn, is niet bekend. Of de praktijk nu nog loopt, weten we niet." in text(page)
    assert text(page).count("weten we niet") == 1


def test_old_information_gets_a_notice_and_recent_information_does_not(monkeypatch):
    """In the fixture, veilige-tekst cites a source from 2017 only, buurtkas also a web page read in
    2026; the records were edited in 2026."""
    catalogue, _problems = check(FIXTURES / "catalogus")
    settings = dataclasses.replace(read_settings(FIXTURES / "catalogus"), templates=REPO / PAGE_TEMPLATES)
    notice = "Of de praktijk nu nog loopt, weten we niet."
    pages = render.render(catalogue, settings)
    assert notice in pages["praktijken/veilige-tekst.md"] and notice not in pages["praktijken/buurtkas.md"]
    monkeypatch.setattr(render, "STALE_AFTER_YEARS", 2026 - 2017)
    assert notice not in render.render(catalogue, settings)["praktijken/veilige-tekst.md"]


def test_edit_date_is_named_apart_from_the_date_of_the_information(real):
    _catalogue, pages = real
    page = pages["praktijken/naoberfonds.md"]
    footer = page[page.index('<footer class="pb-paginavoet"'):]
    assert "Pagina bewerkt op" in footer and "Laatst bijgewerkt" not in page
    assert "Pagina bewerkt" not in key_facts(page) and "Informatie uit" in key_facts(page)


def test_lists_table_and_search_meta_carry_the_year(real):
    catalogue, pages = real
    site = render.Site(catalogue, read_settings(REPO))
    for slug, _data in catalogue.all("praktijk"):
        sentence = site.information("praktijk", slug).sentence
        assert re.fullmatch(r"Informatie uit (omstreeks )?20\d\d( en (omstreeks )?20\d\d)*|Jaar van de informatie onbekend",
                            sentence), (slug, sentence)
        page = pages[f"praktijken/{slug}.md"]
        assert f'data-pagefind-meta="informatie:{site.information("praktijk", slug).years}"' in page
    theme = text(pages["themas/eenzaamheid.md"])
    assert re.search(r"\(informatie uit (omstreeks )?20\d\d", theme), theme[:300]
    table = pages["praktijken/index.md"]
    assert '<th scope="col" data-type="number">Informatie uit</th>' in table
    rows = re.findall(r"<tr><td>.*?</tr>", table)
    assert rows and all(re.search(r'<td data-sort="(20\d\d|0)">[^<]+</td></tr>$', row) for row in rows)


def test_home_says_which_years_the_catalogue_covers(real):
    _catalogue, pages = real
    sources = source_records()
    years = {sources[s]["jaar"] for path in (REPO / "practices").glob("*.yml") for s in cited(path.stem)
             if sources[s].get("jaar")}
    assert f"De informatie komt uit bronnen van {min(years)} tot en met {max(years)}." in text(pages["index.md"])


def test_feeds_give_the_year_of_the_information():
    catalogue, _problems = check(FIXTURES / "catalogus")
    files = feed.feeds(catalogue, read_settings(FIXTURES / "catalogus"))
    items = {item["id"].rstrip("/").rsplit("/", 1)[1]: item["content_text"] for item in json.loads(files["feed.json"])["items"]}
    assert items["veilige-tekst"].endswith("(Informatie uit 2017.)")
    assert items["buurtkas"].endswith("(Informatie uit 2017 en 2026.)")  # a web page read in 2026
    assert "(Informatie uit 2017 en 2026.)</summary>" in files["feed.xml"]


def test_print_line_gives_address_and_information(real):
    _catalogue, pages = real
    line = re.search(r'<p class="pb-alleen-print">(.*?)</p>', pages["gemeenten/aalten.md"]).group(1)
    assert "/gemeenten/aalten/" in line and "Informatie uit" in line


def test_a_source_page_lists_its_practices_without_repeating_a_year(real):
    """On a source's page the year of each practice's information is mostly the source's own: left out."""
    _catalogue, pages = real
    heading = '<h2 id="praktijken">Praktijken uit deze bron'
    listing = [pages[f"bronnen/{s}.md"] for s in source_records() if heading in pages[f"bronnen/{s}.md"]]
    assert listing
    for page in listing:
        practices = page[page.index(heading):]
        assert "(informatie uit" not in text(practices).lower()


def test_an_organisation_with_old_information_gets_the_notice(real):
    catalogue, pages = real
    site = render.Site(catalogue, read_settings(REPO))
    stale = [s for s, _d in catalogue.all("organisatie")
             if site.cited_sources("organisatie", s) and site.information("organisatie", s).stale]
    assert stale
    for slug in stale:
        assert "Of dit nu nog klopt, weten we niet." in text(pages[f"organisaties/{slug}.md"]), slug
