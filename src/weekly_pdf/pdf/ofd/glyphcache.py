"""Converted glyphs kept between runs, so that the next OFD of the same fonts is quick.

Making a CFF glyph quadratic and compiling it for the ``glyf`` table takes
about 3 ms (the seed's 850 glyphs: 2.5 s); the issues of one office use mostly
the same few thousand characters. Each converted glyph is kept in a cache file
per font name, keyed by the sha256 of the charstring it was made from (the
charstring alone defines the outline: see ``pdf.pdfa.truetype.outline_key``),
so a record can never be used for another outline, whatever the file's name.

The cache lives beside the fonts' metrics cache (:mod:`weekly_pdf.fonts.metrics`):
``$WEEKLY_PDF_CACHE/ofd-glyphs`` or ``$XDG_CACHE_HOME/weekly-pdf/ofd-glyphs``
(by default ``~/.cache/weekly-pdf/ofd-glyphs``), ``<font name>.bin``.

File format: ``WPDFOFG1``, a uint16 length and that many bytes naming the
conversion (fontTools' version and the largest cu2qu error: a file written
with other ones is not used), then records: 32-byte key, little-endian int32
xMin yMin xMax yMax, uint32 points, uint32 contours, uint32 length, the glyph's
bytes, and the CRC-32 of the record so far. Reading stops at the first record
that is cut short or fails its checksum; writing is whole-file (temp file and
rename), and a folder that cannot be written is simply not used: the OFD is the
same with or without the cache.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from ...fonts.metrics import cache_root, store_bytes


@dataclass(frozen=True)
class GlyphRecord:
    """A glyph as the ``glyf`` table holds it, compiled once: its bytes, its
    bounds and how many points and contours it has (for maxp, hhea, head)."""

    data: bytes                                 # b"" for an empty glyph
    bounds: tuple[int, int, int, int] | None
    points: int = 0
    contours: int = 0


EMPTY = GlyphRecord(b"", None)

MAGIC = b"WPDFOFG1"
RECORD = struct.Struct("<32siiiiIII")
CRC = struct.Struct("<I")
#: Glyphs kept per font (about 20 MB for a CJK font): beyond, nothing is added.
MAX_RECORDS = 30_000


def cache_dir() -> Path:
    return cache_root() / "ofd-glyphs"


def conversion() -> bytes:
    """What the records depend on besides the charstring."""
    import fontTools

    from ..pdfa.truetype import MAX_ERROR
    return f"fontTools {fontTools.version}; cu2qu max error {MAX_ERROR}".encode()


def key(outline_key: bytes) -> bytes:
    return hashlib.sha256(outline_key).digest()


class GlyphCache:
    """The cached glyphs of one font name: loaded when first asked, saved when grown."""

    def __init__(self, font_name: str):
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", font_name)[:100] or "font"
        self.path = cache_dir() / f"{safe}.bin"
        self.records: dict | None = None
        self.added = 0

    def _load(self) -> dict:
        if self.records is None:
            self.records = _read(self.path)
        return self.records

    def get(self, record_key: bytes):
        return self._load().get(record_key)

    def put(self, record_key: bytes, record) -> None:
        records = self._load()
        if record_key not in records and len(records) < MAX_RECORDS:
            records[record_key] = record
            self.added += 1

    def save(self) -> None:
        if not self.added or self.records is None:
            return
        tag = conversion()
        parts = [MAGIC, struct.pack("<H", len(tag)), tag]
        for record_key, record in self.records.items():
            bounds = record.bounds or (0, 0, 0, 0)
            head = RECORD.pack(record_key, *bounds, record.points, record.contours,
                               len(record.data)) + record.data
            parts.append(head + CRC.pack(zlib.crc32(head)))
        store_bytes(self.path, b"".join(parts))  # whole or not at all: the OFD is the same
        self.added = 0


def _read(path: Path) -> dict:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    tag = conversion()
    start = len(MAGIC) + 2
    if not data.startswith(MAGIC) or data[start - 2:start] != struct.pack("<H", len(tag)) \
            or data[start:start + len(tag)] != tag:
        return {}
    records: dict = {}
    offset = start + len(tag)
    while offset + RECORD.size <= len(data):
        record_key, x0, y0, x1, y1, points, contours, length = RECORD.unpack_from(data, offset)
        end = offset + RECORD.size + length
        if end + CRC.size > len(data) or CRC.unpack_from(data, end)[0] != zlib.crc32(
                data[offset:end]):
            break  # cut short or damaged: what was read so far is good
        glyph = data[offset + RECORD.size:end]
        records[record_key] = GlyphRecord(glyph, (x0, y0, x1, y1), points, contours) \
            if contours else EMPTY
        offset = end + CRC.size
    return records
