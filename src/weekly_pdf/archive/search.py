"""Finding articles by the words they contain: the one definition of matching.

``weekly-pdf search`` applies it here; the archive site's page applies the same
rules in JavaScript (layouts/<layout>/site/assets/search.js), from the settings
this module exports (:func:`settings`), and a browser test compares the two
on a generated archive. The rules, in full:

* **Folding** (:func:`fold`). A text is put in Unicode NFC (composed
  accents), then each code point is replaced on its own by the lower case of
  its NFKC form: full-width and half-width forms are equal (１２３ = 123,
  Ａ = a, ， = ,), compatibility characters fall to their plain letters
  (① = 1, ﬁ = fi, … = ...) and Latin, Greek and Cyrillic letters lose their
  case (Python's ``str.lower`` and JavaScript's ``toLowerCase`` give the
  same mapping for a single code point). Default-ignorable code points (zero
  width space, soft hyphen, variation selectors…, see
  :data:`weekly_pdf.source.printable.IGNORABLE_RANGES`) fold to nothing: they are
  not seen in print, so they do not stop a match. Han characters are left as
  they are (no traditional/simplified mapping, no word splitting).
* **Words** (:func:`words`). The query is split at white space (the Unicode
  White_Space characters, :data:`SPACES`); each piece is folded; empty pieces
  and repeats are dropped.
* **Match.** An article is found when the folded text of *every* word occurs
  in its folded title or its folded body (exact substring, anywhere, inside
  a word too: 科普 finds 科普工作 and 全国科普日). The body is the article's
  编者按, its paragraphs, headings, picture captions, table captions and cells
  and its 供稿单位, joined by line feeds (no word contains one, so a match never
  runs from one piece into the next). The column is not searched; it is a
  filter, as is the year, each compared exactly; the unit (供稿单位) filter
  keeps an article when the unit is one of its units: its source split into
  names, each as the unit list (units.yaml) names it
  (:meth:`weekly_pdf.archive.texts.ArticleText.units`), so that an alias
  finds its unit and a joint article is found under each of its units.
* **Order.** More words found in the title first; then newer issues first
  (later date; on the same date the later issue: year, then a supplement after
  a regular issue, then number); within one issue in print order.
* **Snippet** (:func:`snippet`). A window of :data:`SNIPPET_LENGTH` code points
  of the body that starts :data:`SNIPPET_BEFORE` code points before the first
  occurrence of any word (moved back when the body ends sooner; the body's
  start when no word is in the body), line feeds shown as spaces, "…" where
  it was cut, every occurrence of every word inside it marked.

Everything here is pure computation on strings; no I/O.
"""

from __future__ import annotations

import bisect
import unicodedata
from itertools import accumulate
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from ..source.printable import IGNORABLE_RANGES

#: The Unicode White_Space characters: a query is split at any of them.
SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
                   + "\u2028\u2029\u202f\u205f\u3000")
#: Code points of the body shown before the first word found.
SNIPPET_BEFORE = 20
#: Code points of the body a snippet shows.
SNIPPET_LENGTH = 80
#: What stands where a snippet was cut.
ELLIPSIS = "…"


class _FoldTable(dict):
    """Code point → its folded text, filled in as characters are met
    (``str.translate`` looks every code point up here)."""

    def __missing__(self, code: int) -> str:
        if any(low <= code <= high for low, high in IGNORABLE_RANGES):
            value = ""
        else:
            value = unicodedata.normalize("NFKC", chr(code)).lower()
        self[code] = value
        return value


_FOLD = _FoldTable()


class _LengthTable(dict):
    """Code point → the length of its fold, as a character (for str.translate)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = chr(len(_FOLD[code]))
        return value


_LENGTHS = _LengthTable()


def fold(text: str) -> str:
    """``text`` folded for matching (see the module docstring)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def words(query: Iterable[str]) -> tuple[str, ...]:
    """The folded words of a query: each item split at white space, folded,
    empty ones and repeats dropped, in the order given."""
    out: list[str] = []
    for item in query:
        piece = ""
        for char in item + " ":
            if char in SPACES:
                folded = fold(piece)
                if folded and folded not in out:
                    out.append(folded)
                piece = ""
            else:
                piece += char
    return tuple(out)


@dataclass(frozen=True)
class Entry:
    """One article as search sees it (texts in NFC)."""

    year: int
    supplement: bool
    number: int
    date: str        # ISO, so that newer sorts later as text
    issue: str       # 2023年第20期
    no: int          # the article's place in its issue, from 1
    column: str
    #: The units it names (供稿单位, canonical names; see ArticleText.units).
    units: tuple[str, ...]
    title: str
    body: str        # 编者按, body text and 供稿单位, joined by line feeds
    #: Where the article is (the site's page and anchor; the issue file for the terminal).
    where: str = field(default="", compare=False)

    @cached_property
    def folded_title(self) -> str:
        return fold(self.title)

    @cached_property
    def folded_body(self) -> str:
        return fold(self.body)


