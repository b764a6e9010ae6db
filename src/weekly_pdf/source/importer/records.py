"""What the importer found, as typed records (not dicts with private keys).

A body is a list of paragraphs (``str``) and blocks (:class:`Heading`,
:class:`Picture`, :class:`Table`, :class:`ItemList`), in print order: the same shape as an
issue file's list-form ``body``. Each record keeps the :class:`SourceLine` it
started at, so that a problem with it can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Heading, ItemList, Table  # the same blocks an issue file's body holds
from ..wording import contributor
from .lines import SourceLine


@dataclass(frozen=True)
class Picture:
    """A picture taken out of a Word document or a PDF, to be saved beside
    the issue file."""

    data: bytes
    #: The suffix it was stored under (.png, .jpeg, .emf, …).
    suffix: str
    caption: str | None = None
    #: The width it was shown at in the source, in pt (None: not known).
    shown: float | None = None
    #: The issue file's ``width``: a share of the type width (None: natural size).
    width: float | None = None


Block = Heading | Picture | Table | ItemList
BodyItem = str | Block


@dataclass
class Article:
    title: str
    #: Where its title came from.
    line: SourceLine
    body: list[BodyItem] = field(default_factory=list)
    source: str | None = None
    #: True, False or the contents text; None: the source said nothing.
    toc: bool | str | None = None
    #: 编者按 (without its label), printed between the title and the body.
    note: str | None = None
    #: Footnotes and endnotes (their marks first), printed after the contributor.
    footnotes: list[str] = field(default_factory=list)
    #: Blocks of the body that were printed elsewhere than the issue put them
    #: (a PDF of weekly-pdf says so), with the index of the body item each is.
    placed: list[tuple[BodyItem, int]] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [item for item in self.body if isinstance(item, str)]

    @property
    def has_blocks(self) -> bool:
        return any(not isinstance(item, str) for item in self.body)


def take_note(article: Article) -> None:
    """A first paragraph 编者按：… (or 【编者按】…) becomes the article's ``note``."""
    from ..fields import NOTE_LABEL_RE

    body = article.body
    if article.note is None and body and isinstance(body[0], str) and NOTE_LABEL_RE.match(body[0]):
        text = NOTE_LABEL_RE.sub("", body[0]).strip()
        if text:
            article.note = text
            body.pop(0)


def put_back(article: Article) -> None:
    """Put the blocks a PDF of weekly-pdf printed elsewhere (a picture set
    after the text that followed it, to fill a page) back where the issue
    had them: every other item keeps its order, and each placed block is
    put at its index, the lowest first."""
    if not article.placed:
        return
    placed = {id(item) for item, _ in article.placed}
    body = [item for item in article.body if id(item) not in placed]
    for item, index in sorted(article.placed, key=lambda pair: pair[1]):
        body.insert(min(index, len(body)), item)
    article.body[:] = body
    article.placed = []


def place_footnotes(article: Article) -> bool:
    """Put the footnotes after the body, the contributor before them.

    The issue file prints ``source`` after the last body item, so an article
    with footnotes keeps its contributor as text, at the end of its last
    paragraph (as it prints: …覆盖。（市科协学会党委）), and the footnotes
    follow as paragraphs. True when the contributor was moved into the text.
    """
    if not article.footnotes:
        return False
    moved = False
    if article.source:
        label = contributor(article.source)
        if article.body and isinstance(article.body[-1], str):
            article.body[-1] += label
        elif article.body and isinstance(article.body[-1], ItemList):  # after its last item
            items = article.body[-1].items
            article.body[-1] = replace(article.body[-1], items=(*items[:-1], items[-1] + label))
        else:
            article.body.append(label)
        article.source, moved = None, True
    article.body.extend(article.footnotes)
    article.footnotes = []
    return moved


def size_pictures(articles: list[Article], type_width: float) -> None:
    """Give every picture shown at a known width the issue file's ``width``:
    its share of the type width (``type_width``, pt), at most 1 (the type
    area) and at least 0.1 (what the issue file allows)."""
    for article in articles:
        for k, item in enumerate(article.body):
            if isinstance(item, Picture) and item.shown and item.width is None:
                share = min(1.0, max(0.1, round(item.shown / type_width, 3)))
                article.body[k] = replace(item, width=share)


@dataclass
class Section:
    column: str
    #: Where its 【column】 line came from.
    line: SourceLine
    articles: list[Article] = field(default_factory=list)
