"""Reading the statistics back as a user sees them: the terminal table, the
CSV files, the XLSX workbook (openpyxl) and the 通报's tables (pdfplumber)."""

from __future__ import annotations

import csv
import io
import re
from fractions import Fraction
from pathlib import Path

UNIT_HEADER = ["排名", "单位", "类别", "采用篇数", "基础分", "加分", "总分"]


def shown(value) -> str:
    """A score as the outputs print it: 30, 2.5, 3.33."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{float(value):.2f}".rstrip("0").rstrip(".")
    return str(value)


def expected_rows(rows, total) -> list[list[str]]:
    """Known rows and total as the printed table's cells."""
    out = [[shown(v) for v in row] for row in rows]
    out.append(["", "合计", "", *[shown(v) for v in total]])
    return out


def terminal_rows(stdout: str) -> list[list[str]]:
    """The ranked table printed on the terminal, as cells (the total row with
    empty rank and category)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == ["排名", "单位"])
    rows = []
    for line in lines[start + 2:]:
        if set(line) <= {"-"}:
            continue
        cells = line.split()
        if cells[0] == "合计":
            cells = ["", "合计", "", *cells[1:]]
        rows.append(cells)
    return rows


def csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV for Excel starts with a byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(path: Path, sheet: str) -> list[list]:
    from openpyxl import load_workbook
    book = load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def as_cells(rows) -> list[list[str]]:
    """Spreadsheet values as printed cells (None → "", 2.5 → "2.5")."""
    out = []
    for row in rows:
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, float):
                cells.append(f"{value:.2f}".rstrip("0").rstrip("."))
            else:
                cells.append(str(value))
        out.append(cells)
    return out


def pdf_tables(path: Path) -> list[list[list[str]]]:
    """Every table of every page of a PDF, cells with their line breaks removed;
    a table continued on the next page (its header repeated) is joined to it."""
    from tests import plumbed
    tables = []
    with plumbed.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                cells = [[re.sub(r"\s+", "", cell or "") for cell in row] for row in table]
                if tables and cells[0] == tables[-1][0] and page.page_number > 1 \
                        and tables[-1][-1][0] != "合计":
                    tables[-1].extend(cells[1:])
                else:
                    tables.append(cells)
    return tables


def pdf_unit_table(path: Path) -> list[list[str]]:
    """The ranked table of the 通报 (without its header), total row as in CSV."""
    table = next(t for t in pdf_tables(path) if t[0] == UNIT_HEADER)
    rows = table[1:]
    rows[-1] = ["", "合计", "", *rows[-1][3:]]
    return rows
