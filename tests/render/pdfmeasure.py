"""Read a built bulletin back with pdfplumber: lines, rules and page numbers, in pt.

Coordinates are pdfplumber's: x from the left edge, y ("top") from the top
edge of the page, in pt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests import plumbed

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
    with plumbed.open(str(pdf_path)) as pdf:
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


# --- Punctuation, measured on the boxes pdfplumber gives --------------------------------------
#
# A full-width mark draws its ink in one half of its 1-em box: a closing mark
# (，。、”）》 …) in the left half, an opening mark (“（《【 …) in the right
# half. These helpers read the marks' spacing from the boxes with that model.

CLOSING_MARKS = frozenset("、，。；：！）】〕」』”’》〉〗］｝")
OPENING_MARKS = frozenset("（【〔「『“‘《〈〖［｛")
MARKS = CLOSING_MARKS | OPENING_MARKS | frozenset("？")


def advances(line: TextLine) -> list[float]:
    """The advance of each character but the last: where the next one starts."""
    return [b["x0"] - a["x0"] for a, b in zip(line.chars, line.chars[1:])]


def single_mark_advances(line: TextLine) -> list[tuple[str, float]]:
    """(mark, advance in em) for every mark inside the line that has no mark
    on either side (neither the line's first nor its last character)."""
    text, out = line.text, []
    steps = advances(line)
    for i in range(1, len(text) - 1):
        if text[i] in MARKS and text[i - 1] not in MARKS and text[i + 1] not in MARKS:
            out.append((text[i], steps[i] / line.size))
    return out


def ink_half(char, size: float) -> tuple[float, float]:
    """The half of a mark's box its ink is in (the whole box for anything else)."""
    if char["text"] in CLOSING_MARKS:
        return char["x0"], char["x0"] + size / 2
    if char["text"] in OPENING_MARKS:
        return char["x0"] + size / 2, char["x0"] + size
    return char["x0"], char["x1"]


def mark_pair_blanks(line: TextLine) -> list[tuple[str, float]]:
    """(pair, blank in em) between the ink halves of every two adjacent marks."""
    out = []
    for a, b in zip(line.chars, line.chars[1:]):
        if a["text"] in MARKS and b["text"] in MARKS:
            blank = ink_half(b, line.size)[0] - ink_half(a, line.size)[1]
            out.append((a["text"] + b["text"], blank / line.size))
    return out


def set_edges(line: TextLine, left_edge: float = LEFT, right_edge: float = RIGHT
              ) -> tuple[float, float]:
    """The line's left and right edges as set: its first and last boxes, except
    that a mark set out past the type area by about its blank half (an opening
    mark set half width at a line start, a closing mark whose blank half was
    given up at a line end) counts from its ink half."""
    first, last = line.chars[0], line.chars[-1]
    left, right = first["x0"], last["x1"]
    half = line.size / 2
    if first["text"] in OPENING_MARKS and left < left_edge - half / 2:
        left += half
    if last["text"] in CLOSING_MARKS and right > right_edge + half / 4:
        right -= half
    return left, right


def spacing_excess(line: TextLine) -> list[float]:
    """For every gap between two adjacent Chinese characters (Han or marks),
    how much wider it is than the house style sets it, in em: a grid cell a
    character, half an em less for two adjacent marks (compressed). Positive:
    looser than the grid, negative: tighter."""
    out = []
    for a, b in zip(line.chars, line.chars[1:]):
        if not (_chinese(a["text"]) and _chinese(b["text"])):
            continue
        nominal = GRID_CELL
        if a["text"] in CLOSING_MARKS | OPENING_MARKS and b["text"] in CLOSING_MARKS | OPENING_MARKS \
                and not (a["text"] in OPENING_MARKS and b["text"] in CLOSING_MARKS):
            nominal -= line.size / 2
        out.append((b["x0"] - a["x0"] - nominal) / line.size)
    return out


def looseness(line: TextLine) -> float:
    """How much looser than the grid the line is set: the mean of
    :func:`spacing_excess`, in em a gap (0 on the grid)."""
    excess = spacing_excess(line)
    return sum(excess) / len(excess) if excess else 0.0


GRID_CELL = 156 * MM / 28


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in MARKS


# --- Blank space at the foot of a page ---------------------------------------------------------

TYPE_HEIGHT = BOTTOM - TOP


def blank_share(pdf_path: Path) -> list[tuple[float, str]]:
    """For every page, the share of the type area's height left blank under
    the lowest thing printed in it (text, picture or rule; the page number
    lies under the type area), and the first character printed in the type
    area (a column heading starts with 【)."""
    out = []
    with plumbed.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            inside = [c for c in page.chars if c["top"] > TOP - 8 and c["bottom"] < BOTTOM + 2]
            bottoms = [c["bottom"] for c in inside]
            bottoms += [i["bottom"] for i in page.images]
            bottoms += [r["bottom"] for r in page.rects + page.lines if r["bottom"] < BOTTOM + 2]
            first = min(inside, key=lambda c: (round(c["top"]), c["x0"]), default=None)
            out.append(((BOTTOM - max(bottoms, default=TOP)) / TYPE_HEIGHT,
                        first["text"] if first else ""))
    return out


def too_blank_pages(pdf_path: Path, share: float = 0.15) -> list[tuple[int, float]]:
    """(page, blank share) of every page more than ``share`` blank at its
    foot, but the last and one before a page that starts a column (【…】)."""
    pages = blank_share(pdf_path)
    return [(number, round(blank, 3)) for number, ((blank, _), (_, starts)) in
            enumerate(zip(pages, pages[1:]), start=1) if blank > share and starts != "【"]
