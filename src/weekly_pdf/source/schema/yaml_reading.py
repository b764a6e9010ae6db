"""Reading one YAML file safely into a node tree: the size check, the UTF-8
decoding, composing nodes (which keep their line and column), Chinese hints for
PyYAML's problems and the alias-bomb guard. Nothing is constructed here; the
schema checks the nodes.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...errors import IssueError, IssueErrors
from ..inputfile import NotRegularFile, TooLarge, read_limited
from ..printable import refusal
from .kinds import kind_name
from .slips import typing_slip

#: Largest issue file accepted, in bytes.
MAX_FILE_BYTES = 512 * 1024
#: Largest document accepted once YAML aliases are expanded, in nodes.
MAX_EXPANDED_NODES = 50_000

_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token":
        "这里有制表符（Tab），YAML 只能用空格缩进",
    "could not find expected ':'": "缺少冒号“:”，或者冒号后面少了空格",
    "mapping values are not allowed here": "这里不能出现“键: 值”，常见原因是冒号后少了空格或缩进不齐",
    "found unexpected end of stream": "文件在引号或括号还没闭合时就结束了",
    "expected <block end>, but found '<block mapping start>'": "缩进不齐",
    "expected <block end>, but found '-'": "列表项“-”的缩进不齐",
    "found undefined alias": "用到了没有定义的别名（*alias）",
}


def compose(file: Path) -> tuple[MappingNode, str]:
    """The one YAML document in ``file`` as a node tree, and the file's text;
    or raise IssueErrors."""
    def fail(message, line=None, column=None):
        raise IssueErrors([IssueError(file, message, line=line, column=column)])

    try:
        data = read_limited(file, MAX_FILE_BYTES)
    except FileNotFoundError:
        fail("找不到这个文件")
    except IsADirectoryError:
        fail("这是一个文件夹，不是期刊文件")
    except NotRegularFile as exc:
        fail(f"这不是普通文件（是{exc.kind}），期刊文件必须是保存在磁盘上的文本文件")
    except TooLarge as exc:
        fail(f"文件太大（{exc.size // 1024} KB），一期最多 {MAX_FILE_BYTES // 1024} KB")
    except OSError as exc:
        fail(f"无法读取（{exc.strerror}）")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        fail("文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）", line)
    try:
        documents = list(yaml.compose_all(source, Loader=yaml.SafeLoader))
    except yaml.reader.ReaderError as exc:
        at = exc.position
        line = source.count("\n", 0, at) + 1
        column = at - source.rfind("\n", 0, at)
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        fail(refusal(char) or f"有不能写在 YAML 文件里的字符 U+{ord(char):04X}；请删去", line, column)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        start = exc.context_mark or mark
        if mark is not None and (slip := typing_slip(source.splitlines(), min(start.line, mark.line) - 1,
                                                      mark.line)):
            fail(slip[2], slip[0], slip[1])
        problem = exc.problem or exc.context or ""
        hint = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k)), None)
        message = f"YAML 写法有误：{hint}（{problem}）" if hint else f"YAML 写法有误（{problem}）"
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            message += f"；出问题的那一段从第 {start.line + 1} 行开始"
        fail(message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
    except yaml.YAMLError as exc:
        fail(f"YAML 写法有误（{exc}）")
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
    return root, source


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

