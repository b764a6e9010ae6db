"""Where each article starts in its issue's PDF, read from the PDF's outline.

Every layout gives its PDF an outline (bookmarks): masthead → column → article,
the articles at level 3 (``bookmark-level`` in the layout's style.css). The
outline is read back as (title, page) pairs; each article is then
paired with the next level-3 entry of the same title (white space and
default-ignorable characters aside), in print order, so a PDF built from an
older version of the issue gives pages only for the articles it still holds.

The outline is read with pypdfium2 (PDFium, already used for previews): about
1 ms for the seed's PDF, where pypdf takes 37 ms (18 s for 500 issues, most of
the site's time budget); the tests read the same pages back with pypdf. The
site's state remembers what was read per PDF sha256 (:class:`Outline`), so an
unchanged PDF is never read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..search import SPACES, fold

#: The outline level of article titles (masthead 1, column 2, article 3).
ARTICLE_LEVEL = 3


@dataclass(frozen=True)
class Outline:
    """What the site needs of one PDF: its page count and its articles."""

    pages: int
    articles: tuple[tuple[str, int], ...]  # (title, page from 1)

    def to_json(self) -> dict:
        return {"pages": self.pages, "articles": [list(a) for a in self.articles]}

    @classmethod
    def from_json(cls, data) -> "Outline":
        if not isinstance(data, dict) or not isinstance(data.get("pages"), int):
            raise ValueError("outline")
        articles = data.get("articles")
        if not isinstance(articles, list) or not all(
                isinstance(a, list) and len(a) == 2 and isinstance(a[0], str)
                and isinstance(a[1], int) for a in articles):
            raise ValueError("outline")
        return cls(data["pages"], tuple((a[0], a[1]) for a in articles))


def read_outline(pdf: Path) -> Outline | None:
    """The page count and level-3 outline entries of ``pdf``; None when the
    file cannot be read as a PDF."""
    import pypdfium2 as pdfium
    try:
        document = pdfium.PdfDocument(str(pdf))
    except (pdfium.PdfiumError, OSError):
        return None
    try:
        found = []
        for item in document.get_toc():
            destination = item.get_dest()
            # PDFium counts levels from 0 and pages from 0.
            if item.level + 1 == ARTICLE_LEVEL and destination is not None:
                page = destination.get_index()
                if page is not None and page >= 0:
                    found.append((item.get_title(), page + 1))
        return Outline(len(document), tuple(found))
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _key(title: str) -> str:
    return "".join(char for char in fold(title) if char not in SPACES)


def start_pages(outline: Outline, titles: list[str]) -> list[int | None]:
    """The page each title starts on (None when the outline does not hold it)."""
    entries = [(_key(title), page) for title, page in outline.articles]
    pages: list[int | None] = []
    at = 0
    for title in titles:
        key = _key(title)
        for index in range(at, len(entries)):
            if entries[index][0] == key:
                pages.append(entries[index][1])
                at = index + 1
                break
        else:
            pages.append(None)
    return pages
