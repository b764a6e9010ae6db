"""Every character of the OFD stands where the PDF puts it: within 0.1 mm of
the glyph origin pdfplumber reads from the PDF, at the same size, in the same
order (justified lines included: their letter-spacing is carried in DeltaX)."""

from __future__ import annotations

import math


from tests import plumbed
from tests.pdf.ofd.ofdread import Ofd

MM = 25.4 / 72
#: The largest distance allowed between a character in the OFD and in the PDF.
TOLERANCE_MM = 0.1


def _pdf_chars(pdf):
    """(text, x, y, size) of every character pdfplumber reads, page by page,
    in the order drawn; in millimetres from the top left."""
    pages = []
    with plumbed.open(str(pdf)) as document:
        for page in document.pages:
            height = float(page.height)
            pages.append([(c["text"], c["matrix"][4] * MM, (height - c["matrix"][5]) * MM,
                           c["size"] * MM) for c in page.chars])
    return pages


def test_every_character_within_a_tenth_of_a_millimetre_of_the_pdf(built):
    ofd = Ofd(built.ofd)
    pdf_pages = _pdf_chars(built.output)
    assert len(ofd.pages) == len(pdf_pages)
    worst, checked = 0.0, 0
    for number, (page, expected) in enumerate(zip(ofd.pages, pdf_pages), start=1):
        assert "".join(c.text for c in page.chars) == "".join(e[0] for e in expected), number
        for char, (text, x, y, size) in zip(page.chars, expected):
            distance = math.hypot(char.x - x, char.y - y)
            assert distance <= TOLERANCE_MM, (number, text, char, (x, y))
            assert abs(char.size - size) < 0.01, (number, text, char.size, size)
            worst = max(worst, distance)
            checked += 1
    assert checked > 1000
    assert worst < 0.01  # in practice: rounding to a thousandth of a millimetre


def test_justified_lines_keep_their_letter_spacing(seed_built):
    """A full body line of the seed: 28 characters spread over the type area's
    156 mm, each step about 5.57 mm (15.79 pt) as in the PDF, not the font's
    own 5.64 mm advance (16 pt)."""
    ofd = Ofd(seed_built.ofd)
    lines = {}
    for char in ofd.pages[1].chars:
        lines.setdefault((char.object_id, round(char.y, 2)), []).append(char)
    full = [line for line in lines.values() if len(line) == 28 and abs(line[0].x - 28) < 0.01]
    assert len(full) >= 10
    for line in full:
        steps = [b.x - a.x for a, b in zip(line, line[1:])]
        assert abs(line[-1].x + line[-1].size - 184) < 0.05  # ends on the right edge
        assert all(abs(step - 156 / 28) < 0.2 for step in steps), steps
