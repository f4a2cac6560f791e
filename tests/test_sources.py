"""The source check: line ranges, verbatim quotes and fragments, and speakers, from the committed
fingerprints (no source text is needed, so this runs on a clone alone) or from full texts; web
sources and their text-fragment links; `praktijkbank bron vingerafdruk` and `new bron`."""

from __future__ import annotations

import html
import re
import shlex
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from generator.build import check
from generator.cli import main
from generator.fingerprint import FORMAT, Fingerprint, FullText, merged_runs, tokenize, words
from generator.problems import WARNING, errors
from generator.render import text_fragment_url
from generator.sources import check_sources
from tests.conftest import FIXTURES, REPO

CATALOGUE = FIXTURES / "catalogus"
TEXTS = CATALOGUE / "bronteksten"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(CATALOGUE, tmp_path / "project"))
    shutil.copytree(REPO / "theme" / "records", root / "theme" / "records")  # `new bron` reads the project's template
    return root


def test_real_content_is_checked_from_fingerprints_alone(capsys):
    """Every citation of the five sources is checked, from the fingerprints in content/bronnen/."""
    catalogue, problems = check(REPO)
    assert not errors(problems)
    outcome = check_sources(catalogue, REPO)
    with capsys.disabled():
        print(f"\n{outcome.summary()}")
    assert outcome.unchecked == 0 and outcome.checked >= 600
    assert not outcome.problems, "\n".join(map(str, outcome.problems))


def test_every_real_source_has_a_fingerprint_without_readable_text():
    for record in sorted((REPO / "content" / "bronnen").glob("*.yml")):
        fingerprint = record.with_suffix(".vingerafdruk").read_text(encoding="utf-8")
        header, count, *rows = fingerprint.splitlines()
        assert header == FORMAT and re.fullmatch(r"regels [0-9]+", count)
        assert all(re.fullmatch(r"[0-9]+( [-0-9a-f|/+]+)+", row) for row in rows)
        assert Fingerprint(fingerprint).line_count == int(count.split()[1])


# --- the verdict: full text and fingerprint agree -------------------------------------------------

WORD = st.sampled_from(["de", "buurt", "kas", "Jansen", "werkt", "goed", "zo'n", "Dit-Is-Het", "12.000",
                        "taalcafé", "‘Het", "kennen’,", "en", "sociaal", "werk", "(wijk)", "be-", "-", "Wijk"])
# Many lines end in a hyphenated word, so quotes often cross such a break.
LINE = st.tuples(st.lists(WORD, max_size=8), st.sampled_from(["", " ver-", " Gou-", "-"])).map(
    lambda line: " ".join(line[0]) + line[1])
TEXT = st.lists(LINE, min_size=1, max_size=14)


def _alter(quote: list[str], how: int, where: int) -> list[str]:
    """A changed quote: a word dropped, swapped, replaced, or a mark added."""
    i = where % len(quote)
    if how == 0:
        return quote[:i] + quote[i + 1:]
    if how == 1 and i + 1 < len(quote):
        return quote[:i] + [quote[i + 1], quote[i]] + quote[i + 2:]
    if how == 2:
        return quote[:i] + [quote[i] + "x"] + quote[i + 1:]
    return quote[:i] + [quote[i], ","] + quote[i + 1:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=TEXT, data=st.data())
def test_fingerprint_verdict_equals_full_text_verdict(lines, data):
    text = FullText(lines)
    fingerprint = Fingerprint(text.fingerprint())
    assert fingerprint.line_count == text.line_count == len(lines)
    if not text.tokens:
        return
    start = data.draw(st.integers(0, len(text.tokens) - 1))
    passage = text.tokens[start:start + data.draw(st.integers(1, 12))]
    quote = [data.draw(st.sampled_from(t.spellings)) for t in passage]
    if data.draw(st.booleans()):
        quote = _alter(quote, data.draw(st.integers(0, 3)), data.draw(st.integers(0, 20)))
    if data.draw(st.booleans()):  # lines around the passage, give or take one
        first = max(1, passage[0].first - data.draw(st.integers(-1, 1)))
        last = min(len(lines), max(first, passage[-1].last + data.draw(st.integers(-1, 1))))
    else:
        first = data.draw(st.integers(1, len(lines)))
        last = data.draw(st.integers(first, len(lines)))
    runs = merged_runs([(first, last)])
    verdict = text.contains(quote, runs)
    event(f"verbatim: {verdict}")
    assert fingerprint.contains(quote, runs) == verdict
    assert fingerprint.closest(quote, runs) == text.closest(quote, runs)  # where a message says it differs
    name = data.draw(st.sampled_from(passage)).spellings[0]
    assert fingerprint.names(name, runs) == text.names(name, runs)


