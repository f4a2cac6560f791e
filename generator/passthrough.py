"""A Python-Markdown extension that lets the generator's finished HTML through without parsing it.

Every generated page is finished HTML (our templates, our escaping); MkDocs still reads it as
Markdown, and Python-Markdown would tokenise all of it twice with `html.parser` (once to stash raw
HTML blocks, once more in MkDocs to collect anchor ids) and run its inline patterns over the rest:
most of the site builder's time at 10,000 practices. A page that starts with `MARKER` is instead
stashed whole, as one raw HTML block, before any other preprocessor looks at it; Python-Markdown
then has a single placeholder to parse and replace.

The table of contents comes from the page's heading lines: a line such as
`<h2 id="wat-is-het">Wat is het?</h2>` is a heading of level 2 with that id. The `toc` extension
finds no heading in a stashed page, so after it has run, `toc_tokens` is set to these headings,
in the form `toc` makes: the builders read the theme's table of contents and its skip link
("Ga naar inhoud", to the first heading) from `md.toc_tokens` (MkDocs and Zensical alike).

Hand-written pages (`content/pages/`) have no marker and are Markdown as before. This is a
Python-Markdown extension (named in `mkdocs.yml` under `markdown_extensions`), not a MkDocs plugin:
any builder that renders `mkdocs.yml`'s Markdown with Python-Markdown (MkDocs, Zensical) uses it.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import nest_toc_tokens, strip_tags
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# The first line of every generated page; an HTML comment, so it shows nowhere if it is ever ignored.
MARKER = "<!-- praktijkbank: afgewerkte html -->"
# A heading line (a whole line) exactly as the templates write it: an id first, then any further attributes. Record
# text is HTML-escaped, so no line of it can start with `<h`; only the templates' own headings match.
HEADING = re.compile(r'^<h([1-6]) id="([a-z0-9_-]+)"(?: [a-z-]+="[^"<>]*")*>(.+)</h\1>$', re.M)


class PassThrough(Preprocessor):
    """Stash a marked page whole and note its headings (see the module)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.headings: list[dict] | None = None  # None: the page is Markdown, `toc` makes the contents

    def run(self, lines: list[str]) -> list[str]:
        if not lines or lines[0] != MARKER:
            self.headings = None
            return lines
        html = "\n".join(lines[1:]).strip()
        # The token fields of the `toc` extension: `name` is the heading's text as HTML, `html` its markup.
        self.headings = [{"level": int(level), "id": anchor, "name": strip_tags(text), "html": text,
                          "data-toc-label": ""} for level, anchor, text in HEADING.findall(html)]
        return [self.md.htmlStash.store(html)] if html else []


class HeadingContents(Treeprocessor):
    """After `toc`: the table of contents of a marked page is its heading lines."""

    def __init__(self, md: Markdown, passthrough: PassThrough) -> None:
        super().__init__(md)
        self.passthrough = passthrough

    def run(self, root: Element) -> None:
        if self.passthrough.headings is not None:
            self.md.toc_tokens = nest_toc_tokens(self.passthrough.headings)


class PassThroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        passthrough = PassThrough(md)
        # After `normalize_whitespace` (30) has removed the stash's control characters from the text,
        # before `fenced_code` (25), MkDocs' anchor collector (21) and the raw HTML parser (20).
        md.preprocessors.register(passthrough, "praktijkbank_passthrough", 29)
        # After `toc` (5), which sets `toc_tokens` from the (here absent) Markdown headings.
        md.treeprocessors.register(HeadingContents(md, passthrough), "praktijkbank_contents", 4)


def makeExtension(**kwargs: object) -> PassThroughExtension:  # noqa: N802 (Python-Markdown's name)
    return PassThroughExtension(**kwargs)
