"""The reusable kinds of field a file may hold, in the spirit of MkDocs'
config_options: text, integers and numbers in a range, dates, booleans, colours,
choices, lists, mappings with known keys, tables of named entries, records.

One vocabulary for every file a person writes or the program reads back: the
issue files and publication.yaml (YAML), layout.toml and the fonts manifests
(TOML), catalog.json and the batch's state file (JSON). Each reader turns its
file into the same node tree (:mod:`yaml.nodes`: values with line and column;
:mod:`.typed_nodes` for TOML and JSON), so every kind checks every format and
every error names file, line, column and field path (``errors.IssueError``).
docs/schema.md says how to declare a file.

A kind is a checker: a callable taking (context, node, path) that returns the
checked value, or :data:`INVALID` after recording its errors in the context.
Nothing here knows which fields a file has (that is :mod:`weekly_pdf.source.fields`,
:mod:`weekly_pdf.fonts.manifest`, :mod:`weekly_pdf.archive.catalog` …) or how it
was read (:mod:`.yaml_reading`, :mod:`.toml_reading`, :mod:`.json_reading`).

Every kind also says what it accepts as JSON Schema (its ``json_schema``
attribute, see :func:`described`), so that :mod:`weekly_pdf.source.schema.editor`
derives the editors' schemas from the same definitions. A kind may also carry a
``plain`` checker (see :func:`plain_of`): the same test on the values
``json.loads`` returns, without nodes and without messages, so that a file the
program wrote itself (the state file of 500 issues) is read back in the time
``json.loads`` takes; any refusal there reads the file again as nodes, and the
node checker, the judge, names the problem.
"""

from __future__ import annotations

import datetime
import json
import math
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


@dataclass(frozen=True)
class Dialect:
    """How a file format names its lists and mappings in the messages."""

    #: What a mapping is called: 一组“键: 值” (YAML), 表 (TOML), 对象 (JSON).
    mapping: str
    #: How one is written, after the field's description in a message
    #: ({table}: the field path, as a TOML table is named).
    mapping_hint: str
    #: What a list is called, and how one is written.
    sequence: str
    sequence_hint: str
    #: Added to "text needed here" when a number or true/false was written.
    quote_hint: str
    #: A list as written in the file, after the hint (a :func:`sequence` may
    #: give its own: [12, 10.5]); empty: the format shows none.
    sequence_example: str = ""


YAML = Dialect("一组“键: 值”", "", "列表", "，每项以“- ”开头", "；如果就是要写这些字，请加上引号")
TOML = Dialect("表", "，写成 [{table}] 下面的几行“键 = 值”", "数组",
               "，写在方括号里，各项用逗号隔开", "；文字要写在英文双引号里", '["a", "b"]')
JSON = Dialect("对象", "", "数组", "", "；文字要写在英文双引号里")


@dataclass
class Context:
    """What the checker needs while it walks one file."""

    file: Path
    errors: list[IssueError]
    #: Field path → (file, line, column) where it was set; None: not wanted.
    positions: dict[str, tuple[str, int, int]] | None
    #: The file's text, to point at a refused character written as itself.
    source: str = ""
    dialect: Dialect = YAML

    def file_of(self, node: Node | None) -> Path:
        """The file ``node`` was read from: the file being checked, unless the
        tree was put together from several (a layout over the one it extends)."""
        own = getattr(node.start_mark, "file", None) if node is not None else None
        return own or self.file

    def error(self, node: Node | None, path: str, message: str) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(IssueError(self.file_of(node), message, line=line, column=column,
                                      path=path))

    def refuse_unprintable(self, node: Node, path: str, value: str) -> bool:
        """Record an error for each kind of character of ``value`` that may not
        be printed (see :mod:`weekly_pdf.source.printable`); True when there was none."""
        ok = True
        source = node.start_mark.text if getattr(node.start_mark, "file", None) else self.source
        for char in dict.fromkeys(value):
            reason = refusal(char)
            if reason is None:
                continue
            ok = False
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            at = source.find(char, node.start_mark.index, node.end_mark.index)
            if at >= 0:  # written as itself (not as an escape like \u202E): its own place
                line = source.count("\n", 0, at) + 1
                column = at - source.rfind("\n", 0, at)
            self.errors.append(IssueError(self.file_of(node), reason, line=line, column=column,
                                          path=path))
        return ok

    def mark(self, node: Node, path: str, line_offset: int = 0) -> None:
        """Remember where ``path`` was set (``line_offset`` lines into ``node``)."""
        if self.positions is None:
            return
        column = 1 if line_offset else node.start_mark.column + 1
        self.positions[path] = (str(self.file_of(node)), node.start_mark.line + 1 + line_offset,
                                column)


