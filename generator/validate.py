"""Stage 2: check each record on its own, against its JSON Schema and a few rules schemas can't say.

Each check is a small generator of `Problem`s whose docstring states the rule.
Checks that need other records (references) live in `link`.
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import jsonschema
from slugify import slugify

from . import parallel, schemas
from .load import Record
from .problems import ERROR, WARNING, Problem, closest, suggest

PLACEHOLDER = "<VERPLICHT"
# `\Z`, not `$`: Python's `$` also matches before a final line break, and `x\n.yml` is no page.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
MAX_SLUG = 80  # as `praktijkbank new` makes them; a file name of 255 bytes cannot even be written
# Slugs that would be the page of an overview the site makes itself (`praktijken/index.md`), and
# names Windows cannot check out (`con.yml`, `nul.yml`, `com1.yml`).
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul",
                            *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))})
MAX_PER_RECORD = 50  # messages per record; the checks of a record with thousands of faults stop there
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
CBS_FILE = Path(__file__).parent / "data" / "cbs_gemeenten.csv"

_TYPE_NAMES = {"string": "tekst", "integer": "een geheel getal", "number": "een getal", "array": "een lijst",
               "object": "een blok met velden", "boolean": "true of false", "null": "leeg"}


def _type_name(value: object) -> str:
    for python_type, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
                              (list, "array"), (dict, "object"), (type(None), "null")):
        if isinstance(value, python_type):
            return _TYPE_NAMES[name]
    return type(value).__name__


def _field(path: Iterable) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "record"


def _expected_types(schema_type) -> str:
    types = schema_type if isinstance(schema_type, list) else [schema_type]
    return " of ".join(_TYPE_NAMES.get(t, t) for t in types)


def _schema_problem(record: Record, error: jsonschema.ValidationError) -> Iterator[Problem]:
    """Translate one jsonschema error into Dutch problems at the right place."""
    path = tuple(error.absolute_path)
    line, column = record.where(path)
    field = _field(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    value = error.instance

    def problem(code: str, message: str, hint: str = "", at: tuple[int, int] | None = None) -> Problem:
        where = at or (line, column)
        return Problem(record.path, where[0], where[1], code, message, hint)

    if kind == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        unknown = [name for name in value if isinstance(name, str) and name not in schema.get("properties", {})] \
            if missing else []
        for name in missing:
            where = f"in '{field}' " if path else ""
            misspelt = closest(name, unknown)
            if misspelt is None:
                yield problem("PB101", f"verplicht veld '{name}' ontbreekt {where}".rstrip())
                continue
            at = record.where(path + (misspelt,), key=True)
            yield problem("PB101", f"verplicht veld '{name}' ontbreekt {where}(regel {at[0]} heeft '{misspelt}')",
                          f"bedoelde je '{name}'? verbeter de veldnaam '{misspelt}' op regel {at[0]}", at)
    elif kind == "additionalProperties":
        allowed = schema.get("properties", {})
        for name in sorted(set(value) - set(allowed)):
            yield problem("PB102", f"onbekend veld '{name}'", unknown_field_hint(name, allowed),
                          record.where(path + (name,), key=True))
    elif kind == "type":
        yield problem("PB103", f"'{field}' moet {_expected_types(error.validator_value)} zijn, maar is {_type_name(value)}")
    elif kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        yield problem("PB104", f"'{value}' is geen toegestane waarde voor '{field}'; kies uit: {options}",
                      suggest(value, [str(v) for v in error.validator_value]))
    elif kind in ("minLength", "maxLength"):
        bound = "hoogstens" if kind == "maxLength" else "minstens"
        yield problem("PB105", f"'{field}' is {len(value)} tekens; dat moeten er {bound} {error.validator_value} zijn")
    elif kind == "format":
        yield problem("PB106", f"'{value}' in '{field}' is geen geldige datum (JJJJ-MM-DD)")
    elif kind == "pattern" and field == "fragment" and isinstance(value, str):
        yield problem("PB107", *_fragment_length(value, error.validator_value))
    elif kind == "pattern":
        described = schemas.resolve(schema).get("description", "")
        yield problem("PB107", f"'{value}' in '{field}' heeft niet de juiste vorm", described)
    elif kind in ("minItems", "maxItems"):
        bound = "hoogstens" if kind == "maxItems" else "minstens"
        yield problem("PB108", f"'{field}' heeft {len(value)} item(s); dat moeten er {bound} {error.validator_value} zijn")
    elif kind == "uniqueItems":
        duplicates = sorted(str(v) for v, n in Counter(map(str, value)).items() if n > 1)
        yield problem("PB110", f"'{field}' bevat dubbele waarden: {', '.join(duplicates)}")
    elif kind in ("minimum", "maximum"):
        bound = "minstens" if kind == "minimum" else "hoogstens"
        yield problem("PB111", f"{value} in '{field}' is te {'klein' if kind == 'minimum' else 'groot'}; het moet {bound} {error.validator_value} zijn")
    elif kind == "anyOf" and isinstance(value, dict) and "bron" in value:
        yield problem("PB101", f"'{field}' noemt geen plaats in de bron: geef 'regels', 'pagina' of 'fragment'")
    elif kind == "dependentRequired":
        for name, needed in error.validator_value.items():
            for other in needed:
                if name in value and other not in value:
                    yield problem("PB101", f"bij '{name}' hoort ook '{other}'")
    else:  # pragma: no cover - every keyword our schemas use is handled above
        yield problem("PB107", f"'{field}' voldoet niet aan het schema ({error.message})")


def _fragment_length(fragment: str, pattern: str) -> tuple[str, str]:
    """Why a fragment does not fit its pattern (`\\S+(\\s+\\S+){2,11}`), and what to do: it has too few
    or too many words."""
    fewest, most = (int(n) + 1 for n in re.search(r"\{([0-9]+),([0-9]+)\}", pattern).groups())
    count = len(fragment.split())
    if count > most:
        return (f"'fragment' is te lang: {count} woorden, hoogstens {most}",
                f"neem een deel van hoogstens {most} woorden dat precies zo in de bron staat; dat wijst de plaats even goed aan")
    return (f"'fragment' is te kort: {count} woord(en), minstens {fewest}",
            f"neem minstens {fewest} woorden achter elkaar precies zoals ze in de bron staan")


# Fields editors reach for that the schemas call differently, and where that information goes.
WHERE_IT_BELONGS = {
    **dict.fromkeys(("adres", "link", "website", "webadres", "webpagina", "href", "uri", "url"),
                    ("url", "een adres hoort in `url`",
                     "een webadres hoort in een bronrecord (`url`); maak er een met `praktijkbank new bron` en "
                     "verwijs ernaar met `bron`")),
    **dict.fromkeys(("datum_geraadpleegd", "bezocht", "gelezen", "raadpleegdatum"),
                    ("geraadpleegd", "de datum waarop je de pagina las hoort in `geraadpleegd`", "")),
    **dict.fromkeys(("citaat", "quote", "passage"),
                    ("fragment", "een korte letterlijke passage hoort in `fragment`", "")),
}


def unknown_field_hint(name: str, allowed: Iterable[str]) -> str:
    """What an editor probably meant by an unknown field: where that information belongs, the closest
    field name, or else the fields that are allowed here."""
    allowed = sorted(allowed)
    field, here, elsewhere = WHERE_IT_BELONGS.get(name.lower(), ("", "", ""))
    if field and field in allowed:
        return here
    return elsewhere or suggest(name, allowed) or f"hier mogen deze velden staan: {', '.join(allowed)}"


def _placeholders(data: object, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, path + (index,))
    elif isinstance(data, str) and PLACEHOLDER in data:
        yield path


def _placeholder_hint(record: Record, path: tuple) -> str:
    """Fill in a placeholder; but a `regels` or `pagina` placeholder beside a filled-in `fragment`
    is left over from the template (a web page has no line numbers): delete it."""
    parent = record.data
    for step in path[:-1]:
        parent = parent[step]
    fragment = parent.get("fragment") if isinstance(parent, dict) else None
    if path[-1] in ("regels", "pagina") and isinstance(fragment, str) and PLACEHOLDER not in fragment:
        return f"deze verwijzing heeft al een 'fragment'; haal de regel '{path[-1]}: …' helemaal weg"
    return "vervang de tekst tussen < > door de echte inhoud"


def check_placeholders(record: Record) -> Iterator[Problem]:
    """A `<VERPLICHT: …>` placeholder from `praktijkbank new` must be replaced by real content."""
    for path in _placeholders(record.data):
        line, column = record.where(path)
        yield Problem(record.path, line, column, "PB109", f"'{_field(path)}' is nog niet ingevuld",
                      _placeholder_hint(record, path))


def check_schema(record: Record) -> Iterator[Problem]:
    """A record has exactly the fields its JSON Schema allows, with values of the right type and form.

    Where the two validators could disagree, the stricter answer wins: a record with a float is
    always checked by `jsonschema` (which alone refuses 2000.0 as an integer), and a record
    `jsonschema-rs` refuses is refused even when `jsonschema` finds nothing to say.
    """
    fast = schemas.fast_validator(record.kind)
    if not record.has_float and fast.is_valid(record.data):
        return
    placeholder_paths = set(_placeholders(record.data))
    found = False
    for error in schemas.validator(record.kind).iter_errors(record.data):
        found = True
        if tuple(error.absolute_path) in placeholder_paths:
            continue  # already reported as an unfilled placeholder
        yield from _schema_problem(record, error)
    if not found:
        for error in itertools.islice(fast.iter_errors(record.data), 1):
            path = tuple(error.instance_path)
            line, column = record.where(path)
            yield Problem(record.path, line, column, "PB107", f"'{_field(path)}' voldoet niet aan het schema",
                          "vergelijk de waarde met de veldreferentie (docs/velden.md)")


def check_slug(record: Record) -> Iterator[Problem]:
    """The file name is the slug (lower-case letters, digits and single hyphens, at most MAX_SLUG
    characters) plus `.yml` or `.yaml`; not a name the site or Windows reserves."""
    name = record.path.rsplit("/", 1)[-1]
    if not SLUG.match(record.slug) or not name.endswith((".yml", ".yaml")) or len(record.slug) > MAX_SLUG:
        suggestion = slugify(record.slug, max_length=MAX_SLUG, word_boundary=True) or "naam-van-het-record"
        too_long = f" en is {len(record.slug)} tekens (hoogstens {MAX_SLUG})" if len(record.slug) > MAX_SLUG else ""
        yield Problem(record.path, 1, 1, "PB201", f"bestandsnaam '{name}' is geen slug met .yml erachter{too_long}",
                      f"bedoelde je '{suggestion}.yml'?")
    elif record.slug in RESERVED_SLUGS:
        yield Problem(record.path, 1, 1, "PB203", f"de bestandsnaam '{name}' is gereserveerd",
                      f"kies een andere naam, bijvoorbeeld '{record.slug}-{record.kind}.yml'")


def check_dates(record: Record) -> Iterator[Problem]:
    """`bijgewerkt` is not earlier than `toegevoegd`."""
    added, updated = record.data.get("toegevoegd"), record.data.get("bijgewerkt")
    if all(isinstance(d, str) and ISO_DATE.match(d) for d in (added, updated)) and updated < added:
        line, column = record.where(("bijgewerkt",))
        yield Problem(record.path, line, column, "PB113", f"'bijgewerkt' ({updated}) ligt vóór 'toegevoegd' ({added})")


def source_references(data: object, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every source reference (a mapping with `bron`) in a record, with its path."""
    if isinstance(data, dict):
        if isinstance(data.get("bron"), str):
            yield path, data
        for key, value in data.items():
            yield from source_references(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from source_references(value, path + (index,))


def line_ranges(value: object) -> list[tuple[int, int]]:
    """Parse `regels` ("25-33, 37") into [(25, 33), (37, 37)]; [] if it is not well formed."""
    text = str(value)
    if not re.fullmatch(r"[0-9]+(-[0-9]+)?(, ?[0-9]+(-[0-9]+)?)*", text):
        return []
    ranges = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


def check_line_ranges(record: Record) -> Iterator[Problem]:
    """A line range runs from low to high (`25-33`, not `33-25`)."""
    for path, reference in source_references(record.data):
        for first, last in line_ranges(reference.get("regels", "")):
            if last < first:
                line, column = record.where(path + ("regels",))
                yield Problem(record.path, line, column, "PB114", f"regelreeks {first}-{last} loopt achteruit",
                              f"bedoelde je '{last}-{first}'?")


@functools.cache
def cbs_municipalities() -> dict[str, dict]:
    """CBS municipality codes (2015, 2019 and 2025) with name and province, derived from CBS data."""
    if not CBS_FILE.exists():
        return {}
    with CBS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["statcode"]: row for row in csv.DictReader(handle)}


