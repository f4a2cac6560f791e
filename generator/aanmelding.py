"""`praktijkbank aanmelding`: turn a submitted "Praktijk aanmelden" issue form into record files.

GitHub renders an issue form as Markdown: for every field `### Label`, a blank line and the
value; `_No response_` for an empty optional field; `- [X] option` lines for checkboxes. The
labels and field kinds are read from the form itself (`.github/ISSUE_TEMPLATE/praktijk-aanmelden.yml`),
so the form and this parser cannot drift apart. The body is hostile input: it only ever becomes
YAML values through the YAML emitter, and records are written only under `practices/` and
`content/`, never over an existing file. Everything is checked before anything is written, then
the written records are validated with the rest of the catalogue.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml
from slugify import slugify

from . import schemas
from .load import FOLDERS, load_file
from .new import Refused, existing_slugs, write_record
from .problems import Problem, closest, errors, markdown_cell, markdown_table, suggest
from .project import FORM
from .sources import sources_verdict

NO_RESPONSE = "_No response_"
# GitHub limits an issue body to 65,536 characters; four bytes each is the most UTF-8 can need.
MAX_BODY_BYTES = 4 * 65_536
NEW_WEB_SOURCE = "Een nieuwe webbron (vul hieronder in)"
# An option ends in its slug: "Eenzaamheid en ontmoeting (eenzaamheid)".
OPTION_SLUG = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)\s*$")
CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*?)\s*$")
HEADING = re.compile(r"^###[ \t]+(.+?)[ \t#]*$")
BLOCK_LINE = re.compile(r"^\s*([A-Za-zÀ-ÿ ]+?)\s*:\s*(.*?)\s*$")
# The keys of a "Sleutel: waarde" block in the form, by field, and the record field each fills.
BLOCK_KEYS = {
    "organisaties": {"naam": "naam", "rol": "rol", "toelichting": "toelichting", "soort": "soort",
                     "beschrijving": "beschrijving"},
    "resultaten": {"resultaat": "omschrijving", "aantal": "waarde", "eenheid": "eenheid", "jaar": "jaar"},
    "citaten": {"citaat": "tekst", "wie": "wie", "rol": "rol", "jaar": "jaar"},
}
PLACE_KEYS = ("regels", "pagina", "fragment")
MAX_EXTRA_THEMES = 3
# A quote on a web page is its own fragment: its first words, as many as a fragment may have.
MAX_FRAGMENT_WORDS = 12
FRAGMENT_WORDS = "3 tot 12 woorden"
# Fields the form marks required; a body edited by hand can still leave them empty.
REQUIRED = ("titel", "gemeenten", "samenvatting", "beschrijving", "aanpak", "hoofdthema", "vindplaatsen")


class Body:
    """The fields of one rendered issue form: field id -> (value, 1-based line of its heading)."""

    def __init__(self, path: str, fields: dict[str, tuple[str, int]], labels: dict[str, str]):
        self.path, self.fields, self.labels = path, fields, labels

    def text(self, field: str) -> str:
        return self.fields.get(field, ("", 0))[0]

    def line(self, field: str) -> int:
        return self.fields.get(field, ("", 1))[1] or 1

    def problem(self, field: str, code: str, message: str, hint: str = "") -> Problem:
        return Problem(self.path, self.line(field), 1, code, f"veld '{self.labels.get(field, field)}': {message}", hint)


def read_form(root: Path) -> list[dict]:
    """The form's input fields in order: each with id, label, type and options."""
    form = yaml.safe_load((root / FORM).read_text(encoding="utf-8"))
    fields = []
    for item in form["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        options = [o["label"] if isinstance(o, dict) else o for o in attributes.get("options", [])]
        fields.append({"id": item["id"], "label": attributes["label"], "type": item["type"], "options": options})
    return fields


def _clean(text: str) -> str:
    """Odd whitespace made plain: no control characters, no-break spaces as spaces, lines right-trimmed,
    at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text
                   if c in "\n\t" or unicodedata.category(c)[0] != "C" or c == "\u200d")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse_body(text: str, path: str, form: list[dict]) -> tuple[Body, list[Problem]]:
    """Split the rendered body into the form's fields, in the form's order."""
    labels = {field["id"]: field["label"] for field in form}
    by_label = {" ".join(field["label"].split()).casefold(): field["id"] for field in form}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields: dict[str, tuple[str, int]] = {}
    current, start, collected = None, 0, []
    for number, line in enumerate(lines + ["### <einde>"], start=1):
        heading = HEADING.match(line)
        field = by_label.get(" ".join(heading.group(1).split()).casefold()) if heading else None
        if heading and (field or number == len(lines) + 1) and field not in fields and field != current:
            if current:
                value = _clean("\n".join(collected))
                fields[current] = ("" if value == NO_RESPONSE else value, start)
            current, start, collected = field, number, []
        elif current:
            collected.append(line)
    body = Body(path, fields, labels)
    if not fields:
        return body, [Problem(path, 1, 1, "PB701", "dit is geen ingevuld formulier 'Praktijk aanmelden'",
                              "Meld de praktijk aan met het formulier; pas de kopjes (### …) niet aan.")]
    missing = [f["id"] for f in form if f["id"] not in fields]
    return body, [Problem(path, 1, 1, "PB701", f"het kopje '### {labels[m]}' ontbreekt in de aanmelding",
                          "Gebruik het formulier en laat alle kopjes staan; pas alleen de tekst eronder aan.")
                  for m in missing]


def _option_slug(value: str) -> str | None:
    match = OPTION_SLUG.search(value)
    return match.group(1) if match else None


def checked(body: Body, field: str) -> list[str]:
    """The options ticked in a checkbox list (`- [X] …`), in the form's order."""
    return [m.group(2) for m in map(CHECKBOX.match, body.text(field).split("\n")) if m and m.group(1) in "xX"]


def _vocabulary(root: Path, kind: str) -> dict[str, dict]:
    """Every record of a kind as slug -> data, read by the project's loader (names only; unreadable
    files count as existing, nameless)."""
    folder = root / FOLDERS[kind]
    found = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        record, _problems = load_file(kind, path, path.relative_to(root).as_posix(), root)
        found.setdefault(record.slug, record.data if isinstance(record.data, dict) else {})
    return found


def _names(slug: str, data: dict) -> set[str]:
    """The ways an editor may name a record: its slug, its name or title and its other names."""
    names = [slug, str(data.get("naam") or data.get("titel") or ""), *map(str, data.get("andere_namen") or [])]
    return {" ".join(n.split()).casefold() for n in names if n} | {slugify(n) for n in names if n}


def _lookup(name: str, vocabulary: dict[str, dict]) -> str | None:
    wanted = " ".join(name.split()).casefold()
    for slug, data in vocabulary.items():
        if wanted in _names(slug, data) or slugify(name) == slug:
            return slug
    return None


def _hint(name: str, vocabulary: dict[str, dict]) -> str:
    """The validator's "bedoelde je" hint, matched on names as well as slugs."""
    display = {n: str(d.get("naam") or d.get("titel") or s) for s, d in vocabulary.items() for n in _names(s, d)}
    near = closest(" ".join(name.split()).casefold(), display)
    return f"bedoelde je '{display[near]}'?" if near else ""


def _number(text: str) -> int | float | None:
    """A Dutch-written number: 5000, 5.000, 12,5 or 1.234,5."""
    text = text.replace(" ", "").replace("\u202f", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def _year(body: Body, field: str, text: str, problems: list[Problem]) -> int | None:
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text.strip()):
        return int(text)
    problems.append(body.problem(field, "PB705", f"'{text}' is geen jaartal", "Schrijf het jaar met vier cijfers, zoals 2017."))
    return None


def _place(body: Body, field: str, entries: dict[str, str], web: bool, problems: list[Problem],
           default_fragment: str = "") -> dict:
    """Where a fact is in the source: `regels`/`pagina` (a listed source) or `fragment` (a web source)."""
    place = {key: entries[key] for key in PLACE_KEYS if entries.get(key)}
    if web and "fragment" not in place and default_fragment:
        place["fragment"] = " ".join(default_fragment.split()[:MAX_FRAGMENT_WORDS])
    if not place or (web and "fragment" not in place):
        what = f"een Fragment: {FRAGMENT_WORDS} letterlijke tekst van de webpagina" if web else \
            "Regels (bijvoorbeeld 25-33) of Pagina"
        problems.append(body.problem(field, "PB706", "er staat niet bij waar dit in de bron staat",
                                     f"Zet eronder een regel met {what}."))
    elif "fragment" in place and not re.fullmatch(_schema_of_fragment()["pattern"], place["fragment"]):
        problems.append(body.problem(field, "PB706", f"het fragment '{place['fragment'][:80]}' is te kort of te lang",
                                     f"Een fragment is {FRAGMENT_WORDS} letterlijk uit de bron."))
    if "regels" in place:
        regels = place["regels"].replace(" ", "").replace(",", ", ")
        place["regels"] = int(regels) if regels.isdigit() else regels
    return place


def _schema_of_fragment() -> dict:
    """The schema's rule for a fragment (3 to 12 words), so the form says it before a record is written."""
    return schemas.resolve(schemas.raw("definities")["$defs"]["bronverwijzing"])["properties"]["fragment"]


def _blocks(body: Body, field: str, problems: list[Problem]) -> list[dict[str, str]]:
    """A textarea of "Sleutel: waarde" blocks, separated by blank lines; unknown keys are problems."""
    known = set(BLOCK_KEYS[field]) | set(PLACE_KEYS)
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.text(field)):
        entries: dict[str, str] = {}
        last = None
        for line in filter(str.strip, chunk.split("\n")):
            match = BLOCK_LINE.match(line)
            key = match.group(1).casefold() if match else None
            if key in known:
                entries[key] = match.group(2)
                last = key
            elif last and not match:
                entries[last] += " " + line.strip()  # a long value that GitHub's text box wrapped
            else:
                problems.append(body.problem(field, "PB704", f"de regel '{line.strip()[:80]}' is niet te lezen",
                                             "Begin elke regel met een van: " + ", ".join(
                                                 k.capitalize() for k in (*BLOCK_KEYS[field], *PLACE_KEYS)) + "."))
        if entries:
            blocks.append(entries)
    return blocks


