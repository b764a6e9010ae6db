"""The period a 通报 covers: a year, a half year, a quarter, a month, or any
range of dates, with the words the 通报 names it by.

``2023`` → 2023年度, ``2023-H1`` → 2023年上半年, ``2023-Q3`` → 2023年第三季度,
``2023-07`` → 2023年7月, ``--from 2023-07-01 --to 2023-08-15`` →
2023年7月1日至8月15日. An issue belongs to the period its date lies in (first
and last day included).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ...errors import UsageError
from ...source.wording import date_text

_QUARTERS = "一二三四"
#: How every title ends: 关于<period>信息报送采用情况的通报.
TITLE_TAIL = "信息报送采用情况的通报"


@dataclass(frozen=True)
class Period:
    """A period of days, first and last included."""

    start: datetime.date
    end: datetime.date
    #: How the 通报 names it: 2023年第三季度.
    label: str
    #: How output files are named: 2023-Q3.
    stem: str

    @property
    def title(self) -> str:
        """关于2023年第三季度信息报送采用情况的通报."""
        return f"关于{self.label}{TITLE_TAIL}"

    @property
    def span(self) -> str:
        """The dates it covers in words: 2023年7月1日至9月30日."""
        end = date_text(self.end)
        if self.end.year == self.start.year:
            end = end.split("年", 1)[1]
        return f"{date_text(self.start)}至{end}"

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


_FORMS = "2023（全年）、2023-H1（上半年）、2023-Q3（第三季度）、2023-07（7月），或用 --from/--to 给出起止日期"


def parse_period(text: str) -> Period:
    """A period as typed on the command line; :class:`UsageError` in Chinese otherwise."""
    given = text.strip()
    match = re.fullmatch(r"(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|[Hh]([12])))?", given)
    if not match:
        raise UsageError(f"统计期“{text}”的写法不对；可以写 {_FORMS}")
    year = int(match[1])
    if not 1949 <= year <= 2100:
        raise UsageError(f"统计期的年份 {year} 不在 1949 到 2100 之间")
    if match[2]:
        month = int(match[2])
        if not 1 <= month <= 12:
            raise UsageError(f"统计期“{text}”的月份 {month} 不在 1 到 12 之间")
        return Period(datetime.date(year, month, 1), _month_end(year, month),
                      f"{year}年{month}月", f"{year}-{month:02d}")
    if match[3]:
        quarter = int(match[3])
        first = 3 * quarter - 2
        return Period(datetime.date(year, first, 1), _month_end(year, first + 2),
                      f"{year}年第{_QUARTERS[quarter - 1]}季度", f"{year}-Q{quarter}")
    if match[4]:
        half = int(match[4])
        first = 1 if half == 1 else 7
        return Period(datetime.date(year, first, 1), _month_end(year, first + 5),
                      f"{year}年{'上' if half == 1 else '下'}半年", f"{year}-H{half}")
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year}年度", str(year))


def date_range(start: datetime.date, end: datetime.date) -> Period:
    """The period from ``start`` to ``end`` (both included)."""
    if end < start:
        raise UsageError(f"--to {end.isoformat()} 早于 --from {start.isoformat()}；结束日期不能早于开始日期")
    period = Period(start, end, "", f"{start.isoformat()}_{end.isoformat()}")
    return Period(start, end, period.span, period.stem)