def test_both_verdicts_occur_and_agree_on_a_real_shape():
    """Unchanged passages are found, changed ones are not (so the property test compares real verdicts)."""
    lines = (TEXTS / "voorbeeld.txt").read_text(encoding="utf-8").splitlines()
    text = FullText(lines)
    fingerprint = Fingerprint(text.fingerprint())
    for source in (text, fingerprint):
        assert source.contains(words("Het werkt omdat buren elkaar kennen"), [(3, 4)])
        assert not source.contains(words("Het werkt omdat de buren elkaar kennen"), [(3, 4)])
        assert not source.contains(words("Het werkt omdat buren elkaar kennen"), [(1, 2)])
        assert source.names("Jansen", [(4, 4)]) and not source.names("Jansen", [(1, 3)])


def test_a_word_hyphenated_across_lines_may_be_quoted_either_way():
    lines = ["We hebben één wijkteam, dat heet Team Wijk en be-", "", "staat uit professionals."]
    text = FullText(lines)
    fingerprint = Fingerprint(text.fingerprint())
    for source in (text, fingerprint):
        assert source.contains(words("Team Wijk en bestaat uit"), [(1, 3)])
        assert source.contains(words("Team Wijk en be-staat uit"), [(1, 3)])
        assert not source.contains(words("Team Wijk en bestaat uit"), [(1, 1)])  # half the word is outside
    assert [t.spellings for t in tokenize(lines) if len(t.spellings) > 1] == [("bestaat", "be-staat")]


# --- problems, warnings and the summary ----------------------------------------------------------

def test_unchecked_citation_warns_naming_record_field_and_source(project: Path):
    (project / "content" / "bronnen" / "gemeentenieuws.vingerafdruk").unlink()
    catalogue, _found = check(project)
    outcome = check_sources(catalogue, project)
    (warning,) = outcome.problems
    assert (warning.code, warning.severity, warning.path) == ("PB404", WARNING, "practices/buurtkas.yml")
    assert warning.message == "niet gecontroleerd: bron heeft geen tekstversie (bronnen[2], bron 'gemeentenieuws')"
    assert (outcome.checked, outcome.unchecked) == (12, 1)


def test_check_sources_prints_counts_and_fails_on_a_line_beyond_the_end(project: Path, capsys):
    assert main(["--root", str(project), "check-sources"]) == 0
    assert "Bronnencontrole: 13 verwijzing(en) gecontroleerd, 0 niet gecontroleerd." in capsys.readouterr().out
    record = project / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("regels: 2-5}", "regels: 2-901}"), encoding="utf-8")
    assert main(["--root", str(project), "check-sources"]) == 1
    out = capsys.readouterr().out
    assert "PB402 regel 901 bestaat niet: bron 'voorbeeldbron' heeft 6 regels" in out and "tip: " in out


def test_unreadable_fingerprint(project: Path):
    path = project / "content" / "bronnen" / "voorbeeldbron.vingerafdruk"
    path.write_text(FORMAT + "\nregels 6\n1 Voorbeeldbron voor de tests\n", encoding="utf-8")
    catalogue, _found = check(project)
    problems = check_sources(catalogue, project).problems
    assert [(p.code, p.path, p.line) for p in errors(problems)] == [
        ("PB406", "content/bronnen/voorbeeldbron.vingerafdruk", 1)]
    assert {p.code for p in problems if p.severity == WARNING} == {"PB404"}  # its citations: not checked


def test_fingerprint_of_another_text(project: Path):
    document = project / "bronteksten" / "voorbeeld.txt"
    document.write_text(document.read_text(encoding="utf-8") + "Een regel erbij.\n", encoding="utf-8")
    catalogue, _found = check(project)
    problems = check_sources(catalogue, project, project / "bronteksten").problems
    assert [(p.code, p.path) for p in problems] == [("PB407", "content/bronnen/voorbeeldbron.vingerafdruk")]


