"""One failing fixture per problem code: each is reported with its code at the expected line and column."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from generator.build import check
from generator.load import FOLDERS, MAX_BYTES
from generator.problems import CODES, Problem, format_problem
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
                     "PB406": "test_sources.test_unreadable_fingerprint",
                     "PB407": "test_sources.test_fingerprint_of_another_text",
                     # the project folder itself (tests/test_project.py)
                     "PB520": "test_missing_project_folder", "PB521": "test_folder_without_mkdocs_yml",
                     "PB522": "test_broken_mkdocs_yml_is_reported_at_its_line", "PB523": "test_missing_page_templates",
                     "PB524": "test_missing_record_template",
                     "PB525": "test_aanmelding.py::test_missing_form_is_a_project_problem_not_a_traceback",
                     "PB012": "test_hostile.py::test_link_out_of_the_repository_reaches_nothing_in_the_site",
                     "PB017": "test_hostile.py::test_mixed_unique_list_is_linear_and_its_messages_capped",
                     "PB502": "test_hostile.py::test_unwritable_site_is_a_dutch_problem",
                     "PB503": "test_hostile.py::test_second_build_stops_while_one_runs"}
# Source checks that give the same verdict from the committed fingerprints as from the full texts.
FROM_FINGERPRINTS_TOO = {"PB402", "PB403", "PB404", "PB405"}


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
        found = check_sources(catalogue, project, project / "bronteksten").problems
        if code in FROM_FINGERPRINTS_TOO:  # the same problems; a full text may say more in the tip
            assert [dataclasses.replace(p, hint="") for p in check_sources(catalogue, project).problems] == \
                   [dataclasses.replace(p, hint="") for p in found]
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "catalogus", tmp_path / "project"))


def test_every_code_has_a_fixture():
    # PB7xx are problems of an issue-form submission: their fixtures are issue bodies (tests/test_aanmelding.py).
    fixtures = {f.name.split(".")[0] for f in [*fixture_files(), *CODE_FIXTURES.glob("PB7*.aanmelding.md")]}
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
    assert "\n    tip: " in format_problem(first) and "(tip: " in format_problem(first, "github")
    # The rest of the catalogue is valid, so the fixture's fault is the only error.
    allowed = {code, *(also or "").replace(" ", "").split(",")} - {""}
    assert {p.code for p in found if p.severity == "fout"} <= allowed


def test_every_code_has_a_tip_that_says_what_to_do():
    """A problem without a hint of its own prints the advice of its code, so every code needs one."""
    for code, (title, todo) in CODES.items():
        assert title and len(todo.split()) >= 5, f"{code} has no tip"
    printed = format_problem(Problem("practices/x.yml", 3, 1, "PB306", "thema 'x' wordt door geen enkel record gebruikt"))
    assert printed.endswith("\n    tip: " + CODES["PB306"][1])


@pytest.mark.parametrize(("kind", "field", "tip"), [
    ("bron", "link", "een adres hoort in `url`"),
    ("praktijk", "url", "een webadres hoort in een bronrecord (`url`)"),
    ("bron", "geraadpleegt", "bedoelde je 'geraadpleegd'?"),
    ("bron", "kleur", "hier mogen deze velden staan: archief_url, beschrijving"),
])
def test_unknown_field_tip_names_the_field_meant(project: Path, kind: str, field: str, tip: str):
    record = project / FOLDERS[kind] / ("buurtkas.yml" if kind == "praktijk" else "voorbeeldbron.yml")
    record.write_text(record.read_text(encoding="utf-8") + f"{field}: https://example.org\n", encoding="utf-8")
    _catalogue, found = check(project)
    (problem,) = [p for p in found if p.code == "PB102"]
    assert problem.hint.startswith(tip)


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


FRAGMENT = 'fragment: "van buurtfeest tot moestuin, en van taalcafé"'


@pytest.mark.parametrize(("old", "new", "code", "line", "message", "tip"), [
    # a fragment of the wrong length says how many words it has and may have
    (FRAGMENT, 'fragment: "een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien"',
     "PB107", 38, "'fragment' is te lang: 14 woorden, hoogstens 12", "neem een deel van hoogstens 12 woorden"),
    (FRAGMENT, 'fragment: "van buurtfeest"', "PB107", 38, "'fragment' is te kort: 2 woord(en), minstens 3",
     "neem minstens 3 woorden"),
    # a `regels` placeholder left beside a fragment is to be deleted, not filled in
    (FRAGMENT, FRAGMENT + ", regels: '<VERPLICHT: regelnummers in de bron>'", "PB109", 38,
     "'regels' is nog niet ingevuld", "deze verwijzing heeft al een 'fragment'; haal de regel 'regels: …' helemaal weg"),
    # a required field missing because it was misspelt points to the misspelt key
    ("samenvatting:", "samenvating:", "PB101", 3,
     "verplicht veld 'samenvatting' ontbreekt (regel 3 heeft 'samenvating')",
     "bedoelde je 'samenvatting'? verbeter de veldnaam 'samenvating' op regel 3"),
    # "did you mean" also finds another form of the same word
    ("status: lopend", "status: loopt", "PB104", 19, "'loopt' is geen toegestane waarde", "bedoelde je 'lopend'?"),
])
def test_message_says_what_is_wrong_and_what_to_do(project: Path, old, new, code, line, message, tip):
    record = project / "practices" / "buurtkas.yml"
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")
    _catalogue, found = check(project)
    (problem,) = [p for p in found if p.code == code]
    assert (problem.path, problem.line) == ("practices/buurtkas.yml", line)
    assert problem.message.startswith(message) and problem.hint.startswith(tip)


@pytest.mark.parametrize(("value", "candidates", "meant"), [
    ("loopt", ["beeindigd", "in-voorbereiding", "lopend", "onbekend", "pilot"], "lopend"),  # stem loop/lop
    ("samenvating", ["samenvatting", "titel"], "samenvatting"),
    ("toelichting", ["toegevoegd"], None),  # a shared beginning 'toe' alone is no match
    ("geraadpleegt", ["archief_url", "geraadpleegd"], "geraadpleegd"),
])
def test_did_you_mean_matches_word_stems_and_spelling(value, candidates, meant):
    from generator.problems import closest

    assert closest(value, candidates) == meant
