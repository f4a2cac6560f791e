"""Glossary: the first use of a term on a page links to its entry in Begrippen, with the
definition as the link's description; record text stays escaped; every jargon word the records
use is defined."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.begrippen import Glossary, PageTerms, prose
from generator.load import load
from generator.markup import html_text, markdown_text, prose_html

from .conftest import REPO

TERMS = {
    "indiceren": {"term": "Indiceren", "uitleg": "Vaststellen welke hulp iemand nodig heeft.",
                  "vormen": ["indiceren", "indiceert", "geïndiceerd", "indicatie"]},
    "wmo": {"term": "Wmo", "uitleg": "Wet maatschappelijke ondersteuning.", "vormen": ["wmo"]},
    "sociaal-domein": {"term": "Sociaal domein", "uitleg": "Zorg, welzijn, jeugd, werk en inkomen.",
                       "vormen": ["sociaal domein", "sociale domein"]},
}
LINK = re.compile(r'<a class="pb-begrip" href="[^"]*" aria-describedby="begrip-[a-z0-9-]+">|</a>')


def page_terms(terms: dict = TERMS) -> PageTerms:
    return PageTerms(Glossary(terms.items()), lambda slug: f"../../begrippen/{slug}/")


def test_first_use_on_a_page_is_linked_with_its_definition():
    terms = page_terms()
    first = terms(html_text("Het team indiceert zelf. Wie is geïndiceerd, krijgt hulp."))
    second = terms(prose_html("Ook hier een indicatie, en de Wmo."))
    assert first.count("<a ") == 1 and second.count("<a ") == 1
    assert '<a class="pb-begrip" href="../../begrippen/indiceren/" aria-describedby="begrip-indiceren">indiceert</a>' in first
    assert ">Wmo</a>" in second and "indicatie," in second
    assert terms.definitions() == (
        '<div class="pb-begrippen-uitleg" hidden data-pagefind-ignore="all">'
        '<span id="begrip-indiceren">Indiceren: Vaststellen welke hulp iemand nodig heeft.</span>'
        '<span id="begrip-wmo">Wmo: Wet maatschappelijke ondersteuning.</span></div>')


def test_a_page_without_terms_gets_no_definitions():
    terms = page_terms()
    assert terms(html_text("Niets bijzonders.")) == "Niets bijzonders."
    assert terms.definitions() == ""


@pytest.mark.parametrize(("text", "linked"), [
    ("Contraindicatie en indicatiestelling", None),  # part of a longer word: not the term
    ("het Wmo-loket", "Wmo"),  # a hyphen ends a word
    ("HET SOCIALE\n  DOMEIN", "SOCIALE\n  DOMEIN"),  # case and line breaks as written
    ("Geïndiceerd.", "Geïndiceerd"),
])
def test_only_whole_forms_are_linked_as_written(text: str, linked: str | None):
    out = page_terms()(prose_html(text))
    found = re.findall(r'aria-describedby="[^"]+">(.*?)</a>', out, re.DOTALL)
    assert found == ([linked] if linked else [])


HOSTILE = [
    'indiceren"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>wmo</img>",
    "[indiceren](javascript:alert(1)) {: onclick=alert(1) }",
    "&#60;indiceren&#62; &amp; \u212a wmo",  # entities as text; the Kelvin sign folds to k
    "**indiceren** `wmo` # kop",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", [html_text, markdown_text, prose_html])
def test_linking_never_unescapes_record_text(text: str, field):
    hostile_terms = {slug: {**data, "uitleg": 'Uitleg" onmouseover="alert(1)" <b>x</b>'} for slug, data in TERMS.items()}
    escaped = field(text)
    out = page_terms(hostile_terms)(escaped)
    assert LINK.sub("", out) == escaped  # only our own tags were added; the text is untouched
    assert "<a " in out
    own_tags = set(re.findall(r"<[^>]*>", escaped))  # a paragraph's or a list's, from prose_html
    for tag in re.findall(r"<[^>]*>", out):
        assert LINK.fullmatch(tag) or tag in own_tags, f"unexpected tag {tag!r}"


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_record_text_is_escaped_before_linking(text: str):
    """A template may hand over a field as it is (`samenvatting`): it is escaped first."""
    out = page_terms()(text)
    assert LINK.sub("", out) == html_text(text)


def jargon_without_definition(records, glossary: Glossary) -> list[str]:
    """Each use in record prose of a word from the jargon list that no glossary term covers."""
    missing = []
    for record in records:
        for path, text in prose(record):
            for match in JARGON.finditer(text):
                if glossary.term_of(match.group()) is None:
                    missing.append(f"{record.path} {'.'.join(map(str, path))}: {match.group()}")
    return missing


# Words sociaal werkers may not know (issue 15), with their inflections: each use needs a definition.
JARGON = re.compile(r"(?<!\w)(?:"
                    r"indic(?:eren|eert|eerde|eerden|atie|aties)|geïndiceerd|beschikkingen|beschikking|mandaat|"
                    r"op(?:schalen|geschaald)|af(?:schalen|geschaald)|eerstelijns|tweedelijns\w*|transities?|"
                    r"transformatie|kadernota(?:'s)?|aanbested\w*|centrumgemeenten?|griffie|participeren|"
                    r"participatie|decentralisaties?|ontschot\w*|voorliggende?|awbz|cjg|wmo|jeugdwet|"
                    r"participatiewet|generalist\w*|vergunninghouders?|statushouders?|mantelzorg\w*|maatwerk"
                    r")(?!\w)", re.IGNORECASE)


@pytest.fixture(scope="module")
def records():
    found, problems = load(REPO)
    assert not problems
    return found


def test_every_jargon_word_in_the_records_is_defined(records):
    glossary = Glossary((r.slug, r.data) for r in records if r.kind == "begrip")
    assert jargon_without_definition(records, glossary) == []


def test_a_used_term_without_definition_fails(records):
    """The check above is not vacuous: without the term `indiceren` the records' uses are found."""
    glossary = Glossary((r.slug, r.data) for r in records if r.kind == "begrip" and r.slug != "indiceren")
    missing = jargon_without_definition(records, glossary)
    assert missing and all(re.search(r"indic|geïndiceerd", m, re.IGNORECASE) for m in missing)


