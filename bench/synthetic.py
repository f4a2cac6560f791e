"""Deterministic synthetic catalogues for the benchmark: N valid practices with realistic Dutch text.

`write_records(target, n)` writes `practices/` and `content/` (municipalities from the CBS list,
regions, organisations, sources; the real themes and target groups copied from the repository).
The same `n` and `seed` always give byte-identical files. Every municipality, region,
organisation, source, theme and target group is used by at least one practice, so the catalogue
validates without errors and without PB306 warnings.

Sizes, as fractions of `n` (so the site grows like a real catalogue would):
municipalities n/2 (at most the 342 CBS municipalities of 2025), regions n/250 (at least 1, at
most one per province),
organisations n/4, sources n/20 (at least 2). Each practice has about 400 words of text.
"""

from __future__ import annotations

import csv
import datetime
import random
import shutil
from pathlib import Path

import yaml
from slugify import slugify

REPO = Path(__file__).resolve().parent.parent
CBS_FILE = REPO / "generator" / "data" / "cbs_gemeenten.csv"
REAL_VOCABULARIES = ("content/themas", "content/doelgroepen")
SOURCE_FILE = "synthetisch.txt"  # the one source with a text version (`bestand`), as real sources have
SOURCE_LINES = 2400  # cited line numbers stay below this

CONCEPTS = (
    "Buurtkamer", "Wijkteam Jeugd", "Schuldhulp Dichtbij", "Taalcafé", "Mantelzorgpunt", "Huiskamer van de Wijk",
    "Ouderenadviseur aan Huis", "Sociaal Wijkteam", "Doorbraakfonds", "Vroeg Eropaf", "Buurtcoaches",
    "Jongerenwerk op Straat", "Samen Koken", "Digitaal Café", "Klussendienst", "Maatjesproject", "Gezinscoach",
    "Wijkverpleging en Welzijn", "Inloop GGZ", "Werkplaats Meedoen", "Steunpunt Vrijwilligers", "Stille Armoede",
    "Opvoedsteunpunt", "Thuis in de Wijk", "Burenhulp", "Dorpsondersteuner", "Budgetcafé", "Eetpunt",
    "Vitaal Thuis", "Statushouders aan de Slag", "Ontmoetingscentrum Dementie", "Wijkcontract",
    "Preventieakkoord", "Netwerkcoach", "Sportief Meedoen", "Leerwerkplek", "Straatcoaches", "Repair Café",
    "Voorleesexpress", "Kernteam",
)
ALIASES = {"Buurtkamer": "Huiskamer", "Taalcafé": "Taalhuis", "Burenhulp": "Naoberhulp", "Eetpunt": "Eettafel",
           "Gezinscoach": "Gezinsregisseur", "Budgetcafé": "Geldcafé", "Klussendienst": "Klusbus"}

