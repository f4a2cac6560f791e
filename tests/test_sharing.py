"""Links that share well and pages that machines read right: OpenGraph and Twitter tags, schema.org
JSON-LD (safe with hostile record text), one title, a sitemap dated from the records, the footer and
the readers' menu. Checked on built sites."""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from generator.build import read_settings

from .conftest import FIXTURES, REPO, build_or_fail, make_project

pytestmark = pytest.mark.slow

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGE_TYPES = ("index.html", "praktijken/naoberfonds/index.html", "gemeenten/aalten/index.html",
              "themas/eenzaamheid/index.html", "bronnen/index.html", "begrippen/index.html",
              "toegankelijkheid/index.html", "open-data/index.html")


class _Head(HTMLParser):
    """The <meta>, <title> and JSON-LD scripts of a page, as the browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.titles: list[str] = []
        self.scripts: list[str] = []
        self.footer_links: list[str] = []
        self._in: str = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta[values.get("property") or values["name"]] = values.get("content", "")
        elif tag == "title":
            self._in = "title"
            self.titles.append("")
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in = "script"
            self.scripts.append("")
        elif tag == "nav" and values.get("aria-label") == "Over deze site":
            self._in = "footer"
        elif tag == "a" and self._in == "footer":
            self.footer_links.append(values.get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("title", "script", "nav"):
            self._in = ""

    def handle_data(self, data):
        if self._in == "title":
            self.titles[-1] += data
        elif self._in == "script":
            self.scripts[-1] += data


def head(path: Path) -> _Head:
    parsed = _Head()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def linked_data(path: Path) -> list[dict]:
    return [json.loads(script) for script in head(path).scripts]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_every_page_type_has_share_tags(real_site: Path, page: str):
    site_url = read_settings(REPO).site_url
    tags = head(real_site / page).meta
    assert tags["og:locale"] == "nl_NL" and tags["og:site_name"] and tags["twitter:card"] == "summary_large_image"
    assert tags["og:title"] and tags["og:description"]
    # X falls back to the OpenGraph tags, so no twitter: tag repeats one of them
    assert [tag for tag in tags if tag.startswith("twitter:") and "og:" + tag.removeprefix("twitter:") in tags] == []
    assert tags["og:url"] == site_url + page.removesuffix("index.html")
    image = tags["og:image"]
    assert image.startswith(site_url) and (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert png_size(real_site / image.removeprefix(site_url)) == (1200, 630)


def test_practice_title_and_description_are_shared(real_site: Path):
    record = yaml.safe_load((REPO / "practices" / "naoberfonds.yml").read_text(encoding="utf-8"))
    tags = head(real_site / "praktijken" / "naoberfonds" / "index.html").meta
    assert tags["og:title"] == record["titel"] and tags["og:description"] == " ".join(record["samenvatting"].split())


def test_home_title_names_the_site_once(real_site: Path):
    name = read_settings(REPO).site_name
    [title] = head(real_site / "index.html").titles
    assert title.strip() == name
    [practice_title] = head(real_site / "praktijken" / "naoberfonds" / "index.html").titles
    assert practice_title.count(name) == 1


def test_home_describes_the_site_and_its_search(real_site: Path):
    [data] = linked_data(real_site / "index.html")
    assert data["@type"] == "WebSite" and data["inLanguage"] == "nl"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    term = action["query-input"].removeprefix("required name=")
    assert action["target"]["urlTemplate"] == data["url"] + "zoeken/?q={" + term + "}"
    assert (real_site / "zoeken" / "index.html").is_file()


def test_practice_has_its_dates_sources_and_licence(real_site: Path):
    record = yaml.safe_load((REPO / "practices" / "naoberfonds.yml").read_text(encoding="utf-8"))
    [data] = linked_data(real_site / "praktijken" / "naoberfonds" / "index.html")
    assert data["@type"] == "Article" and data["headline"] == record["titel"]
    assert "name" not in data and "description" not in data  # the page's meta tags hold them once
    assert data["dateModified"] == str(record["bijgewerkt"]) and data["dateCreated"] == str(record["toegevoegd"])
    assert data["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert data["citation"] and all(c["url"].startswith(data["isPartOf"]["url"] + "bronnen/") for c in data["citation"])


def test_open_data_page_describes_a_dataset_with_its_files(real_site: Path):
    [data] = linked_data(real_site / "open-data" / "index.html")
    assert data["@type"] == "Dataset" and data["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    site_url = read_settings(REPO).site_url
    downloads = [d["contentUrl"].removeprefix(site_url) for d in data["distribution"]]
    assert "data/praktijken.csv" in downloads and all((real_site / d).is_file() for d in downloads)


def test_hostile_record_text_cannot_leave_the_json_ld(fixture_site: Path):
    """The fixture's title holds `<script>alert(1)</script>` and template syntax."""
    record = yaml.safe_load((FIXTURES / "catalogus" / "practices" / "veilige-tekst.yml").read_text(encoding="utf-8"))
    page = fixture_site / "praktijken" / "veilige-tekst" / "index.html"
    html_text = page.read_text(encoding="utf-8")
    [data] = linked_data(page)  # the parser found exactly one JSON-LD script, and it is valid JSON
    assert data["headline"] == record["titel"]
    script = html_text[html_text.index('<script type="application/ld+json">'):]
    script = script[:script.index("</script>")]
    assert "<" not in script.removeprefix("<script") and "&" not in script


