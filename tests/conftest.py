"""Shared fixtures: the real site built once per session, throw-away copies of the project, and the
browser tests' chromium and local server (a page in which nothing may leave the server)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.search_bytes import launch_chromium, serve_site
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


@pytest.fixture(scope="module")
def server(real_site):
    with serve_site(real_site) as (base, served):
        yield base, served


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def foreign():
    """Requests to any host but the local server; the `page` fixture aborts and records them."""
    return []


@pytest.fixture
def page(browser, server, foreign):
    """A fresh browser page in which nothing may leave the local server."""
    base, _served = server
    origin = urlsplit(base).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 1000})

    def guard(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page()
    context.close()
    assert not foreign, f"requests left the site: {foreign}"
