"""The tally as tables: text for the terminal, CSV files and one XLSX workbook.

Three tables, the same in every form: by unit (ranked, with a total row), by
category (with a total row) and by month (each month's units ranked on that
month's issues alone). Scores are printed with two decimals at most
(:func:`.tally.figure`); a spreadsheet gets them as numbers.

The same tally always gives the same bytes: CSV is UTF-8 with a byte-order
mark (Excel opens it as UTF-8) and CRLF line ends, like catalog.csv; the XLSX
is written by openpyxl with its document dates set to the 通报's date and
every zip entry dated 1980-01-01, so that neither the clock nor the time zone
leaks into the file.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from typing import Iterator

from .tally import Row, Tally, figure, number

UNIT_HEADER = ("排名", "单位", "类别", "采用篇数", "基础分", "加分", "总分")
CATEGORY_HEADER = ("类别", "单位数", "采用篇数", "基础分", "加分", "总分")
MONTH_HEADER = ("月份", "排名", "单位", "类别", "采用篇数", "基础分", "加分", "总分")

#: The zip entries' date: the earliest a zip file can hold.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def unit_rows(tally: Tally) -> Iterator[tuple]:
    """The ranked table by unit and its total row, as values (scores exact)."""
    for row in (*tally.rows, tally.total):
        yield (row.rank if row.rank is not None else "", row.unit, row.category, row.articles,
               row.points, row.bonus, row.total)


def category_rows(tally: Tally) -> Iterator[tuple]:
    for row in tally.categories:
        yield row.unit, row.units, row.articles, row.points, row.bonus, row.total
    total = tally.total
    yield "合计", sum(r.units for r in tally.categories), total.articles, total.points, \
        total.bonus, total.total


def month_rows(tally: Tally) -> Iterator[tuple]:
    for month in tally.months:
        for row in month.rows:
            yield (month.label, row.rank, row.unit, row.category, row.articles, row.points,
                   row.bonus, row.total)


TABLES = (("按单位", UNIT_HEADER, unit_rows), ("按类别", CATEGORY_HEADER, category_rows),
          ("按月份", MONTH_HEADER, month_rows))


def _text(value) -> str:
    from fractions import Fraction
    return figure(value) if isinstance(value, Fraction) else str(value)


def csv_bytes(header: tuple, rows) -> bytes:
    """One table as a CSV file's bytes (UTF-8 with BOM, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def csv_files(tally: Tally) -> dict[str, bytes]:
    """按单位, 按类别, 按月份 → that table's CSV bytes."""
    return {name: csv_bytes(header, rows(tally)) for name, header, rows in TABLES}


class _DatedZip(zipfile.ZipFile):
    """A zip file whose entries all carry :data:`ZIP_DATE`: openpyxl names
    entries by string (dated now) and copies worksheets from temporary files
    (dated by their modification time)."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, ZIP_DATE)
            name.compress_type = zipfile.ZIP_DEFLATED
            name.external_attr = 0o600 << 16
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as f:
            data = f.read()
        self.writestr(arcname or str(filename), data, compress_type, compresslevel)


def xlsx_bytes(tally: Tally, *, title: str, date: datetime.date, author: str,
               notes: list[tuple[str, str]]) -> bytes:
    """The workbook: a sheet per table, then 说明 (``notes``: label, text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, header, make_rows in TABLES:
        rows = list(make_rows(tally))
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append([number(v) if not isinstance(v, (str, int)) else v for v in row])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(horizontal="center")
        if name != "按月份":
            for cell in sheet[sheet.max_row]:
                cell.font = bold  # the total row
        sheet.freeze_panes = "A2"
        for column, label in enumerate(header, start=1):
            width = max([_width(label)] + [_width(_text(row[column - 1])) for row in rows]) + 2
            sheet.column_dimensions[get_column_letter(column)].width = min(width, 60)
    sheet = book.create_sheet("说明")
    sheet.append(["项目", "内容"])
    for cell in sheet[1]:
        cell.font = bold
    for label, text in notes:
        sheet.append([label, text])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 90
    moment = datetime.datetime(date.year, date.month, date.day)
    props = book.properties
    props.title, props.creator, props.lastModifiedBy = title, author, author
    props.created = props.modified = moment
    buffer = io.BytesIO()
    with _DatedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a spreadsheet (a Han character two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def text_table(header: tuple, rows: list[tuple], numeric: set[int]) -> str:
    """A table for the terminal: columns aligned by display width (a Han
    character takes two), numbers on the right."""
    cells = [list(header)] + [[_text(v) for v in row] for row in rows]
    widths = [max(_width(row[c]) for row in cells) for c in range(len(header))]
    lines = ["  ".join(_pad(row[c], widths[c], c in numeric) for c in range(len(header))).rstrip()
             for row in cells]
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1]]) + "\n"


def terminal_table(tally: Tally) -> str:
    """The ranked table by unit with its total row, for the terminal."""
    return text_table(UNIT_HEADER, list(unit_rows(tally)), {0, 3, 4, 5, 6})


__all__ = ["CATEGORY_HEADER", "MONTH_HEADER", "Row", "TABLES", "UNIT_HEADER", "csv_bytes",
           "csv_files", "terminal_table", "text_table", "xlsx_bytes"]
