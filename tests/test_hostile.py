"""Hostile pull requests and odd files (issue 18): nothing from outside the repository reaches the
site, nothing a record holds breaks an export or a terminal, every check can fail, and builds
survive being killed, run twice or meeting a disk they cannot write."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
import yaml

from generator import new as new_record
from generator.build import Layout, build, check, generate, read_settings
from generator.cli import main
from generator.load import load_file, parse
from generator.markup import markdown_text
from generator.problems import MAX_PRINTED, Problem, format_problem, report
from generator.site import BuildFailed
from generator.validate import MAX_PER_RECORD
from generator.write import build_lock, docs_files, recover, swap_in

from .conftest import FIXTURES, REPO, make_project

SECRET = "GEHEIM-7f3a9c-NIET-PUBLICEREN"
DEADLINE = 60  # seconds; a guard against hanging, not a speed requirement


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture catalogue (records only: checks, no site)."""
    return Path(shutil.copytree(FIXTURES / "catalogus", tmp_path / "project"))


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """A buildable project: the repository's theme and config with the fixture catalogue."""
    return make_project(tmp_path / "site-project", FIXTURES / "catalogus")


def practice(**changes: object) -> str:
    """The fixture practice `buurtkas` with some fields replaced, as YAML."""
    data = yaml.safe_load((FIXTURES / "catalogus" / "practices" / "buurtkas.yml").read_text(encoding="utf-8"))
    data.update(changes)
    dumper = type("NoAliases", (yaml.SafeDumper,), {"ignore_aliases": lambda self, data: True})
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


def problems_in(project: Path, name: str) -> list[Problem]:
    _catalogue, found = check(project)
    return [p for p in found if p.path == name]


def every_byte(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


# Leaks ---------------------------------------------------------------------------------------


def test_link_out_of_the_repository_reaches_nothing_in_the_site(site_project: Path, tmp_path: Path):
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.txt").write_text(f"token={SECRET}\n", encoding="utf-8")
    (outside / "lek.yml").write_text(practice(titel=f"Lek {SECRET}"), encoding="utf-8")
    (site_project / ".git").mkdir()
    (site_project / ".git" / "config").write_text(f"[http] extraheader = {SECRET}\n", encoding="utf-8")
    build_or_fail = build(Layout.of(site_project))
    assert not [p for p in build_or_fail if p.severity == "fout"]
    links = {
        "content/pages/geheim.md": outside / "geheim.txt",
        "content/pages/git.md": site_project / ".git" / "config",
        "content/pages/map": outside,
        "practices/lek.yml": outside / "lek.yml",
        "theme/overrides/assets/lek.css": outside / "geheim.txt",
    }
    (site_project / "content" / "pages").mkdir(exist_ok=True)
    for link, target in links.items():
        (site_project / link).symlink_to(target)

    found = build(Layout.of(site_project))
    refused = {p.path for p in found if p.code == "PB012"}
    assert refused == set(links)
    assert all("buiten de repository" in p.message or ".git" in p.message for p in found if p.code == "PB012")
    # The build stopped, and even the step that copies hand-written pages never follows such a link.
    assert SECRET.encode() not in every_byte(site_project / "site")
    assert SECRET.encode() not in b"".join(content for _name, content in docs_files({}, site_project))


def test_linked_record_and_page_folders_that_leave_the_repository(project: Path, tmp_path: Path):
    outside = tmp_path / "buiten"
    (outside / "pages").mkdir(parents=True)
    (outside / "pages" / "geheim.md").write_text(SECRET, encoding="utf-8")
    (outside / "themas").mkdir()
    (outside / "themas" / "lek.yml").write_text(f"naam: {SECRET}\n", encoding="utf-8")
    shutil.rmtree(project / "content" / "themas")
    (project / "content" / "themas").symlink_to(outside / "themas")
    (project / "content" / "pages").symlink_to(outside / "pages")
    _catalogue, found = check(project)
    assert {p.path for p in found if p.code == "PB012"} == {"content/themas", "content/pages"}
    assert SECRET not in repr(found)
    assert list(docs_files({}, project)) == []


def test_link_loops_dangling_links_and_editor_files(project: Path):
    pages = project / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "lus-a.md").symlink_to("lus-b.md")
    (pages / "lus-b.md").symlink_to("lus-a.md")
    (project / "practices" / "lus.yml").symlink_to("lus.yml")
    (project / "practices" / "weg.yml").symlink_to("bestaat-niet.yml")
    # Editors' side files: an Emacs lock link (dangling) and a macOS resource fork.
    (project / "practices" / ".#buurtkas.yml").symlink_to("gebruiker@machine.1234:1700000000")
    (project / "practices" / "._buurtkas.yml").write_bytes(b"\x00\x05\x16\x07Mac OS X")

    _catalogue, found = check(project)
    refused = {p.path: p.message for p in found if p.code == "PB012"}
    assert set(refused) == {"content/pages/lus-a.md", "content/pages/lus-b.md", "practices/lus.yml", "practices/weg.yml"}
    assert "kringverwijzing" in refused["practices/lus.yml"] and "niet bestaat" in refused["practices/weg.yml"]
    assert not [p for p in found if "buurtkas.yml" in p.path and p.path != "practices/buurtkas.yml"]
    assert {name for name, _content in docs_files({}, project)} == set()


