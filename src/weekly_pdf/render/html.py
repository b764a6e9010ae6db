"""Model → HTML, through the Jinja2 templates of a layout (layouts/<name>/).

A layout folder holds only templates, CSS and layout.toml, so a designer
changes the look without touching Python. A layout that extends another is
searched first, then its parent (:attr:`Layout.folders`): its issue.html
extends the parent's (``{% extends "bulletin/issue.html" %}``) and overrides
blocks, and each folder's stylesheet is linked, the parent's first.
Autoescaping is always on: text from an issue file is printed as itself and
can never become markup.

The templates are also the one list of what a page prints: every printed text
goes through the ``fallback(element)`` filter, and :func:`printed_texts`
renders them once with a filter that records each text with its element,
for the glyph check.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from . import pictures
from ..errors import WeeklyPdfError
from ..source.layout import Layout
from ..source.model import Issue
from ..source.placemarks import PlaceMark, mark_name

if TYPE_CHECKING:
    from ..fonts.fontset import FontSet
    from ..typeset import SetArticle
    from ..typeset.blocks import SetImage

TEMPLATE = "issue.html"


@dataclass(frozen=True)
class ClosingPlacement:
    """Where the closing block (版记) goes, as :mod:`weekly_pdf.pdf.compose`
    measured it on a first layout."""

    #: Space above the block, in pt, that brings its last rule onto the bottom
    #: edge of the type area.
    margin_top: float = 0.0
    #: The block starts a page of its own (that page carries no page number).
    own_page: bool = False
    #: That page must be an even (left-hand) one, for duplex printing.
    even: bool = False


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier process, kept in the user's cache
    folder (``templates/`` beside the font metrics): a new process loads a
    layout's templates instead of compiling them again (about 0.05 s of a
    single build). Jinja2 keys each by its name and file and checks a
    checksum of its source, and of this module, so an edited template, or
    another version of weekly-pdf, compiles afresh. A cache that
    cannot be read or written is only slower: a damaged file is compiled
    again, an unwritable folder is left alone. The folder is the user's own,
    trusted as Python's own bytecode caches are."""

    def __init__(self):
        from ..fonts.metrics import cache_root

        super().__init__(str(cache_root() / "templates"))
        # How a template compiles depends on this module too (which filters take the
        # context, which tests and globals exist): its own bytes join the checksum.
        self._compiler = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

    def get_source_checksum(self, source: str) -> str:
        salted = f"{self._compiler}\0{jinja2.__version__}\0{source}"
        return hashlib.sha256(salted.encode()).hexdigest()

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file: its checksum does not even unpickle
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


#: Where compiled templates are kept between processes (None: nowhere).
TEMPLATE_CACHE: "Callable[[], jinja2.BytecodeCache] | None" = CompiledTemplates


@lru_cache(maxsize=8)
def environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja2 environment of one layout, made once per process: it keeps
    the compiled templates (and loads those an earlier process compiled,
    :class:`CompiledTemplates`), and compiles a template again when its file
    changes (a designer editing the layout while ``watch`` runs).

    ``folders``: the layout's folders, its own first (:attr:`Layout.folders`).
    A template is looked up in them in order; ``"<folder name>/<template>"``
    names one folder's own, for ``{% extends "bulletin/issue.html" %}``.
    Each render sets the ``fallback`` filter for its own fonts and layout."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(folder) for folder in folders]),
            jinja2.PrefixLoader({folder.name: jinja2.FileSystemLoader(str(folder))
                                 for folder in folders})]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=TEMPLATE_CACHE() if TEMPLATE_CACHE else None,
    )
    from ..typeset.rules import OPENING

    # `text is opening_mark`: the text starts with an opening mark (“ （ 【 …).
    env.tests["opening_mark"] = lambda text: str(text)[:1] in OPENING
    env.globals["place_mark"] = place_mark
    env.globals["row_mark"] = row_mark
    return env


def place_mark(section: int, article: int, block, typeset) -> str | None:
    """The ``id`` of a typeset block that was placed elsewhere, cut or
    shrunk to fit a page (:mod:`weekly_pdf.source.placemarks`: the PDF keeps
    it as a named destination, and the importer puts the block back); None
    for a block where its issue puts it, as it is. ``typeset``: its article
    as typeset (a block is named by its index among the printed items)."""
    kind = getattr(block, "kind", None)
    if kind in ("paragraph", "heading", "subheading"):
        if not block.continued:
            return None
        return mark_name(PlaceMark("continued", section, article, printed_index(typeset, block),
                                   block.start - block.opening))
    width = block.shrunk_from if kind == "image" else None
    if not (block.moved or width is not None):
        return None
    return mark_name(PlaceMark("moved" if block.moved else "shrunk", section, article,
                               printed_index(typeset, block), width=width))


