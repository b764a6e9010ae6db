"""Read a text file (text pulled out of an old PDF, like the seed) into lines."""

from __future__ import annotations

from pathlib import Path

from ..errors import IssueError
from .lines import Line

#: Largest text source accepted, in bytes (an issue is a few dozen KB).
MAX_TEXT_BYTES = 2 * 1024 * 1024


def read_text(path: Path) -> tuple[list[Line], list[str]]:
    """The non-empty lines of ``path`` and notes about how it was read.

    UTF-8 (with or without BOM) is expected; GB18030 (a superset of GBK, what
    Windows Notepad writes in China) is accepted with a note. Windows and old
    Mac line endings are handled.
    """
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise IssueError(path, f"文件太大（{len(data) // 1024} KB），不像是一期的文字")
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
            notes.append("文件不是 UTF-8 编码，已按 GBK/GB18030 读取")
        except UnicodeDecodeError:
            raise IssueError(path, "读不出文字：既不是 UTF-8 也不是 GBK 编码") from None
    if "\x00" in text:
        raise IssueError(path, "这不是文本文件（里面有二进制内容）")
    lines = [Line(raw.strip(" \t\u3000\ufeff"), f"第 {n} 行", n, "raw")
             for n, raw in enumerate(text.splitlines(), 1)]
    return [line for line in lines if line.text], notes
