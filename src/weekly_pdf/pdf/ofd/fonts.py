"""The OFD's fonts: TrueType subsets of the fonts the PDF embeds, with a cmap.

An OFD reader draws a TextCode's characters with the glyphs the font's cmap
gives them, so every font is embedded (never named only) and carries a cmap
built from the PDF's ToUnicode maps:

* Outlines come from the PDF's own font programs: CFF charstrings (bare CFF
  or OpenType) are made quadratic by :func:`weekly_pdf.pdf.pdfa.truetype.quadratic_glyph`
  (the PDF/A-1 conversion, within one font unit), TrueType outlines are
  copied with their components resolved. Advances are the PDF's ``/W``
  widths. Hinting is dropped (the PDF subsets carry none worth keeping).
* PDF fonts of one name (a bound volume holds one subset of FandolFang per
  issue) become one OFD font when the glyphs they share by CID have the same
  outline and width; otherwise they stay apart.
* The cmap: a character drawn with one glyph maps to it. Where a character is
  drawn with different glyphs (an alternate form), the cmap takes the glyph
  used most often and the TextObject names the others through a
  ``CGTransform``; the same is done for several characters drawn as one glyph
  (a ligature) and for one character drawn as several glyphs (a base and its
  mark: WeasyPrint maps the first glyphs of such a cluster to no text). A
  glyph that the PDF maps to no text at all, with no neighbour to join, is
  given a code point of the Private Use Area (U+E000 on) in the cmap, so it is
  still drawn; :mod:`.verify` leaves such code points out when it compares
  the text with the PDF's.

Everything is deterministic: glyph order (cmap targets by code point, then
the rest by CID), no timestamps, fixed names.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field

from ...recent import Recent
from .glyphcache import EMPTY, GlyphCache, GlyphRecord
from .glyphcache import key as cache_key
from .model import Document, Glyph, PdfFont, TextRun, Unsupported

#: First code point given to glyphs the PDF maps to no text.
PRIVATE_USE = 0xE000
#: The timestamp written in every font's head table: 1 January 1970, 00:00
#: (seconds since 1904, the head table's epoch), never the time of the build.
FONT_TIME = 2082844800


def private_use(char: str) -> bool:
    return 0xE000 <= ord(char) <= 0xF8FF


@dataclass
class Cluster:
    """Characters and the glyphs that draw them."""

    text: str
    glyphs: list[Glyph]


@dataclass
class OfdFont:
    """One font of the OFD: the PDF fonts it holds and, once built, its file."""

    name: str                 # unique in the document: "FandolFang-Regular", "FandolFang-Regular-2"
    base: str                 # the PDF's PostScript name (without the subset tag)
    family: str
    bold: bool
    upem: int
    ascent: float             # 1/1000 em
    descent: float
    members: list[int] = field(default_factory=list)   # indices of Document.fonts
    outlines: dict[int, tuple] = field(default_factory=dict)   # CID → (GlyphRecord, width)
    gids: dict[int, int] = field(default_factory=dict)  # CID → glyph index in the file
    cmap: dict[str, int] = field(default_factory=dict)  # character → CID
    data: bytes = b""


class FontPlan:
    """Which OFD font draws each PDF font, and how each run is encoded."""

    def __init__(self, document: Document):
        self.document = document
        self.fonts: list[OfdFont] = []
        self.of_pdf_font: dict[int, OfdFont] = {}
        self._programs: dict[int, _Program] = {}
        self._caches: dict[str, GlyphCache] = {}
        self._private: dict[tuple[int, int], str] = {}
        used: dict[int, set[int]] = {}
        for run in self._runs():
            used.setdefault(run.font, set()).update(g.cid for g in run.glyphs)
        for index in sorted(used):
            self._place(index, used[index])
        self._choose_cmaps()
        for font in self.fonts:
            font.data = self._build(font)
        for cache in self._caches.values():
            cache.save()

    def _runs(self):
        for page in self.document.pages:
            for item in page.items:
                if isinstance(item, TextRun) and item.glyphs:
                    yield item

    def program(self, index: int) -> "_Program":
        if index not in self._programs:
            font = self.document.fonts[index]
            if font.name not in self._caches:
                self._caches[font.name] = GlyphCache(font.name)
            self._programs[index] = _Program(font, self._caches[font.name])
        return self._programs[index]

    def _place(self, index: int, cids: set[int]) -> None:
        """Put PDF font ``index`` into an OFD font of its name whose shared
        glyphs are the same, or into a new one."""
        pdf = self.document.fonts[index]
        program = self.program(index)
        outlines = {cid: (program.outline(cid), round(pdf.width(cid), 3)) for cid in sorted(cids)}
        candidates = [f for f in self.fonts if f.base == pdf.name and f.family == pdf.family
                      and f.upem == program.upem]
        for font in candidates:
            if all(font.outlines.get(cid, value) == value for cid, value in outlines.items()):
                break
        else:
            name, n = pdf.name, 1
            while any(f.name == name for f in self.fonts):
                n += 1
                name = f"{pdf.name}-{n}"
            font = OfdFont(name, pdf.name, pdf.family, pdf.bold, program.upem, pdf.ascent,
                           pdf.descent)
            font.outlines[0] = (program.outline(0, notdef=True), round(pdf.default_width, 3))
            self.fonts.append(font)
        font.members.append(index)
        font.outlines.update(outlines)
        self.of_pdf_font[index] = font

    # -- text -------------------------------------------------------------

    def clusters(self, run: TextRun) -> list[Cluster]:
        """The glyphs of a run grouped with the text they draw (a glyph
        mapped to no text joins the next glyph that has some)."""
        clusters: list[Cluster] = []
        pending: list[Glyph] = []
        for glyph in run.glyphs:
            text = _xml_text(glyph.text)
            if not text:
                pending.append(glyph)
                continue
            clusters.append(Cluster(text, pending + [glyph]))
            pending = []
        if pending:
            if clusters:
                clusters[-1].glyphs.extend(pending)
            else:
                clusters.extend(Cluster(self._private_code(run.font, g.cid), [g]) for g in pending)
        return clusters

    def _private_code(self, pdf_font: int, cid: int) -> str:
        font = self.of_pdf_font[pdf_font]
        key = (id(font), cid)
        if key not in self._private:
            taken = sum(1 for (owner, _) in self._private if owner == id(font))
            self._private[key] = chr(PRIVATE_USE + taken)
        return self._private[key]

    def _choose_cmaps(self) -> None:
        counts: dict[int, dict[str, Counter]] = {}
        for run in self._runs():
            font = self.of_pdf_font[run.font]
            for cluster in self.clusters(run):
                if len(cluster.text) == 1 and len(cluster.glyphs) == 1:
                    counts.setdefault(id(font), {}).setdefault(
                        cluster.text, Counter())[cluster.glyphs[0].cid] += 1
        for font in self.fonts:
            for char, usage in sorted(counts.get(id(font), {}).items()):
                font.cmap[char] = min(usage, key=lambda cid: (-usage[cid], cid))

    def encode(self, cluster: Cluster, run: TextRun) -> list[int] | None:
        """The glyph indices a cluster needs a CGTransform for; None when the
        cmap already draws it."""
        font = self.of_pdf_font[run.font]
        if len(cluster.text) == 1 and len(cluster.glyphs) == 1 and \
                font.cmap.get(cluster.text) == cluster.glyphs[0].cid:
            return None
        return [font.gids[g.cid] for g in cluster.glyphs]

    # -- files ------------------------------------------------------------

    def _build(self, font: OfdFont) -> bytes:
        """The TrueType file of ``font``, assembled from compiled glyph records
        (nothing is recompiled or recalculated: the bounds are known)."""
        from fontTools.fontBuilder import FontBuilder
        from fontTools.ttLib import newTable

        mapped = sorted(font.cmap.items(), key=lambda item: ord(item[0]))
        order_cids: list[int] = []
        for _, cid in mapped:
            if cid not in order_cids:
                order_cids.append(cid)
        rest = sorted(cid for cid in font.outlines if cid not in order_cids and cid != 0)
        order_cids += rest
        font.gids = {0: 0, **{cid: n + 1 for n, cid in enumerate(order_cids)}}
        names = [".notdef"] + [f"g{n}" for n in range(1, len(order_cids) + 1)]
        records = {name: font.outlines[cid] for name, cid in zip(names, [0] + order_cids)}
        scale = font.upem / 1000
        builder = FontBuilder(font.upem, isTTF=True)
        builder.font.recalcBBoxes = False
        builder.updateHead(created=FONT_TIME, modified=FONT_TIME)
        builder.setupGlyphOrder(names)
        builder.setupCharacterMap({ord(char): names[font.gids[cid]] for char, cid in mapped},
                                  allowFallback=True)
        builder.font["loca"] = newTable("loca")
        glyf = builder.font["glyf"] = newTable("glyf")
        glyf.glyphOrder = names
        glyf.glyphs = {name: _ttglyph(record) for name, (record, _) in records.items()}
        metrics = {name: (round(width * scale), record.bounds[0] if record.bounds else 0)
                   for name, (record, width) in records.items()}
        builder.setupHorizontalMetrics(metrics)
        drawn = [(record.bounds, metrics[name][0]) for name, (record, _) in records.items()
                 if record.bounds]
        x_min = min((b[0] for b, _ in drawn), default=0)
        y_min = min((b[1] for b, _ in drawn), default=0)
        x_max = max((b[2] for b, _ in drawn), default=0)
        y_max = max((b[3] for b, _ in drawn), default=0)
        builder.updateHead(xMin=x_min, yMin=y_min, xMax=x_max, yMax=y_max,
                           macStyle=1 if font.bold else 0)
        ascent, descent = round(font.ascent * scale), round(font.descent * scale)
        builder.setupHorizontalHeader(
            ascent=ascent, descent=descent,
            advanceWidthMax=max(advance for advance, _ in metrics.values()),
            minLeftSideBearing=min((b[0] for b, _ in drawn), default=0),
            minRightSideBearing=min((advance - b[2] for b, advance in drawn), default=0),
            xMaxExtent=max((b[2] for b, _ in drawn), default=0))
        maxp = builder.font["maxp"]
        maxp.maxPoints = max((r.points for r, _ in records.values()), default=0)
        maxp.maxContours = max((r.contours for r, _ in records.values()), default=0)
        maxp.maxZones = 1
        family = _ascii(font.family) or "Font"
        ps_name = _ascii(font.name).replace(" ", "") or "Font"
        style = "Bold" if font.bold else "Regular"
        builder.setupNameTable({"familyName": family, "styleName": style,
                                "uniqueFontIdentifier": f"weekly-pdf:{ps_name}:{_digest(font)}",
                                "fullName": f"{family} {style}", "psName": ps_name,
                                "version": "Version 1.0"}, mac=False)
        builder.setupOS2(sTypoAscender=ascent, sTypoDescender=descent, usWinAscent=max(ascent, 0),
                         usWinDescent=max(-descent, 0), usWeightClass=700 if font.bold else 400,
                         fsSelection=0x20 if font.bold else 0x40, achVendID="WPDF", fsType=0)
        builder.setupPost(keepGlyphNames=False)
        out = io.BytesIO()
        builder.font.save(out)
        return out.getvalue()


#: Glyph records already made, by CFF charstring (see pdf.pdfa.truetype.outline_key):
#: a process that writes many OFDs (build-all, watch) converts each glyph once.
_RECORDS: Recent[GlyphRecord] = Recent(20_000)


def _record(glyph) -> GlyphRecord:
    """The record of a simple quadratic ``glyf`` glyph."""
    if not glyph.numberOfContours:
        return EMPTY
    glyph.recalcBounds(None)
    data = glyph.compile(None, recalcBBoxes=False)
    return GlyphRecord(data, (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax),
                       len(glyph.flags), glyph.numberOfContours)


def _ttglyph(record: GlyphRecord):
    from fontTools.ttLib.tables._g_l_y_f import Glyph as TTGlyph
    return TTGlyph(record.data)


def _digest(font: OfdFont) -> str:
    digest = hashlib.sha256()
    for cid in sorted(font.outlines):
        record, width = font.outlines[cid]
        digest.update(repr((cid, width)).encode() + record.data)
    return digest.hexdigest()[:12]


def _ascii(text: str) -> str:
    return "".join(c for c in text if 32 < ord(c) < 127 and c not in "[](){}<>/%")


def _xml_text(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold (controls, lone surrogates) left out."""
    return "".join(c for c in text if c in "\t\n\r" or (
        (0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000)))


