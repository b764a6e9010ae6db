"""Model → HTML, through the Jinja2 templates of a layout (layouts/<name>/).

A layout folder holds only templates and CSS, so a designer changes the look
without touching Python. Autoescaping is always on: text from an issue file is
printed as itself and can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import jinja2

from . import __version__
from .errors import WeeklyPdfError
from .model import Article, Issue

if TYPE_CHECKING:
    from .typeset import Typesetter, TypesetParagraph

TEMPLATE = "issue.html"

#: Which font role draws each kind of text (the layout's CSS must agree).
ROLE_OF = {
    "publication": "title",
    "masthead": "body",
    "toc_title": "heading",
    "toc": "kai",
    "column": "heading",
    "title": "title",
    "body": "body",
    "source": "body",
    "footer": "body",
    "page_number": "song",
}


def environment(layout_dir: Path) -> jinja2.Environment:
    """The Jinja2 environment of one layout folder."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(layout_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class SetArticle:
    """An article as the typesetter set it: title lines and justified paragraphs."""

    title_lines: tuple[str, ...]
    #: One per paragraph; the contributor is part of the last one.
    paragraphs: tuple["TypesetParagraph", ...]


@dataclass(frozen=True)
class ClosingPlacement:
    """Where the closing block (版记) goes, measured by a first render."""

    #: Space above the block, in pt, that brings its last rule onto the bottom
    #: edge of the type area.
    margin_top: float = 0.0
    #: The block starts a page of its own (that page carries no page number).
    own_page: bool = False
    #: That page must be an even (left-hand) one, for duplex printing.
    even: bool = False


def paragraph_texts(article: Article) -> tuple[str, ...]:
    """The paragraphs as printed: the contributor follows the last one's text."""
    paragraphs = list(article.paragraphs)
    if article.source:
        paragraphs[-1] += f"\uff08{article.source}\uff09"
    return tuple(paragraphs)


def set_articles(issue: Issue, typesetter: "Typesetter") -> dict[str, SetArticle]:
    """Every article of ``issue`` typeset, by anchor."""
    return {
        anchor: SetArticle(typesetter.title(article.title),
                           tuple(typesetter.paragraph(p) for p in paragraph_texts(article)))
        for _, _, anchor, article in issue.articles()}


def render_html(issue: Issue, layout_dir: Path, *, typesetter: "Typesetter | None" = None,
                closing: ClosingPlacement | None = None,
                articles: dict[str, SetArticle] | None = None) -> str:
    """The HTML of one issue, laid out by the templates in ``layout_dir``.

    With a ``typesetter`` the body paragraphs come broken into justified lines
    and titles into balanced lines; without one the HTML engine breaks them.
    ``closing`` places the closing block in the flow (see :mod:`weekly_pdf.compose`);
    without it the block is a footnote at the foot of the page where the text ends.
    ``articles``: the result of :func:`set_articles`, when the caller has it already.
    """
    try:
        template = environment(layout_dir).get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        raise WeeklyPdfError(f"版式文件夹 {layout_dir} 里没有模板 {TEMPLATE}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise WeeklyPdfError(
            f"版式模板 {exc.filename or layout_dir} 第 {exc.lineno} 行有误：{exc.message}") from None
    grid = None
    if typesetter is not None:
        grid = {"cell": typesetter.char_pitch, "tracking": typesetter.char_pitch - 16,
                "indent": typesetter.indent}
        if articles is None:
            articles = set_articles(issue, typesetter)
    try:
        return template.render(
            issue=issue, generator=f"weekly-pdf {__version__}", style=issue.style, grid=grid,
            articles=articles or {}, closing=closing)
    except jinja2.TemplateError as exc:
        raise WeeklyPdfError(f"版式 {layout_dir.name} 的模板出错：{exc}") from None


def text_roles(issue: Issue) -> Iterator[tuple[str, str, str]]:
    """Every piece of text the PDF will print, as (field path, text, font role)."""
    yield "publication", issue.publication, ROLE_OF["publication"]
    yield "publisher", issue.publisher, ROLE_OF["masthead"]
    yield "year", issue.issue_line + issue.total_line + issue.date_text, ROLE_OF["masthead"]
    yield "toc_title", issue.toc_title, ROLE_OF["toc_title"]
    listed = {id(entry.article) for entry in issue.toc_entries}
    for s, section in enumerate(issue.sections):
        yield f"sections[{s}].column", section.heading, ROLE_OF["column"]
        for a, article in enumerate(section.articles):
            path = f"sections[{s}].articles[{a}]"
            yield f"{path}.title", article.title, ROLE_OF["title"]
            if isinstance(article.toc, str):
                yield f"{path}.toc", article.toc, ROLE_OF["toc"]
            elif id(article) in listed:
                yield f"{path}.title", article.title, ROLE_OF["toc"]
            for p, paragraph in enumerate(article.paragraphs):
                yield f"{path}.body[{p}]", paragraph, ROLE_OF["body"]
            if article.source:
                yield f"{path}.source", f"（{article.source}）", ROLE_OF["source"]
    footer = issue.footer
    yield "footer", "信息报送邮箱：编辑：审核：分送：", ROLE_OF["footer"]
    if footer.email:
        yield "footer.email", footer.email, ROLE_OF["footer"]
    yield "footer.editor", footer.editor, ROLE_OF["footer"]
    yield "footer.reviewer", footer.reviewer, ROLE_OF["footer"]
    for i, line in enumerate(footer.distribution):
        yield f"footer.distribution[{i}]", line, ROLE_OF["footer"]
    yield "page_number", "—0123456789", ROLE_OF["page_number"]
