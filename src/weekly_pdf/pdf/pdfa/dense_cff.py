"""Smaller font programs for plain PDFs: the bare CFF of each embedded font,
holding only the glyphs the document draws.

WeasyPrint embeds each font as a HarfBuzz subset that keeps glyph ids: an
OpenType file (``/FontFile3 /Subtype /OpenType``) with cmap, hmtx, vmtx, name
and OS/2 tables a PDF reader never uses, and an empty charstring for every
unused glyph below the last used one (7,390 glyphs for the seed's 661 in
FandolFang). A CID-keyed CFF names its glyphs by CID, and a PDF's CIDFontType0
reaches glyphs by CID through the CFF's charset, so the same CIDs can be kept
in a *dense* CFF: only .notdef and the used glyphs, the charset listing their
CIDs. The content streams, the /W widths and the ToUnicode maps stay as they
are; the program is embedded as ``/FontFile3 /Subtype /CIDFontType0C``, which
PDF has known since 1.3.

Done only where the glyph ids are the CIDs (charset ``cidNNNNN`` at glyph
NNNNN), so that what the content streams say is what the reader finds. The
PDF objects are changed by :mod:`weekly_pdf.pdf.engine.finish`; this module
only makes the program (fontTools).
"""

from __future__ import annotations

import io


def dense_cff_program(opentype: bytes, keep: list[int]) -> bytes | None:
    """The bare CFF of an OpenType-CFF subset with only the glyphs ``keep``
    (sorted, .notdef first); None when this font cannot be densified safely."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(opentype), lazy=True, recalcBBoxes=False)
    if "CFF " not in font:
        return None
    cff = font["CFF "].cff
    if len(cff.fontNames) != 1:
        return None
    top = cff[cff.fontNames[0]]
    charset = top.charset
    if not hasattr(top, "ROS") or keep[-1] >= len(charset) \
            or any(charset[gid] != f"cid{gid:05d}" for gid in keep[1:]):
        return None
    strings = top.CharStrings
    if not strings.charStringsAreIndexed:
        return None
    index = strings.charStringsIndex
    index.items = [index[gid] for gid in keep]
    del index.file, index.offsets
    names = [charset[gid] for gid in keep]
    strings.charStrings = {name: n for n, name in enumerate(names)}
    if hasattr(top, "FDSelect"):
        select = top.FDSelect
        select.format = None
        select.gidArray = [select.gidArray[gid] for gid in keep]
    top.charset = names
    top.numGlyphs = len(names)
    out = io.BytesIO()
    cff.compile(out, font)
    return out.getvalue()
