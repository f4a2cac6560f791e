"""The pre-commit hook checks changed records without an activated virtual environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO, make_project

PRE_COMMIT = Path(sys.prefix) / "bin" / "pre-commit"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with the fixture catalogue, our hook configuration and the test run's .venv."""
    if not PRE_COMMIT.exists() or not shutil.which("git"):
        pytest.skip("pre-commit (make test installs it) or git is missing")
    root = make_project(tmp_path / "repo", FIXTURES / "catalogus")
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    return root


def run_hook(root: Path, *files: str) -> subprocess.CompletedProcess:
    # PATH without the virtual environment: as in a shell where it was never activated.
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(root.parent), "PRE_COMMIT_HOME": str(root.parent / "cache"),
           "GIT_CONFIG_NOSYSTEM": "1", **{k: v for k, v in os.environ.items() if k.startswith("LANG")}}
    return subprocess.run([PRE_COMMIT, "run", "--files", *files], cwd=root, env=env, capture_output=True, text=True)


def test_hook_passes_a_valid_record(repository):
    result = run_hook(repository, "practices/buurtkas.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "praktijkbank validate (records)" in result.stdout and "Passed" in result.stdout


def test_hook_stops_a_broken_record_with_its_code(repository):
    record = repository / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: ", "status: bijna-", 1), encoding="utf-8")
    result = run_hook(repository, "practices/buurtkas.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "practices/buurtkas.yml:" in result.stdout and " PB104 " in result.stdout, result.stdout


def test_hook_passes_exactly_the_files_validate_takes():
    """`validate` refuses a file that is no record (PB501), so the hook must not pass one: every
    record folder is matched, the coverage map and hand-written pages are not."""
    import re

    import yaml

    from generator.load import FOLDERS

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pattern = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "praktijkbank-validate")["files"]
    assert all(re.search(pattern, f"{folder}/x.yml") and re.search(pattern, f"{folder}/x.yaml") for folder in FOLDERS.values())
    for other in ("content/dekking.yml", "content/pages/x.yml", "practices/sub/x.yml", "content/x.yml"):
        assert not re.search(pattern, other), other


def test_the_set_up_named_for_the_hook_installs_the_tools_without_browser_or_tests(tmp_path: Path):
    """.pre-commit-config.yaml and CONTRIBUTING send editors to `make dev`: it installs the development
    tools (pre-commit among them) but neither chromium nor a test run. Checked with `make -n`."""
    assert "`make dev`" in (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "`make dev`" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    plan = subprocess.run(["make", "-n", "dev", f"VENV={tmp_path / 'venv'}"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout
    assert "-r requirements-dev.txt" in plan
    assert "install -y -qq chromium" not in plan and "-m pytest" not in plan
