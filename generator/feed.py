"""Feeds of new and updated practices: Atom (`feed.xml`) and JSON Feed 1.1 (`feed.json`).

Entries are dated from the records' `toegevoegd` and `bijgewerkt`, never from the build, so the
same records always give the same bytes. Addresses are absolute, from `site_url`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .export import dump
from .link import Catalogue
from .render import Settings, Site

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_SIZE = 50
TITLE = "Praktijkbank Gouden Gemeenten: nieuwe en bijgewerkte praktijken"
SUBTITLE = "Goede praktijken uit het sociaal domein van de Gouden Gemeenten, nieuwste eerst."
AUTHOR = "Praktijkbank Gouden Gemeenten"
EMPTY_DATE = "1970-01-01"  # `updated` of a feed without entries: Atom requires one, and it must not be the build time


def newest(site: Site) -> list[tuple[str, dict]]:
    """The FEED_SIZE newest practices: latest `bijgewerkt` first, then latest `toegevoegd`, then by slug."""
    by_slug = site.catalogue.all("praktijk")
    # sorted() is stable, also in reverse, so equal dates keep slug order
    return sorted(by_slug, key=lambda item: (item[1]["bijgewerkt"], item[1]["toegevoegd"]), reverse=True)[:FEED_SIZE]


def timestamp(date: str) -> str:
    """An RFC 3339 timestamp (Atom and JSON Feed) for a record date: midnight UTC."""
    return f"{date}T00:00:00Z"


def summary(site: Site, slug: str, data: dict) -> str:
    """A practice's summary and when its information dates from: a feed reader shows no key facts."""
    return f"{data['samenvatting']} ({site.information('praktijk', slug).sentence}.)"


def _element(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text:
        element.text = text
    return element


def atom(site: Site, entries: list[tuple[str, dict]]) -> str:
    """The Atom feed; ElementTree escapes every value."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "nl"})
    _element(feed, "id", site.absolute(""))
    _element(feed, "title", TITLE)
    _element(feed, "subtitle", SUBTITLE)
    _element(feed, "updated", timestamp(entries[0][1]["bijgewerkt"] if entries else EMPTY_DATE))
    _element(feed, "link", rel="self", type="application/atom+xml", href=site.absolute("feed.xml"))
    _element(feed, "link", rel="alternate", type="text/html", href=site.absolute(""))
    _element(_element(feed, "author"), "name", AUTHOR)
    _element(feed, "rights", "CC BY 4.0, tenzij een bron anders zegt")
    for slug, data in entries:
        item = _element(feed, "entry")
        _element(item, "id", site.url("praktijk", slug))
        _element(item, "title", data["titel"])
        _element(item, "updated", timestamp(data["bijgewerkt"]))
        _element(item, "published", timestamp(data["toegevoegd"]))
        _element(item, "link", rel="alternate", type="text/html", href=site.url("praktijk", slug))
        _element(item, "summary", summary(site, slug, data), type="text")
        for theme in data["themas"]:
            _element(item, "category", term=theme, label=site.name("thema", theme))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def json_feed(site: Site, entries: list[tuple[str, dict]]) -> str:
    """The same entries as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "description": SUBTITLE,
        "home_page_url": site.absolute(""),
        "feed_url": site.absolute("feed.json"),
        "language": "nl",
        "authors": [{"name": AUTHOR}],
        "items": [{
            "id": site.url("praktijk", slug),
            "url": site.url("praktijk", slug),
            "title": data["titel"],
            "content_text": summary(site, slug, data),
            "date_published": timestamp(data["toegevoegd"]),
            "date_modified": timestamp(data["bijgewerkt"]),
            "tags": [site.name("thema", theme) for theme in data["themas"]],
        } for slug, data in entries],
    }
    return dump(feed)


def feeds(catalogue: Catalogue, settings: Settings) -> dict[str, str]:
    """Both feeds, by path relative to the docs folder."""
    site = Site(catalogue, settings)
    entries = newest(site)
    return {"feed.xml": atom(site, entries), "feed.json": json_feed(site, entries)}
