"""The reusable kinds of field an input file may hold, in the spirit of MkDocs'
config_options: text, integers in a range, dates, booleans, lists, mappings with
known keys.

A kind is a checker: a callable taking (context, node, path) that returns the
checked value, or :data:`INVALID` after recording its errors in the context.
Nothing here knows which fields an issue has (that is :mod:`.schema`) or how
the YAML was read (that is :mod:`.yaml_reading`).

Every kind also says what it accepts as JSON Schema (its ``json_schema``
attribute, see :func:`described`), so that :mod:`weekly_pdf.source.schema.editor`
derives the editors' schema of the issue format from the same definitions.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...errors import IssueError
from ..printable import is_blank, refusal
from ..textjoin import join_lines
from .slips import key_slip


@dataclass
class Context:
    """What the checker needs while it walks one file."""

    file: Path
    errors: list[IssueError]
    positions: dict[str, tuple[str, int, int]]
    #: The file's text, to point at a refused character written as itself.
    source: str = ""

    def error(self, node: Node | None, path: str, message: str) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(IssueError(self.file, message, line=line, column=column, path=path))

    def refuse_unprintable(self, node: Node, path: str, value: str) -> bool:
        """Record an error for each kind of character of ``value`` that may not
        be printed (see :mod:`weekly_pdf.source.printable`); True when there was none."""
        ok = True
        for char in dict.fromkeys(value):
            reason = refusal(char)
            if reason is None:
                continue
            ok = False
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            at = self.source.find(char, node.start_mark.index, node.end_mark.index)
            if at >= 0:  # written as itself (not as an escape like \u202E): its own place
                line = self.source.count("\n", 0, at) + 1
                column = at - self.source.rfind("\n", 0, at)
            self.errors.append(IssueError(self.file, reason, line=line, column=column, path=path))
        return ok

    def mark(self, node: Node, path: str, line_offset: int = 0) -> None:
        """Remember where ``path`` was set (``line_offset`` lines into ``node``)."""
        column = 1 if line_offset else node.start_mark.column + 1
        self.positions[path] = (str(self.file), node.start_mark.line + 1 + line_offset, column)


#: What a checker returns for a value it refused.
INVALID = object()

Checker = Callable[[Context, Node, str], Any]


def described(check: Checker, schema: dict) -> Checker:
    """``check`` with what it accepts as JSON Schema (``check.json_schema``)."""
    check.json_schema = schema
    return check


def join_path(base: str, key: str | int) -> str:
    """The field path of ``key`` below ``base``: sections[0].title."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def kind_name(node: Node) -> str:
    """What a node is, in the words of the messages: 列表, 整数, 文字..."""
    if isinstance(node, MappingNode):
        return "一组“键: 值”"
    if isinstance(node, SequenceNode):
        return "列表"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"int": "整数", "float": "小数", "bool": "真假值", "null": "空值",
            "timestamp": "日期", "str": "文字"}.get(tag, "文字")


def show(node: Node) -> str:
    """A node as quoted in a message: 文字“abc”, 整数“12”, 列表."""
    if isinstance(node, ScalarNode):
        value = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        return f"{kind_name(node)}“{value}”" if value else "空值"
    return kind_name(node)


def is_text(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":str")


def is_bool(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":bool")


def truth(node: ScalarNode) -> bool:
    """The value of a YAML 1.1 boolean scalar (true/yes/on/y, any case)."""
    return node.value.lower() in ("true", "yes", "on", "y")


def text(what: str, max_chars: int | None = None) -> Checker:
    """One line of text (the lines of a multi-line scalar are joined), with
    something visible in it, at most ``max_chars`` characters long."""
    def check(ctx: Context, node: Node, path: str):
        if not is_text(node):
            ctx.error(node, path, f"需要一段文字（{what}），这里是{show(node)}"
                      + ("；如果就是要写这些字，请加上引号" if isinstance(node, ScalarNode)
                         and node.value else ""))
            return INVALID
        if not ctx.refuse_unprintable(node, path, node.value):
            return INVALID
        value = join_lines(node.value)
        if is_blank(value):
            ctx.error(node, path, f"不能为空，需要填写{what}"
                      + ("（这里只有看不见的字符，如零宽空格）" if value else ""))
            return INVALID
        if max_chars is not None and len(value) > max_chars:
            ctx.error(node, path, f"{what}太长（{len(value)} 个字），最多 {max_chars} 个字")
            return INVALID
        return value
    schema = {"type": "string", "minLength": 1, "description": what}
    if max_chars is not None:
        schema["maxLength"] = max_chars
    return described(check, schema)