def test_github_annotations_cannot_be_forged_by_a_file_name():
    name = "practices/x\n::notice file=a.yml,title=OK::Alles in orde\r%0A.yml"
    line = format_problem(Problem(name, 1, 1, "PB201", "bestandsnaam 'x\n::notice::Alles in orde' is fout"), "github")
    assert "\n" not in line and "\r" not in line  # one workflow command, one line
    properties, _message = line.removeprefix("::").split("::", 1)  # GitHub ends the properties at the first `::`
    assert re.fullmatch(r"error file=[^,:]+,line=1,col=1,title=PB201 [^,:]+", properties), properties
    assert "%250A" in properties  # a literal "%0A" in the name stays text


def test_github_annotations_from_a_real_file_name(project: Path, capsys):
    hostile = project / "practices" / "x\n::notice ::Alles in orde.yml"
    hostile.write_text(practice(), encoding="utf-8")
    main(["--root", str(project), "validate", "--format", "github"])
    out = capsys.readouterr().out
    assert out and all(line.startswith(("::error ", "::warning ")) for line in out.splitlines()), out


def test_terminal_control_sequences_are_printed_escaped(project: Path, capsys):
    (project / "practices" / "kleur.yml").write_text(
        practice(titel="Titel\x1b]0;gehackt\x07\x1b[2J\x1b[1A\u202ekcah", samenvatting=1), encoding="utf-8")
    (project / "practices" / "x\x1b[2Jy.yml").write_text(practice(), encoding="utf-8")
    assert main(["--root", str(project), "validate"]) == 1
    out = capsys.readouterr().out
    assert "PB015" in out and "PB201" in out
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out), repr(out)
    assert "x\\x1b[2Jy.yml" in out


def test_new_writes_a_title_only_as_data(tmp_path: Path):
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")
    for title in ("Hack\nstartjaar: 1999\nerkenning: https://evil.example/", "Hack\rstartjaar: 1999",
                  "Hack\u2028startjaar: 1999", "Hack\x85x", "Titel\x1b[2J", "Omgekeerd \u202e"):
        for kind in new_record.KINDS:
            with pytest.raises(new_record.Refused) as refusal:
                new_record.create(root, new_record.Request(kind, title))
            assert refusal.value.usage and "één regel" in str(refusal.value)
    assert not list((root / "practices").glob("hack*"))


