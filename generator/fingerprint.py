"""Source texts as words, and their fingerprints: what `check-sources` needs, without the text.

The documents we cite belong to their publishers, so the repository keeps a fingerprint of each
(`content/bronnen/<slug>.vingerafdruk`, format in docs/vingerafdruk.md): the number of lines and,
for every word, a short hash of the three words that start there, plus a hash of each capitalised
word (for speaker names). A check asks a `SourceText` the same questions whether it holds
the full text (`FullText`) or only the fingerprint (`Fingerprint`), and gets the same answers:

- how many lines the document has;
- whether a quote's words occur one after another within a run of lines;
- whether a name occurs as a word within a run of lines;
- and, for a quote that does not occur, which longest part of it does (so a message can say where
  it differs).

Words: a text is split into words (letters and digits, with inner hyphens and apostrophes, as in
"Dit-Is-Het" or "zo'n") and single punctuation marks; spacing does not count. A word hyphenated
across a line end ("be-" / "staat") is one word that may be quoted either way ("bestaat" or
"be-staat"); it belongs to both lines (and to any blank lines between). A quote has at least three words or marks.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence

FORMAT = "praktijkbank-vingerafdruk 1"
SHINGLE = 3  # words per hashed sequence: the shortest quote that can be checked
SUFFIX = ".vingerafdruk"
_WORD = r"\w+(?:[-'’]\w+)*"
_TOKEN = re.compile(rf"{_WORD}|[^\w\s]")
_BROKEN_WORD = re.compile(rf"({_WORD})-$")
_LEADING_WORD = re.compile(_WORD)

Runs = Sequence[tuple[int, int]]


@dataclasses.dataclass(frozen=True)
class Token:
    """One word or punctuation mark: the lines it starts and ends on, and how it may be spelled."""

    first: int
    last: int
    spellings: tuple[str, ...]


def tokenize(lines: Sequence[str]) -> list[Token]:
    """The words and marks of a document, in order, with a line-end hyphenated word as one token
    (also when blank lines come between its two halves)."""
    tokens: list[Token] = []
    carried: tuple[int, str] | None = None  # line and start of a word hyphenated at a line end
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if carried is not None and text:
            start, half = carried
            rest = _LEADING_WORD.match(text)
            if rest:
                tokens.append(Token(start, number, (half + rest.group(), f"{half}-{rest.group()}")))
                text = text[rest.end():]
            else:
                tokens += [Token(start, start, (half,)), Token(start, start, ("-",))]
            carried = None
        broken = _BROKEN_WORD.search(text) if carried is None else None
        if broken:
            text, carried = text[:broken.start()], (number, broken.group(1))
        tokens += [Token(number, number, (found,)) for found in _TOKEN.findall(text)]
    if carried is not None:
        tokens += [Token(carried[0], carried[0], (carried[1],)), Token(carried[0], carried[0], ("-",))]
    return tokens


def words(text: str) -> list[str]:
    """The words and marks of a quote, fragment or name."""
    return _TOKEN.findall(text)


def merged_runs(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line ranges as runs of consecutive lines: (3, 5) and (6, 9) are one run (3, 9)."""
    runs: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if runs and first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(last, runs[-1][1]))
        else:
            runs.append((first, last))
    return runs


def _within(firsts: Sequence[int], lasts: Sequence[int], run: tuple[int, int]) -> range:
    """Positions of the tokens that lie wholly inside a run of lines (tokens are in line order)."""
    start = bisect.bisect_left(firsts, run[0])
    end = start
    while end < len(firsts) and lasts[end] <= run[1]:
        end += 1
    return range(start, end)


def _digest(parts: Iterable[str], person: bytes) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=4, person=person).hexdigest()


def shingle_hashes(spellings: Sequence[tuple[str, ...]]) -> set[str]:
    """The hashes of a sequence of SHINGLE tokens, one per way of spelling them."""
    variants: list[tuple[str, ...]] = [()]
    for options in spellings:
        variants = [done + (option,) for done in variants for option in options]
    return {_digest(variant, b"pb-woorden") for variant in variants}


