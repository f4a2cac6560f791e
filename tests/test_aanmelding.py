"""`praktijkbank aanmelding`: issue bodies in GitHub's rendered form become valid records, or clear messages.

The fixtures in tests/fixtures/aanmelding/ are bodies as GitHub renders the form
.github/ISSUE_TEMPLATE/praktijk-aanmelden.yml; the failing ones per code are tests/fixtures/codes/PB7xx.aanmelding.md.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import aanmelding
from generator.build import check
from generator.cli import main
from generator.new import Refused, write_record
from generator.problems import CODES, errors, markdown_cell

from .conftest import FIXTURES, REPO, make_project

BODIES = FIXTURES / "aanmelding"
CODE_FIXTURES = FIXTURES / "codes"
EXPECTATION = re.compile(r"<!-- verwacht: (PB7\d\d) (\d+):(\d+) -->")
TODAY = datetime.date(2026, 12, 4)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's records and form, where the command may write."""
    root = make_project(tmp_path / "project")
    shutil.copytree(REPO / ".github", root / ".github")
    return root


def run(project: Path, body: Path | str) -> tuple[list[str], list]:
    if isinstance(body, str):
        path = project.parent / "aanmelding.md"
        path.write_text(body, encoding="utf-8")
        body = path
    return aanmelding.run(project, body, TODAY)


def new_files(project: Path) -> set[str]:
    """Record files in the project that the repository does not have."""
    return {p.relative_to(project).as_posix() for folder in ("practices", "content") for p in (project / folder).rglob("*.yml")
            if not (REPO / p.relative_to(project)).exists()}


def record(project: Path, relative: str) -> dict:
    return yaml.safe_load((project / relative).read_text(encoding="utf-8"))


def test_a_fully_filled_in_form_becomes_one_valid_practice(project: Path):
    written, problems = run(project, BODIES / "volledig.md")
    assert written == ["practices/samen-koken-in-aalten.yml"] and problems == []
    data = record(project, written[0])
    assert data["titel"] == "Samen koken in Aalten"
    assert data["gemeenten"] == ["aalten"]
    assert data["themas"] == ["eenzaamheid", "burgerinitiatief", "integratie-en-taal"]  # the main theme first
    assert data["doelgroepen"] == ["ouderen", "statushouders"]
    assert data["organisaties"] == [
        {"organisatie": "gemeente-aalten", "rol": "financier", "toelichting": "betaalt de boodschappen uit het Naoberfonds"},
        {"organisatie": "figulus-welzijn", "rol": "uitvoerder"}]  # found by its other name "Figulus"
    assert data["resultaten"] == [{"omschrijving": "Aantal mensen dat in 2017 elke week mee-at.", "waarde": 40,
                                   "eenheid": "deelnemers", "jaar": 2017,
                                   "bron": {"bron": "gouden-gemeenten-2017", "regels": "485-491"}}]
    assert data["citaten"][0]["wie"] == "Eric Wichgers" and data["citaten"][0]["bron"]["regels"] == 493
    assert data["bronnen"] == [{"bron": "gouden-gemeenten-2017", "regels": "478-481"},
                               {"bron": "gouden-gemeenten-2017", "regels": "483-498"}]
    assert (data["status"], data["praktijkniveau"], data["startjaar"]) == ("lopend", "beschreven", 2016)
    assert data["toegevoegd"] == data["bijgewerkt"] == TODAY
    assert data["beschrijving"].count("\n\n") == 1  # the paragraphs are kept
    assert new_files(project) == set(written)


def test_optional_fields_left_empty_give_a_valid_practice_without_them(project: Path):
    written, problems = run(project, BODIES / "minimaal.md")
    assert problems == [] and written == ["practices/samen-eten-in-aalten.yml"]
    data = record(project, written[0])
    assert data["organisaties"] == data["resultaten"] == data["citaten"] == []
    assert "startjaar" not in data and data["themas"] == ["eenzaamheid"] and data["status"] == "onbekend"


def test_odd_whitespace_crlf_and_lower_case_ticks_are_read_as_intended(project: Path):
    body = (BODIES / "rommelig.md").read_bytes()
    assert b"\r\n" in body and "\u00a0".encode() in body and b"- [x]" in body  # the fixture is as odd as claimed
    written, problems = run(project, BODIES / "rommelig.md")
    assert problems == []
    data = record(project, written[0])
    assert data["titel"] == "Samen koken in Aalten"
    assert data["gemeenten"] == ["aalten"]
    assert [o["organisatie"] for o in data["organisaties"]] == ["gemeente-aalten", "figulus-welzijn"]
    assert data["organisaties"][0]["rol"] == "financier"
    assert "burgerinitiatief" in data["themas"]
    assert "\r" not in (project / written[0]).read_text(encoding="utf-8")


