"""Stage 1: read record files into `Record`s, keeping the line and column of every value.

YAML is read from its event stream rather than through PyYAML's constructor so
that duplicate keys, aliases and absurd nesting become problems with a position
instead of being silently resolved (PyYAML keeps the last duplicate key) or
crashing (deep nesting, alias bombs).
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from . import parallel
from .problems import WARNING, Problem, dutch_os_error

try:  # libyaml is several times faster; the pure-Python parser gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 20

# Folders whose files reach the site (records, hand-written pages, theme): a symbolic link in
# them must not lead out of the repository or into `.git` (which holds a workflow's token).
READ_FOLDERS = ("practices", "content", "theme")

# kind -> folder, relative to the project root
FOLDERS: dict[str, str] = {
    "praktijk": "practices",
    "gemeente": "content/gemeenten",
    "organisatie": "content/organisaties",
    "bron": "content/bronnen",
    "thema": "content/themas",
    "doelgroep": "content/doelgroepen",
    "begrip": "content/begrippen",
}

Path_ = tuple[str | int, ...]


@dataclasses.dataclass
class Record:
    """One record file: its data, and its text, to tell where each value and key stands in it."""

    kind: str
    slug: str
    path: str
    data: dict
    text: str = ""
    # False when the file could not be parsed: it still exists for references, but has no data
    readable: bool = True
    # True when the file has a YAML float: jsonschema-rs, like the JSON Schema standard, counts
    # 2000.0 as an integer, so such a record is always checked by the stricter full validator.
    has_float: bool = False
    # (value positions, key positions), worked out from `text` when a problem is first reported:
    # nearly every record has none, and sending the tables between processes cost more than the
    # parsing that made them.
    _positions: tuple[dict, dict] | None = dataclasses.field(default=None, repr=False, compare=False)

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at `path`, else of its nearest ancestor."""
        if self._positions is None:
            builder = _parsed(self.path, self.text.encode("utf-8"))[1]
            self._positions = (builder.positions, builder.key_positions)
        positions, key_positions = self._positions
        table = key_positions if key else positions
        path = tuple(path)
        while path not in table and path:
            path = path[:-1]
        return table.get(path, positions.get((), (1, 1)))


class _Resolver(yaml.resolver.Resolver):
    pass


_RESOLVER = _Resolver()
_CONSTRUCT = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int": _CONSTRUCT.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCT.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCT.construct_yaml_bool,
    "tag:yaml.org,2002:null": _CONSTRUCT.construct_yaml_null,
    # Dates stay strings: the schema checks their format, and JSON has no date type.
    "tag:yaml.org,2002:timestamp": None,
    "tag:yaml.org,2002:str": None,
}

_YAML_PROBLEMS = [
    (re.compile(r"found character '\\t'"), "tab gevonden: YAML gebruikt alleen spaties om in te springen"),
    (re.compile(r"mapping values are not allowed"), "dubbele punt op een onverwachte plek (zet tekst met een dubbele punt tussen aanhalingstekens)"),
    (re.compile(r"could not find expected ':'"), "dubbele punt verwacht na de veldnaam"),
    (re.compile(r"found unexpected end of stream|found unexpected end"), "het bestand eindigt midden in een waarde (ontbreekt er een aanhalingsteken?)"),
    (re.compile(r"did not find expected key"), "veld verwacht; controleer de inspringing"),
    (re.compile(r"did not find expected '-' indicator"), "lijstitem (`- `) verwacht; controleer de inspringing"),
    (re.compile(r"found undefined alias|found undefined anchor"), "onbekende alias"),
    (re.compile(r"control characters are not allowed|special characters are not allowed|unacceptable character|non-printable"),
     "onzichtbaar stuurteken in de tekst"),
    (re.compile(r"found unknown escape character"), "onbekende escape met backslash tussen dubbele aanhalingstekens"),
    (re.compile(r"expected alphabetic or numeric character"), "ongeldig teken na `&` of `*`"),
    (re.compile(r"expected ',' or '\]'|did not find expected ',' or '\]'"), "komma of `]` verwacht in de lijst tussen [ ]"),
    (re.compile(r"expected ',' or '\}'|did not find expected ',' or '\}'"), "komma of `}` verwacht in het blok tussen { }"),
    (re.compile(r"expected <block end>|expected <document start>|found a tab character that violates"),
     "de inspringing klopt niet: deze regel springt anders in dan de regels erboven"),
    (re.compile(r"cannot start any token"), "dit teken kan niet aan het begin van een waarde staan (zet de waarde tussen aanhalingstekens)"),
    (re.compile(r"did not find expected node content|expected the node content"), "hier wordt een waarde verwacht"),
    (re.compile(r"expected a comment or a line break|expected comment or line break"), "na de waarde mag op deze regel alleen commentaar (`# …`) staan"),
    (re.compile(r"chomping or indentation indicators"), "na `|` of `>` mag alleen `-`, `+` of een cijfer staan"),
    (re.compile(r"directive|found unexpected ':'"), "onverwacht teken; zet tekst met leestekens tussen aanhalingstekens"),
]


