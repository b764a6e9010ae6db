"""The names a PDF of weekly-pdf gives the pieces it placed elsewhere, so
that importing it gives back the issue it came from.

When a picture or a table does not fit where it falls, the layout places it
again (:mod:`weekly_pdf.pdf.placement`): it is set after the text that
follows it in its article, or before its article's lines on a page, and a
paragraph it is set into is cut in two; or a picture is shrunk. A long
table's row of many lines may split over a page break. Read back as
printed, the article's body would be in another order, the cut paragraph
two paragraphs, the picture smaller, the split row two rows. So the
templates give each such element an ``id`` made here (:func:`mark_name`),
and WeasyPrint writes every element id as a named destination of the PDF:
the name, the page and the element's top left corner. Named destinations
print nothing and are standard (ISO 32000-1, 12.3.2.3); a viewer shows them,
if at all, as places to jump to.

The importer, reading a PDF whose producer is weekly-pdf, parses the names
back (:func:`parse_mark`) and finds the piece at each destination: a moved
picture or table goes back to its index in its article's body as the import
reads it (a list is read as one paragraph an item), a
paragraph's continuation joins its first part, a shrunk picture gets the
width it had before it was shrunk, and a table row printed under the
repeated header above the row a mark says comes next is the rest of the row
before.

Only what was moved, cut or shrunk, and the row after a row that may split,
gets a name: a PDF in which every block stands where its issue puts it, as
large as the issue sets it, and no table row may split, is the same, byte
for byte, as before these names existed.

The names (indexes from 0: section, article in its section, item of the
article's body as printed and read back — a list's items one by one; rows
from 1, the header being 0; widths in pt)::

    wp-moved-0-2-3              picture or table 3 of article 2 of section 0, moved
    wp-moved-0-2-3-w442.205     … a picture, moved and shrunk (442.205 pt wide unshrunk)
    wp-shrunk-0-2-3-w442.205    … a picture shrunk where it stands
    wp-continued-0-2-5-7        paragraph 5 going on from its line 7, after a moved block
    wp-row-0-2-4-6              row 6 of table 4, after a row that may split
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: What every name starts with.
PREFIX = "wp-"

_NAME_RE = re.compile(r"wp-(?P<kind>moved|shrunk|continued|row)-(?P<section>\d+)-(?P<article>\d+)"
                      r"-(?P<index>\d+)(?:-(?P<line>\d+))?(?:-w(?P<width>\d+(?:\.\d+)?))?")


@dataclass(frozen=True)
class PlaceMark:
    """What the name of a placed piece says."""

    #: "moved" (a picture or table set elsewhere than its issue puts it),
    #: "shrunk" (a picture made smaller where it stands), "continued" (the
    #: rest of a paragraph a moved block was set into) or "row" (a table row
    #: after a row that may split over a page break).
    kind: str
    section: int
    article: int
    #: The body item it is (or is part of).
    index: int
    #: A continuation: the line of its paragraph it starts at; a row: its row.
    line: int = 0
    #: A shrunk picture: its width before it was shrunk (pt).
    width: float | None = None

    @property
    def moved(self) -> bool:
        return self.kind == "moved"

    @property
    def continued(self) -> bool:
        return self.kind == "continued"


def mark_name(mark: PlaceMark) -> str:
    """The ``id`` (and PDF destination name) of a placed piece."""
    name = f"{PREFIX}{mark.kind}-{mark.section}-{mark.article}-{mark.index}"
    if mark.kind in ("continued", "row"):
        name += f"-{mark.line}"
    if mark.width is not None:
        name += f"-w{mark.width:.3f}"
    return name


def parse_mark(name: str) -> PlaceMark | None:
    """The mark a destination name holds; None for any other name."""
    found = _NAME_RE.fullmatch(name)
    if found is None:
        return None
    width = found["width"]
    kind = found["kind"]
    if (kind in ("continued", "row")) != (found["line"] is not None) \
            or (kind == "shrunk" and width is None):
        return None
    return PlaceMark(kind, int(found["section"]), int(found["article"]), int(found["index"]),
                     int(found["line"] or 0), float(width) if width is not None else None)
