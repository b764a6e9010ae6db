"""layout.toml: the one home of a layout's numbers and roles.

A layout copied from bulletin with only its margins changed must set the seed
on the new type area (every full body line flush with the new edges), and a
bad layout.toml must be named in Chinese with its line and field.
"""

from __future__ import annotations

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


def _errors(tmp_path, edit) -> str:
    folder = _copy_layout(tmp_path, "bad", edit)
    with pytest.raises(IssueErrors) as caught:
        read_layout(folder)
    return str(caught.value)


def test_a_bad_margin_is_named_with_its_line_and_field(tmp_path):
    text = _errors(tmp_path, lambda t: t.replace("margin_left_mm = 28", "margin_left_mm = \"28\""))
    line = next(i for i, l in enumerate(
        (tmp_path / "bad" / "layout.toml").read_text(encoding="utf-8").splitlines(), 1)
        if l.startswith("margin_left_mm"))
    assert f"第 {line} 行" in text and "字段 page.margin_left_mm" in text
    assert "应当是一个数（左边距（毫米））" in text


def test_unknown_fields_wrong_roles_and_missing_keys_are_all_named(tmp_path):
    def edit(t):
        t = t.replace('title = "title"', 'title = "bold"')
        t = t.replace("size_pt = 22", "size = 22")
        return t.replace('red = "#FF0000"', 'red = "red"')
    text = _errors(tmp_path, edit)
    assert "字段 roles.title：字体角色应当是 title、body、heading、kai、song 之一，不是 'bold'" in text
    assert "字段 title.size：不认识的字段 size" in text
    assert "字段 title.size_pt：缺少必填字段 size_pt" in text
    assert "字段 colors.red：颜色应当写成" in text


def test_toml_syntax_errors_name_line_and_column(tmp_path):
    text = _errors(tmp_path, lambda t: t.replace("size_pt = 16", "size_pt = = 16"))
    assert re.search(r"layout\.toml，第 \d+ 行第 \d+ 列：TOML 写法有误", text)


def test_a_label_with_an_unknown_placeholder_is_refused(tmp_path):
    text = _errors(tmp_path, lambda t: t.replace('"共印{count}份"', '"共印{copies}份"'))
    assert "字段 labels.print_run：标签里只能用 {count}" in text


def test_margins_that_leave_no_type_area_are_refused(tmp_path):
    text = _errors(tmp_path, lambda t: _margins(t, 100, 100))
    assert "左右边距太大" in text and "字段 page.margin_right_mm" in text


def test_style_settings_override_the_layout_one_owner_each(project):
    from weekly_pdf.source.layout import load_layout
    from weekly_pdf.source.model import Style
    base = load_layout(project.layout_dir("bulletin"))
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