def test_fragment_must_be_verbatim(project: Path):
    """The message names the source (not "de hele tekst"); the tip says where the fragment differs,
    and with the full text what the source has there; it asks for no line numbers."""
    record = project / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("tot moestuin, en", "tot moestuin en"), encoding="utf-8")
    catalogue, _found = check(project)
    differs = "tot en met 'moestuin' klopt het; daarna staat in de bron niet 'en'"
    action = ("; kopieer het fragment precies zoals het in de bron staat, met dezelfde leestekens "
              "(ook aanhalingstekens en apostrofs)")
    for sources_dir, hint in ((None, differs + action), (project / "bronteksten", differs + " maar ','" + action)):
        problems = check_sources(catalogue, project, sources_dir).problems
        assert [(p.code, p.message, p.hint) for p in problems] == [
            ("PB403", "'fragment' niet letterlijk gevonden in bron 'gemeentenieuws'", hint)]


@pytest.mark.parametrize(("quote", "differs"), [
    ("Het werkt omdat de buren elkaar kennen", "tot en met 'omdat' klopt het; daarna staat in de bron niet 'de' maar 'buren'"),
    ("Het werkte omdat buren elkaar kennen", "vanaf 'omdat' klopt het; daarvóór staat in de bron niet 'werkte' maar 'werkt'"),
    ("Dit staat er helemaal niet", "geen drie woorden achter elkaar staan zo in de bron"),
])
def test_changed_quote_tip_says_where_it_differs_and_asks_to_check_the_lines(project: Path, quote: str, differs: str):
    record = project / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "tekst: Het werkt omdat buren elkaar kennen", f"tekst: {quote}"), encoding="utf-8")
    catalogue, _found = check(project)
    (problem,) = [p for p in check_sources(catalogue, project, TEXTS).problems if p.code == "PB403"]
    assert problem.message == "'tekst' niet letterlijk gevonden in bron 'voorbeeldbron', regels 3-4"
    assert problem.hint.startswith(differs + "; kopieer het citaat precies")
    assert problem.hint.endswith("of verbeter de regels als het elders staat")


def _break_fragment(project: Path) -> None:
    record = project / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("tot moestuin, en", "tot moestuin en"), encoding="utf-8")


def test_validate_checks_quotes_and_fragments_from_the_fingerprints(project: Path, capsys):
    """One command gives the whole verdict: `validate` also finds a fragment that is not verbatim,
    for the records it was asked about, and counts the citations it checked."""
    assert main(["--root", str(project), "validate"]) == 0
    assert "Bronnencontrole: 13 verwijzing(en) gecontroleerd, 0 niet gecontroleerd." in capsys.readouterr().out
    _break_fragment(project)
    assert main(["--root", str(project), "validate", "practices/buurtkas.yml"]) == 1
    out = capsys.readouterr().out
    assert "practices/buurtkas.yml:38:38: PB403 " in out
    assert "Bronnencontrole: 5 verwijzing(en) gecontroleerd" in out
    assert main(["--root", str(project), "validate", "practices/veilige-tekst.yml"]) == 0
    assert main(["--root", str(project), "validate", "--format", "github"]) == 1
    assert "::error file=practices/buurtkas.yml,line=38,col=38,title=PB403 " in capsys.readouterr().out
    assert main(["--root", str(project), "validate", "--format", "markdown"]) == 1  # the PR's job summary
    out = capsys.readouterr().out
    assert "| practices/buurtkas.yml:38:38 | PB403 |" in out and "\n\nBronnencontrole: 13 verwijzing(en)" in out