@dataclasses.dataclass
class Submission:
    """The records a submission becomes: relative path -> data, the practice first."""

    records: dict[str, dict] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def _source(root: Path, body: Body, problems: list[Problem]) -> tuple[str | None, dict | None]:
    """The chosen source's slug, and a new web source's record when one is named."""
    choice = body.text("bron")
    if choice != NEW_WEB_SOURCE:
        slug = _option_slug(choice)
        if slug and slug in existing_slugs(root, "bron"):
            return slug, None
        problems.append(body.problem("bron", "PB709", f"onbekende bron '{choice}'",
                                     "Kies een bron uit de lijst, of 'Een nieuwe webbron'."))
        return None, None
    url, title, publisher = body.text("bron_url"), body.text("bron_titel"), body.text("bron_uitgever")
    consulted, about = body.text("bron_geraadpleegd"), body.text("bron_beschrijving")
    for field, value in (("bron_url", url), ("bron_titel", title), ("bron_uitgever", publisher),
                         ("bron_geraadpleegd", consulted), ("bron_beschrijving", about)):
        if not value:
            problems.append(body.problem(field, "PB708", "dit veld is nodig voor een nieuwe webbron",
                                         "Vul het in, of kies een bron uit de lijst."))
    for field in ("bron_url", "bron_archief"):
        value = body.text(field)
        if value and not re.fullmatch(r"https://[^\s<>\"]+", value):
            problems.append(body.problem(field, "PB710", f"'{value[:100]}' is geen webadres dat met https:// begint",
                                         "Kopieer het adres uit de adresbalk van je browser."))
    try:
        datetime.date.fromisoformat(consulted) if consulted else None
    except ValueError:
        problems.append(body.problem("bron_geraadpleegd", "PB710", f"'{consulted[:40]}' is geen datum",
                                     "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-04."))
    if not title or errors(problems):
        return None, None
    known = _vocabulary(root, "bron")
    for slug, data in known.items():
        if data.get("url") == url:
            return slug, None  # this page is already a source: cite it
    slug = slugify(title, max_length=80, word_boundary=True)
    if not slug or slug in known:
        problems.append(body.problem("bron_titel", "PB711", f"er is al een bron met de bestandsnaam {slug}.yml"
                                     if slug else "van deze titel kan geen bestandsnaam worden gemaakt",
                                     "Kies die bron in de lijst als het dezelfde is, of maak de titel specifieker."))
        return None, None
    record = {"titel": title, "uitgever": publisher}
    year = _year(body, "bron_jaar", body.text("bron_jaar"), problems)
    if year:
        record["jaar"] = year
    record |= {"soort": "website", "beschrijving": about, "url": url,
               "geraadpleegd": datetime.date.fromisoformat(consulted)}
    if body.text("bron_archief"):
        record["archief_url"] = body.text("bron_archief")
    return slug, record


