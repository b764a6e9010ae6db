"""What is on the pages of a PDF, with exact geometry: lines of text, pictures
and table cells (read with PDFium, through pypdfium2).

PDFium gives every character its origin (where the pen stood), its advance
box, its font and size, so a line is known to the point: where it starts
(a first-line indent, an opening mark hung half a cell into the margin),
where it ends (flush with the right edge, or short: a paragraph's last line),
and which of its characters a fallback font drew. Spaces PDFium makes up
between characters are ignored; a gap wider than a character makes one
(between CJK characters only a gap of two, so that a justified line's
letter-spacing never turns into spaces).

Pictures are the page's image objects, with their box. Table cells are the
rectangles a table's borders outline (WeasyPrint draws each cell's borders
as one filled path whose box is the cell); the text inside a cell is the
cell's, not the page's.
"""

from __future__ import annotations

import ctypes
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import IssueError

#: A gap between two characters wider than this many em is a space ...
SPACE_GAP = 0.6
#: ... and between two CJK characters, this many (justification stretches
#: the gaps between CJK characters, never this far).
CJK_SPACE_GAP = 2.0
#: The smallest side of a table cell, in pt (rules are thinner).
MIN_CELL = 4.0


@dataclass
class Glyph:
    char: str
    #: Origin (pen position) and baseline, in PDF points from the bottom left.
    x: float
    y: float
    #: Where its advance ends.
    right: float
    size: float
    font: str


@dataclass
class Line:
    """One line of text on a page: its glyphs joined, left to right."""

    page: int
    x: float
    y: float
    right: float
    size: float
    #: The font that draws most of its characters.
    font: str
    text: str
    #: How many of its characters each font draws.
    fonts: dict[str, int] = field(default_factory=dict)

    @property
    def style(self) -> tuple[str, int]:
        return self.font, round(self.size)


@dataclass
class Figure:
    """A picture on a page: its box and its file's bytes."""

    page: int
    left: float
    bottom: float
    right: float
    top: float
    data: bytes
    suffix: str
    #: An ornament of the page rather than a picture of an article.
    decoration: bool = False


@dataclass
class Cell:
    left: float
    bottom: float
    right: float
    top: float
    text: str = ""
    #: The font of most of its characters (a header cell's differs).
    font: str = ""


@dataclass
class Grid:
    """A table on one page: its rows of cells, top to bottom."""

    page: int
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.rows[0][0].top

    @property
    def bottom(self) -> float:
        return self.rows[-1][0].bottom

    @property
    def left(self) -> float:
        return min(row[0].left for row in self.rows)

    @property
    def right(self) -> float:
        return max(row[-1].right for row in self.rows)


@dataclass
class Page:
    number: int
    lines: list[Line]
    figures: list[Figure]
    grids: list[Grid]


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _font_name(obj, raw) -> str:
    """A text object's font, without the subset prefix (ABCDEF+FandolFang-Regular)."""
    font = raw.FPDFTextObj_GetFont(obj)
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(256)
    length = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
    name = buffer.raw[:max(length - 1, 0)].decode("latin-1", "replace")
    return name.split("+")[-1]


def _size(obj, raw) -> float:
    """A text object's font size in points on the page."""
    size = ctypes.c_float()
    if not raw.FPDFTextObj_GetFontSize(obj, size):
        return 0.0
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return size.value
    return size.value * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))


def _glyphs(textpage, raw) -> list[Glyph]:
    glyphs: list[Glyph] = []
    objects: dict[int, tuple[float, str]] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    count = raw.FPDFText_CountChars(textpage)
    i = 0
    while i < count:
        k = i
        i += 1
        if raw.FPDFText_IsGenerated(textpage, k) == 1:
            continue  # a space or line break PDFium made up
        code = raw.FPDFText_GetUnicode(textpage, k)
        if 0xD800 <= code < 0xDC00 and i < count:  # a surrogate pair
            low = raw.FPDFText_GetUnicode(textpage, i)
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 1
        char = chr(code) if code else ""
        if not char or unicodedata.category(char) in ("Cc", "Cs") and char not in " \t":
            continue
        obj = raw.FPDFText_GetTextObject(textpage, k)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if key not in objects:
            objects[key] = (_size(obj, raw), _font_name(obj, raw)) if key else (0.0, "")
        size, font = objects[key]
        raw.FPDFText_GetCharOrigin(textpage, k, x, y)
        right = x.value + (size if _is_cjk(char) else size / 2)
        if raw.FPDFText_GetLooseCharBox(textpage, k, box) and box.right > box.left:
            right = box.right
        glyphs.append(Glyph(char, x.value, y.value, right, size or 12.0, font))
    return glyphs


