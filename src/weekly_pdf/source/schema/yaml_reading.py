"""Reading one YAML file safely into a node tree: the size check, the UTF-8
decoding, composing nodes (which keep their line and column), Chinese hints for
PyYAML's problems and the alias-bomb guard. Nothing is constructed here; the
schema checks the nodes.
"""

from __future__ import annotations

import errno
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...atomic import os_reason
from ...errors import IssueError, IssueErrors
from ..inputfile import NotRegularFile, TooLarge, read_limited
from ..printable import refusal
from .kinds import join_path, kind_name
from .slips import typing_slip
from .yaml_problems import explain

#: Largest issue file accepted, in bytes.
MAX_FILE_BYTES = 512 * 1024
#: Largest document accepted once YAML aliases are expanded, in nodes.
MAX_EXPANDED_NODES = 50_000

#: What PyYAML's reader refuses to read (its own pattern).
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE

#: What the file being read is, in the words of the messages about it.
ISSUE_FILE = "期刊文件"
PUBLICATION_FILE = "publication.yaml（各期共用的报头、单位和版记）"
UNITS_FILE = "单位名单（units.yaml）"


def _compose_all(source: str) -> list:
    """The documents of ``source`` as node trees.

    libyaml (PyYAML's C parser) composes them when it is installed, about
    fifteen times faster than PyYAML's own parser (4.7 ms of the seed's 8 ms
    load), giving the same trees: the same nodes, tags, values and marks
    (line, column, index); only a plain scalar's style is ``''`` where PyYAML
    writes None, which is set right here
    (tests/source/schema/test_yaml_parsers.py). A text with a character
    PyYAML's reader refuses, or one libyaml refuses, is read again by
    PyYAML's parser, whose problems :mod:`.yaml_problems` words in Chinese;
    libyaml refuses more than 1,000 levels of nesting itself."""
    if getattr(yaml, "__with_libyaml__", False) and not _NON_PRINTABLE.search(source):
        try:
            documents = list(yaml.compose_all(source, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            pass
        else:
            _plain_style_none(documents)
            return documents
    return list(yaml.compose_all(source, Loader=yaml.SafeLoader))


def _plain_style_none(documents: list) -> None:
    """Set every plain scalar's style to None, as PyYAML's composer has it
    (each node once: aliases share nodes)."""
    seen: set[int] = set()
    stack = [node for node in documents if node is not None]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


def compose(file: Path, what: str = ISSUE_FILE) -> tuple[MappingNode, str]:
    """The one YAML document in ``file`` as a node tree, and the file's text;
    or raise IssueErrors. ``what``: the kind of file, for the messages."""
    def fail(message, line=None, column=None):
        raise IssueErrors([IssueError(file, message, line=line, column=column)])

    try:
        data = read_limited(file, MAX_FILE_BYTES)
    except FileNotFoundError:
        fail("找不到这个文件" + ("（它是一个失效的链接）" if Path(file).is_symlink() else ""))
    except IsADirectoryError:
        fail(f"这是一个文件夹，不是文件；{what}应当是一个文本文件（UTF-8 编码的 YAML）")
    except NotRegularFile as exc:
        fail(f"这不是普通文件（是{exc.kind}），{what}必须是保存在磁盘上的文本文件")
    except TooLarge as exc:
        whose = "一期" if what == ISSUE_FILE else what
        fail(f"文件太大（{exc.size // 1024} KB），{whose}最多 {MAX_FILE_BYTES // 1024} KB")
    except OSError as exc:
        fail(f"无法读取（{'没有读取权限' if exc.errno == errno.EACCES else os_reason(exc)}）")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        fail("文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）", line)
    try:
        documents = _compose_all(source)
    except yaml.reader.ReaderError as exc:
        at = exc.position
        line = source.count("\n", 0, at) + 1
        column = at - source.rfind("\n", 0, at)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        fail(refusal(char) or f"有不能写在 YAML 文件里的字符 U+{ord(char):04X}；请删去", line, column)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        start = exc.context_mark or mark
        lines = source.splitlines()
        if mark is not None and (slip := typing_slip(lines, min(start.line, mark.line) - 1,
                                                      mark.line)):
            fail(slip[2], slip[0], slip[1])
        line, column, message = explain(exc, lines)
        fail(message, line, column)
    except yaml.YAMLError:
        fail("YAML 写法有误：这个文件 YAML 读不懂；常见原因是缩进不齐、冒号后面少了空格或引号没有配对")
    except RecursionError:
        fail("YAML 嵌套层数太多")
    if len(documents) > 1:
        second = documents[1]
        fail("一个文件只能有一个 YAML 文档（去掉多余的“---”分隔线）",
             second.start_mark.line + 1 if second is not None else None)
    root = documents[0] if documents else None
    if not isinstance(root, MappingNode):
        if root is not None and (slip := typing_slip(source.splitlines(), 0, 0)):
            fail(slip[2], slip[0], slip[1])
        what = "空的" if root is None else f"一个{kind_name(root)}"
        fail(f"文件内容应当是一组“键: 值”（例如 year: 2023），这里是{what}",
             root.start_mark.line + 1 if root is not None else None)
    check_expansion(file, root)
    check_tags(file, root)
    return root, source


_RESOLVER = yaml.resolver.Resolver()
_STANDARD = "tag:yaml.org,2002:"
_STR = _STANDARD + "str"


def _explicit_tag(node: Node) -> str | None:
    """The tag written on ``node`` (``!!binary``, ``!foo``), or None when its
    tag is the one YAML gives such a value by itself. ``!!str`` is allowed:
    it only says "this is text"."""
    if isinstance(node, ScalarNode):
        expected = (_RESOLVER.resolve(ScalarNode, node.value, (True, False))
                    if node.style is None else _STR)
    elif isinstance(node, SequenceNode):
        expected = _STANDARD + "seq"
    else:
        expected = _STANDARD + "map"
    if node.tag == expected or node.tag == _STR:
        return None
    return "!!" + node.tag[len(_STANDARD):] if node.tag.startswith(_STANDARD) else node.tag


def tag_message(tag: str) -> str:
    what = ("（!!binary 表示 base64 编码的二进制数据，不是文字）" if tag == "!!binary" else "")
    return (f"不能使用 YAML 标签 {tag}{what}：这里的值只能是文字、数字、日期、"
            f"列表或“键: 值”，不用标签；请删去“{tag}”，直接写内容（要写成文字可以加引号）")


def check_tags(file: Path, root: MappingNode) -> None:
    """Refuse values with a YAML tag (``title: !!binary 5biC``, ``!!set``,
    ``!!python/object``): the checker would see text or a list where the
    writer meant something else, and say so in words that contradict
    themselves. Every tagged value is named, with its field path."""
    errors: list[IssueError] = []
    seen: set[int] = set()

    def walk(node: Node, path: str) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if (tag := _explicit_tag(node)) is not None:
            errors.append(IssueError(file, tag_message(tag), line=node.start_mark.line + 1,
                                     column=node.start_mark.column + 1, path=path or None))
        if isinstance(node, SequenceNode):
            for index, child in enumerate(node.value):
                walk(child, join_path(path, index))
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else "?"
                walk(key_node, path)
                walk(value_node, join_path(path, key))

    walk(root, "")
    if errors:
        raise IssueErrors(errors)


def check_expansion(file: Path, root: MappingNode) -> None:
    """Refuse documents whose aliases expand beyond a sane size (alias bombs).

    The composer shares aliased nodes, so the tree is small in memory; its size
    once expanded is counted with memoisation, in time linear in the nodes.
    """
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = MAX_EXPANDED_NODES + 1  # a cycle counts as too big
        if isinstance(node, ScalarNode):
            total = 1 + len(node.value) // 64
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        else:
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = min(total, 10 * MAX_EXPANDED_NODES)
        return sizes[id(node)]

    for key_node, value_node in root.value:
        if size(value_node) > MAX_EXPANDED_NODES:
            raise IssueErrors([IssueError(
                file, "YAML 别名（&锚点 / *别名）展开后内容过大，像是“别名炸弹”，拒绝读取",
                line=value_node.start_mark.line + 1, column=value_node.start_mark.column + 1,
                path=getattr(key_node, "value", None))])


def char_position(where: tuple[str, int, int], char: str) -> tuple[str, int, int]:
    """Where ``char`` is first written at or after ``where`` (file, line,
    column of a field's value, 1-based), so that a message about one character
    of a paragraph names its own line and column; ``where`` itself when the
    file cannot be read again or the character is not written there as is (a
    YAML escape such as ``\\U0001F600``)."""
    file, line, column = where
    try:
        lines = read_limited(Path(file), MAX_FILE_BYTES).decode("utf-8-sig").splitlines()
    except (OSError, NotRegularFile, TooLarge, UnicodeDecodeError):
        return where
    for number in range(line, len(lines) + 1):
        text = lines[number - 1]
        start = column - 1 if number == line else 0
        found = text.find(char, start)
        if found >= 0:
            return file, number, found + 1
    return where