def dutch_yaml_problem(problem: str) -> str:
    """The parser's English problem in Dutch; an unknown one is described, never passed through."""
    for pattern, dutch in _YAML_PROBLEMS:
        if pattern.search(problem):
            return dutch
    return "YAML kan deze plek niet lezen; controleer inspringing, dubbele punten en aanhalingstekens"


# Characters no text field may hold: C0/C1 controls (except tab and line breaks), lone surrogates
# and Unicode non-characters. They break XML feeds and rewrite terminals.
_FORBIDDEN_SET = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                  + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)))
# Invisible characters that are sometimes meant (joiners in emoji, right-to-left text) but can
# hide or reorder what a reviewer sees: zero-width characters and bidirectional controls.
_INVISIBLE_SET = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_SET}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_SET}]")
_SUSPECT = re.compile(f"[{_FORBIDDEN_SET}{_INVISIBLE_SET}]")
# YAML 1.1 reads `1:30` as 90, `010` as 8 and `1_000` as 1000; only plain decimals are numbers here.
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


def shown(character: str) -> str:
    """A character as its code point (`U+200B`): how an invisible character is named in a message."""
    return f"U+{ord(character):04X}"


def _position_of_offset(text: bytes, offset: int) -> tuple[int, int]:
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _scalar(event: yaml.ScalarEvent):
    """The Python value of a scalar event, or raise ValueError for an unsupported tag."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _SCALAR_TAGS:
        raise ValueError(tag)
    construct = _SCALAR_TAGS[tag]
    if construct is None:
        return event.value
    return construct(yaml.ScalarNode(tag, event.value))


def _start(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_DUPLICATE = object()
_NOT_FATAL = {"PB003", "PB015", "PB016"}


class _Builder:
    """Turns a YAML event stream into plain data plus positions, iteratively.

    Events are dispatched on their exact type, and whether the next scalar is a key is kept in
    `expect_key` rather than worked out per event: this loop runs for every value of every record.
    """

    def __init__(self, path: str):
        self.path = path
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        # each frame: [container, path, pending_key, seen_keys]
        self.stack: list[list] = []
        self.root = None
        self.documents = 0
        self.has_float = False
        self.expect_key = False  # the top container is a mapping waiting for its next key
        self._handlers = {
            yaml.ScalarEvent: self._on_scalar,
            yaml.MappingStartEvent: self._on_start,
            yaml.SequenceStartEvent: self._on_start,
            yaml.MappingEndEvent: self._on_end,
            yaml.SequenceEndEvent: self._on_end,
            yaml.AliasEvent: self._on_alias,
            yaml.DocumentStartEvent: self._on_document,
        }

    def problem(self, where: tuple[int, int], code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, where[0], where[1], code, message, hint))

    def feed(self, event) -> None:
        handler = self._handlers.get(type(event))
        if handler is not None:  # stream start/end and document end carry nothing
            handler(event)

    def _put(self, value, where: tuple[int, int]) -> Path_:
        if not self.stack:
            self.root = value
            self.positions[()] = where
            return ()
        frame = self.stack[-1]
        container, path, key, _seen = frame
        if type(container) is list:
            child = path + (len(container),)
            container.append(value)
        else:
            child = path + (key,)
            if key is not _DUPLICATE:
                container[key] = value
            frame[2] = None
            self.expect_key = True
        self.positions[child] = where
        return child

    def _on_key(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1]
        where = _start(event)
        key = event.value
        self.expect_key = False
        if key in frame[3]:
            first = frame[3][key]
            self.problem(where, "PB003", f"het veld '{key}' staat hier opnieuw (eerder op regel {first[0]})",
                         "PyYAML zou stilletjes de laatste waarde houden; voeg de twee samen")
            frame[2] = _DUPLICATE  # keep reading; the second value is discarded
            return
        frame[3][key] = where
        frame[2] = key
        self.key_positions[frame[1] + (key,)] = where

    def _on_scalar(self, event: yaml.ScalarEvent) -> None:
        if self.expect_key:
            self._on_key(event)
            return
        try:
            value = _scalar(event)
        except ValueError as tag:
            self.problem(_start(event), "PB011", f"het YAML-type '{tag}' is niet toegestaan")
            raise _Stop
        kind = type(value)
        if kind is str:
            self._check_text(event, value)
        elif kind is float or kind is int:
            value = self._check_number(event, value)
        self._put(value, _start(event))

    def _check_text(self, event: yaml.ScalarEvent, value: str) -> None:
        """Text holds no control characters or non-characters, and says so when it hides invisible ones."""
        # Nearly every text is printable apart from its line breaks, which C answers faster than a search.
        if value.isprintable() or value.replace("\n", " ").isprintable() or not _SUSPECT.search(value):
            return
        bad = _FORBIDDEN.search(value)
        if bad:
            self.problem(_start(event), "PB015", f"de tekst bevat het stuurteken {shown(bad.group())}",
                         "haal het teken weg; het hoort niet in tekst en breekt de feeds")
        invisible = _INVISIBLE.search(value)
        if invisible:
            self.problems.append(Problem(self.path, *_start(event), "PB016",
                                         f"de tekst bevat het onzichtbare teken {shown(invisible.group())}",
                                         "haal het weg, tenzij het echt nodig is (bijvoorbeeld in Arabische tekst)",
                                         WARNING))

    def _check_number(self, event: yaml.ScalarEvent, value: float | int) -> float | int | None:
        """A number is finite and written as a plain decimal (no YAML 1.1 base-60, octal or `_`)."""
        if type(value) is float:
            self.has_float = True
            if not math.isfinite(value):
                self.problem(_start(event), "PB013", f"'{event.value}' is geen gewoon getal",
                             "schrijf een eindig getal, of laat het veld weg")
                return None
        text = event.value
        if text.isdigit() and (text[0] != "0" or text == "0"):  # nearly every number: a plain count or year
            return value
        plain = _PLAIN_INT if type(value) is int else _PLAIN_FLOAT
        if event.implicit[0] and not plain.fullmatch(text):
            self.problem(_start(event), "PB014", f"'{event.value}' leest YAML als het getal {value}",
                         f"bedoel je tekst, zet dan aanhalingstekens: \"{event.value}\"; bedoel je een getal, "
                         "schrijf het dan als gewoon decimaal getal")
            return None
        return value

    def _on_start(self, event) -> None:
        where = _start(event)
        if self.expect_key:
            self.problem(where, "PB008", "een veldnaam moet gewone tekst zijn, geen lijst of blok")
            raise _Stop
        if len(self.stack) >= MAX_DEPTH:
            self.problem(where, "PB006", f"meer dan {MAX_DEPTH} niveaus diep genest")
            raise _Stop
        mapping = type(event) is yaml.MappingStartEvent
        container: dict | list = {} if mapping else []
        path = self._put(container, where)
        self.stack.append([container, path, None, {}])
        self.expect_key = mapping

    def _on_end(self, _event) -> None:
        self.stack.pop()
        # a finished value in a mapping is followed by the mapping's next key
        self.expect_key = bool(self.stack) and type(self.stack[-1][0]) is dict

    def _on_alias(self, event: yaml.AliasEvent) -> None:
        self.problem(_start(event), "PB007", f"alias '*{event.anchor}' is niet toegestaan")
        raise _Stop

    def _on_document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(_start(event), "PB010", "dit bestand bevat meer dan één YAML-document")
            raise _Stop


class _Stop(Exception):
    """Reading stops at the first structural problem; its position is already recorded."""


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(path, 1, 1, "PB009", "het bestand begint met een BOM (byte order mark)",
                                "sla op als UTF-8 zonder BOM", WARNING))
    nul = raw.find(b"\0")
    if nul >= 0:
        line, column = _position_of_offset(raw, nul)
        problems.append(Problem(path, line, column, "PB001", "het bestand bevat een nul-byte en lijkt binair",
                                "is dit wel een YAML-bestand?"))
        return None, problems
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        line, column = _position_of_offset(raw, error.start)
        problems.append(Problem(path, line, column, "PB001", "het bestand is geen geldige UTF-8-tekst",
                                "sla het op als UTF-8 (in de meeste editors: Opslaan als… → UTF-8)"))
        return None, problems


def _parsed(path: str, raw: bytes) -> tuple[dict | None, "_Builder", list[Problem]]:
    """Parse one file's bytes: (data or None, the builder with positions, problems). Never raises."""
    builder = _Builder(path)
    if len(raw) > MAX_BYTES:
        return None, builder, [Problem(path, 1, 1, "PB005",
                                       f"het bestand is {len(raw):,} bytes; de grens is {MAX_BYTES:,}".replace(",", "."))]
    text, problems = _decode(path, raw)
    if text is None:
        return None, builder, problems
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        line_text = text.split("\n")[where[0] - 1] if where[0] <= text.count("\n") + 1 else ""
        problem = str(error.problem or error.context)
        if "\t" in line_text[: where[1]]:
            problem = "found character '\\t'"
            where = (where[0], line_text.index("\t") + 1)
        builder.problem(where, "PB002", dutch_yaml_problem(problem))
    except yaml.YAMLError as error:  # e.g. a ReaderError for a non-printable character
        position = getattr(error, "position", 0) or 0
        builder.problem(_position_of_offset(text.encode("utf-8"), len(text[:position].encode("utf-8"))),
                        "PB002", dutch_yaml_problem(str(error)))
    problems += builder.problems
    if any(p.code not in _NOT_FATAL for p in builder.problems):
        return None, builder, problems
    root = builder.root
    if root is None or root == "" and not builder.positions:
        problems.append(Problem(path, 1, 1, "PB004", "het bestand is leeg"))
        return None, builder, problems
    if not isinstance(root, dict):
        line, column = builder.positions.get((), (1, 1))
        kind = "een lijst" if isinstance(root, list) else "losse tekst of een getal"
        problems.append(Problem(path, line, column, "PB008", f"het bestand bevat {kind}, maar een record is een blok met velden",
                                "begin elke regel op het hoogste niveau met een veldnaam, zoals `titel: …`"))
        return None, builder, problems
    return root, builder, problems