def test_hostile_text_is_kept_as_data_and_escaped_in_the_comment(project: Path):
    written, problems = run(project, BODIES / "vijandig.md")
    assert problems == [], problems
    data = record(project, written[0])
    assert data["titel"] == "<script>alert(1)</script> {{ 7*7 }} $(id)"  # verbatim: no template ran, no shell
    assert "{% raw %}{{ config }}{% endraw %}" in data["samenvatting"]
    assert "key: &a [*a]\n!!python/object:os.system" in data["beschrijving"]  # YAML syntax stayed text
    assert data["aanpak"].startswith("'; DROP TABLE")
    assert written == ["practices/script-alert-1-script-7-7-id.yml"]
    shown = aanmelding.comment(written, problems)
    assert "<script" not in shown and "- practices/script-alert-1-script-7-7-id.yml" in shown


def test_the_comment_escapes_messages_and_cannot_mention_people():
    from generator.problems import Problem

    found = [Problem("aanmelding.md", 3, 1, "PB702", "onbekende gemeente '<b>@iedereen</b> | x'", "bedoelde je 'x'?"),
             Problem("practices/x.yml", 7, 3, "PB105", "tekst te lang")]
    shown = aanmelding.comment([], found, "aanmelding.md")
    assert "| je aanmelding | PB702 |" in shown and "| practices/x.yml, regel 7 | PB105 |" in shown
    assert "<b>" not in shown and "@" not in shown and "| x" not in shown
    assert "&#60;b&#62;&#64;iedereen" in shown and "PB702" in shown
    assert shown.startswith("<!-- praktijkbank-aanmelding -->\n### Je aanmelding kan nog geen pagina worden")


def test_100_kb_of_text_is_reported_by_the_validator_not_a_crash(project: Path):
    body = (BODIES / "volledig.md").read_text(encoding="utf-8")
    body = body.replace("De gemeente wil dat buren meer naar elkaar omkijken.", "lang " * 20_000)
    assert len(body.encode()) > 100_000
    written, problems = run(project, body)
    assert written == ["practices/samen-koken-in-aalten.yml"]
    assert [(p.code, p.path) for p in problems] == [("PB105", "practices/samen-koken-in-aalten.yml")]


def test_a_title_with_an_existing_slug_is_refused_and_nothing_is_written(project: Path):
    before = (project / "practices" / "naoberfonds.yml").read_bytes()
    body = (BODIES / "volledig.md").read_text(encoding="utf-8").replace("Samen koken in Aalten", "NaoberFonds!", 1)
    written, problems = run(project, body)
    assert written == [] and [p.code for p in problems] == ["PB714"]
    assert "practices/naoberfonds.yml" in problems[0].message
    assert (project / "practices" / "naoberfonds.yml").read_bytes() == before and new_files(project) == set()


def test_editing_the_issue_on_a_fresh_checkout_gives_the_same_records(project: Path, tmp_path: Path):
    """The workflow runs on a fresh checkout for every edit: the same body gives the same bytes."""
    written, _ = run(project, BODIES / "volledig.md")
    first = (project / written[0]).read_bytes()
    again = make_project(tmp_path / "again")
    shutil.copytree(REPO / ".github", again / ".github")
    aanmelding.run(again, BODIES / "volledig.md", TODAY)
    assert (again / written[0]).read_bytes() == first


def test_a_title_cannot_lead_outside_practices(project: Path):
    body = (BODIES / "volledig.md").read_text(encoding="utf-8").replace("Samen koken in Aalten", "../../.github/x", 1)
    written, _ = run(project, body)
    assert written == ["practices/github-x.yml"]


@pytest.mark.parametrize("relative", ["../buiten.yml", "generator/x.yml", "practices/../theme/x.yml",
                                      "content/x.txt"])
def test_records_are_never_written_outside_practices_and_content(tmp_path: Path, relative: str):
    with pytest.raises(Refused):
        write_record(tmp_path, relative, "titel: x\n")
    assert list(tmp_path.rglob("*")) == []


