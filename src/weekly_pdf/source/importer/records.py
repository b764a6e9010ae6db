"""What the importer found, as typed records (not dicts with private keys).

A body is a list of paragraphs (``str``) and blocks (:class:`Heading`,
:class:`Picture`, :class:`Table`), in print order: the same shape as an
issue file's list-form ``body``. Each record keeps the :class:`SourceLine` it
started at, so that a problem with it can say where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Heading, Table  # the same blocks an issue file's body holds
from .lines import SourceLine


@dataclass(frozen=True)
class Picture:
    """A picture taken out of a Word document, to be saved beside the issue file."""

    data: bytes
    #: The suffix it was stored under (.png, .jpeg, .emf, …).
    suffix: str
    caption: str | None = None


Block = Heading | Picture | Table
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


@dataclass
class Section:
    column: str
    #: Where its 【column】 line came from.
    line: SourceLine
    articles: list[Article] = field(default_factory=list)