def _municipalities(root: Path, body: Body, problems: list[Problem]) -> list[str]:
    known = _vocabulary(root, "gemeente")
    slugs = []
    for name in filter(None, (n.strip() for n in re.split(r"[,;\n]", body.text("gemeenten")))):
        slug = _lookup(name, known)
        if slug and slug not in slugs:
            slugs.append(slug)
        elif not slug:
                problems.append(body.problem("gemeenten", "PB702", f"onbekende gemeente '{name[:80]}'", _hint(name, known)
                                         or "Een redacteur moet de gemeente eerst toevoegen; noem dat in je aanmelding."))
    return slugs


def _options(root: Path, body: Body, field: str, values: Iterable[str], kind: str, problems: list[Problem]) -> list[str]:
    """Slugs of ticked or chosen vocabulary options; an option that is not a record is a problem."""
    known = existing_slugs(root, kind)
    slugs = []
    for value in values:
        slug = _option_slug(value)
        if slug in known:
            if slug not in slugs:
                slugs.append(slug)
        else:
            problems.append(body.problem(field, "PB703", f"onbekende keuze '{value[:80]}'",
                                         suggest(slug or slugify(value), known) or "Kies uit de lijst van het formulier."))
    return slugs


def _schema_of(kind: str, field: str) -> dict:
    return next(s for name, s, _required in schemas.fields(kind) if name == field)


