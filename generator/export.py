"""Open data: the catalogue as JSON and CSV, and the JSON Schemas that describe it.

`export()` returns extra files by path relative to the docs folder; `write` puts them next to the
pages and the site builder copies them to `site/` unchanged. Every file is a pure function of the
records and `site_url`: keys sorted, records in slug order, no build time anywhere.
"""

from __future__ import annotations

import csv
import functools
import io
import json

from . import dcat, parallel, schemas
from .link import Catalogue
from .pages import LICENCE, SECTIONS
from .render import Settings, Site

# How to credit the content, next to the licence's URI (pages.LICENCE) in every collection file.
NAAMSVERMELDING = ("Vermeld 'Praktijkbank Gouden Gemeenten' en het webadres van de pagina; citaten uit bronnen "
                   "blijven van hun uitgever.")
LIST_SEPARATOR = " | "
# A cell starting with one of these is a formula in Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXTRA_FIELDS = ("id", "url", "labels", "verwijzingen", "praktijken")
PRACTICE_ONLY_FIELDS = ("json",)


def dump(value: object) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, final newline. No indent: with one, `json` falls
    back to its pure-Python encoder, four times slower on the 10,000-practice export."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n"


def entry(site: Site, kind: str, slug: str) -> dict:
    """A reference to a record as open data: id, name and canonical URL."""
    return {"id": slug, "naam": site.name(kind, slug), "url": site.url(kind, slug)}


def outgoing(site: Site, kind: str, slug: str) -> dict[str, list[dict]]:
    """Every record this one refers to, per section, in order of first mention; organisations of
    a practice keep their role, so one organisation may appear once per role."""
    record = site.catalogue.records[kind][slug]
    found: dict[str, list[dict]] = {}
    for path, target, ref in site.catalogue.refers_to[(kind, slug)]:
        item = entry(site, target, ref)
        if target == "organisatie" and path[-1] == "organisatie":
            role = record.data[path[0]][path[1]]["rol"]
            item |= {"rol": role, "rol_label": site.role[role]["label"]}
        listed = found.setdefault(SECTIONS[target], [])
        if item not in listed:
            listed.append(item)
    return found


def labels(kind: str, data: dict) -> dict[str, str]:
    """The words for a record's top-level choice fields, from the schema's `x-waarden`."""
    return {name: schema["x-waarden"][data[name]]["label"] for name, schema, _required in schemas.fields(kind)
            if "x-waarden" in schema and name in data}


def exported(site: Site, kind: str, slug: str) -> dict:
    """A record as published: all its fields plus id, URL, labels and resolved references both ways."""
    data = site.catalogue.get(kind, slug)
    item = {**data, "id": slug, "url": site.url(kind, slug), "labels": labels(kind, data),
            "verwijzingen": outgoing(site, kind, slug),
            "praktijken": [entry(site, "praktijk", p) for p in site.practices(kind, slug)]}
    if kind == "praktijk":
        item["json"] = site.absolute(practice_file(slug))
    return item


def practice_file(slug: str) -> str:
    """Where the JSON file of one practice lives, relative to the site root."""
    return f"data/praktijken/{slug}.json"


def item_schema(kind: str) -> dict:
    """`export-<kind>.schema.json`: the record's own fields (by reference to its schema, so the two
    cannot drift apart) plus the fields described in `export.schema.json`."""
    record = schemas.raw(kind)
    extra = EXTRA_FIELDS + (PRACTICE_ONLY_FIELDS if kind == "praktijk" else ())
    return {
        "$schema": record["$schema"],
        "title": f"Open data: {record['title'].lower()}",
        "description": f"{record['description']} In de open data met de extra velden uit `export.schema.json`.",
        "type": "object",
        "additionalProperties": False,
        "required": record["required"] + list(extra),
        "properties": {
            **{name: {"$ref": f"{kind}.schema.json#/properties/{name}"} for name in record["properties"]},
            **{name: {"$ref": f"export.schema.json#/$defs/velden/properties/{name}"} for name in extra},
        },
        **{key: {"$ref": f"{kind}.schema.json#/{key}"} for key in ("if", "then") if key in record},
    }


