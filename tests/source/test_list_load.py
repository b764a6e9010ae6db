"""The list block in the issue file (``list:``, numbered or bulleted): what the
loader makes of it, what the glyph check sees, and the exact Chinese message
for every bad list."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_cli
from weekly_pdf.errors import IssueErrors
from weekly_pdf.render.html import printed_texts
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import ItemList

HEAD = textwrap.dedent("""\
    year: 2023
    number: 21
    total: 74
    date: 2023-07-14
    sections:
      - column: 主题教育
        articles:
          - title: 市科协召开专题读书班推进会
    """)

#: The list example of the issue-format contract (docs/spec/issue-format.md).
EXAMPLE = HEAD + textwrap.indent(textwrap.dedent("""\
    body:
      - 会议提出三点要求：
      - list:                 # numbered: 1. 2. 3. (the default)
          - 加强组织领导。
          - 突出学习重点。
          - 注重成果转化。
      - 会议还通报了以下事项：
      - list: [读书班安排, 联学活动]
        marker: bullet        # bulleted: ●
      - list:
          - 第四项接着编号。
        start: 4              # a numbered list that goes on after a paragraph
    source: 北京制冷学会
    """), " " * 8)

A = "sections[0].articles[0]"
B = f"{A}.body"


def write(issues_dir: Path, text: str) -> Path:
    folder = issues_dir / "2023"
    folder.mkdir(exist_ok=True)
    path = folder / "2023-21.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_contract_example_loads_into_lists(issues_dir):
    article = load_issue(write(issues_dir, EXAMPLE)).sections[0].articles[0]
    assert article.body == (
        "会议提出三点要求：",
        ItemList(("加强组织领导。", "突出学习重点。", "注重成果转化。")),
        "会议还通报了以下事项：",
        ItemList(("读书班安排", "联学活动"), "bullet"),
        ItemList(("第四项接着编号。",), "number", 4),
    )
    assert article.body[1].printed == ("1.加强组织领导。", "2.突出学习重点。", "3.注重成果转化。")
    assert article.body[3].printed == ("●读书班安排", "●联学活动")
    assert article.body[4].printed == ("4.第四项接着编号。",)
    # The contributor follows the last item's text, as it follows a last paragraph.
    assert article.ends_in_paragraph


def test_the_glyph_check_sees_every_item_with_its_marker_role_and_path(issues_dir, builder):
    issue = load_issue(write(issues_dir, EXAMPLE))
    printed = set(printed_texts(issue, read_layout(ROOT / "layouts" / "bulletin"),
                                builder.fontset))
    assert {
        (f"{B}[1].list[0]", "1.加强组织领导。", "body"),
        (f"{B}[1].list[2]", "3.注重成果转化。", "body"),
        (f"{B}[3].list[1]", "●联学活动", "body"),
        (f"{B}[4].list[0]", "4.第四项接着编号。", "body"),
        (f"{A}.source", "（北京制冷学会）", "body"),
    } <= printed
    # and the loader knows where each item was written
    assert issue.position(f"{B}[1].list[1]")[1:] == (13, 17)
    assert issue.position(f"{B}[3].list[1]")[1:] == (16, 27)


def test_a_character_no_font_has_in_an_item_names_the_item(issues_dir):
    path = write(issues_dir, EXAMPLE.replace("突出学习重点", "突出\U00013000学习重点"))
    result = run_cli("check", path)
    assert result.returncode == 1
    assert "第 13 行第 19 列，字段 sections[0].articles[0].body[1].list[1]：" \
           "字 “\U00013000”（U+13000） 在所有可用字体里都没有" in result.stderr


def _error(issues_dir: Path, body: str):
    with pytest.raises(IssueErrors) as info:
        load_issue(write(issues_dir, HEAD + "        body:\n" + textwrap.indent(
            textwrap.dedent(body), " " * 10)))
    assert len(info.value.errors) == 1, info.value
    error = info.value.errors[0]
    return error.line, error.column, error.path, error.message


def test_an_empty_list(issues_dir):
    assert _error(issues_dir, "- list: []\n") == (
        10, 19, f"{B}[0].list", "列表不能为空，至少要有一项列表的项")


def test_a_list_key_with_nothing_under_it(issues_dir):
    """The items written under it, but not indented: list is empty."""
    assert _error(issues_dir, "- list:\n- 加强组织领导。\n") == (
        10, 18, f"{B}[0].list", "list 不能为空")


def test_a_list_that_is_a_single_text(issues_dir):
    assert _error(issues_dir, "- list: 加强组织领导\n") == (
        10, 19, f"{B}[0].list",
        "需要一个列表（列表的项，每项以“- ”开头），这里是文字“加强组织领导”")


def test_an_item_read_as_key_and_value(issues_dir):
    assert _error(issues_dir, "- list:\n    - 会议指出: 要抓好落实。\n") == (
        11, 17, f"{B}[0].list[0]",
        "列表的每一项是一段文字，这里是一组“键: 值”；文字里有“冒号加空格”时，请给这一项加上引号")


def test_a_list_inside_a_list(issues_dir):
    assert _error(issues_dir, "- list:\n    - 加强组织领导。\n    - [甲, 乙]\n") == (
        12, 17, f"{B}[0].list[1]",
        "列表里不能再套列表（期刊文件的列表只有一级）：请把这些子项并入上一项，或写成列表后面的正文段落")


def test_an_item_that_is_a_number(issues_dir):
    assert _error(issues_dir, "- list: [加强组织领导。, 2023]\n") == (
        10, 29, f"{B}[0].list[1]",
        "需要一段文字（列表的一项），这里是整数“2023”；如果就是要写这些字，请加上引号")


def test_an_empty_item(issues_dir):
    assert _error(issues_dir, "- list: [加强组织领导。, '']\n") == (
        10, 29, f"{B}[0].list[1]", "不能为空，需要填写列表的一项")


@pytest.mark.parametrize("typed", ["1.加强组织领导。", "1．加强组织领导。", " 2. 加强组织领导。",
                                   "●加强组织领导。", "•加强组织领导。"])
def test_an_item_typed_with_its_own_marker(issues_dir, typed):
    line, column, path, message = _error(issues_dir, f"- list:\n    - '{typed}'\n")
    assert (line, column, path) == (11, 17, f"{B}[0].list[0]")
    assert message == (f"这一项以“{typed.strip()[:2].rstrip('加')}”开头：列表的编号和圆点由程序印出"
                       "（marker: number 印成 1. 2. 3.，marker: bullet 印成 ●），请删去自己写的")


@pytest.mark.parametrize("text", ["3.5亿元专项资金已经到位。", "2023年工作要点。", "（1）完善工作机制。"])
def test_an_item_opening_with_a_number_is_not_a_typed_marker(issues_dir, text):
    issue = load_issue(write(issues_dir, HEAD + f"        body:\n          - list: ['{text}']\n"))
    assert issue.sections[0].articles[0].body == (ItemList((text,)),)


def test_a_misspelt_list(issues_dir):
    assert _error(issues_dir, "- lsit: [加强组织领导。]\n") == (
        10, 13, f"{B}[0].lsit",
        "不认识的字段 lsit，是不是想写 list？正文的一项可以有的字段：heading、subheading、image、"
        "table、list")


def test_a_list_in_chinese(issues_dir):
    assert _error(issues_dir, "- 列表: [加强组织领导。]\n")[3].startswith(
        "不认识的字段 列表，是不是想写 list？")


def test_an_unknown_field_of_a_list(issues_dir):
    assert _error(issues_dir, "- list: [加强组织领导。]\n  numbered: true\n") == (
        11, 13, f"{B}[0].numbered",
        "不认识的字段 numbered，是不是想写 marker？列表可以有的字段：list、marker、start")


def test_a_caption_on_a_list(issues_dir):
    assert _error(issues_dir, "- list: [加强组织领导。]\n  caption: 三点要求\n") == (
        11, 13, f"{B}[0].caption", "不认识的字段 caption。列表可以有的字段：list、marker、start")


@pytest.mark.parametrize("written, guess", [("bulet", "bullet"), ("圆点", "bullet"),
                                            ("编号", "number"), ("Bullet", "bullet")])
def test_a_marker_that_is_not_a_known_one(issues_dir, written, guess):
    assert _error(issues_dir, f"- list: [加强组织领导。]\n  marker: {written}\n") == (
        11, 21, f"{B}[0].marker",
        f"列表的标记（number：1. 2. 3.，bullet：●）应当是 number、bullet 之一，"
        f"这里是文字“{written}”，是不是想写 {guess}？")


def test_a_start_on_a_bulleted_list(issues_dir):
    assert _error(issues_dir, "- list: [加强组织领导。]\n  marker: bullet\n  start: 3\n") == (
        12, 20, f"{B}[0].start",
        "start（第一项的编号）只用于编号的列表（marker: number），圆点列表不写")


def test_a_start_that_is_not_a_count(issues_dir):
    line, column, path, message = _error(issues_dir, "- list: [加强组织领导。]\n  start: 0\n")
    assert (line, column, path) == (11, 20, f"{B}[0].start")
    assert message.startswith("第一项的编号应当")


def test_too_many_items(issues_dir):
    items = "".join(f"    - 第{n}项。\n" for n in range(151))
    assert _error(issues_dir, "- list:\n" + items) == (
        161, 17, f"{B}[0].list[150]", "列表的项太多（151 项），最多 150 项")


def test_the_items_of_lists_count_towards_the_paragraphs_of_an_issue(issues_dir):
    """A list is as many paragraphs as it has items: 5 lists of 130 items are
    650 paragraphs, more than an issue's 600."""
    items = "".join(f"    - 第{n}项。\n" for n in range(130))
    line, column, path, message = _error(issues_dir, ("- list:\n" + items) * 5)
    assert (line, path) == (8, A)
    assert message == ("一期的正文段落（含小标题、图片、表格和列表的每一项）太多：到这篇文章已超过 600 项"
                       "（一期最多 600 项）；请分成两期或删减")


def test_the_items_of_lists_count_towards_the_characters_of_an_issue(issues_dir):
    items = "".join(f"    - {'字' * 4999}。\n" for _ in range(10))
    line, column, path, message = _error(issues_dir, "- list:\n" + items)
    assert (line, path) == (8, A)
    assert message.startswith("一期的正文字数太多：到这篇文章已超过 45000 个字")


def test_a_bad_list_exits_1_with_its_message_and_writes_no_pdf(issues_dir, tmp_path):
    path = write(issues_dir, HEAD + "        body:\n          - list: []\n")
    out = tmp_path / "out.pdf"
    result = run_cli("build", path, "-o", out)
    assert result.returncode == 1
    assert "第 10 行第 19 列，字段 sections[0].articles[0].body[0].list：列表不能为空" in result.stderr
    assert not out.exists()
