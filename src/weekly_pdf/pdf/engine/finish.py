"""The last step of every render, on WeasyPrint's PDF objects (pydyf) before
they are written: producer, XMP metadata, the font programs a variant needs.

WeasyPrint calls a *finisher* with its document and the :class:`pydyf.PDF`
right before the file is written (``write_pdf(finisher=…)``, public API).
:class:`Finisher` uses that hook to

* name weekly-pdf as the producer,
* write the XMP metadata packet itself (:mod:`weekly_pdf.pdf.pdfa.xmp`),
  mirroring the document information dictionary, on every PDF,
* embed each font program as the output's :class:`WriteSpec` asks: a dense
  bare CFF (plain PDFs, about 12 % smaller), TrueType outlines (PDF/A-1, whose
  PDF 1.4 knows no OpenType) or as WeasyPrint made it (PDF/A-2),
* turn image interpolation off where the spec forbids it (PDF/A-1 and -2).

The font programs themselves are made by pure functions of
:mod:`weekly_pdf.pdf.pdfa` (fontTools); only the object surgery is here.
"""

from __future__ import annotations

import hashlib
import zlib
import pydyf

from ...errors import WeeklyPdfError
from ...recent import Recent
from ..pdfa.dense_cff import dense_cff_program
from ..pdfa.xmp import DocumentInfo, xmp_packet

from .spec import DENSE_CFF, TRUETYPE, WriteSpec


class Finisher:
    """A WeasyPrint finisher for one render."""

    def __init__(self, producer: str, spec: WriteSpec):
        self.producer = producer
        self.spec = spec

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        pdf.info["Producer"] = pydyf.String(self.producer)
        if self.spec.font_programs == DENSE_CFF:
            embed_dense_cff(pdf)
        elif self.spec.font_programs == TRUETYPE:
            embed_truetype(pdf)
        if self.spec.no_interpolation:
            no_interpolation(pdf)
        write_metadata(pdf, document_info(document.metadata, self.producer), self.spec.pdfaid)


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


def write_metadata(pdf: pydyf.PDF, info: DocumentInfo, pdfaid: tuple[int, str] | None) -> None:
    """Point the catalog's /Metadata at our XMP packet (replacing WeasyPrint's)."""
    packet = xmp_packet(info, pdfaid)
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
    from ..pdfa.truetype import cff_to_truetype  # fontTools' pens: for PDF/A-1 only

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
    from ..pdfa.truetype import glyph_count

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


#: Dense programs made lately, and their Flate encodings, by the digest of
#: what they were made from: a watching process rebuilds an issue whose
#: glyphs mostly stay the same.
_made: "Recent[list]" = Recent(16)


def _remembered(opentype: bytes, keep: list[int]) -> list:
    """[dense program or None, its Flate encoding or None] for these glyphs."""
    digest = hashlib.sha256(opentype)
    digest.update(repr(keep).encode())
    key = digest.digest()
    return _made.get(key) or _made.put(key, [dense_cff_program(opentype, keep), None])


def _flate(data: bytes) -> bytes:
    """``data`` Flate-encoded exactly as pydyf encodes a compressed stream
    (``zlib.compressobj(level=9)``: checked by tests/pdf/engine/test_contract.py)."""
    encoder = zlib.compressobj(level=9)
    return encoder.compress(data) + encoder.flush()


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


def embed_dense_cff(pdf: pydyf.PDF) -> int:
    """Replace every OpenType font program of a CIDFontType0 by its dense bare
    CFF (:mod:`weekly_pdf.pdf.pdfa.dense_cff`); return how many were replaced.

    The used glyphs are the CIDFont's /W entries: WeasyPrint lists a width for
    every glyph it draws."""
    descriptors = {}
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/CIDFontType0" \
                and "FontDescriptor" in obj and "W" in obj:
            descriptors.setdefault(obj["FontDescriptor"], set()).update(widths_cids(obj["W"]))
    done: dict[str, bool] = {}
    count = 0
    for reference, used in descriptors.items():
        descriptor = _object(pdf, reference)
        program = descriptor.get("FontFile3")
        if program is None:
            continue
        stream = _object(pdf, program)
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


def _object(pdf: pydyf.PDF, reference):
    """The object an indirect reference (``b"12 0 R"`` or ``"12 0 R"``) points to."""
    if isinstance(reference, bytes):
        reference = reference.decode()
    return pdf.objects[int(str(reference).split()[0])]
