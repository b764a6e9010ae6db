"""The closing block when it does not fit under the text, and for duplex printing."""

from __future__ import annotations

import pytest

from tests.render import pdfmeasure as m
from tests.render.layout_builds import built


def _closing_page(doc):
    return next(p for p in doc.pages if len(m.horizontal_rules(p)) == 3 and not (
        p.number == 1 and m._rgb(m.horizontal_rules(p)[0]["non_stroking_color"]) == (1, 0, 0)))


def test_a_block_that_does_not_fit_gets_a_page_of_its_own_without_a_number(overflow):
    page = _closing_page(overflow)
    body_pages = {line.page for line in m.body_lines(overflow.pages)}
    assert page.number == max(body_pages) + 1 == len(overflow.pages)
    # the text really ended low on its page: 20 lines
    assert sum(1 for line in overflow.pages[page.number - 2].lines if m.is_body(line)) == 20
    assert not any(m.is_body(line) for line in page.lines)
    assert page.number not in m.page_number_lines(overflow.pages)
    assert set(m.page_number_lines(overflow.pages)) == set(range(1, page.number))
    assert m.horizontal_rules(page)[-1]["bottom"] == pytest.approx(m.BOTTOM, abs=0.5)


def test_duplex_puts_the_block_on_an_even_page_after_a_blank_one(duplex):
    page = _closing_page(duplex)
    assert page.number % 2 == 0
    assert page.number == len(duplex.pages)
    blank = duplex.pages[page.number - 2]
    assert blank.lines == [] and blank.rects == []  # no text, no page number
    assert m.horizontal_rules(page)[-1]["bottom"] == pytest.approx(m.BOTTOM, abs=0.5)
    numbered = m.page_number_lines(duplex.pages)
    assert page.number not in numbered and blank.number not in numbered
    assert set(numbered) == set(range(1, blank.number))


def test_duplex_moves_a_block_that_fits_on_an_odd_page_to_the_next_even_one(
        builder, tmp_path_factory):
    doc = built("short-duplex", builder, tmp_path_factory)
    assert len(doc.pages) == 2
    assert any(m.is_body(line) for line in doc.pages[0].lines)
    page = _closing_page(doc)
    assert page.number == 2
    assert not any(m.is_body(line) for line in page.lines)
    assert m.horizontal_rules(page)[-1]["bottom"] == pytest.approx(m.BOTTOM, abs=0.5)
    assert set(m.page_number_lines(doc.pages)) == {1}
