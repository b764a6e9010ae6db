"""A layout whose line is narrower than a character (or than the indent and one
character), whose page holds no line, or whose title character is wider than a
line is refused, naming the field to change with its line and column: the
pieces layout.toml's declaration uses (source/layout_grid.py, the vocabulary's
record rules) on a layout file declared here in the same way."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.layout import PAPERS, load_layout
from weekly_pdf.source.layout_grid import grid_problems
from weekly_pdf.source.schema.kinds import Field, choice, mapping, number, record
from weekly_pdf.source.schema.toml_reading import read_toml


def _grid(values: dict):
    page, body = values["page"], values["body"]
    width, height = PAPERS[page["size"]]
    return grid_problems(
        type_width_mm=width - page["margin_left_mm"] - page["margin_right_mm"],
        type_height_mm=height - page["margin_top_mm"] - page["margin_bottom_mm"],
        char_pitch_pt=body["char_pitch_pt"], line_pitch_pt=body["line_pitch_pt"],
        indent_chars=body.get("indent_chars", 2.0), title_size_pt=values["title"]["size_pt"])


def _mm(what: str):
    return Field(number(what, 0, 200, unit="毫米"), required=True)


#: The grid's part of layout.toml, declared with the vocabulary.
LAYOUT = record({
    "page": Field(mapping({"size": Field(choice(tuple(PAPERS), "纸张"), required=True),
                           "margin_top_mm": _mm("上边距"), "margin_right_mm": _mm("右边距"),
                           "margin_bottom_mm": _mm("下边距"), "margin_left_mm": _mm("左边距")},
                          "页面"), required=True),
    "body": Field(mapping({"char_pitch_pt": Field(number("正文字距", 6, 60, unit="磅"), required=True),
                           "line_pitch_pt": Field(number("正文行距", 6, 100, unit="磅"), required=True),
                           "indent_chars": Field(number("首行缩进", 0, 8, unit="字"))},
                          "正文"), required=True),
    "title": Field(mapping({"size_pt": Field(number("标题字号", 6, 96, unit="磅"), required=True)},
                           "标题"), required=True),
}, "版式", lambda values: values, rules=_grid)

BULLETIN_LIKE = """\
[page]
size = "A4"
margin_top_mm = 37
margin_right_mm = 26
margin_bottom_mm = 35
margin_left_mm = 28

[body]
char_pitch_pt = 16
line_pitch_pt = 28.95
indent_chars = 2

[title]
size_pt = 22
"""


def refused(tmp_path, text: str) -> list[str]:
    file = tmp_path / "layout.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(IssueErrors) as caught:
        read_toml(file, LAYOUT, what="版式文件")
    return [re.sub(r"^文件 \S*layout\.toml，", "", m) for m in str(caught.value).splitlines()]


def test_the_bundled_layouts_have_a_printable_grid():
    for folder in sorted((ROOT / "layouts").iterdir()):
        layout = load_layout(folder)
        assert grid_problems(type_width_mm=layout.page.type_width_mm,
                             type_height_mm=layout.page.type_height_mm,
                             char_pitch_pt=layout.char_pitch, line_pitch_pt=layout.line_pitch,
                             indent_chars=layout.indent_cells,
                             title_size_pt=layout.title_size) == [], folder.name


def test_a_layout_like_the_bulletin_is_accepted(tmp_path):
    file = tmp_path / "layout.toml"
    file.write_text(BULLETIN_LIKE, encoding="utf-8")
    assert read_toml(file, LAYOUT)["body"]["char_pitch_pt"] == 16.0


def test_a_line_narrower_than_a_character_is_refused_at_the_character_pitch(tmp_path):
    text = BULLETIN_LIKE.replace("margin_right_mm = 26", "margin_right_mm = 170") \
        .replace("char_pitch_pt = 16", "char_pitch_pt = 40")
    assert refused(tmp_path, text) == [
        "第 9 行第 17 列，字段 body.char_pitch_pt：正文字距 40 磅比一行还宽：版心宽度（纸宽减去左右边距）"
        "只有 12 毫米（34 磅），一行放不下一个字；请减小字距，或减小左右边距"]


def test_a_line_narrower_than_the_indent_and_a_character_is_refused_at_the_indent(tmp_path):
    text = BULLETIN_LIKE.replace("margin_right_mm = 26", "margin_right_mm = 160") \
        .replace("indent_chars = 2", "indent_chars = 4")
    assert refused(tmp_path, text) == [
        "第 11 行第 16 列，字段 body.indent_chars：首行缩进 4 字再加一个字（80 磅）比一行还宽："
        "版心宽度（纸宽减去左右边距）只有 22 毫米（62.4 磅）；请减小首行缩进或字距，或减小左右边距"]


def test_a_page_that_holds_no_line_is_refused_at_the_line_pitch(tmp_path):
    text = BULLETIN_LIKE.replace("margin_top_mm = 37", "margin_top_mm = 140") \
        .replace("margin_bottom_mm = 35", "margin_bottom_mm = 150").replace(
            "line_pitch_pt = 28.95", "line_pitch_pt = 20")
    assert refused(tmp_path, text) == [
        "第 10 行第 17 列，字段 body.line_pitch_pt：正文行距 20 磅比一页的版心还高：版心高度（纸高减去上下边距）"
        "只有 7 毫米（19.8 磅），一页放不下一行；请减小行距，或减小上下边距"]


def test_a_title_character_wider_than_a_line_is_refused_at_the_title_size(tmp_path):
    text = BULLETIN_LIKE.replace("margin_right_mm = 26", "margin_right_mm = 160") \
        .replace("size_pt = 22", "size_pt = 90").replace("char_pitch_pt = 16", "char_pitch_pt = 10") \
        .replace("indent_chars = 2", "indent_chars = 0")
    assert refused(tmp_path, text) == [
        "第 14 行第 11 列，字段 title.size_pt：标题字号 90 磅比一行还宽：版心宽度（纸宽减去左右边距）"
        "只有 22 毫米（62.4 磅），一行放不下一个标题字；请减小标题字号，或减小左右边距"]
