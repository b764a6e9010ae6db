"""Reading a TOML file into the vocabulary's node tree: layout.toml, the fonts
manifests (fonts/manifest.toml, fonts/local/fonts.toml), and any TOML file to
come.

The file is read with a size cap (:func:`.reading.read_text`) and parsed by
:mod:`tomllib`, the judge of TOML. Its English errors are said in Chinese with
line, column and a hint (:func:`toml_problem`), and the slips of a Chinese
input method get their own words (中文引号, 全角等号, 冒号 instead of “=”).
tomllib gives values without positions, so a small scanner
(:class:`_Positions`) walks the same text once for where each table, key,
value and array item is written; the values become :mod:`.typed_nodes`, and
the kinds of :mod:`.kinds` check them as they check YAML. A file that states
only what differs from another (a layout that extends one) is checked as
one tree, :func:`overlay`, whose every node still names its own file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ...errors import IssueError, IssueErrors
from .kinds import TOML, Checker
from .reading import check_tree, read_text
from .slips import odd_indent, odd_indent_message
from .typed_nodes import Lines, TomlArray, TomlTable, TypedScalar

#: Largest TOML file read, in bytes (the bundled fonts manifest is 5 KB).
MAX_TOML_BYTES = 256 * 1024


def compose_toml(file: Path, *, what: str = "TOML 文件", limit: int = MAX_TOML_BYTES,
                 follow_links: bool = True) -> tuple[TomlTable, str]:
    """``file`` as a node tree (its root table) and its text; or
    :class:`IssueErrors` in Chinese (unreadable, too large, not UTF-8, not TOML)."""
    file = Path(file)
    text = read_text(file, limit, what, follow_links=follow_links).replace("\r\n", "\n")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, column = toml_problem(str(exc), text)
        raise IssueErrors([IssueError(file, message, line=line, column=column)]) from None
    return tree(data, text, file), text


def read_toml(file: Path, checker: Checker, *, what: str = "TOML 文件",
              limit: int = MAX_TOML_BYTES, positions: dict | None = None) -> Any:
    """``file`` read and checked by ``checker`` (a kind, usually a
    :func:`~.kinds.mapping` or :func:`~.kinds.record` of its fields): the
    checked value, or :class:`IssueErrors` naming every problem with file,
    line, column and field path."""
    root, text = compose_toml(file, what=what, limit=limit)
    return check_tree(Path(file), root, text, checker, TOML, positions=positions)


# -- tomllib's errors, in Chinese ---------------------------------------------------------

#: tomllib's words (the start of its message) → what went wrong, and what to do.
_PROBLEMS = (
    ("Invalid value", "值的写法不对", "文字要写在英文双引号里（例如 \"A4\"），数和 true、false 不加引号"),
    ("Expected '=' after a key in a key/value pair", "键的后面缺少“=”", "每行写成 键 = 值"),
    ("Invalid statement", "这一行既不是“键 = 值”，也不是 [表名]",
     "键名只能用英文字母、数字、-、_；表名写在方括号里"),
    ("Invalid initial character for a key part", "键名的写法不对",
     "键名只能用英文字母、数字、-、_，其他文字要加英文双引号"),
    ("Expected newline or end of document after a statement", "一行只能写一个“键 = 值”，值的后面多了内容",
     "注释要以 # 开头；文字要整个写在一对英文双引号里"),
    ("Cannot overwrite a value", "同一个键写了两次（或者一个键既有值又被当作表）", "删去或合并重复的那一行"),
    ("Cannot declare", "同一个表写了两次", "一个表的所有键要写在同一个 [表名] 下面"),
    ("Cannot redefine namespace", "这个表名已经用作别的值", "换一个表名，或删去重复的定义"),
    ("Cannot mutate immutable namespace", "这个表已经用 { … } 或数组写完整，不能再往里添加键",
     "把这些键写进原来的 { … } 里"),
    ("Expected ']' at the end of a table declaration", "表名后面缺少“]”", "写成 [表名]"),
    ("Expected ']]' at the end of an array declaration", "表名后面缺少“]]”", "写成 [[表名]]"),
    ("Unclosed array", "数组没有闭合", "检查是否缺少“]”，或者项与项之间缺少逗号"),
    ("Unclosed inline table", "{ … } 没有闭合", "{ … } 要写在一行里，项与项之间用逗号隔开，最后是“}”"),
    ("Duplicate inline table key", "{ … } 里同一个键写了两次", "删去重复的那一个"),
    ("Unescaped '\\' in a string", "文字里有单独的反斜杠“\\”",
     "写成两个反斜杠“\\\\”，或者改用单引号 '…'（里面的反斜杠照原样），路径也可以用“/”"),
    ("Invalid hex value", "转义 \\u 或 \\U 后面的十六进制数写法不对", "写成 \\u 加 4 位或 \\U 加 8 位十六进制数"),
    ("Escaped character is not a Unicode scalar value", "转义 \\u 或 \\U 不是有效的字符",
     "删去这个转义，直接写出这个字"),
    ("Unterminated string", "文字的引号没有闭合", "多行文字要以同样的三个引号结束"),
    ("Illegal character '\\n'", "文字的引号没有闭合（单行文字不能跨行）", "在这一行的文字末尾补上引号"),
    ("Illegal character", "有不能直接写在 TOML 文字里的控制字符", "删去它；需要时写成转义，例如 \\t"),
    ("Found invalid character", "这里有不该出现的字符", "检查这一行的写法：键 = 值"),
    ("Invalid date or datetime", "日期或时间的写法不对", "日期写成 2023-07-07"),
    ("Expected", "缺少符号", "检查这一行的括号和引号是否成对"),
)

_AT = re.compile(r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$",
                 re.S)
_CHINESE_QUOTES = "“”‘’"
#: A key = value line whose value starts like a date (tomllib then stops after the year).
_DATE_VALUE = re.compile(r"\s*[\w\"'.-]+\s*=\s*(\d{4}-\d{1,2}-\d{1,2})")
#: A number followed by a unit (margin_top_mm = 37 mm, size_pt = 16磅).
_UNIT = re.compile(r"([\w\"'.-]+\s*=\s*[-+]?[0-9][0-9_.]*\s*)(mm|pt|毫米|磅|厘米|cm|字|em|%)\s*(?:#.*)?$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_FULL_WIDTH = {"＝": ("全角等号“＝”", "半角等号“=”"), "：": ("全角冒号“：”", "半角等号“=”"),
               "，": ("全角逗号“，”", "半角逗号“,”"), "［": ("全角方括号“［”", "半角“[”"),
               "］": ("全角方括号“］”", "半角“]”")}


def toml_problem(message: str, text: str) -> tuple[str, int | None, int | None]:
    """tomllib's error ``message`` about ``text`` → (Chinese message, line, column)."""
    match = _AT.match(message)
    problem = match["message"] if match else message
    if match and match["line"]:
        line, column = int(match["line"]), int(match["column"])
    else:  # at the end of the document: the last line that holds something
        lines = text.rstrip().split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    source = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if not problem.startswith("Cannot") and (slip := _slip(source, problem)):
        return slip[0], line, slip[1]
    if problem.startswith(("Cannot overwrite a value", "Cannot declare")):
        column = len(source) - len(source.lstrip()) + 1  # the key or table written again
    elif problem.startswith("Unescaped '\\'") and "\\" in source[:column]:
        column = source.rindex("\\", 0, column) + 1  # tomllib points past it
    if problem.startswith("Expected newline") and (date := _DATE_VALUE.match(source)):
        return ("TOML 写法有误：日期的写法不对（这一天不存在，或者月、日不是两位数）；"
                "日期写成 2023-07-07"), line, date.start(1) + 1
    words = next(((zh, hint) for en, zh, hint in _PROBLEMS if problem.startswith(en)), None)
    if words is None:
        return f"TOML 写法有误（{problem}）", line, column
    zh, hint = words
    if problem.startswith("Invalid value") and (bare := _bare_text(source)):
        hint = f"文字要写在英文双引号里：{bare}"
    return f"TOML 写法有误：{zh}；{hint}", line, column


