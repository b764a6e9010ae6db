"""Punctuation as GB/T 15834 and W3C clreq set it, measured in the PDF.

Every check runs on the seed issue and on a generated issue dense with
punctuation that nothing was tuned on (``punctuated``); the page-number and
copy checks also on the ``mixed`` issue (digits, Latin words, URLs).
"""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.render import pdfmeasure as m
from tests.render.layout_builds import built
from weekly_pdf.typeset.rules import violations

MM = m.MM


@pytest.fixture(scope="module", params=["seed", "punctuated"])
def doc(request, builder, tmp_path_factory):
    return built(request.param, builder, tmp_path_factory)


def _lines(doc):
    return [line for para in m.paragraphs(doc.pages) for line in para]


def test_a_single_mark_inside_a_line_keeps_three_quarters_of_an_em(doc):
    marks = [(line.text, mark, advance) for line in _lines(doc)
             for mark, advance in m.single_mark_advances(line)]
    assert len(marks) > 50
    narrow = [entry for entry in marks if entry[2] < 0.75]
    assert narrow == []


def test_adjacent_marks_leave_at_most_0_6_em_between_their_inks(doc):
    pairs = [(line.text, pair, blank) for line in _lines(doc)
             for pair, blank in m.mark_pair_blanks(line)]
    assert len(pairs) > 5
    assert [entry for entry in pairs if entry[2] > 0.6] == []


def test_adjacent_marks_are_compressed_alike_everywhere(doc):
    """》《 ，“ 。） …: one blank half less (1.5 字 for the two), every time."""
    steps = {}
    for line in _lines(doc):
        for a, b in zip(line.chars, line.chars[1:]):
            if a["text"] in m.CLOSING_MARKS and b["text"] in m.OPENING_MARKS:
                steps.setdefault(a["text"] + b["text"], []).append((b["x0"] - a["x0"]) / 16)
    assert steps
    for pair, values in steps.items():
        assert all(0.47 < value < 0.53 for value in values), (pair, values)


def test_full_lines_are_flush_on_both_edges_within_0_1pt(doc):
    checked = 0
    for line, first in m.full_lines(doc.pages):
        left, right = m.set_edges(line)
        assert left == pytest.approx(m.LEFT + (m.INDENT if first else 0), abs=0.1), line.text
        assert right == pytest.approx(m.RIGHT, abs=0.1), line.text
        checked += 1
    assert checked > 40


def test_no_kinsoku_violation(doc):
    for para in m.paragraphs(doc.pages):
        assert violations([line.text for line in para]) == []


def test_a_line_starting_with_an_opening_mark_has_its_ink_on_the_left_edge(doc):
    """clreq: half width at a line start (the default), for body lines and
    column heads: the mark's ink half starts on the type area's edge."""
    starts = [line for line, first in m.full_lines(doc.pages)
              if not first and line.text[0] in m.OPENING_MARKS]
    heads = [line for page in doc.pages for line in page.lines
             if line.text.startswith("【") and line.size == 16 and not m.is_body(line)]
    assert heads
    if doc.name == "punctuated":
        assert starts
    for line in starts + heads:
        ink_left = m.ink_half(line.chars[0], line.size)[0]
        assert ink_left == pytest.approx(m.LEFT, abs=0.1), line.text


def test_full_width_opening_marks_and_no_compression_stay_available(builder,
                                                                     tmp_path_factory):
    doc = built("punctuated-full", builder, tmp_path_factory)
    heads = [line for page in doc.pages for line in page.lines if line.text.startswith("【")]
    assert heads and all(line.x0 == pytest.approx(m.LEFT, abs=0.1) for line in heads)
    starts = [line for line, first in m.full_lines(doc.pages)
              if not first and line.text[0] in m.OPENING_MARKS]
    assert starts and all(line.x0 == pytest.approx(m.LEFT, abs=0.1) for line in starts)
    # uncompressed: a closing mark before an opening one keeps its full cell,
    # unless its line pushed a mark in (the pair then gives way first)
    steps = [(b["x0"] - a["x0"]) / 16 for line in _lines(doc)
             for a, b in zip(line.chars, line.chars[1:])
             if a["text"] in m.CLOSING_MARKS and b["text"] in m.OPENING_MARKS]
    assert steps and sum(step > 0.9 for step in steps) > 0.6 * len(steps)


def test_no_line_is_visibly_looser_than_its_neighbours(doc):
    """The criterion, on lines of Chinese text (90 % Han and marks; Latin
    words cannot take stretch): measured against the house setting (grid
    cells, adjacent marks compressed), no gap is more than 0.1 em wider; a
    line's gaps are on average at most 0.04 em wider; two neighbouring full
    lines differ by at most 0.05 em on average."""
    checked = 0
    for para in m.paragraphs(doc.pages):
        chinese = [line for line in para[:-1]
                   if sum(map(m._chinese, line.text)) >= 0.9 * len(line.text)]
        for line in chinese:
            assert max(m.spacing_excess(line)) <= 0.1, line.text
            assert m.looseness(line) <= 0.04, line.text
            checked += 1
        for a, b in zip(chinese, chinese[1:]):
            assert abs(m.looseness(a) - m.looseness(b)) <= 0.05, (a.text, b.text)
    assert checked > 20


def _pdftotext(pdf, *options) -> list[str]:
    out = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", "", line) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("options", [(), ("-layout",)], ids=["plain", "layout"])
@pytest.mark.parametrize("name", ["seed", "punctuated", "mixed"])
def test_every_printed_line_extracts_as_one_line_in_order(name, options, builder,
                                                          tmp_path_factory):
    doc = built(name, builder, tmp_path_factory)
    extracted = _pdftotext(doc.pdf, *options)
    position = 0
    for line in m.body_lines(doc.pages):
        text = line.text.replace(" ", "")
        assert text in extracted[position:], (line.page, text)
        position = extracted.index(text, position) + 1
