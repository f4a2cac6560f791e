"""Problems found in records, their stable codes, and how they are reported.

Every check in the pipeline yields `Problem`s; `report()` is the one place that
prints them. The code table below is the contract with editors: codes never
change meaning, and `praktijkbank codes` prints it as the documentation table.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import json
import os
import re
from collections.abc import Iterable
from typing import TextIO

ERROR = "fout"
WARNING = "waarschuwing"

# code -> (short Dutch title, what the editor should do)
CODES: dict[str, tuple[str, str]] = {
    "PB001": ("Bestand is geen leesbare tekst", "Sla het bestand op als UTF-8-tekst; binaire of anders gecodeerde bestanden kunnen niet worden gelezen."),
    "PB002": ("YAML-syntaxfout", "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens op de genoemde regel."),
    "PB003": ("Dubbel veld", "Een veld staat twee keer in dezelfde lijst of hetzelfde blok; voeg de twee samen."),
    "PB004": ("Leeg bestand", "Het bestand bevat geen gegevens; vul het of verwijder het."),
    "PB005": ("Bestand te groot", "Een record is hoogstens 1 MB; splits de inhoud of verwijder overbodige tekst."),
    "PB006": ("Te diep genest", "Het bestand heeft te veel niveaus van inspringing; volg de opbouw van het voorbeeldrecord."),
    "PB007": ("Ankers en aliassen niet toegestaan", "Schrijf de waarde uit in plaats van `&anker` en `*alias` te gebruiken."),
    "PB008": ("Verkeerde opbouw van het bestand", "Een record is één blok met velden (`veld: waarde`), geen lijst of losse tekst."),
    "PB009": ("Bestand begint met een BOM", "Sla het bestand op als UTF-8 zonder BOM; het wordt nu wel gelezen."),
    "PB010": ("Meer dan één document", "Een record is één YAML-document; verwijder `---` en de tekst erna, of maak er een apart bestand van."),
    "PB011": ("Onbekend YAML-type", "Gebruik gewone tekst, getallen, lijsten en blokken; speciale YAML-tags (`!!…`) zijn niet toegestaan."),
    "PB012": ("Symbolische koppeling niet toegestaan", "Een koppeling naar een bestand buiten de repository (of naar .git, of naar niets) wordt niet gelezen: zet het bestand zelf in de repository, of verwijder de koppeling."),
    "PB013": ("Geen gewoon getal", "`.nan`, `.inf` en `-.inf` zijn geen getallen die de site kan tonen; schrijf een gewoon getal of laat het veld weg."),
    "PB014": ("Getal in een verrassende schrijfwijze", "YAML leest `1:30` als 90 en `010` als 8. Zet tekst tussen aanhalingstekens en schrijf getallen als gewone decimale getallen."),
    "PB015": ("Stuurteken in de tekst", "Haal het teken weg (vaak meegekopieerd uit een ander programma); het breekt de feeds en de terminal."),
    "PB016": ("Onzichtbaar teken in de tekst", "Een teken zonder breedte of een teken dat de leesrichting omdraait kan tekst verbergen; haal het weg als het niet echt nodig is."),
    "PB017": ("Te veel meldingen in één bestand", "Verbeter eerst de genoemde meldingen; de rest volgt bij de volgende controle."),
    "PB101": ("Verplicht veld ontbreekt", "Voeg het veld toe; de veldenlijst staat in de veldreferentie."),
    "PB102": ("Onbekend veld", "Controleer de spelling van het veld of verwijder het."),
    "PB103": ("Verkeerd soort waarde", "Het veld verwacht een ander soort waarde (tekst, getal, lijst of blok)."),
    "PB104": ("Waarde niet toegestaan", "Kies een van de toegestane waarden."),
    "PB105": ("Tekst te lang of te kort", "Maak de tekst korter of langer, binnen de genoemde grens."),
    "PB106": ("Ongeldige datum", "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-22."),
    "PB107": ("Waarde heeft de verkeerde vorm", "Volg de vorm uit de veldreferentie (bijvoorbeeld een slug in kleine letters met streepjes)."),
    "PB108": ("Te veel of te weinig items", "Pas het aantal items in de lijst aan."),
    "PB109": ("Tekst nog niet ingevuld", "Vervang de tekst `<VERPLICHT: …>` door echte inhoud."),
    "PB110": ("Dubbele waarde in lijst", "Haal de dubbele waarde weg."),
    "PB111": ("Getal buiten bereik", "Kies een getal binnen de genoemde grenzen."),
    "PB112": ("Jaar ontbreekt", "Vermeld het jaar; laat het alleen weg als de bron zelf geen jaar noemt."),
    "PB113": ("Datums in verkeerde volgorde", "`bijgewerkt` kan niet vóór `toegevoegd` liggen."),
    "PB114": ("Regelreeks loopt achteruit", "Schrijf een reeks als laagste-hoogste, bijvoorbeeld 25-33."),
    "PB201": ("Ongeldige bestandsnaam", "De bestandsnaam is de slug: kleine letters, cijfers en streepjes, met `.yml` erachter."),
    "PB202": ("Slug komt twee keer voor", "Twee bestanden hebben dezelfde slug; hernoem er een."),
    "PB203": ("Gereserveerde bestandsnaam", "Deze naam hoort bij een pagina die de site zelf maakt, of kan op Windows niet bestaan; kies een andere bestandsnaam."),
    "PB301": ("Onbekende verwijzing", "De verwijzing wijst naar een record dat niet bestaat; controleer de slug."),
    "PB302": ("Verwijzing naar zichzelf", "Een record kan niet naar zichzelf verwijzen: een praktijk is niet aan zichzelf verwant, een gemeente is niet haar eigen opvolger of lid."),
    "PB303": ("Verwijzing naar het verkeerde soort gemeente", "Leden van een regio zijn gemeenten, en een opvolger is een gemeente."),
    "PB304": ("Onbekende CBS-code", "Controleer de code in de CBS-lijst van gemeenten."),
    "PB305": ("Gegevens wijken af van CBS", "Naam of provincie past niet bij de CBS-code; controleer beide."),
    "PB306": ("Record wordt nergens gebruikt", "Verwijs ernaar vanuit een praktijk of gemeente, of verwijder het."),
    "PB401": ("Brondocument niet gevonden", "Controleer het veld `bestand` van de bron en de map met brondocumenten."),
    "PB402": ("Regel bestaat niet in de bron", "Controleer de regelnummers; het document is korter."),
    "PB403": ("Citaat niet letterlijk gevonden", "Neem het citaat letterlijk over uit de genoemde regels, of pas de regels aan."),
    "PB501": ("Opdracht niet goed gegeven", "Bekijk `praktijkbank --help` voor de juiste schrijfwijze."),
    "PB502": ("Site kan niet worden geschreven", "Maak ruimte vrij, of zorg dat je in de projectmap (en in site/ en build/) mag schrijven; start de bouw daarna opnieuw."),
    "PB503": ("Er loopt al een bouw", "Wacht tot de andere bouw (of `praktijkbank serve`) klaar is, of stop die eerst."),
}


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One finding, located at a 1-based line and column of a file."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code}")


def suggest(value: object, candidates: Iterable[str]) -> str:
    """A Dutch "did you mean" hint for the candidate closest to `value`, or ''."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value.lower(), sorted(candidates), n=1, cutoff=0.6)
    return f"bedoelde je '{matches[0]}'?" if matches else ""


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [p for p in problems if p.severity == ERROR]


