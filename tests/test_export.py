"""Open data (`generator/export.py`): JSON and CSV files, published schemas, the open data page and citations."""

from __future__ import annotations

import csv
import html
import io
import json
import posixpath
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from generator import kaart, schemas
from generator.build import read_settings
from generator.export import LIST_SEPARATOR, spreadsheet_text
from generator.pages import SECTIONS

from .conftest import FIXTURES

PRACTICES = sorted(path.stem for path in (FIXTURES / "catalogus" / "practices").glob("*.yml"))


@pytest.fixture(scope="module")
def site_url(fixture_site: Path) -> str:
    return read_settings(fixture_site.parent).site_url


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def validator(site: Path, schema_file: str) -> jsonschema.Draft202012Validator:
    """A validator for one published schema, resolving references only among the published files
    (by file name, and by `$id` where a schema has one)."""
    published = site / "schemas"
    contents = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in published.glob("*.schema.json")}
    registry = Registry().with_resources((uri, Resource.from_contents(schema)) for name, schema in contents.items()
                                         for uri in {name, schema.get("$id", name)})
    return jsonschema.Draft202012Validator(load(published, schema_file), registry=registry,
                                           format_checker=jsonschema.FormatChecker(["date"]))


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_every_exported_record_validates_against_the_published_schemas(fixture_site, kind):
    section = SECTIONS[kind]
    collection = load(fixture_site, f"data/{section}.json")
    validator(fixture_site, f"export-{section}.schema.json").validate(collection)
    records = validator(fixture_site, f"export-{kind}.schema.json")
    assert collection[section], f"no {section} exported"
    for item in collection[section]:
        records.validate(item)
    # the schema is strict: a record without its id, or with an unknown field, is rejected
    broken = {key: value for key, value in collection[section][0].items() if key != "id"}
    assert not records.is_valid(broken)
    assert not records.is_valid({**collection[section][0], "onbekend": 1})


def test_record_schemas_are_published_unchanged(fixture_site):
    for source in schemas.SCHEMA_DIR.glob("*.schema.json"):
        assert (fixture_site / "schemas" / source.name).read_bytes() == source.read_bytes()


def test_ids_and_urls_are_absolute_canonical_and_exist(fixture_site, site_url):
    assert site_url.startswith("https://") and site_url.endswith("/")
    for kind, section in SECTIONS.items():
        collection = load(fixture_site, f"data/{section}.json")
        assert collection["schema"] == f"{site_url}schemas/export-{kind}.schema.json"
        for item in collection[section]:
            assert item["url"] == f"{site_url}{section}/{item['id']}/"
            assert (fixture_site / section / item["id"] / "index.html").is_file()
            refs = [ref for refs in item["verwijzingen"].values() for ref in refs] + item["praktijken"]
            for ref in refs:
                assert ref["url"].startswith(site_url)
                assert (fixture_site / ref["url"].removeprefix(site_url) / "index.html").is_file()
    for item in load(fixture_site, "data/praktijken.json")["praktijken"]:
        assert item["json"] == f"{site_url}data/praktijken/{item['id']}.json"


def test_one_file_per_practice_equal_to_its_entry_in_the_collection(fixture_site):
    files = sorted(path.stem for path in (fixture_site / "data" / "praktijken").glob("*.json"))
    assert files == PRACTICES
    for item in load(fixture_site, "data/praktijken.json")["praktijken"]:
        assert load(fixture_site, f"data/praktijken/{item['id']}.json") == item


def test_exported_practice_has_its_record_fields_and_resolved_names(fixture_site):
    record = yaml.safe_load((FIXTURES / "catalogus" / "practices" / "buurtkas.yml").read_text(encoding="utf-8"))
    item = load(fixture_site, "data/praktijken/buurtkas.json")
    assert {key: item[key] for key in record} == json.loads(json.dumps(record, default=str))
    refs = item["verwijzingen"]
    assert [ref["naam"] for ref in refs["gemeenten"]] == ["Aalten"]  # slug voorbeeldstad, name Aalten
    assert [(ref["naam"], ref["rol"], ref["rol_label"]) for ref in refs["organisaties"]] == [
        ("Welzijn Voorbeeld", "uitvoerder", "Uitvoerder")]
    assert [ref["naam"] for ref in refs["themas"]] == ["Burgerinitiatief", "Eenzaamheid en ontmoeting"]
    assert [ref["naam"] for ref in refs["bronnen"]] == ["Voorbeeldbron voor tests", "Buurtkas helpt veertig groepen"]
    assert item["labels"] == {"status": "Lopend", "praktijkniveau": "Beschreven"}
    municipality = load(fixture_site, "data/gemeenten.json")["gemeenten"][0]
    assert [ref["id"] for ref in municipality["praktijken"]] == PRACTICES


