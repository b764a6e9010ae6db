"""How the bulletin words and names its facts, one home for each form.

The PDF, the catalog, the volume, ``check``, ``new`` and the importer all print
a column, a contributor, a date or an issue's name, or name an issue's file;
they take the words and the names from here. No I/O, nothing imported: the
batch uses it without loading the renderer.
"""

from __future__ import annotations

import datetime
import re

#: The one series besides the regular issues: supplements (增刊), numbered on their own.
SUPPLEMENT = "增刊"
#: The layout of an issue that names none (``layout:`` in publication.yaml or the issue).
DEFAULT_LAYOUT = "bulletin"
#: The title of the contents block when an issue gives none (``toc_title:``).
DEFAULT_TOC_TITLE = "目录提要"

#: The levels of a leader's written instruction (领导批示) on an article, lowest first:
#: what ``instructions[].level`` may say and what scoring.toml awards bonus points for.
INSTRUCTION_LEVELS = ("区级", "市级", "省级", "国家级")

#: An issue file's name: <year>-<number>.yaml, or <year>-s<number>.yaml for a supplement.
ISSUE_NAME_RE = re.compile(r"^(\d{4})-(s?)(\d+)\.ya?ml$")


def issue_stem(year: int, number: int, series: str | None = None) -> str:
    """An issue file's stem: 2023-20, or 2023-s01 for the first supplement of 2023."""
    return f"{year}-{'s' if series == SUPPLEMENT else ''}{number:02d}"


def name_series(match: re.Match) -> str | None:
    """The series an ISSUE_NAME_RE match names: SUPPLEMENT for 2023-s01.yaml, else None."""
    return SUPPLEMENT if match[2] else None


def contributor(source: str) -> str:
    """The contributor as printed after an article: （北京制冷学会）."""
    return f"\uff08{source}\uff09"


#: Brackets a Chinese input method types around a column's name, which the bulletin
#: prints itself. (ASCII [ ] are not among them: unquoted, YAML reads [主题教育] as a
#: list; quoted, they are the writer's own text.)
COLUMN_BRACKETS = {"\u3010": "\u3011", "\u3016": "\u3017", "\uff3b": "\uff3d",
                   "\u3014": "\u3015"}  # 【】 〖〗 ［］ 〔〕


def bare_column(column: str) -> str:
    """A column's name without the brackets a writer typed around it:
    【主题教育】, ［主题教育］ and 〖主题教育〗 are all 主题教育 (the brackets are
    printed by :func:`column_heading`). Brackets inside the name stay."""
    name = column.strip()
    while len(name) >= 2 and COLUMN_BRACKETS.get(name[0]) == name[-1] \
            and _closes_at_end(name):
        name = name[1:-1].strip()
    return name


def _closes_at_end(name: str) -> bool:
    """Whether the bracket opening ``name`` is closed by its last character
    (【主题】教育【活动】 is opened and closed twice: not one pair around it)."""
    opening, closing, depth = name[0], name[-1], 0
    for index, char in enumerate(name):
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return index == len(name) - 1
    return False


def column_heading(column: str) -> str:
    """The column as printed: 【主题教育】 (never 【【主题教育】】)."""
    return f"\u3010{bare_column(column)}\u3011"


def date_text(date: datetime.date) -> str:
    """2023年7月7日, no zero padding."""
    return f"{date.year}年{date.month}月{date.day}日"


def number_text(number: int, series: str | None = None) -> str:
    """第20期, or 增刊第1期 for a supplement."""
    return f"{SUPPLEMENT if series == SUPPLEMENT else ''}第{number}期"


def issue_name(year: int, number: int, series: str | None = None) -> str:
    """2023年第20期, or 2023年增刊第1期 for a supplement."""
    return f"{year}年{number_text(number, series)}"


def issue_line(year: int, number: int) -> str:
    """2023年　第20期, as under the masthead (a full-width space between 年 and 第)."""
    return f"{year}年\u3000第{number}期"


def total_text(total: int) -> str:
    """（总第73期） with full-width brackets."""
    return f"\uff08总第{total}期\uff09"


def issue_title(publication: str, year: int, number: int, total: int | None,
                series: str | None = None) -> str:
    """The document title: 科协每周动态 2023年第20期（总第73期）, or for a
    supplement (no running total) 科协每周动态 2023年增刊第1期."""
    total_part = "" if series == SUPPLEMENT or total is None else total_text(total)
    return f"{publication} {issue_name(year, number, series)}{total_part}"


# --- Chinese numerals ----------------------------------------------------------------

_DIGITS = "〇一二三四五六七八九"
_DIGIT_VALUE = {c: n for n, c in enumerate(_DIGITS)} | {"零": 0, "两": 2}
#: A Chinese numeral as written in dates and numbers: 二〇二三, 十五, 一百零三.
CHINESE_NUMERAL = "[〇零一二三四五六七八九十百两]+"
#: Headings numbered as GB/T 9704 has them: 一、… (level 1) and （一）… (level 2).
HEADING_RE = re.compile(r"^[一二三四五六七八九十]{1,3}、")
SUBHEADING_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as counted; digits
    outside 1–999)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else
                                     ("一" if rest < 20 else "") + chinese_number(rest))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def read_chinese_number(word: str) -> int:
    """The value of a Chinese numeral: 二〇二三 → 2023 (digit by digit), 十五 → 15,
    二十 → 20, 一百零三 → 103."""
    if "十" not in word and "百" not in word:
        return int("".join(str(_DIGIT_VALUE[c]) for c in word))
    total, current = 0, 0
    for c in word:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGIT_VALUE[c]
    return total + current