@pytest.mark.parametrize("title", ["Con", "nul", "PRN", "aux", "com1", "LPT9", "Index"])
def test_new_refuses_names_windows_or_the_site_reserve(tmp_path: Path, title: str):
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")
    with pytest.raises(new_record.Refused) as refusal:
        new_record.create(root, new_record.Request("praktijk", title))
    assert "gereserveerd" in str(refusal.value)


def test_new_with_bytes_that_are_not_utf8_and_an_existing_name(tmp_path: Path, capsys):
    root = make_project(tmp_path / "project", FIXTURES / "catalogus")
    title = os.fsdecode(b"Caf\xe9 zonder UTF-8")  # what Python makes of such a command line
    assert main(["--root", str(root), "new", "praktijk", title]) == 2
    assert "geen UTF-8" in capsys.readouterr().err
    (root / "practices" / "dubbel.yml").symlink_to("weg.yml")  # dangling: exists() says no
    assert main(["--root", str(root), "new", "praktijk", "Dubbel"]) == 1
    error = capsys.readouterr().err
    assert "bestaat al" in error and "Traceback" not in error and "FileExistsError" not in error


# Outputs that break for their readers ---------------------------------------------------------


@pytest.mark.parametrize("value, code", [(".nan", "PB013"), (".inf", "PB013"), ("-.inf", "PB013"), (".NaN", "PB013"),
                                         ("1:30", "PB014"), ("010", "PB014"), ("1_000", "PB014"), ("0x1F", "PB014"),
                                         ("2.0e+3", "PB103"), ("2000.0", "PB103")])
def test_numbers_are_finite_decimal_and_whole_where_whole(project: Path, value: str, code: str):
    text = practice().replace("startjaar: 2016", f"startjaar: {value}")
    (project / "practices" / "getal.yml").write_text(text, encoding="utf-8")
    assert code in {p.code for p in problems_in(project, "practices/getal.yml")}


def test_a_float_where_a_number_is_meant_still_passes(project: Path):
    text = practice().replace("waarde: 40", "waarde: 40.5")
    (project / "practices" / "getal.yml").write_text(text, encoding="utf-8")
    assert problems_in(project, "practices/getal.yml") == []


@pytest.mark.parametrize("escape, code", [("\\x01", "PB015"), ("\\0", "PB015"), ("\\e", "PB015"), ("\\uFFFF", "PB015"),
                                          ("\\x85", "PB015"), ("\\U0010FFFF", "PB015"),
                                          ("\\u200B", "PB016"), ("\\u202E", "PB016"), ("\\u2066", "PB016")])
def test_control_and_invisible_characters_in_text(project: Path, escape: str, code: str):
    text = practice().replace("titel: Buurtkas", f'titel: "Buurt{escape}kas"')
    (project / "practices" / "teken.yml").write_text(text, encoding="utf-8")
    found = {p.code: p for p in problems_in(project, "practices/teken.yml")}
    assert code in found and (found[code].line, found[code].column) == (1, 8)
    assert found[code].severity == ("fout" if code == "PB015" else "waarschuwing")


@pytest.mark.parametrize("name, code", [("index.yml", "PB203"), ("con.yml", "PB203"), ("lpt1.yml", "PB203"),
                                        ("BUURT.YML", "PB201"), ("buurt.YML", "PB201"), ("buurt\n.yml", "PB201"),
                                        ("buurt.yml\n", "PB201"), ("a" * 200 + ".yml", "PB201"), (".buurt.yml", "PB201")])
def test_odd_file_names_are_reported_not_skipped(project: Path, name: str, code: str):
    (project / "practices" / name).write_text(practice(), encoding="utf-8")
    _catalogue, found = check(project)
    assert [p.code for p in found if p.path == f"practices/{name}"] == [code]


def _page_html(project: Path, onderdelen: list[dict]) -> str:
    (project / "practices" / "buurtkas.yml").write_text(practice(onderdelen=onderdelen), encoding="utf-8")
    catalogue, found = check(project)
    assert not [p for p in found if p.severity == "fout"], found
    page = generate(catalogue, read_settings(REPO))["praktijken/buurtkas.md"]
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["generator.passthrough", "attr_list", "md_in_html", "tables", "admonition",
                                              "def_list", "toc"])


