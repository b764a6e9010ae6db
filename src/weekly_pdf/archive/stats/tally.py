"""The tally: which units' articles were adopted in a period, and their scores.

Every article with a ``source`` is an adopted submission of the units it
names (:func:`weekly_pdf.source.units.split_source`), each written the way the
unit list (units.yaml) names it: an alias counts for its unit, a unit named
twice in one source counts once. Its points come from the scoring rules
(scoring.toml: by column and kind of issue, first matching rule), its bonus
from the leaders' instructions recorded on it. A joint article (several units)
gives every unit one article and either the full points and bonus
(各计全分) or an equal share of them (平分).

Ranks: units are ranked by total (points + bonus), highest first. Units with
equal totals share a rank, and the next rank skips as many places (1, 2, 2, 4:
"standard competition ranking"); within a tie they are listed in the order of
the unit list (the office's own order of its units, as official documents list
districts), and units not in the list after those, by name (code point).
Exact fractions decide the ranks, never rounded figures.

The category and month tables add up the same credits: a category's row is
the sum of its units' rows; a month's rows rank the units on that month's
issues alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable

from ...errors import IssueError, IssueErrors
from ...source.scoring import Scoring
from ...source.units import UNLISTED, UnitList, split_source, unknown_message
from ...source.wording import issue_name
from ..discover import IssueFile
from ..newissue import PLACEHOLDER
from .facts import ArticleFacts, IssueFacts
from .periods import Period

def figure(value: Fraction) -> str:
    """A score as printed: 30, 1.5, 1.67 (two decimals at most, rounded half up)."""
    if value.denominator == 1:
        return str(value.numerator)
    hundredths = (abs(value) * 100 + Fraction(1, 2)).__floor__()
    text = f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")
    return ("-" if value < 0 else "") + text


def number(value: Fraction) -> int | float:
    """A score as a spreadsheet number: an integer, or rounded to two decimals."""
    return value.numerator if value.denominator == 1 else float(figure(value))


@dataclass(frozen=True)
class Row:
    """One unit's line of the ranked table (or a category's, or the total)."""

    rank: int | None
    unit: str
    category: str
    articles: int
    points: Fraction
    bonus: Fraction
    #: Units in a category's row (1 for a unit's).
    units: int = 1

    @property
    def total(self) -> Fraction:
        return self.points + self.bonus


@dataclass(frozen=True)
class MonthRows:
    """The ranked rows of one month of the period."""

    year: int
    month: int
    rows: tuple[Row, ...]

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class Instructed:
    """An article that leaders wrote instructions on, for the 通报's list."""

    title: str
    units: tuple[str, ...]
    date: object  # the issue's date
    issue: str    # 2023年第20期
    instructions: tuple
    bonus: Fraction


@dataclass(frozen=True)
class Unknown:
    """A unit named by an article that the unit list does not hold."""

    name: str
    file: IssueFile
    article: ArticleFacts

    def error(self, units: UnitList) -> IssueError:
        line, column = self.article.at or (None, None)
        return IssueError(self.file.source, unknown_message(self.name, units), line=line,
                          column=column, path=self.article.path)


@dataclass(frozen=True)
class Tally:
    period: Period
    scoring: Scoring
    rows: tuple[Row, ...]
    categories: tuple[Row, ...]
    months: tuple[MonthRows, ...]
    #: Issues in the period, and how many of them are supplements.
    issues: int
    supplements: int
    #: Articles in the period; those with a contributor (adopted); joint ones;
    #: those without a source.
    articles: int
    adopted: int
    joint: int
    unsigned: int
    instructed: tuple[Instructed, ...]
    unknown: tuple[Unknown, ...] = field(default=(), compare=False)

    @property
    def total(self) -> Row:
        """The total row: every column of the ranked table added up."""
        return _sum(self.rows, None, "合计", "", units=len(self.rows))

    @property
    def units_adopted(self) -> int:
        """Units with at least one adopted article."""
        return sum(1 for row in self.rows if row.articles)


def _sum(rows: Iterable[Row], rank, unit: str, category: str, units: int) -> Row:
    rows = list(rows)
    return Row(rank, unit, category, sum(r.articles for r in rows),
               sum(r.points for r in rows), sum(r.bonus for r in rows), units)


def _share(value, parts: int):
    """``value`` split in ``parts`` equal shares, exactly (an int when it divides)."""
    share = Fraction(value) / parts
    return share.numerator if share.denominator == 1 else share


