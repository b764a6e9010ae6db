"""How the command line tells office staff what happened."""

from __future__ import annotations

import sys

from ..errors import IssueErrors, WeeklyPdfError, display_path
from ..fonts.fontset import Fallback

ROLE_NAMES = {"title": "标题（小标宋）", "body": "正文（仿宋）", "heading": "栏目（黑体）",
              "kai": "目录（楷体）", "song": "页码（宋体）"}


def error(exc: WeeklyPdfError) -> None:
    """Print an error, one line per problem."""
    problems = exc.errors if isinstance(exc, IssueErrors) else [exc]
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)


def fallbacks(items: list[Fallback]) -> None:
    """List the characters a fallback font draws (the build goes on), with
    the line and column of each in the issue file."""
    if not items:
        return
    print(f"  提示：以下 {len(items)} 个字本体字体里没有，已用后备字体印出：")
    for item in items:
        place = f" {item.path}"
        if item.where:
            _, line, column = item.where
            place = f"第 {line} 行第 {column} 列，字段 {item.path}"
        print(f"    “{item.char}”（U+{ord(item.char):04X}）{ROLE_NAMES.get(item.role, item.role)}"
              f" → {item.font}，见{place}")


def path(p) -> str:
    return display_path(p)


def placeholders(issue) -> None:
    """Remind staff of “（请填写……）” left from the ``weekly-pdf new`` template."""
    from ..archive.newissue import placeholders as find
    todo = find(issue)
    if todo:
        where = [f"第 {pos[1]} 行" if (pos := issue.position(path)) else path for path in todo]
        more = "等" if len(where) > 6 else ""
        print(f"  提示：还有 {len(todo)} 处“（请填写……）”没有填写：{'、'.join(where[:6])}{more}")
