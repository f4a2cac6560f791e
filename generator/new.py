"""`praktijkbank new`: start a record from a template in the project's `theme/records/`, for editors.

The template gives every schema field, with the schema's own description as a
YAML comment, and `<VERPLICHT: …>` placeholders that fail validation (PB109)
until an editor fills them in. Writing the file is an editor's action, not a
build, so today's date is used for `toegevoegd` and `bijgewerkt`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import textwrap
from pathlib import Path

import jinja2
import yaml
from slugify import slugify

from . import project, schemas
from .fingerprint import SUFFIX, FullText
from .load import FOLDERS, load_file, shown
from .problems import dutch_os_error, suggest
from .validate import RESERVED_SLUGS, cbs_municipalities

# The kinds `praktijkbank new` makes, and what the title on its command line names.
KINDS = {"praktijk": "titel van de praktijk", "gemeente": "naam van de gemeente of regio",
         "organisatie": "naam van de organisatie", "bron": "titel van het document of de webpagina"}
COMMENT_WIDTH = 100


class Refused(Exception):
    """The record cannot be made; the message says why, in Dutch. `usage` marks a wrongly given command."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@dataclasses.dataclass(frozen=True)
class Request:
    """What the editor asked for: a kind, a title or name, and the references they already know."""

    kind: str
    title: str
    gemeenten: tuple[str, ...] = ()
    themas: tuple[str, ...] = ()
    source_kind: str | None = None
    url: str | None = None
    text: str | None = None  # path of a source's local text version: its fingerprint is written too
    sources: tuple[str, ...] = ()  # slugs of the sources a practice cites


def yaml_scalar(value: str) -> str:
    """`value` as one YAML scalar, quoted only when YAML needs it (record text is data, never syntax)."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").rstrip("\n")


def _comment(text: str, first: str = "# ", rest: str = "# ") -> str:
    """`text` as YAML comment lines of at most COMMENT_WIDTH characters."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), COMMENT_WIDTH, initial_indent=first,
                                   subsequent_indent=rest, break_on_hyphens=False))


def _schema_field(kind: str, name: str) -> tuple[dict, bool]:
    for field, schema, required in schemas.fields(kind):
        if field == name:
            return schema, required
    raise KeyError(f"{kind}.{name} is not in the schema")


def explanation(kind: str, name: str) -> str:
    """The schema's description of a field as comment lines, ending with (verplicht) or (optioneel)."""
    schema, required = _schema_field(kind, name)
    label = name.rsplit(".", 1)[-1]
    return _comment(f"{label} ({'verplicht' if required else 'optioneel'}): {schema.get('description', '')}")


def allowed_values(kind: str, name: str) -> str:
    """Each allowed value of an enumerated field with its definition (`x-waarden`), as comment lines."""
    schema, _required = _schema_field(kind, name)
    lines = []
    for value, meaning in schema.get("x-waarden", {}).items():
        definition = meaning.get("definitie", "")
        lines.append(_comment(f"{value}: {definition}" if definition else value, "#   - ", "#     "))
    return "\n".join(lines)


@functools.cache
def _environment(templates: Path) -> jinja2.Environment:
    # The output is YAML, not HTML: values enter only through the `yaml` filter or as validated slugs.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["yaml"] = yaml_scalar
    return env


def source_kinds() -> list[str]:
    """The values `soort` of a source may take."""
    return list(_schema_field("bron", "soort")[0]["enum"])


