"""weekly-pdf search WORD [WORD...] [--year Y] [--column C] [--unit U] [--issues-dir DIR]

The terminal's side of the archive search: the matching, order and snippets of
:mod:`weekly_pdf.archive.search`, the ones the site's page applies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path

#: How a word found is marked on a terminal (bold red), and the end of it.
MARK, END = "\x1b[1;31m", "\x1b[0m"


def register(sub) -> None:
    p = sub.add_parser(
        "search", help="在全部往期文章里查找词语（与档案网站的搜索相同）",
        description="在期刊文件夹的全部文章（标题、编者按、正文、小标题、图注、表格、供稿单位）里"
                    "查找词语：写几个词就找同时含有这几个词的文章。全角半角、英文大小写视为相同。"
                    "每篇文章一行：期号、标题、摘要（Tab 分隔）；标题含有所找词语的排在前面，"
                    "其余按日期从新到旧。没有找到时退出码为 1。",
        epilog="例：weekly-pdf search 科普；weekly-pdf search 科普 青少年 --year 2023；"
               "weekly-pdf search 院士 --column 科创工作 --unit 北京制冷学会")
    p.add_argument("words", nargs="+", metavar="词", help="要找的词（可以写几个，用空格隔开）")
    p.add_argument("--year", type=int, metavar="年份", help="只找这一年的")
    p.add_argument("--column", metavar="栏目", help="只找这个栏目的（栏目名，如 科普工作）")
    p.add_argument("--unit", metavar="单位",
                   help="只找这个供稿单位的（含它与其他单位联合供稿的；有单位名录 units.yaml 时，"
                        "写别名也可以，按名录里的规范名称查找）")
    p.add_argument("--issues-dir", type=Path, metavar="ISSUES_DIR",
                   help="期刊文件夹（默认：项目的 issues/）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive.search import search, words
    from ..archive.texts import read_texts
    from ..project import find_project, out_beside
    project = find_project(args.issues_dir)
    issues_dir = args.issues_dir or project.issues_dir
    texts = read_texts(project, issues_dir, out_beside(issues_dir))
    for file, errors in texts.failures:
        print(f"注意：{display_path(file.source)} 有错误，没有搜索这一期（{errors[0]}）",
              file=sys.stderr)
    entries = texts.entries()
    unit = args.unit
    if unit is not None and texts.units is not None and (found := texts.units.lookup(unit)):
        unit = found.name   # an alias (or another width): its unit
    filters = {"year": args.year, "column": args.column, "unit": unit}
    if not words(args.words):
        print("错误：没有要找的词（只写了空格或看不见的字符）", file=sys.stderr)
        return 2
    problem = _unknown_filter(filters, entries)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    hits = search(entries, args.words, **filters)
    colour = sys.stdout.isatty()
    for hit in hits:
        print(f"{hit.entry.issue}\t{_shown(hit.title, colour)}\t{_shown(hit.snippet, colour)}")
    shown = "、".join(f"“{w}”" for w in args.words)
    if not hits:
        print(f"没有找到包含{shown}的文章。", file=sys.stderr)
        return 1
    print(f"找到 {len(hits)} 篇文章（共搜索 {len(texts.issues)} 期、{len(entries)} 篇）。",
          file=sys.stderr)
    return 0


def _shown(snippet, colour: bool) -> str:
    if not colour:
        return snippet.plain()
    return "".join(f"{MARK}{piece}{END}" if marked else piece
                   for piece, marked in snippet.segments())


def _unknown_filter(filters: dict, entries) -> str | None:
    """A message when a filter names something no article has."""
    checks = (("year", "年份", lambda e: e.year, lambda v: f"{v}年"),
              ("column", "栏目", lambda e: e.column, lambda v: v),
              ("unit", "供稿单位", lambda e: e.units, lambda v: v))
    for name, what, values_of, shown in checks:
        wanted = filters[name]
        if wanted is None:
            continue
        known = sorted({v for e in entries for v in _values(values_of(e))}, key=str)
        if wanted not in known:
            listed = "、".join(shown(v) for v in known[:30]) + ("等" if len(known) > 30 else "")
            return f"没有{what}为“{shown(wanted)}”的文章。现有的{what}：{listed or '（无）'}"
    return None


def _values(value) -> tuple:
    """An entry's values of one filter: its units, or its one year or column."""
    return value if isinstance(value, tuple) else (value,)
