"""Model → HTML, through the Jinja2 templates of a layout (layouts/<name>/).

A layout folder holds only templates and CSS, so a designer changes the look
without touching Python. Autoescaping is always on: text from an issue file is
printed as itself and can never become markup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import jinja2
from markupsafe import Markup, escape

from . import __version__, images
from .errors import WeeklyPdfError
from .model import Heading, Image, Issue, Table

if TYPE_CHECKING:
    from .compose import ClosingPlacement
    from .typeset import SetArticle, Typesetter
    from .typeset.blocks import SetImage

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
    "heading": "heading",
    "subheading": "kai",
    "note_label": "heading",
    "note": "kai",
    "caption": "kai",
    "table_header": "heading",
    "table": "body",
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


def fallback_marker(typesetter: "Typesetter"):
    """A template filter: ``text`` (of a font role) escaped, each run of
    characters that a fallback font draws wrapped in ``<span class="fallback">``.

    A fallback font has other ascent and descent than the role's own font, so
    a line holding one of its glyphs would grow taller than the line pitch and
    push everything after it off the body grid; the layout's CSS gives these
    spans no line height of their own."""
    fontset = typesetter.advances.fontset
    own: dict[tuple[str, str], bool] = {}

    def drawn_by_own_font(char: str, role: str) -> bool:
        key = (char, role)
        if key not in own:
            font = fontset.font_for(char, role)
            own[key] = char.isspace() or font is None or font is fontset.roles[role][0]
        return own[key]

    def mark(text: str, role: str) -> Markup:
        out, run, run_is_own = [], "", True
        for char in text:
            is_own = drawn_by_own_font(char, role)
            if run and is_own != run_is_own:
                out.append(escape(run) if run_is_own else
                           Markup('<span class="fallback">%s</span>') % run)
                run = ""
            run, run_is_own = run + char, is_own
        if run:
            out.append(escape(run) if run_is_own else
                       Markup('<span class="fallback">%s</span>') % run)
        return Markup("").join(out)
    return mark


def image_url(block: "SetImage") -> str:
    """A picture as the PDF embeds it: prepared for its printed size, as a
    data: URL (nothing is fetched while rendering)."""
    return images.print_url(block.image.path, block.width)


def render_html(issue: Issue, layout_dir: Path, *, typesetter: "Typesetter",
                articles: "dict[str, SetArticle]", closing: "ClosingPlacement") -> str:
    """The HTML of one issue, laid out by the templates in ``layout_dir``.

    ``articles``: every article as ``typesetter`` set it
    (:func:`weekly_pdf.typeset.set_articles`): body paragraphs broken into
    justified lines, titles into balanced lines. ``closing``: where
    :mod:`weekly_pdf.compose` places the closing block in the flow.
    """
    try:
        env = environment(layout_dir)
        env.filters["fallback"] = fallback_marker(typesetter)
        template = env.get_template(TEMPLATE)
    except jinja2.TemplateNotFound:
        raise WeeklyPdfError(f"版式文件夹 {layout_dir} 里没有模板 {TEMPLATE}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise WeeklyPdfError(
            f"版式模板 {exc.filename or layout_dir} 第 {exc.lineno} 行有误：{exc.message}") from None
    grid = {"tracking": typesetter.char_pitch - 16, "indent": typesetter.indent}
    try:
        return template.render(
            issue=issue, generator=f"weekly-pdf {__version__}", style=issue.style, grid=grid,
            articles=articles, closing=closing, image_url=image_url)
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
            if article.note:
                yield f"{path}.note", "编者按：", ROLE_OF["note_label"]
                yield f"{path}.note", article.note, ROLE_OF["note"]
            for b, block in enumerate(article.body):
                where = f"{path}.body[{b}]"
                if isinstance(block, str):
                    yield where, block, ROLE_OF["body"]
                elif isinstance(block, Heading):
                    yield f"{where}.{block.key}", block.text, ROLE_OF[block.key]
                elif isinstance(block, Table):
                    if block.caption:
                        yield f"{where}.caption", block.caption, ROLE_OF["caption"]
                    for r, row in enumerate(block.rows):
                        role = ROLE_OF["table_header"] if r == 0 else ROLE_OF["table"]
                        for c, cell in enumerate(row):
                            yield f"{where}.table[{r}][{c}]", cell, role
                elif isinstance(block, Image) and block.caption:
                    yield f"{where}.caption", block.caption, ROLE_OF["caption"]
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
