"""The real site: strict build, links, determinism, privacy, safety and the shape of the navigation."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from generator.build import Layout, build
from generator.parallel import MINIMUM_SHARE
from generator.passthrough import MARKER
from generator.problems import errors
from generator.site import bundles, compact, compact_pages

from .conftest import FIXTURES, REPO, build_or_fail, make_project

pytestmark = pytest.mark.slow


FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


class _Page(HTMLParser):
    """Collects links, resource URLs and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        for name in ("src", "srcset", "poster", "data"):
            if name in values:
                self.resources.append(values[name])
        # canonical/alternate links are not fetched; stylesheets, icons and preloads are
        if tag == "link" and "href" in values and set(values.get("rel", "").split()) & FETCHED_LINKS:
            self.resources.append(values["href"])
        self.attributes += [(tag, name, value) for name, value in values.items()]


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


BASE_PATH = "/praktijkbank/"  # the path of site_url in mkdocs.yml; MkDocs' 404 page links absolutely


def target_of(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(BASE_PATH), href
        page, path = site.resolve() / "index.html", path.removeprefix(BASE_PATH)
    target = page if not path else (page.parent / path)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve(), parts.fragment


def test_real_site_builds_strictly_with_every_page_type(real_site: Path):
    for page in ("index.html", "praktijken/index.html", "gemeenten/index.html", "themas/index.html",
                 "organisaties/index.html", "doelgroepen/index.html", "bronnen/index.html", "zoeken/index.html",
                 "over/index.html", "begrippen/index.html", "velden/index.html", "foutcodes/index.html",
                 "praktijken/naoberfonds/index.html", "gemeenten/aalten/index.html", "themas/eenzaamheid/index.html",
                 "organisaties/figulus-welzijn/index.html", "bronnen/gouden-gemeenten-2017/index.html",
                 "doelgroepen/ouderen/index.html"):
        assert (real_site / page).is_file(), page
    assert (real_site / "pagefind" / "pagefind.js").is_file()


def test_every_internal_link_and_anchor_resolves(real_site: Path):
    """On every page, and in the SVG files with links that pages embed (the national map)."""
    broken = []
    embedded = [path for path in sorted(real_site.rglob("*.svg")) if path.relative_to(real_site).parts[0] != "assets"]
    assert embedded, "no embedded map: its links go unchecked"
    pages = {path.resolve(): parse(path) for path in html_files(real_site) + embedded}
    for path, page in pages.items():
        for href in page.links:
            target = target_of(real_site, path, href)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append((path.relative_to(real_site.resolve()), href))
            elif fragment and file in pages and fragment not in pages[file].ids:
                broken.append((path.relative_to(real_site.resolve()), href))
    assert broken == []


def test_no_record_page_is_an_orphan(real_site: Path):
    linked = set()
    for path in html_files(real_site):
        for href in parse(path).links:
            target = target_of(real_site, path.resolve(), href)
            if target and target[0] != path.resolve():
                linked.add(target[0])
    records = [p.resolve() for section in ("praktijken", "gemeenten", "themas", "organisaties", "doelgroepen", "bronnen")
               for p in (real_site / section).glob("*/index.html")]
    assert [p for p in records if p not in linked] == []


EXTERNAL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]|(?:src|href)\s*=\s*['"]?)(?:https?:)?//""", re.IGNORECASE)


def test_no_resource_is_loaded_from_a_third_party(real_site: Path):
    offenders = []
    for path in html_files(real_site):
        page = parse(path)
        offenders += [(path.name, url) for url in page.resources if urlsplit(url).netloc]
    for path in [*real_site.rglob("*.css"), *real_site.rglob("*.js")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [(path.name, m.group(0)) for m in EXTERNAL.finditer(text)]
    assert offenders == []


# Material's own stylesheets and script bundle, and ours; nothing else is loaded by a page.
ALLOWED_ASSETS = re.compile(r"assets/(?:stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css|javascripts/bundle\.[0-9a-f]+\.min\.js"
                            r"|praktijkbank\.(?:css|js)|kaart\.css)")


def test_pages_load_only_materials_assets_and_ours(real_site: Path):
    loaded = set()
    for path in html_files(real_site):
        for url in parse(path).resources:
            if urlsplit(url).path.endswith((".css", ".js")):
                # the 404 page links from the site's base path, every other page relatively
                target = real_site / url.removeprefix(BASE_PATH) if url.startswith("/") else path.parent / url
                loaded.add(target.resolve().relative_to(real_site.resolve()).as_posix())
    assert loaded and [asset for asset in sorted(loaded) if not ALLOWED_ASSETS.fullmatch(asset)] == []


def test_pages_are_dutch_and_navigation_lists_no_records(real_site: Path):
    page = (real_site / "praktijken" / "naoberfonds" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in page
    menu = page[page.index('class="md-nav md-nav--primary'):page.index('class="md-sidebar md-sidebar--secondary"')]
    assert 'href="../"' in menu and "naoberfonds" not in menu and "blijverslening" not in menu


# What our overrides leave out of Material's pages (main.html's block config, the empty
# partials/javascripts/*.html) serves only these features, plugins and settings: with any of them
# switched on, Material's bundle would miss its texts or its storage helpers (__md_get, __md_set).
NEEDS_WHAT_WE_LEAVE_OUT = ("content.", "search.", "announce.")


def test_materials_configuration_holds_only_what_its_bundle_reads(real_site: Path):
    """Every page tells Material's bundle its base and features, and nothing else: no feature,
    plugin or setting is on that needs the search, clipboard, annotation, tag or version texts,
    content tabs, or the storage helpers (colour-scheme toggle, repository facts, announcements)."""
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    features = settings["theme"]["features"]
    assert not [feature for feature in features if feature.startswith(NEEDS_WHAT_WE_LEAVE_OUT)]
    assert not {"search", "material/search", "tags", "material/tags"} & set(settings["plugins"] or ())
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in settings["markdown_extensions"]]
    assert "pymdownx.tabbed" not in extensions and not {"version", "consent"} & set(settings.get("extra", {}))
    assert isinstance(settings["theme"]["palette"], dict) and "repo_url" not in settings
    for path in (real_site / "index.html", real_site / "praktijken" / "naoberfonds" / "index.html"):
        page = path.read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page).group(1)
        base = "." if path.parent == real_site else "../.."
        assert json.loads(config) == {"base": base, "features": features}, path


def test_record_text_renders_inertly(fixture_site: Path):
    page = fixture_site / "praktijken" / "veilige-tekst" / "index.html"
    html = page.read_text(encoding="utf-8")
    parsed = parse(page)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>HTML</b>" not in html
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert not [a for a in parsed.attributes if a[2].strip().lower().startswith("javascript:")]
    article = html[html.index("<article"):html.index("</article>")]
    assert "<h1" in article and article.count("<h1") == 1  # "# Geen kop" stayed text
    assert 'class="admonition' not in article  # "!!! warning" stayed text
    for literal in ("{{ config }}", "{% raw %}", "<script>alert(1)</script>", "](javascript:alert(1))", "!!! warning"):
        assert literal.replace("<", "&lt;").replace(">", "&gt;") in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;") \
            or literal in _text(html), literal


def _text(html: str) -> str:
    import html as html_module
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def _digest(site: Path) -> dict[str, str]:
    """Hashes of every page and data file. Pagefind's index is left out: Pagefind 1.5 names
    and orders its filter chunks differently from run to run, which we cannot control."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".xml", ".csv", ".txt")
            and not p.relative_to(site).parts[0].startswith("pagefind")}


def test_same_commit_builds_byte_identical_pages(tmp_path: Path):
    first = _digest(build_or_fail(make_project(tmp_path / "a", FIXTURES / "catalogus")))
    second = _digest(build_or_fail(make_project(tmp_path / "b", FIXTURES / "catalogus")))
    assert first == second and len(first) > 15


def test_invalid_content_leaves_the_previous_site_untouched(tmp_path: Path):
    project = make_project(tmp_path / "p", FIXTURES / "catalogus")
    site = build_or_fail(project)
    before = _digest(site)
    record = project / "practices" / "buurtkas.yml"
    original = record.read_bytes()
    record.write_text(original.decode("utf-8").replace("themas: [burgerinitiatief, eenzaamheid]", "themas: [onbekend]"))
    changed = record.read_bytes()
    problems = build(Layout.of(project))
    assert [p.code for p in errors(problems)] == ["PB301"]
    assert _digest(site) == before
    assert record.read_bytes() == changed  # the build never writes to records


def test_zensical_builds_the_generated_pages(real_site: Path, tmp_path: Path):
    project = tmp_path / "zensical"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copytree(REPO / "build" / "docs", project / "build" / "docs")
    result = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=project, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "praktijken" / "naoberfonds" / "index.html").read_text(encoding="utf-8")
    assert "Naoberfonds" in page
    # Zensical uses generator.passthrough too: the marker is gone and the headings feed the table of contents.
    assert MARKER not in page and 'href="#wat-is-het"' in page and '<h1 id="inhoud" data-pagefind-weight="10">' in page
    assert len(list((project / "site" / "praktijken").glob("*/index.html"))) == len(list((REPO / "practices").glob("*.yml")))


def test_a_catalogue_without_records_still_builds(tmp_path: Path):
    """A new project starts empty: the hand-written pages and an (empty) search still build."""
    empty = tmp_path / "leeg"
    empty.mkdir()
    site = build_or_fail(make_project(tmp_path / "p", empty))
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert json.loads((site / "pagefind" / "bundels.json").read_text(encoding="utf-8")) == [{"bundel": "pagefind/", "soort": None}]


def test_practices_get_search_bundles_of_their_own_when_the_index_is_split():
    """Pages that fit one Pagefind bundle get one; more pages are split with the practices apart
    (the search page gives those bundles their kind), every page in one bundle, none over the limit."""
    pages = {Path(f"pagina-{n}"): "Praktijk" if n % 3 else "Thema" for n in range(100)}
    assert bundles(pages, 100) == [("", list(pages))]
    split = bundles(pages, 30)
    assert [kind for kind, _ in split] == ["", "", "Praktijk", "Praktijk", "Praktijk"]
    assert sorted(page for _, part in split for page in part) == sorted(pages)
    assert all(len(part) <= 30 for _, part in split)
    assert all((pages[page] == "Praktijk") == (kind == "Praktijk") for kind, part in split for page in part)


def test_search_status_names_every_kind_of_page():
    """Every `soort` filter value a page template gives has a singular and plural in zoeken.js's
    KINDS, so the status line never reads "12 begrip"."""
    templates = "".join(p.read_text(encoding="utf-8") for p in (REPO / "theme" / "templates").glob("*.j2"))
    kinds = set(re.findall(r'data-pagefind-filter="soort:(\w+)"', templates))
    script = (REPO / "theme" / "overrides" / "assets" / "zoeken.js").read_text(encoding="utf-8")
    named = set(re.findall(r'^  (\w+): \["', script.split("const KINDS = {", 1)[1].split("};", 1)[0], re.M))
    assert "Begrip" in kinds and kinds <= named, kinds - named


def test_compacting_drops_indentation_but_keeps_preformatted_text_and_scripts():
    page = "<div>\n    <p>tekst</p>\n\n  <pre>  a\n    b</pre>\n<script>\n  x = 1;\n</script>\n  <textarea>\n  c</textarea>\n</div>"
    assert compact(page) == ("<div>\n<p>tekst</p>\n<pre>  a\n    b</pre>\n<script>\n  x = 1;\n</script>\n"
                             "<textarea>\n  c</textarea>\n</div>")


@pytest.mark.parametrize("count", [3, MINIMUM_SHARE * 2])  # one process, and shared between processes
def test_compact_pages_rewrites_every_page_and_names_the_searchable_ones(tmp_path: Path, count: int):
    for number in range(count):
        body = ' data-pagefind-body' if number % 3 == 0 else ''
        kind = ' data-pagefind-filter="soort:Praktijk"' if number % 2 == 0 else ''
        (tmp_path / f"p{number:05}").mkdir()
        (tmp_path / f"p{number:05}" / "index.html").write_text(
            f"<main>\n    <article{body}><span{kind}>{number}</span></article>\n</main>\n")
    searchable = compact_pages(tmp_path)
    assert searchable == {tmp_path / f"p{number:05}" / "index.html": "Praktijk" if number % 2 == 0 else ""
                          for number in range(0, count, 3)}
    assert all("\n " not in page.read_text() for page in tmp_path.rglob("*.html"))