def parse(path: str, raw: bytes) -> tuple[dict | None, dict, dict, list[Problem]]:
    """Parse one file's bytes: (data, positions, key positions, problems). Never raises."""
    data, builder, problems = _parsed(path, raw)
    if data is None:
        return None, {}, {}, problems
    return data, builder.positions, builder.key_positions, problems


_RECORD_NAME = re.compile(r"\.ya?ml\s*$", re.IGNORECASE)


def editor_file(name: str) -> bool:
    """An editor's or operating system's side file (`.#x.yml` lock link, macOS `._x.yml`, `x.yml~`):
    never a record or a page, and ignored rather than reported."""
    return name.startswith((".#", "._")) or name.endswith(("~", ".swp", ".swx"))


def link_problem(root: Path, path: Path) -> str:
    """Why the symbolic link `path` may not be read ('' when it may): it must lead to an existing
    file inside the repository, and not into `.git`."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return "is een kringverwijzing van symbolische koppelingen"
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return "is een kringverwijzing van symbolische koppelingen"
        return "is een symbolische koppeling naar iets dat niet bestaat"
    top = root.resolve()
    if top != target and top not in target.parents:
        return "is een symbolische koppeling naar een bestand buiten de repository"
    if top / ".git" == target or top / ".git" in target.parents:
        return "is een symbolische koppeling naar de map .git"
    return ""


def linked_files(root: Path, folder: Path) -> Iterator[tuple[Path, str]]:
    """Every symbolic link under `folder` (never followed) that may not be read, with why."""
    for directory, subfolders, files in os.walk(folder):
        for name in sorted(subfolders + files):
            path = Path(directory) / name
            if path.is_symlink() and not editor_file(name):
                why = link_problem(root, path)
                if why:
                    yield path, why


def readable_folder(root: Path, folder: Path) -> bool:
    """`folder` exists and is inside the repository also after following links (`practices/`
    itself may be a link)."""
    return folder.is_dir() and not link_problem(root, folder)


def check_links(root: Path) -> Iterator[Problem]:
    """No symbolic link in a folder the site is made from leads out of the repository (or into
    `.git`, or nowhere): its target would be published."""
    hint = "vervang de koppeling door een gewoon bestand of een gewone map in de repository, of verwijder haar"
    found: list[tuple[Path, str]] = []
    for folder in READ_FOLDERS:
        path = root / folder
        if path.is_symlink() and link_problem(root, path):
            found.append((path, link_problem(root, path)))
        elif path.is_dir():
            found += linked_files(root, path)
    for path, why in found:
        what = "deze map" if path.is_dir() else "dit bestand"
        yield Problem(path.relative_to(root).as_posix(), 1, 1, "PB012", f"{what} {why}", hint)


def record_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every record file under the project root, as (kind, path), in a stable order. A name with
    a capital or padded extension (`X.YML`, or a line break after `.yml`) is included, so its name is reported;
    editor side files are not."""
    for kind, folder in FOLDERS.items():
        directory = root / folder
        if readable_folder(root, directory):
            for path in sorted(directory.iterdir()):
                if _RECORD_NAME.search(path.name) and not editor_file(path.name):
                    yield kind, path