def test_csv_opens_in_a_spreadsheet(fixture_site):
    raw = (fixture_site / "data" / "praktijken.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert raw.decode("utf-8-sig").startswith(";".join(header) + "\r\n")
    assert header == list(schemas.raw("export")["x-csv-kolommen"])
    assert sorted(row[0] for row in body) == PRACTICES
    assert all(len(row) == len(header) for row in body)
    buurtkas = dict(zip(header, next(row for row in body if row[0] == "buurtkas")))
    assert buurtkas["themas"] == LIST_SEPARATOR.join(["Burgerinitiatief", "Eenzaamheid en ontmoeting"])
    assert buurtkas["organisaties"] == "Welzijn Voorbeeld (uitvoerder)"
    assert buurtkas["status"] == "Lopend" and buurtkas["gemeenten"] == "Aalten"
    # multi-line text with quotes and semicolons survives the quoting
    assert buurtkas["beschrijving"] == load(fixture_site, "data/praktijken/buurtkas.json")["beschrijving"]


@pytest.mark.parametrize("value, shown", [("=SOM(A1)", "'=SOM(A1)"), ("+31 6", "'+31 6"), ("@x", "'@x"),
                                          ("Gewone tekst", "Gewone tekst"), (2016, "2016"), (None, "")])
def test_spreadsheet_cells_never_start_a_formula(value, shown):
    assert spreadsheet_text(value) == shown


def links(page: Path) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))]


def target(page: Path, href: str) -> Path:
    """The file a relative link on a built page points to."""
    path = Path(posixpath.normpath(page.parent / href.split("#")[0]))
    return path / "index.html" if href.endswith("/") else path


def test_practice_page_shows_citation_and_links_its_json(fixture_site, site_url):
    page = fixture_site / "praktijken" / "buurtkas" / "index.html"
    text = page.read_text(encoding="utf-8")
    citation = re.search(r"Zo citeer je deze pagina:</strong>(.*?)</p>", text).group(1)
    assert citation.split() == f"Buurtkas. Praktijkbank Gouden Gemeenten. {site_url}praktijken/buurtkas/ "\
                               "(pagina bewerkt op 22 november 2026; informatie uit 2017 en 2026).".split()
    json_links = [href for href in links(page) if href.startswith("../../data/")]
    assert json_links == ["../../data/praktijken/buurtkas.json"]
    assert target(page, json_links[0]).is_file()


def test_citation_of_hostile_title_stays_text(fixture_site):
    title = yaml.safe_load((FIXTURES / "catalogus" / "practices" / "veilige-tekst.yml").read_text())["titel"]
    assert "<script>" in title
    text = (fixture_site / "praktijken" / "veilige-tekst" / "index.html").read_text(encoding="utf-8")
    citation = re.search(r"Zo citeer je deze pagina:</strong>(.*?)</p>", text).group(1)
    assert "<script" not in citation and html.unescape(citation).strip().startswith(title + ".")


def test_open_data_page_describes_files_fields_licence_and_citation(fixture_site):
    page = fixture_site / "open-data" / "index.html"
    text = html.unescape(page.read_text(encoding="utf-8"))
    for field in schemas.raw("export")["$defs"]["velden"]["properties"]:
        assert f"<code>{field}</code>" in text
    for column in schemas.raw("export")["x-csv-kolommen"]:
        assert f"<code>{column}</code>" in text
    assert "CC BY 4.0" in text and kaart.ATTRIBUTIE in text and "Zo citeer je" in text
    files = [href for href in links(page) if not href.startswith(("http", "#"))]
    for name in ("data/praktijken.json", "data/praktijken.csv", "data/gemeenten.json", "feed.xml", "feed.json"):
        assert f"../{name}" in files
    broken = [href for href in files if not target(page, href).exists()]
    assert not broken
