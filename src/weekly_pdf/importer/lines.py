"""The unit every importer reader produces: one line of a back issue.

A text file gives one :class:`Line` per non-empty line of the file. A PDF gives
one per visual line except that the reader has already joined what the page's
geometry proves belongs together (the lines of a paragraph, of a wrapped title,
of a wrapped contents entry) and says so in ``kind``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: ``kind`` values: "raw" (a text line, nothing known), "para" (a whole
#: paragraph, proved by the PDF's first-line indent), "title" (a line set in a
#: larger type than the body), "line" (one other visual line of a PDF).
KINDS = ("raw", "para", "title", "line")


@dataclass(frozen=True)
class Line:
    text: str
    #: Where it came from, for people: 第 12 行, 第 3 页.
    where: str
    #: The 1-based line number in a text source (0 for a PDF).
    lineno: int = 0
    kind: str = "raw"


def norm(text: str) -> str:
    """``text`` for comparison: NFKC, no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
