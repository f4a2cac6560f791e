"""Escaping record text: record text is data, never markup.

Pages are finished HTML (see `passthrough`): every value a page template prints passes through
`html_text()` (the Jinja environment's `finalize`), which HTML-escapes it. Only the long text
fields are Markdown: `prose_html()` keeps their paragraphs, emphasis and lists and nothing else,
by first making every other piece of Markdown or HTML syntax a character entity (`markdown_text()`)
and then converting the rest with Python-Markdown, once per field.

`escape()` makes text safe where it is read as Markdown (a Markdown table cell of a report).
"""

from __future__ import annotations

import re
import threading

import markdown
import markupsafe
from markupsafe import Markup

_ENTITY = {c: f"&#{ord(c)};" for c in "&<>\"\\`*_{}[]#|~^=!$+-."}
# Anywhere in a line these start HTML, emphasis, code, links, attribute lists or tables.
_INLINE_TABLE = str.maketrans({c: _ENTITY[c] for c in "&<>\"\\`*_{}[]#|~^=!$"})
# At the start of a line these would start a list or a rule.
_LEADING = re.compile(r"^(?:[-+.]|[0-9]+[.)])")
# Backticks too: inside a code span an entity is shown as it is written (`a &#60; b`).
_BLOCK_TABLE = str.maketrans({c: _ENTITY[c] for c in "&<>\"{}[]|!\\$`"})
_HEADING = re.compile(r"^(\s*)#", re.MULTILINE)
# A line of only these characters would be a rule or underline a heading; "**Vet.** tekst" is neither.
_SETEXT_OR_RULE = re.compile(r"^(\s*)([=_*-])(?=[=_*\s-]*$)", re.MULTILINE)


def escape(value: object) -> Markup:
    """Inline text: every character Markdown or HTML could read as syntax becomes an entity."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = " ".join(str(value).split()).translate(_INLINE_TABLE)
    if _LEADING.match(text):
        text = f"&#{ord(text[0])};" + text[1:]
    return Markup(text)


def markdown_text(value: object) -> Markup:
    """Long text: paragraphs, emphasis and lists stay Markdown; HTML, links and headings do not."""
    text = str(value).replace("\r\n", "\n").strip().translate(_BLOCK_TABLE)
    text = _HEADING.sub(r"\1&#35;", text)
    text = _SETEXT_OR_RULE.sub(lambda m: m.group(1) + _ENTITY[m.group(2)], text)
    return Markup(text)



def html_text(value: object) -> Markup:
    """Inline text in HTML: escaped, with its white space runs as single spaces (as a browser shows them)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return markupsafe.escape(" ".join(str(value).split()))


# One converter per thread: a Python-Markdown instance keeps state while it converts.
_converters = threading.local()


# Escaped prose in which Python-Markdown would find something to do besides paragraphs: emphasis,
# a list item, an indented or a hard-broken line, a tab.
_MARKDOWN_AT_WORK = re.compile(r"[*_\t]|^(?:[^\S\n]|[-+]|[0-9]+[.)])|[^\S\n]$", re.MULTILINE)


def prose_html(value: object) -> Markup:
    """Long text as HTML: paragraphs, emphasis and lists; every other piece of syntax stays text.

    Most prose is plain paragraphs (100 of the 138 descriptions and approaches of the real practices);
    for those the result is made directly, exactly as Python-Markdown would make it (a property test
    compares the two), without a Markdown parser's set-up and passes."""
    text = str(markdown_text(value))
    if text.strip() and not _MARKDOWN_AT_WORK.search(text):
        return Markup("\n".join(f"<p>{part}</p>" for part in re.split(r"\n{2,}", text.strip("\n"))))
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown()
    return Markup(converter.reset().convert(text))
