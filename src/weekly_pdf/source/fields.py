"""The issue-file contract as a schema: which fields an issue, a section, an
article, the footer and the style have, and the checkers only this contract
needs (body, toc, email, pdfa; the body's blocks are in :mod:`.blocks`). See
docs/spec/issue-format.md.
"""

from __future__ import annotations

import re

from yaml.nodes import Node, SequenceNode

from ..errors import IssueError
from ..options import LevelError, parse_level
from .printable import is_blank
from .layout import PITCHES
from .model import INSTRUCTION_LEVELS, SUPPLEMENT, Instruction
from .wording import bare_column
from .textjoin import join_lines
from .blocks import body_item
from .limits import (MAX_ARTICLE_PARAGRAPHS, MAX_COLUMN_CHARS, MAX_DISTRIBUTION, MAX_LINE_CHARS,
                     MAX_PARAGRAPH_CHARS, MAX_SECTION_ARTICLES, MAX_SECTIONS, MAX_TITLE_CHARS)
from .schema.kinds import (INVALID, Context, Field, boolean, choice, colour, date, described,
                           integer, is_bool, is_text, join_path, mapping, number, record, schema_of,
                           sequence, show, text, truth)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

#: Chinese words an office worker may type for a field, mapped to the field.
CHINESE_KEYS = {
    "报头": "publication", "报头名称": "publication", "刊名": "publication",
    "编发单位": "publisher", "单位": "publisher", "年": "year", "年份": "year",
    "期": "number", "期号": "number", "总期": "total", "总期号": "total",
    "日期": "date", "版式": "layout", "目录标题": "toc_title", "栏目": "sections",
    "栏目名": "column", "文章": "articles", "标题": "title", "目录": "toc",
    "正文": "body", "来源": "source", "供稿": "source", "版记": "footer",
    "邮箱": "email", "编辑": "editor", "审核": "reviewer", "分送": "distribution",
    "归档": "pdfa", "PDF/A": "pdfa", "编者按": "note", "按语": "note",
    "密级": "mark", "印数": "print_run", "共印": "print_run", "增刊": "series", "系列": "series",
    "报": "report_to", "送": "send_to", "发": "issue_to",
    "批示": "instructions", "领导批示": "instructions", "级别": "level", "批示级别": "level",
    "领导": "by", "批示领导": "by", "批示人": "by", "批示日期": "date",
}


def fields_of(fields: dict[str, Field], what: str, *, check_required: bool = True):
    """A mapping of this contract (unknown keys get the Chinese suggestions)."""
    return mapping(fields, what, check_required=check_required, suggestions=CHINESE_KEYS)


_email_text = text("信息报送邮箱", MAX_LINE_CHARS)


def email(ctx: Context, node: Node, path: str):
    value = _email_text(ctx, node, path)
    if value is not INVALID and not EMAIL_RE.fullmatch(value):
        ctx.error(node, path, f"需要一个邮箱地址，例如 name@example.cn，这里是“{value}”")
        return INVALID
    return value


described(email, {"type": "string", "pattern": EMAIL_RE.pattern,
                  "description": "信息报送邮箱，例如 name@example.cn"})


_toc_text = text("目录里显示的文字", MAX_TITLE_CHARS)


def toc(ctx: Context, node: Node, path: str):
    """toc: true | false | the text listed in the contents."""
    if is_bool(node):
        return truth(node)
    if is_text(node):
        return _toc_text(ctx, node, path)
    ctx.error(node, path, f"需要 true、false 或一段文字（目录里显示的文字），这里是{show(node)}")
    return INVALID


described(toc, {"anyOf": [{"type": "boolean"}, {"type": "string", "minLength": 1}],
                "description": "是否列入目录提要：true、false，或目录里显示的文字"})


_body_items = sequence(body_item, "正文段落", MAX_ARTICLE_PARAGRAPHS)


def body(ctx: Context, node: Node, path: str):
    """An article's body: a block of text (blank line between paragraphs), or
    a list whose items are paragraphs or blocks (:func:`.blocks.body_item`)."""
    if is_text(node):
        if not ctx.refuse_unprintable(node, path, node.value):
            return INVALID
        paragraphs = []
        block = node.style in ("|", ">")
        line = 0
        ok = True
        for chunk in re.split(r"(\n[ \t]*\n)", node.value):
            if chunk.strip() and not chunk.isspace():
                lead = len(chunk) - len(chunk.lstrip("\n"))
                if paragraph := join_lines(chunk):
                    # A block scalar's text starts on the line after its "|".
                    where = join_path(path, len(paragraphs))
                    ctx.mark(node, where, line + lead + 1 if block else 0)
                    ok &= _paragraph_ok(ctx, node, where, paragraph)
                    paragraphs.append(paragraph)
            line += chunk.count("\n")
        if not paragraphs:
            ctx.error(node, path, "正文不能为空")
            return INVALID
        if len(paragraphs) > MAX_ARTICLE_PARAGRAPHS:
            _error_at(ctx, node, join_path(path, MAX_ARTICLE_PARAGRAPHS),
                      f"一篇文章的段落太多（{len(paragraphs)} 段），最多 {MAX_ARTICLE_PARAGRAPHS} 段；"
                      f"请分成几篇")
            return INVALID
        return tuple(paragraphs) if ok else INVALID
    if isinstance(node, SequenceNode):
        return _body_items(ctx, node, path)
    ctx.error(node, path, "需要正文：用“body: |”写成段落（段与段之间空一行），"
                          f"或写成每段一项的列表，这里是{show(node)}")
    return INVALID


