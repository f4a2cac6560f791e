"""Documentation follows the code: schema fields are described, generated docs are current."""

from __future__ import annotations

import re

import pytest

from generator import schemas
from generator.reference import reference_documents

from .conftest import REPO


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_every_field_has_a_dutch_description(kind: str):
    undocumented = [name for name, field, _required in schemas.fields(kind) if len(field.get("description", "")) < 10]
    assert undocumented == []


@pytest.mark.parametrize("name", sorted(reference_documents()))
def test_generated_reference_in_docs_is_current(name: str):
    committed = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert committed == reference_documents()[name], f"docs/{name} is stale: run `praktijkbank docs`"


def test_every_record_names_its_schema_for_editor_autocompletion():
    from generator.load import FOLDERS

    missing = []
    for kind, folder in FOLDERS.items():
        depth = "../" * (folder.count("/") + 1)
        first_line = f"# yaml-language-server: $schema={depth}generator/schemas/{kind}.schema.json"
        missing += [p.name for p in (REPO / folder).glob("*.yml")
                    if p.read_text(encoding="utf-8").split("\n", 1)[0] != first_line]
    assert missing == []


def test_architecture_walks_every_pipeline_stage():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for module in ("load", "validate", "link", "render", "write", "site", "build"):
        assert re.search(rf"`generator/{module}\.py`", text), module


def test_readme_opens_with_the_two_commands():
    head = (REPO / "README.md").read_text(encoding="utf-8").split("\n")[:15]
    assert any("make site" in line for line in head) and any("make test" in line for line in head)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
