"""A layout that extends another states only what differs (layout.toml).

The reader merges the parent's values under the child's, follows chains,
refuses cycles and unknown parents in Chinese with file and line, and gives
the folders to search for templates and stylesheets child first. A Layout is
frozen and equal only to one with every value the same, so warm caches can
key on it.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT
from weekly_pdf.errors import IssueErrors, WeeklyPdfError
from weekly_pdf.source.layout import Frozen, read_layout


def _layouts(tmp_path: Path, **children: str) -> Path:
    """A layouts/ folder with the real bulletin and the given child layout.toml texts."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    shutil.copytree(ROOT / "layouts" / "bulletin", layouts / "bulletin")
    for name, text in children.items():
        (layouts / name).mkdir()
        (layouts / name / "layout.toml").write_text(text, encoding="utf-8")
    return layouts


def _error(folder: Path) -> str:
    with pytest.raises(IssueErrors) as caught:
        read_layout(folder)
    return str(caught.value)


def test_a_child_states_only_what_differs_and_inherits_the_rest(tmp_path):
    layouts = _layouts(tmp_path, narrow='[layout]\nextends = "bulletin"\ndescription = "窄版"\n'
                                        '[page]\nmargin_left_mm = 40\n'
                                        '[roles]\ntitle = "heading"\n'
                                        '[labels]\neditor = "责任编辑："\n')
    bulletin, narrow = read_layout(layouts / "bulletin"), read_layout(layouts / "narrow")
    assert narrow.folders == (layouts / "narrow", layouts / "bulletin")
    assert bulletin.folders == (layouts / "bulletin",)
    assert (narrow.description, narrow.page.margin_left_mm) == ("窄版", 40)
    assert narrow.page.margin_right_mm == bulletin.page.margin_right_mm == 26
    assert narrow.roles["title"] == "heading" and narrow.roles["body"] == bulletin.roles["body"]
    assert narrow.labels["editor"] == "责任编辑：" and narrow.labels["note"] == "编者按："
    assert (narrow.line_pitch, narrow.cell_rule, narrow.image_max_lines) == \
        (bulletin.line_pitch, bulletin.cell_rule, bulletin.image_max_lines)
    assert narrow.style_bounds == bulletin.style_bounds
    assert narrow.chars_per_line == 26  # 144 mm of type width (the bulletin: 156 mm, 28)


def test_chains_are_followed_child_first(tmp_path):
    layouts = _layouts(tmp_path,
                       middle='[layout]\nextends = "bulletin"\ndescription = "中"\n'
                              '[colors]\nred = "#E60012"\n',
                       leaf='[layout]\nextends = "middle"\ndescription = "叶"\n'
                            '[body]\nline_pitch_pt = 30\n')
    leaf = read_layout(layouts / "leaf")
    assert leaf.folders == (layouts / "leaf", layouts / "middle", layouts / "bulletin")
    assert (leaf.red, leaf.line_pitch, leaf.char_pitch) == ("#E60012", 30, 15.79)


def test_a_cycle_is_refused_naming_the_file_and_line(tmp_path):
    layouts = _layouts(tmp_path, a='# a\n[layout]\ndescription = "甲"\nextends = "b"\n',
                       b='[layout]\nextends = "a"\ndescription = "乙"\n')
    assert _error(layouts / "a").endswith(
        "layouts/b/layout.toml，第 2 行第 11 列，字段 layout.extends："
        "版式继承成了一个圈（a → b → a）；请删去其中一个 extends")
    (layouts / "c").mkdir()
    (layouts / "c" / "layout.toml").write_text('[layout]\nextends = "c"\n', encoding="utf-8")
    assert "版式继承成了一个圈（c → c）" in _error(layouts / "c")