def _slip(line: str, problem: str) -> tuple[str, int] | None:
    """(message, column) for a slip of a Chinese input method on ``line``."""
    if name := odd_indent(line):
        return f"TOML 写法有误：{odd_indent_message(name).replace('YAML', 'TOML')}", 1
    # What is inside quotes is text, whatever it holds: hidden, the columns kept.
    masked = _QUOTED.sub(lambda m: m[0][0] + " " * (len(m[0]) - 2) + m[0][-1], line)
    for at, char in enumerate(masked):
        if char == "#":
            break
        if char in _CHINESE_QUOTES:
            fixed = re.sub("[“”‘’]", '"', line.strip())
            return ("TOML 写法有误：用了中文引号“”；TOML 的文字要写在英文双引号里："
                    + _example(fixed)), at + 1
        if char in _FULL_WIDTH:
            wrong, right = _FULL_WIDTH[char]
            return f"TOML 写法有误：用了{wrong}；这里要用{right}", at + 1
    stripped = line.lstrip()
    if problem.startswith("Invalid value") and (twice := re.match(r"[\w\"'.-]+\s*=\s*(=)", stripped)):
        return ("TOML 写法有误：这一行写了两个“=”；每行写成 键 = 值",
                len(line) - len(stripped) + twice.start(1) + 1)
    if problem.startswith("Expected newline") and (unit := _UNIT.match(stripped)):
        return (f"TOML 写法有误：数的后面不能写单位“{unit[2]}”（键名说明单位）；只写数："
                f"{unit[1].rstrip()}", len(line) - len(stripped) + unit.start(2) + 1)
    if problem.startswith("Expected '='") and re.match(r"[\w\"'.-]+\s*:", stripped):
        fixed = re.sub(r"\s*:\s*", " = ", stripped, count=1)
        return ("TOML 写法有误：键和值之间要用“=”，不用冒号（TOML 不是 YAML）："
                + _example(fixed), line.index(":") + 1)
    if problem.startswith("Invalid statement") and stripped[:1] and not stripped[:1].isascii():
        key = re.split(r"\s*=", stripped, maxsplit=1)[0]
        return (f"TOML 写法有误：键名 {key} 用了中文；键名只能用英文字母、数字、-、_",
                len(line) - len(stripped) + 1)
    return None


