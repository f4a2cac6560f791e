"""`praktijkbank serve`: live reload after a change, and an error page (not a crash) for an invalid record."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_project

DEADLINE = 60  # seconds; a guard against hanging, not a speed requirement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(condition, what: str):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def served(tmp_path: Path):
    """A running `praktijkbank serve` on a copy of the fixture catalogue: (project root, base URL)."""
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                               cwd=Path(__file__).resolve().parent.parent)
    try:
        wait_for(lambda: "De site staat op" in (tmp_path / "serve.log").read_text(encoding="utf-8")
                 or process.poll() is not None, "the server to start")
        assert process.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reload_script_is_served_but_not_built_into_the_site(served):
    root, base = served
    status, page = fetch(base + "praktijken/buurtkas/")
    assert status == 200 and 'fetch("/__reload"' in page
    assert "__reload" not in (root / "site" / "praktijken" / "buurtkas" / "index.html").read_text(encoding="utf-8")
    assert fetch(base + "__reload")[1].isdigit()


def test_change_rebuilds_and_invalid_record_shows_escaped_error_page_until_fixed(served):
    root, base = served
    record = root / "practices" / "buurtkas.yml"
    version = fetch(base + "__reload")[1]

    edit(record, "titel: Buurtkas", "titel: Buurtkas voor de hele straat")
    wait_for(lambda: "Buurtkas voor de hele straat" in fetch(base + "praktijken/buurtkas/")[1], "the changed page")
    wait_for(lambda: fetch(base + "__reload")[1] != version, "a new version for the browsers to reload")
    wait_for(lambda: "Buurtkas voor de hele straat" in fetch(base + "themas/eenzaamheid/")[1],
             "pages listing it, rebuilt right after the saved record's own page")

    edit(record, "themas: [burgerinitiatief, eenzaamheid]", "themas: [burgerinitiatief, <b>eenzaam</b>]")
    status, page = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(fetch(base + "praktijken/buurtkas/")),
                            "the error page")
    assert "De site kan niet worden gebouwd" in page and "practices/buurtkas.yml" in page
    assert "&lt;b&gt;eenzaam&lt;/b&gt;" in page and "<b>eenzaam" not in page
    assert 'fetch("/__reload"' in page, "the error page reloads itself once the record is fixed"

    edit(record, "<b>eenzaam</b>", "eenzaamheid")
    wait_for(lambda: fetch(base + "praktijken/buurtkas/")[0] == 200, "the site after the fix")


@pytest.mark.browser
def test_browser_reloads_by_itself_after_a_save(served):
    playwright = pytest.importorskip("playwright.sync_api")
    root, base = served
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.goto(base + "praktijken/buurtkas/")
        assert page.locator("h1").first.inner_text() == "Buurtkas"
        edit(root / "practices" / "buurtkas.yml", "titel: Buurtkas", "titel: Buurtkas vernieuwd")
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('vernieuwd')",
                               timeout=DEADLINE * 1000)
        browser.close()
