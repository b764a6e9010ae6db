"""The unit every importer reader produces: one line of a back issue.

A text file gives one :class:`SourceLine` per non-empty line of the file. A PDF
gives one per visual line except that the reader has already joined what the page's
geometry proves belongs together (the lines of a paragraph, of a wrapped title,
of a wrapped contents entry) and says so in ``kind``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..placemarks import PlaceMark


@dataclass(frozen=True)
class SourceLine:
    text: str
    #: Where it came from, for people: 第 12 行, 第 3 页.
    where: str
    #: The 1-based line number in a text source (0 for a PDF).
    lineno: int = 0
    #: "raw" (a text line, nothing known), "para" (a whole paragraph, proved by
    #: the PDF's first-line indent or a Word paragraph), "title" (a line set in a
    #: larger type than the body, or a Word title), "line" (one other visual line
    #: of a PDF), "block" (a heading, table or picture, in ``block``; ``text``
    #: describes it), "footnote" (a Word footnote, its mark first: it joins
    #: the article of the line before it and prints after its contributor).
    kind: str = "raw"
    #: The :data:`~.records.Block` of a "block" line.
    block: object = None
    #: Where a PDF link on this contents entry points, or the same mark on
    #: the title line it points at (None: no link).
    target: str | None = None
    #: A block a PDF of weekly-pdf set elsewhere than its issue put it: the
    #: name of its place (its index in its article's body).
    place: PlaceMark | None = None


def norm(text: str) -> str:
    """``text`` for comparison: NFKC, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