DESCRIPTION = (
    "In {gemeente} merkten sociaal werkers dat {doelgroep} de weg naar hulp vaak te laat vinden.",
    "De gemeente wilde de ondersteuning dichter bij huis organiseren, in de buurt waar mensen wonen.",
    "Het idee ontstond aan de keukentafel, in gesprekken tussen bewoners, de wijkverpleging en {org}.",
    "Veel inwoners hadden geen zin in formulieren en wachtlijsten, maar wel in een gesprek met iemand die ze kennen.",
    "Het doel is dat problemen eerder op tafel komen, zodat zwaardere zorg minder vaak nodig is.",
    "Voor {doelgroep} is het vaak lastig om hulp te vragen; schaamte en wantrouwen spelen daarbij een grote rol.",
    "De aanpak past bij het thema {thema}: inwoners doen zelf mee en professionals sluiten daarop aan.",
    "Sinds de decentralisaties is de gemeente verantwoordelijk voor jeugdhulp, Wmo en participatie.",
    "Daarom zocht {gemeente} naar een manier om die drie domeinen niet langer los van elkaar te organiseren.",
    "Bewoners, vrijwilligers en beroepskrachten werken samen vanuit één plek in de wijk.",
    "De praktijk is klein begonnen, in één buurt, en later over de hele gemeente uitgerold.",
    "Uit gesprekken met bewoners bleek dat eenzaamheid en geldzorgen vaak samen voorkomen.",
    "De gemeenteraad stemde in met een proef van twee jaar, met een evaluatie halverwege.",
    "{org} zorgt voor de dagelijkse uitvoering en houdt contact met de huisartsen in de wijk.",
    "Wie binnenloopt, krijgt eerst koffie en een luisterend oor; pas daarna gaat het over regels.",
    "De werkwijze sluit aan bij wat inwoners zelf kunnen en bij het netwerk om hen heen.",
    "Het gaat niet om een nieuw loket, maar om een andere manier van werken in bestaande teams.",
    "Professionals krijgen meer ruimte om zelf te beslissen, zonder eerst toestemming te vragen.",
    "Het initiatief kreeg landelijk aandacht omdat het laat zien wat een kleine investering oplevert.",
    "Volgens de betrokkenen is vertrouwen tussen gemeente en uitvoerders de belangrijkste voorwaarde.",
)
APPROACH_INTRO = (
    "Een inwoner kan zonder verwijzing binnenlopen of wordt aangemeld door een buur, de huisarts of de school.",
    "De aanpak bestaat uit een paar vaste stappen, die de uitvoerders samen met de inwoner doorlopen.",
    "Iedere aanvraag begint met een gesprek thuis, omdat mensen daar het meest vertellen.",
)
APPROACH_STEPS = (
    "een vaste contactpersoon maakt binnen een week een eerste afspraak",
    "samen met de inwoner wordt een plan gemaakt in gewone taal",
    "het netwerk van familie, buren en vrijwilligers wordt erbij betrokken",
    "de professional mag tot een vast bedrag zelf beslissen over een oplossing",
    "na drie maanden kijken de inwoner en de coach samen terug",
    "vrijwilligers worden getraind en krijgen begeleiding van een beroepskracht",
    "de wijkverpleging en de huisarts melden zorgen vroeg aan het team",
    "schulden worden in kaart gebracht voordat er een aanmaning komt",
    "een maandelijks overleg bespreekt situaties die vastlopen",
    "de gemeente regelt de indicatie achteraf, zodat de hulp meteen kan beginnen",
)
APPROACH_CLOSE = (
    "{org} levert de coördinator en zorgt voor de planning van de vrijwilligers.",
    "De gemeente betaalt de inzet uit het budget voor algemene voorzieningen.",
    "Er is geen wachtlijst: wie zich meldt, wordt dezelfde week gebeld.",
    "De teams werken in de wijk, op vaste dagen in het buurthuis of de bibliotheek.",
    "Bij ingewikkelde vragen schuift een specialist aan, bijvoorbeeld van de schuldhulp of de ggz.",
    "Alle betrokken organisaties gebruiken hetzelfde plan, zodat inwoners hun verhaal één keer vertellen.",
)
RESULTS = (
    ("Aantal inwoners dat in {jaar} werd geholpen, volgens de jaarrapportage van {org}.", "inwoners"),
    ("Aantal actieve vrijwilligers aan het eind van {jaar}, verspreid over de wijken.", "vrijwilligers"),
    ("Bedrag dat de gemeente in {jaar} bespaarde op maatwerkvoorzieningen, volgens een eigen berekening.", "euro"),
    ("Deel van de deelnemers dat na een half jaar minder zorgen had, gemeten met een korte vragenlijst.", "procent"),
    ("Aantal huishoudens met schulden dat in {jaar} op tijd werd bereikt, vóór een huisuitzetting.", "huishoudens"),
    ("Aantal bijeenkomsten in {jaar}, met gemiddeld twintig bezoekers per keer.", "bijeenkomsten"),
)
SUCCESS = (
    "Een vaste contactpersoon die inwoners kennen en vertrouwen.",
    "Korte lijnen tussen de gemeente, het sociaal werk en de huisartsen.",
    "Ruimte voor professionals om zelf te beslissen, met een eigen budget.",
    "Vrijwilligers uit de buurt die dezelfde taal spreken als de bewoners.",
    "Een bestuur dat de aanpak ook steunt als de resultaten even op zich laten wachten.",
    "Een laagdrempelige plek in de wijk, zonder balie en zonder formulieren.",
)
LESSONS = (
    "Het kostte meer tijd dan verwacht om de privacyregels met alle partners af te spreken.",
    "Vrijwilligers haken af als ze te weinig begeleiding krijgen; plan daar tijd voor in.",
    "De financiering per jaar maakt het lastig om vaste medewerkers aan te nemen.",
    "Resultaten zijn moeilijk in cijfers te vangen, omdat veel winst in voorkomen zit.",
    "Inwoners met weinig geld bereik je niet met een folder, wel via de school of de huisarts.",
)
QUOTES = (
    "Mensen komen eerder, omdat ze weten dat hier iemand zit die naar ze luistert.",
    "We doen niet meer, maar we doen het eerder en samen, en dat scheelt veel ellende.",
    "Het mooiste is als een bewoner later zelf vrijwilliger wordt bij ons.",
    "Je moet het aandurven om de regels even los te laten als de situatie daarom vraagt.",
)
PARTS = (
    ("Spreekuur in de bibliotheek", "Een wekelijks spreekuur waar inwoners zonder afspraak terechtkunnen met vragen over geld, zorg en werk."),
    ("Budget voor maatwerk", "Een klein budget waarmee de professional direct een oplossing kan betalen, zonder aanvraagprocedure."),
    ("Training voor vrijwilligers", "Een korte training over gespreksvoering en signalen van schulden, eenzaamheid en huiselijk geweld."),
)
ORGANISATION_KINDS = (
    ("Welzijn {plaats}", "sociaalwerkorganisatie"), ("Stichting Samen {plaats}", "sociaalwerkorganisatie"),
    ("Buurtwerk {plaats}", "sociaalwerkorganisatie"), ("Zorggroep {plaats}", "zorgaanbieder"),
    ("Woonstichting {plaats}", "woningcorporatie"), ("Gemeente {plaats}", "gemeente"),
    ("Bewonersvereniging {plaats}", "inwonersinitiatief"), ("Hogeschool {plaats}", "onderwijs"),
    ("Vrijwilligerscentrale {plaats}", "overig"),
)
ORGANISATION_TEXT = (
    "{naam} werkt in {plaats} met beroepskrachten en vrijwilligers aan een sterke sociale basis in de wijken.",
    "De organisatie richt zich op ondersteuning dichtbij huis en werkt nauw samen met de gemeente en de huisartsen.",
)
MUNICIPALITY_TEXT = (
    "{plaats} organiseert de ondersteuning in het sociaal domein vanuit de wijken, volgens de bron uit {jaar}.",
    "De gemeente werkt met sociale teams waarin jeugd, Wmo en werk samenkomen, en geeft sociaal werkers ruimte voor maatwerk.",
)
FIRST_NAMES = ("Anne", "Bram", "Fatima", "Henk", "Ingrid", "Jeroen", "Karin", "Mohamed", "Noor", "Pieter", "Sanne", "Wim")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Yilmaz")
PUBLISHERS = ("Sociaal Werk Nederland", "Movisie", "Verwey-Jonker Instituut", "Platform31", "VNG", "Gemeente {plaats}")
SOURCE_KINDS = ("verslag", "rapport", "portrettenbundel", "artikel", "onderzoek", "beleidsstuk")
STATUS = ("lopend", "lopend", "lopend", "pilot", "in-voorbereiding", "beeindigd", "onbekend")
LEVELS = ("beschreven", "beschreven", "lokaal-geevalueerd", "meerdere-gemeenten", "erkend")
ROLES = ("eigenaar", "uitvoerder", "partner", "financier")