#: What a checker returns for a value it refused.
INVALID = object()

Checker = Callable[[Context, Node, str], Any]


class Refused(Exception):
    """Raised by a ``plain`` checker: the value is not what the kind accepts
    (the node checker says why)."""


def described(check: Checker, schema: dict, plain: Callable[[Any], Any] | None = None) -> Checker:
    """``check`` with what it accepts as JSON Schema (``check.json_schema``)
    and, when given, its ``plain`` twin (see :func:`plain_of`)."""
    check.json_schema = schema
    check.plain = plain
    return check


def exact(kind: type, plain: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Mark ``plain`` as accepting every value of exactly ``kind``, unchanged, so
    that a list or mapping of such values skips the call (a state file of
    thousands of fields is read at about the speed of ``json.loads``)."""
    plain.exact = kind
    return plain


def plain_of(check: Checker) -> Callable[[Any], Any] | None:
    """The kind's checker of plain values (what ``json.loads`` returns), or None.

    It accepts what the node checker accepts, returns the same value, and
    raises :class:`Refused` for anything else; it never explains (the node
    checker does). Kinds of text a person types (:func:`text`: line joining,
    unprintable characters) have none: a mapping with such a field has none.
    """
    return getattr(check, "plain", None)


def refuse(*_) -> Any:
    """A plain checker that accepts nothing (the node checker decides)."""
    raise Refused


def join_path(base: str, key: str | int) -> str:
    """The field path of ``key`` below ``base``: sections[0].title."""
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def kind_name(node: Node) -> str:
    """What a node is, in the words of the messages: 列表, 整数, 文字..."""
    words = getattr(node, "words", None)  # a TOML table or array, a JSON object or array
    if words:
        return words
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
    """One line of text a person typed (the lines of a multi-line scalar are
    joined), with something visible in it, at most ``max_chars`` characters long."""
    def check(ctx: Context, node: Node, path: str):
        if not is_text(node):
            ctx.error(node, path, f"需要一段文字（{what}），这里是{show(node)}"
                      + (ctx.dialect.quote_hint if isinstance(node, ScalarNode)
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


def string(what: str, *, max_chars: int | None = None, pattern: str | None = None,
           example: str | None = None) -> Checker:
    """Text the program wrote (a file name, a checksum, a title kept in the
    catalog): taken as it is, no joining, no character check; at most
    ``max_chars`` characters; matching ``pattern`` (a regular expression, whole)
    when given, ``example`` showing what it looks like."""
    matcher = re.compile(pattern).fullmatch if pattern is not None else None
    shape = f"，例如 {example}" if example else ""

    def check(ctx: Context, node: Node, path: str):
        if not is_text(node):
            ctx.error(node, path, f"需要一段文字（{what}{shape}），这里是{show(node)}"
                      + (ctx.dialect.quote_hint if isinstance(node, ScalarNode)
                         and node.value else ""))
            return INVALID
        value = node.value
        if max_chars is not None and len(value) > max_chars:
            ctx.error(node, path, f"{what}太长（{len(value)} 个字），最多 {max_chars} 个字")
            return INVALID
        if matcher is not None and not matcher(value):
            ctx.error(node, path, f"{what}的写法不对{shape}，这里是“{clip(value)}”")
            return INVALID
        return value

    def checked_plain(value):
        if type(value) is not str or (max_chars is not None and len(value) > max_chars) \
                or (matcher is not None and not matcher(value)):
            raise Refused
        return value

    def any_plain(value):  # the common case, in a state file of thousands
        if type(value) is not str:
            raise Refused
        return value
    plain = exact(str, any_plain) if max_chars is None and matcher is None else checked_plain
    schema = {"type": "string", "description": what}
    if max_chars is not None:
        schema["maxLength"] = max_chars
    if pattern is not None:
        schema["pattern"] = f"^(?:{pattern})$"
    return described(check, schema, plain)


def clip(value: str, limit: int = 40) -> str:
    """``value`` as quoted in a message: its first ``limit`` characters."""
    return value if len(value) <= limit else value[:limit] + "…"


def integer(what: str, low: int, high: int | None = None, example: int = 20) -> Checker:
    """A whole number written in ASCII digits, between ``low`` and ``high``."""
    # Longer numbers than any in range are refused by their length (int() refuses
    # more than 4300 digits); 18 digits covers every range written by a person.
    max_digits = max(18, len(str(abs(high)))) if high is not None else 18
    limit = f"在 {low} 到 {high} 之间" if high is not None else f"不小于 {low}"

    def check(ctx: Context, node: Node, path: str):
        value = None
        if isinstance(node, ScalarNode) and node.style is None \
                and re.fullmatch(r"[-+]?[0-9]+", node.value):
            digits = node.value.lstrip("+-").lstrip("0")
            if len(digits) > max_digits:
                ctx.error(node, path, f"{what}应当{limit}，这里是一个 {len(digits)} 位的数")
                return INVALID
            value = int(node.value, 10)  # 020 is twenty, not YAML 1.1 octal
        if value is None:
            ctx.error(node, path, f"需要一个整数（{what}，用半角阿拉伯数字，例如 {example}），"
                                  f"这里是{show(node)}")
            return INVALID
        if value < low or (high is not None and value > high):
            ctx.error(node, path, f"{what}应当{limit}，这里是 {value}")
            return INVALID
        return value

    def plain(value):
        if type(value) is not int or value < low or (high is not None and value > high):
            raise Refused
        return value
    schema = {"type": "integer", "minimum": low, "description": what}
    if high is not None:
        schema["maximum"] = high
    return described(check, schema, plain)


def _typed_number(node: Node) -> float | None:
    """The number a TOML or JSON scalar holds (an integer or a finite float), or None."""
    data = getattr(node, "data", None)
    if isinstance(data, (int, float)) and not isinstance(data, bool) and math.isfinite(data):
        return float(data)
    return None


def number(what: str, low: float, high: float, example: float | None = None,
           unit: str | None = None) -> Checker:
    """A number (integer or decimal) between ``low`` and ``high``; ``unit``
    (毫米, 磅, 字…) names what it counts in the messages."""
    shown = (lambda v: f"{v:g}") if unit else str
    sample = shown(low if example is None else example)
    between = f" {unit}之间" if unit else " 之间"

    def check(ctx: Context, node: Node, path: str):
        value = None
        if not isinstance(node, ScalarNode):
            pass
        elif hasattr(node, "data"):  # TOML, JSON: the reader's number, signed
            value = _typed_number(node)
        elif node.style is None and re.fullmatch(r"[0-9]+(\.[0-9]+)?", node.value):
            value = float(node.value)
        if value is None:
            unit_words = f"，单位{unit}" if unit else ""
            ctx.error(node, path, f"需要一个数（{what}{unit_words}，例如 {sample}），"
                                  f"这里是{show(node)}")
            return INVALID
        if not low <= value <= high:
            ctx.error(node, path, f"{what}应当在 {shown(low)} 到 {shown(high)}{between}，"
                                  f"这里是 {shown(value) if unit else node.value}")
            return INVALID
        return value

    def plain(value):
        if type(value) not in (int, float) or not low <= value <= high:
            raise Refused
        return float(value)
    return described(check, {"type": "number", "minimum": low, "maximum": high,
                             "description": what + (f"（{unit}）" if unit else "")}, plain)


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


def iso_date_text(what: str) -> Checker:
    """A date the program wrote, YYYY-MM-DD, kept as that text."""
    def real(value: str) -> bool:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return constrained(string(what, pattern=r"\d{4}-\d{2}-\d{2}", example="2023-07-07"), real,
                       lambda value: f"日期 {clip(value)} 不存在", {"format": "date"})


def boolean(what: str) -> Checker:
    def check(ctx: Context, node: Node, path: str):
        if is_bool(node):
            return truth(node)
        ctx.error(node, path, f"需要 true 或 false（{what}），这里是{show(node)}")
        return INVALID

    def plain(value):
        if type(value) is not bool:
            raise Refused
        return value
    return described(check, {"type": "boolean", "description": what}, exact(bool, plain))


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def colour(ctx: Context, node: Node, path: str):
    """A colour written "#RRGGBB" (returned upper case)."""
    if isinstance(node, ScalarNode) and not node.tag.endswith((":int", ":float", ":bool")) \
            and _COLOUR.fullmatch(node.value.strip()):
        return node.value.strip().upper()
    ctx.error(node, path, f"需要一个颜色，写成带引号的 \"#RRGGBB\"（例如 \"#FF0000\"），"
                          f"这里是{show(node)}")
    return INVALID


def _plain_colour(value):
    if type(value) is not str or not _COLOUR.fullmatch(value.strip()):
        raise Refused
    return value.strip().upper()


described(colour, {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$",
                   "description": "颜色，写成带引号的 \"#RRGGBB\"，例如 \"#FF0000\""}, _plain_colour)


def choice(values: tuple[str, ...] | list[str], what: str,
           suggestions: Mapping[str, str] | None = None, *, ignore_case: bool = False) -> Checker:
    """One of ``values`` (words a person may type instead, e.g. Chinese names,
    map to a value in ``suggestions`` for the message). ``ignore_case``: a4
    is taken as A4 (the value as ``values`` writes it is returned)."""
    values = tuple(values)
    allowed = "、".join(values)
    folded = {v.casefold(): v for v in values} if ignore_case else {v: v for v in values}

    def check(ctx: Context, node: Node, path: str):
        if is_text(node):
            found = folded.get(node.value.casefold() if ignore_case else node.value)
            if found is not None:
                return found
        guess = None
        if is_text(node):
            guess = (suggestions or {}).get(node.value.strip())
            if guess not in values:  # a4 for A4
                guess = next((v for v in values if v.casefold() == node.value.strip().casefold()),
                             None)
            if guess not in values:
                close = difflib.get_close_matches(node.value, values, n=1, cutoff=0.5)
                guess = close[0] if close else None
        hint = f"，是不是想写 {guess}？" if guess else ""
        ctx.error(node, path, f"{what}应当是 {allowed} 之一，这里是{show(node)}{hint}")
        return INVALID

    def plain(value):
        found = folded.get(value.casefold() if ignore_case else value) \
            if type(value) is str else None
        if found is None:
            raise Refused
        return found
    schema = {"enum": list(values), "description": what}
    if ignore_case:  # the values, for an editor to offer; and any case, letter by letter
        schema = {"description": what, "anyOf": [{"enum": list(values)}, {
            "type": "string", "pattern": "^(?:" + "|".join(
                "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in v)
                for v in values) + ")$"}]}
    return described(check, schema, plain)


def format_text(what: str, names: tuple[str, ...] | list[str],
                max_chars: int | None = None) -> Checker:
    """Text a person types with ``{name}`` placeholders the program fills in
    (a label: "第{number}期"), using only ``names``; ``{{`` and ``}}`` print braces."""
    base = text(what, max_chars)
    allowed = "、".join("{" + name + "}" for name in names)

    def fills(value: str) -> bool:
        try:
            value.format(**{name: 1 for name in names})
        except (KeyError, IndexError, ValueError, AttributeError):
            return False
        return True
    message = (lambda value: f"{what}里只能用 {allowed}（要印出花括号请写两次：{{{{ 和 }}}}）") \
        if names else (lambda value: f"{what}里不能有 {{…}}（要印出花括号请写两次：{{{{ 和 }}}}）")
    return constrained(base, fills, message,
                       {"description": f"{what}（可用 {allowed}）" if names else what})


def constrained(base: Checker, test: Callable[[Any], bool], message: Callable[[Any], str],
                schema: dict | None = None) -> Checker:
    """``base``'s value, refused with ``message(value)`` unless ``test(value)``
    (a relative path that stays inside, a date that exists…). ``schema``: what
    to add to ``base``'s JSON Schema, when a schema can say it."""
    def check(ctx: Context, node: Node, path: str):
        value = base(ctx, node, path)
        if value is INVALID:
            return INVALID
        if not test(value):
            ctx.error(node, path, message(value))
            return INVALID
        return value

    base_plain = plain_of(base)

    def plain(value):
        value = base_plain(value)
        if not test(value):
            raise Refused
        return value
    return described(check, {**schema_of(base), **(schema or {})},
                     plain if base_plain is not None else None)


def json_object(what: str) -> Checker:
    """A JSON object kept as ``json.loads`` returns it: a cache another module
    owns and checks itself by comparison (the batch's fonts digest)."""
    def check(ctx: Context, node: Node, path: str):
        data = getattr(node, "data", None)
        if isinstance(node, MappingNode) and isinstance(data, dict):
            return data
        ctx.error(node, path, f"需要一个{ctx.dialect.mapping}（{what}），这里是{show(node)}")
        return INVALID

    def plain(value):
        if type(value) is not dict:
            raise Refused
        return value
    return described(check, {"type": "object", "description": what}, exact(dict, plain))


def sequence(item: Checker, what: str, max_items: int | None = None,
             min_items: int = 1, *, example: str | None = None) -> Checker:
    """A list of ``min_items`` (by default: not empty) to ``max_items`` items,
    each checked by ``item``; returned as a tuple. ``example``: such a list as
    written in a TOML file, for the message ([12, 10.5])."""
    def check(ctx: Context, node: Node, path: str):
        dialect = ctx.dialect
        if not isinstance(node, SequenceNode):
            shown = f"，例如 {example or dialect.sequence_example}" \
                if dialect.sequence_example else ""
            ctx.error(node, path, f"需要一个{dialect.sequence}（{what}{dialect.sequence_hint}"
                                  f"{shown}），这里是{show(node)}")
            return INVALID
        if not node.value and min_items:
            ctx.error(node, path, f"{dialect.sequence}不能为空，至少要有一项{what}")
            return INVALID
        if len(node.value) < min_items:
            ctx.error(node, path, f"{what}太少（{len(node.value)} 项），至少 {min_items} 项")
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

    item_plain = plain_of(item)
    item_type = getattr(item_plain, "exact", None)

    def plain(value):
        if type(value) is not list or len(value) < min_items \
                or (max_items is not None and len(value) > max_items):
            raise Refused
        if item_type is not None:
            for v in value:
                if type(v) is not item_type:
                    raise Refused
            return tuple(value)
        return tuple([item_plain(v) for v in value])
    schema = {"type": "array", **({"minItems": min_items} if min_items else {}),
              "description": what, "items": schema_of(item)}
    if max_items is not None:
        schema["maxItems"] = max_items
    return described(check, schema, plain if item_plain is not None else None)


@dataclass(frozen=True)
class Field:
    check: Checker
    required: bool = False


def mapping(fields: dict[str, Field], what: str, *, check_required: bool = True,
            suggestions: Mapping[str, str] | None = None) -> Checker:
    """A mapping with the known keys ``fields``; each key at most once.

    ``suggestions`` maps words a user may type instead of a key (e.g. Chinese
    names) to the key, for the message about an unknown key. A key whose value
    is empty (YAML ``key:``, JSON ``null``) counts as not written.
    """
    def check(ctx: Context, node: Node, path: str):
        if not isinstance(node, MappingNode):
            ctx.error(node, path, not_a_mapping(ctx, node, path, what))
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

    plains = {key: plain_of(spec.check) for key, spec in fields.items()}
    required = frozenset(key for key, spec in fields.items() if spec.required) \
        if check_required else frozenset()

    specs = {key: (getattr(check_plain, "exact", None), check_plain)
             for key, check_plain in plains.items()}

    def plain(value):
        if type(value) is not dict:
            raise Refused
        values = {}
        for key, item in value.items():
            spec = specs.get(key)
            if spec is None:
                raise Refused
            if type(item) is spec[0]:
                values[key] = item
            elif item is None:
                if key in required:
                    raise Refused
            else:
                values[key] = spec[1](item)
        if not required <= values.keys():
            raise Refused
        return values
    return described(check, object_schema(fields, what, check_required=check_required),
                     plain if all(plains.values()) else None)


def not_a_mapping(ctx: Context, node: Node, path: str, what: str) -> str:
    """The message for ``node`` where a mapping (``what``) was expected."""
    noun = ctx.dialect.mapping
    hint = ctx.dialect.mapping_hint.format(table=path or "表名")
    return f"需要{noun if noun.startswith('一') else '一个' + noun}（{what}{hint}），这里是{show(node)}"


#: A key that may stand in a field path as it is (else it is quoted: issues["2023/2023-01.yaml"]).
_PLAIN_KEY = re.compile(r"[A-Za-z_][\w-]*")


def entry_path(base: str, key: str) -> str:
    """The field path of the entry ``key`` of a table of named entries."""
    if _PLAIN_KEY.fullmatch(key):
        return join_path(base, key)
    return f"{base}[{json.dumps(key, ensure_ascii=False)}]"


def entries(value: Checker, what: str, *, key: Checker | None = None,
            min_entries: int = 0) -> Checker:
    """A mapping whose keys are names the file chooses (fonts by name, issues
    by file), each value checked by ``value``, each name by ``key`` when given;
    returned as a dict in the file's order."""
    def check(ctx: Context, node: Node, path: str):
        if not isinstance(node, MappingNode):
            ctx.error(node, path, not_a_mapping(ctx, node, path, what))
            return INVALID
        if len(node.value) < min_entries:
            ctx.error(node, path, f"至少要有 {min_entries} 项{what}")
            return INVALID
        values: dict[str, Any] = {}
        ok = True
        for key_node, value_node in node.value:
            name = key_node.value if is_text(key_node) else None
            if name is None:
                ctx.error(key_node, path, f"{what}的名字必须是文字")
                ok = False
                continue
            item_path = entry_path(path, name)
            if name in values:
                ctx.error(key_node, item_path, f"{name} 写了两次，只能写一次")
                ok = False
                continue
            if key is not None and key(ctx, key_node, item_path) is INVALID:
                ok = False
                continue
            ctx.mark(value_node, item_path)
            checked = value(ctx, value_node, item_path)
            if checked is INVALID:
                ok = False
            else:
                values[name] = checked
        return values if ok else INVALID

    value_plain, key_plain = plain_of(value), plain_of(key) if key is not None else str

    def plain(data):
        if type(data) is not dict or len(data) < min_entries:
            raise Refused
        return {key_plain(name): value_plain(item) for name, item in data.items()}
    schema = {"type": "object", "description": what, "additionalProperties": schema_of(value)}
    if key is not None:
        schema["propertyNames"] = schema_of(key)
    if min_entries:
        schema["minProperties"] = min_entries
    return described(check, schema,
                     plain if value_plain is not None and key_plain is not None else None)


#: A problem of a record found across its fields: (field path below the
#: record, message); the error names that field (or the nearest one written).
Problem = tuple[str, str]


def node_at(node: Node, path: str) -> Node:
    """The node of ``path`` (roles.title.font, fallback[1]) below ``node``, or
    the deepest one on the way that is written."""
    for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", path):
        if index and isinstance(node, SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
        elif name and isinstance(node, MappingNode):
            found = next((v for k, v in node.value if getattr(k, "value", None) == name), None)
            if found is None:
                break
            node = found
        else:
            break
    return node


def record(fields: dict[str, Field], what: str, build: Callable[[dict], Any], *,
           rules: Callable[[dict], list[Problem]] | None = None,
           suggestions: Mapping[str, str] | None = None) -> Checker:
    """A :func:`mapping` made into one typed value: ``build(values)`` (a frozen
    dataclass, usually), once the fields are checked and ``rules(values)`` (the
    checks across fields: "total unless a supplement") found nothing."""
    inner = mapping(fields, what, suggestions=suggestions)

    def check(ctx: Context, node: Node, path: str):
        values = inner(ctx, node, path)
        if values is INVALID:
            return INVALID
        problems = rules(values) if rules else []
        for key, message in problems:
            ctx.error(node_at(node, key), join_path(path, key), message)
        return INVALID if problems else build(values)

    inner_plain = plain_of(inner)

    def plain(value):
        values = inner_plain(value)
        if rules and rules(values):
            raise Refused
        return build(values)
    return described(check, schema_of(inner), plain if inner_plain is not None else None)


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


def required_unless(schema: dict, table: str, key: str) -> dict:
    """The JSON Schema of a file that may extend another (layout.toml's
    ``[layout] extends``), from ``schema``, its complete form: every field it
    requires, at any depth, is required only when ``table.key`` is not
    written, since a file that extends another writes only what differs. An
    editor that knows no if/else (JSON Schema draft 4) requires nothing."""
    def loose(part):
        if not isinstance(part, dict):
            return part
        return {name: ({field: loose(value) for field, value in inner.items()}
                       if name == "properties" else
                       [loose(option) for option in inner] if name == "anyOf" else inner)
                for name, inner in part.items() if name != "required"}

    def needs(part) -> dict:
        found = {}
        for option in part.get("anyOf", ()):  # an optional table: what it needs, if written
            found.update(needs(option))
        if part.get("required"):
            found["required"] = part["required"]
        inner = {field: needed for field, value in part.get("properties", {}).items()
                 if (needed := needs(value))}
        if inner:
            found["properties"] = inner
        return found
    return {**loose(schema),
            "if": {"required": [table], "properties": {table: {"required": [key]}}},
            "else": needs(schema)}


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
