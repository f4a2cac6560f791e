"""Check records against their source documents: cited lines exist, quotes and fragments are
verbatim, and the speaker of a quote is named in the cited lines.

By default the documents are read from the fingerprints committed beside the source records
(`content/bronnen/<slug>.vingerafdruk`); with `--sources DIR`, from the full texts in DIR (the
file named by each source's `bestand`), falling back to the fingerprint of a source whose text is
not there. `validate` and `aanmelding` run the same checks from the fingerprints
(`sources_verdict`, on the records that passed validation); `build` and `serve` do not. Full texts
and fingerprints give the same verdicts (see `generator.fingerprint`, which also says what
"verbatim" means). A citation that cannot be checked is never passed
silently: it gets a PB404 warning, and the summary counts checked and unchecked citations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import Path

from .fingerprint import SUFFIX, Fingerprint, FingerprintError, FullText, merged_runs, words
from .link import Catalogue
from .load import Record, link_problem
from .new import Refused, read_text
from .problems import Problem, WARNING, errors
from .validate import PLACEHOLDER, line_ranges, source_references

SourceText = FullText | Fingerprint
FINGERPRINT_COMMAND = "praktijkbank bron vingerafdruk {path} --tekst PAD-NAAR-DE-TEKST"


@dataclasses.dataclass
class SourceCheck:
    """The outcome of `check_sources`: every problem, and how many citations were (not) checked."""

    problems: list[Problem]
    checked: int = 0
    unchecked: int = 0

    def summary(self) -> str:
        return (f"Bronnencontrole: {self.checked} verwijzing(en) gecontroleerd, "
                f"{self.unchecked} niet gecontroleerd.")


def fingerprint_path(root: Path, source: Record) -> Path:
    """Where a source record's fingerprint is kept: beside it, `<slug>.vingerafdruk`."""
    return (root / source.path).with_name(source.slug + SUFFIX)


def _readable(root: Path, path: Path) -> bool:
    """A fingerprint file exists and may be read: a symbolic link that leaves the repository is
    not, as the loader does with records (`load.check_links` reports it)."""
    return path.is_file() and not (path.is_symlink() and link_problem(root, path))


def _fingerprint(root: Path, source: Record) -> tuple[Fingerprint | None, list[Problem]]:
    """The source's committed fingerprint, if any."""
    path = fingerprint_path(root, source)
    if not _readable(root, path):
        return None, []
    try:
        return Fingerprint(path.read_text(encoding="utf-8")), []
    except (FingerprintError, UnicodeDecodeError) as error:
        shown = path.relative_to(root).as_posix()
        return None, [Problem(shown, 1, 1, "PB406", f"vingerafdruk onleesbaar: {error}",
                              "maak hem opnieuw met: " + FINGERPRINT_COMMAND.format(path=source.path))]


def _full_text(root: Path, source: Record, sources_dir: Path) -> tuple[FullText | None, list[Problem]]:
    """The source's full text from `sources_dir`; its fingerprint, if any, must be made from it."""
    document = sources_dir / source.data["bestand"]
    try:
        text = FullText(read_text(document))
    except Refused as refusal:
        line, column = source.where(("bestand",))
        return None, [Problem(source.path, line, column, "PB401", str(refusal))]
    path = fingerprint_path(root, source)
    if _readable(root, path) and path.read_bytes() != text.fingerprint().encode("utf-8"):
        shown = path.relative_to(root).as_posix()
        return text, [Problem(shown, 1, 1, "PB407", f"vingerafdruk hoort niet bij {document.name}",
                              "maak hem opnieuw met: " + FINGERPRINT_COMMAND.format(path=source.path))]
    return text, []


def _missing_text(source: Record, sources_dir: Path) -> Problem:
    line, column = source.where(("bestand",))
    return Problem(source.path, line, column, "PB401",
                   f"brondocument {source.data['bestand']} niet gevonden in {sources_dir}")


def source_text(root: Path, source: Record, sources_dir: Path | None) -> tuple[SourceText | None, list[Problem]]:
    """A source's text: the full text in `sources_dir` where its `bestand` is there, else its
    fingerprint; a `bestand` found in neither place is a PB401 error."""
    name = source.data.get("bestand")
    if sources_dir is not None and isinstance(name, str) and (sources_dir / name).is_file():
        return _full_text(root, source, sources_dir)
    text, problems = _fingerprint(root, source)
    if sources_dir is not None and isinstance(name, str) and text is None and not problems:
        problems = [_missing_text(source, sources_dir)]
    return text, problems