def test_web_source_becomes_a_source_record_with_fragments(project: Path):
    """Needs the web-source fields of issue 12 (url, geraadpleegd, archief_url, fragment) to validate."""
    written, problems = run(project, BODIES / "webbron.md")
    assert written == ["practices/kookclub-de-pan.yml", "content/bronnen/kookclub-de-pan-in-aalten.yml",
                       "content/organisaties/stichting-de-pan.yml"]
    source = record(project, written[1])
    assert source == {"titel": "Kookclub De Pan in Aalten", "uitgever": "Stichting Voorbeeld", "jaar": 2025,
                      "soort": "website",
                      "beschrijving": "Webpagina van de stichting over de wekelijkse kookclub in Aalten.",
                      "url": "https://www.voorbeeld.nl/kookclub-de-pan", "geraadpleegd": datetime.date(2026, 12, 1),
                      "archief_url": "https://web.archive.org/web/2026/https://www.voorbeeld.nl/kookclub-de-pan"}
    practice = record(project, written[0])
    assert practice["bronnen"][0] == {"bron": "kookclub-de-pan-in-aalten",
                                      "fragment": "Elke dinsdag koken buren samen in het dorpshuis"}
    assert practice["resultaten"][0]["waarde"] == 1250  # "1.250" read the Dutch way
    quote = practice["citaten"][0]
    assert quote["tekst"] == "Aan tafel wordt iedereen een buur." == quote["bron"]["fragment"]
    organisation = record(project, written[2])
    assert organisation["soort"] == "inwonersinitiatief" and organisation["gemeenten"] == ["aalten"]
    assert [o["organisatie"] for o in practice["organisaties"]] == ["stichting-de-pan", "gemeente-aalten"]
    # Valid; the new web source has no fingerprint yet, so each citation of it is reported as
    # not checked (PB404, a warning), as validate reports it: never a silent pass.
    assert not errors(problems)
    assert {(p.code, p.path) for p in problems} == {("PB404", written[0]), ("PB404", written[2])}


def test_a_fragment_must_have_3_to_12_words_before_anything_is_written(project: Path):
    body = (BODIES / "webbron.md").read_text(encoding="utf-8").replace(
        "Fragment: nieuwkomers en ouderen aan één tafel", "Fragment: één tafel")
    written, problems = run(project, body)
    assert written == [] and [p.code for p in problems] == ["PB706"]
    assert "'één tafel' is te kort of te lang" in problems[0].message and "3 tot 12 woorden" in problems[0].hint


def code_fixtures() -> list[Path]:
    return sorted(CODE_FIXTURES.glob("PB7*.aanmelding.md"))


def test_every_aanmelding_code_has_a_fixture():
    assert {f.name.split(".")[0] for f in code_fixtures()} == {c for c in CODES if c.startswith("PB7")}


@pytest.mark.parametrize("fixture", code_fixtures(), ids=lambda f: f.name)
def test_fixture_reports_its_code_at_its_place_and_writes_nothing(fixture: Path, project: Path):
    code, line, column = EXPECTATION.search(fixture.read_bytes()[:60].decode("utf-8", "replace")).groups()
    written, problems = run(project, fixture)
    assert written == [] and new_files(project) == set()
    assert {p.code for p in problems} == {code}, problems
    first = problems[0]
    assert (first.path, first.line, first.column) == (fixture.name, int(line), int(column))
    assert first.hint or CODES[code][1]


@pytest.mark.parametrize("code, hint", [("PB702", "bedoelde je 'Aalten'?"),
                                        ("PB703", "bedoelde je 'eenzaamheid'?"),
                                        ("PB712", "bedoelde je 'Figulus Welzijn'?")])
def test_unknown_names_get_the_validators_did_you_mean_hint(project: Path, code: str, hint: str):
    _written, problems = run(project, CODE_FIXTURES / f"{code}.aanmelding.md")
    assert problems[0].hint.startswith(hint)


def test_roles_and_kinds_of_organisations_are_checked_before_writing(project: Path):
    body = (BODIES / "volledig.md").read_text(encoding="utf-8").replace("Rol: financier", "Rol: betaler")
    body = body.replace("Naam: Figulus\n", "Naam: Nieuwe Club\nSoort: vereniging\nBeschrijving: Een club van buren.\n")
    written, problems = run(project, body)
    assert written == [] and [(p.code, p.message.split(": ", 1)[1]) for p in problems] == [
        ("PB703", "onbekende keuze 'betaler'"), ("PB703", "onbekende keuze 'vereniging'")]
    assert problems[0].hint == "Kies uit: eigenaar, uitvoerder, partner, financier."


def test_all_problems_of_a_submission_are_reported_in_one_run(project: Path):
    body = (CODE_FIXTURES / "PB702.aanmelding.md").read_text(encoding="utf-8")
    body = body.replace("Samen koken in Aalten", "Naoberfonds", 1).replace("Rol: uitvoerder", "")
    _written, problems = run(project, body)
    assert {p.code for p in problems} == {"PB702", "PB707", "PB714"}


