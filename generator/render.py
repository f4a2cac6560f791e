"""Stage 4: render the catalogue into pages through the Jinja templates in the project's
`theme/templates/`.

A page is a Markdown file for the site builder whose body is finished HTML: YAML front matter,
the `passthrough.MARKER` line, then HTML that the builder's Markdown stage leaves as it is (see
`passthrough`). Record values reach a page only as template variables, never as template source,
and every printed value is HTML-escaped (see `markup`). The result is a mapping of page path to
page text; nothing is written here.
"""

from __future__ import annotations

import dataclasses
import html
import functools
import itertools
import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from slugify import slugify

from . import kaart, parallel, schemas
from .begrippen import Glossary, PageTerms, prose
from .link import Catalogue
from .markup import html_text, prose_html
from .pages import LICENCE, MEDIA_TYPES, SECTIONS, collection_files, record_page, relative, relative_path, url_of
from .passthrough import MARKER
from .reference import open_data_tables, reference_documents

MAP_STYLESHEET = "assets/kaart.css"  # written from kaart.KAART_CSS, listed in mkdocs.yml extra_css
# The national map, a file of its own that the municipality overview embeds (see kaart.national_map).
# It lies in the overview's folder, so the links in it are the page's own relative links.
NATIONAL_MAP_PAGE, NATIONAL_MAP = "gemeenten/index.md", "gemeenten/kaart.svg"
# A page says "we do not know whether this still runs" when its newest source is more than this many
# years older than the catalogue's newest edit (see `Site.catalogue_year`). The one place to change it.
STALE_AFTER_YEARS = 2
# A list of more entries than this (the practice table, a theme's or a municipality's practices, a
# source's citing practices, a term's users, the organisations; see `Site.listed`) is split into numbered
# pages of this many entries: at 10,000 practices a theme page then stays below 100 KB. The one place to change it. Numbered pages rather than "the newest N, then search": they work without
# JavaScript, every record stays reachable by plain links, and a sociaal werker can page through a
# theme in a known order and come back to "page 3" (search results are not a stable list to share).
PAGE_SIZE = 100
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


@dataclasses.dataclass(frozen=True)
class Settings:
    """Site-wide settings: where the page templates are, and what `mkdocs.yml` says."""

    templates: Path  # the project's page templates (project.PAGE_TEMPLATES under its root)
    site_url: str = ""
    edit_base: str = ""  # repository web-editor URL that a record's path is appended to
    site_name: str = "Praktijkbank Gouden Gemeenten"