described(body, {"anyOf": [{"type": "string", "minLength": 1},
                           {"type": "array", "minItems": 1, "items": schema_of(body_item)}],
                 "description": "正文：用“body: |”写成段落（段与段之间空一行），"
                                "或每项一段（或一个小标题、图片、表格）的列表"})


#: A label the writer typed before the 编者按 itself (the layout prints its own).
NOTE_LABEL_RE = re.compile(r"^(【编者按】|\[编者按\]|编者按\s*[:：])\s*")


_note_text = text("编者按", MAX_PARAGRAPH_CHARS)


def note(ctx: Context, node: Node, path: str):
    """note: the 编者按's text (a leading “编者按：” typed with it is dropped)."""
    value = _note_text(ctx, node, path)
    if value is INVALID:
        return INVALID
    value = NOTE_LABEL_RE.sub("", value)
    if not value:
        ctx.error(node, path, "不能为空，需要填写编者按的内容（“编者按：”几个字会自动印出）")
        return INVALID
    return value


described(note, {"type": "string", "minLength": 1,
                 "description": "编者按：印在标题和正文之间（“编者按：”几个字自动印出）"})


def _error_at(ctx: Context, node: Node, path: str, message: str) -> None:
    """An error at the line where ``path`` (a paragraph of a block) was set."""
    where = ctx.positions.get(path)
    if where is None:
        ctx.error(node, path, message)
    else:
        ctx.errors.append(IssueError(ctx.file, message, line=where[1], column=where[2], path=path))


def _paragraph_ok(ctx: Context, node: Node, path: str, paragraph: str) -> bool:
    if is_blank(paragraph):
        _error_at(ctx, node, path, "这一段只有看不见的字符（如零宽空格），请删去或写上内容")
        return False
    if len(paragraph) > MAX_PARAGRAPH_CHARS:
        _error_at(ctx, node, path, f"这一段太长（{len(paragraph)} 个字），一段最多 "
                                   f"{MAX_PARAGRAPH_CHARS} 个字；请分段（段与段之间空一行）")
        return False
    return True


def series(ctx: Context, node: Node, path: str):
    """series: 增刊 — a supplement, numbered in its own series."""
    if is_text(node) and node.value.strip() == SUPPLEMENT:
        return SUPPLEMENT
    ctx.error(node, path, f"series 只能写 {SUPPLEMENT}（增刊另行编号，文件名写成 年份-s期号.yaml）；"
                          f"正常的一期不写 series，这里是{show(node)}")
    return INVALID


described(series, {"enum": [SUPPLEMENT],
                   "description": "增刊：另行编号（文件名 年份-s期号.yaml），不计总期号；正常的一期不写"})


def pdfa_level(ctx: Context, node: Node, path: str):
    """pdfa: 1b | 2b | none (true means 1b): the PDF/A level builds use by default."""
    if is_bool(node):
        return parse_level(truth(node))
    if not is_text(node):
        ctx.error(node, path, f"需要 PDF/A 级别 1b 或 2b（或 none），这里是{show(node)}")
        return INVALID
    try:
        level = parse_level(node.value)
    except LevelError as exc:
        ctx.error(node, path, str(exc))
        return INVALID
    return level


described(pdfa_level, {"anyOf": [{"type": "boolean"}, {"type": "string",
                                                       "examples": ["1b", "2b", "none"]}],
                       "description": "默认生成的 PDF/A 级别：1b、2b 或 none（true 即 1b）"})


FOOTER_FIELDS = {
    "email": Field(email),
    "editor": Field(text("编辑的姓名", MAX_LINE_CHARS), required=True),
    "reviewer": Field(text("审核人的姓名", MAX_LINE_CHARS), required=True),
    "distribution": Field(sequence(text("分送单位", MAX_LINE_CHARS), "分送单位",
                                   MAX_DISTRIBUTION), required=True),
    # The 报尾 of a briefing, by kind (added by the project: docs/spec/issue-format.md).
    "report_to": Field(sequence(text("报送的上级机关", MAX_LINE_CHARS), "报送的上级机关",
                                MAX_DISTRIBUTION)),
    "send_to": Field(sequence(text("抄送的平级单位", MAX_LINE_CHARS), "抄送的平级单位",
                              MAX_DISTRIBUTION)),
    "issue_to": Field(sequence(text("下发的单位", MAX_LINE_CHARS), "下发的单位",
                               MAX_DISTRIBUTION)),
}

