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
used glyphs are the CIDFont's /W entries: WeasyPrint lists a width for every
glyph it draws.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from typing import Iterable

import pydyf

from ...recent import Recent


#: Dense programs made lately, and their Flate encodings, by the digest of
#: what they were made from: a watching process rebuilds an issue whose
#: glyphs mostly stay the same.
_made: "Recent[list]" = Recent(16)


def _remembered(opentype: bytes, keep: list[int]) -> list:
    """[dense program or None, its Flate encoding or None] for these glyphs."""
    digest = hashlib.sha256(opentype)
    digest.update(repr(keep).encode())
    key = digest.digest()
    return _made.get(key) or _made.put(key, [_dense_cff(opentype, keep), None])


def dense_cff(opentype: bytes, used: Iterable[int]) -> bytes | None:
    """The bare CFF of an OpenType-CFF subset, only .notdef and ``used``
    glyphs kept; None when this font cannot be densified safely."""
    return _remembered(opentype, sorted({0, *used}))[0]


def _flate(data: bytes) -> bytes:
    """``data`` Flate-encoded exactly as pydyf encodes a compressed stream."""
    encoder = zlib.compressobj(level=9)
    return encoder.compress(data) + encoder.flush()


def _dense_cff(opentype: bytes, keep: list[int]) -> bytes | None:
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


def widths_cids(widths) -> set[int]:
    """The CIDs a /W array gives widths for: ``c [w1 w2 …]`` and ``c_first c_last w``."""
    cids: set[int] = set()
    items = list(widths)
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], (list, pydyf.Array)):
            cids.update(range(first, first + len(items[i + 1])))
            i += 2
        else:
            cids.update(range(first, int(items[i + 1]) + 1))
            i += 3
    return cids


def embed_dense_cff(pdf: pydyf.PDF, resolve) -> int:
    """Replace every OpenType font program of a CIDFontType0 by its dense bare
    CFF (``resolve``: reference → object); return how many were replaced."""
    descriptors = {}
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/CIDFontType0" \
                and "FontDescriptor" in obj and "W" in obj:
            descriptors.setdefault(obj["FontDescriptor"], set()).update(widths_cids(obj["W"]))
    done: dict[str, bool] = {}
    count = 0
    for reference, used in descriptors.items():
        descriptor = resolve(reference)
        program = descriptor.get("FontFile3")
        if program is None:
            continue
        stream = resolve(program)
        key = str(program)
        if key not in done:
            done[key] = False
            if isinstance(stream, pydyf.Stream) and stream.extra.get("Subtype") == "/OpenType":
                made = _remembered(b"\n".join(stream.stream), sorted({0, *used}))
                if made[0] is not None:
                    stream.extra["Subtype"] = "/CIDFontType0C"
                    if stream.compress:
                        # Encoded here (once for a remembered program), as pydyf would.
                        if made[1] is None:
                            made[1] = _flate(made[0])
                        stream.stream = [made[1]]
                        stream.compress = False
                        stream.extra["Filter"] = "/FlateDecode"
                    else:
                        stream.stream = [made[0]]
                    done[key] = True
                    count += 1
    return count