@dataclass
class _Account:
    articles: int = 0
    points: Fraction | int = 0
    bonus: Fraction | int = 0


def rank_rows(accounts: dict[str, _Account], categories: dict[str, str],
              order: dict[str, int]) -> tuple[Row, ...]:
    """The ranked rows of ``accounts`` (unit → its sums): see the module's tie rule."""
    def key(unit: str):
        account = accounts[unit]
        return (-(account.points + account.bonus), order.get(unit, len(order)), unit)

    rows, rank, previous = [], 0, None
    for place, unit in enumerate(sorted(accounts, key=key), start=1):
        account = accounts[unit]
        total = account.points + account.bonus
        if total != previous:
            rank, previous = place, total
        rows.append(Row(rank, unit, categories[unit], account.articles, account.points,
                        account.bonus))
    return tuple(rows)


def tally(period: Period, issues: Iterable[tuple[IssueFile, IssueFacts]], units: UnitList | None,
          scoring: Scoring, *, strict: bool = False, all_units: bool = False) -> Tally:
    """Count the adopted articles of ``issues`` that lie in ``period``.

    ``units``: the unit list (None: every name counts as written, uncategorised).
    ``strict``: a unit the list does not hold is an error (:class:`IssueErrors`
    naming each file, line and field), not a unit of its own.
    ``all_units``: list every unit of the list, those without an article too.
    """
    listed_order = {u.name: u.order for u in units.units} if units else {}
    categories = {u.name: u.category for u in units.units} if units else {}
    totals: dict[str, _Account] = {}
    by_month: dict[tuple[int, int], dict[str, _Account]] = {}
    if all_units and units:
        totals = {u.name: _Account() for u in units.units}
    unknown: list[Unknown] = []
    instructed: list[Instructed] = []
    count = supplements = articles = adopted = joint = unsigned = 0
    chosen = sorted(((f, facts) for f, facts in issues if facts.date in period),
                    key=lambda item: (item[1].date, item[1].series is not None, item[1].number))
    for issue_file, facts in chosen:
        count += 1
        supplements += facts.series is not None
        month = by_month.setdefault((facts.date.year, facts.date.month), {})
        for article in facts.articles:
            articles += 1
            if not article.source or PLACEHOLDER in article.source:
                unsigned += 1  # no contributor, or the “（请填写……）” of `new` left in place
                continue
            names = []
            found = units.resolve(article.source) if units else \
                [(name, None) for name in split_source(article.source)]
            for name, unit in found:
                if unit is None:
                    if units is not None:
                        unknown.append(Unknown(name, issue_file, article))
                    categories.setdefault(name, UNLISTED if units else "")
                names.append(unit.name if unit else name)
            names = list(dict.fromkeys(names))
            adopted += 1
            joint += len(names) > 1
            points = scoring.points_for(article.column, facts.kind)
            bonus = full_bonus = scoring.bonus_for(i.level for i in article.instructions)
            if scoring.shared and len(names) > 1:
                points, bonus = _share(points, len(names)), _share(bonus, len(names))
            for name in names:
                for account in (totals.setdefault(name, _Account()),
                                month.setdefault(name, _Account())):
                    account.articles += 1
                    account.points += points
                    account.bonus += bonus
            if article.instructions:
                instructed.append(Instructed(
                    article.title, tuple(names), facts.date,
                    issue_name(facts.year, facts.number, facts.series),
                    article.instructions, full_bonus))
    if strict and unknown:
        raise IssueErrors([u.error(units) for u in unknown],
                          hint="（--strict：单位名录里没有的供稿单位算作错误）")
    rows = rank_rows(totals, categories, listed_order)
    category_order = list(units.categories) if units else []
    seen = list(dict.fromkeys(category_order + [row.category for row in rows]))
    category_rows = tuple(
        _sum(members, None, category, category, units=sum(1 for r in members if r.articles))
        for category in seen
        if (members := [row for row in rows if row.category == category]))
    months = tuple(MonthRows(year, month, rank_rows(accounts, categories, listed_order))
                   for (year, month), accounts in sorted(by_month.items()) if accounts)
    return Tally(period, scoring, rows, category_rows, months, count, supplements, articles,
                 adopted, joint, unsigned, tuple(instructed), tuple(unknown))