def collection_schema(kind: str) -> dict:
    """`export-<section>.schema.json`: the file `data/<section>.json` with licence, schema and records."""
    section = SECTIONS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Open data: data/{section}.json",
        "description": f"Alle records van de soort {kind}, op volgorde van id.",
        "type": "object",
        "additionalProperties": False,
        "required": ["licentie", "naamsvermelding", "schema", section],
        "properties": {
            "licentie": {"const": LICENCE, "description": "Webadres van de licentie van de inhoud (CC BY 4.0)."},
            "naamsvermelding": {"type": "string", "description": "Hoe je de Praktijkbank als bron vermeldt."},
            "schema": {"type": "string", "description": "Webadres van het schema van één record."},
            section: {"type": "array", "items": {"$ref": f"export-{kind}.schema.json"}},
        },
    }


def schema_files() -> dict[str, str]:
    """The record schemas as they are (they refer to each other by file name) and the export schemas."""
    files = {f"schemas/{path.name}": path.read_text(encoding="utf-8")
             for path in sorted(schemas.SCHEMA_DIR.glob("*.schema.json"))}
    for kind in schemas.KINDS:
        files[f"schemas/export-{kind}.schema.json"] = dump(item_schema(kind))
        files[f"schemas/export-{SECTIONS[kind]}.schema.json"] = dump(collection_schema(kind))
    return files


def spreadsheet_text(value: object) -> str:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(site: Site, item: dict, column: str) -> str:
    """One column of the CSV for an exported practice: names instead of slugs, lists joined."""
    refs = item["verwijzingen"]
    if column in ("gemeenten", "themas", "doelgroepen", "bronnen"):
        return LIST_SEPARATOR.join(ref["naam"] for ref in refs.get(column, ()))
    if column == "organisaties":
        return LIST_SEPARATOR.join(f"{ref['naam']} ({ref['rol_label'].lower()})" for ref in refs.get(column, ()))
    if column == "provincies":
        provinces = (site.province(ref["id"]) for ref in refs["gemeenten"])
        return LIST_SEPARATOR.join(dict.fromkeys(filter(None, provinces)))
    return item["labels"].get(column) or str(item.get(column, ""))


def csv_row(site: Site, item: dict) -> list[str]:
    """The CSV row of an exported practice; the columns are those of `x-csv-kolommen` in `export.schema.json`."""
    return [spreadsheet_text(csv_cell(site, item, column)) for column in schemas.raw("export")["x-csv-kolommen"]]


def practices_csv(rows: list[list[str]]) -> str:
    """`praktijken.csv` as Excel opens it: UTF-8 with BOM, `;` between cells, CRLF line ends,
    quotes where needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(schemas.raw("export")["x-csv-kolommen"])
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def published(site: Site, kind: str, slug: str) -> tuple[str, list[str]]:
    """A record's open-data JSON (`dump` without the final newline) and, for a practice, its CSV row."""
    item = exported(site, kind, slug)
    return dump(item).rstrip("\n"), csv_row(site, item) if kind == "praktijk" else []


_RECORDS = "\0records\0"


def collection(site: Site, kind: str, texts: list[str]) -> str:
    """`data/<section>.json`: licence, schema and the records' own JSON texts, spliced in rather
    than encoded a second time (the result is the same as dumping the whole)."""
    frame = dump({"licentie": LICENCE, "naamsvermelding": NAAMSVERMELDING,
                  "schema": site.absolute(f"schemas/export-{kind}.schema.json"),
                  SECTIONS[kind]: [_RECORDS]})
    return frame.replace(json.dumps([_RECORDS]), "[" + ", ".join(texts) + "]", 1)


def export(catalogue: Catalogue, settings: Settings) -> dict[str, str]:
    """Every open-data file and schema, and the DCAT description of the files, as path relative to
    the docs folder -> text. The records are exported on every core for a large catalogue."""
    site = Site(catalogue, settings)
    files = schema_files()
    for kind in schemas.KINDS:
        slugs = [slug for slug, _data in catalogue.all(kind)]
        texts, rows = zip(*parallel.mapped(functools.partial(published, site, kind), slugs)) if slugs else ((), ())
        files[f"data/{SECTIONS[kind]}.json"] = collection(site, kind, list(texts))
        if kind == "praktijk":
            files |= {practice_file(slug): text + "\n" for slug, text in zip(slugs, texts)}
            files["data/praktijken.csv"] = practices_csv(list(rows))
    files["data/dcat.jsonld"] = dcat.description(site, files)
    return files
