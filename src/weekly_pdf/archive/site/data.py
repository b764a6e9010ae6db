"""The site's search data: one script per year, the text compressed.

A page opened from a shared folder (``file://``) may not fetch JSON, but it may
run the scripts beside it. Each year's articles go into ``data/<year>.js``::

    WeeklySite.chunk(2023, 51234, "䀀䁃…");

The JSON of the year (below), encoded as UTF-16LE, is compressed with zlib
(deflate, level 9); the compressed bytes are written 15 bits to a character,
as characters of U+4000–U+D7FF and U+E000–U+E7FF (``length`` bytes in all),
and the script file itself is UTF-16LE with a byte-order mark, which a
browser honours for any script. Each character then costs two bytes of file
for 15 bits of data (16/15 of the compressed size), where base64 in a UTF-8
file would cost 4/3. The
page unpacks the bits and inflates them with the browser's own
``DecompressionStream("deflate")``: no library, nothing fetched.

Why compress at all: the issue pages carry the full text as HTML (they read
and print without any script), so the search's copy of the text is the
second one; compressed (about 0.45 of the text for real Chinese text) it keeps
the whole site within twice its text, where plain JSON would not.

``data/site.js`` (plain ASCII) holds the matching settings of
:func:`weekly_pdf.archive.search.settings`, so that the page and the terminal
apply one definition.

JSON of one year: ``{"issues": [[page, name, date, year, supplement, number],
…], "articles": [[issue index, no, column, unit or null, title, body], …]}``,
titles and bodies in NFC as :class:`weekly_pdf.archive.search.Entry` has them.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array

from ..search import settings
from ..texts import IssueText

#: Changed whenever the scripts' format changes: a year's script is made again
#: even when its JSON did not change (see SiteState.data).
FORMAT = "weekly-pdf site data 1"
#: zlib's best compression: the data is written once and read many times.
LEVEL = 9
#: Fifteen bits to a character: values below SPLIT are U+4000 + value
#: (U+4000–U+D7FF), the others U+E000 + (value - SPLIT) (U+E000–U+E7FF). Neither
#: range holds a surrogate, a quote, a backslash or a line break.
BITS = 15
SPLIT = 0xD800 - 0x4000
BOM = b"\xff\xfe"


def settings_script() -> bytes:
    return f"WeeklySite.settings({json.dumps(settings())});\n".encode("ascii")


#: The character (UTF-16 code unit) of each 15-bit value.
_UNITS = array("H", [0x4000 + v if v < SPLIT else 0xE000 + v - SPLIT for v in range(1 << BITS)])


def pack(data: bytes) -> str:
    """``data`` as characters, 15 bits each (see BITS), the last one padded with zeros.

    Fifteen bytes are eight characters: the data is taken fifteen bytes at a time.
    """
    padded = data + bytes(-len(data) % 15)
    units = array("H")
    shifts = range(105, -1, -15)
    table = _UNITS
    for start in range(0, len(padded), 15):
        block = int.from_bytes(padded[start:start + 15], "big")
        units.extend([table[(block >> shift) & 0x7FFF] for shift in shifts])
    del units[-(-len(data) * 8 // BITS):]  # the characters of the padding alone
    return units.tobytes().decode("utf-16-le" if sys.byteorder == "little" else "utf-16-be")


def year_document(issues: list[tuple[str, IssueText]]) -> dict:
    """``issues``: (page below the site folder, issue) of one year, in order."""
    table, articles = [], []
    for index, (page, issue) in enumerate(issues):
        table.append([page, issue.name, issue.date, issue.year, int(issue.supplement),
                      issue.number])
        for entry in issue.entries():
            articles.append([index, entry.no, entry.column, entry.unit, entry.title, entry.body])
    return {"issues": table, "articles": articles}


def year_json(issues: list[tuple[str, IssueText]]) -> bytes:
    """The JSON of a year's data (UTF-8), the key of its script."""
    return json.dumps(year_document(issues), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def year_script(year: int, document: bytes) -> bytes:
    """``data/<year>.js`` of a year's JSON (:func:`year_json`)."""
    packed = zlib.compress(document.decode("utf-8").encode("utf-16-le"), LEVEL)
    call = f'WeeklySite.chunk({int(year)},{len(packed)},"{pack(packed)}");\n'
    return BOM + call.encode("utf-16-le")