def check_cbs(record: Record) -> Iterator[Problem]:
    """A municipality's CBS code exists, and its name and province agree with CBS."""
    code = record.data.get("cbs_code")
    table = cbs_municipalities()
    if record.kind != "gemeente" or not isinstance(code, str) or not table or PLACEHOLDER in code:
        return  # an unfilled placeholder is reported once, as PB109
    line, column = record.where(("cbs_code",))
    known = table.get(code)
    if known is None:
        by_name = {row["naam"].lower(): c for c, row in table.items()}
        name = str(record.data.get("naam", ""))
        hint = f"{name} heeft code {by_name[name.lower()]}" if name.lower() in by_name else ""
        yield Problem(record.path, line, column, "PB304", f"CBS kent geen gemeentecode '{code}'", hint)
        return
    if str(record.data.get("naam", "")).lower() != known["naam"].lower():
        yield Problem(record.path, line, column, "PB305",
                      f"code {code} hoort bij '{known['naam']}', niet bij '{record.data.get('naam')}'")
    province = record.data.get("provincie")
    if isinstance(province, str) and province != known["provincie"]:
        line, column = record.where(("provincie",))
        yield Problem(record.path, line, column, "PB305",
                      f"{known['naam']} ligt volgens CBS in {known['provincie']}, niet in {province}",
                      f"bedoelde je '{known['provincie']}'?")