def name_hashes(spellings: tuple[str, ...]) -> set[str]:
    """The hashes of a capitalised word (a possible name), one per spelling."""
    return {_digest((spelling,), b"pb-naam") for spelling in spellings if spelling[:1].isupper()}


@dataclasses.dataclass(frozen=True)
class Near:
    """Where a quote that is not in the text comes closest: its words `start` to `end` (exclusive)
    occur in the text from token `position` on."""

    start: int
    end: int
    position: int


class _Words:
    """What full texts and fingerprints share: tokens in line order (`_firsts`, `_lasts`), and a
    test whether the quote's SHINGLE words from a given word on occur at a given token."""

    _firsts: list[int]
    _lasts: list[int]

    def _occurrences(self, quote: Sequence[str]) -> list[list[int]]:
        """For each sequence of SHINGLE words of the quote, the tokens where it starts in the text."""
        raise NotImplementedError

    def closest(self, quote: Sequence[str], runs: Runs) -> Near | None:
        """The longest part of the quote (of at least SHINGLE words) that occurs, unbroken, inside one
        of the runs; of parts as long, the one that ends first. Full text and fingerprint answer alike.
        The work grows with the places where parts of the quote occur, not with the document."""
        if len(quote) < SHINGLE:
            return None
        occurrences = self._occurrences(quote)
        best = (0, 0, 0)  # shingles matched, then the negated last token and quote word of the part
        for run in runs:
            span = _within(self._firsts, self._lasts, run)
            lengths: dict[tuple[int, int], int] = {}
            for j, tokens in enumerate(occurrences):
                for token in tokens:
                    if span.start <= token <= span.stop - SHINGLE:
                        length = lengths[token, j] = lengths.get((token - 1, j - 1), 0) + 1
                        best = max(best, (length, -token, -j))
        length, token, j = best[0], -best[1], -best[2]
        return Near(j - length + 1, j + SHINGLE, token - length + 1) if length else None


class FullText(_Words):
    """A source document's words, from its text."""

    def __init__(self, lines: Sequence[str]):
        self.line_count = len(lines)
        self.tokens = tokenize(lines)
        self._firsts = [t.first for t in self.tokens]
        self._lasts = [t.last for t in self.tokens]
        self._by_spelling: dict[str, list[int]] | None = None  # made when a message needs `closest`

    def contains(self, quote: Sequence[str], runs: Runs) -> bool:
        """The quote's words occur one after another inside one of the runs of lines."""
        if len(quote) < SHINGLE:
            return False  # as with a fingerprint, which holds no shorter sequences
        for run in runs:
            span = _within(self._firsts, self._lasts, run)
            for start in range(span.start, span.stop - len(quote) + 1):
                if all(quote[j] in self.tokens[start + j].spellings for j in range(len(quote))):
                    return True
        return False

    def _occurrences(self, quote: Sequence[str]) -> list[list[int]]:
        if self._by_spelling is None:
            self._by_spelling = {}
            for position, token in enumerate(self.tokens):
                for spelling in token.spellings:
                    self._by_spelling.setdefault(spelling, []).append(position)
        return [[start for start in self._by_spelling.get(quote[j], ())
                 if start + SHINGLE <= len(self.tokens)
                 and all(quote[j + k] in self.tokens[start + k].spellings for k in range(1, SHINGLE))]
                for j in range(len(quote) - SHINGLE + 1)]

    def names(self, name: str, runs: Runs) -> bool:
        """`name`, a capitalised word, occurs inside one of the runs of lines."""
        return name[:1].isupper() and any(name in self.tokens[i].spellings
                   for run in runs for i in _within(self._firsts, self._lasts, run))

    def fingerprint(self) -> str:
        """The fingerprint file of this text (see docs/vingerafdruk.md)."""
        rows: dict[int, list[str]] = {}
        for i, token in enumerate(self.tokens):
            following = self.tokens[i:i + SHINGLE]
            entry = "|".join(sorted(shingle_hashes([t.spellings for t in following]))) \
                if len(following) == SHINGLE else "-"
            names = "|".join(sorted(name_hashes(token.spellings)))
            entry += f"/{names}" if names else ""
            entry += f"+{token.last - token.first}" if token.last > token.first else ""
            rows.setdefault(token.first, []).append(entry)
        body = "".join(f"{line} {' '.join(entries)}\n" for line, entries in sorted(rows.items()))
        return f"{FORMAT}\nregels {self.line_count}\n{body}"


