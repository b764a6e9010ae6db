"""Plain PDFs embed each font as a dense bare CFF: only the glyphs drawn, found by
their CIDs, with the widths the PDF states; PDF/A-2b keeps WeasyPrint's OpenType."""

from __future__ import annotations

import io

from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import NullPen
from pypdf import PdfReader

from weekly_pdf.pdf.engine.finish import widths_cids


def _cid_fonts(pdf):
    seen = set()
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            cid = font["/DescendantFonts"][0].get_object()
            if font["/BaseFont"] not in seen:
                seen.add(font["/BaseFont"])
                yield cid, cid["/FontDescriptor"].get_object()


def test_the_seed_embeds_dense_cff_programs_with_every_drawn_glyph(seed_pdf):
    fonts = list(_cid_fonts(seed_pdf))
    assert len(fonts) == 5
    for cid, descriptor in fonts:
        program = descriptor["/FontFile3"].get_object()
        assert program["/Subtype"] == "/CIDFontType0C"
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(program.get_data()), None)
        top = cff[cff.fontNames[0]]
        widths = list(cid["/W"])
        used = widths_cids(widths)
        # Only .notdef and the glyphs drawn, each reachable by its CID.
        assert top.charset == [".notdef", *(f"cid{c:05d}" for c in sorted(used))]
        for start, run in zip(widths[::2], widths[1::2]):
            for offset, width in enumerate(run):
                glyph = top.CharStrings[f"cid{start + offset:05d}"]
                glyph.draw(NullPen())
                assert abs(glyph.width - float(width)) <= 1, (descriptor["/FontName"], start)


def test_the_dense_seed_is_smaller_than_its_opentype_programs(seed_pdf):
    sizes = 0
    for _, descriptor in _cid_fonts(seed_pdf):
        sizes += len(descriptor["/FontFile3"].get_object().get_data())
    # WeasyPrint's OpenType subsets keep every glyph slot below the last one used
    # (7,390 for FandolFang alone): 710 KB uncompressed for the five fonts; the
    # dense CFF programs 459 KB.
    assert sizes < 500_000