def test_check_sources_of_given_records_with_only_their_texts(project: Path, capsys):
    """`check-sources PATH --sources DIR` checks only the records in PATH, and reads a source whose
    text is not in DIR from its fingerprint instead of reporting it missing."""
    texts = project / "mijn-teksten"
    texts.mkdir()
    shutil.copy(TEXTS / "gemeentenieuws.txt", texts)
    _break_fragment(project)
    assert main(["--root", str(project), "check-sources", "--sources", str(texts), "practices/buurtkas.yml"]) == 1
    out = capsys.readouterr().out
    assert "PB401" not in out and "PB404" not in out and out.count("PB403") == 1
    assert "Bronnencontrole: 5 verwijzing(en) gecontroleerd, 0 niet gecontroleerd." in out
    assert main(["--root", str(project), "check-sources", "--sources", str(texts), "practices/veilige-tekst.yml"]) == 0
    assert main(["--root", str(project), "check-sources", "practices/bestaat-niet.yml"]) == 2
    (project / "content" / "bronnen" / "voorbeeldbron.vingerafdruk").unlink()
    assert main(["--root", str(project), "check-sources", "--sources", str(texts)]) == 1
    assert "PB401 brondocument voorbeeld.txt niet gevonden in" in capsys.readouterr().out


# --- the commands --------------------------------------------------------------------------------

def test_fingerprint_command_writes_the_fingerprint_beside_the_record(project: Path, capsys):
    target = project / "content" / "bronnen" / "voorbeeldbron.vingerafdruk"
    committed = target.read_text(encoding="utf-8")
    target.unlink()
    assert main(["--root", str(project), "bron", "vingerafdruk", "content/bronnen/voorbeeldbron.yml",
                 "--tekst", str(TEXTS / "voorbeeld.txt")]) == 0
    assert target.read_text(encoding="utf-8") == committed
    assert "(6 regels)" in capsys.readouterr().out
    assert main(["--root", str(project), "bron", "vingerafdruk", "practices/buurtkas.yml",
                 "--tekst", str(TEXTS / "voorbeeld.txt")]) == 2


def test_new_web_source_with_text(project: Path, capsys):
    page = project / "pagina.txt"
    page.write_text("De gemeente start een buurtkas voor\nalle wijken van de stad.\n", encoding="utf-8")
    assert main(["--root", str(project), "new", "bron", "Nieuws over de buurtkas", "--soort", "website",
                 "--url", "https://www.voorbeeldstad.example/nieuws", "--tekst", str(page)]) == 0
    record = project / "content" / "bronnen" / "nieuws-over-de-buurtkas.yml"
    text = record.read_text(encoding="utf-8")
    assert "url: https://www.voorbeeldstad.example/nieuws\n" in text and "soort: website\n" in text
    assert re.search(r"^geraadpleegd: [0-9]{4}-[0-9]{2}-[0-9]{2}$", text, re.MULTILINE)
    assert "bestand: pagina.txt" in text
    assert record.with_suffix(".vingerafdruk").read_text(encoding="utf-8").startswith(FORMAT + "\nregels 2\n")
    _catalogue, found = check(project)
    assert {(p.code, p.path) for p in errors(found)} == {("PB109", "content/bronnen/nieuws-over-de-buurtkas.yml")}
    capsys.readouterr()
    assert main(["--root", str(project), "new", "bron", "Onveilig", "--url", "http://example.org"]) == 2
    assert "https://" in capsys.readouterr().err


def test_new_practice_asks_a_fragment_of_a_web_source_and_lines_of_a_document(project: Path, capsys):
    assert main(["--root", str(project), "new", "praktijk", "Samen koken", "--bron", "gemeentenieuws",
                 "--bron", "voorbeeldbron"]) == 0
    text = (project / "practices" / "samen-koken.yml").read_text(encoding="utf-8")
    assert ("  - bron: gemeentenieuws\n    fragment: '<VERPLICHT: 3 tot 12 woorden precies zoals ze op de pagina staan>'\n"
            "  - bron: voorbeeldbron\n    regels: '<VERPLICHT: ") in text
    _catalogue, found = check(project)
    fragment_line = text.splitlines().index("    fragment: '<VERPLICHT: 3 tot 12 woorden precies zoals ze op de pagina staan>'") + 1
    assert ("PB109", fragment_line) in {(p.code, p.line) for p in found if p.path == "practices/samen-koken.yml"}
    assert {p.code for p in errors(found)} == {"PB109"}
    capsys.readouterr()
    # the placeholders are not also checked against the source (no PB403 for '<VERPLICHT: …>')
    assert main(["--root", str(project), "validate", "practices/samen-koken.yml"]) == 1
    assert set(re.findall(r": (PB[0-9]{3}) ", capsys.readouterr().out)) == {"PB109"}
    record = project / "practices" / "buurtkas.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        'taalcafé"}', "taalcafé\", regels: '<VERPLICHT: regelnummers>'}").replace("regels: 2-5}", "regels: 2-x}"),
        encoding="utf-8")
    assert main(["--root", str(project), "validate", "practices/buurtkas.yml"]) == 1
    assert set(re.findall(r": (PB[0-9]{3}) ", capsys.readouterr().out)) == {"PB107", "PB109"}
    assert main(["--root", str(project), "new", "praktijk", "Iets anders", "--bron", "gemeentenieuwz"]) == 2
    assert "onbekende bron 'gemeentenieuwz'" in capsys.readouterr().err


