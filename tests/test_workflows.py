"""The GitHub files for editors and CI: valid against GitHub's schemas (offline), and in step with the records."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

GITHUB = REPO / ".github"
CHECK = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(CHECK + [schema, *map(str, files)], capture_output=True, text=True)


@pytest.mark.parametrize("schema, pattern", [("vendor.github-workflows", "workflows/*.yml"),
                                             ("vendor.github-issue-forms", "ISSUE_TEMPLATE/praktijk-*.yml"),
                                             ("vendor.github-issue-config", "ISSUE_TEMPLATE/config.yml")])
def test_github_files_match_githubs_schemas(schema, pattern):
    files = sorted(GITHUB.glob(pattern))
    assert files, pattern
    result = check_jsonschema(schema, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    """The check above can fail: a workflow without jobs is not valid."""
    broken = tmp_path / "broken.yml"
    broken.write_text("name: kapot\non: push\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", [broken]).returncode != 0


def _steps(workflow: str) -> list[dict]:
    jobs = yaml.safe_load((GITHUB / "workflows" / workflow).read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_pull_request_workflow_validates_builds_tests_and_keeps_the_site():
    runs = " ".join(step.get("run", "") for step in _steps("pr.yml"))
    uses = [step.get("uses", "") for step in _steps("pr.yml")]
    assert "praktijkbank validate --format github" in runs
    assert "praktijkbank build" in runs and "make test" in runs
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    jobs = yaml.safe_load((GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8"))["jobs"]
    assert all(job.get("container", "").startswith("python:3.11-bookworm") for job in jobs.values()), \
        "tests run on Debian, where apt-get installs chromium"


def test_deploy_workflow_publishes_to_pages_with_the_needed_permissions():
    workflow = yaml.safe_load((GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for step in _steps("deploy.yml")]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_issue_form_offers_exactly_the_existing_themes():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8"))
    options = next(item for item in form["body"] if item.get("id") == "themas")["attributes"]["options"]
    offered = {re.search(r"\(([a-z0-9-]+)\)$", option).group(1) for option in options}
    assert offered == {path.stem for path in (REPO / "content" / "themas").glob("*.yml")}


def test_pre_commit_hook_validates_changed_records():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"])
    assert "praktijkbank validate" in hook["entry"]
    assert re.search(hook["files"], "practices/naoberfonds.yml") and re.search(hook["files"], "content/themas/x.yaml")
    assert not re.search(hook["files"], "generator/cli.py")
