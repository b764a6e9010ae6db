"""Every TOML file is read by one reader that speaks Chinese: tomllib's common
errors, wrong types and unknown keys are named with file, line, column and
field path, never in tomllib's English, and the slips of a Chinese input method
get their own words."""

from __future__ import annotations

import re

import pytest

from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.schema.kinds import (Field, choice, colour, entries, integer, mapping,
                                            number, sequence, text)
from weekly_pdf.source.schema.toml_reading import MAX_TOML_BYTES, read_toml

#: A small file declared with the vocabulary, in the shape of layout.toml.
PAGE = mapping({
    "size": Field(choice(("A4", "A5"), "纸张")),
    "margin_top_mm": Field(number("上边距", 0, 200, example=37, unit="毫米"), required=True),
}, "页面")
DECLARATION = mapping({
    "page": Field(PAGE, required=True),
    "colors": Field(mapping({"red": Field(colour)}, "颜色")),
    "labels": Field(entries(text("标签"), "标签")),
    "columns": Field(sequence(mapping({"name": Field(text("栏目名"), required=True),
                                        "width": Field(integer("宽度", 1, 10))}, "栏目"), "栏目")),
}, "版式")

GOOD = """\
# a layout
[page]
size = "A4"
margin_top_mm = 37

[colors]
red = "#ff0000"
"""


def read(tmp_path, text: str | bytes, name: str = "layout.toml"):
    file = tmp_path / name
    file.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_toml(file, DECLARATION, what="版式文件")


def refused(tmp_path, text: str | bytes) -> list[str]:
    """The messages, each without the file name (checked once, below)."""
    with pytest.raises(IssueErrors) as caught:
        read(tmp_path, text)
    messages = str(caught.value).splitlines()
    assert all(re.match(r"文件 \S*layout\.toml[，：]", m) for m in messages), messages
    return [re.sub(r"^文件 \S*layout\.toml[，：]", "", m) for m in messages]


def test_a_good_file_is_read_into_checked_values(tmp_path):
    assert read(tmp_path, GOOD) == {"page": {"size": "A4", "margin_top_mm": 37.0},
                                    "colors": {"red": "#FF0000"}}


@pytest.mark.parametrize("line, message", [
    ('size = A4', '第 3 行第 8 列：TOML 写法有误：值的写法不对；文字要写在英文双引号里：size = "A4"'),
    ('size: "A4"', '第 3 行第 5 列：TOML 写法有误：键和值之间要用“=”，不用冒号（TOML 不是 YAML）：size = "A4"'),
    ('size ＝ "A4"', '第 3 行第 6 列：TOML 写法有误：用了全角等号“＝”；这里要用半角等号“=”'),
    ('size = “A4”', '第 3 行第 8 列：TOML 写法有误：用了中文引号“”；TOML 的文字要写在英文双引号里：size = "A4"'),
    ('纸张 = "A4"', '第 3 行第 1 列：TOML 写法有误：键名 纸张 用了中文；键名只能用英文字母、数字、-、_'),
    ('size = "A4" "A5"', '第 3 行第 13 列：TOML 写法有误：一行只能写一个“键 = 值”，值的后面多了内容；'
                         '注释要以 # 开头；文字要整个写在一对英文双引号里'),
    ('size = "A4', '第 3 行第 11 列：TOML 写法有误：文字的引号没有闭合（单行文字不能跨行）；在这一行的文字末尾补上引号'),
    ('size = "C:\\A4"', '第 3 行第 11 列：TOML 写法有误：文字里有单独的反斜杠“\\”；'
                        "写成两个反斜杠“\\\\”，或者改用单引号 '…'（里面的反斜杠照原样），路径也可以用“/”"),
    ('size = "\\u00ZZ"', '第 3 行第 11 列：TOML 写法有误：转义 \\u 或 \\U 后面的十六进制数写法不对；'
                         '写成 \\u 加 4 位或 \\U 加 8 位十六进制数'),
    ('size = ["A4", "A5"', '第 4 行第 1 列：TOML 写法有误：数组没有闭合；检查是否缺少“]”，或者项与项之间缺少逗号'),
    ('size = { a = 1', '第 3 行第 15 列：TOML 写法有误：{ … } 没有闭合；'
                       '{ … } 要写在一行里，项与项之间用逗号隔开，最后是“}”'),
    ('size = 2023-13-45', '第 3 行第 8 列：TOML 写法有误：日期的写法不对（这一天不存在，或者月、日不是两位数）；'
                          '日期写成 2023-07-07'),
    ('[colors', '第 3 行第 8 列：TOML 写法有误：表名后面缺少“]”；写成 [表名]'),
    ('\u3000size = "A4"', '第 3 行第 1 列：TOML 写法有误：这一行开头用了全角空格（U+3000）缩进；'
                          'TOML 只能用半角空格缩进，请把它们换成半角空格'),
])
def test_broken_toml_is_said_in_chinese_with_line_column_and_a_hint(tmp_path, line, message):
    text = GOOD.replace('size = "A4"', line)
    assert refused(tmp_path, text) == [message]


