"""The names of placed pieces (weekly_pdf.source.placemarks): what the
templates write as element ids is what the importer reads back, and no
other name is taken for one."""

from __future__ import annotations

import pytest

from weekly_pdf.source.placemarks import PlaceMark, mark_name, parse_mark


@pytest.mark.parametrize("mark, name", [
    (PlaceMark("moved", 0, 2, 3), "wp-moved-0-2-3"),
    (PlaceMark("moved", 1, 0, 12, width=442.2047), "wp-moved-1-0-12-w442.205"),
    (PlaceMark("shrunk", 2, 1, 4, width=134.096), "wp-shrunk-2-1-4-w134.096"),
    (PlaceMark("continued", 0, 0, 5, 7), "wp-continued-0-0-5-7"),
    (PlaceMark("row", 0, 1, 4, 6), "wp-row-0-1-4-6"),
])
def test_a_place_mark_is_read_back_from_its_name(mark, name):
    assert mark_name(mark) == name
    back = parse_mark(name)
    assert back == PlaceMark(mark.kind, mark.section, mark.article, mark.index, mark.line,
                             None if mark.width is None else round(mark.width, 3))


@pytest.mark.parametrize("name", [
    "article-1-2",          # an article's anchor (the contents links)
    "wp-moved-0-2",         # an index short
    "wp-shrunk-0-2-3",      # a shrunk picture without its width
    "wp-continued-0-2-3",   # a continuation without its line
    "wp-row-0-2-3",         # a row without its number
    "wp-lifted-0-2-3",      # no such kind
    "wp-moved-0-2-3-x",
])
def test_other_names_are_no_place_marks(name):
    assert parse_mark(name) is None
