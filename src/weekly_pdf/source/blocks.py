"""The blocks an article's body list may hold besides paragraphs: headings,
subheadings, pictures, tables and lists (docs/spec/issue-format.md, "Fields
added by the project").

A body item that is a mapping names its kind by one key (``heading``,
``subheading``, ``image``, ``table``, ``list``); the other keys are that
kind's options.
A picture is checked here, when the issue is read: it must lie inside the
issue file's folder tree, be a JPEG or PNG that decodes, and not be too large
(:func:`weekly_pdf.source.images.probe`).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import display_path
from .images import ImageProblem, probe
from .model import Heading, Image, ItemList, Table
from .textjoin import join_lines
from .limits import MAX_ARTICLE_PARAGRAPHS, MAX_CELL_CHARS, MAX_PARAGRAPH_CHARS, \
    MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TITLE_CHARS
from .schema.kinds import (INVALID, Context, Field, choice, described, integer, join_path,
                           mapping, node_at, number, object_schema, schema_of, sequence, show,
                           text, unknown_key)

#: The keys that name a block's kind.
BLOCK_KINDS = ("heading", "subheading", "image", "table", "list")
#: The kinds as the messages list them.
_KINDS_TEXT = "、".join(BLOCK_KINDS)

#: Chinese words an office worker may type for a block's keys.
CHINESE_KEYS = {
    "标题": "heading", "一级标题": "heading", "小标题": "subheading", "二级标题": "subheading",
    "图片": "image", "照片": "image", "图": "image", "表格": "table", "表": "table",
    "图注": "caption", "说明": "caption", "题注": "caption", "表题": "caption",
    "宽度": "width", "宽": "width", "高度": "height", "高": "height",
    "列表": "list", "清单": "list", "编号": "marker", "符号": "marker", "项目符号": "marker",
    "起始编号": "start", "开始": "start", "bullet": "marker", "bullets": "marker",
    "numbered": "marker", "numbering": "marker", "type": "marker", "style": "marker",
}


_paragraph = text("一段正文", MAX_PARAGRAPH_CHARS)


def body_item(ctx: Context, node: Node, path: str):
    """One item of a body list: a paragraph (text) or a block."""
    if isinstance(node, ScalarNode):
        return _paragraph(ctx, node, path)
    if not isinstance(node, MappingNode):
        ctx.error(node, path, f"正文的每一项需要是一段文字，或者 {_KINDS_TEXT} 之一，"
                              f"这里是{show(node)}")
        return INVALID
    keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
    kinds = [k for k in keys if k in BLOCK_KINDS]
    if len(kinds) > 1:
        ctx.error(node, path, f"一项里只能写 {_KINDS_TEXT} 中的一个，"
                              f"这里写了 {'、'.join(kinds)}；请分成几项，每项以“- ”开头")
        return INVALID
    if not kinds:
        return _not_a_block(ctx, node, path)
    return BLOCKS[kinds[0]](ctx, node, path)


def _not_a_block(ctx: Context, node: MappingNode, path: str):
    """A mapping without a kind: most often a paragraph with “: ” in it."""
    key_node, value_node = node.value[0] if node.value else (node, None)
    key = key_node.value if isinstance(key_node, ScalarNode) else None
    if len(node.value) == 1 and isinstance(value_node, ScalarNode) and isinstance(key, str) \
            and key not in CHINESE_KEYS and key not in OPTION_KEYS \
            and not difflib.get_close_matches(key, BLOCK_KINDS, n=1, cutoff=0.5):
        ctx.error(node, path, f"这一项被读成了“键: 值”（{key}: {value_node.value[:10]}），"
                              "不是一段正文：段落里有“冒号加空格”时，请给整段加上引号；"
                              "小标题写成 heading: 或 subheading:")
        return INVALID
    fields = {kind: Field(text(kind)) for kind in BLOCK_KINDS}
    ctx.error(key_node, join_path(path, str(key)) if key is not None else path,
              unknown_key(key, fields, "正文的一项", CHINESE_KEYS))
    return INVALID


def _fields(fields: dict[str, Field], what: str):
    return mapping(fields, what, suggestions=CHINESE_KEYS)


def _heading(level: int):
    key = "heading" if level == 1 else "subheading"
    what = "一级小标题（黑体）" if level == 1 else "二级小标题（楷体）"
    fields = _fields({key: Field(text(what, MAX_TITLE_CHARS), required=True)}, "小标题")

    def check(ctx: Context, node: Node, path: str):
        values = fields(ctx, node, path)
        return INVALID if values is INVALID else Heading(values[key], level)
    return described(check, object_schema({key: Field(text(what), required=True)}, what))


_image_path = text("图片文件的路径，相对于期刊文件，例如 images/2023-21-1.jpg")


def image_file(ctx: Context, node: Node, path: str):
    """image: a JPEG or PNG file inside the issue file's folder tree, checked
    (it decodes, it is not too large); returns (resolved path, pixel size)."""
    value = _image_path(ctx, node, path)
    if value is INVALID:
        return INVALID
    folder = ctx.file.parent
    root = folder.resolve()
    relative = Path(value.replace("\\", "/"))
    if relative.is_absolute() or value[1:2] == ":":
        ctx.error(node, path, f"图片 {value} 要写成相对于期刊文件的路径（例如 images/2023-21-1.jpg），"
                              "不能写完整路径")
        return INVALID
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        ctx.error(node, path, f"图片 {value} 不在期刊文件所在的文件夹 {display_path(folder)} 里"
                              "（不能用“..”或链接指到外面）；请把图片复制到这个文件夹下")
        return INVALID
    if not target.exists():
        ctx.error(node, path, f"找不到图片 {value}（应当在 {display_path(folder / relative)}）")
        return INVALID
    if not target.is_file():
        ctx.error(node, path, f"{value} 不是图片文件（是一个文件夹）")
        return INVALID
    try:
        found = probe(target)
    except ImageProblem as exc:
        ctx.error(node, path, f"图片 {value} 不能用：{exc}")
        return INVALID
    return target, found.pixels


described(image_file, {"type": "string", "minLength": 1,
                       "description": "图片文件的路径，相对于期刊文件，例如 images/2023-21-1.jpg"})


def _image(ctx: Context, node: Node, path: str):
    values = _image_fields(ctx, node, path)
    if values is INVALID:
        return INVALID
    target, pixels = values["image"]
    return Image(target, pixels, caption=values.get("caption"), width=values.get("width"),
                 height=values.get("height"))


def table_cell(ctx: Context, node: Node, path: str):
    """A table cell: text or a number, as written; empty is allowed."""
    if not isinstance(node, ScalarNode):
        ctx.error(node, path, f"表格的格子里只能写文字或数字，这里是{show(node)}")
        return INVALID
    if node.tag.endswith(":null"):
        return ""
    if not ctx.refuse_unprintable(node, path, node.value):
        return INVALID
    value = join_lines(node.value)
    if len(value) > MAX_CELL_CHARS:
        ctx.error(node, path, f"表格的一格太长（{len(value)} 个字），最多 {MAX_CELL_CHARS} 个字")
        return INVALID
    return value


described(table_cell, {"type": ["string", "number", "boolean", "null"],
                       "description": "表格的一格：文字或数字，可以空着"})


_rows = sequence(sequence(table_cell, "格子", MAX_TABLE_COLUMNS), "表格的行", MAX_TABLE_ROWS)


def table_rows(ctx: Context, node: Node, path: str):
    """table: rows, each a list of cells; the first row is the header."""
    rows = _rows(ctx, node, path)
    if rows is INVALID:
        return INVALID
    if len(rows) < 2:
        ctx.error(node, path, "表格至少要有两行：第一行是表头，下面是内容")
        return INVALID
    width = len(rows[0])
    for r, row in enumerate(rows[1:], start=1):
        if len(row) != width:
            ctx.error(node.value[r], join_path(path, r),
                      f"这一行有 {len(row)} 格，表头有 {width} 格；每行的格数要和表头一样"
                      "（空着的格子写 \"\"）")
            return INVALID
    return rows


described(table_rows, {"type": "array", "minItems": 2,
                       "items": {"type": "array", "minItems": 1, "items": schema_of(table_cell)},
                       "description": "表格的行，每行是格子的列表；第一行是表头"})


def _table(ctx: Context, node: Node, path: str):
    values = _table_fields(ctx, node, path)
    if values is INVALID:
        return INVALID
    return Table(values["table"], caption=values.get("caption"))


#: A marker typed before a list item's text (1. ●), which the list prints itself.
TYPED_MARKER = re.compile(r"\s*(?:\d{1,3}[.．](?!\d)|[●•◆■▪·・○])")
_item_text = text("列表的一项", MAX_PARAGRAPH_CHARS)


def list_item(ctx: Context, node: Node, path: str):
    """One item of a list: a paragraph's text, without a marker of its own."""
    if isinstance(node, SequenceNode):
        ctx.error(node, path, "列表里不能再套列表（期刊文件的列表只有一级）：请把这些子项并入上一项，"
                              "或写成列表后面的正文段落")
        return INVALID
    if isinstance(node, MappingNode):
        ctx.error(node, path, f"列表的每一项是一段文字，这里是{show(node)}；文字里有“冒号加空格”时，"
                              "请给这一项加上引号")
        return INVALID
    value = _item_text(ctx, node, path)
    if value is INVALID:
        return INVALID
    typed = TYPED_MARKER.match(value)
    if typed:
        ctx.error(node, path, f"这一项以“{typed[0].strip()}”开头：列表的编号和圆点由程序印出"
                              f"（marker: number 印成 1. 2. 3.，marker: bullet 印成 {ItemList.BULLET}），"
                              "请删去自己写的")
        return INVALID
    return value