class _Dumper(yaml.CSafeDumper):
    """Writes multi-line text as literal blocks (`|`), as editors do, instead of escaped one-liners."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump(data: dict) -> str:
    """A record as YAML text."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def cbs_municipalities() -> list[dict]:
    """The municipalities that exist in 2025, in CBS code order."""
    with CBS_FILE.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["bestaat_2025"] == "true"]


def vocabulary(folder: Path) -> dict[str, str]:
    """Slug -> name of the real themes or target groups in a `content/` folder."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["naam"] for path in sorted(folder.glob("*.yml"))}


def unique_slug(title: str, taken: set[str]) -> str:
    """The slug of `title`, numbered (`-2`, `-3`, …) when it is already taken."""
    base = slug = slugify(title)
    number = 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


class Generator:
    """Builds all records of one catalogue from one seeded random stream; `records()` yields them."""

    def __init__(self, n: int, seed: int, themes: dict[str, str], groups: dict[str, str]):
        self.rng = random.Random(f"{seed}:{n}")
        self.n = n
        self.themes, self.groups = themes, groups
        cbs = cbs_municipalities()
        chosen = sorted(self.rng.sample(cbs, min(len(cbs), max(2, n // 2))), key=lambda row: row["statcode"])
        self.municipalities = {slugify(row["naam"]): row for row in chosen}
        self.regions = self._regions(max(1, n // 250))
        self.sources = self._sources(max(2, n // 20))
        self.organisations = self._organisations(max(1, n // 4))
        needed = max(len(self.places), len(self.organisations), len(self.sources), len(themes), len(groups))
        if n < needed:
            raise ValueError(f"{n} practices cannot use all {needed} records of one kind; use at least {needed}")

    @property
    def places(self) -> list[str]:
        """Municipalities and regions a practice can be in."""
        return list(self.municipalities) + list(self.regions)

    def name(self, place: str) -> str:
        return self.municipalities[place]["naam"] if place in self.municipalities else self.regions[place]["naam"]

    def reference(self, source: str | None = None) -> dict:
        """A source reference with a line range (or, one time in ten, a page)."""
        source = source or self.rng.choice(list(self.sources))
        if self.rng.random() < 0.1:
            return {"bron": source, "pagina": str(self.rng.randint(2, 120))}
        first = self.rng.randint(1, SOURCE_LINES - 20)
        return {"bron": source, "regels": f"{first}-{first + self.rng.randint(1, 12)}"}

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _regions(self, count: int) -> dict[str, dict]:
        """Regions of two to four municipalities of one province."""
        by_province: dict[str, list[str]] = {}
        for slug, row in self.municipalities.items():
            by_province.setdefault(row["provincie"], []).append(slug)
        candidates = sorted(members for members in by_province.values() if len(members) >= 2)
        regions = {}
        for members in self.rng.sample(candidates, min(count, len(candidates))):
            leden = sorted(self.rng.sample(members, min(len(members), self.rng.randint(2, 4))))
            naam = f"Regio {self.municipalities[leden[0]]['naam']} en omstreken"
            regions[slugify(naam)] = {"naam": naam, "leden": leden,
                                      "provincie": self.municipalities[leden[0]]["provincie"]}
        return regions

    def _sources(self, count: int) -> dict[str, dict]:
        sources = {}
        for number in range(1, count + 1):
            year = self.rng.randint(2014, 2025)
            kind = self.rng.choice(SOURCE_KINDS)
            place = self.municipalities[self.rng.choice(list(self.municipalities))]["naam"]
            source = {
                "titel": f"Sociaal domein in de praktijk, deel {number}",
                "uitgever": self.rng.choice(PUBLISHERS).format(plaats=place),
                "jaar": year,
                "soort": kind,
                "beschrijving": f"Een {kind} uit {year} over goede praktijken in het sociaal domein, met portretten en cijfers.",
            }
            if number == 1:
                source["bestand"] = SOURCE_FILE
            sources[f"synthetische-bron-{number}"] = source
        return sources

    def _organisations(self, count: int) -> dict[str, dict]:
        organisations: dict[str, dict] = {}
        taken: set[str] = set()
        places = list(self.municipalities)
        for number in range(count):
            home = places[number % len(places)]
            pattern, kind = self.rng.choice(ORGANISATION_KINDS)
            naam = pattern.format(plaats=self.municipalities[home]["naam"])
            organisations[unique_slug(naam, taken)] = {"naam": naam, "soort": kind, "home": home}
        return organisations

    def sentences(self, pool: tuple[str, ...], count: int, **names: str) -> list[str]:
        """`count` different sentences from `pool`, with the names filled in."""
        return [sentence.format(**names) for sentence in self.rng.sample(pool, count)]

    def municipality_record(self, slug: str) -> dict:
        row = self.municipalities[slug]
        source = self.rng.choice(list(self.sources))
        year = self.sources[source]["jaar"]
        record = {"naam": row["naam"], "soort": "gemeente", "cbs_code": row["statcode"], "provincie": row["provincie"],
                  "inwoners": [{"aantal": self.rng.randint(5_000, 250_000), "ongeveer": True, "jaar": year,
                                "bron": self.reference(source)}],
                  "bestuurders": [{"naam": self.person(), "functie": "wethouder", "portefeuille": "Zorg en Welzijn",
                                   "jaar": year, "bron": self.reference(source)}]}
        workers = [o for o, data in self.organisations.items()
                   if data["home"] == slug and data["soort"] == "sociaalwerkorganisatie"]
        if workers:
            record["sociaalwerkorganisaties"] = workers
        record["aanpak"] = " ".join(t.format(plaats=row["naam"], jaar=year) for t in MUNICIPALITY_TEXT)
        record["bronnen"] = [self.reference(source)]
        return record

    def region_record(self, slug: str) -> dict:
        region = self.regions[slug]
        return {"naam": region["naam"], "soort": "regio", "provincie": region["provincie"], "leden": region["leden"],
                "aanpak": f"De gemeenten in {region['naam']} kopen samen jeugdhulp in en delen hun kennis over de sociale basis.",
                "bronnen": [self.reference()]}

    def organisation_record(self, slug: str) -> dict:
        data = self.organisations[slug]
        plaats = self.municipalities[data["home"]]["naam"]
        return {"naam": data["naam"], "soort": data["soort"],
                "beschrijving": " ".join(t.format(naam=data["naam"], plaats=plaats) for t in ORGANISATION_TEXT),
                "gemeenten": [data["home"]], "bronnen": [self.reference()]}

    def titles(self) -> list[tuple[str, str, str]]:
        """(slug, title, concept) of every practice; practice i is in place i (round robin)."""
        taken: set[str] = set()
        places = self.places
        found = []
        for number in range(self.n):
            concept = self.rng.choice(CONCEPTS)
            title = f"{concept} {self.name(places[number % len(places)])}"
            found.append((unique_slug(title, taken), title, concept))
        return found

    def practice_record(self, number: int, title: str, concept: str, slugs: list[str]) -> dict:
        """Practice `number` of the catalogue; its first place, organisation, source, theme and
        target group go round robin, so every one of them is used."""
        rng = self.rng
        places = self.places
        place = places[number % len(places)]
        others = rng.sample(places, rng.choice((0, 0, 0, 1)))
        gemeenten = list(dict.fromkeys([place] + others))
        organisations = list(self.organisations)
        orgs = list(dict.fromkeys([organisations[number % len(organisations)]] + rng.sample(organisations, rng.randint(0, 2))))
        themes = list(dict.fromkeys([list(self.themes)[number % len(self.themes)]] + rng.sample(list(self.themes), rng.randint(0, 2))))
        groups = list(dict.fromkeys([list(self.groups)[number % len(self.groups)]] + rng.sample(list(self.groups), rng.randint(0, 2))))
        source = list(self.sources)[number % len(self.sources)]
        year = self.sources[source]["jaar"]
        names = {"gemeente": self.name(place), "org": self.organisations[orgs[0]]["naam"],
                 "doelgroep": self.groups[groups[0]].lower(), "thema": self.themes[themes[0]].lower()}
        added = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
        level = rng.choice(LEVELS)
        steps = ";\n".join(f"- {step}" for step in rng.sample(APPROACH_STEPS, 4)) + "."
        description = self.sentences(DESCRIPTION, 11, **names)
        record: dict = {"titel": title}
        if concept in ALIASES and rng.random() < 0.5:
            record["andere_namen"] = [title.replace(concept, ALIASES[concept], 1)]
        record.update({
            "samenvatting": f"{concept} in {names['gemeente']}: ondersteuning dichtbij huis voor {names['doelgroep']}, "
                            f"samen met {names['org']}.",
            "beschrijving": " ".join(description[:6]) + "\n\n" + " ".join(description[6:]),
            "aanpak": f"{rng.choice(APPROACH_INTRO)} Daarna:\n\n{steps}\n\n" + " ".join(self.sentences(APPROACH_CLOSE, 3, **names)),
            "gemeenten": gemeenten,
            "organisaties": [{"organisatie": o, "rol": rng.choice(ROLES)} for o in orgs],
            "themas": themes,
            "doelgroepen": groups,
            "startjaar": year - rng.randint(0, 4),
            "status": rng.choice(STATUS),
            "resultaten": [self.result(text, unit, year, source, names) for text, unit in rng.sample(RESULTS, 3)],
            "succesfactoren": rng.sample(SUCCESS, 3),
            "lessen": rng.sample(LESSONS, 2),
        })
        if rng.random() < 0.3:
            record["onderdelen"] = [{"titel": part, "beschrijving": text, "bronnen": [self.reference(source)]}
                                    for part, text in rng.sample(PARTS, 1)]
        record["citaten"] = [{"tekst": rng.choice(QUOTES), "wie": self.person(), "rol": f"coördinator, {names['org']}",
                              "jaar": year, "bron": self.reference(source)}]
        related = [s for s in rng.sample(slugs, min(len(slugs), rng.choice((0, 1, 2, 3)))) if s != slugs[number]]
        if related:
            record["verwante_praktijken"] = related
        record["bronnen"] = [self.reference(source)]
        record["praktijkniveau"] = level
        if level == "erkend":
            record["erkenning"] = f"https://interventies.voorbeeld.invalid/{slugs[number]}"
        record["toegevoegd"] = added.isoformat()
        record["bijgewerkt"] = (added + datetime.timedelta(days=rng.randint(0, 200))).isoformat()
        return record

    def result(self, text: str, unit: str, year: int, source: str, names: dict[str, str]) -> dict:
        value = self.rng.randint(10, 90) if unit == "procent" else self.rng.randint(12, 4_000)
        return {"omschrijving": text.format(jaar=year, **names), "waarde": value, "eenheid": unit, "jaar": year,
                "bron": self.reference(source)}

    def records(self):
        """Every record as (folder, slug, data); practices first, since they decide which records are used."""
        titles = self.titles()
        slugs = [slug for slug, _title, _concept in titles]
        for number, (slug, title, concept) in enumerate(titles):
            yield "practices", slug, self.practice_record(number, title, concept, slugs)
        for slug in self.municipalities:
            yield "content/gemeenten", slug, self.municipality_record(slug)
        for slug in self.regions:
            yield "content/gemeenten", slug, self.region_record(slug)
        for slug in self.organisations:
            yield "content/organisaties", slug, self.organisation_record(slug)
        for slug, source in self.sources.items():
            yield "content/bronnen", slug, source


def write_records(target: Path, n: int, seed: int = 2026) -> Path:
    """Write a synthetic catalogue of `n` practices (`practices/`, `content/`) into `target`; return it."""
    for folder in REAL_VOCABULARIES:
        shutil.copytree(REPO / folder, target / folder, dirs_exist_ok=True)
    generator = Generator(n, seed, vocabulary(REPO / "content/themas"), vocabulary(REPO / "content/doelgroepen"))
    for folder, slug, data in generator.records():
        path = target / folder / f"{slug}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(data), encoding="utf-8", newline="\n")
    return target