def _allowed(body: Body, field: str, value: str, kind: str, schema_field: str, problems: list[Problem]) -> str:
    """`value` in lower case; a problem when the schema does not allow it (checked before anything is written)."""
    allowed = _schema_of(kind, schema_field)["enum"]
    if value.casefold() not in allowed:
        problems.append(body.problem(field, "PB703", f"onbekende keuze '{value[:80]}'",
                                     " ".join(filter(None, [suggest(value, allowed), "Kies uit: " + ", ".join(allowed) + "."]))))
    return value.casefold()


def _label_value(body: Body, field: str, kind: str, problems: list[Problem]) -> str | None:
    """The schema value of an enumerated field chosen by its label (`x-waarden`)."""
    schema = _schema_of(kind, field)
    labels = {meaning["label"].casefold(): value for value, meaning in schema["x-waarden"].items()}
    chosen = labels.get(body.text(field).casefold())
    if chosen is None:
        problems.append(body.problem(field, "PB703", f"onbekende keuze '{body.text(field)[:80]}'",
                                     "Kies uit de lijst van het formulier."))
    return chosen


def _organisations(root: Path, body: Body, municipalities: list[str], place: dict | None,
                   problems: list[Problem]) -> tuple[list[dict], dict[str, dict]]:
    """The practice's organisations with role, and records for new ones (with Soort and Beschrijving)."""
    known = _vocabulary(root, "organisatie")
    roles, new = [], {}
    for entries in _blocks(body, "organisaties", problems):
        name = entries.get("naam", "")
        slug = _lookup(name, known) if name else None
        if not name or not entries.get("rol"):
            problems.append(body.problem("organisaties", "PB707", "een organisatie zonder Naam of Rol",
                                         "Geef elke organisatie een regel 'Naam: …' en een regel 'Rol: …'."))
            continue
        if slug is None and entries.get("soort") and entries.get("beschrijving"):
            slug = slugify(name, max_length=80, word_boundary=True)
            kind = _allowed(body, "organisaties", entries["soort"], "organisatie", "soort", problems)
            record = {"naam": name, "soort": kind, "beschrijving": entries["beschrijving"],
                      "gemeenten": municipalities, "bronnen": [place] if place else []}
            new[f"{FOLDERS['organisatie']}/{slug}.yml"] = record
        elif slug is None:
            problems.append(body.problem("organisaties", "PB712", f"onbekende organisatie '{name[:80]}'",
                                         (_hint(name, known) + " " if _hint(name, known) else "")
                                         + "Is het een nieuwe organisatie? Vul dan ook 'Soort' en 'Beschrijving' in."))
            continue
        role = {"organisatie": slug,
                "rol": _allowed(body, "organisaties", entries["rol"], "praktijk", "organisaties[].rol", problems)}
        if entries.get("toelichting"):
            role["toelichting"] = entries["toelichting"]
        roles.append(role)
    return roles, new


