"""Read a text file (text pulled out of an old PDF, like the seed) into lines."""

from __future__ import annotations

from pathlib import Path

from ...errors import IssueError
from .lines import SourceLine

#: Largest text source accepted, in bytes (an issue is a few dozen KB).
MAX_TEXT_BYTES = 2 * 1024 * 1024


def read_text(path: Path) -> tuple[list[SourceLine], list[str]]:
    """The non-empty lines of ``path`` and notes about how it was read.

    UTF-8 (with or without BOM) is expected; GB18030 (a superset of GBK, what
    Windows Notepad writes in China) is accepted with a note. Windows and old
    Mac line endings are handled.
    """
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise IssueError(path, f"文件太大（{len(data) // 1024} KB），不像是一期的文字")
    notes = []
    text = _utf16(path, data, notes)
    if text is None:
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
    lines = [SourceLine(raw.strip(" \t\u3000\ufeff"), f"第 {n} 行", n, "raw")
             for n, raw in enumerate(text.splitlines(), 1)]
    return [line for line in lines if line.text], notes


def _utf16(path: Path, data: bytes, notes: list[str]) -> str | None:
    """The text of a UTF-16 file (Windows Notepad's "Unicode"), or None when
    ``data`` is not UTF-16: with a byte order mark, or without one when its
    zero bytes and the byte order that reads as more plain ASCII."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, what = "utf-16", "UTF-16（Windows 记事本的“Unicode”）"
    elif len(data) % 2 == 0 and b"\x00" in data:
        # A text file has no zero bytes but UTF-16's: the byte order that
        # gives more plain ASCII (digits, line ends) is the right one.
        ascii_in = {}
        for candidate in ("utf-16-le", "utf-16-be"):
            decoded = data.decode(candidate, errors="replace")
            ascii_in[candidate] = sum(c.isascii() and (c.isprintable() or c in "\r\n")
                                      for c in decoded)
        encoding = max(ascii_in, key=ascii_in.get)
        if ascii_in[encoding] == 0:
            return None
        what = "UTF-16（没有字节顺序标记）"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bom = 2 if encoding == "utf-16" else 0
        raise IssueError(path, f"文件像是 {what} 编码，但第 {(exc.start - bom) // 2 + 1} 个字处的内容不对，"
                               f"读不出来；请用 UTF-8 另存（记事本：另存为 → 编码选 UTF-8）") from None
    notes.append(f"文件是 {what} 编码，已按它读取")
    return text.lstrip("\ufeff")
