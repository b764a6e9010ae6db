"""PDFs read back with pdfplumber, each parsed once per test process.

pdfplumber parses a page's content the first time a test asks for it
(chars, images, rects) and keeps it on the page. Many tests read the same
PDFs again: the seed, the fixtures' builds, the sweeps of test_placement
(ten picture issues of 60 pages, read by four tests). :func:`open` keeps
the documents it opened, keyed by the sha256 of the file's bytes, so a
second reading of the same bytes reuses the parsed pages, and a PDF built
again at the same path (other bytes) is read afresh.

What it keeps is bounded by pages (a parsed page holds about 1 MB), least
recently read first out. Tests only read the documents: nothing a test does
to one (cropping makes a new page) changes what another reads.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pdfplumber

#: Parsed pages kept at most (about 1 MB each).
KEEP_PAGES = 160

_kept: "OrderedDict[str, pdfplumber.PDF]" = OrderedDict()


@contextmanager
def open(path) -> Iterator[pdfplumber.PDF]:  # noqa: A001 (pdfplumber.open's name, on purpose)
    """``with pdfplumber.open(path) as pdf``, parsed once per test process.

    The document stays open when the block ends: the next reader of the
    same bytes gets it back."""
    data = Path(path).read_bytes()
    key = hashlib.sha256(data).hexdigest()
    document = _kept.pop(key, None)
    if document is None:
        document = pdfplumber.open(io.BytesIO(data))
    _kept[key] = document
    _trim()
    yield document


def _trim() -> None:
    pages = sum(len(document.pages) for document in _kept.values())
    while pages > KEEP_PAGES and len(_kept) > 1:
        # Dropped, not closed: a reader may still hold it (its bytes are in memory).
        _, oldest = _kept.popitem(last=False)
        pages -= len(oldest.pages)