def _results(body: Body, source: str | None, web: bool, problems: list[Problem]) -> list[dict]:
    results = []
    for entries in _blocks(body, "resultaten", problems):
        result: dict = {"omschrijving": entries.get("resultaat", "")}
        if entries.get("aantal"):
            value = _number(entries["aantal"])
            if value is None:
                problems.append(body.problem("resultaten", "PB705", f"'{entries['aantal'][:40]}' is geen getal",
                                             "Schrijf alleen het getal, zoals 40 of 12,5; de eenheid komt bij Eenheid."))
            result["waarde"] = value
        for key in ("eenheid",):
            if entries.get(key):
                result[key] = entries[key]
        year = _year(body, "resultaten", entries.get("jaar", ""), problems)
        if year:
            result["jaar"] = year
        result["bron"] = {"bron": source, **_place(body, "resultaten", entries, web, problems)}
        results.append(result)
    return results


def _quotes(body: Body, source: str | None, web: bool, problems: list[Problem]) -> list[dict]:
    quotes = []
    for entries in _blocks(body, "citaten", problems):
        quote = {"tekst": entries.get("citaat", "").strip("\"'“”„‘’ "), "wie": entries.get("wie", ""),
                 "rol": entries.get("rol", "")}
        year = _year(body, "citaten", entries.get("jaar", ""), problems)
        if year:
            quote["jaar"] = year
        # A quote on a web page is its own fragment.
        quote["bron"] = {"bron": source, **_place(body, "citaten", entries, web, problems, quote["tekst"])}
        quotes.append(quote)
    return quotes


def _places(body: Body, source: str | None, web: bool, problems: list[Problem]) -> list[dict]:
    """The practice's own citations: one per line of the field 'Waar staat het in de bron?'."""
    places = []
    for line in filter(str.strip, body.text("vindplaatsen").split("\n")):
        match = BLOCK_LINE.match(line)
        key = match.group(1).casefold() if match else ""
        if key not in PLACE_KEYS:
            problems.append(body.problem("vindplaatsen", "PB704", f"de regel '{line.strip()[:80]}' is niet te lezen",
                                         "Begin elke regel met Regels:, Pagina: of Fragment:."))
            continue
        places.append({"bron": source, **_place(body, "vindplaatsen", {key: match.group(2)}, web, problems)})
    return places