def test_section_anchors_are_never_empty_and_never_the_pages_own(project: Path):
    part = {"beschrijving": "Een onderdeel met een titel die op een kop van de pagina lijkt.",
            "bronnen": [{"bron": "voorbeeldbron", "regels": "2"}]}
    html = _page_html(project, [{**part, "titel": "!!!"}, {**part, "titel": "Wat is het"}, {**part, "titel": "???"}])
    ids = re.findall(r'<h[1-6][^>]* id="([^"]*)"', html)
    assert "" not in ids and len(ids) == len(set(ids)), ids
    assert re.search(r'<h2 id="wat-is-het">Wat is het\?</h2>', html), ids


def test_text_in_backticks_shows_its_characters():
    html = markdown.markdown(markdown_text("Vergelijk `a < b` en `x & y`."))
    assert "&amp;#" not in html and "<code>" not in html
    assert "&#60;" in html  # the browser shows "<"


@pytest.mark.parametrize("field, value", [("toegevoegd", "0000-01-01"), ("toegevoegd", "2026-02-30"),
                                          ("toegevoegd", "2026-11-01\n"), ("verwante_praktijken", ["veilige-tekst\n"])])
def test_strict_answer_wins_for_dates_and_patterns(project: Path, field: str, value: object):
    (project / "practices" / "buurtkas.yml").write_text(practice(**{field: value}), encoding="utf-8")
    assert {p.code for p in problems_in(project, "practices/buurtkas.yml")} & {"PB106", "PB107"}


def test_block_scalar_line_range_with_trailing_newline(project: Path):
    text = practice().replace("bronnen:\n- bron: voorbeeldbron\n  regels: 2-5", "bronnen:\n- bron: voorbeeldbron\n  regels: |\n    99999")
    assert "regels: |" in text
    (project / "practices" / "buurtkas.yml").write_text(text, encoding="utf-8")
    found = problems_in(project, "practices/buurtkas.yml")
    assert [(p.code, p.line) for p in found] == [("PB107", text.split("\n").index("    99999"))], found


def test_municipality_is_not_its_own_successor(project: Path):
    path = project / "content" / "gemeenten" / "voorbeeldstad.yml"
    path.write_text(path.read_text(encoding="utf-8") + "opvolger: {gemeente: voorbeeldstad, jaar: 2019}\n", encoding="utf-8")
    assert "PB302" in {p.code for p in problems_in(project, "content/gemeenten/voorbeeldstad.yml")}


# Checks that cannot fail ----------------------------------------------------------------------


