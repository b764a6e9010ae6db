"""layout.toml: the one home of a layout's numbers and roles.

A layout copied from bulletin with only its margins changed must set the seed
on the new type area (every full body line flush with the new edges), and a
bad layout.toml must be named in Chinese with its line and field.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE
from tests.render import pdfmeasure as m
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.layout import read_layout

EDGE = 0.5  # pt


def _copy_layout(layouts: Path, name: str, edit) -> Path:
    folder = layouts / name
    shutil.copytree(ROOT / "layouts" / "bulletin", folder)
    toml = folder / "layout.toml"
    toml.write_text(edit(toml.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def _margins(text: str, left: float, right: float) -> str:
    text = re.sub(r"(?m)^margin_left_mm = .*$", f"margin_left_mm = {left}", text)
    return re.sub(r"(?m)^margin_right_mm = .*$", f"margin_right_mm = {right}", text)


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    """The seed built in a project whose layout 'wide' is bulletin with 20 mm side margins."""
    from weekly_pdf.build import Builder
    from weekly_pdf.project import Project
    root = tmp_path_factory.mktemp("wide")
    (root / "fonts").symlink_to(ROOT / "fonts")
    layouts = root / "layouts"
    layouts.mkdir()
    _copy_layout(layouts, "wide", lambda text: _margins(text, 20, 20))
    issues = root / "issues" / "2023"
    issues.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "issues")
    issue = issues / SEED_ISSUE.name
    issue.write_text(SEED_ISSUE.read_text(encoding="utf-8") + "\nlayout: wide\n", encoding="utf-8")
    pdf = root / "out" / "2023-20.pdf"
    Builder(Project(root)).build(issue, pdf)
    return m.read(pdf)


def _paragraphs(pages, left: float, indent: float):
    """Body lines grouped into paragraphs for a type area starting at ``left``."""
    out, previous_body = [], False
    for line in m.flow(pages):
        if not m.is_body(line):
            previous_body = False
            continue
        if abs(line.x0 - left - indent) < 1.0 or not previous_body:  # an indented line
            out.append([])
        out[-1].append(line)
        previous_body = True
    return out


def test_a_copied_layout_with_new_margins_sets_every_full_line_flush_with_its_edges(wide):
    left, right = 20 * m.MM, (210 - 20) * m.MM
    indent = 2 * 15.79
    paragraphs = _paragraphs(wide, left, indent)
    full = [(line, i == 0) for para in paragraphs for i, line in enumerate(para[:-1])]
    assert len(full) > 60
    for line, first in full:
        x0, x1 = m.set_edges(line, left, right)  # a mark set half width: from its ink half
        assert x0 == pytest.approx(left + (indent if first else 0), abs=EDGE), line.text
        assert x1 == pytest.approx(right, abs=EDGE), line.text
    # 170 mm hold 30 or 31 characters of the 15.79 pt grid, not the bulletin's 28.
    han = [line for line, first in full if not first and all(
        "\u4e00" <= c <= "\u9fff" for c in line.text)]
    assert han and all(len(line.text) in (30, 31) for line in han)


def test_the_rules_and_the_closing_block_follow_the_new_type_area(wide):
    left, right = 20 * m.MM, 190 * m.MM
    masthead = m.horizontal_rules(wide[0])[0]
    assert masthead["x0"] == pytest.approx(left, abs=0.1)
    assert masthead["x1"] == pytest.approx(right, abs=0.1)
    closing = m.horizontal_rules(wide[-1])[-1]
    assert closing["x0"] == pytest.approx(left, abs=0.1)
    assert closing["x1"] == pytest.approx(right, abs=0.1)
    assert closing["bottom"] == pytest.approx(262 * m.MM, abs=0.1)


def _errors(tmp_path, edit) -> list[str]:
    """The messages about a copy of the bulletin changed by ``edit``, each
    without the file's folder."""
    folder = _copy_layout(tmp_path, "bad", edit)
    with pytest.raises(IssueErrors) as caught:
        read_layout(folder)
    return [re.sub(r"^文件 \S*bad/layout\.toml，", "", message)
            for message in str(caught.value).splitlines()]


def _line(tmp_path, start: str) -> int:
    """The line of the changed bulletin that starts with ``start``."""
    text = (tmp_path / "bad" / "layout.toml").read_text(encoding="utf-8")
    return next(number for number, line in enumerate(text.splitlines(), 1)
                if line.startswith(start))