def submission(root: Path, text: str, path: str, today: datetime.date) -> Submission:
    """Every record a submitted form becomes, or the problems that stop it (nothing written yet)."""
    body, problems = parse_body(text, path, read_form(root))
    result = Submission(problems=problems)
    if problems and not body.fields:
        return result
    for field in REQUIRED:
        if not body.text(field):
            problems.append(body.problem(field, "PB708", "dit veld is verplicht en is leeg", "Vul het in."))
    if len(checked(body, "afspraken")) < 3:
        problems.append(body.problem("afspraken", "PB713", "niet alle afspraken zijn aangevinkt",
                                     "Vink alle afspraken aan; zonder die toestemming kan de praktijk niet op de site."))
    title = " ".join(body.text("titel").split())
    slug = slugify(title, max_length=80, word_boundary=True)
    target = f"{FOLDERS['praktijk']}/{slug}.yml"
    if title and not slug:
        problems.append(body.problem("titel", "PB714", "van deze titel kan geen bestandsnaam worden gemaakt",
                                     "Gebruik letters of cijfers in de titel."))
    elif slug in existing_slugs(root, "praktijk"):
        problems.append(body.problem("titel", "PB714", f"er is al een praktijk met deze bestandsnaam: {target}",
                                     "Gaat het om dezelfde praktijk? Stel dan een verbetering voor op die pagina. "
                                     "Anders: maak de titel specifieker, bijvoorbeeld met de naam van de gemeente."))
    source, new_source = _source(root, body, problems)
    web = new_source is not None or (source is not None and _vocabulary(root, "bron")[source].get("soort") == "website")
    municipalities = _municipalities(root, body, problems)
    extra = checked(body, "themas")
    if len(extra) > MAX_EXTRA_THEMES:
        problems.append(body.problem("themas", "PB703", f"{len(extra)} andere thema's aangevinkt",
                                     f"Kies er hoogstens {MAX_EXTRA_THEMES}: een praktijk heeft één tot vier thema's."))
    themes = _options(root, body, "hoofdthema", [body.text("hoofdthema")] if body.text("hoofdthema") else [],
                      "thema", problems)
    themes += [t for t in _options(root, body, "themas", extra, "thema", problems) if t not in themes]
    groups = _options(root, body, "doelgroepen", checked(body, "doelgroepen"), "doelgroep", problems)
    if not groups:
        problems.append(body.problem("doelgroepen", "PB708", "er is geen doelgroep aangevinkt", "Vink er minstens één aan."))
    places = _places(body, source, web, problems)
    organisations, new_organisations = _organisations(root, body, municipalities, places[0] if places else None,
                                                      problems)
    record: dict = {"titel": title, "samenvatting": body.text("samenvatting"), "beschrijving": body.text("beschrijving"),
                    "aanpak": body.text("aanpak"), "gemeenten": municipalities, "organisaties": organisations,
                    "themas": themes, "doelgroepen": groups}
    start = _year(body, "startjaar", body.text("startjaar"), problems)
    if start:
        record["startjaar"] = start
    record["status"] = _label_value(body, "status", "praktijk", problems)
    record["resultaten"] = _results(body, source, web, problems)
    record["citaten"] = _quotes(body, source, web, problems)
    record["bronnen"] = places
    record["praktijkniveau"] = _label_value(body, "praktijkniveau", "praktijk", problems)
    record["toegevoegd"] = record["bijgewerkt"] = today
    if errors(problems):
        return result
    result.records[target] = record
    if new_source:
        result.records[f"{FOLDERS['bron']}/{source}.yml"] = new_source
    for relative, organisation in new_organisations.items():
        if Path(relative).stem in existing_slugs(root, "organisatie") or relative in result.records:
            problems.append(body.problem("organisaties", "PB711", f"er is al een organisatie met de bestandsnaam {relative}",
                                         "Noem die organisatie met haar naam uit de Praktijkbank, zonder Soort en Beschrijving."))
        result.records[relative] = organisation
    if errors(problems):
        result.records.clear()
    return result


class _BlockDumper(yaml.SafeDumper):
    """Records as an editor writes them: multi-line text as a literal block (`|-`), list items indented,
    and no anchors or aliases (the loader rejects them, PB007)."""

    def ignore_aliases(self, data: object) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_BlockDumper.add_representer(str, _represent_text)


