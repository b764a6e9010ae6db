"""TrueType outlines for the font programs embedded in an archival PDF.

PDF/A-1 is based on PDF 1.4, which knows no OpenType font files: a CFF-based
font (all the bundled Fandol and Noto CJK fonts) that WeasyPrint embeds as
``/FontFile3 /Subtype /OpenType`` makes the file invalid. Only the subset
WeasyPrint embeds (the glyphs one issue uses, a few hundred) is converted:
cubic outlines become quadratic ones with cu2qu (at most 1/1000 em off), the
glyph order is kept, so the glyph ids already written in the page content
stay right with ``/CIDToGIDMap /Identity``. The conversion is deterministic
(no timestamps) and takes a fraction of a second per issue, so nothing is
cached on disk.
"""

from __future__ import annotations

import io

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

#: Largest distance allowed between a cubic curve and its quadratic
#: replacement, in font units (the Fandol and Noto fonts have 1000 per em).
MAX_ERROR = 1.0


def cff_to_truetype(data: bytes) -> bytes:
    """An OpenType-CFF font file (``OTTO``) as the same font with ``glyf`` outlines."""
    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=True)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError("not an OpenType font with CFF outlines")
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes each glyph's bounding box

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
