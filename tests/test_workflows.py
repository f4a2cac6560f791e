"""The GitHub files for editors and CI: valid against GitHub's schemas (offline), and in step with the records."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import aanmelding
from tests.conftest import REPO

GITHUB = REPO / ".github"
CHECK = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(CHECK + [schema, *map(str, files)], capture_output=True, text=True)


@pytest.mark.parametrize("schema, pattern", [("vendor.github-workflows", "workflows/*.yml"),
                                             ("vendor.github-issue-forms", "ISSUE_TEMPLATE/praktijk-*.yml"),
                                             ("vendor.github-issue-config", "ISSUE_TEMPLATE/config.yml"),
                                             ("vendor.dependabot", "dependabot.yml")])
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


WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
# The current major of every action we use, all on Node 24 (or composite over Node 24 actions).
CURRENT_MAJORS = {"actions/checkout": "v7", "actions/setup-python": "v7", "actions/upload-artifact": "v7",
                  "actions/download-artifact": "v8", "actions/upload-pages-artifact": "v5",
                  "actions/deploy-pages": "v5", "peter-evans/create-pull-request": "v8"}
USES = re.compile(r"^[ \t]*(?:-[ \t]*)?uses:[ \t]*([^@\s]+)@(\S+)[ \t]*(?:#[ \t]*(v[0-9.]+))?", re.M)


def _workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


def _steps(workflow: str) -> list[dict]:
    return [step for job in _workflow(workflow)["jobs"].values() for step in job.get("steps", [])]


def pinning_problems(text: str) -> list[str]:
    """Every `uses:` must be a full commit SHA with its version in a comment, on the action's current major."""
    found = []
    for action, ref, version in USES.findall(text):
        if not re.fullmatch(r"[0-9a-f]{40}", ref) or not version:
            found.append(f"{action}@{ref} is not pinned by commit SHA with a version comment")
        elif not version.startswith(CURRENT_MAJORS.get(action, "?") + "."):
            found.append(f"{action} {version} is not on its current major {CURRENT_MAJORS.get(action)}")
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_sha_on_their_current_major(workflow: Path):
    text = workflow.read_text(encoding="utf-8")
    assert USES.findall(text)
    assert pinning_problems(text) == []


def test_pinning_check_rejects_a_tag_and_an_old_major():
    assert len(pinning_problems("    - uses: actions/checkout@v4\n"
                                "    - uses: actions/setup-python@a309ff8b426b58ec0e2a45f0f869d46889d02405 # v6.2.0\n")) == 2


def privilege_problems(data: dict) -> list[str]:
    """`permissions: {}` at the top, permissions and a timeout per job, no persisted checkout credentials."""
    found = [] if data.get("permissions") == {} else ["permissions at the top are not {}"]
    for name, job in data["jobs"].items():
        found += [f"{name}: no {key}" for key in ("permissions", "timeout-minutes") if key not in job]
        found += [f"{name}: checkout keeps its credentials" for step in job.get("steps", [])
                  if step.get("uses", "").startswith("actions/checkout@")
                  and (step.get("with") or {}).get("persist-credentials") is not False]
    return found


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_timeouts_and_no_persisted_credentials(workflow: Path):
    assert privilege_problems(yaml.safe_load(workflow.read_text(encoding="utf-8"))) == []


def test_privilege_check_rejects_the_old_workflow_shape():
    old = {"permissions": {"contents": "read"},
           "jobs": {"x": {"runs-on": "ubuntu-latest", "steps": [{"uses": "actions/checkout@v4"}]}}}
    assert len(privilege_problems(old)) == 4


def test_validate_lists_every_problem_in_markdown_with_file_and_line(tmp_path: Path):
    """The job summary: all problems (not just ten annotations), each with file, line and column, escaped."""
    from tests.conftest import FIXTURES

    project = Path(shutil.copytree(FIXTURES / "catalogus", tmp_path / "project"))
    for number in range(12):
        shutil.copyfile(FIXTURES / "codes" / "PB301.praktijk.yml", project / "practices" / f"kapot-{number}.yml")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "validate",
                             "--format", "markdown"], capture_output=True, text=True)
    assert result.returncode == 1
    rows = [line for line in result.stdout.splitlines() if line.startswith("| practices/kapot-")]
    assert len(rows) == 12
    assert "| practices/kapot-0.yml:" in rows[0] and "| PB301 | fout |" in rows[0]
    assert rows[0].endswith("| bedoelde je 'burgerinitiatief'? |")


def test_markdown_problems_cannot_inject_markup_or_mentions():
    from generator.problems import Problem, markdown_report

    shown = markdown_report([Problem("practices/<img src=x>.yml", 2, 3, "PB102", "onbekend veld '| @iemand <b>'")])
    assert "<img" not in shown and "<b>" not in shown and "@" not in shown and "| @" not in shown
    assert "2:3 | PB102 |" in shown


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_shell_script(workflow: Path):
    """Untrusted text (issue bodies, titles, branch names) reaches scripts only through environment variables."""
    for step in _steps(workflow.name):
        assert "${{" not in step.get("run", ""), step.get("name")