#: Words an editor may write for a level, and the level meant (for the message).
LEVEL_WORDS = {"区": "区级", "区县级": "区级", "县级": "区级", "县区级": "区级", "市": "市级",
               "省": "省级", "省部级": "省级", "部级": "省级", "国家": "国家级", "中央": "国家级",
               "中央级": "国家级"}

#: Most instructions one article records.
MAX_INSTRUCTIONS = 20

#: One leader's instruction on an article (instructions: [{level, by, date}]).
INSTRUCTION = record({
    "level": Field(choice(INSTRUCTION_LEVELS, "批示级别", LEVEL_WORDS), required=True),
    "by": Field(text("批示的领导", MAX_LINE_CHARS), required=True),
    "date": Field(date),
}, "领导批示", build=lambda values: Instruction(**values), suggestions=CHINESE_KEYS)

ARTICLE_FIELDS = {
    "title": Field(text("文章标题", MAX_TITLE_CHARS), required=True),
    "toc": Field(toc),
    "note": Field(note),
    "body": Field(body, required=True),
    "source": Field(text("供稿单位", MAX_LINE_CHARS)),
    # Counted by `weekly-pdf stats` (bonus points), never printed (docs/stats.md).
    "instructions": Field(sequence(INSTRUCTION, "领导批示", MAX_INSTRUCTIONS)),
}

_column_text = text("栏目名称", MAX_COLUMN_CHARS)


def column(ctx: Context, node: Node, path: str):
    """A column's name; brackets typed around it (【主题教育】) are dropped, since
    the bulletin prints its own (:func:`~weekly_pdf.source.wording.column_heading`)."""
    value = _column_text(ctx, node, path)
    if value is INVALID:
        return INVALID
    name = bare_column(value)
    if not name or is_blank(name):
        ctx.error(node, path, "不能为空，需要填写栏目名称（【】会自动印出，不用写）")
        return INVALID
    return name


described(column, schema_of(_column_text))

SECTION_FIELDS = {
    "column": Field(column, required=True),
    "articles": Field(sequence(fields_of(ARTICLE_FIELDS, "文章"), "文章", MAX_SECTION_ARTICLES),
                      required=True),
}

#: Typesetting settings (style: in publication.yaml or an issue file); see docs/layout.md.
#: A pitch is checked here against what any layout may have, and against the
#: issue's own layout's [style_bounds] when the two meet (Layout.styled).
STYLE_FIELDS = {
    "char_pitch": Field(number(PITCHES["char_pitch"][2], *PITCHES["char_pitch"][:2],
                               example=15.79)),
    "line_pitch": Field(number(PITCHES["line_pitch"][2], *PITCHES["line_pitch"][:2],
                               example=28.99)),
    "red": Field(colour),
    "compress_punctuation": Field(boolean("是否压缩相邻标点")),
    "opening_half_width": Field(boolean("行首的开始标点（“（【等）是否只占半字")),
    "duplex": Field(boolean("是否双面印刷，把版记放在偶数页")),
}

#: Fields publication.yaml may hold (a footer there may be partial).
DEFAULTS_FIELDS = {
    "publication": Field(text("报头名称", MAX_LINE_CHARS)),
    "publisher": Field(text("编发单位", MAX_LINE_CHARS)),
    "layout": Field(text("版式名称")),
    "toc_title": Field(text("目录标题", MAX_LINE_CHARS)),
    "footer": Field(fields_of(FOOTER_FIELDS, "版记", check_required=False)),
    "pdfa": Field(pdfa_level),
    "mark": Field(text("密级或“内部资料　注意保存”等字样", MAX_LINE_CHARS)),
    "print_run": Field(integer("印数（份）", 1, 1_000_000, example=50)),
    "style": Field(fields_of(STYLE_FIELDS, "版式设置", check_required=False)),
}

ISSUE_FIELDS = {
    **DEFAULTS_FIELDS,
    "year": Field(integer("年份", 1949, 2100, example=2023), required=True),
    "number": Field(integer("期号", 1), required=True),
    # Required except for a supplement (checked once merged: load_issue).
    "total": Field(integer("总期号", 1)),
    "series": Field(series),
    "date": Field(date, required=True),
    "sections": Field(sequence(fields_of(SECTION_FIELDS, "栏目"), "栏目", MAX_SECTIONS),
                      required=True),
}

#: Fields required once the defaults are merged in.
MERGED_REQUIRED = {"publication": "报头名称", "publisher": "编发单位", "footer": "版记"}
