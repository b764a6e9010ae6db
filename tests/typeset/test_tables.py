"""How the typesetter sets a table (weekly_pdf.typeset.tables): where a cell
may break, which size and widths it gets, the pad that ends it on the grid."""

from __future__ import annotations

import pytest

from tests.helpers import ROOT
from weekly_pdf.fonts.fontset import load_fontset
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.model import Table
from weekly_pdf.typeset.setting import typesetter_for
from weekly_pdf.typeset.tables import _pieces, breaks, cell_lines

URL = "https://www.example.org.cn/kepu/2023/activities/index.html"


@pytest.fixture(scope="module")
def typesetter():
    return typesetter_for(read_layout(ROOT / "layouts" / "bulletin"), load_fontset(ROOT / "fonts"))


def test_a_date_and_a_sum_never_break():
    assert breaks("2023年7月12日").places == ()
    assert breaks("12.5万元").places == ()
    assert not set(breaks("共126人参加").places) & {2, 3, 4}  # never inside 126人


def test_a_unit_in_brackets_stays_with_its_header():
    found = breaks("经费（万元）", header=True)
    assert 2 not in found.places and 2 not in found.words


def test_a_web_address_breaks_only_after_a_slash_or_before_a_dot():
    found = breaks(URL)
    assert found.places and all(URL[k - 1] == "/" or URL[k] == "." for k in found.places)


def test_cell_lines_break_between_words_and_keep_the_address_rules(typesetter):
    body = typesetter.measures["body"]
    found = breaks(URL)
    lines = cell_lines(URL, 80.0, body, found)
    assert "".join(lines) == URL and len(lines) > 2
    for line, nxt in zip(lines, lines[1:]):
        assert line.endswith("/") or nxt.startswith(".")
    text = "含基层科普工作者、社区科普志愿者和中小学科技教师。"
    found = breaks(text)
    lines = cell_lines(text, 100.0, body, found)
    assert "".join(lines) == text
    words = set(found.words)
    ends, position = [], 0
    for line in lines[:-1]:
        position += len(line)
        ends.append(position)
    assert set(ends) <= words, (lines, found.words)
    assert _pieces("abc", [1]) == ["a", "bc"]


def test_a_wide_table_is_set_smaller_with_its_headers_whole(typesetter):
    header = ("学会名称", "科普讲座场次", "展览场次", "参与人数", "线上观看人次", "志愿者人数", "经费（万元）",
              "活动网址")
    table = Table((header, ("北京制冷学会", "12", "3", "1200", "35000", "40", "12.5", URL),
                   ("北京力学学会", "8", "—", "860", "12000", "25", "8.0", "")))
    set_ = typesetter.table(table, 3)
    assert set_.size < 14 and set_.pitch == pytest.approx(1.5 * set_.size)
    assert sum(set_.widths) == pytest.approx(typesetter.width, abs=0.01)
    for cell, name in zip(set_.header, header):
        if len(name) <= 4 or name == "经费（万元）":
            assert cell == (name,), cell
    assert set_.index == 3 and set_.keep


def test_a_narrow_table_keeps_the_table_size_and_ends_on_the_grid(typesetter):
    table = Table((("序号", "单位", "人数"), *(((str(i), "市科协机关", str(100 + i)) for i in range(9)))))
    set_ = typesetter.table(table)
    assert set_.size == 14 and set_.pitch == 21
    assert all(len(cell) == 1 for row in set_.rows for cell in row)
    assert (set_.grid_height + set_.pad) / 28.99 == pytest.approx(round(
        (set_.grid_height + set_.pad) / 28.99), abs=1e-3)
    assert not set_.keep and set_.split_rows == 2
