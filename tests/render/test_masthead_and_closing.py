"""Masthead, page numbers and the closing block of the seed issue, measured."""

from __future__ import annotations

import pytest

from tests.render import pdfmeasure as m
from tests.render.layout_builds import built

MM = m.MM


def _line(page, text):
    return next(line for line in page.lines if line.text == text)


def test_masthead_title_is_red_42pt_and_centred(seed):
    title = _line(seed.pages[0], "科协每周动态")
    assert title.size == 42
    assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in title.chars)
    centre = (m.LEFT + m.RIGHT) / 2
    assert (title.x0 + title.x1) / 2 == pytest.approx(centre, abs=1)


def test_masthead_rule_is_red_1_5pt_156mm_4mm_under_the_publisher_line(seed):
    page = seed.pages[0]
    rule = m.horizontal_rules(page)[0]
    assert m._rgb(rule["non_stroking_color"]) == (1.0, 0.0, 0.0)
    assert rule["height"] == pytest.approx(1.5, abs=0.05)
    assert rule["x0"] == pytest.approx(m.LEFT, abs=0.5)
    assert rule["x1"] == pytest.approx(m.RIGHT, abs=0.5)
    publisher = _line(page, "北京市科协办公室")
    date = _line(page, "2023年7月7日")
    assert publisher.top == pytest.approx(date.top, abs=0.1)  # same baseline
    assert rule["top"] - publisher.bottom == pytest.approx(4 * MM, abs=0.5)


def test_masthead_lines_are_centred_and_the_imprint_one_character_in(seed):
    page = seed.pages[0]
    centre = (m.LEFT + m.RIGHT) / 2
    for text in ("2023年\u3000第20期", "（总第73期）"):
        line = _line(page, text)
        assert line.size == 16
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=1)
    assert _line(page, "北京市科协办公室").x0 == pytest.approx(m.LEFT + 16, abs=0.5)
    assert _line(page, "2023年7月7日").x1 == pytest.approx(m.RIGHT - 16, abs=0.5)


def test_page_numbers_are_dashed_14pt_7mm_under_the_type_area_odd_right_even_left(seed):
    numbers = m.page_number_lines(seed.pages)
    assert set(numbers) == {p.number for p in seed.pages}
    for number, line in numbers.items():
        assert line.text == f"— {number} —"
        assert line.size == 14
        assert all("Song" in f for f in line.fonts)
        assert line.top > m.BOTTOM
        if number % 2:
            assert line.x1 == pytest.approx(m.RIGHT - 14, abs=1 * MM)
        else:
            assert line.x0 == pytest.approx(m.LEFT + 14, abs=1 * MM)


@pytest.mark.parametrize("name", ["seed", "mixed", "punctuated"])
def test_page_number_dashes_lie_7mm_under_the_type_area(name, builder, tmp_path_factory):
    """GB/T 9704: the 一字线 7 mm under the type area, measured on the dash's ink."""
    doc = built(name, builder, tmp_path_factory)
    numbers = m.page_number_lines(doc.pages)
    assert numbers
    for number, line in numbers.items():
        centre = m.dash_centre(doc.pdf, line)
        assert centre - m.BOTTOM == pytest.approx(7 * MM, abs=0.5 * MM), number


def test_closing_block_rules_end_on_the_type_areas_bottom_edge_of_the_last_page(seed):
    last = seed.pages[-1]
    rules = m.horizontal_rules(last)
    assert len(rules) == 3
    thickness = [r["height"] / MM for r in rules]
    assert thickness == pytest.approx([0.35, 0.25, 0.35], abs=0.03)
    for rule in rules:
        assert rule["x0"] == pytest.approx(m.LEFT, abs=0.5)
        assert rule["x1"] == pytest.approx(m.RIGHT, abs=0.5)
        assert m._rgb(rule["non_stroking_color"]) == (0.0, 0.0, 0.0)
    assert rules[-1]["bottom"] == pytest.approx(m.BOTTOM, abs=0.5)
    # the block shares its page with the end of the text
    assert any(m.is_body(line) for line in last.lines)


def test_closing_items_are_14pt_one_character_in_hanging_after_the_colon(seed):
    last = seed.pages[-1]
    rules = m.horizontal_rules(last)
    items = [line for line in last.lines if line.top > rules[0]["top"] and line.size == 14
             and not m.PAGE_NUMBER_RE.match(line.text)]
    texts = [line.text for line in items]
    assert texts[:3] == ["信息报送邮箱：skxxxbs@bast.net.cn", "编辑：张红波", "审核：李金涛"]
    for line in items:
        assert line.x1 <= m.RIGHT - 14 + 0.5
    labelled = [line for line in items if "：" in line.text]
    assert all(line.x0 == pytest.approx(m.LEFT + 14, abs=0.5) for line in labelled)
    distribution = items[texts.index(next(t for t in texts if t.startswith("分送："))):]
    first = distribution[0]
    after_colon = first.chars[first.text.index("：") + 1]["x0"]
    assert len(distribution) == 4
    for line in distribution[1:]:
        assert line.x0 == pytest.approx(after_colon, abs=0.5), line.text
    # 分送 lies between the middle and the last rule
    assert rules[1]["bottom"] < first.top and distribution[-1].bottom < rules[2]["top"]