def test_a_key_or_a_table_written_twice_is_named_where_it_is_written_again(tmp_path):
    assert refused(tmp_path, GOOD + 'red = "#00FF00"\n') == [
        "第 8 行第 1 列：TOML 写法有误：同一个键写了两次（或者一个键既有值又被当作表）；删去或合并重复的那一行"]
    assert refused(tmp_path, GOOD + "[page]\n") == [
        "第 8 行第 1 列：TOML 写法有误：同一个表写了两次；一个表的所有键要写在同一个 [表名] 下面"]


#: tomllib's words (its messages start with one of them).
ENGLISH = re.compile(r"Invalid|Expected|Cannot|Unclosed|Unterminated|Illegal|Found|Unescaped|"
                     r"Duplicate|Escaped|statement|document|namespace")


def test_no_english_of_tomllib_leaks_for_any_common_mistake(tmp_path):
    for line in ('size = A4', 'size: "A4"', 'size = "A4', 'size = [1,', 'size = {', '[[page',
                 'size = "\\x"', 'size = 1 2', 'size = 1979-05-27T25:00:00', "size = '''a",
                 'size = { a = 1, a = 2 }', 'a.b = 1\na.b.c = 2', '= "A4"', 'size = "\\uD800"'):
        message = refused(tmp_path, GOOD.replace('size = "A4"', line))[0]
        assert "TOML 写法有误：" in message and not ENGLISH.search(message), (line, message)


def test_wrong_types_and_unknown_keys_name_the_field_and_where_it_is(tmp_path):
    text = GOOD.replace('size = "A4"', 'size = "a4"\nmargins = 3').replace(
        'margin_top_mm = 37', 'margin_top_mm = "37mm"').replace('red = "#ff0000"', 'red = 255')
    assert refused(tmp_path, text) == [
        "第 3 行第 8 列，字段 page.size：纸张应当是 A4、A5 之一，这里是文字“a4”，是不是想写 A4？",
        "第 4 行第 1 列，字段 page.margins：不认识的字段 margins，是不是想写 margin_top_mm？"
        "页面可以有的字段：size、margin_top_mm",
        "第 5 行第 17 列，字段 page.margin_top_mm：需要一个数（上边距，单位毫米，例如 37），这里是文字“37mm”",
        "第 8 行第 7 列，字段 colors.red：需要一个颜色，写成带引号的 \"#RRGGBB\"（例如 \"#FF0000\"），"
        "这里是整数“255”",
    ]


def test_a_number_out_of_range_says_the_range_in_its_unit(tmp_path):
    assert refused(tmp_path, GOOD.replace("margin_top_mm = 37", "margin_top_mm = -5.5")) == [
        "第 4 行第 17 列，字段 page.margin_top_mm：上边距应当在 0 到 200 毫米之间，这里是 -5.5"]


def test_a_missing_table_or_field_is_named(tmp_path):
    assert refused(tmp_path, "[page]\nsize = \"A4\"\n") == [
        "第 1 行第 1 列，字段 page.margin_top_mm：缺少必填字段 margin_top_mm（页面里）"]
    assert refused(tmp_path, "[colors]\n") == ["第 1 行第 1 列，字段 page：缺少必填字段 page（版式里）"]
    assert refused(tmp_path, 'page = "A4"\n') == [
        "第 1 行第 8 列，字段 page：需要一个表（页面，写成 [page] 下面的几行“键 = 值”），这里是文字“A4”"]


def test_items_of_arrays_of_tables_and_inline_tables_are_found(tmp_path):
    text = GOOD + """
[labels]
note = "编者按："
"odd key" = 3

[[columns]]
name = "主题教育"

[[columns]]
name = "科创工作"
width = 12

[[columns]]
name = ""
"""
    assert refused(tmp_path, text) == [
        '第 11 行第 13 列，字段 labels["odd key"]：需要一段文字（标签），这里是整数“3”；文字要写在英文双引号里',
        "第 18 行第 9 列，字段 columns[1].width：宽度应当在 1 到 10 之间，这里是 12",
        "第 21 行第 8 列，字段 columns[2].name：不能为空，需要填写栏目名",
    ]
    line = 'columns = [{ name = "a" }, { name = "b", width = 0 }]'
    assert refused(tmp_path, line + "\n" + GOOD) == [
        f"第 1 行第 {line.index('0') + 1} 列，字段 columns[1].width：宽度应当在 1 到 10 之间，这里是 0"]


