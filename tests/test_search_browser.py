"""The search page in Debian's chromium: Dutch stemming, accents, filters, URL state, keyboard, WCAG.

The real site is served from a loopback port; every request to another host fails the test.
Expected pages are looked up in the records and the built site, not hard-coded.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from bench.search_bytes import RESULTS_SHOWN, first_query_bytes, serve_site
from generator.pages import record_page, url_of
from generator.site import BUNDLE_LIST, index
from tests.conftest import FIXTURES, REPO, build_or_fail, make_project

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The kinds of page (filter "soort") the templates give.
KIND_NAMES = set(re.findall(r'data-pagefind-filter="soort:(\w+)"',
                            "".join(p.read_text(encoding="utf-8") for p in (REPO / "theme" / "templates").glob("*.j2"))))
RESULT_LINKS = ".pb-resultaat__titel a"


def folded(text: str) -> str:
    """Lower case without diacritics: how a reader types a word."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def practice_url(site: Path, title_word: str, municipality: str) -> str:
    """The URL path of the one practice of `municipality` whose title contains `title_word`."""
    found = []
    for path in sorted((site.parent / "practices").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if folded(title_word) in folded(str(record.get("titel", ""))) and municipality in record.get("gemeenten", []):
            found.append("/" + url_of(record_page("praktijk", path.stem)))
    assert len(found) == 1, f"expected one practice '{title_word}' in {municipality}, found {found}"
    return found[0]


def search(page, base: str, query: str = "", **filters: str) -> list[str]:
    """Open the search page for `query` and filters, wait for the results, return their URL paths."""
    params = [("q", query)] + list(filters.items())
    page.goto(base + "zoeken/?" + "&".join(f"{key}={value}" for key, value in params))
    page.wait_for_selector(RESULTS_SHOWN, state="attached")
    return result_paths(page)


def result_paths(page) -> list[str]:
    return [urlsplit(href).path for href in page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")]


@pytest.mark.parametrize(
    ("query", "title_word", "municipality"),
    [
        ("naoberfonds", "Naoberfonds", "aalten"),
        ("noaberfonds", "Naoberfonds", "aalten"),
        ("blijverslening", "Blijverslening", "zandvoort"),
        ("doorbraakbudget", "Doorbraakbudget", "zeist"),
        ("clientprofielen", "Cliëntprofielen", "weert"),
    ],
)
def test_the_practice_comes_first(page, server, real_site, query, title_word, municipality):
    expected = practice_url(real_site, title_word, municipality)
    results = search(page, server[0], query)
    assert results and results[0] == expected, results[:5]
    first = page.locator(".pb-resultaat").first
    expect(first.locator(".pb-resultaat__meta")).to_contain_text("Praktijk")
    expect(first.locator(".pb-resultaat__meta")).to_contain_text(re.compile(r"informatie uit (omstreeks )?20\d\d"))
    expect(first.locator(".pb-resultaat__fragment mark").first).to_be_visible()
    expect(page.locator(".pb-zoekstatus")).to_contain_text(f"voor ‘{query}’")


ALL_PAGES = """async (words) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const kinds = Object.keys((await pagefind.filters()).soort);
  const every = await pagefind.search(null, { filters: { soort: { any: kinds } } });
  const pages = await Promise.all(every.results.map((r) => r.data()));
  const singular = new RegExp("\\\\b" + words.singular + "\\\\b", "i"), plural = new RegExp(words.plural, "i");
  const only = pages.filter((p) => singular.test(p.content) && !plural.test(p.content)).map((p) => p.url);
  const found = await pagefind.search(words.plural);
  const hits = await Promise.all(found.results.map((r) => r.data()));
  return { only, hits: hits.map((p) => p.url) };
}"""


def test_plural_finds_pages_with_only_the_singular(page, server):
    """"wijkteams" finds the pages of the real site whose indexed text says only "wijkteam"."""
    search(page, server[0])
    pages = page.evaluate(ALL_PAGES, {"plural": "wijkteams", "singular": "wijkteam"})
    assert pages["only"], "no page in the site has 'wijkteam' without 'wijkteams'"
    assert set(pages["only"]) <= set(pages["hits"]), set(pages["only"]) - set(pages["hits"])


ONLY_SINGULAR_AND_ACCENTED = """\
titel: Eén vrijwilliger per straat
samenvatting: In elke straat is één vrijwilliger het aanspreekpunt voor het wijkteam.
beschrijving: De vrijwilliger werkt met cliëntprofielen en zit wekelijks in het café.
aanpak: Het wijkteam belt de vrijwilliger.
gemeenten: [voorbeeldstad]
themas: [burgerinitiatief]
doelgroepen: [alle-inwoners]
status: lopend
bronnen:
  - {bron: voorbeeldbron, regels: 1}
praktijkniveau: beschreven
toegevoegd: 2026-11-01
bijgewerkt: 2026-11-01
"""


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory):
    """The fixture catalogue plus a practice that has only singulars and only accented spellings."""
    root = make_project(tmp_path_factory.mktemp("nederlands"), FIXTURES / "catalogus")
    (root / "practices" / "een-vrijwilliger.yml").write_text(ONLY_SINGULAR_AND_ACCENTED, encoding="utf-8")
    return build_or_fail(root)


@pytest.mark.parametrize(
    ("query", "absent"),
    [("vrijwilligers", "vrijwilligers"), ("wijkteams", "wijkteams"), ("clientprofielen", "client"), ("cafe", "cafe"), ("een vrijwilliger", "een")],
)
def test_stemming_and_accents(browser, dutch_site, query, absent):
    """Plurals find the singular (Dutch stemming from <html lang="nl">), and accents do not matter."""
    assert not re.search(rf"\b{absent}\b", ONLY_SINGULAR_AND_ACCENTED.lower()), f"the record must not say '{absent}'"
    with serve_site(dutch_site) as (base, _served):
        page = browser.new_page()
        results = search(page, base, query)
        title = page.locator(RESULT_LINKS).first.inner_text() if results else ""
        page.close()
    assert results[:1] == ["/praktijken/een-vrijwilliger/"], results
    assert title == "Eén vrijwilliger per straat"


def test_excerpts_keep_record_text_as_text(browser, fixture_site):
    """Hostile record text comes out of the index as text; of the excerpt only <mark> is markup."""
    with serve_site(fixture_site) as (base, _served):
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        search(page, base, "injectie")
        item = page.locator(".pb-resultaat").first
        expect(item.locator("a")).to_have_text(re.compile(r"<script>alert\(1\)</script>"))
        assert item.locator(".pb-resultaat__fragment *").evaluate_all("nodes => nodes.map(n => n.tagName)") == ["MARK"]
        assert "<img" in item.locator(".pb-resultaat__fragment").inner_text()
        assert not dialogs
        page.close()


def has_theme(site: Path, url_path: str, theme: str) -> bool:
    """Whether the built page carries `theme` as a Pagefind thema filter."""
    text = (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")
    as_text = r'data-pagefind-filter="thema"[^>]*>' + re.escape(html.escape(theme, quote=False)) + "<"
    as_value = re.escape(f'data-pagefind-filter="thema:{html.escape(theme)}"')
    return re.search(f"{as_text}|{as_value}", text) is not None


def theme_box(page, theme: str):
    return page.get_by_role("checkbox", name=re.compile("^" + re.escape(theme) + r" \(\d+\)$"))


def open_filters(page) -> None:
    """Open the filter panel (closed at first at every width) and wait for its counts."""
    page.get_by_role("button", name=re.compile(r"^Filters")).click()
    expect(page.locator(".pb-filtergroep .pb-aantal").first).to_have_text(re.compile(r"^\(\d+\)$"))


def shown_total(page) -> int:
    """The number of results the status line announces."""
    status = page.locator(".pb-zoekstatus").inner_text()
    return 0 if status.startswith("Geen") else int(status.split()[0])


def test_theme_filter_narrows_and_survives_a_reload(page, server, real_site):
    search(page, server[0], "wijkteams")
    open_filters(page)
    total = shown_total(page)
    counts = page.eval_on_selector_all(
        'input[name="thema"]',
        "boxes => boxes.filter(b => !b.closest('li').hidden)"
        ".map(b => [b.value, parseInt(b.labels[0].querySelector('.pb-aantal').textContent.slice(1))])",
    )
    theme, count = min(counts, key=lambda pair: pair[1])
    assert 0 < count < total, (total, counts)
    theme_box(page, theme).check()
    expect(page.locator(".pb-zoekstatus")).to_have_text(re.compile(rf"^{count} resulta(at|ten) voor ‘wijkteams’ met 1 filter"))
    narrowed = result_paths(page)
    assert len(narrowed) == min(count, 10)
    assert all(has_theme(real_site, path, theme) for path in narrowed), narrowed
    assert parse_qs(urlsplit(page.url).query) == {"q": ["wijkteams"], "thema": [theme]}

    page.reload()
    page.wait_for_selector(RESULTS_SHOWN, state="attached")
    expect(page.locator("#pb-zoekterm")).to_have_value("wijkteams")
    expect(theme_box(page, theme)).to_be_checked()
    assert result_paths(page) == narrowed


def test_back_button_restores_the_previous_search(page, server, real_site):
    base = server[0]
    naoberfonds = search(page, base, "naoberfonds")
    page.fill("#pb-zoekterm", "blijverslening")
    page.press("#pb-zoekterm", "Enter")
    expect(page).to_have_url(re.compile(r"q=blijverslening"))
    expect(page.locator(RESULT_LINKS).first).to_have_attribute("href", practice_url(real_site, "Blijverslening", "zandvoort"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=naoberfonds"))
    expect(page.locator("#pb-zoekterm")).to_have_value("naoberfonds")
    expect(page.locator(RESULT_LINKS).first).to_have_attribute("href", naoberfonds[0])
    page.go_forward()
    expect(page.locator("#pb-zoekterm")).to_have_value("blijverslening")


def tab_until(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_alone(page, server):
    page.goto(server[0] + "zoeken/")
    page.wait_for_selector(RESULTS_SHOWN, state="attached")
    tab_until(page, "#pb-zoekterm")
    page.keyboard.type("wijkteams")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=wijkteams"))
    expect(page.locator(RESULT_LINKS).first).to_be_visible()

    tab_until(page, ".pb-filterknop")
    page.keyboard.press("Enter")
    expect(page.locator(".pb-filterknop")).to_have_attribute("aria-expanded", "true")
    tab_until(page, '.pb-filtergroep input[type="checkbox"]')
    focused = page.evaluate_handle("document.activeElement")
    assert page.evaluate("el => getComputedStyle(el).outlineStyle", focused) != "none", "focus is not visible"
    page.keyboard.press("Space")
    assert page.evaluate("el => el.checked", focused)
    expect(page).to_have_url(re.compile(r"[?&](thema|gemeente|provincie|doelgroep|praktijkniveau|soort)="))
    expect(page.locator(".pb-zoekstatus")).to_contain_text("met 1 filter")

    tab_until(page, RESULT_LINKS)
    target = urlsplit(page.evaluate("document.activeElement.href")).path
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_phone_width_has_no_sideways_scrolling(page, server):
    page.set_viewport_size({"width": 360, "height": 740})
    search(page, server[0], "wijkteams")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    toggle = page.get_by_role("button", name="Filters")
    expect(page.locator(".pb-filtergroep").first).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".pb-filtergroep").first).to_be_visible()


@pytest.mark.parametrize(
    ("path", "width"),
    [("zoeken/?q=wijkteams", 1280), ("zoeken/?q=wijkteams&provincie=Utrecht", 360), ("praktijken/naoberfonds/", 1280), ("gemeenten/aalten/", 1280)],
)
def test_no_wcag_violations(page, server, path, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(server[0] + path)
    if path.startswith("zoeken/"):
        page.wait_for_selector(RESULTS_SHOWN, state="attached")
        expect(page.locator(RESULT_LINKS).first).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_nothing_leaves_the_site(page, server, foreign):
    """Pages and a search load only from the local server (the `page` fixture aborts anything else)."""
    base, served = server
    for path in ("", "praktijken/naoberfonds/", "gemeenten/aalten/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    search(page, base, "naoberfonds")
    open_filters(page)
    page.locator('.pb-filtergroep li:not([hidden]) input[name="soort"]').first.check()
    page.wait_for_load_state("networkidle")
    assert any(path.endswith(".pf_fragment") for path in served), "the search fetched no index files"
    assert foreign == []


def test_first_query_stays_small(browser, real_site):
    report = first_query_bytes(real_site, "naoberfonds", browser)
    fetched = " ".join(report["files"])
    assert "wasm.nl" in fetched and ".pf_index" in fetched and ".pf_fragment" in fetched, fetched
    assert report["gzip"] < 150_000, report


FACET_TOTALS = """async () => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  return await pagefind.filters();
}"""
FACET_LABELS = {"thema": "Thema", "gemeente": "Gemeente", "provincie": "Provincie", "doelgroep": "Doelgroep",
                "praktijkniveau": "Praktijkniveau", "soort": "Soort pagina"}


def test_the_first_query_fetches_only_the_kind_filter_until_the_panel_opens(page, server):
    """The filter chunks are most of a first search at 10,000 practices (bench/RESULTS.md), so only
    the one of "soort" (it puts practices first) is fetched before the filter panel opens; then every
    facet shows, with the counts of the search. (The real site is one bundle, one chunk per facet.)"""
    base, served = server
    before = len(served)
    search(page, base, "wijkteams")
    assert len([path for path in served[before:] if "/filter/" in path]) == 1, served[before:]
    expect(page.locator(".pb-filtergroep")).to_have_count(0)
    total = shown_total(page)
    assert total > 0

    open_filters(page)
    assert len({path for path in served[before:] if "/filter/" in path}) == len(FACET_LABELS)
    legends = page.locator(".pb-filtergroep legend").all_inner_texts()
    totals = page.evaluate(FACET_TOTALS)
    assert legends == [label for key, label in FACET_LABELS.items() if totals.get(key)], legends
    assert set(totals) <= set(FACET_LABELS), "a facet of the index is missing from the search page"
    kinds = page.locator('input[name="soort"]').evaluate_all(
        "boxes => boxes.filter(b => !b.closest('li').hidden).map(b => b.labels[0].querySelector('.pb-aantal').textContent)")
    assert sum(int(count.strip("()")) for count in kinds) == total, kinds
    expect(page.locator(".pb-zoekstatus")).to_have_text(re.compile(rf"^{total} resulta(at|ten) voor ‘wijkteams’"))


def test_filters_in_the_url_show_in_the_open_panel(page, server):
    """A search shared with its filters opens with them checked and counted (wide screen)."""
    search(page, server[0], "wijkteams", provincie="Utrecht")
    expect(page.locator(".pb-filterknop")).to_have_attribute("aria-expanded", "true")
    box = page.locator('input[name="provincie"][value="Utrecht"]')
    expect(box).to_be_checked()
    expect(box).to_be_visible()
    expect(page.locator(f'label[for="{box.get_attribute("id")}"]')).to_have_text(re.compile(r"^Utrecht \([1-9]\d*\)$"))


FOUND_AND_TOTALS = """async (query) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.map((r) => r.data()));
  return { urls: pages.map((p) => p.url), totals: await pagefind.filters() };
}"""


@pytest.fixture(scope="module")
def split_site(real_site, tmp_path_factory):
    """The real site indexed in bundles of at most 40 pages, as a large catalogue is (generator/site.py)."""
    split = tmp_path_factory.mktemp("delen") / "site"
    shutil.copytree(real_site, split, ignore=shutil.ignore_patterns("pagefind*"))
    index(split, REPO, pages_per_bundle=40)
    return split


def test_a_site_indexed_in_several_bundles_is_searched_as_one(browser, real_site, split_site):
    """A large catalogue is indexed in parts (generator/site.py). The search page merges them:
    every page the single index finds, the same filter totals, and a practice's own name still
    puts it first. (Ranking of common words and near matches are decided per part by Pagefind.)"""
    assert len(json.loads((split_site / BUNDLE_LIST).read_text(encoding="utf-8"))) >= 3
    page = browser.new_page()
    with serve_site(real_site) as (whole, _), serve_site(split_site) as (parts, _):
        for query in ("naoberfonds", "blijverslening", "wijkteam", "schulden"):
            first, found = [], []
            for base in (whole, parts):
                first.append(search(page, base, query)[0])
                found.append(page.evaluate(FOUND_AND_TOTALS, query))
            assert first[0] == first[1] or query in ("wijkteam", "schulden"), query
            assert set(found[0]["urls"]) <= set(found[1]["urls"]), query
            assert found[0]["totals"] == found[1]["totals"]
    page.close()


PRACTICE_FILTERS = """async () => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  await pagefind.filters();  // a search counts the values of the filters loaded, and this loads them all
  const practices = await pagefind.search(null, { filters: { soort: { any: ["Praktijk"] } } });
  const sums = {};
  for (const [key, counts] of Object.entries(practices.filters)) sums[key] = Object.values(counts).reduce((a, b) => a + b, 0);
  return { total: practices.results.length, sums };
}"""


def test_every_practice_keeps_its_filters(page, server, real_site):
    """Each practice has its municipality, province, themes, target groups and level as filters,
    though the key-facts box is only partly indexed."""
    search(page, server[0])
    found = page.evaluate(PRACTICE_FILTERS)
    assert found["total"] == len(list((real_site.parent / "practices").glob("*.yml")))
    assert found["sums"]["praktijkniveau"] == found["total"], found
    for key in ("gemeente", "provincie", "thema", "doelgroep"):
        assert found["sums"].get(key, 0) >= found["total"], (key, found)


ALL_FOUND = """async (query) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const found = await pagefind.search(query);
  return (await Promise.all(found.results.map((r) => r.data()))).map((p) => p.url);
}"""


@pytest.mark.parametrize(
    ("query", "title_word", "municipality"),
    [("Roermond", "Centrum voor Jeugd", "roermond"), ("Stichting Binding", "Uithuisplaatsing", "wijk-bij-duurstede")],
)
def test_names_only_in_the_key_facts_box_are_found(page, server, real_site, query, title_word, municipality):
    """A municipality or organisation named only in a practice's key-facts box finds that practice."""
    expected = practice_url(real_site, title_word, municipality)
    record = (real_site.parent / "practices" / (expected.strip("/").split("/")[-1] + ".yml")).read_text(encoding="utf-8")
    assert query.split()[-1] not in record.split("gemeenten:")[0], "the name is in the text too: pick another"
    search(page, server[0], query)
    assert expected in page.evaluate(ALL_FOUND, query)


@pytest.mark.parametrize(("query", "filters"), [("lopend", {}), ("", {"soort": "Praktijk"})])
def test_excerpts_show_text_not_the_key_facts_box(page, server, query, filters):
    """The key-facts box's labels and status row are left out of the indexed body: "lopend", a
    status in most boxes, finds only running text, and excerpts never read "Status volgens de bron …"."""
    search(page, server[0], query, **filters)
    excerpts = page.locator(".pb-resultaat__fragment").all_inner_texts()
    assert excerpts or query
    for text in excerpts:
        assert not re.search(r"Praktijkniveau|Status volgens de bron|Doelgroepen", text), text


def assert_practices_first_and_kinds_counted(page) -> None:
    """The results shown list practices first, each with its kind, and the status line counts
    the results per kind, practices first."""
    kinds = page.locator(".pb-resultaat__meta").evaluate_all("ps => ps.map(p => p.textContent.split(' · ')[0])")
    first_other = next((i for i, kind in enumerate(kinds) if kind != "Praktijk"), len(kinds))
    assert "Praktijk" in kinds and "Praktijk" not in kinds[first_other:], kinds
    assert all(kind in KIND_NAMES for kind in kinds), kinds
    status = page.locator(".pb-zoekstatus").inner_text()
    counted = re.search(r": (\d+) praktijk(?:en)?(?:,|\.)", status)
    assert counted, status
    assert sum(int(n) for n in re.findall(r"(\d+) [a-z']+", status.split(":", 1)[1])) == shown_total(page)


@pytest.mark.parametrize("query", ["wijkteams", "dementie", "schulden"])
def test_practices_come_first_and_the_status_counts_kinds(page, server, query):
    search(page, server[0], query)
    assert_practices_first_and_kinds_counted(page)


def test_the_first_search_of_a_split_index_fetches_no_filter_of_a_practice_bundle(browser, real_site, split_site):
    """The filter chunks were a fifth of the first search at 10,000 practices (bench/RESULTS.md).
    Indexed in parts, practices have bundles of their own, whose kind the search page gives them:
    the first search fetches the kind filter of the other bundles only (one chunk each), and still
    lists practices first and counts every kind, as the single index does."""
    listed = json.loads((split_site / BUNDLE_LIST).read_text(encoding="utf-8"))
    practice_bundles = tuple("/" + part["bundel"] for part in listed if part["soort"] == "Praktijk")
    assert practice_bundles and len(practice_bundles) < len(listed), listed
    fetched = list(first_query_bytes(split_site, "schulden", browser)["files"])
    filters = [path for path in fetched if "/filter/" in path]
    assert any(path.startswith(practice_bundles) and path.endswith(".pf_index") for path in fetched), fetched
    assert filters and not [path for path in filters if path.startswith(practice_bundles)], filters
    assert len(filters) <= len(listed) - len(practice_bundles), filters
    statuses = []
    with serve_site(real_site) as (whole, _), serve_site(split_site) as (parts, _):
        for base in (whole, parts):
            context = browser.new_context()
            page = context.new_page()
            search(page, base, "schulden")
            assert_practices_first_and_kinds_counted(page)
            statuses.append(page.locator(".pb-zoekstatus").inner_text())
            context.close()
    assert statuses[0] == statuses[1]


def test_a_link_jumps_from_the_search_field_to_the_results(page, server):
    search(page, server[0], "wijkteams")
    page.focus("#pb-zoekterm")
    for presses in range(1, 4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Naar de resultaten":
            break
    else:
        pytest.fail("'Naar de resultaten' is not within three tab stops of the search field")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.locator(RESULT_LINKS).first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first


def test_chosen_filters_are_chips_that_remove_them(page, server):
    search(page, server[0], "wijkteams", provincie="Utrecht", soort="Praktijk")
    chips = page.locator(".pb-gekozen__filter")
    expect(chips).to_have_text(["Provincie: Utrecht", "Soort pagina: Praktijk"])
    page.get_by_role("button", name="Filter Provincie: Utrecht weghalen").click()
    expect(page).to_have_url(re.compile(r"\?q=wijkteams&soort=Praktijk$"))
    expect(page.locator('input[name="provincie"][value="Utrecht"]')).not_to_be_checked()
    expect(chips).to_have_text(["Soort pagina: Praktijk"])
    page.get_by_role("button", name="Wis alle filters").click()
    expect(page).to_have_url(re.compile(r"\?q=wijkteams$"))
    expect(page.locator(".pb-gekozen")).to_be_hidden()
    expect(page.locator(".pb-zoekstatus")).not_to_contain_text("filter")


@pytest.mark.parametrize("width", [320, 390])
def test_phone_filter_button_counts_and_the_panel_ends_with_show_results(page, server, width):
    page.set_viewport_size({"width": width, "height": 740})
    search(page, server[0], "wijkteams", provincie="Utrecht")
    toggle = page.get_by_role("button", name="Filters (1)")
    toggle.click()
    last = page.locator(".pb-filterpaneel button:visible").last
    expect(last).to_have_text(f"Toon {shown_total(page)} resultaten")
    last.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".pb-filtergroep").first).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "pb-resultaten"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


BROWSE = ("praktijken/", "themas/", "gemeenten/")


def browse_links(page) -> list[str]:
    nav = page.locator(".pb-bladeren")
    expect(nav).to_be_visible()
    return [urlsplit(href).path for href in nav.locator("a").evaluate_all("a => a.map(l => l.href)")]


def test_without_javascript_the_page_offers_every_way_to_browse(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server[0] + "zoeken/?q=naoberfonds")
    assert browse_links(page) == ["/" + path for path in BROWSE]
    context.close()


def test_without_webassembly_the_query_is_repeated_with_ways_to_browse(page, server):
    page.route("**/*.pagefind", lambda route: route.abort())
    page.goto(server[0] + "zoeken/?q=naoberfonds")
    expect(page.locator(".pb-zoekstatus")).to_contain_text("Je zocht ‘naoberfonds’")
    expect(page.locator("#pb-zoekterm")).to_have_value("naoberfonds")
    assert browse_links(page) == ["/" + path for path in BROWSE]


def test_header_query_reaches_the_search_page(page, server, real_site):
    page.goto(server[0] + "praktijken/")
    page.fill("#pb-kopzoek", "naoberfonds")
    page.press("#pb-kopzoek", "Enter")
    page.wait_for_selector(RESULTS_SHOWN, state="attached")
    expect(page.locator("#pb-zoekterm")).to_have_value("naoberfonds")
    assert result_paths(page)[0] == practice_url(real_site, "Naoberfonds", "aalten")
    expect(page.locator(".pb-bladeren")).to_be_hidden()  # needed only when search does not work


def test_a_compound_word_finds_its_parts(page, server, real_site):
    """"burenhulpplatform" finds the "online platform voor burenhulp" in Meppel, whose text never
    writes the compound."""
    expected = practice_url(real_site, "burenhulp", "meppel")
    assert "burenhulpplatform" not in (real_site / expected.strip("/") / "index.html").read_text(encoding="utf-8").lower()
    assert search(page, server[0], "burenhulpplatform")[0] == expected
    expect(page.locator(".pb-zoekstatus")).to_contain_text("ook gezocht op ‘burenhulp platform’")


def test_a_near_miss_gets_a_suggestion(page, server):
    search(page, server[0], "geheugehuis")
    suggestion = page.locator(".pb-suggestie")
    expect(suggestion).to_have_text("Bedoelde je GeheugenHuis?")
    suggestion.locator("a").click()
    expect(page).to_have_url(re.compile(r"\?q=GeheugenHuis$"))


def test_no_suggestion_when_the_word_is_found(page, server):
    search(page, server[0], "geheugenhuis")
    expect(page.locator(".pb-resultaat").first).to_be_visible()
    expect(page.locator(".pb-suggestie")).to_have_count(0)


@pytest.mark.parametrize("width", [320, 390, 1024, 1280])
def test_search_page_with_filters_and_chips_has_no_wcag_violations(page, server, width):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    search(page, server[0], "wijkteams", provincie="Utrecht")
    if width < 720:
        page.get_by_role("button", name="Filters (1)").click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