def test_a_bad_margin_is_named_with_its_line_column_and_field(tmp_path):
    errors = _errors(tmp_path, lambda t: t.replace("margin_left_mm = 28",
                                                   "margin_left_mm = \"28\""))
    assert errors == [f"第 {_line(tmp_path, 'margin_left_mm')} 行第 18 列，字段 page.margin_left_mm："
                      f"需要一个数（左边距，单位毫米，例如 28），这里是文字“28”"]


def test_unknown_fields_wrong_roles_and_missing_keys_are_all_named(tmp_path):
    def edit(t):
        t = t.replace('\ntitle = "title"', '\ntitle = "bold"')
        t = t.replace("size_pt = 22", "size = 22")
        return t.replace('red = "#FF0000"', 'red = "red"')
    errors = _errors(tmp_path, edit)
    assert errors == [
        f"第 {_line(tmp_path, 'size = 22')} 行第 1 列，字段 title.size："
        f"不认识的字段 size，是不是想写 size_pt？标题可以有的字段：size_pt",
        f"第 {_line(tmp_path, '[title]')} 行第 1 列，字段 title.size_pt：缺少必填字段 size_pt（标题里）",
        f"第 {_line(tmp_path, 'red = ')} 行第 7 列，字段 colors.red："
        f"需要一个颜色，写成带引号的 \"#RRGGBB\"（例如 \"#FF0000\"），这里是文字“red”",
        f"第 {_line(tmp_path, 'title = ')} 行第 9 列，字段 roles.title：文章标题的字体角色应当是 "
        f"title、body、heading、kai、song 之一，这里是文字“bold”，是不是想写 heading？",
    ]


def test_paper_sizes_and_font_roles_suggest_what_was_meant(tmp_path):
    errors = _errors(tmp_path, lambda t: t.replace('size = "A4"', 'size = "16开"')
                     .replace('page_number = "song"', 'page_number = "宋体"'))
    assert errors == [
        f"第 {_line(tmp_path, 'size = ')} 行第 8 列，字段 page.size："
        f"纸张应当是 A3、A4、A5、B5、16K 之一，这里是文字“16开”，是不是想写 16K？",
        f"第 {_line(tmp_path, 'page_number')} 行第 15 列，字段 roles.page_number："
        f"页码的字体角色应当是 title、body、heading、kai、song 之一，这里是文字“宋体”，是不是想写 song？"]
    assert read_layout(_copy_layout(tmp_path, "lower", lambda t: t.replace(
        'size = "A4"', 'size = "a4"'))).page.paper == "A4"


def test_a_page_needs_a_paper_or_its_width_and_height(tmp_path):
    assert _errors(tmp_path, lambda t: t.replace('size = "A4"\n', "")) == [
        f"第 {_line(tmp_path, '[page]')} 行第 1 列，字段 page.size："
        f"请写纸张 size（如 \"A4\"），或写 width_mm 和 height_mm"]


def test_toml_syntax_errors_name_line_and_column_in_chinese(tmp_path):
    assert _errors(tmp_path, lambda t: t.replace("size_pt = 16", "size_pt = = 16")) == [
        f"第 {_line(tmp_path, 'size_pt = = 16')} 行第 11 列："
        f"TOML 写法有误：这一行写了两个“=”；每行写成 键 = 值"]
    assert _errors(tmp_path / "unit", lambda t: t.replace("margin_top_mm = 37",
                                                          "margin_top_mm = 37 mm")) == [
        f"第 {_line(tmp_path / 'unit', 'margin_top_mm')} 行第 20 列："
        f"TOML 写法有误：数的后面不能写单位“mm”（键名说明单位）；只写数：margin_top_mm = 37"]


def test_a_label_with_an_unknown_placeholder_is_refused(tmp_path):
    assert _errors(tmp_path, lambda t: t.replace('"共印{count}份"', '"共印{copies}份"')) == [
        f"第 {_line(tmp_path, 'print_run')} 行第 13 列，字段 labels.print_run："
        f"印数的字样里只能用 {{count}}（要印出花括号请写两次：{{{{ 和 }}}}）"]