def row_mark(section: int, article: int, table, row: int, typeset) -> str | None:
    """The ``id`` of row ``row`` of a typeset table (the header is 0) when
    the row before it may split across pages (:meth:`SetTable.tall`): where
    this row starts tells an import whether the one before it went on under
    the repeated header of the next page."""
    if row < 2 or not table.tall(row - 1):
        return None
    return mark_name(PlaceMark("row", section, article, printed_index(typeset, table), row))


def printed_index(typeset, block) -> int:
    """The index of ``block``'s body item among the items of its article as
    printed and read back: a list's items are paragraphs of their own (each
    set from its own opening line), every other item is one."""
    def item(other) -> tuple[int, int]:
        return other.index, getattr(other, "opening", 0)

    return len({item(other) for other in typeset.blocks if item(other) < item(block)})


def template(layout: Layout, name: str, fallback) -> jinja2.Template:
    """The template ``name`` of ``layout`` (its own, else its parent's …),
    its ``fallback`` filter set."""
    env = environment(layout.folders)
    # Passed the context, the filter runs when the template renders, never when it is
    # compiled: Jinja2 folds a filter applied to a constant (text the designer writes
    # in the template) into the compiled code, which would leave it unseen by a later
    # render's filter (the glyph check's recording one, the fallback marker) of this
    # process or of another one loading the compiled template (CompiledTemplates).
    env.filters["fallback"] = jinja2.pass_context(
        lambda context, *args, **kwargs: fallback(*args, **kwargs))
    try:
        return env.get_template(name)
    except jinja2.TemplateError as exc:
        raise template_error(layout, exc) from None


def template_error(layout: Layout, exc: jinja2.TemplateError) -> WeeklyPdfError:
    """A designer's mistake in a template of ``layout``, in Chinese."""
    if isinstance(exc, jinja2.TemplateNotFound):  # a template, or the one it extends
        looked = "、".join(str(folder) for folder in layout.folders)
        return WeeklyPdfError(f"版式 {layout.name} 找不到模板 {exc.name}（找过 {looked}）")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return WeeklyPdfError(
            f"版式模板 {exc.filename or layout.folder} 第 {exc.lineno} 行有误：{exc.message}")
    return WeeklyPdfError(f"版式 {layout.name} 的模板出错：{exc}")


def stylesheets(layout: Layout) -> Callable[[str], list[str]]:
    """For the templates: ``stylesheets("style.css")`` is the link of each
    layout folder's file of that name, the extended layout's first (the
    child's rules come later in the cascade and win), relative to the
    layout's own folder (the render's base URL)."""
    def links(name: str) -> list[str]:
        return [Path(os.path.relpath(folder / name, layout.folder)).as_posix()
                for folder in reversed(layout.folders) if (folder / name).is_file()]
    return links


def _element_role(layout: Layout, element: str) -> str:
    """The font role layout.toml gives ``element``; a template naming an
    element [roles] does not have is the designer's mistake, named."""
    try:
        return layout.roles[element]
    except KeyError:
        raise WeeklyPdfError(f"版式 {layout.name} 的模板用了 fallback(\"{element}\")，"
                             f"但 layout.toml 的 [roles] 里没有 {element}") from None


def _no_output(element: str, text: str) -> str:
    """``css_prints`` in a real render: what a stylesheet prints is in the
    stylesheet; the template only declares it for the glyph check."""
    return ""


def fallback_marker(fontset: "FontSet", layout: Layout):
    """A template filter: ``text`` (of an element of the layout, drawn in the
    font role layout.toml gives it) escaped, each run of characters that a
    fallback font draws wrapped in ``<span class="fallback">``.

    A fallback font has other ascent and descent than the role's own font, so
    a line holding one of its glyphs would grow taller than the line pitch and
    push everything after it off the body grid; the layout's CSS gives these
    spans no line height of their own."""
    own: dict[tuple[str, str], bool] = {}

    def drawn_by_own_font(char: str, role: str) -> bool:
        key = (char, role)
        if key not in own:
            font = fontset.font_for(char, role)
            own[key] = char.isspace() or font is None or font is fontset.roles[role][0]
        return own[key]

    def mark(text: str, element: str) -> Markup:
        role = _element_role(layout, element)
        parts = []
        for is_own, chars in groupby(text, key=lambda char: drawn_by_own_font(char, role)):
            run = "".join(chars)
            parts.append(escape(run) if is_own else
                         Markup('<span class="fallback">%s</span>') % run)
        return Markup("").join(parts)
    return mark


def image_url(block: "SetImage") -> str:
    """A picture as the PDF embeds it: prepared for its printed size, as a
    data: URL (nothing is fetched while rendering). A picture shrunk to fit
    a page keeps the pixels of its own size: the PDF holds the same picture
    however it was placed, which an import reads back at that size."""
    return pictures.print_url(block.image.path, block.shrunk_from or block.width)


def layout_css(layout: Layout) -> Markup:
    """The layout's generated custom properties, for a <style> element."""
    return Markup(layout.css())


