"""An issue's articles as the typesetter sets them, ready for the templates."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Issue
from .setting import Typesetter, TypesetParagraph


@dataclass(frozen=True)
class SetArticle:
    """An article as the typesetter set it: title lines and justified paragraphs."""

    title_lines: tuple[str, ...]
    #: One per paragraph; the contributor is part of the last one.
    paragraphs: tuple[TypesetParagraph, ...]


def paragraph_texts(article: Article) -> tuple[str, ...]:
    """The paragraphs as printed: the contributor follows the last one's text."""
    paragraphs = list(article.paragraphs)
    if article.source:
        paragraphs[-1] += f"\uff08{article.source}\uff09"
    return tuple(paragraphs)


def set_articles(issue: Issue, typesetter: Typesetter) -> dict[str, SetArticle]:
    """Every article of ``issue`` typeset, by anchor."""
    return {
        anchor: SetArticle(typesetter.title(article.title),
                           tuple(typesetter.paragraph(p) for p in paragraph_texts(article)))
        for _, _, anchor, article in issue.articles()}
