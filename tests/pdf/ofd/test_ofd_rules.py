"""The rules: every filled rectangle of the seed's PDF (the red rule under the
masthead, the rules of the closing block) is a PathObject of the OFD at the
same place (within 0.1 mm), filled with the same colour, red where red."""

from __future__ import annotations


from tests import plumbed
from tests.pdf.ofd.ofdread import NS, Ofd, numbers

MM = 25.4 / 72


def _ofd_rects(page):
    """(left, top, right, bottom, colour) of every filled PathObject of a page."""
    rects = []
    for path in page.root.iter(f"{NS}PathObject"):
        if path.get("Fill") != "true":
            continue
        x, y, w, h = numbers(path.get("Boundary"))
        colour = tuple(int(v) for v in numbers(path.find(f"{NS}FillColor").get("Value")))
        rects.append((x, y, x + w, y + h, colour))
    return rects


def _pdf_rects(pdf):
    pages = []
    with plumbed.open(str(pdf)) as document:
        for page in document.pages:
            pages.append([(r["x0"] * MM, r["top"] * MM, r["x1"] * MM, r["bottom"] * MM,
                           tuple(round(c * 255) for c in r["non_stroking_color"]))
                          for r in page.rects if r["fill"]])
    return pages


def test_every_rule_is_a_path_of_the_same_place_and_colour(seed_built):
    ofd = Ofd(seed_built.ofd)
    pdf_pages = _pdf_rects(seed_built.output)
    found = []
    for number, (page, expected) in enumerate(zip(ofd.pages, pdf_pages), start=1):
        ours = _ofd_rects(page)
        assert len(ours) == len(expected), number
        for rect in expected:
            match = [r for r in ours if r[4] == rect[4]
                     and all(abs(a - b) <= 0.1 for a, b in zip(r[:4], rect[:4]))]
            assert match, (number, rect, ours)
            found.append((number, rect))
    red = [(number, rect) for number, rect in found if rect[4] == (255, 0, 0)]
    assert [number for number, _ in red] == [1]
    left, top, right, bottom, _ = red[0][1]
    assert (round(left, 1), round(right, 1)) == (28.0, 184.0)  # the type area's width
    assert len(found) >= 3  # and the closing block's rules