def integer(what: str, low: int, high: int | None = None, example: int = 20) -> Checker:
    """A whole number written in ASCII digits, between ``low`` and ``high``."""
    def check(ctx: Context, node: Node, path: str):
        value = None
        if isinstance(node, ScalarNode) and node.style is None \
                and re.fullmatch(r"[-+]?[0-9]+", node.value):
            digits = node.value.lstrip("+-").lstrip("0")
            if len(digits) > 18:  # no range here is that wide; int() refuses > 4300 digits
                limit = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
                ctx.error(node, path, f"{what}应当{limit}，这里是一个 {len(digits)} 位的数")
                return INVALID
            value = int(node.value, 10)  # 020 is twenty, not YAML 1.1 octal
        if value is None:
            ctx.error(node, path, f"需要一个整数（{what}，用半角阿拉伯数字，例如 {example}），"
                                  f"这里是{show(node)}")
            return INVALID
        if value < low or (high is not None and value > high):
            limit = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
            ctx.error(node, path, f"{what}应当{limit}，这里是 {value}")
            return INVALID
        return value
    schema = {"type": "integer", "minimum": low, "description": what}
    if high is not None:
        schema["maximum"] = high
    return described(check, schema)


def number(what: str, low: float, high: float, example: float | None = None) -> Checker:
    """A number (integer or decimal) between ``low`` and ``high``."""
    def check(ctx: Context, node: Node, path: str):
        value = None
        if isinstance(node, ScalarNode) and node.style is None \
                and re.fullmatch(r"[0-9]+(\.[0-9]+)?", node.value):
            value = float(node.value)
        if value is None:
            ctx.error(node, path, f"需要一个数（{what}，例如 {low if example is None else example}），"
                                  f"这里是{show(node)}")
            return INVALID
        if not low <= value <= high:
            ctx.error(node, path, f"{what}应当在 {low} 到 {high} 之间，这里是 {node.value}")
            return INVALID
        return value
    return described(check, {"type": "number", "minimum": low, "maximum": high,
                             "description": what})


def date(ctx: Context, node: Node, path: str):
    """A calendar date written YYYY-MM-DD."""
    expected = "需要一个日期，格式为 YYYY-MM-DD，例如 2023-07-07"
    if not isinstance(node, ScalarNode) or node.tag.endswith((":int", ":float", ":bool")):
        ctx.error(node, path, f"{expected}，这里是{show(node)}")
        return INVALID
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", node.value.strip())
    if not match:
        ctx.error(node, path, f"{expected}，这里是“{node.value}”")
        return INVALID
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        ctx.error(node, path, f"日期 {node.value} 不存在（请核对月份和日子）")
        return INVALID


described(date, {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$", "format": "date",
                 "description": "日期，格式为 YYYY-MM-DD，例如 2023-07-07"})


def boolean(what: str) -> Checker:
    def check(ctx: Context, node: Node, path: str):
        if is_bool(node):
            return truth(node)
        ctx.error(node, path, f"需要 true 或 false（{what}），这里是{show(node)}")
        return INVALID
    return described(check, {"type": "boolean", "description": what})


def colour(ctx: Context, node: Node, path: str):
    """A colour written "#RRGGBB" (returned upper case)."""
    if isinstance(node, ScalarNode) and re.fullmatch(r"#[0-9A-Fa-f]{6}", node.value.strip()):
        return node.value.strip().upper()
    ctx.error(node, path, f"需要一个颜色，写成带引号的 \"#RRGGBB\"（例如 \"#FF0000\"），"
                          f"这里是{show(node)}")
    return INVALID


described(colour, {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$",
                   "description": "颜色，写成带引号的 \"#RRGGBB\"，例如 \"#FF0000\""})