def render_html(issue: Issue, layout: Layout, fontset: "FontSet", *,
                articles: "dict[tuple[int, int], SetArticle]",
                closing: ClosingPlacement) -> str:
    """The HTML of one issue, laid out by the templates of ``layout``.

    ``layout``: the issue's layout with its style: settings applied
    (Layout.styled). ``articles``: every article as the typesetter set it
    (:func:`weekly_pdf.typeset.set_articles`), by (section, article) index:
    body paragraphs broken into justified lines, titles into balanced lines.
    ``closing``: where :mod:`weekly_pdf.pdf.compose` places the closing block.
    ``fontset``: the fonts, for the ``fallback`` filter.
    """
    from ..typeset.articles import run_styles

    return _render(issue, layout, fallback_marker(fontset, layout), articles=articles,
                   closing=closing, image_url=image_url, run_styles=run_styles(articles),
                   css_prints=_no_output)


def _render(issue: Issue, layout: Layout, fallback, **values) -> str:
    issue_html = template(layout, TEMPLATE, fallback)
    try:
        return issue_html.render(
            issue=issue, generator=f"weekly-pdf {__version__}", layout=layout,
            layout_css=layout_css(layout), stylesheets=stylesheets(layout),
            opening_half_width=issue.style.opening_half_width, **values)
    except jinja2.TemplateError as exc:
        raise template_error(layout, exc) from None


def printed_texts(issue: Issue, layout: Layout, fontset: "FontSet"
                  ) -> list[tuple[str, str, str]]:
    """Every text the templates of ``layout`` print for ``issue``, as
    (field path, text, font role): what the glyph check checks.

    The templates are rendered once as for the PDF, but with every article
    set whole (:class:`weekly_pdf.typeset.setting.Unbroken`: no line is
    broken, so each text is printed in one piece) and a ``fallback`` filter
    that records each text with its element; ``css_prints`` adds what the
    stylesheet prints. Each text is then named by the issue's field it comes
    from (:meth:`Issue.texts`) or the layout's label (:meth:`Layout.label_texts`);
    text the template writes itself is named by the template.
    """
    from ..typeset.articles import set_articles
    from ..typeset.setting import unbroken_for

    printed: dict[tuple[str, str], None] = {}
    stylesheet: dict[tuple[str, str], None] = {}

    def record(text, element: str) -> Markup:
        _element_role(layout, element)
        printed[str(text), element] = None
        return escape(text)

    def css_prints(element: str, text: str) -> str:
        _element_role(layout, element)
        stylesheet[text, element] = None
        return ""

    _render(issue, layout, record, articles=set_articles(issue, unbroken_for(layout, fontset)),
            closing=ClosingPlacement(), image_url=lambda block: "", run_styles=(),
            css_prints=css_prints)
    names = _FieldNames([*issue.texts(), *layout.label_texts()],
                        unknown=f"{layout.name}/{TEMPLATE}")
    out = [(path, part, layout.roles[element])
           for text, element in printed for path, part in names.parts(text)]
    out += [("style.css", text, layout.roles[element])
            for text, element in stylesheet]
    return out


class _FieldNames:
    """Which field a printed text comes from: the text as a whole, or its
    parts from left to right, each the longest field (of two characters or
    more) that starts there; what lies between goes with the part after it,
    what is left at the end with the last (a contributor's brackets, the
    comma between two recipients). A text made of no field is the template's."""

    def __init__(self, fields: list[tuple[str, str]], unknown: str):
        self.paths: dict[str, list[str]] = {}
        for path, text in fields:
            if text and path not in self.paths.setdefault(text, []):
                self.paths[text].append(path)
        #: First character → the field texts starting with it, longest first.
        self.starting: dict[str, list[str]] = {}
        for text in sorted(self.paths, key=len, reverse=True):
            if len(text) > 1:  # a single character would match anywhere
                self.starting.setdefault(text[0], []).append(text)
        self.unknown = unknown

    def parts(self, text: str) -> list[tuple[str, str]]:
        """(field path, part of ``text``) for every part of ``text``."""
        if text in self.paths:
            return [(path, text) for path in self.paths[text]]
        spans: list[tuple[int, str]] = []
        i = 0
        while i < len(text):
            field = next((f for f in self.starting.get(text[i], ()) if text.startswith(f, i)),
                         None)
            if field is None:
                i += 1
                continue
            spans.append((i, field))
            i += len(field)
        if not spans:
            return [(self.unknown, text)]
        parts: dict[str, str] = {}
        for k, (start, field) in enumerate(spans):
            begin = spans[k - 1][0] + len(spans[k - 1][1]) if k else 0
            stop = start + len(field) if k + 1 < len(spans) else len(text)
            for path in self.paths[field]:
                parts[path] = parts.get(path, "") + text[begin:stop]
        return list(parts.items())
