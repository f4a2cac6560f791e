"""The path of an editor adding a practice: `praktijkbank new`, fill in, validate, build, find it on the site."""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml

from generator import cli, new, schemas
from generator.build import check, read_settings
from generator.load import load_file
from generator.problems import errors
from generator.project import RECORD_TEMPLATES
from generator.validate import validate
from tests.conftest import FIXTURES, REPO, build_or_fail, make_project

CATALOGUE = FIXTURES / "catalogus"
TITLE = "Samen koken in de wijk"
SLUG = "samen-koken-in-de-wijk"

# What an editor types over each placeholder, keyed by the start of the placeholder text.
FILLED = {
    "<VERPLICHT: één of twee zinnen": "Buren koken één keer per week samen en eten met elkaar, zodat niemand alleen aan tafel zit.",
    "<VERPLICHT: aanleiding": "In de wijk wonen veel mensen alleen. Samen koken brengt hen met elkaar in contact.",
    "<VERPLICHT: wie doet wat": "Vrijwilligers zoeken een keuken, bewoners koken om de beurt en iedereen eet mee.",
    "<VERPLICHT: slug van de doelgroep": "alle-inwoners",
    "<VERPLICHT: lopend": "lopend",
    "<VERPLICHT: slug van de bron": "voorbeeldbron",
    "<VERPLICHT: regelnummers": "2-5",
    "<VERPLICHT: beschreven": "beschreven",
}


def run_cli(*argv: str) -> int:
    return cli.main([str(a) for a in argv])


def line_of(text: str, pattern: str) -> int:
    """1-based number of the first line matching `pattern` (a regular expression)."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"no line matches {pattern!r}")


def fill(text: str) -> str:
    """Replace every placeholder as an editor would: type over the text between < >, quotes and all."""
    for start, value in FILLED.items():
        text = re.sub(r"'?" + re.escape(start) + r"[^>]*>'?", value, text)
    return text


def problems_of(root: Path, path: str) -> list:
    _catalogue, found = check(root)
    return [p for p in found if p.path == path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", CATALOGUE)


@pytest.fixture
def filled(project: Path) -> tuple[Path, str]:
    """A project with a new, completely filled-in practice; returns (root, record path)."""
    assert run_cli("--root", project, "new", "praktijk", TITLE, "--gemeente", "voorbeeldstad",
                   "--thema", "eenzaamheid") == 0
    path = project / "practices" / f"{SLUG}.yml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    return project, f"practices/{SLUG}.yml"


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def pagefind_urls(site: Path, query: str) -> list[str]:
    """URLs Pagefind's own search returns for `query`, run in chromium against the built index."""
    playwright = pytest.importorskip("playwright.sync_api")
    server, base = serve_folder(site)
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.goto(base)
            urls = page.evaluate("""async (query) => {
                const pagefind = await import("/pagefind/pagefind.js");
                await pagefind.init();
                const search = await pagefind.search(query);
                const data = await Promise.all(search.results.map((r) => r.data()));
                return data.map((d) => d.url);
            }""", query)
            browser.close()
            return urls
    finally:
        server.shutdown()


def test_new_practice_starts_with_schema_link_and_every_placeholder_reported_at_its_line(project):
    assert run_cli("--root", project, "new", "praktijk", TITLE, "--gemeente", "voorbeeldstad",
                   "--thema", "eenzaamheid") == 0
    path = f"practices/{SLUG}.yml"
    text = (project / path).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../generator/schemas/praktijk.schema.json"
    data = yaml.safe_load(text)
    assert data["titel"] == TITLE and data["gemeenten"] == ["voorbeeldstad"] and data["themas"] == ["eenzaamheid"]
    assert str(data["toegevoegd"]) == str(data["bijgewerkt"])

    found = problems_of(project, path)
    expected = {line_of(text, rf"^{field}:") for field in ("samenvatting", "beschrijving", "aanpak", "status",
                                                           "praktijkniveau")}
    expected |= {line_of(text, r"^  - '<VERPLICHT: slug van de doelgroep"), line_of(text, r"^  - bron: '<VERPLICHT"),
                 line_of(text, r"^    regels: '<VERPLICHT")}
    assert {p.line for p in found if p.code == "PB109"} == expected
    assert {p.code for p in errors(found)} == {"PB109"}, "placeholders must not also produce other errors"