def test_ranges_sizes_anchors_and_classes_are_checked_as_written(tmp_path):
    def edit(t):
        t = t.replace("smaller_sizes_pt = [12, 10.5, 9]", "smaller_sizes_pt = [9, 12]")
        t = t.replace('class = "closing"', 'class = "1closing"')
        t = t.replace('article = "article-{section}-{article}"', 'article = "a-{section}"')
        return t.replace("char_pitch = [14, 18]", "char_pitch = [18, 14]")
    assert _errors(tmp_path, edit) == [
        f"第 {_line(tmp_path, 'smaller_sizes_pt')} 行第 20 列，字段 table.smaller_sizes_pt："
        f"较小的表格字号要从大到小排列，例如 [12, 10.5]，这里是 [9, 12]",
        f"第 {_line(tmp_path, 'class = ')} 行第 9 列，字段 closing.class：版记（报尾）元素的 class 名"
        f"应当以英文字母开头，只含英文字母、数字、-、_，例如 \"closing\"，这里是“1closing”",
        f"第 {_line(tmp_path, 'article = ')} 行第 11 列，字段 anchor.article：文章的锚点格式应当含 "
        f"{{section}} 和 {{article}}，以英文字母开头，只含字母、数字、.、-、_，"
        f"例如 \"article-{{section}}-{{article}}\"，这里是“a-{{section}}”",
        f"第 {_line(tmp_path, 'char_pitch = ')} 行第 14 列，字段 style_bounds.char_pitch："
        f"正文字距的范围应当是 [最小, 最大] 两个数，例如 [14, 18]，这里是 [18, 14]"]


def test_margins_that_leave_no_type_area_are_refused(tmp_path):
    assert _errors(tmp_path, lambda t: _margins(t, 100, 100)) == [
        f"第 {_line(tmp_path, 'margin_right_mm')} 行第 19 列，字段 page.margin_right_mm："
        f"左右边距太大：版心宽度不到 20 毫米"]


def test_the_order_a_layout_writes_its_keys_in_does_not_make_it_another(tmp_path):
    def swap(t):  # two labels and two roles written the other way round
        t = t.replace('note = "编者按："\nemail = "信息报送邮箱："',
                      'email = "信息报送邮箱："\nnote = "编者按："')
        return t.replace('publication = "title"\nmasthead = "body"',
                         'masthead = "body"\npublication = "title"')
    swapped = read_layout(_copy_layout(tmp_path, "bulletin", swap))
    assert swapped.file.read_text(encoding="utf-8") != \
        (ROOT / "layouts" / "bulletin" / "layout.toml").read_text(encoding="utf-8")
    bulletin = read_layout(ROOT / "layouts" / "bulletin")
    assert swapped == dataclasses.replace(bulletin, folder=swapped.folder,
                                          folders=swapped.folders, file=swapped.file)
    assert list(swapped.labels)[:2] == ["note", "email"]


def test_style_settings_override_the_layout_one_owner_each(project):
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.source.model import Style
    base = read_layout(project.layout_dir("bulletin"))
    styled = base.styled(Style(char_pitch=16, line_pitch=30, red="#E60012"))
    assert (styled.char_pitch, styled.line_pitch, styled.red) == (16, 30, "#E60012")
    assert "--pitch: 30pt" in styled.css() and "--red: #E60012" in styled.css()
    assert "--indent: 32.0000pt" in styled.css()
    assert base.styled(Style()) is base


def test_the_layouts_command_lists_every_layout_with_its_geometry():
    from tests.helpers import run_cli
    result = run_cli("layouts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["版式", "纸张", "页边距", "上/右/下/左（毫米）", "版心（毫米）",
                                "网格（字×行）", "说明"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["bulletin"][1:5] == ["A4", "37/26/35/28", "156×225", "28×22"]
    assert rows["briefing"][1:5] == ["A4", "37/26/35/28", "156×225", "28×22"]
    assert rows["briefing"][5].startswith("简报")


def test_the_layouts_command_names_a_broken_layout_and_lists_the_rest(tmp_path):
    from tests.helpers import copy_project, run_cli
    root = copy_project(tmp_path / "project")
    _copy_layout(root / "layouts", "wide", lambda t: _margins(t, 20, 20))
    _copy_layout(root / "layouts", "broken", lambda t: t.replace("size_pt = 22", 'size_pt = "二号"'))
    result = run_cli("layouts", cwd=root)
    assert result.returncode == 1
    assert "wide      A4    37/20/35/20" in result.stdout and "170×225" in result.stdout
    assert "31×22" in result.stdout
    assert "broken" in result.stderr and "字段 title.size_pt" in result.stderr
    assert "Traceback" not in result.stderr
