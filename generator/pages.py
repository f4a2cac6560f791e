"""Where each generated page lives, and relative links between pages.

Pages are Markdown files under the build's docs folder; with directory URLs
(`praktijken/naoberfonds.md` is served at `praktijken/naoberfonds/`) links
between them are relative, so the site works from any base path.
"""

from __future__ import annotations

SECTIONS = {
    "praktijk": "praktijken",
    "gemeente": "gemeenten",
    "thema": "themas",
    "organisatie": "organisaties",
    "doelgroep": "doelgroepen",
    "bron": "bronnen",
    "begrip": "begrippen",
}
# The licence of the content, named by every collection file, the DCAT description and the JSON-LD.
LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # CC BY 4.0, as the exports' `licentie` says
MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv"}


def collection_files() -> dict[str, str]:
    """The open-data files, relative to the site root, with what each holds: the collection of
    every record kind (`data/<section>.json`) and the practices as a table. The DCAT description
    and the open data page's JSON-LD both list these."""
    files = {f"data/{section}.json": f"alle records van de soort {kind}, met hun verwijzingen (JSON)"
             for kind, section in SECTIONS.items()}
    return files | {"data/praktijken.csv": "alle praktijken als tabel (CSV: puntkomma's, UTF-8)"}


def record_page(kind: str, slug: str) -> str:
    """The Markdown path of a record's page."""
    return f"{SECTIONS[kind]}/{slug}.md"


def url_of(page: str) -> str:
    """The directory URL a Markdown page is served at, relative to the site root."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_path(from_page: str, path: str) -> str:
    """The path of a site file (`data/praktijken.json`, or a page's URL) as seen from a page.

    Plain segment arithmetic: `posixpath.relpath` consults the working directory on every call,
    and this runs for every link on every page.
    """
    here = [part for part in url_of(from_page).split("/") if part]
    there = [part for part in path.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page to another (optionally to an anchor on it)."""
    link = relative_path(from_page, url_of(to_page))
    link = link + "/" if link else "./"
    return link + (f"#{anchor}" if anchor else "")
