"""One failing fixture per problem code: each is reported with its code at the expected line and column."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import check
from generator.load import FOLDERS, MAX_BYTES
from generator.problems import CODES
from generator.sources import check_sources

from .conftest import FIXTURES

CODE_FIXTURES = FIXTURES / "codes"
# "# verwacht: PB108 7:9" or, where the fault unavoidably causes more, "… (ook: PB301)"
EXPECTATION = re.compile(r"# verwacht: (PB\d{3}) (\d+):(\d*)(?: \(ook: ([A-Z0-9, ]+)\))?")
# Where a fixture must be saved under another name than its code, to trigger the code.
SAVED_AS = {"PB201": "Kapotte Praktijk.yml", "PB202": "buurtkas.yaml", "PB203": "index.yml"}
# A slug clash is reported at the file that sorts second.
REPORTED_AT = {"PB202": "practices/buurtkas.yml"}
# Codes not tested by a committed fixture file, and the test that covers them instead.
COVERED_ELSEWHERE = {"PB005": "test_oversized_file", "PB501": "test_usage_error_exit_code",
                     "PB012": "test_hostile.py::test_link_out_of_the_repository_reaches_nothing_in_the_site",
                     "PB017": "test_hostile.py::test_mixed_unique_list_is_linear_and_its_messages_capped",
                     "PB502": "test_hostile.py::test_unwritable_site_is_a_dutch_problem",
                     "PB503": "test_hostile.py::test_second_build_stops_while_one_runs"}


def fixture_files() -> list[Path]:
    return sorted(CODE_FIXTURES.glob("PB*.yml"))


def place(fixture: Path, project: Path) -> Path:
    """Copy a fixture into a project of the fixture catalogue, in the folder of its record kind."""
    code, kind = fixture.name.split(".")[:2]
    target = project / FOLDERS[kind] / SAVED_AS.get(code, f"{code.lower()}.yml")
    shutil.copyfile(fixture, target)
    return target


def problems_for(project: Path, code: str) -> list:
    catalogue, found = check(project)
    if code.startswith("PB4"):
        found = check_sources(catalogue, project / "bronteksten")
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "catalogus", tmp_path / "project"))


def test_every_code_has_a_fixture():
    fixtures = {f.name.split(".")[0] for f in fixture_files()}
    assert set(CODES) == fixtures | set(COVERED_ELSEWHERE)


@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda f: f.name)
def test_fixture_reports_its_code_at_its_place(fixture: Path, project: Path):
    head = fixture.read_bytes()[:200].decode("utf-8", "replace")
    code, line, column, also = EXPECTATION.search(head).groups()
    target = place(fixture, project)
    found = problems_for(project, code)
    mine = [p for p in found if p.code == code]
    assert mine, f"{code} not reported; got {found}"
    first = mine[0]
    assert first.path == REPORTED_AT.get(code, target.relative_to(project).as_posix())
    assert (first.line, first.column if column else None) == (int(line), int(column) if column else None)
    assert first.message and CODES[code]
    # The rest of the catalogue is valid, so the fixture's fault is the only error.
    allowed = {code, *(also or "").replace(" ", "").split(",")} - {""}
    assert {p.code for p in found if p.severity == "fout"} <= allowed


def test_unknown_reference_suggests_the_closest_slug(project: Path):
    place(CODE_FIXTURES / "PB301.praktijk.yml", project)
    _catalogue, found = check(project)
    (problem,) = [p for p in found if p.code == "PB301"]
    assert problem.hint == "bedoelde je 'burgerinitiatief'?"
    assert "content/themas/burgerinitiatif.yml" in problem.message


def test_oversized_file(project: Path):
    target = project / "practices" / "groot.yml"
    target.write_bytes(b"titel: x\n" + b"# " + b"x" * MAX_BYTES + b"\n")
    _catalogue, found = check(project)
    assert [(p.code, p.line, p.column) for p in found if p.path == "practices/groot.yml"] == [("PB005", 1, 1)]


def test_usage_error_exit_code(capsys):
    from generator.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["validate", "--format", "xml"])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "PB501" in error and "ongeldige keuze: 'xml'" in error and error.startswith("gebruik: ")