def source_texts(catalogue: Catalogue, root: Path, sources_dir: Path | None,
                 slugs: Iterable[str] | None = None) -> tuple[dict[str, SourceText], list[Problem]]:
    """The text of each source (of those named by `slugs`, else of all); sources with neither a
    full text nor a fingerprint are missing from the result."""
    known = catalogue.records.get("bron", {})
    texts: dict[str, SourceText] = {}
    problems: list[Problem] = []
    for slug in sorted(known if slugs is None else set(slugs) & set(known)):
        text, found = source_text(root, known[slug], sources_dir)
        problems += found
        if text is not None:
            texts[slug] = text
    return texts, problems


def _field(path: tuple) -> str:
    """A path into a record as an editor reads it: `citaten[0].bron`."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _runs(reference: dict, text: SourceText) -> list[tuple[int, int]]:
    """The runs of lines a reference cites; the whole document when it gives no lines."""
    ranges = line_ranges(reference["regels"]) if "regels" in reference else [(1, text.line_count)]
    return merged_runs(ranges)


def _quote_of(record: Record, path: tuple) -> dict | None:
    """The quote whose `bron` is the reference at `path`, if it is one."""
    if len(path) == 3 and path[0] == "citaten" and path[2] == "bron":
        return record.data["citaten"][path[1]]
    return None


def check_lines_exist(record: Record, path: tuple, reference: dict, text: SourceText) -> Iterator[Problem]:
    """Every cited line lies inside its source document."""
    for _first, last in line_ranges(reference.get("regels", "")):
        if last > text.line_count:
            line, column = record.where(path + ("regels",))
            yield Problem(record.path, line, column, "PB402",
                          f"regel {last} bestaat niet: bron '{reference['bron']}' heeft {text.line_count} regels",
                          "controleer de regelnummers in de tekstversie van de bron; het document is korter")
            return


def _cited_lines(regels: object) -> str:
    ranges = line_ranges(regels)
    return f"regel {regels}" if len(ranges) == 1 and ranges[0][0] == ranges[0][1] else f"regels {regels}"


def _difference(quote: list[str], text: SourceText, runs: list[tuple[int, int]]) -> str:
    """Where a quote that is not verbatim differs from the text: next to its longest part that is.
    A full text also says what the source has there; a fingerprint cannot."""
    near = text.closest(quote, runs)
    if near is None:
        return "geen drie woorden achter elkaar staan zo in de bron"
    if near.start > 0:
        said, position = f"vanaf '{quote[near.start]}' klopt het; daarvóór staat in de bron niet " \
                         f"'{quote[near.start - 1]}'", near.position - 1
    else:
        said, position = f"tot en met '{quote[near.end - 1]}' klopt het; daarna staat in de bron niet " \
                         f"'{quote[near.end]}'", near.position + near.end - near.start
    token = text.tokens[position] if isinstance(text, FullText) and 0 <= position < len(text.tokens) else None
    if token is not None and any(first <= token.first and token.last <= last for first, last in runs):
        said += f" maar '{token.spellings[0]}'"
    return said


def _verbatim(record: Record, at: tuple, passage: str, reference: dict, text: SourceText) -> Iterator[Problem]:
    runs = _runs(reference, text)
    quote = words(passage)
    if any(last > text.line_count for _first, last in runs) or text.contains(quote, runs):
        return  # lines beyond the end are reported once, by check_lines_exist
    where = f", {_cited_lines(reference['regels'])}" if "regels" in reference else ""
    what = "het fragment" if at[-1] == "fragment" else "het citaat"
    action = f"kopieer {what} precies zoals het in de bron staat, met dezelfde leestekens (ook aanhalingstekens en apostrofs)"
    if "regels" in reference:
        action += ", of verbeter de regels als het elders staat"
    line, column = record.where(at)
    yield Problem(record.path, line, column, "PB403",
                  f"'{at[-1]}' niet letterlijk gevonden in bron '{reference['bron']}'{where}",
                  f"{_difference(quote, text, runs)}; {action}")


def check_quote_verbatim(record: Record, path: tuple, reference: dict, text: SourceText) -> Iterator[Problem]:
    """A quote occurs word for word inside the lines its `bron` cites (anywhere, if it cites none)."""
    quote = _quote_of(record, path)
    if quote is not None and isinstance(quote.get("tekst"), str):
        yield from _verbatim(record, path[:-1] + ("tekst",), quote["tekst"], reference, text)


def check_fragment_verbatim(record: Record, path: tuple, reference: dict, text: SourceText) -> Iterator[Problem]:
    """A `fragment` occurs word for word inside the cited lines (anywhere, if none are cited)."""
    if isinstance(reference.get("fragment"), str):
        yield from _verbatim(record, path + ("fragment",), reference["fragment"], reference, text)


def check_speaker_named(record: Record, path: tuple, reference: dict, text: SourceText) -> Iterator[Problem]:
    """The speaker of a quote is named (by the last word of `wie`, the surname) in the lines cited
    for the quote or in the lines the record cites from the same source in its `bronnen`."""
    quote = _quote_of(record, path)
    name = words(str(quote.get("wie", ""))) if quote else []
    if not name:
        return
    listed = record.data.get("bronnen")
    runs = _runs(reference, text) + [run for other in (listed if isinstance(listed, list) else [])
                                     if isinstance(other, dict) and other.get("bron") == reference["bron"]
                                     and "regels" in other for run in _runs(other, text)]
    if not text.names(name[-1], merged_runs(runs)):
        line, column = record.where(path[:-1] + ("wie",))
        yield Problem(record.path, line, column, "PB405",
                      f"'{name[-1]}' ({quote['wie']}) wordt niet genoemd in de regels die dit record "
                      f"uit bron '{reference['bron']}' citeert",
                      "voeg bij de bronnen van het citaat of van het record de regels toe waar de spreker "
                      "met naam (en functie) staat")


REFERENCE_CHECKS = (check_lines_exist, check_quote_verbatim, check_fragment_verbatim, check_speaker_named)


def _checkable(record: Record, path: tuple, reference: dict) -> bool:
    """A reference says where in the text to look, or quotes it."""
    return "regels" in reference or "fragment" in reference or _quote_of(record, path) is not None


def _unfinished(record: Record, path: tuple, reference: dict) -> bool:
    """The reference or its quote still has a `<VERPLICHT: …>` placeholder or `regels` that are not
    line numbers: validation reports that (PB109, PB107), and there is nothing to check yet."""
    quote = _quote_of(record, path) or {}
    texts = [v for v in (*reference.values(), quote.get("tekst"), quote.get("wie")) if isinstance(v, str)]
    return any(PLACEHOLDER in text for text in texts) or ("regels" in reference and not line_ranges(reference["regels"]))


def _unchecked(record: Record, path: tuple, reference: dict, reason: str, hint: str) -> Problem:
    line, column = record.where(path)
    return Problem(record.path, line, column, "PB404",
                   f"niet gecontroleerd: {reason} ({_field(path)}, bron '{reference['bron']}')", hint, WARNING)


def check_record(record: Record, texts: dict[str, SourceText], outcome: SourceCheck,
                 known: Container[str]) -> None:
    """Run every reference check on one record, counting checked and unchecked references.
    A reference to an unknown source (PB301) or an unfinished one (PB109, PB107) is left to validation."""
    for path, reference in source_references(record.data):
        if reference["bron"] not in known or _unfinished(record, path, reference):
            continue
        text = texts.get(reference["bron"])
        if text is None:
            outcome.unchecked += 1
            outcome.problems.append(_unchecked(
                record, path, reference, "bron heeft geen tekstversie",
                f"maak een vingerafdruk van de tekst: praktijkbank bron vingerafdruk "
                f"content/bronnen/{reference['bron']}.yml --tekst PAD"))
        elif not _checkable(record, path, reference):
            outcome.unchecked += 1
            outcome.problems.append(_unchecked(
                record, path, reference, "de verwijzing noemt alleen een pagina",
                "noem ook de regels, of een kort letterlijk 'fragment' waarmee de plaats te vinden is"))
        else:
            outcome.checked += 1
            for check in REFERENCE_CHECKS:
                outcome.problems.extend(check(record, path, reference, text))


def sources_verdict(catalogue: Catalogue, root: Path, found: Iterable[Problem], wanted: Callable[[str], bool],
                    sources_dir: Path | None = None) -> SourceCheck:
    """The source check of the records whose path is `wanted`, as validate and aanmelding give it.
    Records with a validation error (`found`) are left out: their values may be of any type."""
    failed = {problem.path for problem in errors(found)}
    records = [record for kind in sorted(catalogue.records) for _slug, record in sorted(catalogue.records[kind].items())
               if wanted(record.path) and record.path not in failed]
    return check_sources(catalogue, root, sources_dir, records)


def check_sources(catalogue: Catalogue, root: Path, sources_dir: Path | None = None,
                  records: Iterable[Record] | None = None) -> SourceCheck:
    """Records (all, unless given) against their sources: the full texts in `sources_dir` where
    they are there, else the fingerprints under `root`. Given records, only the sources they cite
    are read."""
    if records is None:
        records = [record for kind in sorted(catalogue.records)
                   for _slug, record in sorted(catalogue.records[kind].items())]
        cited = None
    else:
        records = [record for record in records if record.readable]
        cited = {reference["bron"] for record in records for _path, reference in source_references(record.data)}
    texts, problems = source_texts(catalogue, root, sources_dir, cited)
    outcome = SourceCheck(problems)
    known = catalogue.records.get("bron", {})
    for record in records:
        if record.readable:
            check_record(record, texts, outcome, known)
    return outcome
