"""Escaping record text for Markdown pages: record text is data, never markup.

Every value a page template prints passes through `escape()` (the Jinja
environment's `finalize`), which turns HTML and Markdown syntax into character
entities. Entities mean the same thing in Markdown text, in raw HTML blocks and
in attribute values, so one escape is safe in all three. Only the long text
fields go through `markdown_text()`, which keeps paragraphs, emphasis and lists
but no HTML, links, images, attribute lists or headings.
"""

from __future__ import annotations

import re

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