def test_every_term_link_on_the_site_is_defined_on_its_page(real_site: Path):
    """Each link to a term leads to the term's page, is described by its definition on the same page,
    and appears once per page."""
    terms = {p.stem for p in (REPO / "content" / "begrippen").glob("*.yml")}
    total = 0
    for page in sorted(real_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<a class="pb-begrip" href="([^"]+)" aria-describedby="begrip-([a-z0-9-]+)">', text)
        slugs = [slug for _href, slug in links]
        assert len(slugs) == len(set(slugs)), f"{page}: a term is linked twice"
        for href, slug in links:
            assert slug in terms
            assert (page.parent / href / "index.html").resolve() == real_site / "begrippen" / slug / "index.html"
            assert re.search(rf'<span id="begrip-{slug}">[^<]+: [^<]+</span>', text), f"{page}: {slug}"
        total += len(links)
    assert total > 100


def test_the_glossary_page_defines_every_term(real_site: Path):
    text = (real_site / "begrippen" / "index.html").read_text(encoding="utf-8")
    for path in (REPO / "content" / "begrippen").glob("*.yml"):
        assert f'<dt id="{path.stem}"><dfn><a href="{path.stem}/">' in text


@pytest.mark.parametrize(("field", "escaped_start"), [(html_text, "&#34;hallo&#34; &amp; "),
                                                     (markdown_text, "&#34;hallo&#34; &#38; ")])
def test_a_form_of_digits_never_lands_inside_a_character_entity(field, escaped_start: str):
    """Escaping writes `"` as `&#34;` and `&` as `&#38;` or `&amp;`: a form `34`, `38` or `amp` must not link there."""
    terms = {"vierendertig": {"term": "34", "uitleg": "Een getal.", "vormen": ["34", "38", "amp", "x22"]}}
    escaped = field('"hallo" & 34')
    out = page_terms(terms)(escaped)
    assert out.startswith(escaped_start + "<a ") and out.endswith(">34</a>")


def test_a_form_never_links_inside_a_tag():
    """Prose is HTML by the time terms are linked: a form that is also a tag or attribute name stays out of the tag."""
    terms = {"sterk": {"term": "Strong", "uitleg": "Sterk.", "vormen": ["strong", "p", "li"]}}
    out = page_terms(terms)(prose_html("**Vet** in een zin.\n\n- een punt over strong"))
    assert out == ('<p><strong>Vet</strong> in een zin.</p>\n<ul>\n<li>een punt over <a class="pb-begrip" '
                   'href="../../begrippen/sterk/" aria-describedby="begrip-sterk">strong</a></li>\n</ul>')