def test_pull_request_workflow_checks_lists_every_problem_tests_and_keeps_a_preview():
    workflow = _workflow("pr.yml")
    assert set(workflow[True]["pull_request"]["types"]) >= {"opened", "synchronize", "ready_for_review"}
    runs = " ".join(step.get("run", "") for step in _steps("pr.yml"))
    assert "make site" in runs and "make test" in runs
    # A step of its own that validates in GitHub's annotation format, so source problems (lines,
    # quotes, fragments, speakers), which `make site` does not check, are annotated too.
    assert ".venv/bin/praktijkbank validate" in [step.get("run", "").strip() for step in _steps("pr.yml")]
    assert 'praktijkbank validate --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    assert "praktijkbank build --voorbeeld" in runs
    upload = next(s for s in _steps("pr.yml") if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "voorbeeld/"
    assert all(job.get("container", "").startswith("python:3.11-bookworm") for job in workflow["jobs"].values()), \
        "tests run on Debian, where apt-get installs chromium"
    assert "pull_request_target" not in workflow[True], "a fork's code must never run with a write token"


def test_deploy_workflow_publishes_to_pages_with_the_needed_permissions():
    workflow = _workflow("deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    assert workflow["jobs"]["publiceren"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for step in _steps("deploy.yml")]
    runs = [step.get("run", "") for step in _steps("deploy.yml")]
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact"))
    assert any("make test" in r for r in runs[:upload]), "every change is tested before it goes online"
    assert any(u.startswith("actions/deploy-pages") for u in uses)


def test_submission_workflow_passes_the_body_through_a_file_and_opens_one_pull_request_per_issue():
    workflow = _workflow("aanmelding.yml")
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8"))
    assert workflow[True] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["jobs"]["omzetten"]["if"] == f"contains(github.event.issue.labels.*.name, '{form['labels'][0]}')"
    assert workflow["jobs"]["omzetten"]["permissions"] == {"contents": "read"}, "the job reading the body writes nothing"
    convert = next(s for s in _steps("aanmelding.yml") if s.get("id") == "omzetten")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "praktijkbank aanmelding" in convert["run"] and "--reactie" in convert["run"]
    create = next(s for s in _steps("aanmelding.yml") if s.get("uses", "").startswith("peter-evans/create-pull-request"))
    assert create["with"]["branch"] == "aanmelding/issue-${{ github.event.issue.number }}"
    assert create["with"]["draft"] == "always-true"
    comment = " ".join(s.get("run", "") for s in workflow["jobs"]["reageren"]["steps"])
    assert "<!-- praktijkbank-aanmelding -->" in comment and "-F body=@\"$reactie\"" in comment
    assert aanmelding.comment([], []).startswith("<!-- praktijkbank-aanmelding -->")


def _zizmor() -> str:
    found = Path(sys.executable).parent / "zizmor"
    if not found.exists():
        if os.environ.get("CI"):
            pytest.fail("zizmor is not installed (it is in the test extras)")
        pytest.skip("zizmor is not installed")
    return str(found)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    # --offline: no GitHub API calls; pedantic: every finding, each one fixed or explained where it is ignored.
    return subprocess.run([_zizmor(), "--offline", "--persona", "pedantic", "--no-progress", str(path)],
                          capture_output=True, text=True)


def test_zizmor_finds_nothing_unexplained():
    result = zizmor(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr
    ignores = re.findall(r"^(.*)# zizmor: ignore\[[a-z-]+\]", "\n".join(p.read_text(encoding="utf-8") for p in WORKFLOWS), re.M)
    assert ignores, "the two explained exceptions are marked where they are"


def test_zizmor_flags_an_issue_body_interpolated_into_a_script(tmp_path: Path):
    """The check above can fail: the classic injection GitHub's hardening guide warns about."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "kapot.yml").write_text(
        "on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n"
        "    permissions: {}\n    steps:\n      - run: echo \"${{ github.event.issue.body }}\"\n",
        encoding="utf-8")
    result = zizmor(tmp_path / ".github")
    assert result.returncode != 0 and "template-injection" in result.stdout


def _options(item_id: str) -> list[str]:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8"))
    item = next(item for item in form["body"] if item.get("id") == item_id)
    return [o["label"] if isinstance(o, dict) else o for o in item["attributes"]["options"]]


def _slugs(options: list[str]) -> set[str]:
    return {m.group(1) for m in (re.search(r"\(([a-z0-9-]+)\)$", o) for o in options) if m}


@pytest.mark.parametrize("item_id, folder", [("hoofdthema", "themas"), ("themas", "themas"),
                                             ("doelgroepen", "doelgroepen"), ("bron", "bronnen")])
def test_issue_form_offers_exactly_the_existing_vocabulary(item_id: str, folder: str):
    assert _slugs(_options(item_id)) == {path.stem for path in (REPO / "content" / folder).glob("*.yml")}


@pytest.mark.parametrize("item_id", ["status", "praktijkniveau"])
def test_issue_form_offers_the_schemas_values_by_label(item_id: str):
    from generator import schemas

    schema = next(s for name, s, _ in schemas.fields("praktijk") if name == item_id)
    assert _options(item_id) == [meaning["label"] for meaning in schema["x-waarden"].values()]


def test_issue_form_says_everything_is_public_and_has_every_field_the_command_reads():
    text = (GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8")
    assert "alles wat je hier invult, is openbaar" in text
    ids = {field["id"] for field in aanmelding.read_form(REPO)}
    read = set(re.findall(r'body\.(?:text|line|problem)\("([a-z_]+)"', (REPO / "generator" / "aanmelding.py").read_text()))
    read |= set(re.findall(r'checked\(body, "([a-z_]+)"\)', (REPO / "generator" / "aanmelding.py").read_text()))
    assert read and read <= ids
    required = {item["id"] for item in yaml.safe_load(text)["body"] if item.get("validations", {}).get("required")}
    assert set(aanmelding.REQUIRED) <= required


def test_a_default_pull_request_template_exists():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in text and "- [ ]" in text


def test_pre_commit_hook_validates_changed_records():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"])
    assert "praktijkbank validate" in hook["entry"]
    assert re.search(hook["files"], "practices/naoberfonds.yml") and re.search(hook["files"], "content/themas/x.yaml")
    assert not re.search(hook["files"], "generator/cli.py")


def _run_step(script: str, cwd: Path, env: dict[str, str]) -> None:
    """Run a workflow step's script in bash, as a runner would, with `env` added."""
    subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env={**os.environ, **env}, check=True)


def _fake_program(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


def test_the_fallback_reply_carries_the_marker(tmp_path: Path):
    """When the command leaves no reply, the reply written instead starts with the marker, so the
    next edit of the issue updates it rather than posting a second comment."""
    convert = next(s for s in _steps("aanmelding.yml") if s.get("id") == "omzetten")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _fake_program(tmp_path / ".venv" / "bin" / "praktijkbank", "exit 3\n")
    env = {"RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"), "ISSUE_BODY": "x"}
    _run_step(convert["run"], tmp_path, env)
    reply = (tmp_path / "voorstel" / "reactie.md").read_text(encoding="utf-8")
    assert reply.startswith("<!-- praktijkbank-aanmelding -->\n") and "Er ging iets mis" in reply


@pytest.mark.parametrize("result", ["success", "failure", "skipped"])
def test_the_reply_says_when_no_pull_request_could_be_opened(tmp_path: Path, result: str):
    """If opening the pull request failed (say the repository setting that lets workflows open
    pull requests is off), the reply says so instead of only "omgezet"."""
    reply_step = _workflow("aanmelding.yml")["jobs"]["reageren"]["steps"][-1]
    (tmp_path / "voorstel").mkdir()
    (tmp_path / "voorstel" / "reactie.md").write_text("<!-- praktijkbank-aanmelding -->\nomgezet\n", encoding="utf-8")
    posted = tmp_path / "posted.md"
    _fake_program(tmp_path / "bin" / "gh", f'for a; do case "$a" in body=@*) cp "${{a#body=@}}" "{posted}";; esac; done\n')
    env = {"RUNNER_TEMP": str(tmp_path), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "ISSUE": "7",
           "GH_REPO": "o/r", "PR_URL": "", "PR_SHA": "", "STATUS": "0", "VOORSTEL": result}
    _run_step(reply_step["run"], tmp_path, env)
    assert ("kon niet worden geopend" in posted.read_text(encoding="utf-8")) == (result == "failure")


def test_contributing_names_the_repository_settings_route_1_needs():
    """The form-to-pull-request route needs a label and a setting that are off by default: written down."""
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8"))
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"`{form['labels'][0]}`" in guide
    assert "Allow GitHub Actions to create and approve pull" in guide


def test_every_way_to_say_where_a_fact_is_is_offered_to_editors():
    """The form's field for places and the correction template name every kind of place the
    records accept (regels, pagina, fragment), so no editor is left needing line numbers."""
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml").read_text(encoding="utf-8"))
    [places] = [item for item in form["body"] if item.get("id") == "vindplaatsen"]
    correction = (GITHUB / "PULL_REQUEST_TEMPLATE" / "correctie.md").read_text(encoding="utf-8")
    for key in aanmelding.PLACE_KEYS:
        assert key in places["attributes"]["description"].lower(), key
        assert key in correction.replace("regelnummers", "regels").lower(), key