def _example(fixed: str) -> str:
    """The line as it should be written, when short enough to show."""
    return fixed if len(fixed) <= 60 else '例如 size = "A4"'


def _bare_text(line: str) -> str | None:
    """``key = "word"`` for a line ``key = word`` whose value lacks its quotes."""
    match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*=\s*([^\"'\[\{#\s][^#]*?)\s*(#.*)?$", line)
    if not match or re.fullmatch(r"[-+]?[0-9_.eE+-]+|true|false|inf|nan", match[2]):
        return None
    return f"{match[1]} = \"{match[2]}\""


# -- where things are written ------------------------------------------------------------

_WS = re.compile(r"[ \t]*")
_WS_NEWLINES = re.compile(r"(?:[ \t\n]|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_MULTI_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*""""{0,2}', re.S)
_MULTI_LITERAL = re.compile(r"'''.*?''''{0,2}", re.S)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?"
                       r"(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?")
_SCALAR = re.compile(r"[^\s,\]}#]+")


class _Positions:
    """Where each key and value of a TOML text is written, by its path
    (keys, and item numbers in arrays and arrays of tables): path →
    (index of the key, index where the value starts, where it ends). The
    text is valid TOML (tomllib read it first)."""

    def __init__(self, text: str):
        self.text = text
        self.spans: dict[tuple, tuple[int, int, int]] = {(): (0, 0, len(text))}
        self.arrays: dict[tuple, int] = {}  # arrays of tables → items so far
        self._scan()

    def _note(self, path: tuple, key: int, start: int, end: int) -> None:
        self.spans.setdefault(path, (key, start, end))

    def _skip(self, pattern: re.Pattern, i: int) -> int:
        return pattern.match(self.text, i).end()

    def _resolve(self, names: tuple, starts: list[int], base: tuple = (), at: int = 0) -> tuple:
        """The path of a dotted key below ``base``: the last item of every
        array of tables on the way, tables created on the way noted."""
        path = base
        for name, start in zip(names, starts):
            path += (name,)
            self._note(path, start, at, at)
            if path in self.arrays:
                path += (self.arrays[path] - 1,)
        return path

    def _scan(self) -> None:
        text, i, table = self.text, 0, ()
        while True:
            i = self._skip(_WS_NEWLINES, i)
            if i >= len(text):
                return
            if text[i] == "[":
                double = text.startswith("[[", i)
                names, starts, j = self._key(i + (2 if double else 1))
                end = j + (2 if double else 1)
                if double:
                    array = self._resolve(names[:-1], starts[:-1], at=i) + (names[-1],)
                    self._note(array, starts[-1], i, end)
                    count = self.arrays.get(array, 0)
                    self.arrays[array] = count + 1
                    table = array + (count,)
                else:
                    table = self._resolve(names, starts, at=i)
                self._note(table, starts[-1], i, end)
                i = end
            else:
                names, starts, j = self._key(i)
                j = self._skip(_WS, self._skip(_WS, j) + 1)  # past "="
                path = self._resolve(names[:-1], starts[:-1], table, i) + (names[-1],)
                i = self._value(j, path, starts[-1])

    def _key(self, i: int) -> tuple[tuple, list[int], int]:
        """A dotted key at ``i``: its parts, where each starts, where it ends."""
        text, names, starts = self.text, [], []
        while True:
            i = self._skip(_WS, i)
            starts.append(i)
            if text[i] == '"':
                token = _BASIC.match(text, i)
                names.append(tomllib.loads(f"k = {token[0]}")["k"])
            elif text[i] == "'":
                token = _LITERAL.match(text, i)
                names.append(token[0][1:-1])
            else:
                token = _BARE_KEY.match(text, i)
                names.append(token[0])
            i = self._skip(_WS, token.end())
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return tuple(names), starts, i

    def _value(self, i: int, path: tuple, key: int) -> int:
        """Note the value at ``i`` (and what it holds); return where it ends."""
        text = self.text
        char = text[i]
        if char == "[":
            j, item = i + 1, 0
            while True:
                j = self._skip(_WS_NEWLINES, j)
                if text[j] == "]":
                    end = j + 1
                    break
                j = self._value(j, path + (item,), j)
                item += 1
                j = self._skip(_WS_NEWLINES, j)
                if text[j] == ",":
                    j += 1
        elif char == "{":
            j = i + 1
            while True:
                j = self._skip(_WS, j)
                if text[j] == "}":
                    end = j + 1
                    break
                names, starts, j = self._key(j)
                j = self._skip(_WS, self._skip(_WS, j) + 1)  # past "="
                inner = self._resolve(names[:-1], starts[:-1], path, j) + (names[-1],)
                j = self._skip(_WS, self._value(j, inner, starts[-1]))
                if text[j] == ",":
                    j += 1
        else:
            if text.startswith('"""', i):
                pattern = _MULTI_BASIC
            elif text.startswith("'''", i):
                pattern = _MULTI_LITERAL
            elif char == '"':
                pattern = _BASIC
            elif char == "'":
                pattern = _LITERAL
            else:
                pattern = _DATETIME if _DATETIME.match(text, i) else _SCALAR
            end = pattern.match(text, i).end()
        self._note(path, key, i, end)
        return end


def tree(data: dict, text: str, file: Path | None = None) -> TomlTable:
    """tomllib's ``data`` of ``text`` (read from ``file``) as a node tree with positions."""
    lines = Lines(text, file)
    try:
        spans = _Positions(text).spans
    except (IndexError, AttributeError, KeyError, TypeError, ValueError):
        # Valid TOML the scanner does not follow: positions fall back to the file's
        # start, the values and every check stay right.
        spans = {(): (0, 0, len(text))}

    def node(value: Any, path: tuple, fallback: tuple[int, int, int]):
        span = spans.get(path, fallback)
        start, end = lines.mark(span[1]), lines.mark(span[2])
        if isinstance(value, dict):
            pairs = []
            for key, item in value.items():
                inner = path + (key,)
                key_span = spans.get(inner, span)
                pairs.append((TypedScalar(key, lines.mark(key_span[0]), lines.mark(key_span[0])),
                              node(item, inner, span)))
            return TomlTable(value, pairs, start, end)
        if isinstance(value, list):
            return TomlArray(value, [node(item, path + (i,), span)
                                     for i, item in enumerate(value)], start, end)
        return TypedScalar(value, start, end)

    return node(data, (), spans[()])


def overlay(base: TomlTable, top: TomlTable) -> TomlTable:
    """``top`` written over ``base`` (a layout.toml over the one it extends):
    a table both write is merged key by key, at any depth; any other value of
    ``top`` replaces ``base``'s. Keys keep ``base``'s order, ``top``'s new ones
    follow. Every node keeps its own file and place, so a message names the
    file that wrote the value; a merged table is placed where ``top`` writes it."""
    merged = {key.value: (key, value) for key, value in base.value}
    for key, value in top.value:
        below = merged.get(key.value)
        if below is not None and isinstance(value, TomlTable) and isinstance(below[1], TomlTable):
            value = overlay(below[1], value)
        merged[key.value] = (key, value)
    return TomlTable({name: value.data for name, (_, value) in merged.items()},
                     list(merged.values()), top.start_mark, top.end_mark)
