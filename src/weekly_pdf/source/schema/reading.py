"""What every reader of a TOML or JSON file shares: the file's text, read
safely with a size cap and Chinese messages, and the check of its node tree
against a declaration (a kind of :mod:`.kinds`), which raises every problem at
once as :class:`~weekly_pdf.errors.IssueErrors`.

The YAML reader (:mod:`.yaml_reading`) keeps its own words for these cases
(the issue file's messages are part of its contract).
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from ...errors import IssueError, IssueErrors
from ..inputfile import IsALink, NotRegularFile, TooLarge, read_limited
from .kinds import INVALID, Checker, Context, Dialect


def fail(file: Path, message: str, line: int | None = None, column: int | None = None,
         path: str | None = None, hint: str | None = None):
    """Raise one error about ``file``."""
    raise IssueErrors([IssueError(file, message, line=line, column=column, path=path)], hint=hint)


def read_text(file: Path, limit: int, what: str, *, follow_links: bool = True,
              hint: str | None = None) -> str:
    """The text of ``file`` (UTF-8, a byte-order mark allowed), at most
    ``limit`` bytes; or :class:`IssueErrors` saying, in Chinese, why not.

    ``what`` names the file in the messages (字体清单, 目录文件…).
    ``follow_links=False``: a link is refused without being followed (for the
    files the program writes itself, never links). ``hint`` is said after the
    message (what to do: "run build-all to write it again").
    """
    try:
        data = read_limited(file, limit, follow_links=follow_links)
    except FileNotFoundError:
        fail(file, f"找不到这个{what}", hint=hint)
    except IsADirectoryError:
        fail(file, f"这是一个文件夹，不是{what}", hint=hint)
    except IsALink as exc:
        fail(file, f"这是一个链接（指向 {exc.target}），不是程序写的{what}；为安全起见不跟随链接读取",
             hint=hint)
    except NotRegularFile as exc:
        fail(file, f"这不是普通文件（是{exc.kind}），{what}必须是保存在磁盘上的文本文件", hint=hint)
    except TooLarge as exc:
        fail(file, f"文件太大（{_size(exc.size)}），{what}最多 {_size(limit)}", hint=hint)
    except OSError as exc:
        fail(file, f"无法读取（{_READ_ERRORS.get(exc.errno) or exc.strerror or exc}）", hint=hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        fail(file, "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）", line,
             hint=hint)


#: Why the system refused to read, in Chinese where we know the words.
_READ_ERRORS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
                errno.ELOOP: "链接层数太多，可能是循环链接", errno.EIO: "磁盘读写出错",
                errno.ENOTDIR: "路径中有一段不是文件夹", errno.ENAMETOOLONG: "路径太长"}


def _size(size: int) -> str:
    """A size in KB or MB, rounded up (a file just over its limit is not "256 KB")."""
    if size >= 1 << 20:
        return f"{-(-size * 10 // (1 << 20)) / 10:g} MB"
    return f"{max(1, -(-size // 1024))} KB"


def check_tree(file: Path, root: Node, source: str, checker: Checker, dialect: Dialect, *,
               positions: dict | None = None, hint: str | None = None) -> Any:
    """``root`` (the file's node tree) checked by ``checker``: its value, or
    :class:`IssueErrors` naming every problem (file, line, column, field path).
    ``positions``: a dict to fill with where each field was set, when wanted."""
    ctx = Context(file, [], positions, source, dialect)
    value = checker(ctx, root, "")
    if ctx.errors or value is INVALID:
        raise IssueErrors(ctx.errors or [IssueError(file, "内容有误")], hint=hint)
    return value
