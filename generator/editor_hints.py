"""Editor hints in the JSON Schemas, generated from the schemas' own text by `praktijkbank docs`.

Editors' YAML plug-ins (VS Code's YAML extension, any yaml-language-server) show a field's
`description` as plain text, backticks and all, and know nothing of `x-waarden`. So every
schema also carries, generated and never edited by hand:

- `$id`: the fixed address where the site publishes the schema (`site_url` + `schemas/<file>`);
- `markdownDescription` next to every `description`: the same text as Markdown, and for a
  choice field a list of what each value means (from `x-waarden`);
- `enumDescriptions` next to every `enum` that has `x-waarden`: one line per value, in the
  order of `enum`, which the plug-in shows beside each value while typing.

Generating is idempotent: earlier hints are dropped and made again from `description` and
`x-waarden`, so it can be rerun after any change to a schema (tests/test_editor_support.py
fails while a schema's hints are stale).
"""

from __future__ import annotations

import json
from pathlib import Path

GENERATED = ("$id", "markdownDescription", "enumDescriptions")


def value_line(value: str, meaning: dict) -> str:
    """`label: definition` of one allowed value (the label alone when there is no definition)."""
    label = meaning.get("label", value)
    return f"{label}: {meaning['definitie']}" if meaning.get("definitie") else label


def markdown_description(node: dict) -> str:
    """The description as Markdown; for a choice field followed by each value and its meaning."""
    text = node["description"]
    meanings = node.get("x-waarden")
    if meanings and "enum" in node:
        text += "\n\n" + "\n".join(f"- `{value}`: {value_line(value, meanings[value])}"
                                   for value in node["enum"] if value in meanings)
    return text


def hinted(node: object) -> object:
    """A schema node with its hints made again, below it too; every other key keeps its place."""
    if isinstance(node, list):
        return [hinted(item) for item in node]
    if not isinstance(node, dict):
        return node
    result: dict = {}
    for key, value in node.items():
        if key in GENERATED:
            continue
        result[key] = value if key in ("x-waarden", "enum") else hinted(value)
        if key == "description" and isinstance(value, str):
            result["markdownDescription"] = markdown_description(node)
        if key == "enum" and isinstance(node.get("x-waarden"), dict):
            result["enumDescriptions"] = [value_line(v, node["x-waarden"].get(v, {})) for v in value]
    return result


def schema_with_hints(schema: dict, schema_id: str) -> dict:
    """The whole schema with hints, `$id` right after `$schema`."""
    body = hinted(schema)
    head = {"$schema": body.pop("$schema")} if "$schema" in body else {}
    return {**head, "$id": schema_id, **body}


def schema_text(schema: dict) -> str:
    """How a schema file is written: two-space indent, UTF-8 text, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def hinted_files(folder: Path, site_url: str) -> dict[Path, str]:
    """Every `*.schema.json` in `folder` as it should be written, with hints and `$id` under `site_url`."""
    base = site_url.rstrip("/") + "/schemas/"
    return {path: schema_text(schema_with_hints(json.loads(path.read_text(encoding="utf-8")), base + path.name))
            for path in sorted(folder.glob("*.schema.json"))}
