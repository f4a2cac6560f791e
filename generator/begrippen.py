"""Glossary terms in record text: each page links the first use of a term to its entry in *Begrippen*.

The glossary is a record kind (`content/begrippen/<slug>.yml`, schema `begrip.schema.json`): each
term lists the word forms that stand for it (`indiceren`, `indiceert`, `geïndiceerd`…). Linking
works on HTML that `markup` has already escaped (inline text, or prose converted from Markdown),
outside its tags, and only wraps whole words made of letters, digits, spaces, apostrophes and
hyphens, which escaping leaves as they are; so no character of record text is ever unescaped.
Escaping writes `"` as `&#34;`, so a form of digits (`34`) could match inside an entity: a match
never starts right after `&` or `#`, and since a form holds neither, it can then neither start nor
end inside a character entity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator

from markupsafe import Markup

from .load import Record
from .markup import html_text
from .problems import WARNING, Problem

# Prose fields in which terms are linked (dotted paths; `[]` is every item of a list). Titles,
# headings, names and quotes are left alone: quotes keep the speaker's words as they are shown.
PROSE_FIELDS = {
    "praktijk": ("samenvatting", "beschrijving", "aanpak", "resultaten[].omschrijving", "succesfactoren[]",
                 "lessen[]", "onderdelen[].beschrijving", "bronverschillen[].toelichting"),
    "gemeente": ("aanpak", "onderdelen[].beschrijving", "bronverschillen[].toelichting"),
    "organisatie": ("beschrijving",),
}


def _values(data: object, parts: list[str], path: tuple) -> Iterator[tuple[tuple, str]]:
    if not parts:
        if isinstance(data, str):
            yield path, data
        return
    name, rest = parts[0], parts[1:]
    many = name.endswith("[]")
    value = data.get(name.removesuffix("[]")) if isinstance(data, dict) else None
    if many and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _values(item, rest, path + (name.removesuffix("[]"), index))
    elif not many and value is not None:
        yield from _values(value, rest, path + (name,))


def prose(record: Record) -> Iterator[tuple[tuple, str]]:
    """Every prose text of a record in which terms are linked, as (path, text)."""
    for field in PROSE_FIELDS.get(record.kind, ()):
        yield from _values(record.data, field.split("."), ())


def form_pattern(forms: Iterable[str]) -> re.Pattern:
    """Whole-word, case-insensitive match of any of the forms, longest first (`kadernota's` before
    `kadernota`); a space in a form matches any run of white space. A hyphen ends a word, so the
    `Wmo` of `Wmo-loket` is a use of the term. A match never follows `&` or `#`: in escaped text
    that is the inside of a character entity (`&#34;`, `&amp;`)."""
    alternatives = sorted(set(forms), key=lambda form: (-len(form), form))
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in alternatives)
    return re.compile(rf"(?<![\w#&])(?:{body})(?!\w)", re.IGNORECASE) if body else re.compile(r"(?!)")


class Glossary:
    """Every term with its forms, compiled once per site."""

    def __init__(self, terms: Iterable[tuple[str, dict]]):
        self.terms = dict(terms)
        self.slug_of = {form: slug for slug, data in sorted(self.terms.items()) for form in data["vormen"]}
        self.pattern = form_pattern(self.slug_of)
        # In HTML: a whole tag (left as it is), or a use of a term.
        self.in_html = re.compile(rf"<[^>]*>|{self.pattern.pattern}", re.IGNORECASE)

    def term_of(self, words: str) -> str | None:
        """The slug of the term that matched words stand for (`Geïndiceerd` -> `indiceren`)."""
        return self.slug_of.get(" ".join(words.casefold().split()))

    def used_in(self, text: str) -> Iterator[str]:
        """The slug of every use of a term in plain text."""
        for match in self.pattern.finditer(text):
            if slug := self.term_of(match.group()):
                yield slug


class PageTerms:
    """The terms of one page: `link()` wraps the first use of each in a link to its entry, whose
    definition is the link's description (`aria-describedby`, read by screen readers; the site's
    script shows it on hover as well); `definitions()` prints the described elements, once per term."""

    def __init__(self, glossary: Glossary, href: Callable[[str], str]):
        self.glossary = glossary
        self.href = href
        self.used: list[str] = []

    def link(self, text: object) -> Markup:
        """HTML (plain text is escaped first) with the first use on this page of each term linked."""
        def replace(match: re.Match) -> str:
            slug = None if match.group().startswith("<") else self.glossary.term_of(match.group())
            if slug is None or slug in self.used:
                return match.group()
            self.used.append(slug)
            return f'<a class="pb-begrip" href="{html.escape(self.href(slug))}" aria-describedby="begrip-{slug}">{match.group()}</a>'

        return Markup(self.glossary.in_html.sub(replace, str(html_text(text))))

    __call__ = link

    def definitions(self) -> Markup:
        """The definitions the links on this page refer to, hidden: screen readers read them as
        the description of the link."""
        if not self.used:
            return Markup("")
        items = "".join(f'<span id="begrip-{slug}">{html_text(self.glossary.terms[slug]["term"])}: '
                        f'{html_text(self.glossary.terms[slug]["uitleg"])}</span>' for slug in self.used)
        return Markup(f'<div class="pb-begrippen-uitleg" hidden data-pagefind-ignore="all">{items}</div>')


def check_forms(records: list[Record]) -> Iterator[Problem]:
    """A word form belongs to one term only, or the site could not tell which entry to link."""
    owner: dict[str, str] = {}
    for record in sorted((r for r in records if r.kind == "begrip" and r.readable), key=lambda r: r.slug):
        for index, form in enumerate(record.data.get("vormen") or ()):
            if not isinstance(form, str):
                continue
            if form.casefold() in owner:
                line, column = record.where(("vormen", index))
                yield Problem(record.path, line, column, "PB330",
                              f"de woordvorm '{form}' hoort ook bij het begrip '{owner[form.casefold()]}'",
                              "haal de vorm bij een van de twee begrippen weg")
            else:
                owner[form.casefold()] = record.slug


def check_unused(records: list[Record]) -> Iterator[Problem]:
    """A term that no record text uses is dead weight on the Begrippen page (a warning)."""
    terms = [r for r in records if r.kind == "begrip" and r.readable and isinstance(r.data.get("vormen"), list)]
    glossary = Glossary((r.slug, {"vormen": [f for f in r.data["vormen"] if isinstance(f, str)]}) for r in terms)
    used = {slug for record in records if record.readable for _path, text in prose(record)
            for slug in glossary.used_in(text)}
    for record in terms:
        if record.slug not in used:
            line, column = record.where(("vormen",))
            yield Problem(record.path, line, column, "PB331",
                          f"geen enkele praktijk, gemeente of organisatie gebruikt het begrip '{record.slug}'",
                          "controleer de woordvormen onder `vormen`, of verwijder het begrip", WARNING)


def check(records: list[Record]) -> list[Problem]:
    """Every problem of the glossary as a whole."""
    return [*check_forms(records), *check_unused(records)]
