"""TrueType outlines for the font programs embedded in an archival PDF.

PDF/A-1 is based on PDF 1.4, which knows no OpenType font files: a CFF-based
font (all the bundled Fandol and Noto CJK fonts) that WeasyPrint embeds as
``/FontFile3 /Subtype /OpenType`` makes the file invalid. Only the subset
WeasyPrint embeds (the glyphs one issue uses, a few hundred) is converted:
cubic outlines become quadratic ones with cu2qu (at most one font unit off,
1/1000 em for these fonts), the glyph order is kept, so the glyph ids already
written in the page content stay right with ``/CIDToGIDMap /Identity``. The conversion is deterministic
(no timestamps) and takes about 1.5 s of CPU for the seed issue; outlines are
remembered in memory by charstring, so a second issue in the same process
converts only the characters the first did not use. Nothing is cached on
disk: the subset differs from issue to issue, and the font files stay as
they are.
"""

from __future__ import annotations

import io
from array import array

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates
from fontTools.ttLib.tables.ttProgram import Program

#: Largest distance allowed between a cubic curve and its quadratic
#: replacement, in font units (the Fandol and Noto fonts have 1000 per em).
MAX_ERROR = 1.0


#: Quadratic outlines already converted, by CFF charstring: a process that
#: builds many issues (build-all) converts each common character once.
_OUTLINES: dict[bytes, tuple] = {}
MAX_REMEMBERED = 200_000


def outline_key(charstring) -> bytes | None:
    """The charstring's own bytes, when they alone define the outline (no
    subroutines: WeasyPrint's subsets are desubroutinized)."""
    if len(charstring.globalSubrs or ()) or getattr(charstring.private, "Subrs", None):
        return None
    bytecode = getattr(charstring, "bytecode", None)
    if bytecode is None:
        charstring.compile()
        bytecode = charstring.bytecode
    return bytecode


def _outline(glyph: Glyph) -> tuple:
    """A quadratic glyph as plain, immutable data."""
    if not glyph.numberOfContours:
        return ()
    return (tuple(glyph.coordinates), tuple(glyph.endPtsOfContours), bytes(glyph.flags))


def _glyph(outline: tuple) -> Glyph:
    """A fresh ``glyf`` glyph from :func:`_outline` data."""
    glyph = Glyph()
    if not outline:
        glyph.numberOfContours = 0
        return glyph
    coordinates, ends, flags = outline
    glyph.coordinates = GlyphCoordinates(coordinates)
    glyph.endPtsOfContours = list(ends)
    glyph.flags = array("B", flags)
    glyph.numberOfContours = len(ends)
    glyph.program = Program()
    glyph.program.fromBytecode(b"")
    return glyph


def quadratic_glyph(charstring) -> Glyph:
    """A CFF charstring's outline as a fresh ``glyf`` glyph (cubic curves made
    quadratic within :data:`MAX_ERROR`); remembered by the charstring's bytes.
    Also used for the TrueType fonts of an OFD (:mod:`weekly_pdf.pdf.ofd.fonts`)."""
    key = outline_key(charstring)
    outline = _OUTLINES.get(key) if key is not None else None
    if outline is None:
        pen = TTGlyphPen(None)
        charstring.draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        outline = _outline(pen.glyph())
        if key is not None and len(_OUTLINES) < MAX_REMEMBERED:
            _OUTLINES[key] = outline
    return _glyph(outline)


def cff_to_truetype(data: bytes) -> bytes:
    """An OpenType-CFF font file (``OTTO``) as the same font with ``glyf`` outlines."""
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=True)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError("not an OpenType font with CFF outlines")
    order = font.getGlyphOrder()
    if "vmtx" in font:
        font["vmtx"]  # loaded, so that saving recalculates vhea from the new outlines
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    glyphs = {name: quadratic_glyph(charstrings[name]) for name in order}

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for glyph in glyphs.values():
        if glyph.numberOfContours:
            glyph.recalcBounds(glyf)
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]

    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)

    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"

    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def glyph_count(data: bytes) -> int:
    """How many glyphs a font file holds (its maxp.numGlyphs)."""
    return TTFont(io.BytesIO(data), lazy=True)["maxp"].numGlyphs
