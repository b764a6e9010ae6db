"""Checks across the issues of an archive: numbers, running totals, dates.

Each issue file may be valid on its own and the archive still wrong: two files
claiming the same number, a number skipped, a running total (总第N期) that does
not follow from its neighbours, dates out of order or not a week apart. Numbers
and totals are errors; dates are warnings (a holiday may move an issue).

Supplements (增刊) are numbered in a series of their own: they are checked for
repeated and skipped numbers among themselves, and have no total and no weekly
date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..source.model import SUPPLEMENT, Issue
from ..source.wording import ISSUE_NAME_RE, issue_name, name_series, number_text

ERROR, WARNING = "错误", "警告"


@dataclass(frozen=True)
class Finding:
    level: str       # ERROR or WARNING
    file: Path
    message: str

    def __str__(self) -> str:
        return f"{self.level}：{display_path(self.file)}：{self.message}"


def _name(issue: Issue) -> str:
    return issue_name(issue.year, issue.number, issue.series)


def _where(file: Path) -> str:
    return Path(file).name


def check_numbering(issues: list[tuple[Path, Issue]],
                    unreadable: list[Path] = ()) -> list[Finding]:
    """Every problem across ``issues`` (file, model), in archive order.

    ``unreadable``: issue files that failed their own check (already reported);
    the numbers in their names do not count as gaps.
    """
    findings: list[Finding] = []
    ordered = sorted(issues, key=lambda fi: (fi[1].year, fi[1].is_supplement, fi[1].number,
                                             str(fi[0])))
    named = [m for m in (ISSUE_NAME_RE.match(Path(f).name) for f in unreadable) if m]
    for series in (None, SUPPLEMENT):
        in_series = [(f, i) for f, i in ordered if i.series == series]
        known = {(int(m[1]), int(m[3])) for m in named if name_series(m) == series}
        findings += _check_series(in_series, known, regular=series is None)
    order = {str(f): i for i, (f, _) in enumerate(ordered)}
    findings.sort(key=lambda f: (order.get(str(f.file), 0), f.level != ERROR))
    return findings


def _check_series(ordered, known: set[tuple[int, int]], regular: bool) -> list[Finding]:
    """Repeated and skipped numbers in one series; totals and dates for the regular one."""
    findings: list[Finding] = []
    unique: list[tuple[Path, Issue]] = []
    seen: dict[tuple[int, int], Path] = {}
    for file, issue in ordered:
        first = seen.get((issue.year, issue.number))
        if first is not None:
            findings.append(Finding(ERROR, file, f"期号重复：{_name(issue)}已经由 {_where(first)}"
                                                 f" 使用；请改正期号，或删去多余的文件"))
            continue
        seen[(issue.year, issue.number)] = file
        unique.append((file, issue))
    findings += _gaps(unique, known)
    if regular:
        totals: dict[int, Path] = {}
        for file, issue in unique:
            if issue.total in totals:
                findings.append(Finding(ERROR, file, f"总期号重复：总第{issue.total}期已经由"
                                                     f" {_where(totals[issue.total])} 使用"))
            totals.setdefault(issue.total, file)
        findings += _totals(unique)
        findings += _dates(unique)
    return findings


def _gaps(unique, known: set[tuple[int, int]]) -> list[Finding]:
    findings = []
    for (_, a), (file, b) in zip(unique, unique[1:]):
        if a.year == b.year and b.number > a.number + 1:
            missing = [n for n in range(a.number + 1, b.number) if (a.year, n) not in known]
            if not missing:
                continue
            prefix = SUPPLEMENT if b.is_supplement else ""
            listed = "、".join(number_text(n, b.series) for n in missing[:5]) + (
                "等" if len(missing) > 5 else "")
            findings.append(Finding(ERROR, file, f"{b.year}年的{prefix}期号不连续：{_name(a)}之后是"
                                                 f"{b.number_text}，缺少{listed}"))
    return findings


def _steps(a: Issue, b: Issue) -> int | None:
    """How many issues lie from ``a`` to ``b`` (1 for the next one), if known."""
    if a.year == b.year:
        return b.number - a.number
    if b.year == a.year + 1 and b.number == 1:
        return 1  # assumes ``a`` was the last issue of its year
    return None


def _agrees(a: Issue, b: Issue) -> bool:
    steps = _steps(a, b)
    return b.total - a.total == steps if steps is not None else b.total > a.total


def _totals(unique) -> list[Finding]:
    findings = []
    explained: set[int] = set()
    for i in range(1, len(unique)):
        if i in explained:
            continue
        (_, prev), (file, issue) = unique[i - 1], unique[i]
        if _agrees(prev, issue):
            continue
        steps = _steps(prev, issue)
        expected = f"应为总第{prev.total + steps}期" if steps else "应当大于上一期"
        nxt = unique[i + 1][1] if i + 1 < len(unique) else None
        if nxt is not None and not _agrees(issue, nxt) and _agrees(prev, nxt):
            explained.add(i + 1)  # only this issue is off: its successor is fine
        findings.append(Finding(ERROR, file, f"总期号与前后期对不上：{_name(issue)}写的是"
                                             f"总第{issue.total}期，上一期{_name(prev)}是"
                                             f"总第{prev.total}期，{expected}"))
    return findings


def _dates(unique) -> list[Finding]:
    findings = []
    for (_, a), (file, b) in zip(unique, unique[1:]):
        days = (b.date - a.date).days
        if days <= 0:
            findings.append(Finding(WARNING, file, f"日期顺序不对：{_name(b)}的日期"
                                                   f" {b.date.isoformat()} 不晚于上一期{_name(a)}的"
                                                   f" {a.date.isoformat()}"))
            continue
        steps = _steps(a, b)
        if a.year == b.year and steps and days != 7 * steps:
            findings.append(Finding(WARNING, file, f"日期间隔不是一周：{_name(b)}是"
                                                   f" {b.date.isoformat()}，上一期{_name(a)}是"
                                                   f" {a.date.isoformat()}，相隔 {days} 天"
                                                   + (f"（期号相差 {steps}，应相隔 {7 * steps} 天）"
                                                      if steps > 1 else "")))
    return findings
