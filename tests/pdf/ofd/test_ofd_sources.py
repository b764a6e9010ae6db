"""An OFD from every kind of PDF the program writes: PDF/A-1b (TrueType font
programs converted from CFF), PDF/A-2b (OpenType CFF), and a plain PDF whose
fallback font is a TrueType file (LXGW WenKai): each verifies, carries its
PDF's text page by page, and puts every character where the PDF does."""

from __future__ import annotations

import math

import pytest

from tests.pdf.ofd.ofdread import Ofd
from tests.pdf.ofd.test_ofd_positions import TOLERANCE_MM, _pdf_chars
from tests.pdf.pdfa.archival_builds import issue_file
from weekly_pdf.pdf.ofd.verify import verify_ofd
from weekly_pdf.options import LEVELS, PLAIN, BuildOptions

SOURCES = {"seed-1b": ("seed", "1b"), "seed-2b": ("seed", "2b"), "rich-plain": ("rich", PLAIN)}


@pytest.mark.slow
@pytest.mark.parametrize("name", SOURCES)
def test_ofd_from_each_kind_of_pdf(builder, tmp_path_factory, name):
    which, level = SOURCES[name]
    out = tmp_path_factory.mktemp("ofd-sources") / f"{name}.pdf"
    pdfa = LEVELS[level] if level in LEVELS else level
    built = builder.build(issue_file(which, tmp_path_factory), out,
                          BuildOptions(pdfa=pdfa, ofd=True))
    verdict = verify_ofd(built.ofd)
    assert verdict.valid, verdict.problems
    assert verdict.compared_with == out
    ofd = Ofd(built.ofd)
    for page, expected in zip(ofd.pages, _pdf_chars(out), strict=True):
        assert "".join(c.text for c in page.chars) == "".join(e[0] for e in expected)
        for char, (_, x, y, _) in zip(page.chars, expected):
            assert math.hypot(char.x - x, char.y - y) <= TOLERANCE_MM, char
    for font_id in ofd.fonts:
        assert "glyf" in ofd.ttfont(font_id)
