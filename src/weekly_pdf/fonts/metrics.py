"""Each font's character map and advance widths, cached by the font's sha256.

Reading them with fontTools costs about 0.3 s and 50 MB for the five bundled
Fandol fonts (the CFF fonts' glyph names are built for every glyph), on every
build. What the glyph check and the typesetter need is small: for every code
point the font maps, the advance width of its glyph in font units, and the
font's units per em. That is kept in a cache file named after the sha256 of the
font file's content, so a changed font can never be read with stale metrics,
and the numbers are exactly those fontTools reads (same inputs, same PDF).

The cache lives in ``$WEEKLY_PDF_CACHE`` or ``$XDG_CACHE_HOME/weekly-pdf`` (by
default ``~/.cache/weekly-pdf``), ``metrics/<sha256>.bin``. A file that is
missing, truncated or fails its checksum is read again from the font and
rewritten (temp file + rename); a cache folder that cannot be written is
simply not used.

File format: ``WPDFMET1``, then little-endian uint32 units per em, uint32
count, uint32 CRC-32 of the rest; ``count`` uint32 code points (ascending),
then ``count`` uint16 advance widths.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

MAGIC = b"WPDFMET1"
HEADER = struct.Struct("<III")


@dataclass(frozen=True)
class FontMetrics:
    """Code point → advance width (font units) for every code point the font maps."""

    advances: Mapping[int, int]
    units_per_em: int


def cache_root() -> Path:
    """The user cache folder of weekly-pdf (font metrics here, the title
    segmenter's dictionary index in typeset.segmenter)."""
    base = os.environ.get("WEEKLY_PDF_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "weekly-pdf"


def cache_dir() -> Path:
    return cache_root() / "metrics"


def read_metrics(font, sha256: str) -> FontMetrics:
    """The metrics of the fontTools ``font`` whose file has ``sha256``
    (a callable returning the TTFont: it is opened only when the cache misses)."""
    path = cache_dir() / f"{sha256}.bin"
    cached = _load(path)
    if cached is not None:
        return cached
    metrics = from_font(font())
    _store(path, metrics)
    return metrics


def from_font(ttfont) -> FontMetrics:
    """The metrics as fontTools reads them: the best cmap and the hmtx table."""
    cmap = ttfont.getBestCmap() or {}
    hmtx = ttfont["hmtx"]
    return FontMetrics({code: hmtx[glyph][0] for code, glyph in sorted(cmap.items())},
                       ttfont["head"].unitsPerEm)


def _load(path: Path) -> FontMetrics | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + HEADER.size:
        return None
    upem, count, crc = HEADER.unpack_from(data, len(MAGIC))
    body = data[len(MAGIC) + HEADER.size:]
    if len(body) != count * 6 or zlib.crc32(body) != crc or not upem:
        return None
    codes, widths = array("I"), array("H")
    codes.frombytes(body[:count * 4])
    widths.frombytes(body[count * 4:])
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    return FontMetrics(dict(zip(codes, widths)), upem)


def _store(path: Path, metrics: FontMetrics) -> None:
    codes = array("I", metrics.advances.keys())
    widths = array("H", metrics.advances.values())
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    body = codes.tobytes() + widths.tobytes()
    store_bytes(path, MAGIC + HEADER.pack(metrics.units_per_em, len(codes), zlib.crc32(body))
                 + body)


def store_bytes(path: Path, data: bytes) -> None:
    """Write a cache file whole (temp file + rename), or not at all."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except OSError:
        if temp:
            Path(temp).unlink(missing_ok=True)  # no cache then: what was computed is still right


#: Format of the ink cache: ``<sha256>.ink``, JSON {character: [left, right]}
#: (the glyph's ink edges in font units; null: no glyph or no ink).
INK_VERSION = 1


def read_ink(font, sha256: str, chars: str) -> dict[str, tuple[int, int] | None]:
    """The left and right edges of the ink of each of ``chars`` in the
    fontTools ``font`` whose file has ``sha256`` (a callable, opened only when
    the cache misses). The typesetter reads where punctuation marks draw."""
    import json

    path = cache_dir() / f"{sha256}.ink"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") == INK_VERSION and all(c in data["ink"] for c in chars):
            return {c: tuple(v) if v else None for c, v in data["ink"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    ink = ink_from_font(font(), chars)
    text = json.dumps({"version": INK_VERSION, "ink": ink}, ensure_ascii=False, sort_keys=True)
    store_bytes(path, text.encode("utf-8"))
    return {c: tuple(v) if v else None for c, v in ink.items()}


def ink_from_font(ttfont, chars: str) -> dict[str, list[int] | None]:
    from fontTools.pens.boundsPen import BoundsPen

    cmap = ttfont.getBestCmap() or {}
    glyphs = ttfont.getGlyphSet()
    out: dict[str, list[int] | None] = {}
    for char in chars:
        glyph = cmap.get(ord(char))
        bounds = None
        if glyph is not None:
            pen = BoundsPen(glyphs)
            glyphs[glyph].draw(pen)
            if pen.bounds is not None:
                bounds = [round(pen.bounds[0]), round(pen.bounds[2])]
        out[char] = bounds
    return out