def dutch_date(iso: str) -> str:
    """`2026-11-22` as `22 november 2026`."""
    year, month, day = (int(part) for part in str(iso).split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def dutch_number(value: float | int) -> str:
    """A number with Dutch separators: 23000 -> `23.000`, 2.5 -> `2,5`."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:,}".partition(".")
        return whole.replace(",", ".") + "," + fraction
    return f"{int(value):,}".replace(",", ".")


# Characters a YAML stream may not contain raw; JSON's string syntax leaves some of them as they are.
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar. JSON's string syntax is a subset of YAML's, and
    `json.dumps` is many times faster than PyYAML's emitter (a sixth of all page rendering)."""
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def front_matter(**fields: object) -> Markup:
    """YAML front matter. MkDocs prints `title` and `description` into the HTML unescaped,
    so they are HTML-escaped here, and written as YAML data, never interpolated. A `Markup`
    value (the JSON-LD of `linked_data`) is safe in HTML already and kept byte for byte."""
    values = {key: value if isinstance(value, Markup) else html.escape(" ".join(str(value).split()))
              for key, value in fields.items() if value}
    lines = (f"{key}: {yaml_string(value)}\n" for key, value in values.items() if value)
    return Markup("---\n" + "".join(lines) + "---\n")


def linked_data(data: dict) -> Markup:
    """schema.org JSON-LD for a `<script type="application/ld+json">`. `<`, `>`, `&` and `'` become
    `\\u` escapes (Jinja's `htmlsafe_json_dumps`), so no record text can close the script element."""
    return htmlsafe_json_dumps({"@context": "https://schema.org", **data}, sort_keys=True)


def source_year(source: dict) -> str:
    """The year of a source as a reader sees it: `2017`, `omstreeks 2017`, for a web page without a
    year `geraadpleegd op 3 maart 2026`, or `jaar onbekend`."""
    if source.get("jaar"):
        return ("omstreeks " if source.get("jaar_geschat") else "") + str(source["jaar"])
    if source.get("geraadpleegd"):
        return f"geraadpleegd op {dutch_date(source['geraadpleegd'])}"
    return "jaar onbekend"


def information_year(source: dict) -> tuple[int | None, str]:
    """The year a source's information dates from, and as a reader sees it: the year it appeared
    (`omstreeks 2017` when estimated), else for a web page the year it was read, else unknown."""
    if source.get("jaar"):
        return source["jaar"], source_year(source)
    if source.get("geraadpleegd"):
        year = int(str(source["geraadpleegd"])[:4])
        return year, str(year)
    return None, "jaar onbekend"


def in_words(items: list[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    return " en ".join(filter(None, (", ".join(items[:-1]), items[-1]))) if items else ""


@dataclasses.dataclass(frozen=True)
class Information:
    """When the information on a record's page dates from: the years of the sources it cites."""

    # (year as read, e.g. "omstreeks 2017", [source slugs]) oldest first; sources without a year last
    groups: list[tuple[str, list[str]]]
    newest: str  # the newest year as read, "" when no source has a year
    stale: bool  # the newest source is older than STALE_AFTER_YEARS, or no source has a year
    span: tuple[int, int] | None  # the oldest and the newest year, None when no source has a year

    @property
    def years(self) -> str:
        """The years in a sentence, `2015 en omstreeks 2017`; `jaar onbekend` without any."""
        dated = [year for year, _sources in self.groups if year != "jaar onbekend"]
        return in_words(dated) or "jaar onbekend"

    @property
    def sentence(self) -> str:
        """`Informatie uit 2015 en omstreeks 2017`, or `Jaar van de informatie onbekend`."""
        return f"Informatie uit {self.years}" if self.newest else "Jaar van de informatie onbekend"


def split(items: list, size: int) -> list[list]:
    """`items` in consecutive pages of at most `size` entries; always at least one (maybe empty) page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def numbered_page(page: str, number: int) -> str:
    """The path of page `number` of a split list whose first page is `page`: the page itself, then
    `themas/wonen/pagina-2.md`, `praktijken/index/pagina-2.md`. Inside the page's own folder, so no
    record (a slug never holds a `/`) can take its place."""
    return page if number == 1 else f"{page.removesuffix('.md')}/pagina-{number}.md"


@dataclasses.dataclass(frozen=True)
class Pager:
    """Which part of a long list one page shows, and the links to the other parts."""

    page: str  # the first page, the record's or overview's own
    number: int  # this page, from 1
    count: int  # how many pages the list takes
    total: int  # entries in the whole list
    size: int  # entries per page

    @classmethod
    def pages(cls, page: str, total: int, size: int | None = None) -> list["Pager"]:
        """One pager per page of a list of `total` entries shown from `page`."""
        size = size or PAGE_SIZE
        count = len(split(range(total), size))
        return [cls(page, number, count, total, size) for number in range(1, count + 1)]

    def part(self, items: list) -> list:
        """This page's entries of `items` (the whole list when it fits on one page)."""
        return split(items, self.size)[self.number - 1]

    def path(self, number: int) -> str:
        return numbered_page(self.page, number)

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers the pager links: the first, the last and two either side of this one,
        None for a gap (`1 … 4 5 6 7 8 … 100`). A hundred links would be a hundred tab stops; every
        page stays reachable through "Volgende"."""
        near = {1, self.count} | set(range(max(1, self.number - 2), min(self.count, self.number + 2) + 1))
        shown: list[int | None] = []
        for number in sorted(near):
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown

    @property
    def label(self) -> str:
        """`201–400 van 10.000`."""
        first = (self.number - 1) * self.size + 1
        return f"{dutch_number(first)}–{dutch_number(min(self.total, first + self.size - 1))} van {dutch_number(self.total)}"


@functools.cache
def page_anchors(templates: Path) -> frozenset[str]:
    """The anchors the templates in the folder `templates` give their own headings
    (`<h2 id="wat-is-het">`), which an `onderdeel` must not take."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(templates.glob("*.j2")))
    return frozenset(re.findall(r'<h[1-6] id="([a-z0-9_-]+)"', text))


def anchor(title: str, number: int = 1, *, reserved: frozenset[str]) -> Markup:
    """The anchor of an `onderdeel` on its page, derived from its title (a slug: safe as it is);
    `onderdeel-<number>` when the title has no letters or digits ("!!!"), and `onderdeel-…` when
    it would take the anchor of one of the page's own headings ("Wat is het")."""
    slug = slugify(title)
    if not slug:
        return Markup(f"onderdeel-{number}")
    return Markup(f"onderdeel-{slug}" if slug in reserved else slug)


def lines_label(regels: object) -> str:
    """Cited lines as a reader reads them: "regel 17", "regels 17-19" or "regels 3, 17"."""
    text = str(regels)
    return f"regel {text}" if text.isdigit() else f"regels {text}"


def text_fragment_url(url: str, fragment: str) -> str:
    """`url` pointing at the words of `fragment`, as a URL text fragment (`#:~:text=…`, URL Fragment
    Text Directives): percent-encoded, with `-`, `,` and `&` encoded too, as the directive requires."""
    text = quote(" ".join(fragment.split()), safe="").replace("-", "%2D")
    return f"{url}{':~:' if '#' in url else '#:~:'}text={text}"


def _place(ref: dict) -> str:
    return ", ".join(part for part in (lines_label(ref["regels"]) if ref.get("regels") else "",
                                       f"p. {ref['pagina']}" if ref.get("pagina") else "") if part)


def per_document(refs: list[dict]) -> list[tuple[str, str, list[str]]]:
    """Source references grouped per document in order of first mention, each place and fragment named
    once: `[("hu-2013", "regels 124-127, 205-218", [])]`. A page lists a document once, not once per place."""
    places: dict[str, list[str]] = {}
    fragments: dict[str, list[str]] = {}
    for ref in refs:
        found = places.setdefault(ref["bron"], [])
        place = _place(ref)
        if place and place not in found:
            found.append(place)
        quoted = fragments.setdefault(ref["bron"], [])
        if ref.get("fragment") and ref["fragment"] not in quoted:
            quoted.append(ref["fragment"])
    return [(source, _joined(found), fragments[source]) for source, found in places.items()]


def _joined(places: list[str]) -> str:
    if places and all(place.startswith("regel") and ", p. " not in place for place in places):
        return lines_label(", ".join(place.split(" ", 1)[1] for place in places))
    return "; ".join(places)


def value_labels(kind: str, field: str) -> dict[str, dict]:
    """Labels and definitions of an enumerated field, from the schema's `x-waarden`."""
    for name, schema, _required in schemas.fields(kind):
        if name == field:
            return schema.get("x-waarden", {})
    raise KeyError(f"{kind}.{field}")


class Site:
    """What templates may ask about the catalogue: names, links and related records."""

    def __init__(self, catalogue: Catalogue, settings: Settings):
        self.catalogue = catalogue
        self.settings = settings
        self.level = value_labels("praktijk", "praktijkniveau")
        self.status = value_labels("praktijk", "status")
        self.role = value_labels("praktijk", "organisaties[].rol")
        self.org_kind = value_labels("organisatie", "soort")
        self.source_kind = value_labels("bron", "soort")
        # Every page asks for the same few lists (a theme's practices, a municipality's); sorting
        # them once per site instead of once per page keeps rendering linear in the catalogue.
        self._users: dict[tuple[str, str, str], list[str]] = {}
        self._information: dict[tuple[str, str], Information] = {}
        edits = [str(data["bijgewerkt"]) for _slug, data in catalogue.all("praktijk")]
        # The newest edit: the last time the catalogue is known to have been looked at. Unlike the
        # build date it is the same for every build of a commit.
        self.catalogue_updated = max(edits, default="")
        self.catalogue_year = int(self.catalogue_updated[:4]) if edits else 0
        self.glossary = Glossary(catalogue.all("begrip"))
        self._term_users: dict[str, list[tuple[str, str]]] | None = None
        self._by_name: dict[str, list[tuple[str, dict]]] = {}
        self._lists: dict[tuple[str, str, str], list] = {}  # listed() and municipalities_of()

    def name(self, kind: str, slug: str) -> str:
        data = self.catalogue.get(kind, slug)
        return data.get("titel") or data.get("naam") or data.get("term") or slug

    def term_users(self, slug: str) -> list[tuple[str, str]]:
        """(kind, slug) of every record whose text uses a glossary term, in page order; worked out
        for all terms at the first question."""
        if self._term_users is None:
            found: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for kind in ("praktijk", "gemeente", "organisatie"):
                for other, _data in self.all(kind):
                    record = self.catalogue.records[kind][other]
                    for term in dict.fromkeys(t for _path, text in prose(record) for t in self.glossary.used_in(text)):
                        found[term].append((kind, other))
            self._term_users = dict(found)
        return self._term_users.get(slug, [])

    def all(self, kind: str) -> list[tuple[str, dict]]:
        """Every record of a kind, sorted by its display name (do not modify: shared)."""
        if kind not in self._by_name:
            self._by_name[kind] = sorted(self.catalogue.all(kind), key=lambda item: (self.name(kind, item[0]).casefold(), item[0]))
        return self._by_name[kind]

    def practices(self, kind: str, slug: str) -> list[str]:
        """Slugs of practices that refer to a record, sorted by title."""
        return self.users(kind, slug, "praktijk")

    def users(self, kind: str, slug: str, of_kind: str) -> list[str]:
        """Slugs of records of `of_kind` that refer to a record, sorted by name (do not modify: shared)."""
        key = (kind, slug, of_kind)
        if key not in self._users:
            self._users[key] = sorted(self.catalogue.users(kind, slug, of_kind),
                                      key=lambda s: (self.name(of_kind, s).casefold(), s))
        return self._users[key]

    def cited_sources(self, kind: str, slug: str) -> list[str]:
        """Every source a record cites anywhere (fields, results, quotes, parts), each once."""
        return list(dict.fromkeys(target_slug for _path, target, target_slug in self.catalogue.refers_to.get((kind, slug), ())
                                  if target == "bron"))

    def information(self, kind: str, slug: str) -> Information:
        """The years of the sources a record cites, and whether they are too old to vouch for today."""
        key = (kind, slug)
        if key not in self._information:
            sources = sorted(((information_year(self.catalogue.get("bron", s)), s) for s in self.cited_sources(kind, slug)),
                             key=lambda item: (item[0][0] or 10_000, item[1]))
            groups: dict[str, list[str]] = {}
            for (_year, text), source in sources:
                groups.setdefault(text, []).append(source)
            dated = [(year, text) for (year, text), _source in sources if year]
            span = (dated[0][0], dated[-1][0]) if dated else None
            self._information[key] = Information(
                list(groups.items()), dated[-1][1] if dated else "",
                not span or self.catalogue_year - span[1] > STALE_AFTER_YEARS, span)
        return self._information[key]

    def years_covered(self) -> tuple[int, int] | None:
        """The oldest and newest year of the sources the practices cite."""
        spans = [span for slug, _data in self.catalogue.all("praktijk") if (span := self.information("praktijk", slug).span)]
        return (min(first for first, _last in spans), max(last for _first, last in spans)) if spans else None

    def status_in_year(self, slug: str) -> str:
        """A practice's status with the year of the newest source: `Lopend (bron van 2017)`,
        `Pilot (bron van omstreeks 2017)`: the status is the source's, not today's."""
        label = self.status[self.catalogue.get("praktijk", slug)["status"]]["label"]
        newest = self.information("praktijk", slug).newest
        if not newest or self.catalogue.get("praktijk", slug)["status"] == "onbekend":
            return label
        return f"{label} (bron van {newest})"

    def province(self, slug: str) -> str:
        data = self.catalogue.get("gemeente", slug)
        if data.get("provincie"):
            return data["provincie"]
        provinces = sorted({self.province(m) for m in data.get("leden", ())} - {""})
        return " / ".join(provinces)

    def regions_of(self, slug: str) -> list[str]:
        return [s for s in self.users("gemeente", slug, "gemeente")
                if slug in self.catalogue.get("gemeente", s).get("leden", ())]

    def predecessors_of(self, slug: str) -> list[str]:
        return [s for s in self.users("gemeente", slug, "gemeente")
                if self.catalogue.get("gemeente", s).get("opvolger", {}).get("gemeente") == slug]

    def see_also(self, slug: str, limit: int = 6) -> dict[str, list[str]]:
        """Related practices, the main theme elsewhere, and more from the same municipalities."""
        data = self.catalogue.get("praktijk", slug)
        related = list(dict.fromkeys(data.get("verwante_praktijken", []) + self.users("praktijk", slug, "praktijk")))
        here = set(data["gemeenten"])
        shown = set(related) | {slug}
        elsewhere = list(itertools.islice((s for s in self.practices("thema", data["themas"][0])
                                           if s not in shown and here.isdisjoint(self.catalogue.get("praktijk", s)["gemeenten"])),
                                          limit))
        shown |= set(elsewhere)
        nearby = (s for g in data["gemeenten"] for s in self.practices("gemeente", g) if s not in shown)
        return {"related": related, "theme": elsewhere,
                "municipality": list(itertools.islice(dict.fromkeys(nearby), limit))}

    def by_main_theme(self, slugs: list[str]) -> list[tuple[str, list[str]]]:
        """Practices grouped by their first (main) theme, themes in name order."""
        groups: dict[str, list[str]] = defaultdict(list)
        for slug in slugs:
            groups[self.catalogue.get("praktijk", slug)["themas"][0]].append(slug)
        return sorted(groups.items(), key=lambda item: self.name("thema", item[0]).casefold())

    def municipalities_of(self, kind: str, slug: str) -> list[str]:
        """The municipalities of the practices of a theme or target group, by name (asked once per
        page of its list; do not modify: shared)."""
        key = ("gemeenten van", kind, slug)
        if key not in self._lists:
            found = {g for s in self.practices(kind, slug) for g in self.catalogue.get("praktijk", s)["gemeenten"]}
            self._lists[key] = sorted(found, key=lambda g: self.name("gemeente", g).casefold())
        return self._lists[key]

    def citing(self, source: str) -> dict[str, list[str]]:
        return {kind: self.users("bron", source, kind) for kind in ("praktijk", "gemeente", "organisatie")}

    def listed(self, kind: str, slug: str = "") -> list:
        """The long list on a page that `Pager` splits. On an overview (no `slug`): the practices, the
        organisations (grouped by kind, in page order) or the sources. On a record's page: the practices
        of a theme, target group, organisation or municipality (grouped by main theme, in page order),
        the practices citing a source, the pages using a term. Empty for any other page. (Asked once
        per page of the list: do not modify, shared.)"""
        key = ("lijst", kind, slug)
        if key not in self._lists:
            self._lists[key] = self._long_list(kind, slug)
        return self._lists[key]

    def _long_list(self, kind: str, slug: str) -> list:
        """`listed`, worked out."""
        if not slug:  # an overview
            if kind == "organisatie":
                return [s for _kind, slugs in self.organisations_by_kind() for s in slugs]
            return self.slugs(kind) if kind in ("praktijk", "bron") else []
        if kind == "gemeente":
            return [s for _theme, slugs in self.by_main_theme(self.practices(kind, slug)) for s in slugs]
        if kind in ("thema", "doelgroep", "organisatie"):
            return self.practices(kind, slug)
        if kind == "bron":
            return self.users("bron", slug, "praktijk")
        if kind == "begrip":
            return self.term_users(slug)
        return []

    def slugs(self, kind: str) -> list[str]:
        return [slug for slug, _ in self.all(kind)]

    def active_municipalities(self) -> list[str]:
        """Municipalities and regions with at least one practice, by name."""
        return [slug for slug in self.slugs("gemeente") if self.practices("gemeente", slug)]

    def by_province(self) -> list[tuple[str, list[str]]]:
        """Municipalities and regions grouped by province (a region may span two), provinces sorted."""
        groups: dict[str, list[str]] = defaultdict(list)
        for slug in self.slugs("gemeente"):
            groups[self.province(slug) or "Onbekend"].append(slug)
        return sorted(groups.items())

    def organisations_by_kind(self, slugs: list[str] | None = None) -> list[tuple[str, list[str]]]:
        """All organisations, or those of `slugs`, grouped by kind in the schema's order, by name."""
        groups: dict[str, list[str]] = defaultdict(list)
        for slug in self.slugs("organisatie") if slugs is None else slugs:
            groups[self.catalogue.get("organisatie", slug)["soort"]].append(slug)
        return [(kind, groups[kind]) for kind in self.org_kind if kind in groups]

    def statcodes(self, slug: str) -> list[str]:
        """CBS codes that draw a municipality, or a region's members, on a map."""
        data = self.catalogue.get("gemeente", slug)
        if data.get("cbs_code"):
            return [data["cbs_code"]]
        return sorted({code for member in data.get("leden", ()) for code in self.statcodes(member)})

    def locator_map(self, slug: str) -> Markup:
        codes = self.statcodes(slug)
        return Markup(kaart.locator_map(codes, self.name("gemeente", slug))) if codes else Markup("")

    def map_areas(self) -> dict[str, str]:
        """Statcode → slug of the place with practices that the national map colours it for.
        A municipality's own area links to its own profile; a region gets only the areas of its
        members that have no practices of their own (so Roermond is never drawn as Midden-Limburg)."""
        areas: dict[str, str] = {}
        active = self.active_municipalities()
        for slug in sorted(active, key=lambda slug: bool(self.catalogue.get("gemeente", slug).get("leden"))):
            for code in self.statcodes(slug):
                areas.setdefault(code, slug)
        return areas

    def regions_without_area(self) -> list[str]:
        """Places with practices that the national map does not colour: regions whose every
        member has practices of its own. The page names them beside the map."""
        drawn = set(self.map_areas().values())
        return [slug for slug in self.active_municipalities() if slug not in drawn]

    def national_map(self) -> Markup:
        """The national map file (`national_map_file`) as its page shows it."""
        return Markup(kaart.embedded_map(relative_path(NATIONAL_MAP_PAGE, NATIONAL_MAP)))

    def national_map_file(self) -> str:
        """The map of the Netherlands with every place that has practices linked to its profile."""
        highlighted = {code: (relative(NATIONAL_MAP_PAGE, record_page("gemeente", slug)), self.name("gemeente", slug))
                       for code, slug in self.map_areas().items()}
        return kaart.national_map(highlighted)

    map_attribution = kaart.ATTRIBUTIE

    def absolute(self, path: str) -> str:
        """The canonical address of a site path (such as `data/praktijken.json`): `site_url` + path."""
        return self.settings.site_url.rstrip("/") + "/" + path

    def url(self, kind: str, slug: str) -> str:
        """The canonical address of a record's page, for citations, feeds and open data."""
        return self.absolute(url_of(record_page(kind, slug)))

    def edit_url(self, kind: str, slug: str) -> Markup:
        if not self.settings.edit_base:
            return Markup("")
        return Markup(html.escape(self.settings.edit_base + self.catalogue.records[kind][slug].path))


def period(span: tuple[int, int]) -> str:
    """A schema.org `temporalCoverage`: `2017`, or the ISO 8601 interval `2013/2019`."""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}/{span[1]}"


def _publisher(site: Site) -> dict:
    return {"@type": "Organization", "name": site.settings.site_name, "url": site.absolute("")}


def website_data(site: Site) -> Markup:
    """JSON-LD of the home page: the site, and how to search it."""
    return linked_data({
        "@type": "WebSite", "name": site.settings.site_name, "url": site.absolute(""), "inLanguage": "nl",
        "potentialAction": {"@type": "SearchAction",
                            "target": {"@type": "EntryPoint", "urlTemplate": site.absolute("zoeken/") + "?q={zoekterm}"},
                            "query-input": "required name=zoekterm"},
    })


def practice_data(site: Site, slug: str) -> Markup:
    """JSON-LD of a practice page: what it is, where, its dates, its sources and its licence. Not its
    name and summary again: `headline` names it, and the page's description and og:description
    (which citation tools such as Zotero read) hold the summary."""
    data = site.catalogue.get("praktijk", slug)
    info = site.information("praktijk", slug)
    return linked_data({
        "@type": "Article", "headline": data["titel"],
        "url": site.url("praktijk", slug), "inLanguage": "nl", "license": LICENCE,
        "dateCreated": str(data["toegevoegd"]), "datePublished": str(data["toegevoegd"]),
        "dateModified": str(data["bijgewerkt"]),
        **({"temporalCoverage": period(info.span)} if info.span else {}),
        "about": [site.name("thema", t) for t in data["themas"]],
        "spatialCoverage": [{"@type": "AdministrativeArea", "name": site.name("gemeente", g)} for g in data["gemeenten"]],
        "citation": [{"@type": "CreativeWork", "name": site.name("bron", s), "url": site.url("bron", s),
                      **({"datePublished": str(site.catalogue.get("bron", s)["jaar"])}
                         if site.catalogue.get("bron", s).get("jaar") else {})}
                     for _year, sources in info.groups for s in sources],
        "isPartOf": {"@type": "WebSite", "name": site.settings.site_name, "url": site.absolute("")},
        "publisher": _publisher(site),
    })


def dataset_data(site: Site) -> Markup:
    """JSON-LD of the open data page: the catalogue as a Dataset with its downloads."""
    covered = site.years_covered()
    return linked_data({
        "@type": "Dataset", "name": f"{site.settings.site_name}, open data",
        "description": "Goede praktijken uit het sociaal domein van de Gouden Gemeenten, met gemeenten, thema's, "
                       "doelgroepen, organisaties en bronnen, als JSON en CSV.",
        "url": site.absolute("open-data/"), "inLanguage": "nl", "license": LICENCE, "isAccessibleForFree": True,
        "creator": _publisher(site), "publisher": _publisher(site),
        **({"dateModified": site.catalogue_updated} if site.catalogue_updated else {}),
        **({"temporalCoverage": period(covered)} if covered else {}),
        "distribution": [{"@type": "DataDownload", "contentUrl": site.absolute(path),
                          "encodingFormat": MEDIA_TYPES[path[path.rindex("."):]]} for path in collection_files()],
    })


def schema_tables() -> dict[str, Markup]:
    """Tables for the open data page, made from the JSON Schemas (no record text): trusted Markdown."""
    return {name: Markup(table) for name, table in open_data_tables().items()}


@functools.cache
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja environment for the page templates in the folder `templates`."""
    # autoescape keeps macro output as Markup; finalize escapes every printed value and evens its white space.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True, finalize=html_text,
                             trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(md=prose_html, slug=slugify, datum=dutch_date, getal=dutch_number, anker=functools.partial(anchor, reserved=page_anchors(templates)),
                       per_document=per_document, regels=lines_label, tekstfragment=text_fragment_url,
                       bronjaar=source_year)
    env.globals.update(front_matter=front_matter, SECTIONS=SECTIONS, schema_tables=schema_tables,
                       website_data=website_data, practice_data=practice_data, dataset_data=dataset_data)
    return env


def _render(template: str, page: str, site: Site, **context: object) -> str:
    # Links are built from validated slugs, so they are trusted markup once HTML-escaped.
    def href(kind: str, slug: str = "", fragment: str = "") -> Markup:
        target = record_page(kind, slug) if slug else f"{SECTIONS.get(kind, kind)}/index.md"
        return Markup(html.escape(relative(page, target, fragment)))

    def to(target_page: str, fragment: str = "") -> Markup:
        return Markup(html.escape(relative(page, target_page, fragment)))

    def file(path: str) -> Markup:
        """A link to a file that is not a page (`feed.xml`, `data/praktijken.json`), relative to this page."""
        return Markup(html.escape(relative_path(page, path)))

    def dated_front_matter(**fields: object) -> Markup:
        """Front matter with the date the sitemap gives as the page's `lastmod`: a record's own
        `bijgewerkt`, else the catalogue's newest (an overview changes with the records it lists)."""
        record = context.get("r")
        own = record.get("bijgewerkt") if isinstance(record, dict) else None
        pager = context.get("pager")
        if pager and pager.number > 1:  # each page of a split list has its own title
            fields["title"] = f"{fields['title']}, pagina {pager.number}"
        return front_matter(**fields, bijgewerkt=str(own or site.catalogue_updated))

    def html_page(**fields: object) -> Markup:
        """The start of a page whose body is finished HTML: front matter and the pass-through marker."""
        return dated_front_matter(**fields) + Markup(MARKER + "\n")

    # The first use on this page of each glossary term links to its entry.
    terms = PageTerms(site.glossary, lambda slug: relative(page, record_page("begrip", slug)))
    return environment(site.settings.templates).get_template(template).render(
        site=site, page=page, href=href, to=to, file=file, begrippen=terms, front_matter=dated_front_matter,
        html_page=html_page, **context)


# What one page needs: its path, its template and the template's own variables.
Job = tuple[str, str, dict]


def record_jobs(site: Site, only: set[tuple[str, str]] | None = None) -> list[Job]:
    """The pages of every record (one, or more for a long list: `Pager`), or only of the records
    `only` names, as (kind, slug)."""
    return [(pager.path(pager.number), f"{kind}.md.j2", {"slug": slug, "r": data, "pager": pager})
            for kind in SECTIONS for slug, data in site.catalogue.all(kind)
            if only is None or (kind, slug) in only
            for pager in Pager.pages(record_page(kind, slug), len(site.listed(kind, slug)))]


def rendered(site: Site, jobs: list[Job]) -> dict[str, str]:
    """Page path -> page text for every job, rendered on every core for a large catalogue."""
    return dict(parallel.mapped(lambda job: (job[0], _render(job[1], job[0], site, **job[2])), jobs))


def record_pages(site: Site, only: set[tuple[str, str]] | None = None) -> dict[str, str]:
    """The pages of every record, or only of the records `only` names."""
    return rendered(site, record_jobs(site, only))


OVERVIEWS = {
    "index.md": "home.md.j2",
    "praktijken/index.md": "praktijken-overzicht.md.j2",
    "gemeenten/index.md": "gemeenten-overzicht.md.j2",
    "themas/index.md": "themas-overzicht.md.j2",
    "organisaties/index.md": "organisaties-overzicht.md.j2",
    "doelgroepen/index.md": "doelgroepen-overzicht.md.j2",
    "bronnen/index.md": "bronnen-overzicht.md.j2",
    "begrippen/index.md": "begrippen-overzicht.md.j2",
    "zoeken/index.md": "zoeken.md.j2",
    "over.md": "over.md.j2",
    "open-data.md": "open-data.md.j2",
}


# The overviews that list records on more than one page: which records (see `Site.listed`).
LISTS = {"praktijken/index.md": "praktijk", "organisaties/index.md": "organisatie", "bronnen/index.md": "bron"}


def render(catalogue: Catalogue, settings: Settings) -> dict[str, str]:
    """Stage 4: every generated page (the records' and the overviews: home, sections, search),
    as page path -> page text, the maps' stylesheet and the national map."""
    site = Site(catalogue, settings)
    overviews = [(pager.path(pager.number), template, {"pager": pager}) for page, template in OVERVIEWS.items()
                 for pager in Pager.pages(page, len(site.listed(LISTS.get(page, ""))))]
    return {**rendered(site, record_jobs(site) + overviews), **reference_documents(), MAP_STYLESHEET: kaart.KAART_CSS,
            NATIONAL_MAP: site.national_map_file()}