def test_windows_line_ends_and_a_byte_order_mark_are_read(tmp_path):
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    assert read(tmp_path, text)["page"]["size"] == "A4"
    assert refused(tmp_path, text.replace("margin_top_mm = 37", "margin_top_mm = 370")) == [
        "第 4 行第 17 列，字段 page.margin_top_mm：上边距应当在 0 到 200 毫米之间，这里是 370"]


def test_a_file_that_is_not_utf8_too_large_or_not_a_file_is_refused_unread(tmp_path):
    assert refused(tmp_path, GOOD.replace("A4", "中").encode("gbk")) == [
        "第 3 行：文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）"]
    assert refused(tmp_path, GOOD + "#" * MAX_TOML_BYTES) == ["文件太大（257 KB），版式文件最多 256 KB"]
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(IssueErrors, match="这是一个文件夹，不是版式文件"):
        read_toml(folder, DECLARATION, what="版式文件")
    with pytest.raises(IssueErrors, match="这不是普通文件（是设备文件）"):
        read_toml("/dev/zero", DECLARATION, what="版式文件")


TRICKY = '''\
# every way TOML writes a key, a table and a value
title = "TOML \\"quoted\\" # not a comment"   # a comment
'quoted literal' = 'C:\\path'
"a.b" = 1
 dotted . key = 2
bare-key_1 = 0x1F
when = 1979-05-27 07:32:00Z
day = 1979-05-27
time = 07:32:00
float = -1.5e3
inf = +inf
multi = """
two "quotes"" and one\\
  continued"""
literal = \'\'\'raw \\n ''text\'\'\'
array = [ 1, [2, 3], "x", # a comment
  { inline = true, "q k" = 'v', deep.er = 1 }, ]
empty = []
no_items = {}

[ table . "with space" ]
key = "value"

[[fruits]]
name = "apple"
[fruits.physical]
color = "red"
[[fruits.varieties]]
name = "red delicious"
[[fruits.varieties]]
name = "granny smith"

[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
'''


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    else:
        yield path, value


@pytest.mark.parametrize("name", ["tricky", "pyproject.toml", "fonts/manifest.toml",
                                  "layouts/bulletin/layout.toml", "layouts/briefing/layout.toml"])
def test_the_position_of_every_value_is_found(name):
    """Each value's node points at the text that writes exactly that value."""
    import tomllib

    from tests.helpers import ROOT
    from weekly_pdf.source.schema.toml_reading import tree
    text = TRICKY if name == "tricky" else (ROOT / name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    root = tree(data, text)
    checked = 0
    for path, value in _leaves(data):
        node = root
        for step in path:
            node = node.value[step] if isinstance(step, int) else \
                next(v for k, v in node.value if k.value == step)
        written = text[node.start_mark.index:node.end_mark.index]
        assert tomllib.loads(f"x = {written}")["x"] == value, (path, written)
        checked += 1
    assert checked >= 3  # (the briefing layout only states what differs)


def test_labels_may_use_only_their_placeholders_and_paper_names_any_case(tmp_path):
    from weekly_pdf.source.schema.kinds import format_text
    labels = mapping({"serial": Field(format_text("编号", ("year", "number"))),
                      "note": Field(format_text("编者按的字样", ()))}, "标签")
    declaration = mapping({"size": Field(choice(("A4", "16K"), "纸张", ignore_case=True)),
                           "labels": Field(labels)}, "版式")
    file = tmp_path / "layout.toml"
    file.write_text('size = "16k"\n[labels]\nserial = "{year}年第{number}期{{注}}"\n', encoding="utf-8")
    assert read_toml(file, declaration) == {"size": "16K",
                                             "labels": {"serial": "{year}年第{number}期{{注}}"}}
    file.write_text('size = "B4"\n[labels]\nserial = "第{total}期"\nnote = "{编者按}"\n',
                    encoding="utf-8")
    with pytest.raises(IssueErrors) as caught:
        read_toml(file, declaration)
    assert [m.split("，", 1)[1] for m in str(caught.value).splitlines()] == [
        "第 1 行第 8 列，字段 size：纸张应当是 A4、16K 之一，这里是文字“B4”，是不是想写 A4？",
        "第 3 行第 10 列，字段 labels.serial：编号里只能用 {year}、{number}（要印出花括号请写两次：{{ 和 }}）",
        "第 4 行第 8 列，字段 labels.note：编者按的字样里不能有 {…}（要印出花括号请写两次：{{ 和 }}）",
    ]


def test_a_loop_of_links_or_a_file_used_as_a_folder_is_said_in_chinese(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(IssueErrors, match=r"loop/layout\.toml：无法读取（链接层数太多，可能是循环链接）$"):
        read_toml(tmp_path / "loop" / "layout.toml", DECLARATION)
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(IssueErrors, match=r"file/layout\.toml：无法读取（路径中有一段不是文件夹）$"):
        read_toml(tmp_path / "file" / "layout.toml", DECLARATION)
