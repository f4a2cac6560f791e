"""Stage 3: resolve references between records into a `Catalogue` with indexes both ways.

Reference problems (an unknown theme, a region member that is itself a region)
are found here, because only here are all records known.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator

from .load import Record
from .problems import WARNING, Problem, suggest
from .validate import SLUG, source_references

# (kind, path pattern) -> target kind; "*" stands for every list index
REFERENCES: dict[str, list[tuple[tuple, str]]] = {
    "praktijk": [(("gemeenten", "*"), "gemeente"), (("organisaties", "*", "organisatie"), "organisatie"),
                 (("themas", "*"), "thema"), (("doelgroepen", "*"), "doelgroep"),
                 (("verwante_praktijken", "*"), "praktijk")],
    "gemeente": [(("leden", "*"), "gemeente"), (("opvolger", "gemeente"), "gemeente"),
                 (("sociaalwerkorganisaties", "*"), "organisatie")],
    "organisatie": [(("gemeenten", "*"), "gemeente")],
}

KIND_NAMES = {"praktijk": "praktijk", "gemeente": "gemeente", "organisatie": "organisatie", "bron": "bron",
              "thema": "thema", "doelgroep": "doelgroep"}
PLURALS = {"praktijk": "praktijken", "gemeente": "gemeenten", "organisatie": "organisaties", "bron": "bronnen",
           "thema": "thema's", "doelgroep": "doelgroepen"}
FOLDER_HINT = {"praktijk": "practices/", "gemeente": "content/gemeenten/", "organisatie": "content/organisaties/",
               "bron": "content/bronnen/", "thema": "content/themas/", "doelgroep": "content/doelgroepen/"}


def _matches(data: object, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _matches(item, rest, path + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, path + (head,))


def references(record: Record) -> Iterator[tuple[tuple, str, str]]:
    """Every reference in a record as (path, target kind, target slug)."""
    for pattern, target in REFERENCES.get(record.kind, ()):
        for path, value in _matches(record.data, pattern):
            if isinstance(value, str):
                yield path, target, value
    for path, reference in source_references(record.data):
        yield path + ("bron",), "bron", reference["bron"]


@dataclasses.dataclass
class Catalogue:
    """All records by kind and slug, with reverse indexes for cross-links."""

    records: dict[str, dict[str, Record]]
    # (target kind, target slug) -> [(source kind, source slug)], sorted
    referenced_by: dict[tuple[str, str], list[tuple[str, str]]]
    # (kind, slug) -> every reference the record makes, as `references()` yields them
    refers_to: dict[tuple[str, str], list[tuple[tuple, str, str]]]
    # kind -> `all(kind)`, made at the first question: pages ask for the same list thousands of times
    _sorted: dict[str, list[tuple[str, dict]]] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    def get(self, kind: str, slug: str) -> dict:
        return self.records[kind][slug].data

    def all(self, kind: str) -> list[tuple[str, dict]]:
        """Every record of a kind as (slug, data), sorted by slug (do not modify: shared)."""
        if kind not in self._sorted:
            self._sorted[kind] = [(slug, record.data) for slug, record in sorted(self.records.get(kind, {}).items())]
        return self._sorted[kind]

    def users(self, kind: str, slug: str, of_kind: str) -> list[str]:
        """Slugs of records of `of_kind` that refer to (kind, slug)."""
        return [s for k, s in self.referenced_by.get((kind, slug), ()) if k == of_kind]


def _problem(record: Record, path: tuple, code: str, message: str, hint: str = "", severity: str = "fout") -> Problem:
    line, column = record.where(path)
    return Problem(record.path, line, column, code, message, hint, severity)


def check_references(record: Record, found: list[tuple[tuple, str, str]],
                     index: dict[str, dict[str, Record]]) -> Iterator[Problem]:
    """Every reference names an existing record of the right kind; not itself, for related practices."""
    for path, target, slug in found:
        known = index.get(target, {})
        if not SLUG.match(slug):
            continue  # not a slug at all: reported by the schema check
        if slug not in known:
            hint = suggest(slug, known) or f"bestaande {PLURALS[target]} staan in {FOLDER_HINT[target]}"
            yield _problem(record, path, "PB301",
                           f"onbekende {KIND_NAMES[target]} '{slug}' (er is geen {FOLDER_HINT[target]}{slug}.yml)", hint)
        elif target == record.kind and slug == record.slug:
            field = [part for part in path if isinstance(part, str)][0]
            yield _problem(record, path, "PB302", f"dit record verwijst in '{field}' naar zichzelf")


def check_municipality_kinds(record: Record, index: dict[str, dict[str, Record]]) -> Iterator[Problem]:
    """Members of a region, and a successor, are municipalities (soort `gemeente`), not regions."""
    if record.kind != "gemeente":
        return
    for pattern in (("leden", "*"), ("opvolger", "gemeente")):
        for path, slug in _matches(record.data, pattern):
            target = index["gemeente"].get(slug) if isinstance(slug, str) else None
            if target is not None and target.data.get("soort") != "gemeente":
                yield _problem(record, path, "PB303", f"'{slug}' is een {target.data.get('soort')}, geen gemeente")


def check_years(record: Record, index: dict[str, dict[str, Record]]) -> Iterator[Problem]:
    """A quote or an official carries the year of its source; only a source without a year excuses it."""
    for field in ("citaten", "bestuurders"):
        items = record.data.get(field)
        for number, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, dict) or "jaar" in item:
                continue
            reference = item.get("bron")
            source = index["bron"].get(reference.get("bron")) if isinstance(reference, dict) else None
            if source is not None and "jaar" in source.data:
                yield _problem(record, (field, number), "PB112",
                               f"'jaar' ontbreekt in {field}, terwijl de bron uit {source.data['jaar']} is",
                               f"bedoelde je 'jaar: {source.data['jaar']}'?")


def check_orphans(index: dict[str, dict[str, Record]],
                  referenced_by: dict[tuple[str, str], list]) -> Iterator[Problem]:
    """Every theme, target group, organisation, municipality and source is used by some other record."""
    for kind in ("thema", "doelgroep", "organisatie", "gemeente", "bron"):
        for slug, record in sorted(index.get(kind, {}).items()):
            users = [user for user in referenced_by.get((kind, slug), ()) if user != (kind, slug)]
            if not users:
                yield _problem(record, (), "PB306", f"{KIND_NAMES[kind]} '{slug}' wordt door geen enkel record gebruikt",
                               severity=WARNING)


# Checks of one record against the others; `check_references` is called with the record's
# references, which `link` collects once for the indexes too.
LINK_CHECKS = (check_municipality_kinds, check_years)


def link(records: list[Record]) -> tuple[Catalogue, list[Problem]]:
    """Stage 3: the catalogue with reverse indexes, and every cross-record problem."""
    index: dict[str, dict[str, Record]] = defaultdict(dict)
    for record in records:
        index[record.kind].setdefault(record.slug, record)
    referenced_by: dict[tuple[str, str], set] = defaultdict(set)
    refers_to: dict[tuple[str, str], list[tuple[tuple, str, str]]] = {}
    problems: list[Problem] = []
    for record in records:
        found = list(references(record))
        problems.extend(check_references(record, found, index))
        for check in LINK_CHECKS:
            problems.extend(check(record, index))
        for _path, target, slug in found:
            referenced_by[(target, slug)].add((record.kind, record.slug))
        refers_to.setdefault((record.kind, record.slug), found)
    problems.extend(check_orphans(index, referenced_by))
    catalogue = Catalogue(dict(index), {key: sorted(users) for key, users in referenced_by.items()}, refers_to)
    return catalogue, problems