def test_website_needs_url_and_date(project: Path):
    source = project / "content" / "bronnen" / "gemeentenieuws.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^(url|geraadpleegd): .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    _catalogue, found = check(project)
    assert sorted({p.message for p in errors(found)}) == ["verplicht veld 'geraadpleegd' ontbreekt",
                                                          "verplicht veld 'url' ontbreekt"]
    source.write_text(text.replace("\nurl: https://", "\nurl: http://"), encoding="utf-8")
    _catalogue, found = check(project)
    assert [p.code for p in errors(found)] == ["PB107"]


# --- rendering -----------------------------------------------------------------------------------

def test_text_fragment_is_percent_encoded_as_the_spec_requires():
    assert text_fragment_url("https://a.example/p?x=1&y=2", "Kleine be-dragen & grote, effecten") == (
        "https://a.example/p?x=1&y=2#:~:text=Kleine%20be%2Ddragen%20%26%20grote%2C%20effecten")
    assert text_fragment_url("https://a.example/p#kop", "één twee drie") == (
        "https://a.example/p#kop:~:text=%C3%A9%C3%A9n%20twee%20drie")


FRAGMENT_LINK = ("https://www.voorbeeldstad.example/nieuws/buurtkas?jaar=2017&taal=nl"
                 "#:~:text=van%20buurtfeest%20tot%20moestuin%2C%20en%20van%20taalcaf%C3%A9")


def _hrefs(page: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))]


def test_fragment_citation_links_to_the_passage(fixture_site: Path):
    assert FRAGMENT_LINK in _hrefs(fixture_site / "praktijken" / "buurtkas" / "index.html")


def test_web_source_page_links_its_address_and_says_when_it_was_read(fixture_site: Path):
    page = fixture_site / "bronnen" / "gemeentenieuws" / "index.html"
    assert "https://www.voorbeeldstad.example/nieuws/buurtkas?jaar=2017&taal=nl" in _hrefs(page)
    text = re.sub(r"<[^>]+>", "", html.unescape(page.read_text(encoding="utf-8")))
    assert "geraadpleegd op 20 november 2026" in text and "bewaarde kopie van de pagina" in text
    overview = re.sub(r"<[^>]+>", "", html.unescape((fixture_site / "bronnen" / "index.html").read_text(encoding="utf-8")))
    assert "geraadpleegd op 20 november 2026" in overview


def test_a_single_line_reads_regel(fixture_site: Path):
    text = re.sub(r"<[^>]+>", "", html.unescape(
        (fixture_site / "praktijken" / "veilige-tekst" / "index.html").read_text(encoding="utf-8")))
    assert "Voorbeeldbron voor tests (2017), regel 1\n" in text and "regels 1\n" not in text
    assert "Voorbeeldbron (2017), regels 1, 3-4" in text


