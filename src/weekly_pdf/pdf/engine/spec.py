"""What crosses the engine boundary as plain data (no engine loaded): how
one output variant is written (:class:`WriteSpec`: :mod:`weekly_pdf.pdf.variants`
makes one per variant, :mod:`.finish` acts on it) and where the parts of a
laid-out element lie (:class:`Fragment`: :meth:`.pages.Pages.flow` reads
them, :mod:`weekly_pdf.pdf.placement` decides with them).
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


@dataclass(frozen=True)
class Fragment:
    """The part of one element that lies on one page."""

    #: The value of the element's marking attribute (see :meth:`.pages.Pages.flow`).
    key: str
    #: The page, from 1.
    page: int
    #: Top and bottom of its border box, in pt below the top of the type area.
    top: float
    bottom: float
    #: Its element starts on this page / ends on this page (False: split there).
    first: bool
    last: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top
