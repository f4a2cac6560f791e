"""Check records against the source documents: cited lines exist, and quotes are verbatim.

The documents are plain-text extractions (see `bestand` in each source record).
A quote may cross line ends, and a word may be hyphenated across them
("be-\\nstaat"); apart from that it must match the cited lines exactly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from .link import Catalogue
from .load import Record
from .problems import Problem
from .validate import line_ranges, source_references

_SPACE = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"-\s*\n\s*(?=[a-zà-ÿ])")


@functools.cache
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def cited_text(lines: tuple[str, ...], regels: object) -> tuple[str, str]:
    """The cited lines as one string, with hyphenated line breaks joined and kept (two readings)."""
    chunks = ["\n".join(lines[first - 1:last]) for first, last in line_ranges(regels)]
    text = "\n".join(chunks)
    return _flat(_HYPHEN_BREAK.sub("", text)), _flat(re.sub(r"-\s*\n\s*", "-", text))


def _document(catalogue: Catalogue, slug: str, sources_dir: Path) -> Path | None:
    source = catalogue.records.get("bron", {}).get(slug)
    if source is None or "bestand" not in source.data:
        return None
    return sources_dir / source.data["bestand"]


def check_document_exists(record: Record, _catalogue: Catalogue, sources_dir: Path) -> Iterator[Problem]:
    """A source record's `bestand` is present in the folder of source documents."""
    if record.kind == "bron" and "bestand" in record.data and not (sources_dir / record.data["bestand"]).is_file():
        line, column = record.where(("bestand",))
        yield Problem(record.path, line, column, "PB401",
                      f"brondocument {record.data['bestand']} niet gevonden in {sources_dir}")


def check_lines_exist(record: Record, catalogue: Catalogue, sources_dir: Path) -> Iterator[Problem]:
    """Every cited line lies inside its source document."""
    for path, reference in source_references(record.data):
        document = _document(catalogue, reference["bron"], sources_dir)
        if document is None or "regels" not in reference or not document.is_file():
            continue  # a missing document is reported once, at its source record
        line, column = record.where(path + ("regels",))
        length = len(_lines(document))
        for first, last in line_ranges(reference["regels"]):
            if last > length:
                yield Problem(record.path, line, column, "PB402",
                              f"regel {last} bestaat niet: {document.name} heeft {length} regels")


def check_quotes_verbatim(record: Record, catalogue: Catalogue, sources_dir: Path) -> Iterator[Problem]:
    """Every quote occurs word for word inside the lines it cites."""
    for number, quote in enumerate(record.data.get("citaten") or []):
        reference = quote.get("bron") or {}
        document = _document(catalogue, reference.get("bron", ""), sources_dir)
        if document is None or not document.is_file() or "regels" not in reference:
            continue
        lines = _lines(document)
        if any(last > len(lines) for _first, last in line_ranges(reference["regels"])):
            continue  # reported by check_lines_exist
        wanted = _flat(str(quote.get("tekst", "")))
        if not any(wanted in reading for reading in cited_text(lines, reference["regels"])):
            line, column = record.where(("citaten", number, "tekst"))
            yield Problem(record.path, line, column, "PB403",
                          f"citaat niet letterlijk gevonden in {document.name}, regels {reference['regels']}",
                          "kopieer het citaat exact (ook aanhalingstekens en apostrofs) of corrigeer de regels")


SOURCE_CHECKS = (check_document_exists, check_lines_exist, check_quotes_verbatim)


def check_sources(catalogue: Catalogue, sources_dir: Path) -> list[Problem]:
    """Every problem of every record against the source documents in `sources_dir`."""
    problems: list[Problem] = []
    for kind in sorted(catalogue.records):
        for _slug, record in sorted(catalogue.records[kind].items()):
            for check in SOURCE_CHECKS:
                problems.extend(check(record, catalogue, sources_dir))
    return problems
