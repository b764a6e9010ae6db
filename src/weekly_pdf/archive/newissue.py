"""Next week's issue file, written from the latest one as a template to fill in.

The number and the running total advance by one and the date by a week; a
date in a new year restarts the number at 1 while the total goes on. The
columns of the latest issue are kept, each with one placeholder article: the
file is valid at once (an issue with no article would not be), and the
placeholders say what to write. :func:`placeholders` finds any left over.

A supplement (增刊, ``series``) takes the next number of its own series in the
year (<year>-s<NN>.yaml), the latest regular issue's date and columns, and no
total.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import WeeklyPdfError, display_path
from ..source.load import load_issue
from ..source.model import SUPPLEMENT, Issue
from ..project import as_given, inside
from ..source.wording import (ISSUE_NAME_RE, issue_name, issue_stem, issue_title, name_series,
                             total_text)
from ..source.yaml_scalars import scalar
from .discover import find_issue_files

PLACEHOLDER = "（请填写"
TITLE = "（请填写文章标题）"
BODY = ("（请填写正文第一段。）", "（请填写正文第二段；段与段之间空一行，不需要就删去。）")
SOURCE = "（请填写供稿单位；没有就删去这一行）"
FIRST_COLUMN = "（请填写栏目名称）"


@dataclass(frozen=True)
class NextIssue:
    path: Path
    year: int
    number: int
    total: int | None  # None for a supplement
    date: datetime.date
    template: Path  # the issue it was made from
    series: str | None = None

    @property
    def title(self) -> str:
        """2023年第21期（总第74期）, or 2023年增刊第1期."""
        return issue_name(self.year, self.number, self.series) + (
            "" if self.total is None else total_text(self.total))


def latest_issue(issues_dir: Path) -> tuple[Path, Issue]:
    """The issue file with the highest year and number, read and checked."""
    named = [f for f in find_issue_files(issues_dir, issues_dir)
             if (m := ISSUE_NAME_RE.match(f.source.name)) and name_series(m) is None]
    if not named:
        raise WeeklyPdfError(f"{display_path(issues_dir)} 里还没有任何一期（<年>/<年>-<期号>.yaml），"
                             f"无法推算下一期；请照 issues/2023/2023-20.yaml 的样子写第一期")
    source = named[-1].source
    if not inside(source, issues_dir):
        raise WeeklyPdfError(f"最新一期 {as_given(source)} 是指向 {as_given(issues_dir)} 之外的链接；"
                             f"为安全起见不读取它。请把文件本身放在这里，不要用链接")
    try:
        return source, load_issue(source)
    except WeeklyPdfError as exc:
        raise WeeklyPdfError(f"最新一期 {display_path(source)} 有错误，请先改正它再生成下一期：\n{exc}"
                             ) from None


def plan_next(issues_dir: Path, date: datetime.date | None = None,
              series: str | None = None) -> tuple[NextIssue, Issue]:
    """Where the next issue goes and its number, total and date.

    ``series``: SUPPLEMENT for the next supplement of the date's year.
    """
    source, latest = latest_issue(issues_dir)
    if series == SUPPLEMENT:
        date = date or latest.date
        taken = [int(m[3]) for f in find_issue_files(issues_dir, issues_dir)
                 if (m := ISSUE_NAME_RE.match(f.source.name)) and name_series(m) == SUPPLEMENT
                 and int(m[1]) == date.year]
        number = max(taken, default=0) + 1
        path = Path(issues_dir) / str(date.year) / f"{issue_stem(date.year, number, series)}.yaml"
        return NextIssue(path, date.year, number, None, date, source, series), latest
    if date is None:
        try:
            date = latest.date + datetime.timedelta(days=7)
        except OverflowError:
            raise WeeklyPdfError(f"最新一期 {display_path(source)} 的日期 {latest.date.isoformat()} "
                                 f"推后一周已超出日历的范围（最晚 9999-12-31）；请核对这一期的日期，"
                                 f"或用 --date 指定下一期的日期") from None
    if date <= latest.date:
        raise WeeklyPdfError(f"日期 {date.isoformat()} 不晚于最新一期 {display_path(source)} 的日期"
                             f" {latest.date.isoformat()}")
    number = 1 if date.year > latest.year else latest.number + 1
    path = Path(issues_dir) / str(date.year) / f"{issue_stem(date.year, number)}.yaml"
    return NextIssue(path, date.year, number, latest.total + 1, date, source), latest


def template_text(plan: NextIssue, latest: Issue, units=None) -> str:
    """The YAML of the next issue, with comments telling staff what to fill in;
    ``units`` (the unit list, when there is one): its canonical names, to
    copy into ``source``."""
    columns = [s.column for s in latest.sections] or [FIRST_COLUMN]
    numbering = [f"series: {SUPPLEMENT}", f"number: {plan.number}"] \
        if plan.series == SUPPLEMENT else [f"number: {plan.number}", f"total: {plan.total}"]
    lines = [
        f"# {issue_title(latest.publication, plan.year, plan.number, plan.total, plan.series)}",
        f"# 由 weekly-pdf new 照 {plan.template.name} 生成。请把每个“（请填写……）”换成本期的内容：",
        "#   - 栏目沿用上一期的；本期没有的栏目整段删去（从“- column:”到下一个栏目之前），",
        "#     新栏目照样子添加；",
        "#   - 每篇文章：title 标题；body 正文，段与段之间空一行；source 供稿单位（没有就删去）；",
        "#     toc: true 表示列入“目录提要”；",
        "#   - 日期已按上一期推后一周，如有不同请改正；报头、编发单位和版记见 publication.yaml。",
        "# 填好后运行 weekly-pdf check 检查本文件，再用 weekly-pdf build 生成 PDF。",
        *_schema_modeline(plan.path),
        *_unit_names(units),
        "",
        f"year: {plan.year}",
        *numbering,
        f"date: {plan.date.isoformat()}",
        "",
        "sections:",
    ]
    for column in columns:
        lines += [
            f"  - column: {scalar(column)}",
            "    articles:",
            f"      - title: {TITLE}",
            "        toc: true",
            "        body: |",
            f"          {BODY[0]}",
            "",
            f"          {BODY[1]}",
            f"        source: {SOURCE}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _unit_names(units, width: int = 40) -> list[str]:
    """Comment lines listing the unit list's canonical names by category."""
    if units is None or not units.units:
        return []
    lines = ["# 供稿单位（source）请照抄单位名录 units.yaml 里的规范名称，几个单位联合报送时用“、”隔开："]
    for category, members in units.by_category():
        names = [unit.name for unit in members]
        line = f"#   {category}："
        for i, name in enumerate(names):
            piece = name + ("、" if i < len(names) - 1 else "")
            if len(line) + len(piece) > width and not line.endswith("："):
                lines.append(line)
                line = "#     "
            line += piece
        if names:
            lines.append(line)
    return lines


