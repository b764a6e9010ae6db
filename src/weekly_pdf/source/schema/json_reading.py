"""Reading a JSON file the program wrote (catalog.json, the batch's state file)
back through the vocabulary.

The file is read with a size cap and, by default, never through a link (the
program writes these files by renaming a temporary file: a link there is
someone else's, and one to /dev/zero would be read forever). ``json.loads``
reads it; its English errors are said in Chinese with line and column.

Then the declaration checks it. The quick way first: the kind's ``plain``
checker on what ``json.loads`` returned (:func:`~.kinds.plain_of`), as fast as
the hand-written checks it replaces. Only when that refuses is the text
composed into a node tree with positions (:func:`compose_json`), where the
kinds' node checkers name every problem with file, line, column and field path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode

from ...errors import IssueError
from .kinds import INVALID, JSON, Checker, Context, Refused, plain_of
from .reading import check_tree, fail, read_text
from .typed_nodes import JsonArray, JsonObject, Lines, TypedScalar

#: json's words (the start of its message) → what went wrong, in Chinese.
_PROBLEMS = (
    ("Expecting value", "这里缺少一个值（或者多了一个逗号）"),
    ("Expecting ',' delimiter", "缺少逗号“,”"),
    ("Expecting ':' delimiter", "缺少冒号“:”"),
    ("Expecting property name enclosed in double quotes", "键名要写在英文双引号里（或者多了一个逗号）"),
    ("Unterminated string", "文字的引号没有闭合"),
    ("Invalid control character", "文字里有控制字符（换行要写成 \\n）"),
    ("Invalid \\uXXXX escape", "转义 \\u 后面要有 4 位十六进制数"),
    ("Invalid \\escape", "文字里有无效的转义（反斜杠“\\”要写成“\\\\”）"),
    ("Extra data", "数据结束后还有多余的内容"),
)


def read_json(file: Path, checker: Checker, *, what: str, limit: int,
              follow_links: bool = False, hint: str | None = None) -> Any:
    """``file`` read and checked by ``checker``: the checked value, or
    :class:`IssueErrors` naming every problem (file, line, column, field path;
    ``hint`` said once after them)."""
    data, text = load_json(file, what=what, limit=limit, follow_links=follow_links, hint=hint)
    return check_json(file, text, data, checker, hint=hint)


def load_json(file: Path, *, what: str, limit: int, follow_links: bool = False,
              hint: str | None = None) -> tuple[Any, str]:
    """What ``json.loads`` makes of ``file``, and its text; or :class:`IssueErrors`
    (unreadable, a link, too large, not UTF-8, not JSON) in Chinese."""
    file = Path(file)
    text = read_text(file, limit, what, follow_links=follow_links, hint=hint)
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        words = next((zh for en, zh in _PROBLEMS if exc.msg.startswith(en)), None)
        if not text.strip():
            fail(file, f"文件是空的，不是{what}", hint=hint)
        fail(file, f"不是有效的 JSON：{words}" if words else f"不是有效的 JSON（{exc.msg}）",
             exc.lineno, exc.colno, hint=hint)
    except RecursionError:
        fail(file, "JSON 嵌套层数太多", hint=hint)
    except ValueError:  # an integer of more than 4300 digits
        fail(file, "有一个位数太多的数，不是程序写的内容", hint=hint)


def check_json(file: Path, text: str, data: Any, checker: Checker, *,
               hint: str | None = None) -> Any:
    """``data`` (what ``json.loads`` made of ``text``) checked by ``checker``:
    by its plain checker when it has one and accepts; else the text is
    composed into nodes and the node checker names every problem."""
    quick = plain_of(checker)
    if quick is not None:
        try:
            return quick(data)
        except Refused:
            pass  # the node checker names the problem
    try:
        root = compose_json(text)
    except RecursionError:
        fail(Path(file), "JSON 嵌套层数太多", hint=hint)
    return check_tree(Path(file), root, text, checker, JSON, hint=hint)


def explain(file: Path, text: str, checker: Checker,
            places: list[tuple[tuple[str, ...], str]]) -> list[IssueError]:
    """What ``checker`` finds wrong in each value of the JSON ``text`` at
    ``places`` (the keys leading to it, its field path): for a file whose
    parts are read one by one, the good ones kept (the batch's state)."""
    try:
        root = compose_json(text)
    except RecursionError:
        return [IssueError(file, "JSON 嵌套层数太多")]
    ctx = Context(Path(file), [], None, text, JSON)
    for keys, path in places:
        node = root
        for key in keys:
            if isinstance(node, MappingNode):
                node = next((v for k, v in node.value if getattr(k, "value", None) == key), node)
        before = len(ctx.errors)
        if checker(ctx, node, path) is not INVALID and len(ctx.errors) == before:
            ctx.errors.append(IssueError(file, "内容有误", path=path))
    return ctx.errors


_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|-?Infinity|NaN")
_WORDS = {"true": True, "false": False, "null": None}


def compose_json(text: str):
    """The node tree of a valid JSON ``text`` (``json.loads`` read it first):
    objects keep every pair in order, a key written twice included."""
    lines = Lines(text)
    mark = lines.mark
    scan_string = json.decoder.scanstring

    def skip(i: int) -> int:
        return _WS.match(text, i).end()

    def value(i: int):
        char = text[i]
        if char == '"':
            data, end = scan_string(text, i + 1)
            return TypedScalar(data, mark(i), mark(end)), end
        if char == "{":
            pairs, data = [], {}
            j = skip(i + 1)
            while text[j] != "}":
                key, end = scan_string(text, j + 1)
                key_node = TypedScalar(key, mark(j), mark(end))
                node, j = value(skip(skip(end) + 1))  # past ":"
                pairs.append((key_node, node))
                data[key] = node.data
                j = skip(j)
                if text[j] == ",":
                    j = skip(j + 1)
            return JsonObject(data, pairs, mark(i), mark(j + 1)), j + 1
        if char == "[":
            items = []
            j = skip(i + 1)
            while text[j] != "]":
                node, j = value(j)
                items.append(node)
                j = skip(j)
                if text[j] == ",":
                    j = skip(j + 1)
            return JsonArray([n.data for n in items], items, mark(i), mark(j + 1)), j + 1
        for word, data in _WORDS.items():
            if text.startswith(word, i):
                return TypedScalar(data, mark(i), mark(i + len(word))), i + len(word)
        match = _NUMBER.match(text, i)
        token = match[0]
        data = int(token) if not (match[1] or match[2]) and token[-1].isdigit() \
            else float(token.replace("Infinity", "inf").replace("NaN", "nan"))
        return TypedScalar(data, mark(i), mark(match.end())), match.end()

    root, _ = value(skip(0))
    return root

