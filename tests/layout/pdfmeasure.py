"""Read a built bulletin back with pdfplumber: lines, rules and page numbers, in pt.

Coordinates are pdfplumber's: x from the left edge, y ("top") from the top
edge of the page, in pt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, 184 * MM
TOP, BOTTOM = 37 * MM, 262 * MM
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, CLOSING_SIZE = 16, 22, 14, 14
PAGE_NUMBER_RE = re.compile(r"^— (\d+) —$")


@dataclass
class TextLine:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    fonts: set[str]
    text: str
    chars: list = field(repr=False, default_factory=list)

    @property
    def baseline_key(self) -> tuple[int, float]:
        return self.page, round(self.top, 1)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[TextLine]
    rects: list[dict]


def _size(char) -> float:
    return round(char["size"], 1)


def read(pdf_path: Path) -> list[Page]:
    """Every page: its text lines (chars of one size on one baseline) and rules."""
    pages = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            groups: dict[tuple[float, float], list] = {}
            for char in page.chars:
                # One line: one baseline (the text matrix's y) and one size.
                key = (round(page.height - char["matrix"][5], 1), _size(char))
                groups.setdefault(key, []).append(char)
            lines = []
            for (_, size), chars in groups.items():
                chars.sort(key=lambda c: c["x0"])
                # Split a baseline into separate lines where there is a wide gap
                # (publisher and date share one baseline).
                run = [chars[0]]
                for prev, char in zip(chars, chars[1:]):
                    if char["x0"] - prev["x1"] > 3 * size:
                        lines.append(_line(number, run))
                        run = []
                    run.append(char)
                lines.append(_line(number, run))
            lines.sort(key=lambda l: (l.top, l.x0))
            rects = [dict(r) for r in page.rects] + [dict(r) for r in page.lines]
            pages.append(Page(number, page.width, page.height, lines, rects))
    return pages


def _line(page: int, chars: list) -> TextLine:
    return TextLine(page, min(c["top"] for c in chars), max(c["bottom"] for c in chars),
                    chars[0]["x0"], chars[-1]["x1"], _size(chars[0]),
                    {c["fontname"].split("+", 1)[-1] for c in chars},
                    "".join(c["text"] for c in chars), chars)


def body_lines(pages: list[Page]) -> list[TextLine]:
    """Lines of body text (16 pt, the body role's fonts) below the masthead, in order."""
    out = []
    for page in pages:
        for line in page.lines:
            if line.size == BODY_SIZE and _is_body_font(line) and not (
                    page.number == 1 and line.top < _masthead_bottom(page)):
                out.append(line)
    return out


def _is_body_font(line: TextLine) -> bool:
    return any("Fang" in f for f in line.fonts) and not any(
        "Hei" in f or "Kai" in f for f in line.fonts)


def _masthead_bottom(page: Page) -> float:
    """The bottom of the masthead rule (the topmost rule of page 1)."""
    rules = horizontal_rules(page)
    return rules[0]["bottom"] if rules else 0


def _is_red(rect) -> bool:
    colour = rect.get("non_stroking_color") or rect.get("stroking_color")
    return _rgb(colour) == (1.0, 0.0, 0.0)


def _rgb(colour):
    if isinstance(colour, (list, tuple)) and len(colour) == 3:
        return tuple(round(float(c), 3) for c in colour)
    return None


def page_number_lines(pages: list[Page]) -> dict[int, TextLine]:
    """The page-number line of each page that has one."""
    out = {}
    for page in pages:
        for line in page.lines:
            if line.size == PAGE_NUMBER_SIZE and PAGE_NUMBER_RE.match(line.text) \
                    and line.top > BOTTOM:
                out[page.number] = line
    return out


def horizontal_rules(page: Page, colour=None) -> list[dict]:
    """Rules (filled rectangles far wider than tall), top to bottom."""
    rules = [r for r in page.rects if r["width"] > 100 and r["height"] < 3]
    if colour is not None:
        rules = [r for r in rules if _rgb(r.get("non_stroking_color")) == colour]
    return sorted(rules, key=lambda r: r["top"])


INDENT = 31.59  # house style: two grid cells


def is_body(line: TextLine) -> bool:
    return line.size == BODY_SIZE and _is_body_font(line)


def flow(pages: list[Page]) -> list[TextLine]:
    """Every line of the running text in reading order: no masthead, no page numbers."""
    out = []
    for page in pages:
        masthead = _masthead_bottom(page) if page.number == 1 else 0
        for line in page.lines:
            if line.top < masthead or (line.size == PAGE_NUMBER_SIZE
                                       and PAGE_NUMBER_RE.match(line.text)):
                continue
            out.append(line)
    return out


def paragraphs(pages: list[Page]) -> list[list[TextLine]]:
    """Body lines grouped into paragraphs: a paragraph starts at an indented
    line or after anything that is not body text."""
    out: list[list[TextLine]] = []
    previous_body = False
    for line in flow(pages):
        if not is_body(line):
            previous_body = False
            continue
        indented = abs(line.x0 - LEFT - INDENT) < 1.0
        if indented or not previous_body:
            out.append([])
        out[-1].append(line)
        previous_body = True
    return out


def full_lines(pages: list[Page]) -> list[tuple[TextLine, bool]]:
    """(line, is first of its paragraph) for every line that is not its paragraph's last."""
    return [(line, i == 0) for para in paragraphs(pages) for i, line in enumerate(para[:-1])]


# --- Ink, measured on a render -------------------------------------------------------------

#: Resolution of the renders that measure ink (1 px = 0.04 mm).
INK_DPI = 600


def ink_rows(pdf_path: Path, page: int, box: tuple[float, float, float, float],
             threshold: int = 128) -> list[float]:
    """The centres (pt from the page top) of the pixel rows with ink inside
    ``box`` = (x0, top, x1, bottom) in pt, rendered by pdftoppm at INK_DPI."""
    import subprocess

    scale = INK_DPI / 72
    x0, top, x1, bottom = box
    px, py = int(x0 * scale), int(top * scale)
    width, height = max(1, int((x1 - x0) * scale)), max(1, int((bottom - top) * scale))
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(INK_DPI), "-f", str(page), "-l", str(page),
         "-x", str(px), "-y", str(py), "-W", str(width), "-H", str(height), str(pdf_path)],
        capture_output=True, check=True).stdout
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
    fields, pos = [], 0
    while len(fields) < 4:
        while pgm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not pgm[end:end + 1].isspace():
            end += 1
        fields.append(pgm[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    pixels = pgm[pos + 1:pos + 1 + w * h]
    rows = []
    for row in range(h):
        if min(pixels[row * w:(row + 1) * w]) < threshold:
            rows.append((py + row + 0.5) / scale)
    return rows


def dash_centre(pdf_path: Path, line: TextLine) -> float:
    """The centre line of the ink of the page number's first dash (pt from the
    page top): the middle of the rows of pixels it blackens."""
    dash = line.chars[0]
    assert dash["text"] == "—", line.text
    rows = ink_rows(pdf_path, line.page, (dash["x0"] + 1, dash["top"] - 2,
                                          dash["x1"] - 1, dash["bottom"] + 2))
    assert rows, f"no ink in the dash of page {line.page}"
    return (rows[0] + rows[-1]) / 2
