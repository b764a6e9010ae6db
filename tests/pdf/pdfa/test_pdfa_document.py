"""What an archival PDF is made of: versions, XMP identification, colour,
fonts, text and looks, and that it stays byte-identical."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tests.pdf.pdfa.archival_builds import SEED_ISSUE, built
from tests.textcheck import seed_in_order
from weekly_pdf.options import LEVELS

#: Builds the seed and a generated issue at both PDF/A levels.
pytestmark = pytest.mark.slow


def _fonts(reader: PdfReader):
    """(CIDFont dict, FontDescriptor) of every embedded font, each once."""
    seen = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            cid = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = cid["/FontDescriptor"].get_object()
            seen.setdefault(descriptor["/FontName"], (cid, descriptor))
    return list(seen.values())


@pytest.mark.parametrize("level, header, part", [("1b", "%PDF-1.4", "1"), ("2b", "%PDF-1.7", "2")])
def test_header_and_xmp_identify_the_level(builder, tmp_path_factory, level, header, part):
    reader = PdfReader(built(f"seed-{level}", builder, tmp_path_factory))
    assert reader.pdf_header == header
    xmp = reader.trailer["/Root"]["/Metadata"].get_object()
    assert "/Filter" not in xmp  # PDF/A: metadata stream unfiltered
    text = xmp.get_data().decode("utf-8")
    assert f"<pdfaid:part>{part}</pdfaid:part>" in text
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in text
    # Each rdf:Description declares its own namespace (what PDFBox's xmpbox reads).
    assert 'rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' in text


def test_output_intent_is_srgb(seed_1b):
    intents = PdfReader(seed_1b).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile


def test_the_layouts_red_is_device_rgb_declared_srgb(seed_1b):
    """layout.toml states the red as sRGB #FF0000; the PDF/A draws it as DeviceRGB
    1 0 0 and its only OutputIntent is an RGB (sRGB) profile, so the red means sRGB."""
    import tomllib

    from tests import plumbed

    from tests.helpers import ROOT

    layout = tomllib.loads((ROOT / "layouts" / "bulletin" / "layout.toml").read_text("utf-8"))
    stated = layout["colors"]["red"].lstrip("#")
    rgb = tuple(int(stated[i:i + 2], 16) / 255 for i in (0, 2, 4))
    assert rgb == (1.0, 0.0, 0.0)
    profile = PdfReader(seed_1b).trailer["/Root"]["/OutputIntents"][0].get_object()[
        "/DestOutputProfile"].get_object().get_data()
    assert profile[16:20] == b"RGB " and b"sRGB" in profile
    with plumbed.open(str(seed_1b)) as pdf:
        page = pdf.pages[0]
        title = [c for c in page.chars if round(c["size"]) == 42]
        assert title and all(tuple(c["non_stroking_color"]) == rgb for c in title)
        rule = min((r for r in page.rects if r["width"] > 100), key=lambda r: r["top"])
        assert tuple(rule["non_stroking_color"]) == rgb
    # set with the DeviceRGB operator (rg), not through an ICC-based colour space
    assert b"1 0 0 rg" in PdfReader(seed_1b).pages[0].get_contents().get_data()


def test_links_are_printable_annotations(seed_1b):
    for page in PdfReader(seed_1b).pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object()["/F"] == 4


@pytest.mark.parametrize("name", ["seed-1b", "rich-1b"])
def test_pdfa_1b_embeds_only_truetype_font_programs(builder, tmp_path_factory, name):
    fonts = _fonts(PdfReader(built(name, builder, tmp_path_factory)))
    assert len(fonts) >= 5
    for cid, descriptor in fonts:
        assert "/FontFile3" not in descriptor, descriptor["/FontName"]
        assert cid["/Subtype"] == "/CIDFontType2"
        assert cid["/CIDToGIDMap"] == "/Identity"
        program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        assert "glyf" in program and "CFF " not in program
        # CIDSet identifies every glyph present in the program, empty ones too
        # (veraPDF's reading of PDF/A-1 6.3.5; PDFBox only wants a CIDSet).
        bits = int.from_bytes(descriptor["/CIDSet"].get_object().get_data(), "big")
        length = len(descriptor["/CIDSet"].get_object().get_data()) * 8
        cids = {i for i in range(length) if bits >> (length - 1 - i) & 1}
        assert cids == set(range(program["maxp"].numGlyphs)), descriptor["/FontName"]


def test_rich_issue_embeds_its_fallback_fonts(rich_1b):
    names = {str(d["/FontName"]).split("+", 1)[1] for _, d in _fonts(PdfReader(rich_1b))}
    assert {"NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular", "LXGWWenKai-Regular"} <= names


def test_pdfa_2b_keeps_opentype_font_programs(seed_2b):
    for cid, descriptor in _fonts(PdfReader(seed_2b)):
        assert descriptor["/FontFile3"].get_object()["/Subtype"] == "/OpenType"
        assert cid["/Subtype"] == "/CIDFontType0"


@pytest.mark.parametrize("level", ["1b", "2b"])
def test_archival_text_still_matches_the_seed(builder, tmp_path_factory, level):
    result = seed_in_order(built(f"seed-{level}", builder, tmp_path_factory))
    assert result.ok, result


def test_archival_build_is_byte_identical(builder, seed_1b):
    checked = builder.check(SEED_ISSUE)
    again, _ = builder.pdf_bytes(checked.issue, level=LEVELS["1b"])
    assert again == seed_1b.read_bytes()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_truetype_outlines_draw_the_same_page(seed_1b, seed_pdf, tmp_path):
    """The converted glyphs look like the originals: page 1 drawn from the
    archival and the normal PDF differs only by anti-aliasing."""
    pages = []
    for pdf in (seed_1b, seed_pdf):
        subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", str(pdf),
                        str(tmp_path / pdf.stem)], check=True, timeout=60)
        pages.append(next(tmp_path.glob(f"{pdf.stem}*.pgm")).read_bytes())
    a, b = pages
    assert len(a) == len(b)
    header = a.index(b"255\n") + 4
    ink = sum(1 for v in a[header:] if v < 128)
    differ = sum(1 for x, y in zip(a[header:], b[header:]) if abs(x - y) > 64)
    assert ink > 1000  # there is text on the page
    assert differ < ink * 0.01, (differ, ink)


@pytest.mark.parametrize("name", ["seed-1b", "seed-2b", "rich-1b"])
def test_widths_agree_with_the_embedded_font_programs(builder, tmp_path_factory, name):
    """The /W widths equal the programs' advances (PDF/A-1 6.3.6, PDF/A-2 6.2.11.5;
    veraPDF checks this, PDFBox Preflight does not for CID fonts)."""
    checked = 0
    for cid, descriptor in _fonts(PdfReader(built(name, builder, tmp_path_factory))):
        key = "/FontFile2" if "/FontFile2" in descriptor else "/FontFile3"
        program = TTFont(io.BytesIO(descriptor[key].get_object().get_data()))
        scale = 1000 / program["head"].unitsPerEm
        order, metrics = program.getGlyphOrder(), program["hmtx"].metrics
        widths = list(cid["/W"])
        for start, run in zip(widths[::2], widths[1::2]):
            for offset, width in enumerate(run):
                advance = metrics[order[start + offset]][0] * scale
                assert abs(advance - float(width)) <= 1, (descriptor["/FontName"], start + offset)
                checked += 1
    assert checked > 100
