"""How one output variant is written: what the engine is told besides the pages.

Plain data (no engine loaded): :mod:`weekly_pdf.pdf.variants` makes one per
variant, :mod:`.finish` acts on it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How :class:`Finisher` embeds font programs.
OPENTYPE, DENSE_CFF, TRUETYPE = "opentype", "dense-cff", "truetype"


@dataclass(frozen=True)
class WriteSpec:
    """How one output variant is written (see :mod:`weekly_pdf.pdf.variants`)."""

    #: WeasyPrint's ``pdf_variant`` (None: a plain PDF).
    pdf_variant: str | None = None
    #: :data:`OPENTYPE`, :data:`DENSE_CFF` or :data:`TRUETYPE`.
    font_programs: str = DENSE_CFF
    #: Drop /Interpolate from images.
    no_interpolation: bool = False
    #: (part, conformance) written into the XMP packet's pdfaid, or None.
    pdfaid: tuple[int, str] | None = None
    #: The PDF's /ID (None: WeasyPrint's own).
    identifier: bytes | None = None