RECORD_CHECKS = (check_placeholders, check_schema, check_slug, check_dates, check_line_ranges, check_cbs)


def check_unique_slugs(records: list[Record]) -> Iterator[Problem]:
    """Within a kind, every slug names one file (`x.yml` and `x.yaml` would clash)."""
    seen: dict[tuple[str, str], Record] = {}
    for record in records:
        key = (record.kind, record.slug)
        if key in seen:
            yield Problem(record.path, 1, 1, "PB202", f"slug '{record.slug}' bestaat al in {seen[key].path}")
        else:
            seen[key] = record


def record_problems(record: Record) -> list[Problem]:
    """Every problem of one record on its own, up to MAX_PER_RECORD; none for an unreadable one,
    whose reading problem is already reported.

    The checks are generators and stop being asked once the cap is reached: a record built to
    produce 12,000 schema errors costs no more than one with 51.
    """
    if not record.readable:
        return []
    checks = itertools.chain.from_iterable(check(record) for check in RECORD_CHECKS)
    found = list(itertools.islice(checks, MAX_PER_RECORD + 1))
    if len(found) <= MAX_PER_RECORD:
        return found
    # Stops at the first error: a record whose first fifty problems are warnings may not pass.
    severity = ERROR if any(problem.severity == ERROR for problem in itertools.chain(found, checks)) else WARNING
    return found[:MAX_PER_RECORD] + [Problem(record.path, 1, 1, "PB017",
                                             f"de controle van dit bestand stopt na {MAX_PER_RECORD} meldingen; er zijn er meer",
                                             severity=severity)]


def validate(records: list[Record]) -> list[Problem]:
    """Stage 2: every problem of every record on its own (on every core for a large catalogue),
    plus slug clashes."""
    problems = list(check_unique_slugs(records))
    for found in parallel.mapped(record_problems, records):
        problems += found
    return problems