def load_file(kind: str, path: Path, display: str, root: Path | None = None) -> tuple[Record, list[Problem]]:
    """Read one record file; an unreadable one becomes an empty record marked `readable=False`.
    With `root`, a symbolic link that leaves it is not read (`check_links` reports it)."""
    slug = path.name.rsplit(".", 1)[0] if path.name.endswith((".yml", ".yaml")) else _RECORD_NAME.split(path.name)[0]
    if root is not None and path.is_symlink() and link_problem(root, path):
        return Record(kind, slug, display, {}, readable=False), []
    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = Problem(display, 1, 1, "PB001", f"het bestand kan niet worden gelezen: {dutch_os_error(error)}")
        return Record(kind, slug, display, {}, readable=False), [problem]
    data, builder, problems = _parsed(display, raw)
    if data is None:
        return Record(kind, slug, display, {}, readable=False), problems
    return Record(kind, slug, display, data, raw.decode("utf-8-sig"), has_float=builder.has_float), problems


def load(root: Path) -> tuple[list[Record], list[Problem]]:
    """Stage 1: every record under `root`, and the problems met while reading them."""
    def read(file: tuple[str, Path]) -> tuple[Record, list[Problem]]:
        kind, path = file
        return load_file(kind, path, path.relative_to(root).as_posix(), root)

    records: list[Record] = []
    problems: list[Problem] = list(check_links(root))
    for record, found in parallel.mapped(read, list(record_files(root))):
        problems += found
        records.append(record)
    return records, problems
