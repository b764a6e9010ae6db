"""Tables of an article's body set for the page: text size, column widths, cell lines.

The HTML engine's automatic table layout sizes columns by what a cell may be
broken into, which for Chinese is one character: a long remark squeezes a
column of names to a character a line, and a header breaks inside its words
(学会名/称). Here the typesetter does it, as for paragraphs:

* **Where a cell may break.** Between words only, as the title breaker sees
  them (:func:`.titlebreaks.break_classes`: jieba with the office's terms; a
  quoted name and an office term stay whole), and only where the 禁则 allow
  (:func:`.rules.breakable`). A number with its unit such as 2023年7月12日 or
  12.5万元 never breaks (unless it is wider than its column can be). A web address or other long Latin run breaks
  only after ``/`` and before ``.``. A piece wider than its column (a word
  longer than the column is wide) is broken between characters after all.
* **How wide each column is.** Each column first gets a least width: (0) its
  header whole and every cell of at most ``table.keep_whole_chars`` 字 whole;
  (1) headers of more than ``keep_whole_chars_tight`` 字 broken between words
  (what is in brackets stays with the word before it: 经费（万元）), cells of
  at most ``keep_whole_chars_tight`` 字 whole; (2) every header and cell
  broken between words (headers as at (1)); (3) cells anywhere the 禁则
  allow, headers as at (1); (4) headers between words too (a word of two
  characters whole). No word is broken at (0) to (2), no header at (3). The
  first that fits the type width is taken: (0), (1), (2) at ``table.size_pt``,
  then the same at each of ``table.smaller_sizes_pt`` (a wide table is set
  smaller rather than broken inside a word); then (3) at each size; then (4)
  at the smallest size. What is left goes to the columns in proportion to
  how much more their longest cell wants.
* **Lines.** Cells are broken here (greedy, at the places above) and printed
  as lines (``white-space: pre``), so each row's height is known: a whole
  number of table lines of ``table.pitch_em`` × the text size (21 pt for
  14 pt text, where the body pitch is 28.99 pt). Under the table a pad
  (:attr:`SetTable.pad`) brings the text after it back onto the body grid.

What a cell adds to its text (padding ``table.cell_padding_em`` on both
sides, a rule ``table.rule_pt`` on both) is counted from layout.toml; the
stylesheet draws the same values (``--cell-padding``, ``--cell-rule``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .rules import LONG_LATIN, OPENING, atoms, breakable, is_latin
from .titlebreaks import WORD, break_classes, number_spans

if TYPE_CHECKING:  # (the Typesetter that calls set_table is not imported: no circle)
    from ..source.model import Table
    from .measure import Measure

#: Widths are compared with this much to spare (pt): the engine's rounding of
#: advances never makes a line we set wider than its cell.
SLACK = 0.05


@dataclass(frozen=True)
class SetTable:
    """A table set for the page: its text size, columns and cell lines."""

    table: "Table"
    #: The width of each column in pt, cell padding and rule included; they
    #: add up to the type width.
    widths: tuple[float, ...]
    #: Text size and line pitch of the table (pt).
    size: float
    pitch: float
    #: Every row (the header first) as its cells, each cell as its lines.
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    #: Space under the table (pt) that brings the text after it back onto
    #: the body grid (the table set whole; compose measures a split one).
    pad: float = 0.0
    #: The table never splits (at most ``table.keep_rows`` rows under its header).
    keep: bool = False
    #: A split leaves at least this many rows on each side.
    split_rows: int = 2
    #: A row of more lines than this may split across pages.
    row_keep_lines: int = 4
    #: The body item it sets.
    index: int = 0
    kind: str = "table"
    #: Set elsewhere than the issue puts it (:mod:`weekly_pdf.pdf.placement`).
    moved: bool = False

    @property
    def caption(self) -> str | None:
        return self.table.caption

    @property
    def key(self) -> str:
        return str(self.index)

    @property
    def header(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[0]

    @property
    def body_rows(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        return self.rows[1:]

    @property
    def numeric(self) -> tuple[bool, ...]:
        return self.table.numeric

    @cached_property
    def row_lines(self) -> tuple[int, ...]:
        """How many lines each row takes (its tallest cell), the header first
        (worked out once: the template and placement ask it of every row)."""
        return _row_lines(self.rows)

    def tall(self, index: int) -> bool:
        """Row ``index`` (the header is 0) has more lines than
        ``row_keep_lines`` and is neither the first nor the last row: it may
        split across pages (a page then holds part of it)."""
        if self.keep or self.row_lines[index] <= self.row_keep_lines:
            return False
        return 1 < index < len(self.rows) - 1

    @property
    def grid_height(self) -> float:
        """Header and rows, without caption and pad (pt)."""
        return sum(self.row_lines) * self.pitch

    def with_pad(self, pad: float) -> "SetTable":
        from dataclasses import replace
        return replace(self, pad=round(pad, 3))


def grid_pad(height: float, pitch: float) -> float:
    """What a block ``height`` tall needs under it to end on the grid of ``pitch``."""
    rest = height % pitch
    return 0.0 if rest < 1e-3 or pitch - rest < 1e-3 else pitch - rest


# --- where a cell may break ------------------------------------------------------------------


def _atoms(text: str) -> list[str]:
    """``text`` as pieces a line never splits (:func:`.rules.atoms`, every
    space kept): a character, a ``——`` or ``……``, a Latin word or number, a
    long Latin run cut after ``/`` and before ``.`` only, a space."""
    return atoms(text, latin_pieces=_address_pieces, every_space=True)


def _address_pieces(run: str) -> list[str]:
    """A Latin run longer than :data:`~.rules.LONG_LATIN` (a web address or
    the like) in pieces that break only after "/" and before "."."""
    if len(run) <= LONG_LATIN:
        return [run]
    pieces, start = [], 0
    for i in range(1, len(run)):
        if (run[i - 1] == "/" and run[i] != "/") or (run[i] == "." and run[i - 1] != "."):
            pieces.append(run[start:i])
            start = i
    pieces.append(run[start:])
    return pieces


@dataclass(frozen=True)
class Breaks:
    """Where a cell's text may break: ``places`` are the positions (between
    characters) the 禁则 allow; ``words`` those of them that lie between two
    words."""

    text: str
    places: tuple[int, ...]
    words: tuple[int, ...]


def breaks(text: str, terms: tuple[str, ...] = (), *, header: bool = False) -> Breaks:
    """Where ``text`` may break. In a ``header``, what is in brackets stays
    with the word before it (经费（万元）: a unit belongs to its heading)."""
    atoms = _atoms(text)
    places, position = [], 0
    latin_inside = set()
    for before, after in zip(atoms, atoms[1:]):
        position += len(before)
        if breakable(before, after):
            places.append(position)
        if is_latin(before[-1]) and is_latin(after[0]):
            latin_inside.add(position)  # inside a long Latin run: its own rule decides
    inside = {k for a, b in number_spans(text) for k in range(a + 1, b)}
    places = [k for k in places if k not in inside]  # 2023年7月12日, 12.5万元: never broken
    if not places:
        return Breaks(text, (), ())
    classes = break_classes(text, terms) if any(_is_han(c) for c in text) else None
    words = tuple(k for k in places if k in latin_inside or text[k - 1] == " " or text[k] == " "
                  or classes is None or classes[k] <= WORD)
    if header:
        words = tuple(k for k in words if text[k] not in OPENING)
        places = [k for k in places if text[k] not in OPENING]
    return Breaks(text, tuple(places), words)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def _pieces(text: str, cuts) -> list[str]:
    out, start = [], 0
    for k in cuts:
        out.append(text[start:k])
        start = k
    out.append(text[start:])
    return out


# --- lines -----------------------------------------------------------------------------------


def cell_lines(text: str, width: float, measure: "Measure", found: Breaks) -> tuple[str, ...]:
    """``text`` broken into lines of at most ``width`` pt (greedy), between
    words where it can; a word wider than the line is broken at the other
    places the 禁则 allow, and a piece still wider between any characters."""
    if not text:
        return ("",)

    def wide(piece: str) -> float:
        return sum(measure.widths(piece.strip(" ")))

    if wide(text) <= width + SLACK:
        return (text,)
    lines: list[str] = []
    line = ""
    bounds = [0, *found.words, len(text)]
    for a, b in zip(bounds, bounds[1:]):
        word = text[a:b]
        if wide(line + word) <= width + SLACK:
            line += word
            continue
        if line.strip(" ") and wide(word) <= width + SLACK:
            lines.append(line)
            line = word
            continue
        # A word wider than a line: break it where the 禁则 allow, then anywhere.
        cuts = [k - a for k in found.places if a < k < b]
        for piece in _pieces(word, cuts):
            for chunk in ([piece] if wide(piece) <= width + SLACK else list(piece)):
                if not line.strip(" ") or wide(line + chunk) <= width + SLACK:
                    line += chunk
                else:
                    lines.append(line)
                    line = chunk
    lines.append(line)
    return tuple(piece.strip(" ") for piece in lines if piece.strip(" ")) or ("",)


# --- columns ---------------------------------------------------------------------------------


@dataclass
class _Column:
    header: Breaks
    cells: list[Breaks]
    numeric: bool


def least_widths(columns: list[_Column], size: float, head: "Measure", body: "Measure",
                 layout) -> tuple[list[float], tuple[list[float], ...]]:
    """What each column wants (its longest cell unbroken) and its least width
    at each level 0–4 (see the module docstring), padding and rules included."""
    cell_space = 2 * layout.cell_padding_em * size + 2 * layout.cell_rule
    want, levels = [], ([], [], [], [], [])

    def text_width(measure, text: str) -> float:
        return sum(measure.widths(text))

    def widest(measure, found: Breaks, cuts) -> float:
        return max(text_width(measure, piece.strip(" ")) for piece in _pieces(found.text, cuts))

    for column in columns:
        header = text_width(head, column.header.text)
        cells = [text_width(body, cell.text) for cell in column.cells]
        any_words = widest(head, column.header, column.header.words)
        header_words = header if len(column.header.text) <= layout.keep_whole_chars_tight \
            else any_words
        words = max([widest(body, cell, cell.words) for cell in column.cells], default=0.0)
        units = max([widest(body, cell, cell.places) for cell in column.cells], default=0.0)
        numbers = max(cells, default=0.0) if column.numeric else 0.0

        def short(chars: float) -> float:
            return max([w for w, cell in zip(cells, column.cells)
                        if len(cell.text) <= chars], default=0.0)
        want.append(max([header, *cells]) + cell_space)
        levels[0].append(max(header, numbers, words, short(layout.keep_whole_chars)) + cell_space)
        levels[1].append(max(header_words, numbers, words, short(layout.keep_whole_chars_tight))
                         + cell_space)
        levels[2].append(max(header_words, numbers, words, short(1)) + cell_space)
        # (3) headers too where the 禁则 allow, but not a two-character word
        pair = text_width(head, column.header.text[:2])
        header_units = min(any_words, max(widest(head, column.header, column.header.places), pair))
        levels[3].append(max(numbers, units, header_words, size) + cell_space)
        levels[4].append(max(numbers, units, header_units, size) + cell_space)
    return want, levels


def share_width(want: list[float], least: list[float], width: float) -> tuple[float, ...]:
    """Columns of at least ``least`` filling ``width``: what is left goes to
    the columns in proportion to how much more they want."""
    extra = [max(w - m, 0.0) for w, m in zip(want, least)]
    spare = width - sum(least)
    if sum(extra) <= spare:   # everything fits unbroken: share the rest evenly
        return tuple(m + e + (spare - sum(extra)) / len(want) for m, e in zip(least, extra))
    return tuple(m + e * spare / sum(extra) for m, e in zip(least, extra))


def _row_lines(rows) -> tuple[int, ...]:
    """Lines per row: its tallest cell's."""
    return tuple(max(len(cell) for cell in row) for row in rows)


