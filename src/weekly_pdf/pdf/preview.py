"""Pictures of a PDF's pages, drawn from the PDF itself (what you see is what prints).

pypdfium2 (PDFium, the PDF engine of Chromium, shipped as a wheel: no system
package) draws each page; Pillow writes the PNGs and puts small copies of all
pages side by side on one contact sheet. Every file is written whole or not at
all (:func:`weekly_pdf.atomic.write_atomic`).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from ..atomic import NAME_MAX, name_bytes, write_atomic
from ..errors import WeeklyPdfError, display_path

#: Resolution of the page pictures (dots per inch): A4 at 100 dpi is 827 × 1170.
DPI = 100
#: The resolutions ``preview`` draws at. 600 dpi is a 4961 × 7016 picture of an A4
#: page (about 210 MB while it is drawn, one page at a time); print needs 300.
MIN_DPI, MAX_DPI = 20, 600
#: The most pixels one page picture may have: an A4 page at 600 dpi (34.8 million)
#: fits; a larger page (A3, a poster) is drawn at the resolution that fits.
MAX_PAGE_PIXELS = 36_000_000
#: The most pages the contact sheet shows (50 rows of 4), and the tallest a thumbnail
#: may be: the sheet stays a picture that opens, whatever the PDF holds.
MAX_SHEET_PAGES = 200
MAX_THUMB_HEIGHT = 4 * 240
#: Width of one page on the contact sheet (px), its gap and how many pages per row.
THUMB_WIDTH = 240
GAP = 16
PER_ROW = 4
CONTACT_NAME = "contact-sheet.png"


class DpiOutOfRange(WeeklyPdfError):
    """A resolution outside MIN_DPI..MAX_DPI."""


def dpi_problem(dpi) -> str | None:
    """Why ``dpi`` cannot be drawn at, in Chinese; None when it can."""
    if isinstance(dpi, int) and MIN_DPI <= dpi <= MAX_DPI:
        return None
    return (f"分辨率要在 {MIN_DPI} 到 {MAX_DPI} 之间（每英寸点数，整数；默认 {DPI}，"
            f"看清细节用 200–300），这里是 {dpi}")


@dataclass(frozen=True)
class Preview:
    pages: list[Path]
    contact_sheet: Path
    #: Pages too large for MAX_PAGE_PIXELS at the dpi asked for: (page number, dpi drawn at).
    reduced: tuple[tuple[int, int], ...] = ()
    #: How many pages the contact sheet shows (at most MAX_SHEET_PAGES).
    sheet_pages: int = 0


def page_name(number: int) -> str:
    return f"page-{number:02d}.png"


def default_folder(pdf: Path) -> Path:
    """out/2023/2023-20.pdf → out/2023/2023-20-preview/ (the name cut to fit the
    system's limit when the PDF's own name is about as long as it allows)."""
    stem = pdf.stem
    while stem and name_bytes(stem + "-preview") > NAME_MAX:
        stem = stem[:-1]
    return pdf.with_name(stem + "-preview")


def render_preview(pdf: Path, folder: Path | None = None, dpi: int = DPI) -> Preview:
    """A PNG of every page of ``pdf`` and one contact sheet, in ``folder``.

    Pages are drawn, written and shrunk for the contact sheet one at a time,
    so that memory holds one page at full size whatever the page count.
    Pictures of pages the PDF no longer has (it got shorter) are removed.
    Raises :class:`DpiOutOfRange` for a ``dpi`` outside MIN_DPI..MAX_DPI.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    if problem := dpi_problem(dpi):
        raise DpiOutOfRange(problem)
    pdf = Path(pdf)
    folder = Path(folder) if folder else default_folder(pdf)
    try:
        document = pdfium.PdfDocument(str(pdf))
    except (pdfium.PdfiumError, OSError) as exc:
        raise WeeklyPdfError(f"无法打开 PDF 文件 {display_path(pdf)}（{exc}）") from None
    pages, sheet, reduced = [], None, []
    try:
        count = len(document)
        if count == 0:
            raise WeeklyPdfError(f"PDF 文件 {display_path(pdf)} 没有页面")
        for index in range(count):
            page = document[index]
            try:
                width, height = page.get_size()  # in points
                if width <= 0 or height <= 0:
                    raise WeeklyPdfError(f"PDF 文件 {display_path(pdf)} 的第 {index + 1} 页大小为 0，"
                                         f"无法画出")
                scale = dpi / 72
                if width * height * scale * scale > MAX_PAGE_PIXELS:
                    scale = math.sqrt(MAX_PAGE_PIXELS / (width * height))
                    reduced.append((index + 1, max(1, math.floor(scale * 72))))
                bitmap = page.render(scale=scale)
                image = bitmap.to_pil()  # a copy: the bitmap is freed at once
                bitmap.close()
                if image.mode != "RGB":
                    image = image.convert("RGB")
            finally:
                page.close()
            target = folder / page_name(index + 1)
            write_atomic(_png(image), target)
            pages.append(target)
            if sheet is None:
                sheet = ContactSheet(min(count, MAX_SHEET_PAGES), image.width, image.height, Image)
            if index < MAX_SHEET_PAGES:
                sheet.add(index, image)
            del image
    finally:
        document.close()
    for stale in folder.glob("page-*.png"):
        if stale not in pages:
            stale.unlink(missing_ok=True)
    contact = folder / CONTACT_NAME
    write_atomic(_png(sheet.image), contact)
    return Preview(pages, contact, tuple(reduced), min(count, MAX_SHEET_PAGES))


class ContactSheet:
    """All pages, ``PER_ROW`` to a row, on a grey ground, each shrunk to
    THUMB_WIDTH and the first page's shape as it is drawn."""

    def __init__(self, count: int, width: int, height: int, Image):
        self.Image = Image
        self.height = max(1, min(round(THUMB_WIDTH * height / width), MAX_THUMB_HEIGHT))
        columns = min(PER_ROW, count)
        rows = -(-count // PER_ROW)
        self.image = Image.new("RGB", (GAP + columns * (THUMB_WIDTH + GAP),
                                       GAP + rows * (self.height + GAP)), (200, 200, 200))

    def add(self, index: int, page) -> None:
        thumb = page.resize((THUMB_WIDTH, self.height), self.Image.Resampling.LANCZOS)
        row, column = divmod(index, PER_ROW)
        self.image.paste(thumb, (GAP + column * (THUMB_WIDTH + GAP),
                                 GAP + row * (self.height + GAP)))


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
