"""Generated pages are finished HTML: the builder's Markdown stage lets them through as they are,
and their heading lines make the table of contents."""

from __future__ import annotations

import markdown
import pytest

from generator.markup import html_text
from generator.passthrough import MARKER

EXTENSIONS = ["generator.passthrough", "attr_list", "toc", "md_in_html", "tables"]  # as in mkdocs.yml
PAGE = f"""{MARKER}
<article class="pb-record">
<h1 id="inhoud" data-pagefind-weight="10">Naoberfonds &amp; meer</h1>
<p class="pb-lead">Een *fonds* met [link](x) en <b>vet</b></p>
<h2 id="wat-is-het">Wat is het?</h2>
<p>Tekst</p>

<ul>
<li>punt</li>
</ul>
<h3 id="onderdeel-1"><dfn>Deel</dfn> één</h3>
<div>slot</div>
</article>
"""


def converted(text: str) -> tuple[str, list[dict]]:
    md = markdown.Markdown(extensions=EXTENSIONS)
    return md.convert(text), md.toc_tokens


def test_the_html_comes_through_unchanged_and_headings_feed_the_table_of_contents():
    html, toc = converted(PAGE)
    assert html == PAGE.removeprefix(MARKER + "\n").strip()
    assert [(t["level"], t["id"], t["name"]) for t in toc] == [(1, "inhoud", "Naoberfonds &amp; meer")]
    assert [(t["id"], t["name"]) for t in toc[0]["children"]] == [("wat-is-het", "Wat is het?")]
    assert [(t["id"], t["name"]) for t in toc[0]["children"][0]["children"]] == [("onderdeel-1", "Deel één")]


def test_markdown_in_a_marked_page_stays_text():
    html, _toc = converted(PAGE)
    assert "*fonds*" in html and "[link](x)" in html and "<em>" not in html


def test_a_page_without_the_marker_is_markdown():
    html, _toc = converted("# Kop\n\nEen *fonds*.")
    assert html == '<h1 id="kop">Kop</h1>\n<p>Een <em>fonds</em>.</p>'


@pytest.mark.parametrize("text", ['<h2 id="x">kop</h2>', "## kop", "<h2 id=x>kop</h2>\n\n# kop"])
def test_record_text_cannot_make_a_heading(text: str):
    """Record text is HTML-escaped before it is on a page, so it never matches the heading form."""
    html, toc = converted(f"{MARKER}\n<div>\n{html_text(text)}\n</div>\n")
    assert toc == [] and "<h" not in html.replace("<div>", "")


def test_the_last_block_is_not_wrapped_in_a_paragraph():
    html, _toc = converted(f"{MARKER}\n<h2 id=\"a\">A</h2>\n<div>laatste</div>\n\n")
    assert html.endswith("<div>laatste</div>") and "<p>" not in html


def test_only_whole_heading_lines_count():
    _html, toc = converted(f'{MARKER}\n<nav><h2 id="a">A</h2></nav>\n<p>x</p><h2 id="c">C</h2>\n<h2 id="b">B</h2>\n')
    assert [t["id"] for t in toc] == ["b"]


def test_a_markdown_page_after_a_marked_one_gets_its_own_contents():
    """A builder may convert many pages with one Markdown instance (reset in between)."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert(PAGE)
    md.reset()
    md.convert("## Eigen kop\n\nTekst.")
    assert [t["id"] for t in md.toc_tokens] == ["eigen-kop"]
