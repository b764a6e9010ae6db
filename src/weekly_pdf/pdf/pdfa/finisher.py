"""The last step of every render: producer, XMP metadata, archival font files.

WeasyPrint calls a *finisher* with its document and the :class:`pydyf.PDF`
right before the file is written. :class:`Finisher` uses that public hook to

* name weekly-pdf as the producer,
* write the XMP metadata packet itself (:mod:`.xmp`), mirroring the document
  information dictionary, on every PDF, archival or not,
* for PDF/A-1, swap each embedded OpenType-CFF font program for a TrueType one
  (:mod:`.truetype`) and make its CIDFont a ``CIDFontType2``,
* for a plain PDF, embed each CID-keyed CFF font as a dense bare CFF
  (:mod:`.dense_cff`: about 12 % smaller files),
* for every PDF/A level, turn image interpolation off (PDF/A-1 and -2 forbid
  ``/Interpolate true``; pictures are embedded at print resolution, see
  :mod:`weekly_pdf.source.images`).
"""

from __future__ import annotations

import pydyf

from ...errors import WeeklyPdfError
from .dense_cff import embed_dense_cff
from .levels import Level
from .xmp import DocumentInfo, xmp_packet


class Finisher:
    """A WeasyPrint finisher for one render."""

    def __init__(self, producer: str, level: Level | None = None):
        self.producer = producer
        self.level = level

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        pdf.info["Producer"] = pydyf.String(self.producer)
        if self.level is None:
            embed_dense_cff(pdf, lambda reference: _object(pdf, reference))
        elif not self.level.allows_opentype:
            embed_truetype(pdf)
        if self.level is not None:
            no_interpolation(pdf)
        write_metadata(pdf, document_info(document.metadata, self.producer), self.level)


def document_info(metadata, producer: str) -> DocumentInfo:
    """What WeasyPrint put in the information dictionary, from the HTML's
    ``<title>``, ``<meta>`` tags and ``lang``, plus the producer."""
    return DocumentInfo(
        title=metadata.title or None,
        author=", ".join(metadata.authors) or None,
        subject=metadata.description or None,
        keywords=tuple(metadata.keywords),
        language=metadata.lang or None,
        creator_tool=metadata.generator or None,
        producer=producer,
        created=metadata.created or None,
        modified=metadata.modified or None)


def write_metadata(pdf: pydyf.PDF, info: DocumentInfo, level: Level | None) -> None:
    """Point the catalog's /Metadata at our XMP packet (replacing WeasyPrint's)."""
    packet = xmp_packet(info, level)
    reference = pdf.catalog.get("Metadata")
    if reference is not None:
        stream = _object(pdf, reference)
        stream.stream = [packet]
    else:
        stream = pydyf.Stream([packet], pydyf.Dictionary())
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference
    stream.extra = pydyf.Dictionary({"Type": "/Metadata", "Subtype": "/XML"})
    stream.compress = False  # PDF/A: a metadata stream has no filter


def embed_truetype(pdf: pydyf.PDF) -> list[str]:
    """Convert every OpenType-CFF font program to TrueType; return the font names.

    Then every TrueType program's CIDSet lists all its glyphs, from 0 to the
    last: WeasyPrint's subsets keep glyph ids, so the unused ones are present
    as empty glyphs, and veraPDF (since 1.20) requires a PDF/A-1 CIDSet to
    identify all glyphs present, empty ones included; WeasyPrint lists only
    the used ones. PDFBox Preflight only checks that a CIDSet is there.
    """
    from .truetype import cff_to_truetype  # fontTools' pens: for PDF/A-1 only

    converted: dict[str, bytes] = {}
    names = []
    descriptors = {}
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/FontDescriptor" \
                and "FontFile3" in obj:
            stream = _object(pdf, obj["FontFile3"])
            if not isinstance(stream, pydyf.Stream) \
                    or stream.extra.get("Subtype") != "/OpenType":
                continue
            reference = obj["FontFile3"]
            if reference not in converted:
                data = b"".join(stream.stream)
                try:
                    converted[reference] = cff_to_truetype(data)
                except Exception as exc:  # a font fontTools cannot convert
                    name = str(obj.get("FontName", "")).lstrip("/").split("+", 1)[-1]
                    raise WeeklyPdfError(
                        f"字体 {name} 无法转换成 PDF/A-1b 要求的 TrueType 格式（{exc}）；"
                        f"可以改用 --pdfa=2b（PDF/A-2b 允许这种字体）") from None
                stream.stream = [converted[reference]]
                stream.extra = pydyf.Dictionary({"Length1": len(converted[reference])})
            del obj["FontFile3"]
            obj["FontFile2"] = reference
            descriptors[obj.reference] = obj
            names.append(str(obj.get("FontName", "")))
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/CIDFontType0" \
                and obj.get("FontDescriptor") in descriptors:
            obj["Subtype"] = "/CIDFontType2"
            obj["CIDToGIDMap"] = "/Identity"
    complete_cid_sets(pdf)
    return names


def no_interpolation(pdf: pydyf.PDF) -> int:
    """Drop ``/Interpolate`` from every image (PDF/A-1 6.2.4, PDF/A-2 6.2.8); how many."""
    count = 0
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.extra.get("Subtype") == "/Image":
            for image in (obj, obj.extra.get("SMask")):
                if isinstance(image, pydyf.Stream) and "Interpolate" in image.extra:
                    del image.extra["Interpolate"]
                    count += 1
    return count


def complete_cid_sets(pdf: pydyf.PDF) -> None:
    """Make the CIDSet of every embedded TrueType program list all its glyphs
    (converted fonts and fonts that were TrueType to begin with)."""
    from .truetype import glyph_count

    counts: dict[bytes, int] = {}
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Type") == "/FontDescriptor" \
                and "FontFile2" in obj and "CIDSet" in obj:
            reference = obj["FontFile2"]
            if reference not in counts:
                counts[reference] = glyph_count(b"".join(_object(pdf, reference).stream))
            _object(pdf, obj["CIDSet"]).stream = [cid_set_bytes(counts[reference])]


def cid_set_bytes(count: int) -> bytes:
    """A CIDSet stream's bytes with the bits of CIDs 0 to ``count - 1`` set
    (the high-order bit of the first byte is CID 0)."""
    full, rest = divmod(count, 8)
    return b"\xff" * full + (bytes([(0xff << (8 - rest)) & 0xff]) if rest else b"")


def _object(pdf: pydyf.PDF, reference):
    """The object an indirect reference (``b"12 0 R"`` or ``"12 0 R"``) points to."""
    if isinstance(reference, bytes):
        reference = reference.decode()
    return pdf.objects[int(str(reference).split()[0])]
