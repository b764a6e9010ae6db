"""The output variants weekly-pdf writes, and how each is written.

One registry: a plain PDF, and one entry per PDF/A level of
:data:`weekly_pdf.options.LEVELS`. Each says which ``pdf_variant`` WeasyPrint
is asked for, how font programs are embedded and what else the archival
rules demand (:class:`weekly_pdf.pdf.engine.WriteSpec`). Adding a level is
one entry here and one in :data:`~weekly_pdf.options.LEVELS`.
"""

from __future__ import annotations

from ..options import LEVELS, Level
from .engine import DENSE_CFF, OPENTYPE, TRUETYPE, WriteSpec

#: A plain PDF: dense bare CFF font programs (about 12 % smaller files).
PLAIN = WriteSpec(font_programs=DENSE_CFF)

VARIANTS: dict[Level, WriteSpec] = {
    # PDF/A-1 (PDF 1.4) knows no OpenType font files: TrueType outlines.
    LEVELS["1b"]: WriteSpec("pdf/a-1b", TRUETYPE, no_interpolation=True, pdfaid=(1, "B")),
    # PDF/A-2 embeds WeasyPrint's OpenType subsets as they are.
    LEVELS["2b"]: WriteSpec("pdf/a-2b", OPENTYPE, no_interpolation=True, pdfaid=(2, "B")),
}


def spec_for(level: Level | None, identifier: bytes | None = None) -> WriteSpec:
    """How to write a PDF of ``level`` (None: plain) with the PDF identifier ``identifier``."""
    spec = PLAIN if level is None else VARIANTS[level]
    if identifier is None:
        return spec
    from dataclasses import replace
    return replace(spec, identifier=identifier)