described(list_item, schema_of(text("列表的一项：一段文字，不写编号", MAX_PARAGRAPH_CHARS)))


def _list(ctx: Context, node: Node, path: str):
    values = _list_fields(ctx, node, path)
    if values is INVALID:
        return INVALID
    marker = values.get("marker", ItemList.MARKERS[0])
    if "start" in values and marker != "number":
        ctx.error(node_at(node, "start"), join_path(path, "start"),
                  "start（第一项的编号）只用于编号的列表（marker: number），圆点列表不写")
        return INVALID
    return ItemList(values["list"], marker, values.get("start", 1))


IMAGE_FIELDS = {
    "image": Field(image_file, required=True),
    "caption": Field(text("图片说明", MAX_TITLE_CHARS)),
    "width": Field(number("图片宽度占版心宽度的比例", 0.1, 1.0, example=0.8)),
    "height": Field(number("图片高度占版心高度的比例", 0.1, 1.0, example=0.6)),
}

TABLE_FIELDS = {
    "table": Field(table_rows, required=True),
    "caption": Field(text("表格标题", MAX_TITLE_CHARS)),
}

LIST_FIELDS = {
    "list": Field(sequence(list_item, "列表的项", MAX_ARTICLE_PARAGRAPHS), required=True),
    "marker": Field(choice(ItemList.MARKERS, "列表的标记（number：1. 2. 3.，bullet：●）",
                           {"编号": "number", "数字": "number", "序号": "number",
                            "numbered": "number", "numbers": "number", "圆点": "bullet",
                            "符号": "bullet", "项目符号": "bullet", "bullets": "bullet",
                            "bulleted": "bullet", "dot": "bullet", ItemList.BULLET: "bullet",
                            "•": "bullet"})),
    "start": Field(integer("第一项的编号", 1, 999, example=4)),
}

_image_fields = _fields(IMAGE_FIELDS, "图片")
_table_fields = _fields(TABLE_FIELDS, "表格")
_list_fields = _fields(LIST_FIELDS, "列表")

#: The keys of the blocks' options (caption, width, marker …).
OPTION_KEYS = frozenset(key for fields in (IMAGE_FIELDS, TABLE_FIELDS, LIST_FIELDS)
                        for key in fields if key not in BLOCK_KINDS)

BLOCKS = {"heading": _heading(1), "subheading": _heading(2), "image": _image,
          "table": _table, "list": _list}

described(_image, object_schema(IMAGE_FIELDS, "图片"))
described(_table, object_schema(TABLE_FIELDS, "表格"))
described(_list, object_schema(LIST_FIELDS, "列表：编号（1. 2. 3.）或圆点（●）的各项，每项印成一段"))
described(body_item, {"anyOf": [schema_of(text("一段正文")),
                                *(schema_of(BLOCKS[kind]) for kind in BLOCK_KINDS)],
                      "description": "一段正文，或一个小标题（heading / subheading）、图片（image）、"
                                     "表格（table）、列表（list）"})