def test_filled_practice_validates_builds_and_is_listed_and_found(filled):
    root, path = filled
    assert errors(problems_of(root, path)) == []
    assert run_cli("--root", root, "validate") == 0

    site = build_or_fail(root)
    page = site / "praktijken" / SLUG / "index.html"
    assert TITLE in page.read_text(encoding="utf-8")
    for listing in ("themas/eenzaamheid", "gemeenten/voorbeeldstad"):
        assert f'href="../../praktijken/{SLUG}/"' in (site / listing / "index.html").read_text(encoding="utf-8"), listing
    assert f"/praktijken/{SLUG}/" in pagefind_urls(site, "samen koken")


MISTAKES = [
    # (what the editor did, replace this, by this, code, the line it must point at, text the message or hint has)
    ("onbekend thema", "  - eenzaamheid\n", "  - eenzaamhied\n", "PB301", r"^  - eenzaamhied", "bedoelde je 'eenzaamheid'?"),
    ("geen bron", None, None, "PB101", r"^titel:", "'bronnen'"),
    ("titel te lang", f"titel: {TITLE}\n", f"titel: {'Heel lang ' * 9}\n", "PB105", r"^titel:", "hoogstens 80"),
    ("placeholder laten staan", "status: lopend", "status: '<VERPLICHT: lopend of pilot>'", "PB109", r"^status:", "status"),
    ("verkeerde datum", "toegevoegd: ", "toegevoegd: 2026-13-45\n# was: ", "PB106", r"^toegevoegd:", "JJJJ-MM-DD"),
    ("tikfout in veldnaam", "samenvatting:", "samenvating:", "PB102", r"^samenvating:", "bedoelde je 'samenvatting'?"),
]


def _without_sources(text: str) -> str:
    return re.sub(r"^bronnen:\n(  .*\n)+", "", text, flags=re.M)


