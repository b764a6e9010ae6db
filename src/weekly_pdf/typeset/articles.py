"""An issue's articles as the typesetter sets them, ready for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..source.model import Issue
from .blocks import SetBlock, SetNote, set_body, set_note, source_line
from .setting import Typesetter

if TYPE_CHECKING:
    from ..fonts.fontset import FontSet
    from ..source.layout import Layout


@dataclass(frozen=True)
class SetArticle:
    """An article as the typesetter set it: title lines, 编者按, body blocks."""

    title_lines: tuple[str, ...]
    #: Paragraphs, headings, pictures and tables in order; the contributor is
    #: part of the last paragraph when the body ends in one.
    blocks: tuple[SetBlock, ...]
    note: SetNote | None = None
    #: The contributor on a line of its own (the body ends in a block), or None.
    source_line: str | None = None


def run_styles(articles: dict[tuple[int, int], SetArticle]) -> tuple[tuple[str, str], ...]:
    """Every distinct style the runs of ``articles`` use, as (CSS class,
    declarations), sorted: the layout writes them once into a ``<style>``
    block and each run names its class (:attr:`.Run.css_class`)."""
    found: dict[str, str] = {}
    for article in articles.values():
        paragraphs = [block.paragraph for block in article.blocks if hasattr(block, "paragraph")]
        if article.note:
            paragraphs.append(article.note.paragraph)
        for paragraph in paragraphs:
            for line in paragraph.runs:
                for run in line:
                    found.update(run.css_rules())
    return tuple(sorted(found.items()))


def typeset_issue(issue: Issue, layout: "Layout", fontset: "FontSet"):
    """Every article of ``issue`` typeset on the grid of its (styled) ``layout``,
    with the punctuation settings of its style: and the office's terms."""
    from .setting import typesetter_for
    return set_articles(issue, typesetter_for(
        layout, fontset, compress=issue.style.compress_punctuation,
        opening_half=issue.style.opening_half_width, terms=issue.terms))


def set_articles(issue: Issue, typesetter: Typesetter) -> dict[tuple[int, int], SetArticle]:
    """Every article of ``issue`` typeset, by (section, article) index from 0."""
    return {
        (s, a): SetArticle(typesetter.title(article.title), set_body(article, typesetter),
                           set_note(article.note, typesetter) if article.note else None,
                           source_line(article))
        for s, a, article in issue.articles()}
