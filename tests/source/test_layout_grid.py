"""A layout whose line is narrower than a character (or than the indent and one
character), whose page holds no line, or whose title character is wider than a
line is refused when layout.toml is read, naming the field to change with its
file, line and column (source/layout_grid.py, a rule of layout.toml's
declaration), so that `weekly-pdf build` stops with a message instead of
printing pages of characters stacked on one another (once 159 pages, exit 0).
The largest pitches an issue's ``style:`` may set ([style_bounds]) must fit too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE, copy_project, run_cli
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.layout_grid import grid_problems

#: Side margins of 95 mm leave a 20 mm line (56.7 pt): the smallest type area
#: allowed, narrower than a 60 pt character.
NARROW = """\
[layout]
extends = "bulletin"
description = "窄"

[page]
margin_left_mm = 95
margin_right_mm = 95

[body]
size_pt = 48
char_pitch_pt = 60
"""

NARROW_SAYS = ("第 11 行第 17 列，字段 body.char_pitch_pt：正文字距 60 磅比一行还宽："
               "版心宽度（纸宽减去左右边距）只有 20 毫米（56.7 磅），一行放不下一个字；"
               "请减小字距，或减小左右边距")


def refused(tmp_path: Path, text: str) -> list[str]:
    """The messages about a layout ``mine`` (``text``) that extends the bulletin,
    each without the file's folder."""
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts" / "bulletin", layouts / "bulletin")
    (layouts / "mine").mkdir()
    (layouts / "mine" / "layout.toml").write_text(text, encoding="utf-8")
    with pytest.raises(IssueErrors) as caught:
        read_layout(layouts / "mine")
    return [re.sub(r"^文件 \S*layouts/mine/layout\.toml，", "", message)
            for message in str(caught.value).splitlines()]


def test_the_bundled_layouts_have_a_printable_grid():
    for folder in sorted((ROOT / "layouts").iterdir()):
        layout = read_layout(folder)
        assert grid_problems(type_width_mm=layout.page.type_width_mm,
                             type_height_mm=layout.page.type_height_mm,
                             char_pitch_pt=layout.char_pitch, line_pitch_pt=layout.line_pitch,
                             indent_chars=layout.indent_cells,
                             title_size_pt=layout.title_size) == [], folder.name


def test_a_line_narrower_than_a_character_is_refused_at_the_character_pitch(tmp_path):
    assert refused(tmp_path, NARROW) == [NARROW_SAYS]


def test_a_line_narrower_than_the_indent_and_a_character_is_refused_at_the_indent(tmp_path):
    text = NARROW.replace("margin_right_mm = 95", "margin_right_mm = 80") \
        .replace("size_pt = 48", "size_pt = 16").replace("char_pitch_pt = 60", "indent_chars = 6")
    assert refused(tmp_path, text) == [
        "第 11 行第 16 列，字段 body.indent_chars：首行缩进 6 字再加一个字（110.5 磅）比一行还宽："
        "版心宽度（纸宽减去左右边距）只有 35 毫米（99.2 磅）；请减小首行缩进或字距，或减小左右边距"]


def test_a_page_that_holds_no_line_is_refused_at_the_line_pitch(tmp_path):
    text = NARROW.replace("margin_left_mm = 95\nmargin_right_mm = 95",
                          "margin_top_mm = 140\nmargin_bottom_mm = 137") \
        .replace("size_pt = 48\nchar_pitch_pt = 60", "line_pitch_pt = 60")
    assert refused(tmp_path, text) == [
        "第 10 行第 17 列，字段 body.line_pitch_pt：正文行距 60 磅比一页的版心还高：版心高度"
        "（纸高减去上下边距）只有 20 毫米（56.7 磅），一页放不下一行；请减小行距，或减小上下边距"]


def test_a_title_character_wider_than_a_line_is_refused_at_the_title_size(tmp_path):
    text = NARROW.replace("[body]\nsize_pt = 48\nchar_pitch_pt = 60", "[title]\nsize_pt = 90")
    assert refused(tmp_path, text) == [
        "第 10 行第 11 列，字段 title.size_pt：标题字号 90 磅比一行还宽：版心宽度（纸宽减去左右边距）"
        "只有 20 毫米（56.7 磅），一行放不下一个标题字；请减小标题字号，或减小左右边距"]


def test_the_largest_pitch_style_may_set_must_fit_the_grid_too(tmp_path):
    text = NARROW.replace("margin_right_mm = 95", "margin_right_mm = 80") \
        .replace("[body]\nsize_pt = 48\nchar_pitch_pt = 60", "[style_bounds]\nchar_pitch = [14, 40]")
    assert refused(tmp_path, text) == [
        "第 10 行第 14 列，字段 style_bounds.char_pitch：[style_bounds] 允许期刊用 style: "
        "把正文字距设到 40 磅；这时首行缩进 2 字再加一个字（120 磅）比一行还宽："
        "版心宽度（纸宽减去左右边距）只有 35 毫米（99.2 磅）；请减小首行缩进或字距，或减小左右边距"]


@pytest.fixture
def narrow_project(tmp_path):
    """A project with the layout NARROW, and the seed issue set to it."""
    root = copy_project(tmp_path / "project")
    (root / "layouts" / "narrow").mkdir()
    (root / "layouts" / "narrow" / "layout.toml").write_text(NARROW, encoding="utf-8")
    issue = root / "issues" / "2023" / SEED_ISSUE.name
    issue.write_text(SEED_ISSUE.read_text(encoding="utf-8") + "\nlayout: narrow\n",
                     encoding="utf-8")
    return root, issue


def test_build_stops_with_the_field_to_change_and_writes_no_pdf(narrow_project):
    root, issue = narrow_project
    result = run_cli("build", issue, "-o", root / "out" / "narrow.pdf", cwd=root)
    assert result.returncode == 1
    assert f"文件 layouts/narrow/layout.toml，{NARROW_SAYS}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "out" / "narrow.pdf").exists()


def test_layouts_lists_the_good_layouts_and_names_the_narrow_one(narrow_project):
    root, _ = narrow_project
    result = run_cli("layouts", cwd=root)
    assert result.returncode == 1
    assert f"文件 layouts/narrow/layout.toml，{NARROW_SAYS}" in result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["briefing", "bulletin"]