@dataclass(frozen=True)
class Snippet:
    """A piece of text with marked ranges (code point offsets into ``text``)."""

    text: str
    marks: tuple[tuple[int, int], ...]
    cut_before: bool = False
    cut_after: bool = False

    def segments(self) -> list[tuple[str, bool]]:
        """(piece, marked) in order, with "…" where the text was cut."""
        out: list[tuple[str, bool]] = [(ELLIPSIS, False)] if self.cut_before else []
        at = 0
        for start, end in self.marks:
            if start > at:
                out.append((self.text[at:start], False))
            out.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], False))
        if self.cut_after:
            out.append((ELLIPSIS, False))
        return out

    def plain(self) -> str:
        return "".join(piece for piece, _ in self.segments())


@dataclass(frozen=True)
class Hit:
    entry: Entry
    #: How many of the words the title holds.
    in_title: int
    title: Snippet
    snippet: Snippet


def _occurrences(text: str, folded: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every occurrence of every term in ``folded`` (the fold of ``text``), as
    code point ranges of ``text``; occurrences of one term do not overlap."""
    ranges: list[tuple[int, int]] = []
    ends: list[int] | None = None  # ends[i]: length of the fold of text[:i]
    for term in terms:
        at = folded.find(term)
        if at >= 0 and ends is None:
            ends = [0, *accumulate(map(ord, text.translate(_LENGTHS)))]
        while at >= 0:
            start = bisect.bisect_right(ends, at) - 1
            end = bisect.bisect_right(ends, at + len(term) - 1)
            ranges.append((start, end))
            at = folded.find(term, at + len(term))
    return ranges


def _merged(ranges: Iterable[tuple[int, int]], low: int, high: int) -> tuple[tuple[int, int], ...]:
    """``ranges`` cut to [low, high), shifted by -low, sorted, those that
    overlap or touch merged."""
    out: list[list[int]] = []
    for start, end in sorted((max(s, low), min(e, high)) for s, e in ranges):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s - low, e - low) for s, e in out)


def snippet(body: str, terms: tuple[str, ...], folded: str | None = None) -> Snippet:
    """The window of ``body`` shown under a hit (see the module docstring)."""
    folded = fold(body) if folded is None else folded
    ranges = _occurrences(body, folded, terms)
    length = len(body)
    start = 0
    if ranges:
        start = max(0, min(min(s for s, _ in ranges) - SNIPPET_BEFORE, length - SNIPPET_LENGTH))
    end = min(length, start + SNIPPET_LENGTH)
    return Snippet(body[start:end].replace("\n", " "), _merged(ranges, start, end),
                   start > 0, end < length)


def marked_title(title: str, terms: tuple[str, ...], folded: str | None = None) -> Snippet:
    folded = fold(title) if folded is None else folded
    return Snippet(title, _merged(_occurrences(title, folded, terms), 0, len(title)))


def newest_first(entry: Entry) -> tuple:
    """Sort key: newer issue first, then print order."""
    return (_Reverse((entry.date, entry.year, entry.supplement, entry.number)), entry.no)


class _Reverse:
    """A sort key that orders its value backwards."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_Reverse") -> bool:
        return other.value < self.value

    def __eq__(self, other) -> bool:
        return isinstance(other, _Reverse) and self.value == other.value


def search(entries: Iterable[Entry], query: Iterable[str] | tuple[str, ...], *,
           year: int | None = None, column: str | None = None,
           unit: str | None = None) -> list[Hit]:
    """The articles that contain every word of ``query``, in the search order.

    ``query``: what the user typed (split and folded here). With no words,
    every article that passes the filters is a hit, newest first.
    """
    terms = words(query)
    found = []
    for entry in entries:
        if year is not None and entry.year != year:
            continue
        if column is not None and entry.column != column:
            continue
        if unit is not None and unit not in entry.units:
            continue
        title, body = entry.folded_title, entry.folded_body
        if all(term in title or term in body for term in terms):
            found.append((sum(term in title for term in terms), entry))
    found.sort(key=lambda item: (-item[0], newest_first(item[1])))
    return [Hit(entry, count, marked_title(entry.title, terms, entry.folded_title),
                snippet(entry.body, terms, entry.folded_body))
            for count, entry in found]


def settings() -> dict:
    """What the page's search needs to apply exactly these rules."""
    return {"ignorable": [list(r) for r in IGNORABLE_RANGES],
            "spaces": "".join(sorted(SPACES)),
            "before": SNIPPET_BEFORE, "length": SNIPPET_LENGTH, "ellipsis": ELLIPSIS}