@pytest.mark.parametrize("what, old, new_text, code, line_pattern, says", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_common_mistakes_give_the_right_code_at_the_right_line(filled, what, old, new_text, code, line_pattern, says):
    root, path = filled
    record = root / path
    text = record.read_text(encoding="utf-8")
    if old is None:
        broken = _without_sources(text)
    else:
        assert old in text, f"the template changed: {old!r} is not in the new record"
        broken = text.replace(old, new_text, 1)
    assert broken != text
    record.write_text(broken, encoding="utf-8")
    found = [p for p in problems_of(root, path) if p.code == code]
    assert found, f"{what}: no {code}"
    assert any(p.line == line_of(broken, line_pattern) and says in p.message + p.hint for p in found), found


def test_new_refuses_to_overwrite(project, capsys):
    existing = (project / "practices" / "buurtkas.yml").read_text(encoding="utf-8")
    assert run_cli("--root", project, "new", "praktijk", "Buurtkas") == 1
    assert "bestaat al" in capsys.readouterr().err
    assert (project / "practices" / "buurtkas.yml").read_text(encoding="utf-8") == existing


@pytest.mark.parametrize("option, wrong, right", [("--gemeente", "voorbeeldstd", "voorbeeldstad"),
                                                  ("--thema", "eenzaamhied", "eenzaamheid")])
def test_new_rejects_unknown_reference_with_suggestion(project, capsys, option, wrong, right):
    assert run_cli("--root", project, "new", "praktijk", "Iets nieuws", option, wrong) == 2
    assert f"bedoelde je '{right}'?" in capsys.readouterr().err
    assert not (project / "practices" / "iets-nieuws.yml").exists()


def test_new_without_a_title_is_a_usage_error(project):
    with pytest.raises(SystemExit) as exit_info:
        run_cli("--root", project, "new", "praktijk")
    assert exit_info.value.code == 2


@pytest.mark.parametrize("kind, name, folder", [("gemeente", "Aalten", "content/gemeenten"),
                                                ("organisatie", "Stichting Samen & Zo", "content/organisaties")])
def test_new_municipality_and_organisation_only_lack_their_placeholders(project, kind, name, folder):
    assert run_cli("--root", project, "new", kind, name) == 0
    path = new.record_path(project, new.Request(kind, name))
    assert path.parent == project / folder
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["naam"] == name
    found = errors(problems_of(project, path.relative_to(project).as_posix()))
    assert found and {p.code for p in found} == {"PB109"}
    assert len(found) == sum("<VERPLICHT" in line for line in text.splitlines() if not line.startswith("#"))


def test_new_municipality_takes_code_and_province_from_cbs(project):
    assert run_cli("--root", project, "new", "gemeente", "Aalten") == 0
    data = yaml.safe_load((project / "content" / "gemeenten" / "aalten.yml").read_text(encoding="utf-8"))
    assert (data["cbs_code"], data["provincie"]) == ("GM0197", "Gelderland")


@pytest.mark.parametrize("kind", new.KINDS)
def test_templates_contain_every_schema_field(kind):
    """Fails when a schema gains a field the record template lacks: top-level fields as keys
    (`veld:` or commented `# veld:`), nested ones at least in an example."""
    text = new.render_record(new.Request(kind, "Voorbeeld"), "pad.yml", datetime.date(2026, 11, 22),
                             REPO / RECORD_TEMPLATES)
    for name, _schema, _required in schemas.fields(kind):
        leaf = name.rsplit(".", 1)[-1].removesuffix("[]")
        pattern = rf"^(# )?{leaf}:" if "." not in name else rf"^#?\s*(- )?{leaf}:"
        assert re.search(pattern, text, flags=re.M), f"{kind} template lacks field '{name}'"
        if "." not in name:
            assert re.search(rf"^# {leaf} \((verplicht|optioneel)\): ", text, flags=re.M), \
                f"{kind} template lacks the schema's explanation of '{name}'"


def test_template_is_yaml_for_a_title_with_yaml_syntax(project):
    title = "Wijkteam: 'samen' # sterker"
    assert run_cli("--root", project, "new", "praktijk", title) == 0
    assert yaml.safe_load((project / "practices" / "wijkteam-samen-sterker.yml").read_text(encoding="utf-8"))["titel"] == title


def test_every_page_has_an_edit_link_to_its_record(fixture_site):
    base = read_settings(REPO).edit_base  # the fixture site is built with the repository's mkdocs.yml
    assert base.startswith("https://github.com/")
    for section, slug, path in (("praktijken", "buurtkas", "practices/buurtkas.yml"),
                                ("gemeenten", "voorbeeldstad", "content/gemeenten/voorbeeldstad.yml"),
                                ("organisaties", "welzijn-voorbeeld", "content/organisaties/welzijn-voorbeeld.yml"),
                                ("bronnen", "voorbeeldbron", "content/bronnen/voorbeeldbron.yml")):
        page = (fixture_site / section / slug / "index.html").read_text(encoding="utf-8")
        assert f'href="{base}{path}"' in page and "Bewerk deze pagina" in page, f"{section}/{slug}"


CONTRIBUTING = REPO / "CONTRIBUTING.md"


def test_contributing_example_record_is_valid(tmp_path):
    example = re.search(r"```yaml\n(.*?)```", CONTRIBUTING.read_text(encoding="utf-8"), flags=re.S).group(1)
    path = tmp_path / "naoberfonds.yml"
    path.write_text(example, encoding="utf-8")
    record, problems = load_file("praktijk", path, "naoberfonds.yml")
    assert errors(problems + validate([record])) == []


def test_contributing_links_to_files_that_exist():
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", CONTRIBUTING.read_text(encoding="utf-8"))
    assert "docs/velden.md" in links and "docs/foutcodes.md" in links
    missing = [link for link in links if not (REPO / link).exists()]
    assert not missing, missing


def _parsers(parser: argparse.ArgumentParser):
    """`parser` and every subcommand's parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _parsers(child)


def test_every_option_of_every_command_says_what_it_does():
    """`--help` explains every option, and `new`'s summary names every kind of record it makes."""
    for each in _parsers(cli.parser()):
        for action in each._actions:
            if not isinstance(action, argparse._SubParsersAction):  # its commands have a help each
                assert action.help, (each.prog, action.option_strings or action.dest)
    commands = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    summary = next(c.help for c in commands._choices_actions if c.dest == "new")
    assert all(kind in summary for kind in new.KINDS), summary