class _Program:
    """A PDF font program: the outline of a CID as quadratic ``glyf`` data."""

    def __init__(self, font: PdfFont, cache: GlyphCache):
        from fontTools.ttLib import TTFont
        self.font = font
        self.cache = cache
        self.cff = None
        self.ttfont = None
        try:
            if font.kind == "cff":
                from fontTools.cffLib import CFFFontSet
                cff = CFFFontSet()
                cff.decompile(io.BytesIO(font.program), None)
                self._use_cff(cff[cff.fontNames[0]])
            else:
                ttfont = TTFont(io.BytesIO(font.program), lazy=True)
                if "CFF " in ttfont:
                    self._use_cff(ttfont["CFF "].cff.topDictIndex[0])
                    self.upem = int(ttfont["head"].unitsPerEm)
                elif "glyf" in ttfont:
                    self.ttfont = ttfont
                    self.order = ttfont.getGlyphOrder()
                    self.glyph_set = ttfont.getGlyphSet()
                    self.upem = int(ttfont["head"].unitsPerEm)
                else:
                    raise Unsupported(f"字体 {font.name} 的字体程序没有轮廓（glyf 或 CFF）")
        except Unsupported:
            raise
        except Exception as exc:
            raise Unsupported(f"字体 {font.name} 的字体程序无法读取，不能写入 OFD"
                              f"（{type(exc).__name__}: {exc}）") from None

    def _use_cff(self, top) -> None:
        self.cff = top
        self.charstrings = top.CharStrings
        self.charset = list(top.charset)
        self.cid_keyed = hasattr(top, "ROS")
        matrix = getattr(top, "FontMatrix", None) or [0.001]
        self.upem = max(16, round(1 / matrix[0])) if matrix[0] else 1000

    def _gid(self, cid: int) -> int:
        mapping = self.font.cid_to_gid
        if mapping is not None:
            if 2 * cid + 1 < len(mapping):
                return mapping[2 * cid] << 8 | mapping[2 * cid + 1]
            return 0
        return cid

    def outline(self, cid: int, notdef: bool = False) -> GlyphRecord:
        """The glyph of ``cid`` (of glyph 0 when ``notdef``); EMPTY when it has
        no outline or is absent."""
        if self.cff is not None:
            name = None
            if notdef:
                name = self.charset[0] if self.charset else None
            elif self.cid_keyed and f"cid{cid:05d}" in self.charstrings:
                name = f"cid{cid:05d}"
            elif not self.cid_keyed and 0 <= self._gid(cid) < len(self.charset):
                name = self.charset[self._gid(cid)]
            if name is None or name not in self.charstrings:
                return EMPTY
            return _cff_record(self.charstrings[name], self.cache)
        gid = 0 if notdef else self._gid(cid)
        if not 0 <= gid < len(self.order):
            return EMPTY
        from fontTools.pens.recordingPen import DecomposingRecordingPen
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        recording = DecomposingRecordingPen(self.glyph_set)
        self.glyph_set[self.order[gid]].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(pen)
        return _record(pen.glyph())


def _cff_record(charstring, cache: GlyphCache) -> GlyphRecord:
    """A CFF charstring's glyph made quadratic (pdf.pdfa.truetype) and compiled;
    remembered in this process and in the font's cache file (:mod:`.glyphcache`)."""
    from ..pdfa.truetype import outline_key, quadratic_glyph
    key = outline_key(charstring)
    if key is None:  # subroutines: the charstring's bytes do not define the outline
        return _record(quadratic_glyph(charstring))
    known = _RECORDS.get(key)
    if known is None:
        digest = cache_key(key)
        known = cache.get(digest)
        if known is None:
            known = _record(quadratic_glyph(charstring))
            cache.put(digest, known)
        _RECORDS.put(key, known)
    return known
