"""The one boundary to the HTML engine: WeasyPrint and its PDF writer, pydyf.

No other module of weekly-pdf imports weasyprint or pydyf
(tests/pdf/engine/test_contract.py checks it). What crosses the boundary:

* :func:`start` loads WeasyPrint hermetically, once per process
  (:mod:`.hermetic`); nothing happens when this package is imported.
* :class:`Renderer` (one per process and font set): HTML in →
  :class:`~.pages.Pages` out (:meth:`Renderer.layout`), with only the fonts we
  register and a URL fetcher locked to a few folders (:mod:`.fetcher`);
  Pages + a :class:`WriteSpec` (the output variant: font programs, PDF/A
  identification, identifier) → PDF bytes (:meth:`Renderer.write`).
* :class:`~.pages.Pages`: how many pages, where a block of a class lies and
  how much room is left under it, moving that block down; where every part
  of the elements marked with an attribute lies (``flow``: the articles'
  blocks, for placing pictures and tables).

Public API used: ``weasyprint.HTML``, ``CSS``, ``Document.write_pdf``
(``finisher``, ``pdf_variant``, ``pdf_identifier``), ``Document.metadata``,
``Page.anchors``, ``URLFetcher``, ``FatalURLFetchingError``,
``FontConfiguration``; ``pydyf.PDF``, ``Stream``, ``Dictionary``, ``String``,
``Array``. Public behaviour relied on: every element ``id`` is written as a
named destination at the top left of the element's first part (the
contents links, and the place marks of :mod:`weekly_pdf.source.placemarks`
that an import reads back; checked by tests/pdf/engine/test_contract.py).

Private uses that remain, each with why; each is checked by a contract test
(tests/pdf/engine/test_contract.py) that names it when an upgrade changes it:

1. ``Page._page_box``, the layout boxes' ``descendants``, ``position_y``,
   ``margin_top``, ``border_height``, ``content_box_y``, ``translate``,
   ``weasyprint.layout.background.layout_box_backgrounds`` and
   ``weasyprint.document.Page(page_box)`` (:mod:`.pages`): measure the closing
   block and move it down in place, which saves a second layout (a third of
   a build); the same boxes, their ``element`` and ``children``, the page
   box's ``height`` and ``weasyprint.formatting_structure.boxes.LineBox``
   tell where each part of an article's blocks fell (``Pages.flow``: a page
   split is seen only in the box tree).
2. ``weasyprint.text.ffi`` (``ffi``, ``fontconfig``, ``pangoft2``),
   ``FontConfiguration._config`` and ``.font_map`` (:mod:`.fonts`): register
   each font file under its role's family name without copying it (the
   @font-face route copies every file into a temporary folder).
3. ``FontConfiguration._folder`` (:mod:`.fonts`): put the copies a layout's
   own @font-face rules make under the batch's work folder.
4. ``weasyprint.pdf.stream.Font`` replaced by a subclass of
   ``weasyprint.pdf.fonts.Font`` that uses its ``file_content``
   (``_file_content``), ``subset(to_unicode, hinting)``, ``hb_face``,
   ``missing``, ``glyph_count``, ``family``, ``index``, with
   ``weasyprint.text.fonts.get_hb_object_data`` and the ``harfbuzz`` /
   ``harfbuzz_subset`` ffi (:mod:`.fonts`): read font files only when they
   are subset and remember subsets (−24 MB at peak; a warm rebuild subsets
   only what changed).
5. pydyf's stream compression, ``zlib.compressobj(level=9)``
   (:mod:`.finish`): a dense CFF program is Flate-encoded here once and
   remembered, byte for byte as pydyf would encode it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ... import __version__
from ...errors import WeeklyPdfError
from .spec import DENSE_CFF, OPENTYPE, TRUETYPE, WriteSpec

if TYPE_CHECKING:
    from ...fonts.fontset import FontFile, FontSet
    from .pages import Block, Fragment, Pages

__all__ = ["DENSE_CFF", "OPENTYPE", "TRUETYPE", "Block", "Engine", "Fragment", "Pages",
           "Renderer", "WriteSpec", "start"]


class Engine:
    """WeasyPrint, loaded hermetically: what :func:`start` returns."""

    def __init__(self):
        from .hermetic import import_weasyprint

        weasyprint = import_weasyprint()
        from .fetcher import FatalURLFetchingError, ForbiddenResource, LockedFetcher
        from .fonts import Fonts, read_font_files_late

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self.weasyprint = weasyprint
        self.FatalURLFetchingError = FatalURLFetchingError
        self.ForbiddenResource = ForbiddenResource
        self.LockedFetcher = LockedFetcher
        self.Fonts = Fonts
        self.producer = f"weekly-pdf {__version__} (WeasyPrint {weasyprint.__version__})"
        read_font_files_late()


_engine: Engine | None = None


def start() -> Engine:
    """Load WeasyPrint hermetically (once per process) and return it."""
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


def __getattr__(name):
    # The WeasyPrint-derived names, for readers that import them from here
    # (importing them loads WeasyPrint).
    if name in ("ForbiddenResource", "LockedFetcher"):
        return getattr(start(), name)
    if name in ("Block", "Fragment", "Pages"):
        start()
        from . import pages
        return getattr(pages, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Renderer:
    """Turns HTML into laid-out pages and pages into PDF bytes; keep one per
    process to reuse its fonts."""

    def __init__(self, fontset: "FontSet", *, temp_dir: Path | None = None):
        """``temp_dir``: where WeasyPrint copies the fonts of a layout's own
        @font-face rules (None: the system's temp folder)."""
        self.engine = start()
        self.fontset = fontset
        self.fonts_dir = fontset.fonts_dir
        self.font_config = self.engine.Fonts(copies_dir=temp_dir)
        self._role_css = self.engine.weasyprint.CSS(
            string=fontset.css(), font_config=self.font_config)

    def use(self, fonts: "Iterable[FontFile]") -> None:
        """Register ``fonts`` (those not registered yet)."""
        for font in fonts:
            if font.family not in self.font_config.registered:
                font.verify()  # the manifest's sha256, before the file is used
            self.font_config.register(font.family, font.path)

    def layout(self, html: str, *, base_dir: Path, read_dirs=(),
               fonts: "Iterable[FontFile] | None" = None) -> "Pages":
        """Lay ``html`` out (no PDF yet); relative URLs resolve against ``base_dir``.

        ``read_dirs``: further folders the render may read (the issue's own).
        ``fonts``: the fonts the text needs (see :meth:`FontSet.needed`);
        None for every font of the font set.
        """
        from .pages import Pages

        engine = self.engine
        self.use(self.fontset.fonts() if fonts is None else fonts)
        fetcher = engine.LockedFetcher([base_dir, self.fonts_dir, *read_dirs])
        try:
            document = engine.weasyprint.HTML(
                string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
            return Pages(document.render(stylesheets=[self._role_css],
                                         font_config=self.font_config))
        except engine.FatalURLFetchingError as exc:
            raise self._fetch_error(exc, base_dir) from None

    def _fetch_error(self, exc, base_dir: Path) -> WeeklyPdfError:
        """The Chinese error for a resource the fetcher refused (WeasyPrint's
        FatalURLFetchingError is a BaseException: never let it through)."""
        forbidden = exc if isinstance(exc, self.engine.ForbiddenResource) else exc.__cause__
        if isinstance(forbidden, self.engine.ForbiddenResource):
            if forbidden.why:
                return WeeklyPdfError(f"版式 {base_dir.name} 引用的 {forbidden.url} {forbidden.why}，"
                                      f"不能读取")
            return WeeklyPdfError(
                f"版式 {base_dir.name} 引用了不允许读取的地址 {forbidden.url}：生成 PDF 时只能"
                f"读取 layouts/、fonts/ 和本期文件所在的文件夹，不能联网")
        return WeeklyPdfError(f"生成 PDF 时读取资源失败：{exc}")

    def pdf_bytes(self, html: str, *, base_dir: Path, read_dirs=(),
                  spec: WriteSpec = WriteSpec()) -> tuple[bytes, int]:
        """The PDF of ``html`` and its page count."""
        return self.write(self.layout(html, base_dir=base_dir, read_dirs=read_dirs), spec)

    def write(self, pages: "Pages", spec: WriteSpec = WriteSpec()) -> tuple[bytes, int]:
        """The PDF of laid-out ``pages``, written as ``spec`` says, and its page count."""
        from .finish import Finisher

        document = pages.document
        arguments = {}
        if spec.pdf_variant is not None:
            arguments["pdf_variant"] = spec.pdf_variant
        if spec.identifier is not None:
            arguments["pdf_identifier"] = spec.identifier
        try:  # attachments (<link rel="attachment">) are fetched only now
            data = document.write_pdf(finisher=Finisher(self.engine.producer, spec), **arguments)
        except self.engine.FatalURLFetchingError as exc:
            layout = getattr(document.url_fetcher, "roots", (Path("."),))[0]
            raise self._fetch_error(exc, layout) from None
        return data, len(document.pages)
