"""Documentation generated from the code: the field reference (from the JSON Schemas) and the error codes."""

from __future__ import annotations

from . import schemas
from .load import FOLDERS
from .problems import code_table

TITLES = {"praktijk": "Praktijk", "gemeente": "Gemeente of regio", "organisatie": "Organisatie", "bron": "Bron",
          "thema": "Thema", "doelgroep": "Doelgroep", "begrip": "Begrip"}


def _type(schema: dict) -> str:
    if "enum" in schema:
        return "keuze: " + ", ".join(f"`{v}`" for v in schema["enum"])
    kind = schema.get("type", "")
    if kind == "array":
        items = schemas.resolve(schema.get("items", {}))
        return "lijst van blokken" if "properties" in items else "lijst van " + {"string": "teksten", "integer": "getallen"}.get(items.get("type"), "waarden")
    names = {"string": "tekst", "integer": "geheel getal", "number": "getal", "object": "blok", "boolean": "ja/nee"}
    if isinstance(kind, list):
        return " of ".join(names.get(k, k) for k in kind)
    return names.get(kind, kind)


def _limits(schema: dict) -> str:
    parts = []
    for key, text in (("minLength", "min. {} tekens"), ("maxLength", "max. {} tekens"), ("minItems", "min. {} items"),
                      ("maxItems", "max. {} items"), ("minimum", "vanaf {}"), ("maximum", "tot en met {}")):
        if key in schema:
            parts.append(text.format(schema[key]))
    if schema.get("format") == "date":
        parts.append("JJJJ-MM-DD")
    return ", ".join(parts)


def field_reference() -> str:
    """Markdown: for every record kind, each field with type, limits, required and description."""
    lines = ["---", "title: Veldreferentie", "description: Alle velden van de records, gegenereerd uit de JSON Schemas.",
             "---", "# Veldreferentie", "",
             "Deze pagina wordt gemaakt uit de JSON Schemas in `generator/schemas/`; die zijn de enige bron van waarheid.",
             "Editors met een YAML-plug-in krijgen dezelfde uitleg als hulp tijdens het typen.", ""]
    for kind in schemas.KINDS:
        schema = schemas.raw(kind)
        lines += [f"## {TITLES[kind]}", "", schema["description"], "",
                  f"Map: `{FOLDERS[kind]}/`. Schema: `generator/schemas/{kind}.schema.json`.", "",
                  field_table(schemas.fields(kind)), ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Schema text as one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def field_table(fields: list[tuple[str, dict, bool]]) -> str:
    """Markdown table of fields as (name, schema, required): type, limits, required and description."""
    lines = ["| veld | soort | verplicht | grenzen | uitleg |", "|---|---|---|---|---|"]
    for name, field, required in fields:
        lines.append(f"| `{name}` | {_type(field)} | {'ja' if required else ''} | {_limits(field)} "
                     f"| {_cell(field.get('description', ''))} |")
    return "\n".join(lines)


def open_data_tables() -> dict[str, str]:
    """Markdown tables for the open data page, from `export.schema.json`: the fields the export adds,
    the fields of a reference, and the CSV columns."""
    export = schemas.raw("export")
    added = [(name, schemas.resolve(field), True) for name, field in export["$defs"]["velden"]["properties"].items()]
    reference = export["$defs"]["verwijzing"]
    parts = [(name, schemas.resolve(field), name in reference["required"])
             for name, field in reference["properties"].items()]
    columns = ["| kolom | uitleg |", "|---|---|"]
    columns += [f"| `{name}` | {_cell(text)} |" for name, text in export["x-csv-kolommen"].items()]
    return {"velden": field_table(added), "verwijzing": field_table(parts), "csv": "\n".join(columns)}


def error_codes() -> str:
    """Markdown: the table of stable problem codes."""
    header = ["---", "title: Foutcodes", "description: Alle meldingen van praktijkbank validate, met hun vaste code.", "---",
              "# Foutcodes", "",
              "`praktijkbank validate` meldt elk probleem als `bestand:regel:kolom: CODE melding`, met een tip eronder.",
              "De codes veranderen nooit van betekenis. Deze tabel wordt gemaakt uit `generator/problems.py`.", ""]
    return "\n".join(header) + code_table()


def reference_documents() -> dict[str, str]:
    """The generated documents by file name, for the site and for docs/ in the repository."""
    return {"velden.md": field_reference(), "foutcodes.md": error_codes()}
