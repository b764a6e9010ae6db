"""What an OFD is made from: the pages of a PDF as laid out, in OFD's units.

:mod:`.pdfread` fills these from a PDF; :mod:`.writer` turns them into OFD
parts. Everything on a page is in millimetres, origin top left, y down (OFD's
page space); a glyph keeps the PDF font and CID it was drawn with and the text
the PDF's ToUnicode map gives it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ...errors import WeeklyPdfError
from .geometry import Matrix

class Unsupported(WeeklyPdfError):
    """The PDF holds something an OFD cannot be made from faithfully."""


#: An sRGB colour, 0–255 a channel.
Rgb = tuple[int, int, int]


@dataclass
class Glyph:
    """One glyph as drawn: its PDF font's CID, its text (empty when the PDF
    maps it to none), where its origin sits on the page and its advance in em."""

    cid: int
    text: str
    x: float
    y: float
    advance: float


@dataclass
class TextRun:
    """Glyphs of one font, size, colour and direction on one baseline, drawn
    one after the other: one OFD TextObject."""

    font: int                  # index into Document.fonts
    size: float                # the font size, mm
    matrix: Matrix             # object space → page space, without translation
    fill: Rgb | None
    stroke: Rgb | None
    fill_alpha: int
    stroke_alpha: int
    line_width: float          # mm, for stroked (outlined) text
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(glyph.text for glyph in self.glyphs)


#: A path segment in page space: ("M", x, y), ("L", x, y),
#: ("B", x1, y1, x2, y2, x3, y3) (cubic Bézier) or ("C",) (close).
Segment = tuple


@dataclass
class Shape:
    """A filled and/or stroked path: one OFD PathObject."""

    segments: list[Segment]
    fill: Rgb | None
    stroke: Rgb | None
    fill_alpha: int
    stroke_alpha: int
    even_odd: bool
    line_width: float          # mm
    cap: str                   # Butt, Round, Square
    join: str                  # Miter, Round, Bevel
    miter_limit: float
    dash: tuple[float, ...] | None = None   # mm
    dash_offset: float = 0.0


@dataclass
class Picture:
    """An image placed on a page: one OFD ImageObject. ``matrix`` maps the
    image's unit square (0, 0 its top left corner) to page space."""

    image: int                 # index into Document.images
    matrix: Matrix
    alpha: int


@dataclass
class Page:
    width: float               # mm
    height: float
    items: list = field(default_factory=list)   # TextRun | Shape | Picture, in drawing order

    @property
    def text(self) -> str:
        """The page's text in drawing order, as the PDF's ToUnicode maps give it."""
        return "".join(item.text for item in self.items if isinstance(item, TextRun))


@dataclass
class PdfFont:
    """A font program the PDF embeds, with what its font dictionaries say."""

    name: str                  # PostScript name, without the subset tag
    family: str
    kind: str                  # "cff" (bare CFF), "opentype" or "truetype"
    program: bytes
    cid_to_gid: bytes | None   # a /CIDToGIDMap stream; None for /Identity
    widths: dict[int, float]   # CID → advance in 1/1000 em
    default_width: float
    to_unicode: dict[int, str]
    ascent: float              # 1/1000 em
    descent: float
    bbox: tuple[float, float, float, float]
    bold: bool

    def width(self, cid: int) -> float:
        return self.widths.get(cid, self.default_width)


@dataclass
class PdfImage:
    """An image's file as it goes into the OFD (JPEG as embedded, else PNG)."""

    data: bytes
    format: str                # "JPEG" or "PNG"
    width: int
    height: int


@dataclass
class OutlineItem:
    title: str
    page: int | None           # index of the page it points to
    left: float | None         # mm
    top: float | None          # mm, from the top of the page
    fit: bool = False          # the whole page (a /Fit destination)
    children: list["OutlineItem"] = field(default_factory=list)


@dataclass
class Info:
    """The document information of the PDF."""

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    creator: str | None = None
    producer: str | None = None
    created: datetime.date | None = None
    modified: datetime.date | None = None
    identifier: bytes = b""


@dataclass
class Document:
    info: Info
    pages: list[Page]
    fonts: list[PdfFont]
    images: list[PdfImage]
    outline: list[OutlineItem]
