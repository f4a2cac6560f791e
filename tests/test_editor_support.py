"""Editor support: the schemas' generated hints (`$id`, `markdownDescription`, `enumDescriptions`)
match the schemas, and the repository tells editors how to treat its files."""

from __future__ import annotations

import json
import subprocess

import pytest

from generator import editor_hints, schemas
from generator.build import read_settings

from .conftest import REPO

SITE_URL = read_settings(REPO).site_url
SCHEMA_FILES = sorted(schemas.SCHEMA_DIR.glob("*.schema.json"))


def nodes(node: object):
    """Every object in a schema, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from nodes(item)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_hints_are_current(path):
    expected = editor_hints.hinted_files(schemas.SCHEMA_DIR, SITE_URL)[path]
    assert path.read_text(encoding="utf-8") == expected, f"{path.name} is stale: run `praktijkbank docs`"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_id_is_where_the_site_publishes_it(path):
    """The export publishes every schema as `schemas/<file>` (generator/export.py)."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"] == f"{SITE_URL}schemas/{path.name}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_description_has_its_markdown_and_every_choice_its_meanings(path):
    for node in nodes(json.loads(path.read_text(encoding="utf-8"))):
        if isinstance(node.get("description"), str):
            assert node["markdownDescription"].startswith(node["description"])
        if "x-waarden" in node:
            meanings = node["x-waarden"]
            assert len(node["enumDescriptions"]) == len(node["enum"])
            for value, hint in zip(node["enum"], node["enumDescriptions"]):
                assert hint.startswith(meanings[value]["label"]) and meanings[value].get("definitie", "") in hint
                assert f"- `{value}`: {hint}" in node["markdownDescription"]


def test_practice_level_hints_say_what_each_level_means():
    level = schemas.raw("praktijk")["properties"]["praktijkniveau"]
    first = level["x-waarden"][level["enum"][0]]
    assert level["enumDescriptions"][0] == f"{first['label']}: {first['definitie']}"


def test_hints_are_made_again_not_kept(tmp_path):
    """A changed description or meaning makes the file stale; generating twice changes nothing."""
    source = json.loads((schemas.SCHEMA_DIR / "praktijk.schema.json").read_text(encoding="utf-8"))
    source["properties"]["status"]["description"] = "Nieuwe uitleg."
    source["properties"]["status"]["x-waarden"]["pilot"]["definitie"] = "Een nieuwe proef."
    (tmp_path / "praktijk.schema.json").write_text(json.dumps(source), encoding="utf-8")
    once = editor_hints.hinted_files(tmp_path, SITE_URL)[tmp_path / "praktijk.schema.json"]
    status = json.loads(once)["properties"]["status"]
    assert status["markdownDescription"].startswith("Nieuwe uitleg.\n\n- `lopend`: Lopend: ")
    assert "Pilot: Een nieuwe proef." in status["enumDescriptions"]
    (tmp_path / "praktijk.schema.json").write_text(once, encoding="utf-8")
    assert editor_hints.hinted_files(tmp_path, SITE_URL)[tmp_path / "praktijk.schema.json"] == once


def test_vscode_recommends_the_yaml_extension():
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended


@pytest.mark.parametrize("path", ["practices/x.yml", "content/gemeenten/x.yaml", "README.md", "generator/x.py",
                                  "theme/templates/x.md.j2", "Makefile"])
def test_text_files_have_lf_line_endings_everywhere(path):
    result = subprocess.run(["git", "check-attr", "text", "eol", "--", path], cwd=REPO, capture_output=True,
                            text=True, check=True)
    assert result.stdout.splitlines() == [f"{path}: text: set", f"{path}: eol: lf"]


def test_editorconfig_sets_utf8_lf_and_yaml_indent():
    text = (REPO / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text and "charset = utf-8" in text and "end_of_line = lf" in text
    assert "[*.{yml,yaml," in text
