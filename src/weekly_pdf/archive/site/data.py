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
import zlib

from ..search import settings
from ..texts import IssueText

#: zlib's best compression: the data is written once and read many times.
LEVEL = 9
#: Fifteen bits to a character: values below SPLIT are U+4000 + value
#: (U+4000–U+D7FF), the others U+E000 + (value - SPLIT) (U+E000–U+E7FF). Neither
#: range holds a surrogate, a quote, a backslash or a line break.
BITS = 15
SPLIT = 0xD800 - 0x4000
BOM = b"\xff\xfe"


def _char(value: int) -> str:
    return chr(0x4000 + value if value < SPLIT else 0xE000 + value - SPLIT)


def settings_script() -> bytes:
    return f"WeeklySite.settings({json.dumps(settings())});\n".encode("ascii")


def pack(data: bytes) -> str:
    """``data`` as characters, 15 bits each (see BITS), the last one padded with zeros."""
    out = []
    acc = bits = 0
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        if bits >= BITS:
            bits -= BITS
            out.append(_char(acc >> bits))
            acc &= (1 << bits) - 1
    if bits:
        out.append(_char(acc << (BITS - bits)))
    return "".join(out)


def year_document(issues: list[tuple[str, IssueText]]) -> dict:
    """``issues``: (page below the site folder, issue) of one year, in order."""
    table, articles = [], []
    for index, (page, issue) in enumerate(issues):
        table.append([page, issue.name, issue.date, issue.year, int(issue.supplement),
                      issue.number])
        for entry in issue.entries():
            articles.append([index, entry.no, entry.column, entry.unit, entry.title, entry.body])
    return {"issues": table, "articles": articles}


def year_script(year: int, issues: list[tuple[str, IssueText]]) -> bytes:
    document = json.dumps(year_document(issues), ensure_ascii=False, separators=(",", ":"))
    packed = zlib.compress(document.encode("utf-16-le"), LEVEL)
    call = f'WeeklySite.chunk({int(year)},{len(packed)},"{pack(packed)}");\n'
    return BOM + call.encode("utf-16-le")