def test_an_unknown_parent_is_refused_naming_the_file_line_and_the_choices(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\ndescription = "我的"\nextends = "bulletn"\n')
    assert _error(layouts / "mine").endswith(
        "layouts/mine/layout.toml，第 3 行第 11 列，字段 layout.extends："
        "找不到要继承的版式 bulletn，是不是想写 bulletin？layouts/ 下可继承的有：bulletin")
    (layouts / "mine" / "layout.toml").write_text('[layout]\nextends = "../bulletin"\n',
                                                  encoding="utf-8")
    assert _error(layouts / "mine").endswith(
        "layouts/mine/layout.toml，第 2 行第 11 列，字段 layout.extends：要继承的版式名应当是 "
        "layouts/ 下一个版式文件夹的名字（不含 /、. 和空格），例如 \"bulletin\"，这里是“../bulletin”")


def test_a_bad_value_is_named_in_the_file_that_writes_it(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\nextends = "bulletin"\ndescription = "我的"\n'
                                      '[table]\nrule_pt = "细"\n')
    assert _error(layouts / "mine").endswith(
        "layouts/mine/layout.toml，第 5 行第 11 列，字段 table.rule_pt："
        "需要一个数（表格线的粗细，单位磅，例如 0.5），这里是文字“细”")
    # a parent's mistake is named in the parent's file
    toml = layouts / "bulletin" / "layout.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("max_lines = 19", "max_lines = 0"),
                    encoding="utf-8")
    (layouts / "mine" / "layout.toml").write_text('[layout]\nextends = "bulletin"\n'
                                                  'description = "我的"\n', encoding="utf-8")
    line = next(number for number, text in enumerate(
        toml.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("max_lines = 0"))
    assert _error(layouts / "mine").endswith(
        f"layouts/bulletin/layout.toml，第 {line} 行第 13 列，字段 image.max_lines："
        f"图片框最多占的正文行数应当在 1 到 100 之间，这里是 0")


def test_a_value_missing_everywhere_in_the_chain_is_named_in_the_child(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\ndescription = "我的"\n[style_bounds]\n')
    text = _error(layouts / "mine")
    assert "layouts/mine/layout.toml，第 3 行第 1 列，字段 style_bounds.char_pitch：" \
        "缺少必填字段 char_pitch（style: 设置的范围里）\n" in text
    assert text.endswith("layouts/mine/layout.toml，第 1 行第 1 列，字段 anchor：缺少必填字段 anchor（版式里）")


def test_a_parent_reached_through_the_callers_lookup_can_be_refused(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\nextends = "bulletin"\ndescription = "我的"\n')

    def refuse(name: str) -> Path:
        raise WeeklyPdfError(f"版式文件夹 layouts/{name} 是指向 layouts/ 之外的链接，不能使用")
    with pytest.raises(WeeklyPdfError, match="layouts/bulletin 是指向"):
        read_layout(layouts / "mine", find=refuse)


def test_the_shipped_briefing_extends_the_bulletin():
    briefing = read_layout(ROOT / "layouts" / "briefing")
    assert briefing.folders == (ROOT / "layouts" / "briefing", ROOT / "layouts" / "bulletin")
    assert briefing.labels["print_run"] == "（共印{count}份）"
    assert briefing.labels["note"] == "编者按："


def test_a_layout_is_frozen_hashable_and_equal_only_with_every_value_the_same():
    one, two = (read_layout(ROOT / "layouts" / "bulletin") for _ in range(2))
    assert one == two and hash(one) == hash(two) and one is not two
    for change in ({"cell_rule": 1.0}, {"image_max_lines": 18}, {"keep_whole_chars": 5.0},
                   {"labels": Frozen({**one.labels, "note": "按："})}):
        other = dataclasses.replace(one, **change)
        assert other != one and len({one, other}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.line_pitch = 30
    with pytest.raises(TypeError):
        one.roles["title"] = "body"
    # it travels to and from a forked process (build's aside) unchanged
    assert pickle.loads(pickle.dumps(one)) == one


def test_an_edited_parent_is_read_again(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\nextends = "bulletin"\ndescription = "我的"\n')
    first = read_layout(layouts / "mine")
    toml = layouts / "bulletin" / "layout.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("rule_pt = 0.5", "rule_pt = 0.75"),
                    encoding="utf-8")
    assert read_layout(layouts / "mine").cell_rule == 0.75


def test_warm_typesetters_share_what_they_set_only_on_an_equal_layout(builder):
    from weekly_pdf.typeset import typesetter_for
    bulletin = read_layout(ROOT / "layouts" / "bulletin")
    first = typesetter_for(bulletin, builder.fontset)
    again = typesetter_for(read_layout(ROOT / "layouts" / "bulletin"), builder.fontset)
    assert again._set is first._set
    for other in (dataclasses.replace(bulletin, char_pitch=16.0),
                  dataclasses.replace(bulletin, roles=Frozen({**bulletin.roles, "body": "kai"}))):
        assert typesetter_for(other, builder.fontset)._set is not first._set
    assert typesetter_for(bulletin, builder.fontset, compress=False)._set is not first._set


def test_every_layout_toml_example_in_the_designers_guide_is_accepted(tmp_path):
    """docs/layouts.md shows a layout that extends the bulletin and a complete
    layout.toml: the reader takes both as written."""
    import re
    guide = (ROOT / "docs" / "layouts.md").read_text(encoding="utf-8")
    examples = re.findall(r"```toml\n(.*?)```", guide, re.S)
    assert len(examples) == 2
    layouts = _layouts(tmp_path, **{f"example{i}": text for i, text in enumerate(examples)})
    child, complete = (read_layout(layouts / f"example{i}") for i in range(2))
    assert child.folders[1:] == (layouts / "bulletin",)
    assert (child.page.margin_left_mm, child.page.margin_right_mm) == (20, 20)
    assert complete.folders == (layouts / "example1",)
    assert complete.labels["supplement"] == "增　刊"


def test_a_label_that_takes_no_placeholder_says_so(tmp_path):
    layouts = _layouts(tmp_path, mine='[layout]\nextends = "bulletin"\ndescription = "我的"\n'
                                      '[labels]\nsupplement = "{year}年　增刊第{number}期"\n')
    assert _error(layouts / "mine").endswith(
        "layouts/mine/layout.toml，第 5 行第 14 列，字段 labels.supplement："
        "增刊印在报头下的字样里不能有 {…}（要印出花括号请写两次：{{ 和 }}）")