def read_text(path: Path) -> list[str]:
    """The lines of a source's text version, or a Dutch refusal."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise Refused(f"tekstbestand {path} bestaat niet", usage=True) from None
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"tekstbestand {path} is niet te lezen als UTF-8-tekst ({error.__class__.__name__}); "
                      "sla het op als platte tekst (UTF-8)") from None


def write_fingerprint(root: Path, source: Path, text: Path) -> tuple[str, int]:
    """Write the fingerprint of `text` beside the source record `source`; return its path and line count.
    The text itself is never copied into the repository."""
    record = source if source.is_absolute() or source.exists() else root / source
    if record.parent.resolve() != (root / FOLDERS["bron"]).resolve() or record.suffix not in (".yml", ".yaml"):
        raise Refused(f"{source} is geen bronrecord; geef een bestand in {FOLDERS['bron']}/ (…/<slug>.yml)", usage=True)
    if not record.is_file():
        raise Refused(f"{source} bestaat niet; maak de bron eerst met: praktijkbank new bron \"Titel\"", usage=True)
    full = FullText(read_text(text))
    target = record.with_suffix(SUFFIX)
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(full.fingerprint())
    return target.as_posix(), full.line_count


def existing_slugs(root: Path, kind: str) -> set[str]:
    """Slugs of the records of a kind that exist under the project root."""
    folder = root / FOLDERS[kind]
    return {p.name.rsplit(".", 1)[0] for p in folder.glob("*.y*ml")} if folder.is_dir() else set()


def _check_known(root: Path, kind: str, slugs: tuple[str, ...], label: str) -> None:
    """Every referenced slug must be an existing record of `kind`; else a usage error (`label` says what was
    unknown, e.g. "onbekend thema") with a "bedoelde je" suggestion."""
    known = existing_slugs(root, kind)
    for slug in slugs:
        if slug not in known:
            hint = suggest(slug, known)
            raise Refused(f"{label} '{slug}': er is geen {FOLDERS[kind]}/{slug}.yml"
                          + (f"; {hint}" if hint else ""), usage=True)


# Python hands bytes of the command line that are not UTF-8 over as these lone surrogates.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# Line breaks (also YAML's own: NEL, LS, PS), other control characters, invisible characters and
# non-characters: a title is one line of visible text, or it would write its own YAML keys.
_NOT_IN_TITLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                           "\ufdd0-\ufdef\ufeff\ufffe\uffff\ud800-\udfff]")


def check_title(title: str) -> None:
    """A title is one line of visible UTF-8 text: it is written into the record's comments and
    values, for every kind, and must not become YAML of its own."""
    if _NOT_UTF8.search(title):
        raise Refused("de titel bevat tekens die geen UTF-8 zijn; typ de titel opnieuw, of zet je terminal op UTF-8",
                      usage=True)
    bad = _NOT_IN_TITLE.search(title)
    if bad:
        raise Refused(f"de titel bevat het teken {shown(bad.group())} (een regeleinde, stuurteken of onzichtbaar teken); "
                      "geef de titel op één regel, met alleen zichtbare tekens", usage=True)


def record_path(root: Path, request: Request) -> Path:
    """Where the new record goes: `<folder>/<slug of the title>.yml`, never a reserved name."""
    check_title(request.title)
    slug = slugify(request.title, max_length=80, word_boundary=True)
    if not slug:
        raise Refused(f"van de titel '{request.title}' kan geen bestandsnaam worden gemaakt; gebruik letters of cijfers",
                      usage=True)
    if slug in RESERVED_SLUGS:
        raise Refused(f"de bestandsnaam {slug}.yml is gereserveerd (voor een overzichtspagina, of onmogelijk op Windows); "
                      "maak de titel langer, bijvoorbeeld met de plaatsnaam erbij", usage=True)
    return root / FOLDERS[request.kind] / f"{slug}.yml"


def _cbs_row(name: str) -> dict | None:
    """The CBS municipality of that name (the 2025 one if a name was used twice), if there is one."""
    rows = [row for row in cbs_municipalities().values() if row["naam"].casefold() == name.casefold()]
    rows.sort(key=lambda row: row.get("bestaat_2025") != "true")
    return rows[0] if rows else None


def _text_name(text: str | None) -> str | None:
    """The `bestand` of a new source: the text file's name, when it has the form the schema allows."""
    name = Path(text).name if text else ""
    return name if re.fullmatch(r"[A-Za-z0-9_.-]+\.txt", name) else None


def _web_sources(root: Path, slugs: tuple[str, ...]) -> set[str]:
    """Which of these sources are web pages (`soort: website`): a practice cites them by `fragment`."""
    folder = root / FOLDERS["bron"]
    return {slug for slug in slugs
            if load_file("bron", folder / f"{slug}.yml", f"{FOLDERS['bron']}/{slug}.yml")[0].data.get("soort") == "website"}


def render_record(request: Request, path: str, today: datetime.date, templates: Path,
                  web_sources: set[str] = frozenset()) -> str:
    """The text of the new record file, from the record templates in the folder `templates`."""
    return _environment(templates).get_template(f"{request.kind}.yml.j2").render(
        titel=request.title, naam=request.title, pad=path, vandaag=today.isoformat(),
        gemeenten=request.gemeenten, themas=request.themas, cbs=_cbs_row(request.title),
        soort=request.source_kind, url=request.url, bestand=_text_name(request.text),
        bronnen=[(slug, slug in web_sources) for slug in request.sources],
        uitleg=functools.partial(explanation, request.kind), waarden=functools.partial(allowed_values, request.kind))


def create(root: Path, request: Request, today: datetime.date | None = None) -> Path:
    """Write the new record; refuse an existing file and unknown municipalities or themes."""
    _check_known(root, "gemeente", request.gemeenten, "onbekende gemeente")
    _check_known(root, "thema", request.themas, "onbekend thema")
    _check_known(root, "bron", request.sources, "onbekende bron")
    if request.url is not None and not re.fullmatch(r"https://[^\s<>\"]+", request.url):
        raise Refused(f"'{request.url}' is geen webadres dat met https:// begint", usage=True)
    lines = read_text(Path(request.text)) if request.text else None
    target = record_path(root, request)
    relative = target.relative_to(root).as_posix()
    if target.exists() or target.with_suffix(".yaml").exists():
        raise Refused(f"{relative} bestaat al; open dat bestand om het aan te passen, of kies een andere titel")
    text = render_record(request, relative, today or datetime.date.today(), root / project.RECORD_TEMPLATES,
                         _web_sources(root, request.sources))
    write_record(root, relative, text)
    if lines is not None:
        target.with_suffix(SUFFIX).write_text(FullText(lines).fingerprint(), encoding="utf-8", newline="\n")
    return target


def write_record(root: Path, relative: str, text: str) -> Path:
    """Write a new record file at `relative` (under practices/ or content/ only), never over an existing one."""
    # The folder is resolved, the file itself never: a (dangling) link of that name is not followed.
    target = root / relative
    folder = target.parent.resolve()
    allowed = [(root / name).resolve() for name in ("practices", "content")]
    if not any(place == folder or place in folder.parents for place in allowed) or target.suffix != ".yml":
        raise Refused(f"{relative} ligt niet in practices/ of content/; daar worden geen records geschreven")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:  # also a dangling link of that name, or a file made meanwhile
        raise Refused(f"{relative} bestaat al; open dat bestand om het aan te passen, of kies een andere titel") from None
    except OSError as error:
        raise Refused(f"{relative} kan niet worden geschreven: {dutch_os_error(error)}") from None
    return target