@pytest.mark.browser
def test_fragment_link_opens_the_page_at_the_passage(tmp_path: Path):
    """Chromium follows the text fragment of a rendered citation link to the quoted words."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from bench.search_bytes import launch_chromium, serve_site

    shutil.copy(FIXTURES / "webpagina" / "buurtkas.html", tmp_path / "buurtkas.html")
    directive = FRAGMENT_LINK.split("#", 1)[1]
    with serve_site(tmp_path) as (base, _served), playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            plain = browser.new_page(viewport={"width": 1000, "height": 700})
            plain.goto(f"{base}buurtkas.html")
            assert plain.evaluate("window.scrollY") == 0
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.goto(f"{base}buurtkas.html#{directive}")
            page.wait_for_function("window.scrollY > 3000", timeout=5000)
            top = page.evaluate("document.getElementById('passage').getBoundingClientRect().top")
            assert 0 <= top < 700  # the passage is on screen
        finally:
            browser.close()


# --- CONTRIBUTING: what an editor following it types ---------------------------------------------

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_command_in_contributing_is_one_the_cli_accepts():
    """A command the guide shows (`check-sources PATH --sources MAP`, `new praktijk … --bron`) must parse."""
    from generator.cli import parser

    commands = re.findall(r"^ {4,}(praktijkbank [^\n`]+)$", CONTRIBUTING, flags=re.MULTILINE)
    commands += re.findall(r"`(praktijkbank (?:new \w+|validate|check-sources|serve|bron \w+)[^`]*)`", CONTRIBUTING)
    assert len(commands) >= 10
    for command in commands:
        try:
            parser().parse_args(shlex.split(command.replace("~", "/home/x"))[1:])
        except SystemExit:
            pytest.fail(f"CONTRIBUTING shows a command the CLI refuses: {command}")


def test_local_route_puts_a_new_source_and_its_fingerprint_in_the_pull_request():
    """The trial editor's pull request would have lacked the new source: step 7 must stage it."""
    route = re.search(r"\n## Route \d: op je eigen computer\n(.*?)\n## ", CONTRIBUTING, flags=re.S).group(1)
    staged = " ".join(re.findall(r"^ +git add (.+)$", route, flags=re.MULTILINE))
    assert re.search(r"content/bronnen/\S+\.yml", staged) and re.search(r"content/bronnen/\S+\.vingerafdruk", staged)
    assert "praktijkbank validate" in route and "citaten en fragmenten" in route


def test_a_source_text_that_is_not_utf8_is_a_pb401_not_a_traceback(project: Path, capsys):
    texts = project / "mijn-teksten"
    texts.mkdir()
    (texts / "voorbeeld.txt").write_bytes("Voorbeeldbron \xe9\xe9n\n".encode("latin-1"))
    assert main(["--root", str(project), "check-sources", "--sources", str(texts)]) == 1
    out = capsys.readouterr().out
    assert "content/bronnen/voorbeeldbron.yml:" in out and "PB401 tekstbestand " in out
    assert "niet te lezen als UTF-8-tekst" in out


def test_a_fingerprint_linked_out_of_the_repository_is_not_read(project: Path, tmp_path_factory):
    """Its lines would decide the verdicts (and a parse error would echo them): PB012 is reported,
    and the citations of the source are unchecked."""
    outside = tmp_path_factory.mktemp("buiten") / "voorbeeldbron.vingerafdruk"
    path = project / "content" / "bronnen" / "voorbeeldbron.vingerafdruk"
    outside.write_text(FORMAT + "\nregels 6\ngeheim uit een ander bestand\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)
    catalogue, found = check(project)
    assert [p.code for p in found if p.path == "content/bronnen/voorbeeldbron.vingerafdruk"] == ["PB012"]
    outcome = check_sources(catalogue, project)
    assert {p.code for p in outcome.problems} == {"PB404"}
    assert "geheim" not in "".join(p.message + p.hint for p in outcome.problems)


def test_fingerprint_refusal_prints_a_given_path_escaped(project: Path, capsys):
    """A path the editor gave may hold terminal escapes; the refusal shows them, never runs them."""
    assert main(["--root", str(project), "bron", "vingerafdruk", "content/bronnen/voorbeeldbron.yml",
                 "--tekst", "/bestaat-niet/\x1b]0;titel\x07.txt"]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\x07" not in error and "\\x1b]0;titel\\x07" in error


@pytest.mark.parametrize("value", ["5", "true"])
def test_validate_reports_a_record_with_a_schema_error_without_checking_its_sources(project: Path, capsys, value: str):
    """A record that fails the schema (here `bronnen` is no list, beside a quote with `wie`) gets its
    schema problem, not a traceback from the source checks, which expect a valid record."""
    record = project / "practices" / "buurtkas.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("\nbronnen:")] + f"\nbronnen: {value}\n", encoding="utf-8")
    assert main(["--root", str(project), "validate", "practices/buurtkas.yml"]) == 1
    assert "practices/buurtkas.yml:" in capsys.readouterr().out