def test_command_prints_problems_writes_the_comment_and_exits_non_zero(project: Path, tmp_path: Path, capsys):
    comment = tmp_path / "reactie.md"
    status = main(["--root", str(project), "aanmelding", str(CODE_FIXTURES / "PB702.aanmelding.md"),
                   "--reactie", str(comment), "--format", "text"])
    out = capsys.readouterr().out
    assert status == 1
    assert "PB702.aanmelding.md:6:1: PB702 veld 'Gemeente(n)': onbekende gemeente 'Aaltn'" in out
    assert "tip: bedoelde je 'Aalten'?" in out
    assert "PB702" in comment.read_text(encoding="utf-8")


def test_command_writes_and_validates_a_good_submission(project: Path, capsys):
    status = main(["--root", str(project), "aanmelding", str(BODIES / "volledig.md"), "--format", "text"])
    assert status == 0
    assert capsys.readouterr().out.splitlines() == ["Nieuw bestand: practices/samen-koken-in-aalten.yml",
                                                    "Geen problemen gevonden."]
    _catalogue, found = check(project)
    assert not [p for p in found if p.severity == "fout"]


def test_a_quote_that_is_not_in_the_source_is_reported_not_approved(project: Path):
    """The submission gets the same source checks as `validate`: a made-up quote is PB403 and lines
    beyond the end of the text PB402, in the problems the comment shows."""
    body = (BODIES / "volledig.md").read_text(encoding="utf-8")
    body = body.replace("Soms moet je mensen een klein duwtje", "Soms moet je mensen een flinke zet").replace(
        "Regels: 485-491", "Regels: 99999")
    written, problems = run(project, body)
    assert written == ["practices/samen-koken-in-aalten.yml"]
    codes = {p.code for p in problems}
    assert {"PB402", "PB403"} <= codes, codes
    assert "PB403" in aanmelding.comment(written, problems)


def test_did_you_mean_hint_names_a_record_with_an_apostrophe_in_its_name():
    """Names such as "'t Hoekje" hold the quote character that suggest() puts around its answer."""
    vocabulary = {"t-hoekje": {"naam": "'t Hoekje"}}
    assert aanmelding._hint("t Hoekj", vocabulary) == "bedoelde je ''t Hoekje'?"


def test_a_write_failure_is_reported_in_dutch_and_leaves_nothing_behind(project: Path, monkeypatch):
    """When the disk is full halfway (write_record refuses the second record), the run reports PB715
    with the Dutch reason and removes the record it had already written."""
    real, calls = write_record, []

    def full_disk(root: Path, relative: str, text: str) -> Path:
        calls.append(relative)
        if len(calls) == 2:
            raise Refused(f"{relative} kan niet worden geschreven: de schijf is vol")
        return real(root, relative, text)

    monkeypatch.setattr(aanmelding, "write_record", full_disk)
    written, problems = run(project, BODIES / "webbron.md")
    assert written == [] and [p.code for p in problems] == ["PB715"]
    assert "de schijf is vol" in problems[0].message
    assert new_files(project) == set()


def test_missing_form_is_a_project_problem_not_a_traceback(project: Path, capsys):
    """The form defines the fields of a submission; without it nothing is read or written (PB525)."""
    (project / aanmelding.FORM).unlink()
    assert main(["--root", str(project), "aanmelding", str(BODIES / "volledig.md")]) == 2
    output = "".join(capsys.readouterr())
    assert f"{aanmelding.FORM.as_posix()}:1:1: PB525 " in output and "Traceback" not in output
    assert new_files(project) == set()


def test_an_unwritable_comment_file_is_a_dutch_problem(project: Path, tmp_path: Path, capsys):
    """`--reactie` in a folder that does not exist: PB715 naming the file, no traceback."""
    target = tmp_path / "bestaat-niet" / "reactie.md"
    assert main(["--root", str(project), "aanmelding", str(BODIES / "volledig.md"), "--reactie", str(target)]) == 1
    output = "".join(capsys.readouterr())
    assert f"{target}:1:1: PB715 " in output and "Traceback" not in output


def test_the_comment_shows_the_codes_tip_where_a_problem_has_no_hint_of_its_own():
    """The comment's table is the validator's Markdown table: the tip column is never empty."""
    from generator.problems import Problem, tip
    problem = Problem("practices/x.yml", 7, 3, "PB105", "een melding zonder eigen tip")
    shown = aanmelding.comment(["practices/x.yml"], [problem])
    assert tip(problem) and markdown_cell(tip(problem)) in shown


def test_names_of_records_saved_as_yaml_are_known_too(project: Path):
    """The vocabulary is read with the project's loader, so a `.yaml` record keeps its name."""
    folder = project / "content" / "organisaties"
    (folder / "stichting-vorm.yaml").write_text("naam: Stichting Vorm\n", encoding="utf-8")
    assert aanmelding._vocabulary(project, "organisatie")["stichting-vorm"].get("naam") == "Stichting Vorm"
