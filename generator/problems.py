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
from collections.abc import Callable, Iterable
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
    "PB102": ("Onbekend veld", "Controleer de spelling van het veld, zet de gegevens in het veld waar ze horen (zie de veldreferentie) of verwijder het."),
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
    "PB306": ("Record wordt nergens gebruikt", "Verwijs ernaar met de slug vanuit een praktijk, gemeente of organisatie (bij de bijbehorende velden, zie de veldreferentie), of verwijder het bestand."),
    "PB330": ("Woordvorm bij twee begrippen", "Een woordvorm onder `vormen` mag maar bij één begrip horen; haal hem bij een van de twee weg."),
    "PB331": ("Begrip komt nergens voor", "Geen tekst gebruikt een van de woordvormen; vul de vormen aan of verwijder het begrip."),
    "PB401": ("Brondocument niet gevonden", "Controleer de spelling van `bestand` in de bron en zet de tekstversie in de map die je aan `--sources` geeft, of maak een vingerafdruk (`praktijkbank bron vingerafdruk`); een bron met vingerafdruk wordt zonder tekst gecontroleerd."),
    "PB402": ("Regel bestaat niet in de bron", "Zoek de regelnummers op in de tekstversie van de bron; het document is korter dan de genoemde regel."),
    "PB403": ("Citaat niet letterlijk gevonden", "Neem het citaat of fragment letterlijk over uit de bron, met dezelfde leestekens; noemt de verwijzing regels, controleer dan ook die."),
    "PB404": ("Verwijzing niet gecontroleerd", "Maak een vingerafdruk van de bron (`praktijkbank bron vingerafdruk`) of noem regels of een `fragment`, zodat de verwijzing te controleren is."),
    "PB405": ("Spreker niet genoemd in de geciteerde regels", "Voeg de regels toe waar de bron de spreker met naam noemt, bij het citaat of bij de bronnen van het record."),
    "PB406": ("Vingerafdruk onleesbaar", "Maak de vingerafdruk opnieuw met `praktijkbank bron vingerafdruk` en pas het bestand niet met de hand aan."),
    "PB407": ("Vingerafdruk hoort niet bij de tekst", "De tekstversie is veranderd of het is een andere tekst; maak de vingerafdruk opnieuw met `praktijkbank bron vingerafdruk`."),
    "PB501": ("Opdracht niet goed gegeven", "Bekijk `praktijkbank --help` voor de juiste schrijfwijze."),
    "PB502": ("Site kan niet worden geschreven", "Maak ruimte vrij, of zorg dat je in de projectmap (en in site/ en build/) mag schrijven; start de bouw daarna opnieuw."),
    "PB503": ("Er loopt al een bouw", "Wacht tot de andere bouw (of `praktijkbank serve`) klaar is, of stop die eerst."),
    "PB520": ("Projectmap bestaat niet", "Geef met `--root` de map van de Praktijkbank (de map met mkdocs.yml), of ga er eerst heen met `cd`."),
    "PB521": ("Geen mkdocs.yml in de projectmap", "Start praktijkbank in de projectmap (de map met mkdocs.yml), of geef die map op met `--root`."),
    "PB522": ("mkdocs.yml is onleesbaar", "Herstel mkdocs.yml op de genoemde regel: inspringing met spaties, `naam: waarde` per regel."),
    "PB523": ("Paginasjablonen ontbreken", "De sjablonen horen in `theme/templates/` van de projectmap; haal ze terug met `git checkout -- theme/templates`."),
    "PB524": ("Sjabloon voor een nieuw record ontbreekt", "De sjablonen horen in `theme/records/` van de projectmap; haal ze terug met `git checkout -- theme/records`."),
    "PB525": ("Aanmeldformulier ontbreekt", "Het formulier hoort in `.github/ISSUE_TEMPLATE/`; haal het terug met `git checkout -- .github/ISSUE_TEMPLATE`."),
    # PB7xx: `praktijkbank aanmelding`, a submitted "Praktijk aanmelden" form (generator/aanmelding.py).
    "PB701": ("Aanmelding niet in de vorm van het formulier", "Meld de praktijk aan met het formulier Praktijk aanmelden en laat de kopjes (### …) staan."),
    "PB702": ("Onbekende gemeente in de aanmelding", "Schrijf de naam van de gemeente zoals in de Praktijkbank; staat ze er nog niet in, vraag een redacteur haar toe te voegen."),
    "PB703": ("Keuze niet uit de lijst", "Kies een thema, doelgroep, stand van zaken of praktijkniveau uit de lijst van het formulier."),
    "PB704": ("Regel in de aanmelding niet te lezen", "Begin elke regel in een blok met een van de genoemde woorden en een dubbele punt, zoals `Rol: partner`."),
    "PB705": ("Getal of jaartal niet te lezen", "Schrijf een getal als 40 of 12,5 en een jaar met vier cijfers, zoals 2017."),
    "PB706": ("Niet gezegd waar het in de bron staat", "Zet bij elk feit `Regels:` of `Pagina:`, of bij een webbron `Fragment:` met 3 tot 12 woorden letterlijke tekst."),
    "PB707": ("Organisatie zonder naam of rol", "Geef elke organisatie een regel `Naam: …` en een regel `Rol: …` (eigenaar, uitvoerder, partner of financier)."),
    "PB708": ("Verplicht veld van het formulier leeg", "Vul het veld in je aanmelding in (drie puntjes → Edit)."),
    "PB709": ("Onbekende bron in de aanmelding", "Kies een bron uit de lijst, of kies 'Een nieuwe webbron' en vul de velden eronder in."),
    "PB710": ("Webadres of datum niet goed", "Een webadres begint met https://; een datum schrijf je als JJJJ-MM-DD."),
    "PB711": ("Nieuwe bron of organisatie bestaat al", "Kies de bestaande bron in de lijst, of noem de bestaande organisatie zonder Soort en Beschrijving."),
    "PB712": ("Onbekende organisatie in de aanmelding", "Schrijf de naam zoals in de Praktijkbank, of voeg `Soort:` en `Beschrijving:` toe voor een nieuwe organisatie."),
    "PB713": ("Afspraken niet aangevinkt", "Vink alle afspraken onderaan het formulier aan."),
    "PB714": ("Praktijk met deze titel bestaat al", "Stel een verbetering voor op de bestaande pagina, of maak de titel specifieker."),
    "PB715": ("Aanmelding niet te verwerken", "Geef een UTF-8-tekstbestand met de aanmelding (hoogstens 256 KB); lukt het niet, vraag een redacteur."),
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


