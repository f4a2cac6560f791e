"""The project folder: every command reads its templates and settings from `--root`, and a missing
or broken project gives a PB message with a tip (PB520–PB524), never a traceback."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.project import PAGE_TEMPLATES, RECORD_TEMPLATES

from .conftest import FIXTURES, make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURES / "catalogus")


def run(capsys, *argv: object) -> tuple[int, str]:
    """Exit code and everything printed, of `praktijkbank ARGV`."""
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_reported(output: str, code: str, place: str) -> None:
    """`place: CODE message` on one line, with a tip under it, and no traceback."""
    assert f"{place}: {code} " in output, output
    assert "\n    tip: " in output and "Traceback" not in output, output


def test_missing_project_folder(tmp_path, capsys):
    missing = tmp_path / "nergens"
    code, output = run(capsys, "--root", missing, "build")
    assert code == 2
    assert_reported(output, "PB520", f"{missing}:1:1")
    assert "--root" in output and not missing.exists()


def test_project_folder_that_is_a_file(tmp_path, capsys):
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    code, output = run(capsys, "--root", tmp_path / "bestand", "validate")
    assert code == 2 and "is geen map" in output
    assert_reported(output, "PB520", f"{tmp_path / 'bestand'}:1:1")


@pytest.mark.parametrize("command", [("build",), ("validate",), ("new", "praktijk", "Iets"), ("docs",)])
def test_folder_without_mkdocs_yml(tmp_path, capsys, command):
    code, output = run(capsys, "--root", tmp_path, *command)
    assert code == 2
    assert_reported(output, "PB521", "mkdocs.yml:1:1")
    assert output.count(" PB5") == 1, "a folder that is no project needs no list of what else it lacks"
    assert str(tmp_path.resolve()) in output
    assert list(tmp_path.iterdir()) == [], "nothing may be written outside a project"


def test_broken_mkdocs_yml_is_reported_at_its_line(project, capsys):
    (project / "mkdocs.yml").write_text("site_name: Test\nsite_url: [open\nextra: {}\n", encoding="utf-8")
    code, output = run(capsys, "--root", project, "build")
    assert code == 2
    assert_reported(output, "PB522", "mkdocs.yml:3:6")
    assert not (project / "site").exists()


def test_mkdocs_yml_that_is_not_a_mapping(project, capsys):
    (project / "mkdocs.yml").write_text("- site_name\n", encoding="utf-8")
    code, output = run(capsys, "--root", project, "validate")
    assert code == 2
    assert_reported(output, "PB522", "mkdocs.yml:1:1")


def test_missing_page_templates(project, capsys):
    shutil.rmtree(project / PAGE_TEMPLATES)
    code, output = run(capsys, "--root", project, "build")
    assert code == 2
    assert_reported(output, "PB523", "theme/templates:1:1")
    assert not (project / "site").exists() and not (project / "build").exists()
    assert run(capsys, "--root", project, "validate")[0] == 0, "validating records needs no page templates"


def test_missing_record_template(project, capsys):
    (project / RECORD_TEMPLATES / "organisatie.yml.j2").unlink()
    code, output = run(capsys, "--root", project, "new", "organisatie", "Stichting Nieuw")
    assert code == 2
    assert_reported(output, "PB524", "theme/records/organisatie.yml.j2:1:1")
    assert not (project / "content" / "organisaties" / "stichting-nieuw.yml").exists()
    assert run(capsys, "--root", project, "new", "gemeente", "Aalten")[0] == 0


def test_templates_come_from_the_project_not_the_package(project, capsys, monkeypatch, tmp_path):
    """A project's own templates are used, whatever the working directory."""
    page = project / PAGE_TEMPLATES / "over.md.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "# Eigen sjabloon: ", 1), encoding="utf-8")
    record = project / RECORD_TEMPLATES / "gemeente.yml.j2"
    record.write_text("# eigen sjabloon\n" + record.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--root", project, "build", "--alleen-markdown")[0] == 0
    assert "# Eigen sjabloon: " in (project / "build" / "docs" / "over.md").read_text(encoding="utf-8")
    assert run(capsys, "--root", project, "new", "gemeente", "Aalten")[0] == 0
    assert (project / "content" / "gemeenten" / "aalten.yml").read_text(encoding="utf-8").startswith("# eigen sjabloon\n")


@pytest.mark.parametrize(("text", "where"), [
    ("site_name: Test\nsite_url: a: b\n", "mkdocs.yml:2:12"),  # "mapping values are not allowed here"
    ("site_name: Test\nsite_url: [open\nextra: {}\n", "mkdocs.yml:3:6"),
    ("site_name: \"Test\x07\"\n", "mkdocs.yml:1:1"),  # a ReaderError
])
def test_broken_mkdocs_yml_is_described_in_dutch(project, capsys, text: str, where: str):
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    code, output = run(capsys, "--root", project, "validate")
    assert code == 2
    assert_reported(output, "PB522", where)
    assert not re.search(r"\b(mapping|allowed|expected|found|while|character|special)\b", output), output


def test_unreadable_mkdocs_yml_is_described_in_dutch(project, capsys, monkeypatch):
    def refused(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(project / "mkdocs.yml"))

    monkeypatch.setattr("generator.project.config", refused)
    code, output = run(capsys, "--root", project, "validate")
    assert code == 2
    assert_reported(output, "PB522", "mkdocs.yml:1:1")
    assert "geen toestemming" in output and os.strerror(errno.EACCES) not in output
