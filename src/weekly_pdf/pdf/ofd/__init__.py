"""OFD (GB/T 33190-2016), the national fixed-layout format, beside the PDF.

An OFD is made from the PDF bytes a build has just written (:func:`pdf_to_ofd`):
:mod:`.pdfread` reads the laid-out pages back (every glyph, rule and picture
where the PDF puts it), :mod:`.fonts` turns the embedded fonts into TrueType
subsets with a cmap, :mod:`.media` the pictures into JPEG or PNG files, and
:mod:`.writer` writes the package. :mod:`.verify` checks an OFD's structure and
compares its text with its PDF's (``weekly-pdf verify FILE.ofd``).

Nothing here imports the PDF engine: the PDF is read with pypdf, the fonts
with fontTools. See docs/ofd.md.
"""

from __future__ import annotations

from pathlib import Path


def pdf_to_ofd(pdf: bytes) -> bytes:
    """The OFD package of a PDF's pages (deterministic: same PDF, same bytes).

    Raises :class:`weekly_pdf.errors.WeeklyPdfError` (in Chinese) when the PDF
    holds something an OFD cannot be made from faithfully.
    """
    from .pdfread import read_pdf
    from .writer import write_ofd
    return write_ofd(read_pdf(pdf))


def ofd_path(pdf: Path) -> Path:
    """Where the OFD of a PDF goes: beside it, ``.ofd`` for ``.pdf``."""
    return Path(pdf).with_suffix(".ofd")