def _schema_modeline(path: Path) -> list[str]:
    """The comment that lets an editor's YAML language server check the file
    against the project's schema/issue.schema.json (see weekly_pdf.source.schema.editor)."""
    from ..source.schema.editor import FOLDER, ISSUE_NAME
    from ..project import find_project
    try:
        schema = find_project(path.parent).root / FOLDER / ISSUE_NAME
    except WeeklyPdfError:
        return []
    if not schema.is_file():
        return []
    relative = Path(os.path.relpath(schema, path.parent)).as_posix()
    return [f"# yaml-language-server: $schema={relative}"]


def write_next_issue(issues_dir: Path, date: datetime.date | None = None,
                     series: str | None = None) -> NextIssue:
    """Write the next issue's file (never over an existing one) and return its plan."""
    plan, latest = plan_next(Path(issues_dir), date, series)
    text = template_text(plan, latest, _units(Path(issues_dir)))
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with plan.path.open("x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise WeeklyPdfError(f"{display_path(plan.path)} 已经存在，没有覆盖它") from None
    return plan


def _units(issues_dir: Path):
    """The unit list of ``issues_dir``, or None (none, or one with errors:
    ``check`` names those; the new issue is written without the names)."""
    from ..source.units import UNITS_NAME, read_units
    found = issues_dir / UNITS_NAME
    if not found.is_file():
        return None
    try:
        return read_units(found)
    except WeeklyPdfError:
        return None


def placeholders(issue: Issue) -> list[str]:
    """Field paths whose text still holds a “（请填写……）” placeholder."""
    found = []
    for s, section in enumerate(issue.sections):
        if PLACEHOLDER in section.column:
            found.append(f"sections[{s}].column")
        for a, article in enumerate(section.articles):
            path = f"sections[{s}].articles[{a}]"
            if PLACEHOLDER in article.title:
                found.append(f"{path}.title")
            if any(PLACEHOLDER in p for p in article.paragraphs):
                found.append(f"{path}.body")
            if article.source and PLACEHOLDER in article.source:
                found.append(f"{path}.source")
    return found
