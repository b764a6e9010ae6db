"""A file PyYAML cannot read gets a Chinese message at the place to change:
file, line, column, what is wrong and what to write instead; never PyYAML's
English ("expected <block end>, but found …"). One made-up file per message
PyYAML writes for the slips people make; tags (!!binary) are refused by field."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.helpers import run_cli, write_issue_text as write
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.schema.yaml_problems import explain

HEAD = "year: 2023\nnumber: 20\ntotal: 73\ndate: 2023-07-07\n"
ART = ("sections:\n  - column: 主题教育\n    articles:\n      - title: 市科协召开会议\n"
       "        body: 会议召开。\n")
SECOND = "  - column: 科普\n    articles:\n      - title: x\n        body: y\n"

INDENT = "同一组的“键: 值”要左端对齐（用同样多的半角空格缩进）"
COLON = ("这里不能出现“键: 值”：常见原因是这一行比上一行多缩进了（成了上一行的值的一部分），"
         "或一段文字里有“冒号加空格”（如 会议指出: 要……）——那样请给整段文字加上引号，"
         "或把冒号换成中文冒号“：”")
TAG = ("“!”开头表示 YAML 标签，期刊文件不用标签；如果就是要写以“!”开头的文字，"
       "请把整个值用引号括起来（例如 title: \"!……\"）")
ESCAPE = "要写反斜杠本身请写成“\\\\”，或者把双引号换成单引号"

# (what the writer did, the file, line, column, the message after "YAML 写法有误：")
CASES = [
    ("unknown escape", HEAD + 'toc_title: "目录\\q提要"\n' + ART, 5, 15,
     f"双引号里的“\\q”不是 YAML 认识的转义写法（反斜杠“\\”在双引号里有特殊作用）；{ESCAPE}"),
    ("a key one space short", HEAD + ART.replace("        body:", "       body:"), 9, 8,
     f"缩进不齐：这一行的 body 从第 8 列开始，上一行（第 8 行）的 title 从第 9 列开始，"
     f"这一行少了 1 个空格；{INDENT}"),
    ("a key one space more", HEAD + ART.replace("        body:", "         body:"), 9, 14, COLON),
    ("tab indentation", HEAD + ART.replace("        body:", "\tbody:"), 9, 1,
     "这里有制表符（Tab）：YAML 只能用半角空格缩进，也不能用 Tab 隔开；请把 Tab 换成空格"),
    ("colon and space in a paragraph",
     HEAD + ART.replace("body: 会议召开。", "body: 会议指出: 要落实。"), 9, 19, COLON),
    ("no space after the colon", HEAD.replace("number: 20", "number:20") + ART, 2, 1,
     "这一行缺少“: ”（number:20）：字段名后面要写半角冒号再加一个空格，例如 number: 20"
     "（冒号后面没有空格时，YAML 把整行当成一段文字）；如果这一行是上一行文字的延续，"
     "请检查上一行的引号是否配对"),
    ("an unclosed quote", HEAD + 'toc_title: "目录提要\n' + ART, 5, 12,
     "从这里开始的引号没有配对的另一半，直到文件结尾；请补上配对的引号"
     "（文字里要用的引号，请改用中文引号“”或‘’）"),
    ("an unclosed bracket", HEAD + "toc_title: [目录提要\n" + ART, 5, 12,
     "从这里开始的“[”没有配对的“]”（到第 6 行还没有闭合），或者两项之间少了逗号“,”；"
     "如果就是要写以“[”开头的文字，请把整个值用引号括起来"),
    ("the node content at stream end", HEAD + ART + "toc_title: [\n", 10, 12,
     "从这里开始的“[”或“{”没有配对的“]”或“}”，文件就结束了；"
     "如果就是要写以“[”或“{”开头的文字，请把整个值用引号括起来"),
    ("a quote inside the same quotes", HEAD + "toc_title: 'it's'\n" + ART, 5, 16,
     "这里多出了文字：常见原因是引号里的文字又用了同样的引号（如 'it's'、\"说\"好\"\"，"
     "请把里面的引号换成中文引号“”，或整段改用另一种引号），或者这一行的缩进和上面对不齐"),
    ("expected URI", HEAD + "toc_title: !<> 目录\n" + ART, 5, 12, TAG),
    ("an undefined tag handle", HEAD + "toc_title: !x!y 目录\n" + ART, 5, 12, TAG),
    ("an anchor without a name", HEAD + "toc_title: & 目录\n" + ART, 5, 12,
     "“&”表示 YAML 的锚点，后面要紧跟一个名字（字母或数字），这里是空格；"
     "如果就是要写“&”开头的文字（如“&注”），请把整个值用引号括起来"),
    ("an undefined alias", HEAD + "toc_title: *note\n" + ART, 5, 12,
     "“*note”表示引用前面用“&note”定义的内容（别名），但文件里没有这个定义；"
     "如果就是要写“*”开头的文字，请把整个值用引号括起来"),
    ("an at sign first", HEAD + "toc_title: @目录\n" + ART, 5, 12,
     "“@”不能写在一个值的开头（YAML 把它留作他用）；如果就是要写这些字，"
     "请把整个值用引号括起来，例如 title: \"@……\""),
    ("a list item misaligned", HEAD + ART + SECOND.replace("  - column", "   - column"), 10, 4,
     "列表项“- ”的缩进和上面对不齐：同一个列表的各项，“-”要在同一列；"
     "或者在一组“键: 值”中间夹了一个列表项"),
    ("a list item after a key", HEAD + "toc_title: - 目录\n" + ART, 5, 12,
     "这里不能开始列表项“- ”：列表项要另起一行，写在字段名的下一行，并比字段名多缩进"
     "（例如 sections: 之后换行写“  - column: ……”）"),
    ("text after the block mark", HEAD + ART.replace("body: 会议召开。", "body: |正文\n          会议。"),
     9, 16, "“|”或“>”后面只能换行（或写 # 注释，或“-”“+”和 1–9 的一位数字），这里是“正”；"
            "正文请从下一行开始写，并比字段名多缩进"),
    ("a directive", "%YAML 2.0\n---\n" + HEAD + ART, 1, 1,
     "以“%”开头的行是 YAML 指令，期刊文件用不着；请删去这一行（如果它是某个值的文字，"
     "请把整个值用引号括起来）"),
    ("text after a document separator", HEAD + ART + "--- 多余\n: x\n", 11, 1,
     "这里的内容不属于前面的“键: 值”：常见原因是“---”或“...”分隔线后面还写了内容；"
     "一个文件只写一组“键: 值”，请删去多余的分隔线"),
    ("a bad hexadecimal escape", HEAD + 'toc_title: "\\x4G"\n' + ART, 5, 15,
     f"双引号里的“\\x”“\\u”“\\U”后面要跟 2 位十六进制数字（0–9、A–F），这里是“G”；{ESCAPE}"),
    ("an anchor defined twice", HEAD + "toc_title: &a 目录\nmark: &a 内部\n" + ART, 6, 7,
     "锚点“&a”定义了两次（第一次在第 5 行）；请给第二个换一个名字"),
    ("an empty item in brackets", HEAD + "toc_title: [目录, , 提要]\n" + ART, 5, 17,
     "方括号或花括号里这里缺了一项，却遇到了逗号“,”（多了逗号，或括号不配对）；"
     "如果就是要写以“[”或“{”开头的文字，请把整个值用引号括起来"),
]


@pytest.mark.parametrize("text,line,column,message", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_yaml_slip_is_told_in_chinese_where_to_change_it(issues_dir, text, line, column,
                                                          message):
    file = write(issues_dir, text)
    with pytest.raises(IssueErrors) as caught:
        load_issue(file)
    [error] = caught.value.errors
    assert (error.file, error.line, error.column) == (file, line, column)
    assert error.message == "YAML 写法有误：" + message


#: The words PyYAML's messages are made of.
PYYAML_WORDS = {"expected", "found", "while", "scanning", "parsing", "block", "mapping",
                "sequence", "character", "token", "stream", "alias", "anchor", "escape",
                "document", "directive", "indentation", "scalar", "node", "content", "allowed",
                "could", "find", "unknown", "undefined", "handle", "hexadecimal", "collection",
                "simple", "quoted", "entries", "values", "start", "occurrence"}


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_no_english_of_pyyaml_leaks_through(text):
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    _, _, message = explain(caught.value, text.splitlines())
    assert not {w.lower() for w in re.findall(r"[A-Za-z]+", message)} & PYYAML_WORDS, message


def test_the_command_line_shows_file_line_column_and_the_chinese_message(issues_dir):
    write(issues_dir, HEAD + ART.replace("        body:", "       body:"))
    result = run_cli("check", "issues/2023/2023-20.yaml", cwd=issues_dir.parent)
    assert result.returncode == 1
    assert result.stderr == (
        "错误：文件 issues/2023/2023-20.yaml，第 9 行第 8 列：YAML 写法有误：缩进不齐：这一行的 "
        "body 从第 8 列开始，上一行（第 8 行）的 title 从第 9 列开始，这一行少了 1 个空格；"
        f"{INDENT}\n")


def tag_message(tag: str, what: str = "") -> str:
    return (f"不能使用 YAML 标签 {tag}{what}：这里的值只能是文字、数字、日期、列表或“键: 值”，"
            f"不用标签；请删去“{tag}”，直接写内容（要写成文字可以加引号）")


def test_a_binary_title_is_refused_as_a_tag_not_as_text_that_is_text(issues_dir):
    file = write(issues_dir, HEAD + ART.replace("title: 市科协召开会议", "title: !!binary 5biC56eR5Y2P"))
    with pytest.raises(IssueErrors) as caught:
        load_issue(file)
    [error] = caught.value.errors
    assert (error.line, error.column, error.path) == (8, 16, "sections[0].articles[0].title")
    assert error.message == tag_message("!!binary", "（!!binary 表示 base64 编码的二进制数据，不是文字）")


def test_every_tagged_value_is_named_with_its_field(issues_dir):
    text = ('year: !!int "2023"\nnumber: !!str 20\ntotal: !custom 73\ndate: 2023-07-07\n'
            "mark: !!python/object:os.system x\nsections: !!set {a, b}\n")
    file = write(issues_dir, text)
    with pytest.raises(IssueErrors) as caught:
        load_issue(file)
    found = [(e.line, e.column, e.path, e.message) for e in caught.value.errors]
    assert found == [(1, 7, "year", tag_message("!!int")),
                     (3, 8, "total", tag_message("!custom")),
                     (5, 7, "mark", tag_message("!!python/object:os.system")),
                     (6, 11, "sections", tag_message("!!set"))]  # !!str is only "text"
