"""Record text on a page: long text keeps paragraphs, emphasis and lists through the builder's Markdown
and nothing else; inline values and front matter stay data; citations name each document once."""

import html

import hypothesis
import markdown
import pytest
import yaml
from hypothesis import strategies as st

from generator.markup import escape, markdown_text, prose_html
from generator.render import front_matter, per_document


def rendered(text: str) -> str:
    return markdown.markdown(markdown_text(text), extensions=["md_in_html", "attr_list", "tables"])


def test_bold_at_the_start_of_a_line_stays_bold():
    html = rendered("**Het team.** Een buurtteam heeft een teamleider.\n\n*Nadruk* midden in **de** zin.")
    assert "<strong>Het team.</strong> Een buurtteam" in html
    assert "<em>Nadruk</em>" in html and "<strong>de</strong>" in html
    assert "&#42;" not in html


def test_lists_stay_lists():
    html = rendered("Stappen:\n\n- aanmelden\n- gesprek\n\nDaarna:\n\n1. eerst\n2. dan")
    assert html.count("<li>") == 4 and "<ul>" in html and "<ol>" in html


@pytest.mark.parametrize("text", ["Kop\n===", "Kop\n---", "***", "---", "- - -", "_ _ _", "  * * *", "Kop\n-"])
def test_rules_and_underlined_headings_stay_text(text: str):
    html = rendered(text)
    assert "<hr" not in html and "<h1" not in html and "<h2" not in html, html


@pytest.mark.parametrize("text", ["# Geen kop", "<b>HTML</b>", "[link](javascript:alert(1))", "{: .klasse }"])
def test_headings_html_links_and_attributes_stay_text(text: str):
    html = rendered(text)
    assert "<h1" not in html and "<b>" not in html and "<a " not in html and "klasse\"" not in html, html


def test_inline_values_lose_all_markup():
    assert "<" not in markdown.markdown(escape("**vet** <i>x</i> - 1. [a](b)")).replace("<p>", "").replace("</p>", "")


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_front_matter_reads_back_as_the_escaped_text(text: str):
    front = front_matter(title=text, description="vast")
    if not " ".join(text.split()):
        assert "title" not in front
        return
    assert front.startswith("---\n") and front.endswith("---\n")
    assert yaml.safe_load(front.removeprefix("---\n").removesuffix("---\n")) == {
        "title": html.escape(" ".join(text.split())), "description": "vast"}


def test_references_are_grouped_per_document_in_order_of_first_mention():
    refs = [{"bron": "a", "regels": "1-2"}, {"bron": "b", "regels": "5"}, {"bron": "a", "regels": "7"},
            {"bron": "a", "regels": "1-2"}, {"bron": "b", "pagina": 3}, {"bron": "c"},
            {"bron": "c", "fragment": "drie woorden hier"}, {"bron": "c", "fragment": "drie woorden hier"}]
    assert per_document(refs) == [("a", "regels 1-2, 7", []), ("b", "regel 5; p. 3", []),
                                  ("c", "", ["drie woorden hier"])]


@hypothesis.settings(max_examples=1500, deadline=None)
@hypothesis.given(st.lists(st.one_of(st.text(st.sampled_from("abc éé.,;:!?'\"&<>#[](){}=|~^$`\\0123-+*_\u00a0\u2028\x0c\x85"), min_size=1,
                                             max_size=12),
                                     st.sampled_from(["\n", "\n\n", "\n\n\n", " \n", "\n ", "  ", "1. ", "- "])),
                           max_size=12).map("".join))
def test_plain_prose_is_converted_as_python_markdown_would(text: str):
    """prose_html makes plain paragraphs itself: the result must be Python-Markdown's, character for character."""
    assert prose_html(text) == markdown.Markdown().convert(str(markdown_text(text)))
