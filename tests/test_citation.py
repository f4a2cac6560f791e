"""CITATION.cff is valid Citation File Format 1.2.0 and agrees with pyproject.toml and the site."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest
import yaml

from generator.build import read_settings

from .conftest import FIXTURES, REPO

SCHEMA = json.loads((FIXTURES / "citation" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))


def citation() -> dict:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def problems(data: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]


def test_citation_file_is_valid_cff():
    assert citation()["cff-version"] == "1.2.0"
    assert problems(citation()) == []


@pytest.mark.parametrize("breakage", [
    lambda data: data.pop("authors"),
    lambda data: data.update({"license": "CC BY 4.0"}),
    lambda data: data.update({"type": "website"}),
    lambda data: data.update({"titel": data["title"]}),
])
def test_schema_rejects_a_broken_citation(breakage):
    broken = citation()
    breakage(broken)
    assert problems(broken)


def test_citation_agrees_with_the_package_and_the_site():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    data = citation()
    assert data["version"] == project["version"]
    assert set(data["license"]) == set(project["license"].split(" AND "))
    assert data["url"] == read_settings(REPO).site_url == project["urls"]["Homepage"]
    assert data["repository-code"] == project["urls"]["Source"]
    assert [author["name"] for author in data["authors"]] == [author["name"] for author in project["authors"]]
