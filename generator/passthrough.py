"""A Python-Markdown extension that lets the generator's finished HTML through without parsing it.

Every generated page is finished HTML (our templates, our escaping); MkDocs still reads it as
Markdown, and Python-Markdown would tokenise all of it twice with `html.parser` (once to stash raw
HTML blocks, once more in MkDocs to collect anchor ids) and run its inline patterns over the rest:
most of the site builder's time at 10,000 practices. A page that starts with `MARKER` is instead
stashed whole, before any other preprocessor looks at it, except its headings: a line
`<h2 id="wat-is-het">Wat is het?</h2>` becomes a Markdown heading whose text is the stashed HTML
and whose id (and further attributes) are the given ones, so the theme's table of contents and its
skip link ("Ga naar inhoud", to the first heading) still work.

Hand-written pages (`content/pages/`) have no marker and are Markdown as before. This is a
Python-Markdown extension (named in `mkdocs.yml` under `markdown_extensions`), not a MkDocs plugin:
any builder that renders `mkdocs.yml`'s Markdown with Python-Markdown (MkDocs, Zensical) uses it.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The first line of every generated page; an HTML comment, so it shows nowhere if it is ever ignored.
MARKER = "<!-- praktijkbank: afgewerkte html -->"
# A heading line exactly as the templates write it: an id first, then any further attributes. Record
# text is HTML-escaped, so no line of it can start with `<h`; only the templates' own headings match.
HEADING = re.compile(r'<h([1-6]) id="([a-z0-9_-]+)"((?: [a-z-]+="[^"<>]*")*)>(.+)</h\1>')


class PassThrough(Preprocessor):
    """Stash a marked page's HTML between its headings as raw HTML blocks (see the module)."""

    def run(self, lines: list[str]) -> list[str]:
        if not lines or lines[0] != MARKER:
            return lines
        result: list[str] = []
        block: list[str] = []
        for line in lines[1:]:
            heading = HEADING.fullmatch(line)
            if heading is None:
                block.append(line)
                continue
            self._stash(block, result)
            level, anchor, attributes, text = heading.groups()
            result += ["", f"{'#' * int(level)} {self.md.htmlStash.store(text)} {{: #{anchor}{attributes} }}", ""]
        self._stash(block, result)
        # Python-Markdown keeps a trailing empty line inside the last paragraph, and a placeholder is
        # only replaced as a block when it is the whole paragraph.
        while result and not result[-1]:
            result.pop()
        return result

    def _stash(self, block: list[str], result: list[str]) -> None:
        html = "\n".join(block).strip()
        if html:
            result += ["", self.md.htmlStash.store(html), ""]
        block.clear()


class PassThroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After `normalize_whitespace` (30) has removed the stash's control characters from the text,
        # before MkDocs' anchor collector (21) and Python-Markdown's raw HTML parser (20).
        md.preprocessors.register(PassThrough(md), "praktijkbank_passthrough", 25)


def makeExtension(**kwargs: object) -> PassThroughExtension:  # noqa: N802 (Python-Markdown's name)
    return PassThroughExtension(**kwargs)