def test_strict_build_fails_on_a_builder_warning(site_project: Path):
    (site_project / "content" / "pages").mkdir(exist_ok=True)
    (site_project / "content" / "pages" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(Layout.of(site_project))
    assert "bestaat-niet.md" in str(failure.value) and "strict" in str(failure.value)
    assert not (site_project / "site").exists()
    assert not list(site_project.glob(".site-*"))


@pytest.mark.parametrize("path", ["README.md", "/tmp/bestaat-niet-kapot.yml", "generator", "mkdocs.yml",
                                  "content/pages/toegankelijkheid.md", "content/dekking.yml", "content/pages",
                                  "content/bronnen/gouden-gemeenten-2017.vingerafdruk"])
def test_validate_refuses_a_path_that_is_no_record(path: str, capsys):
    assert main(["--root", str(REPO), "validate", path]) == 2
    error = capsys.readouterr().err
    assert "PB501" in error and "Geen problemen" not in error


@pytest.mark.parametrize("path", ["practices/naoberfonds.yml", "content/themas", "content", "practices", "."])
def test_validate_accepts_records_and_their_folders(path: str):
    assert main(["--root", str(REPO), "validate", path]) == 0


def test_validate_refuses_a_record_outside_the_project(tmp_path: Path, capsys):
    outside = tmp_path / "kapot.yml"
    outside.write_text("titel: [\n", encoding="utf-8")
    assert main(["--root", str(REPO), "validate", str(outside)]) == 2
    assert "buiten de projectmap" in capsys.readouterr().err


def test_mixed_unique_list_is_linear_and_its_messages_capped(project: Path, monkeypatch):
    import jsonschema._keywords

    def quadratic(*_args):
        raise AssertionError("jsonschema's uniqueItems compares every pair for unsortable items")

    monkeypatch.setattr(jsonschema._keywords, "uniq", quadratic)
    names = [n if n % 2 else f"naam {n}" for n in range(24_000)] + [1]
    (project / "practices" / "groot.yml").write_text(practice(andere_namen=names), encoding="utf-8")
    found = problems_in(project, "practices/groot.yml")
    assert len(found) == MAX_PER_RECORD + 1
    assert found[-1].code == "PB017" and found[-1].message.endswith(f"stopt na {MAX_PER_RECORD} meldingen; er zijn er meer")
    assert found[-1].severity == "fout"


def test_messages_per_run_are_capped():
    out = io.StringIO()
    problems = [Problem(f"practices/p{n:05}.yml", 1, 1, "PB101", "verplicht veld 'titel' ontbreekt") for n in range(MAX_PRINTED + 500)]
    assert report(problems, out) == 1
    lines = out.getvalue().splitlines()
    assert sum(": PB101 " in line for line in lines) == MAX_PRINTED and lines[-2] == "… en nog 500 meldingen."


# Builds under stress --------------------------------------------------------------------------


def test_a_build_killed_between_its_renames_is_repaired(tmp_path: Path):
    site = tmp_path / "site"
    old = tmp_path / "site.oud"
    old.mkdir()
    (old / "index.html").write_text("vorige site", encoding="utf-8")
    stale = tmp_path / ".site-abc123"
    (stale / "assets").mkdir(parents=True)
    recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige site"
    assert not old.exists() and not stale.exists()


def test_staging_folders_are_ignored_by_git():
    names = [".site-abc123/index.html", ".zoekdeel-x1/a.html", "site.oud/index.html", "build/.bouw.lock",
             ".voorbeeld-abc123/index.html", "voorbeeld.oud/index.html"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=REPO, capture_output=True, text=True)
    assert result.stdout.split() == names


def test_site_as_a_mount_point_gets_its_contents_replaced(tmp_path: Path, monkeypatch):
    final, new = tmp_path / "site", tmp_path / ".site-nieuw"
    (final / "oud").mkdir(parents=True)
    (new / "nieuw").mkdir(parents=True)
    (new / "index.html").write_text("nieuw", encoding="utf-8")
    rename = Path.rename

    def busy(self: Path, target):
        if self == final:  # what rename(2) says for a mount point
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", busy)
    swap_in(new, final)
    assert sorted(p.name for p in final.iterdir()) == ["index.html", "nieuw"] and not new.exists()


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "de schijf is vol"), (errno.EROFS, "alleen-lezen"),
                                         (errno.EPERM, "onveranderbaar"), (errno.EACCES, "geen toestemming")])
def test_unwritable_site_is_a_dutch_problem(site_project: Path, monkeypatch, capsys, code: int, words: str):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code), str(site_project / "site"))

    monkeypatch.setattr("generator.site.tempfile.mkdtemp", fail)
    assert main(["--root", str(site_project), "build"]) == 1
    output = capsys.readouterr()
    (line,) = [line for line in output.out.splitlines() if "PB502" in line]
    assert line.startswith("site:1:1: PB502 de site kan niet worden geschreven: ") and words in line
    assert os.strerror(code) not in output.out + output.err and "Traceback" not in output.err