def sequence(item: Checker, what: str, max_items: int | None = None) -> Checker:
    """A non-empty list of at most ``max_items`` items, each checked by ``item``."""
    def check(ctx: Context, node: Node, path: str):
        if not isinstance(node, SequenceNode):
            ctx.error(node, path, f"需要一个列表（{what}，每项以“- ”开头），这里是{show(node)}")
            return INVALID
        if not node.value:
            ctx.error(node, path, f"列表不能为空，至少要有一项{what}")
            return INVALID
        if max_items is not None and len(node.value) > max_items:
            ctx.error(node.value[max_items], join_path(path, max_items),
                      f"{what}太多（{len(node.value)} 项），最多 {max_items} 项")
            return INVALID
        values = []
        for i, child in enumerate(node.value):
            ctx.mark(child, join_path(path, i))
            values.append(item(ctx, child, join_path(path, i)))
        if any(v is INVALID for v in values):
            return INVALID
        return tuple(values)
    schema = {"type": "array", "minItems": 1, "description": what, "items": schema_of(item)}
    if max_items is not None:
        schema["maxItems"] = max_items
    return described(check, schema)


@dataclass(frozen=True)
class Field:
    check: Checker
    required: bool = False


def mapping(fields: dict[str, Field], what: str, *, check_required: bool = True,
            suggestions: Mapping[str, str] | None = None) -> Checker:
    """A mapping with the known keys ``fields``; each key at most once.

    ``suggestions`` maps words a user may type instead of a key (e.g. Chinese
    names) to the key, for the message about an unknown key.
    """
    def check(ctx: Context, node: Node, path: str):
        if not isinstance(node, MappingNode):
            ctx.error(node, path, f"需要一组“键: 值”（{what}），这里是{show(node)}")
            return INVALID
        values: dict[str, Any] = {}
        seen: set[str] = set()
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            key_path = join_path(path, str(key)) if key is not None else path or None
            if key not in fields:
                ctx.error(key_node, key_path, unknown_key(key, fields, what, suggestions or {}))
                ok = False
                continue
            if key in seen:
                ctx.error(key_node, key_path, f"字段 {key} 写了两次，只能写一次")
                ok = False
                continue
            seen.add(key)
            ctx.mark(value_node, key_path)
            if isinstance(value_node, ScalarNode) and value_node.tag.endswith(":null"):
                if fields[key].required:
                    ctx.error(value_node, key_path, f"{key} 不能为空")
                    ok = False
                continue
            value = fields[key].check(ctx, value_node, key_path)
            if value is INVALID:
                ok = False
            else:
                values[key] = value
        if check_required:
            for key, spec in fields.items():
                if spec.required and key not in seen:
                    ctx.error(node, join_path(path, key), f"缺少必填字段 {key}（{what}里）")
                    ok = False
        return values if ok else INVALID
    return described(check, object_schema(fields, what, check_required=check_required))


def schema_of(check: Checker) -> dict:
    """What ``check`` accepts, as JSON Schema (anything, described by its
    docstring, for a checker that does not say)."""
    schema = getattr(check, "json_schema", None)
    if schema is not None:
        return schema
    doc = (check.__doc__ or "").strip().splitlines()
    return {"description": doc[0]} if doc else {}


def object_schema(fields: dict[str, Field], what: str, *, check_required: bool = True) -> dict:
    """JSON Schema of a :func:`mapping`: its fields, the required ones, no others.
    A field that is not required may also be left empty (null)."""
    properties = {}
    for key, spec in fields.items():
        schema = schema_of(spec.check)
        if not spec.required:
            schema = {"anyOf": [schema, {"type": "null"}],
                      **({"description": schema["description"]} if "description" in schema
                         else {})}
        properties[key] = schema
    result = {"type": "object", "description": what, "properties": properties,
              "additionalProperties": False}
    required = [key for key, spec in fields.items() if spec.required]
    if check_required and required:
        result["required"] = required
    return result


def unknown_key(key: Any, fields: dict[str, Field], what: str,
                suggestions: Mapping[str, str]) -> str:
    if not isinstance(key, str):
        return f"{what}的字段名必须是文字"
    if slip := key_slip(key, fields):
        return slip
    known = "、".join(fields)
    guess = suggestions.get(key)
    if guess not in fields:
        close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.5)
        guess = close[0] if close else None
    hint = f"，是不是想写 {guess}？" if guess else "。"
    return f"不认识的字段 {key}{hint}{what}可以有的字段：{known}"