def _stem(word: str) -> str:
    """A word without doubled letters: Dutch writes one stem as 'loop' and 'lop' ('loopt', 'lopend')."""
    return re.sub(r"(.)\1+", r"\1", word.lower())


def closest(value: object, candidates: Iterable[str]) -> str | None:
    """The candidate `value` most likely means: the only one sharing its longest stem prefix (at
    least 3 letters and half the shorter stem, so 'loopt' finds 'lopend' but 'toelichting' is not
    'toegevoegd'), else the most similar spelling, else None."""
    if not isinstance(value, str):
        return None
    candidates = sorted(candidates)
    stem = _stem(value)
    shared = {c: len(os.path.commonprefix([stem, _stem(c)])) for c in candidates}
    shared = {c: n for c, n in shared.items() if n >= max(3, min(len(stem), len(_stem(c))) / 2)}
    longest = max(shared.values(), default=0)
    best = [c for c, length in shared.items() if length == longest]
    if len(best) == 1:
        return best[0]
    matches = difflib.get_close_matches(value.lower(), candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest(value: object, candidates: Iterable[str]) -> str:
    """A Dutch "did you mean" hint for the candidate closest to `value`, or ''."""
    match = closest(value, candidates)
    return f"bedoelde je '{match}'?" if match else ""


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [p for p in problems if p.severity == ERROR]


def tip(problem: Problem) -> str:
    """What the editor should do: the problem's own hint, else the advice for its code."""
    return problem.hint or CODES[problem.code][1]


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
        text = f"{printable(problem.message)} (tip: {printable(tip(problem))})"
        title = f"{problem.code} {CODES[problem.code][0]}"
        return (f"::{level} file={github_property(printable(problem.path))},line={problem.line},"
                f"col={problem.column},title={github_property(title)}::{github_message(text)}")
    if style == "json":
        return json.dumps(dataclasses.asdict(problem), ensure_ascii=True)
    prefix = "" if problem.severity == ERROR else "waarschuwing: "
    text = (f"{printable(problem.path)}:{problem.line}:{problem.column}: {problem.code} {prefix}"
            f"{printable(problem.message)}")
    text += f"\n    tip: {printable(tip(problem))}"
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


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell: record text and file names cannot add Markdown, HTML or @mentions."""
    from .markup import escape  # imported here: markup needs markupsafe, the rest of this module nothing

    return str(escape(printable(text))).replace("@", "&#64;")


def markdown_report(found: list[Problem]) -> str:
    """Every problem as a row of a Markdown table, for a job summary (which, unlike annotations, has no limit
    of ten)."""
    n_errors = len(errors(found))
    lines = ["## Controle van de records", "",
             f"{n_errors} fout(en), {len(found) - n_errors} waarschuwing(en)." if found else "Geen problemen gevonden."]
    if found:
        lines += ["", *markdown_table(found, "bestand:regel:kolom", lambda p: f"{markdown_cell(p.path)}:{p.line}:{p.column}")]
    return "\n".join(lines) + "\n"


def markdown_table(found: list[Problem], where: str, place: Callable[[Problem], str]) -> list[str]:
    """The lines of a Markdown table of the problems; the first column, headed `where`, holds `place(problem)`
    (already escaped); the tip column holds the problem's own hint or its code's advice."""
    return [f"| {where} | code | soort | melding | tip |", "|---|---|---|---|---|",
            *(f"| {place(p)} | {p.code} | {p.severity} | {markdown_cell(p.message)} | {markdown_cell(tip(p))} |"
              for p in found)]


MAX_PRINTED = 1000  # per run: a flood of messages hides the first ones and ties up the log


def dutch_count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def report(problems: Iterable[Problem], out: TextIO, style: str = "text") -> int:
    """Print the problems (at most MAX_PRINTED, except as JSON), sorted by place, then a Dutch
    summary; return the exit code."""
    found = sorted(set(problems))
    if style == "markdown":
        out.write(markdown_report(found))
        return 1 if errors(found) else 0
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