def _sitemap(site: Path) -> dict[str, str | None]:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_sitemap_dates_come_from_the_records(fixture_site: Path):
    site_url = read_settings(REPO).site_url  # make_project copies the repository's mkdocs.yml
    dates = _sitemap(fixture_site)
    records = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in (FIXTURES / "catalogus" / "practices").glob("*.yml")}
    for slug, record in records.items():
        assert dates[f"{site_url}praktijken/{slug}/"] == str(record["bijgewerkt"])
    newest = max(str(record["bijgewerkt"]) for record in records.values())
    assert dates[site_url] == newest and dates[f"{site_url}gemeenten/voorbeeldstad/"] == newest
    assert dates[f"{site_url}toegankelijkheid/"] is None  # a hand-written page has no date of its own


def _digest(site: Path) -> dict[str, str]:
    """Every file but Pagefind's index (its chunk names vary from run to run), sitemap.xml.gz unpacked
    and its gzip header (which holds a time) compared separately."""
    found = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(site.rglob("*")) if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind")}
    found["sitemap.xml.gz:mtime"] = str(struct.unpack("<I", (site / "sitemap.xml.gz").read_bytes()[4:8])[0])
    found["sitemap.xml.gz:text"] = hashlib.sha256(gzip.decompress((site / "sitemap.xml.gz").read_bytes())).hexdigest()
    return found


def test_builds_on_different_days_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """MkDocs takes "today" from SOURCE_DATE_EPOCH when it is set: two builds a year apart."""
    builds = []
    for name, day in (("a", "1700000000"), ("b", "1731536000")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", day)
        builds.append(_digest(build_or_fail(make_project(tmp_path / name, FIXTURES / "catalogus"))))
    assert builds[0] == builds[1] and "sitemap.xml" in builds[0]


def test_footer_and_menu(real_site: Path):
    for page in PAGE_TYPES:
        links = [urljoin("http://site/" + page, link) for link in head(real_site / page).footer_links]
        assert {"http://site/toegankelijkheid/", "http://site/over/#privacy", "http://site/open-data/#licentie"} <= set(links)
        assert [link for link in links if not link.startswith("http://site/")], page  # contact
    home = (real_site / "index.html").read_text(encoding="utf-8")
    menu = home[home.index('class="md-nav md-nav--primary'):home.index('class="md-copyright"')]
    for editors_page in ("velden/", "foutcodes/"):
        assert f'href="{editors_page}' not in menu
        assert (real_site / editors_page / "index.html").is_file()
        assert f'href="../{editors_page}"' in (real_site / "over" / "index.html").read_text(encoding="utf-8")
    assert '<a href="toegankelijkheid/" class="md-nav__link">' in menu
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "docs/velden.md" in contributing and "docs/foutcodes.md" in contributing
