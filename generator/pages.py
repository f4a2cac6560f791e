"""Where each generated page lives, and relative links between pages.

Pages are Markdown files under the build's docs folder; with directory URLs
(`praktijken/naoberfonds.md` is served at `praktijken/naoberfonds/`) links
between them are relative, so the site works from any base path.
"""

from __future__ import annotations

import posixpath

SECTIONS = {
    "praktijk": "praktijken",
    "gemeente": "gemeenten",
    "thema": "themas",
    "organisatie": "organisaties",
    "doelgroep": "doelgroepen",
    "bron": "bronnen",
}


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


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page to another (optionally to an anchor on it)."""
    here = url_of(from_page) or "."
    target = url_of(to_page) or "."
    link = posixpath.relpath(target, here)
    link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")