def github_message(text: str) -> str:
    """A workflow command's message, escaped as GitHub's documentation prescribes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value (`file=…`): also `:` and `,`, which end a property."""
    return github_message(text).replace(":", "%3A").replace(",", "%2C")


# Record text and file names are data: control characters (ESC sequences clear the screen or set
# the window title), line breaks inside a value, and bidirectional controls print as escapes.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """`text` with every control, line-break and invisible character shown as an escape (`\\x1b`)."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def format_problem(problem: Problem, style: str = "text") -> str:
    """One problem as text (`path:line:col: CODE message`) or a GitHub annotation; every value
    taken from a record or a file name is printed escaped."""
    if style == "github":
        level = "error" if problem.severity == ERROR else "warning"
        text = printable(problem.message) + (f" ({printable(problem.hint)})" if problem.hint else "")
        title = f"{problem.code} {CODES[problem.code][0]}"
        return (f"::{level} file={github_property(printable(problem.path))},line={problem.line},"
                f"col={problem.column},title={github_property(title)}::{github_message(text)}")
    if style == "json":
        return json.dumps(dataclasses.asdict(problem), ensure_ascii=True)
    prefix = "" if problem.severity == ERROR else "waarschuwing: "
    text = (f"{printable(problem.path)}:{problem.line}:{problem.column}: {problem.code} {prefix}"
            f"{printable(problem.message)}")
    if problem.hint:
        text += f"\n    tip: {printable(problem.hint)}"
    return text


# What the operating system says, in Dutch, and what to do about it.
_OS_ERRORS = {
    errno.EACCES: "geen toestemming om hier te lezen of te schrijven",
    errno.EPERM: "het systeem staat deze handeling niet toe (is het bestand of de map beveiligd of onveranderbaar?)",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOENT: "het bestand of de map bestaat niet (meer)",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.ELOOP: "de symbolische koppelingen vormen een kring",
    errno.EBUSY: "de map is in gebruik (bijvoorbeeld als koppelpunt)",
    errno.EXDEV: "de map ligt op een ander bestandssysteem",
    errno.EIO: "de schijf meldt een lees- of schrijffout",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EADDRINUSE: "de poort is al in gebruik",
}


def dutch_os_error(error: OSError) -> str:
    """A Dutch description of a file-system error, never the system's English text."""
    return _OS_ERRORS.get(error.errno, f"systeemfout {errno.errorcode.get(error.errno, error.errno)}")


def default_style() -> str:
    """GitHub annotations inside GitHub Actions, plain text elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


MAX_PRINTED = 1000  # per run: a flood of messages hides the first ones and ties up the log


def dutch_count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def report(problems: Iterable[Problem], out: TextIO, style: str = "text") -> int:
    """Print the problems (at most MAX_PRINTED, except as JSON), sorted by place, then a Dutch
    summary; return the exit code."""
    found = sorted(set(problems))
    shown = found if style == "json" else found[:MAX_PRINTED]  # JSON is read by programs, not people
    for problem in shown:
        print(format_problem(problem, style), file=out)
    if len(found) > len(shown):
        print(f"… en nog {dutch_count(len(found) - len(shown))} meldingen.", file=out)
    n_errors = len(errors(found))
    n_warnings = len(found) - n_errors
    if style == "text":
        if found:
            print(f"{dutch_count(n_errors)} fout(en), {dutch_count(n_warnings)} waarschuwing(en).", file=out)
        else:
            print("Geen problemen gevonden.", file=out)
    return 1 if n_errors else 0


def code_table() -> str:
    """The code table as Markdown, generated from CODES for the documentation."""
    rows = ["| code | betekenis | wat te doen |", "|---|---|---|"]
    rows += [f"| `{code}` | {title} | {todo} |" for code, (title, todo) in CODES.items()]
    return "\n".join(rows) + "\n"