def test_second_build_stops_while_one_runs(project: Path):
    with build_lock(project):
        found = build(Layout.of(project))
    assert [(p.path, p.code) for p in found] == [("build/.bouw.lock", "PB503")]


def test_reading_and_parsing_problems_are_dutch(tmp_path: Path):
    folder = tmp_path / "map.yml"
    folder.mkdir()
    _record, problems = load_file("praktijk", folder, "practices/map.yml")
    assert [p.message for p in problems] == ["het bestand kan niet worden gelezen: dit is een map, geen bestand"]
    for raw in (b"a: [1, 2\nb: 3\n", b"a: {x: 1\n", b"a: |x\n  t\n", b"a: @x\n", b"a:\n  b: 1\n c: 2\n"):
        (problem,) = parse("x.yml", raw)[3]
        assert problem.code == "PB002"
        assert not re.search(r"\b(expected|found|did not|while|scanning|character)\b", problem.message), problem.message


def test_a_killed_build_leaves_no_builder_running(tmp_path: Path):
    """The builder runs as a child that ends with the build, even when the build is killed outright."""
    marker = tmp_path / "kind.pid"
    # The "builder" is a module in the build's folder that writes its pid and waits.
    (tmp_path / "wacht.py").write_text(
        f"import os, time, pathlib; pathlib.Path({str(marker)!r}).write_text(str(os.getpid())); time.sleep(300)",
        encoding="utf-8")
    script = (f"import pathlib, sys; sys.path.insert(0, {str(REPO)!r})\n"
              "from generator.site import _run\n"
              f"_run(['wacht'], pathlib.Path({str(tmp_path)!r}))\n")
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path)
    pid = 0
    try:
        deadline = time.monotonic() + DEADLINE
        while not marker.exists() or not marker.read_text():
            assert time.monotonic() < deadline and parent.poll() is None
            time.sleep(0.05)
        pid = int(marker.read_text())
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        while Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid):
            assert time.monotonic() < deadline, "the builder outlived the killed build"
            time.sleep(0.05)
    finally:
        parent.kill()
        if pid and Path(f"/proc/{pid}").exists():
            os.kill(pid, signal.SIGKILL)  # the test's own child, left behind only when the test fails


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


# serve -----------------------------------------------------------------------------------------


def test_watcher_survives_a_symlink_loop_and_ignores_editor_files(tmp_path: Path):
    from watchdog.events import FileCreatedEvent

    from generator.serve import Watcher

    (tmp_path / "practices").mkdir()
    loop = tmp_path / "practices" / "lus.yml"
    loop.symlink_to(loop.name)
    watcher = Watcher(tmp_path)
    for name in ("lus.yml", ".#buurtkas.yml", "._buurtkas.yml", "buurtkas.yml~", "buurtkas.yml"):
        watcher.on_any_event(FileCreatedEvent(str(tmp_path / "practices" / name)))
    assert watcher.changed == {"practices/lus.yml", "practices/buurtkas.yml"}


def test_a_client_hanging_up_prints_no_traceback(capsys):
    from generator.serve import Server

    server = Server.__new__(Server)  # only its error handling is under test
    for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
        try:
            raise error
        except ConnectionError:
            server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""


def test_json_output_is_ascii_so_no_terminal_reads_a_control_sequence():
    line = format_problem(Problem("practices/x\x9b2J.yml", 1, 1, "PB201", "naam \u202e"), "json")
    assert line.isascii() and json.loads(line)["path"] == "practices/x\x9b2J.yml"


@pytest.mark.parametrize("code, words", [(errno.EADDRINUSE, "de poort is al in gebruik"), (errno.ENOSPC, "de schijf is vol")])
def test_serve_reports_system_errors_in_dutch(monkeypatch, capsys, code: int, words: str):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("generator.serve.serve", fail)
    assert main(["serve", "--port", "8765"]) == 1
    error = capsys.readouterr().err
    assert words in error and os.strerror(code) not in error
