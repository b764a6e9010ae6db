"""Slips of a Chinese input method that break YAML in ways PyYAML explains
badly: a full-width colon after a field name, indentation with full-width or
no-break spaces. Each gets its own message."""

from __future__ import annotations

import re

#: White space a word processor or an input method types that YAML does not
#: take for indentation: full-width (ideographic) and no-break spaces.
ODD_SPACES = {"\u3000": "全角空格", "\u00a0": "不换行空格", "\u2002": "半角空格（en space）",
              "\u2003": "全角空格（em space）", "\u2009": "窄空格", "\u202f": "窄不换行空格",
              "\ufeff": "零宽不换行空格"}
_FULL_WIDTH_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z_0-9]*)[ \t]*：")


def odd_indent(text: str) -> str | None:
    """The name and code point of the first odd space in ``text``'s indentation."""
    for char in text:
        if char in ODD_SPACES:
            return f"{ODD_SPACES[char]}（U+{ord(char):04X}）"
        if char not in " \t":
            return None
    return None


def typing_slip(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """(line, column, message) for a slip of the Chinese input method in lines
    ``first``..``last`` (0-based): a full-width colon after a field name, or
    indentation with full-width or no-break spaces."""
    for number in range(max(first, 0), min(last, len(lines) - 1) + 1):
        line = lines[number]
        if match := _FULL_WIDTH_COLON.match(line):
            return number + 1, match.end(), full_width_colon(match[1])
        if name := odd_indent(line):
            return number + 1, 1, odd_indent_message(name)
    return None


def full_width_colon(field: str) -> str:
    return f"字段名 {field} 后面用了全角冒号“：”；要用半角冒号“:”再加一个空格，例如 {field}: …"


def odd_indent_message(name: str) -> str:
    return f"这一行开头用了{name}缩进；YAML 只能用半角空格缩进，请把它们换成半角空格"


def key_slip(key: str, fields) -> str | None:
    """The message for an unknown field name that is a known one mistyped
    with an input-method slip, or None."""
    if name := odd_indent(key):
        return odd_indent_message(name)
    field = key.split("：")[0].strip()
    if "：" in key and field in fields:
        return full_width_colon(field)
    return None