def set_table(table: "Table", typesetter) -> SetTable:
    """``table`` set on the layout of ``typesetter`` (a :class:`.setting.Typesetter`,
    not imported here: it imports this module): its size, columns and
    cell lines, and the pad that ends it on the body grid.

    The first of these that fits the type width is taken: every column's
    level-0 least width at the table size, then at each smaller size; the
    level-1 widths at each size; level 2 at the smallest size; else the
    level-2 widths scaled down to fit.
    """
    from .measure import Measure

    layout = typesetter.layout
    width = typesetter.width
    terms = typesetter.terms
    numeric = table.numeric
    columns = [_Column(breaks(table.header[c], terms, header=True),
                       [breaks(row[c], terms) for row in table.body_rows], numeric[c])
               for c in range(table.columns)]
    sizes = (layout.table_size, *layout.table_smaller_sizes)
    measured = {}
    for size in sizes:
        head = Measure(typesetter.advances, layout.roles["table_header"], size)
        body = Measure(typesetter.advances, layout.roles["table"], size)
        measured[size] = (head, body, *least_widths(columns, size, head, body, layout))
    choice = None
    # No word broken (0–2) at the largest size that allows it; then no header
    # broken (3) at the largest size; then (4) at the smallest.
    order = [(size, level) for size in sizes for level in (0, 1, 2)] + \
        [(size, 3) for size in sizes] + [(sizes[-1], 4)]
    for size, level in order:
        want, levels = measured[size][2:]
        if sum(levels[level]) <= width:
            choice = size, share_width(want, levels[level], width)
            break
    if choice is None:  # even single characters are too wide: scale the least widths down
        size = sizes[-1]
        least = measured[size][3][4]
        choice = size, tuple(w * width / sum(least) for w in least)
    size, widths = choice
    head, body = measured[size][:2]
    cell_space = 2 * layout.cell_padding_em * size + 2 * layout.cell_rule
    rows = [tuple(cell_lines(column.header.text, w - cell_space, head, column.header)
                  for column, w in zip(columns, widths))]
    for r in range(len(table.body_rows)):
        rows.append(tuple(cell_lines(column.cells[r].text, w - cell_space, body, column.cells[r])
                          for column, w in zip(columns, widths)))
    pitch = round(size * layout.table_pitch_em, 3)
    grid = sum(_row_lines(rows)) * pitch
    set_ = SetTable(table, tuple(round(w, 3) for w in widths), size, pitch, tuple(rows),
                    # a short table taller than a page (with a two-line caption) splits all the same
                    keep=len(table.body_rows) <= layout.table_keep_rows and
                    grid + 2 * typesetter.line_pitch <= layout.lines_per_page * typesetter.line_pitch,
                    split_rows=layout.table_split_rows,
                    row_keep_lines=layout.table_row_keep_lines)
    return set_.with_pad(grid_pad(set_.grid_height, typesetter.line_pitch))


def whole_table(table: "Table", typesetter, index: int = 0) -> SetTable:
    """``table`` with every cell on one line (for the glyph check, which
    records each printed text whole)."""
    layout = typesetter.layout
    share = typesetter.width / table.columns
    return SetTable(table, tuple(share for _ in range(table.columns)), layout.table_size,
                    layout.table_size * layout.table_pitch_em,
                    tuple(tuple((cell,) for cell in row) for row in table.rows), index=index)
