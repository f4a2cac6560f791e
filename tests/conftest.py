"""Shared fixtures: the real site built once per session, and throw-away copies of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import Layout, build
from generator.problems import errors

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(target: Path, content_from: Path = REPO) -> Path:
    """A buildable project in `target`: the repository's theme and config with the records of `content_from`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "theme", target / "theme")
    if (REPO / "content" / "pages").is_dir():  # hand-written pages, if any
        shutil.copytree(REPO / "content" / "pages", target / "content" / "pages")
    for folder in ("practices", "content"):
        if (content_from / folder).is_dir():
            shutil.copytree(content_from / folder, target / folder, dirs_exist_ok=True)
    return target


def build_or_fail(root: Path) -> Path:
    """Build the site of a project and return its site folder; fail the test with the report if invalid."""
    problems = build(Layout.of(root))
    assert not errors(problems), "\n".join(map(str, errors(problems)))
    return root / "site"


@pytest.fixture(scope="session")
def real_site() -> Path:
    """The repository's own site, built once per test session (as `make site` does)."""
    return build_or_fail(REPO)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture catalogue in tests/fixtures/catalogus, built as a full site."""
    return build_or_fail(make_project(tmp_path_factory.mktemp("catalogus"), FIXTURES / "catalogus"))