def _group_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs sharing a baseline make a line; lines top to bottom."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: -g.y):
        if rows and abs(rows[-1][0].y - glyph.y) < 0.35 * max(rows[-1][0].size, glyph.size):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        text, previous = "", None
        for glyph in row:
            if previous is not None and not text.endswith(" ") and glyph.char != " ":
                gap = (glyph.x - previous.right) / max(glyph.size, 1.0)
                wide = _is_cjk(previous.char) and _is_cjk(glyph.char)
                if gap > (CJK_SPACE_GAP if wide else SPACE_GAP):
                    text += " "
            text += glyph.char
            previous = glyph
        fonts: dict[str, int] = {}
        sizes: dict[float, int] = {}
        for glyph in row:
            if glyph.char.strip():
                fonts[glyph.font] = fonts.get(glyph.font, 0) + 1
                sizes[round(glyph.size, 1)] = sizes.get(round(glyph.size, 1), 0) + 1
        if not fonts:
            continue
        start = next(g for g in row if g.char.strip())
        end = next(g for g in reversed(row) if g.char.strip())
        lines.append(Line(page, start.x, start.y, end.right, max(sizes, key=sizes.get),
                          max(fonts, key=fonts.get), re.sub(r"[ \t]+", " ", text).strip(), fonts))
    return lines


def _cells(page, raw) -> list[Cell]:
    """The boxes of the filled paths big enough to be table cells."""
    cells: dict[tuple[int, int, int, int], Cell] = {}
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        if right - left < MIN_CELL or top - bottom < MIN_CELL:
            continue
        key = (round(left * 2), round(bottom * 2), round(right * 2), round(top * 2))
        cells.setdefault(key, Cell(left, bottom, right, top))
    return list(cells.values())


def _grids(cells: list[Cell], page: int) -> list[Grid]:
    """Cells tiling a region, grouped into tables: rows are cells of one
    height band, a table's rows touch one another."""
    bands: dict[tuple[int, int], list[Cell]] = {}
    for cell in cells:
        bands.setdefault((round(cell.top * 2), round(cell.bottom * 2)), []).append(cell)
    # A band must be a row: cells side by side, none inside another.
    rows = []
    for band in sorted(bands.values(), key=lambda b: -b[0].top):
        band.sort(key=lambda c: c.left)
        if all(abs(a.right - b.left) < 1.0 for a, b in zip(band, band[1:])):
            rows.append(band)
    grids: list[Grid] = []
    for row in rows:
        grid = grids[-1] if grids else None
        if grid is not None and abs(grid.bottom - row[0].top) < 1.0 \
                and row[0].left < grid.right and row[-1].right > grid.left:
            grid.rows.append(row)
        else:
            grids.append(Grid(page, [row]))
    return [g for g in grids if len(g.rows) > 1 or len(g.rows[0]) > 1]


def _fill(grid: Grid, glyphs: list[Glyph]) -> list[Glyph]:
    """Give the glyphs inside the grid's cells to the cells; the rest back."""
    from ..textjoin import join_text

    rest = []
    inside: dict[int, list[Glyph]] = {}
    cells = [cell for row in grid.rows for cell in row]
    for glyph in glyphs:
        for n, cell in enumerate(cells):
            if cell.left <= glyph.x < cell.right and cell.bottom <= glyph.y < cell.top:
                inside.setdefault(n, []).append(glyph)
                break
        else:
            rest.append(glyph)
    for n, cell in enumerate(cells):
        text = ""
        lines = _group_lines(inside.get(n, []), grid.page)
        for line in lines:
            text = join_text(text, line.text)
        cell.text = text
        if lines:
            fonts: dict[str, int] = {}
            for line in lines:
                fonts[line.font] = fonts.get(line.font, 0) + len(line.text)
            cell.font = max(fonts, key=fonts.get)
    return rest


def _figures(page, raw, number: int) -> list[Figure]:
    figures = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        if right - left < 2 or top - bottom < 2:
            continue
        out = io.BytesIO()
        try:
            obj.extract(out)
        except Exception:  # noqa: BLE001 - a picture that cannot be decoded is left out
            continue
        data = out.getvalue()
        suffix = ".jpg" if data[:3] == b"\xff\xd8\xff" else ".png" if data[:8] == b"\x89PNG\r\n\x1a\n" \
            else ".bin"
        figures.append(Figure(number, left, bottom, right, top, data, suffix))
    return figures


def read_pages(path: Path) -> list[Page]:
    """Every page's lines of text, pictures and tables."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise IssueError(path, f"PDF 文件已损坏或不是 PDF（{exc}）") from None
    pages = []
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            try:
                textpage = page.get_textpage()
                try:
                    glyphs = _glyphs(textpage, raw)
                finally:
                    textpage.close()
                grids = _grids(_cells(page, raw), number)
                for grid in grids:
                    glyphs = _fill(grid, glyphs)
                figures = _figures(page, raw, number)
            finally:
                page.close()
            pages.append(Page(number, _group_lines(glyphs, number), figures, grids))
    finally:
        document.close()
    return pages
