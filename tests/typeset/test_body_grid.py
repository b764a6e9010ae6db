"""Body text on the GB/T 9704 grid, measured in the PDF: size, pitch, both
edges of every full line, 28 characters to a pure-Han line, 禁则, page breaks.

Each check runs on the seed issue and on a generated issue full of digits,
Latin words, URLs, ——, …… and titles of several lines.
"""

from __future__ import annotations

import unicodedata

import pytest

from tests.render import pdfmeasure as m
from tests.render.layout_builds import FALLBACK_CHAR, built
from weekly_pdf.typeset.rules import NO_START, violations

EDGE = 0.1  # pt: how far a full line's edges may be from the type area's
PITCH = 28.99


@pytest.fixture(scope="module", params=["seed", "mixed"])
def doc(request, builder, tmp_path_factory):
    return built(request.param, builder, tmp_path_factory)


def _ideographs(text: str) -> bool:
    return all(unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH") for c in text)


def test_body_text_is_16pt_on_a_28_99pt_pitch(doc):
    paras = m.paragraphs(doc.pages)
    assert sum(len(p) for p in paras) > 30
    for para in paras:
        for line in para:
            assert line.size == 16
            assert all(round(c["size"], 1) == 16 for c in line.chars)
        for a, b in zip(para, para[1:]):
            if a.page == b.page:
                assert b.top - a.top == pytest.approx(PITCH, abs=0.05), (a.text, b.text)


def test_every_full_line_is_flush_with_both_edges_of_the_type_area(doc):
    checked = 0
    for line, first in m.full_lines(doc.pages):
        left = m.LEFT + (m.INDENT if first else 0)
        x0, x1 = m.set_edges(line)
        assert x0 == pytest.approx(left, abs=EDGE), line.text
        assert x1 == pytest.approx(m.RIGHT, abs=EDGE), line.text
        checked += 1
    assert checked > 20


def test_lines_with_digits_latin_words_and_urls_are_justified_too(doc):
    mixed = [line for line, _ in m.full_lines(doc.pages)
             if any(c.isascii() and c.isalnum() for c in line.text)]
    assert mixed, "no full line with digits or Latin text"
    for line in mixed:
        assert m.set_edges(line)[1] == pytest.approx(m.RIGHT, abs=EDGE), line.text
    if doc.name == "mixed":
        assert any("https://" in line.text for line in mixed) or any(
            "https://" in line.text for p in m.paragraphs(doc.pages) for line in p)


def test_a_last_line_stays_on_the_grid(doc):
    for para in m.paragraphs(doc.pages):
        last = para[-1]
        if len(para) > 1 and _ideographs(last.text[:-1]):
            steps = [b["x0"] - a["x0"] for a, b in zip(last.chars, last.chars[1:])]
            assert all(step == pytest.approx(15.79, abs=0.1) for step in steps), last.text


def test_pure_han_full_lines_hold_28_characters(doc):
    """28 to a line (26 after the indent). A line of ideographs only may hold
    one fewer when the next unit could not be pushed in (the next line then
    starts with a character and its closing mark)."""
    counted = 0
    for (line, first), following in zip(m.full_lines(doc.pages), _next_lines(doc.pages)):
        if not _ideographs(line.text):
            continue
        expected = 26 if first else 28
        if len(line.text) == expected - 1 and following and following[1:2] in NO_START:
            continue
        assert len(line.text) == expected, line.text
        counted += 1
    if doc.name == "seed":
        lines = [line for line, _ in m.full_lines(doc.pages)]
        han_cells = [len(l.text) for l in lines
                     if all(unicodedata.east_asian_width(c) in "WF" for c in l.text)
                     and not l.text[-1] in NO_START and abs(l.x0 - m.LEFT) < 1]
        # Lines of Han characters and marks: nearly all hold exactly 28.
        assert han_cells.count(28) >= 0.8 * len(han_cells)


def _next_lines(pages):
    out = []
    for para in m.paragraphs(pages):
        out += [b.text for b in para[1:]]
    return out


def test_no_line_breaks_a_kinsoku_rule(doc):
    for para in m.paragraphs(doc.pages):
        assert violations([line.text for line in para]) == []
    titles = _titles(doc.pages)
    for title in titles:
        assert violations(title) == []


def _titles(pages) -> list[list[str]]:
    out, previous = [], None
    for line in m.flow(pages):
        if line.size == m.TITLE_SIZE:
            if previous is not None and previous.size == m.TITLE_SIZE and \
                    0 < line.top - previous.top < 30:
                out[-1].append(line.text)
            else:
                out.append([line.text])
        previous = line
    return out


def test_titles_of_several_lines_are_balanced(doc):
    # Even lines, give or take the few characters a whole word may cost
    # (typeset.breaking.TITLE_WORD_COST); never a long line over a stub.
    several = [t for t in _titles(doc.pages) if len(t) > 1]
    assert several, "no title of several lines"
    for title in several:
        lengths = [len(line) for line in title]
        assert max(lengths) - min(lengths) <= 5 and min(lengths) >= 0.6 * max(lengths), title


def test_at_most_22_body_lines_a_page(doc):
    for page in doc.pages:
        assert sum(1 for line in page.lines if m.is_body(line)) <= 22


def test_every_glyph_is_inside_the_type_area(doc):
    """Every glyph's box, but the blank half of a mark set half width at a line's
    start or end (its ink stays inside)."""
    for page in doc.pages:
        numbers = {id(line) for line in page.lines
                   if line.size == m.PAGE_NUMBER_SIZE and m.PAGE_NUMBER_RE.match(line.text)}
        for line in page.lines:
            if id(line) in numbers:
                continue
            for i, c in enumerate(line.chars):
                x0, x1 = c["x0"], c["x1"]
                if i == 0 and c["text"] in m.OPENING_MARKS:
                    x0 += line.size / 2
                if i == len(line.chars) - 1 and c["text"] in m.CLOSING_MARKS:
                    x1 -= line.size / 2
                assert m.LEFT - 0.5 <= x0 and x1 <= m.RIGHT + 0.5, (page.number, c["text"])
                assert m.TOP - 0.5 <= c["top"] and c["bottom"] <= m.BOTTOM + 0.5, \
                    (page.number, c["text"])


def test_no_paragraph_leaves_a_single_line_at_a_page_top_or_foot(doc):
    for para in m.paragraphs(doc.pages):
        pages = [line.page for line in para]
        for page in set(pages):
            if len(set(pages)) > 1:
                assert pages.count(page) >= 2, [line.text for line in para]


def test_titles_and_headings_never_end_a_page(doc):
    flow = m.flow(doc.pages)
    for a, b in zip(flow, flow[1:]):
        if a.page != b.page:
            is_heading = a.size == m.TITLE_SIZE or "Hei" in "".join(a.fonts)
            assert not is_heading, f"page {a.page} ends with {a.text}"


def test_a_title_that_would_end_a_page_moves_to_the_next_with_its_text(
        builder, tmp_path_factory):
    doc = built("title-at-foot", builder, tmp_path_factory)
    flow = m.flow(doc.pages)
    title = next(i for i, line in enumerate(flow) if line.text == "科协组织开展学习研讨会议"
                 and line.size == m.TITLE_SIZE)
    assert flow[title + 1].page == flow[title].page and m.is_body(flow[title + 1])
    # it did not fit after the 20 lines that end the page before
    assert flow[title - 1].page == flow[title].page - 1
    for a, b in zip(flow, flow[1:]):
        if a.page != b.page:
            assert a.size != m.TITLE_SIZE and "Hei" not in "".join(a.fonts), a.text


def test_a_character_from_a_fallback_font_keeps_its_line_flush(builder, tmp_path_factory):
    doc = built("mixed", builder, tmp_path_factory)
    lines = [line for line, _ in m.full_lines(doc.pages) if FALLBACK_CHAR in line.text]
    assert lines
    for line in lines:
        assert any("Noto" in f for f in line.fonts)
        assert m.set_edges(line)[1] == pytest.approx(m.RIGHT, abs=EDGE)