def record_text(kind: str, data: dict) -> str:
    """The record file: the schema line for editors' YAML extensions, then the data as YAML."""
    depth = "../" * (FOLDERS[kind].count("/") + 1)
    header = f"# yaml-language-server: $schema={depth}generator/schemas/{kind}.schema.json\n"
    return header + yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


def write_submission(root: Path, result: Submission) -> list[str]:
    """Write the records (never over an existing file); the relative paths written. When one cannot
    be written (Refused), those already written are removed again: a submission becomes all its records or none."""
    kinds = {folder: kind for kind, folder in FOLDERS.items()}
    written = []
    try:
        for relative, data in result.records.items():
            write_record(root, relative, record_text(kinds[relative.rsplit("/", 1)[0]], data))
            written.append(relative)
    except Refused:
        for relative in written:
            (root / relative).unlink(missing_ok=True)
        raise
    return written


def comment(written: list[str], problems: list[Problem], body_name: str = "") -> str:
    """The Markdown comment for the issue, in Dutch; every value from the submission is escaped.
    Problems in the body (`body_name`) are named by their form field; those in records by file and line."""
    found = sorted(set(problems))
    lines = ["<!-- praktijkbank-aanmelding -->"]
    if not written:
        lines += ["### Je aanmelding kan nog geen pagina worden", "",
                  "Verbeter de punten hieronder in je aanmelding: klik op de drie puntjes rechtsboven bij je "
                  "aanmelding en kies **Edit**. Na het opslaan wordt alles opnieuw gecontroleerd."]
    elif errors(found):
        lines += ["### Je aanmelding is omgezet, maar de controle vond nog fouten", "",
                  "Verbeter de punten hieronder in je aanmelding (drie puntjes → **Edit**); het voorstel wordt "
                  "dan vanzelf bijgewerkt. Lukt het niet? Een redacteur helpt je in het voorstel verder."]
    else:
        lines += ["### Je aanmelding is omgezet; de controle vond geen fouten", "",
                  "Een redacteur leest het voorstel na en zet de praktijk daarna op de site."]
    if written:
        lines += ["", "Bestanden in het voorstel:", "", *(f"- {markdown_cell(path)}" for path in written)]
    if found:
        lines += ["", *markdown_table(found, "waar", lambda p: "je aanmelding" if p.path == body_name
                                      else markdown_cell(f"{p.path}, regel {p.line}"))]
    return "\n".join(lines) + "\n"


def run(root: Path, body_file: Path, today: datetime.date) -> tuple[list[str], list[Problem]]:
    """Read the body file, write the records it becomes and validate them: (paths written, all problems)."""
    from .build import check  # imported here: the pipeline is only needed once records are written

    shown = body_file.name
    try:
        data = body_file.read_bytes()
        if len(data) > MAX_BODY_BYTES:
            raise ValueError(f"de aanmelding is {len(data) // 1024} KB; het formulier kan hoogstens "
                             f"{MAX_BODY_BYTES // 1024} KB bevatten")
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = error if isinstance(error, ValueError) and not isinstance(error, UnicodeDecodeError) \
            else "het bestand is niet te lezen als UTF-8-tekst"
        return [], [Problem(shown, 1, 1, "PB715", str(reason), "Geef het bestand met de tekst van de aanmelding.")]
    result = submission(root, text, shown, today)
    if errors(result.problems):
        return [], result.problems
    try:
        written = write_submission(root, result)
    except Refused as refusal:  # write_record's Dutch reason: the file exists, or the disk refused
        return [], [Problem(shown, 1, 1, "PB715", f"een record kon niet worden geschreven: {refusal}",
                            "Probeer het opnieuw; blijft het mislukken, vraag een redacteur om hulp.")]
    catalogue, found = check(root)
    found = [p for p in found if p.path in written]
    return written, result.problems + found + sources_verdict(catalogue, root, found, written.__contains__).problems
