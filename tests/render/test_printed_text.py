"""What is printed is what was written: long words and URLs wrap inside the
type area (pdfplumber reads every character's position), combining marks are
drawn by a font that has them and the PDF/A build still passes Preflight
(issue 9: items 11 and 13)."""

from __future__ import annotations

import unicodedata

import pytest

from tests import plumbed
from tests.helpers import ROOT, pdfa_options
from weekly_pdf.pdf.pdfa.preflight import preflight

MM = 72 / 25.4
#: The right edge of the bulletin's type area: 28 mm margin + 156 mm.
RIGHT_EDGE = (28 + 156) * MM

URL = ("https://www.bast.net.cn/col/col6003/art/2023/"
       "index_subscription_list_of_every_member_society.html?from=weekly&id=20")
WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2

LONG_WORDS = f"""\
year: 2023
number: 20
total: 73
date: 2023-07-07
footer:
  distribution:
    - {"M" * 100}
sections:
  - column: {"W" * 40}
    articles:
      - title: 网站上线{URL}
        toc: true
        body: |
          详见{URL}，以及{WORD}等内容。

          {WORD}{WORD}
        source: {"Q" * 100}
"""

#: Combining marks a bundled font has (acute, macron, enclosing circle), and
#: invisible characters (zero-width space, word joiner) in every kind of field.
MARKS = """\
year: 2023
number: 20
total: 73
date: 2023-07-07
sections:
  - column: "学会\\u200b动态"
    articles:
      - title: "Cafe\\u0301与科学\\u20dd之夜"
        toc: true
        body:
          - "会议在Cafe\\u0301 Science举行，a\\u0304\\u2060b。"
          - "第二段\\u200b正文。"
"""


def _build(builder, tmp_path, text, pdfa=None):
    folder = tmp_path / "issues"
    (folder / "2023").mkdir(parents=True)
    (folder / "publication.yaml").write_bytes((ROOT / "issues" / "publication.yaml").read_bytes())
    source = folder / "2023" / "2023-20.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.pdf"
    builder.build(source, out, pdfa_options(pdfa))
    return out


@pytest.fixture(scope="module")
def long_words_pdf(builder, tmp_path_factory):
    return _build(builder, tmp_path_factory.mktemp("long-words"), LONG_WORDS)


def _chars(pdf_path):
    with plumbed.open(pdf_path) as pdf:
        return [c for page in pdf.pages for c in page.chars]


def test_no_character_of_a_long_word_or_url_runs_off_the_page(long_words_pdf):
    chars = _chars(long_words_pdf)
    text = "".join(c["text"] for c in chars)
    for part in ("index_subscription", "Pneumono", "MMMM", "WWWW", "QQQQ"):
        assert part in text
    # Titles, contents, column headings, contributor and closing block: inside the edge.
    body_size = 16
    outside = [c for c in chars if c["x1"] > RIGHT_EDGE + 0.05 and round(c["size"]) != body_size]
    assert outside == [], "".join(c["text"] for c in outside)
    # Body lines (justified by letter-spacing) too, within the 0.1 pt of any full line.
    body = [c for c in chars if c["x1"] > RIGHT_EDGE + 0.1]
    assert body == [], "".join(c["text"] for c in body)


@pytest.mark.slow
def test_combining_marks_print_and_the_pdfa_build_passes_preflight(builder, tmp_path):
    out = _build(builder, tmp_path, MARKS, pdfa="1b")
    text = unicodedata.normalize("NFC", "".join(c["text"] for c in _chars(out)))
    assert "Café" in text or "Cafe\u0301" in text
    verdict, = preflight([out])
    assert verdict.valid, verdict.findings
