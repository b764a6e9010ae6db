"""Pictures of a PDF's pages, drawn from the PDF itself (what you see is what prints).

pypdfium2 (PDFium, the PDF engine of Chromium, shipped as a wheel: no system
package) draws each page; Pillow writes the PNGs and puts small copies of all
pages side by side on one contact sheet. Every file is written whole or not at
all (:func:`weekly_pdf.atomic.write_atomic`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..errors import WeeklyPdfError, display_path

#: Resolution of the page pictures (dots per inch): A4 at 100 dpi is 827 × 1170.
DPI = 100
#: Width of one page on the contact sheet (px), its gap and how many pages per row.
THUMB_WIDTH = 240
GAP = 16
PER_ROW = 4
CONTACT_NAME = "contact-sheet.png"


@dataclass(frozen=True)
class Preview:
    pages: list[Path]
    contact_sheet: Path


def page_name(number: int) -> str:
    return f"page-{number:02d}.png"


def default_folder(pdf: Path) -> Path:
    """out/2023/2023-20.pdf → out/2023/2023-20-preview/"""
    return pdf.with_name(pdf.stem + "-preview")


def render_preview(pdf: Path, folder: Path | None = None, dpi: int = DPI) -> Preview:
    """A PNG of every page of ``pdf`` and one contact sheet, in ``folder``.

    Pictures of pages the PDF no longer has (it got shorter) are removed.
    """
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = Path(pdf)
    folder = Path(folder) if folder else default_folder(pdf)
    try:
        document = pdfium.PdfDocument(str(pdf))
    except (pdfium.PdfiumError, OSError) as exc:
        raise WeeklyPdfError(f"无法打开 PDF 文件 {display_path(pdf)}（{exc}）") from None
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            images.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
    finally:
        document.close()
    if not images:
        raise WeeklyPdfError(f"PDF 文件 {display_path(pdf)} 没有页面")
    pages = []
    for number, image in enumerate(images, start=1):
        target = folder / page_name(number)
        write_atomic(_png(image), target)
        pages.append(target)
    for stale in folder.glob("page-*.png"):
        if stale not in pages:
            stale.unlink(missing_ok=True)
    contact = folder / CONTACT_NAME
    write_atomic(_png(contact_sheet(images, Image)), contact)
    return Preview(pages, contact)


def contact_sheet(images, Image):
    """All pages, ``PER_ROW`` to a row, on a grey ground."""
    first = images[0]
    height = round(THUMB_WIDTH * first.height / first.width)
    columns = min(PER_ROW, len(images))
    rows = -(-len(images) // PER_ROW)
    sheet = Image.new("RGB", (GAP + columns * (THUMB_WIDTH + GAP), GAP + rows * (height + GAP)),
                      (200, 200, 200))
    for index, image in enumerate(images):
        thumb = image.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS)
        row, column = divmod(index, PER_ROW)
        sheet.paste(thumb, (GAP + column * (THUMB_WIDTH + GAP), GAP + row * (height + GAP)))
    return sheet


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
