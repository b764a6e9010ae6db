"""The site's search data: one script per year, the text compressed.

A page opened from a shared folder (``file://``) may not fetch JSON, but it may
run scripts beside it. Each year's articles go into ``data/<year>.js`` as
JSON, compressed with zlib (deflate) and written as base64 inside one call::

    WeeklySite.chunk(2023, "eNrtXetv…");

The page inflates it with the browser's own ``DecompressionStream("deflate")``:
no library, nothing fetched. Compressed, the search data weighs about half of
the text it holds, so the site (whose issue pages carry the full text as HTML
that reads and prints without any script) stays within twice its text; plain
JSON would take the whole site past that. ``data/site.js`` holds the matching
settings of :func:`weekly_pdf.archive.search.settings`, so the page and the
terminal apply one definition.

JSON of one year: ``{"issues": [[page, name, date, year, supplement, number],
…], "articles": [[issue index, no, column, unit or null, title, body], …]}``,
titles and bodies in NFC as :class:`weekly_pdf.archive.search.Entry` has them.
"""

from __future__ import annotations

import base64
import json
import zlib

from ..search import settings
from ..texts import IssueText

#: zlib's best compression: the data is written once and read many times.
LEVEL = 9


def _script(call: str, *args) -> bytes:
    return f"WeeklySite.{call}({', '.join(json.dumps(a) for a in args)});\n" \
        .encode("utf-8")


def settings_script() -> bytes:
    return _script("settings", settings())


def year_script(year: int, issues: list[tuple[str, IssueText]]) -> bytes:
    """``issues``: (page below the site folder, issue) of one year, in order."""
    table, articles = [], []
    for index, (page, issue) in enumerate(issues):
        table.append([page, issue.name, issue.date, issue.year, int(issue.supplement),
                      issue.number])
        for entry in issue.entries():
            articles.append([index, entry.no, entry.column, entry.unit, entry.title, entry.body])
    document = json.dumps({"issues": table, "articles": articles}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    packed = base64.b64encode(zlib.compress(document, LEVEL)).decode("ascii")
    return _script("chunk", year, packed)