def _quote_hashes(quote: Sequence[str]) -> list[str]:
    """The hash of each sequence of SHINGLE words of a quote."""
    return [shingle_hashes([(w,) for w in quote[j:j + SHINGLE]]).pop() for j in range(len(quote) - SHINGLE + 1)]


class FingerprintError(ValueError):
    """A fingerprint file that cannot be read; the message says where, in Dutch."""


_ENTRY = re.compile(r"^(-|[0-9a-f]{8}(?:\|[0-9a-f]{8})*)(?:/([0-9a-f]{8}(?:\|[0-9a-f]{8})*))?(?:\+([1-9][0-9]*))?$")


class Fingerprint(_Words):
    """A source document's words as hashes, from its fingerprint file."""

    def __init__(self, text: str):
        lines = text.splitlines()
        if len(lines) < 2 or lines[0] != FORMAT or not re.fullmatch(r"regels [0-9]+", lines[1]):
            raise FingerprintError(f"de kop moet '{FORMAT}' en 'regels N' zijn")
        self.line_count = int(lines[1].split()[1])
        self._shingles: list[set[str]] = []
        self._names: list[set[str]] = []
        self._firsts: list[int] = []
        self._lasts: list[int] = []
        self._by_hash: dict[str, list[int]] | None = None  # made when a message needs `closest`
        previous = 0
        for row, line in enumerate(lines[2:], start=3):
            number, _, entries = line.partition(" ")
            if not number.isdigit() or not previous < int(number) <= self.line_count or not entries:
                raise FingerprintError(f"regel {row}: verwacht een regelnummer na {previous} en woorden")
            previous = int(number)
            for entry in entries.split(" "):
                found = _ENTRY.match(entry)
                if not found:
                    raise FingerprintError(f"regel {row}: '{entry[:20]}' is geen geldige vingerafdruk")
                shingles, names, continued = found.groups()
                self._shingles.append(set() if shingles == "-" else set(shingles.split("|")))
                self._names.append(set(names.split("|")) if names else set())
                self._firsts.append(previous)
                self._lasts.append(previous + int(continued or 0))

    def _occurrences(self, quote: Sequence[str]) -> list[list[int]]:
        if self._by_hash is None:
            self._by_hash = {}
            for position, hashes in enumerate(self._shingles):
                for digest in hashes:
                    self._by_hash.setdefault(digest, []).append(position)
        return [self._by_hash.get(digest, []) for digest in _quote_hashes(quote)]

    def contains(self, quote: Sequence[str], runs: Runs) -> bool:
        """The quote's words occur one after another inside one of the runs of lines (from hashes)."""
        if len(quote) < SHINGLE:
            return False
        wanted = _quote_hashes(quote)
        for run in runs:
            span = _within(self._firsts, self._lasts, run)
            for start in range(span.start, span.stop - len(quote) + 1):
                if all(wanted[j] in self._shingles[start + j] for j in range(len(wanted))):
                    return True
        return False

    def names(self, name: str, runs: Runs) -> bool:
        """`name` (a capitalised word) occurs inside one of the runs of lines (from hashes)."""
        (wanted,) = name_hashes((name,)) or {""}
        return any(wanted in self._names[i] for run in runs for i in _within(self._firsts, self._lasts, run))
