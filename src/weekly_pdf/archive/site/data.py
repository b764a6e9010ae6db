"""The site's search data: one script per year, the text compressed.

A page opened from a shared folder (``file://``) may not fetch JSON, but it may
run the scripts beside it. Each year's articles go into ``data/<year>.js``::

    WeeklySite.chunk(2023, 51234, "䀀䁃…");

The JSON of the year (below) is encoded as GB18030 (Chinese characters in two
bytes, ASCII in one: after compression about 7 % smaller than UTF-16 and 15 %
smaller than UTF-8), every character outside a fixed set of Chinese characters
and punctuation written as a JSON escape (``\\uXXXX``), so that only bytes every
GB18030 decoder reads alike are used; it is compressed with zlib (deflate,
level 9); the compressed bytes are written 15 bits to a character,
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
…], "articles": [[issue index, no, column, [unit, …], title, body], …]}``,
titles and bodies in NFC as :class:`weekly_pdf.archive.search.Entry` has them,
the units its ``units`` (the 供稿单位 split and named as units.yaml names them;
``[]`` when the article names none).
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array

from ...source.units import UnitList
from ..search import settings
from ..texts import IssueText

#: Changed whenever the scripts' format changes: a year's script is made again
#: even when its JSON did not change (see SiteState.data).
FORMAT = "weekly-pdf site data 3"
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


def year_document(issues: list[tuple[str, IssueText]], units: UnitList | None = None) -> dict:
    """``issues``: (page below the site folder, issue) of one year, in order;
    ``units``: the archive's unit list."""
    table, articles = [], []
    for index, (page, issue) in enumerate(issues):
        table.append([page, issue.name, issue.date, issue.year, int(issue.supplement),
                      issue.number])
        for entry in issue.entries(units=units):
            articles.append([index, entry.no, entry.column, list(entry.units), entry.title,
                             entry.body])
    return {"issues": table, "articles": articles}


def year_json(issues: list[tuple[str, IssueText]], units: UnitList | None = None) -> bytes:
    """The JSON of a year's data (UTF-8), the key of its script: it holds each
    article's units, so an edited unit list changes the key of every year it
    changes."""
    return json.dumps(year_document(issues, units), ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _plain(code: int) -> bool:
    """Whether a character goes into the compressed JSON as GB18030 bytes (else as
    a JSON escape): ASCII, and the characters of Chinese text that GB18030 writes
    in two bytes, mapped alike by every decoder (the browser's follows the WHATWG
    Encoding Standard; a test decodes all of them there)."""
    return code < 0x80 or any(low <= code <= high for low, high in PLAIN_RANGES) and \
        len(chr(code).encode("gb18030")) == 2


#: Han characters (GBK's), CJK and full-width punctuation, the common symbols.
PLAIN_RANGES = ((0x4E00, 0x9FA5), (0x3000, 0x3011), (0xFF01, 0xFF5E), (0x2014, 0x2026),
                (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x2103, 0x2103), (0x2160, 0x216B),
                (0x2460, 0x2473), (0x25A0, 0x25CF))


class _Escapes(dict):
    """Code point → itself, or its JSON escape (two for a character beyond the BMP)."""

    def __missing__(self, code: int) -> str:
        if _plain(code):
            value = chr(code)
        elif code < 0x10000:
            value = f"\\u{code:04x}"
        else:
            high, low = divmod(code - 0x10000, 0x400)
            value = f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
        self[code] = value
        return value


_ESCAPES = _Escapes()


def plain_characters() -> str:
    """Every character that is written as GB18030 bytes, but ASCII (for the test)."""
    return "".join(chr(c) for low, high in PLAIN_RANGES for c in range(low, high + 1)
                   if _plain(c))


def year_script(year: int, document: bytes) -> bytes:
    """``data/<year>.js`` of a year's JSON (:func:`year_json`)."""
    escaped = document.decode("utf-8").translate(_ESCAPES)
    packed = zlib.compress(escaped.encode("gb18030"), LEVEL)
    call = f'WeeklySite.chunk({int(year)},{len(packed)},"{pack(packed)}");\n'
    return BOM + call.encode("utf-16-le")
