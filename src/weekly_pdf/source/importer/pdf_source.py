"""Read a PDF back issue into lines, using the page's geometry.

:mod:`.pdf_page` gives each page's lines of text (exact starts and ends,
fonts, sizes), pictures and table cells. The body type is the (font, size)
that carries most of the text; its left edge is the commonest start of a body
line that does not open with an opening mark (which our layout hangs half a
cell into the margin), its right edge the commonest end. Then:

- a body line that starts further right than the left edge (the two-character
  first-line indent) begins a paragraph; a body line at the edge (or hung
  left of it) continues the open paragraph, across page breaks and pictures
  at the top of a page too, so a paragraph comes out whole however the layout
  breaks or spaces its lines;
- lines in a type larger than the body are titles; consecutive ones (a title
  wrapped over two lines) are joined;
- inside the columns, lines at the body size in another font are headings
  (the column headings' font: ``heading``, another: ``subheading``), joined
  over their lines; one opening with 编者按 is the note; long ones are
  paragraphs;
- pictures and tables (after the first column) are blocks where they stand;
  a smaller line right under a picture or right above a table is its
  caption; a table continued on the next page under its repeated header is
  one table; a picture's width is its share of the body's line;
- a line that does not start with a contents marker (◆) and is indented under
  the entry above it is the rest of that wrapped contents entry;
- page numbers (— 3 —) and running heads (the same text at the top or foot
  of several pages) are dropped;
- a link on a line (our contents entries link to their articles) marks that
  line and the line it points at with the same ``target``, which pairs the
  entry with its article whatever their texts.
- in a PDF of weekly-pdf (its producer says so), the named destinations
  that :mod:`weekly_pdf.source.placemarks` names say what the layout placed
  elsewhere to fill a page: a moved picture or table goes back to its index
  in its article's body (:func:`.records.put_back`), the rest of a paragraph
  cut by it joins the paragraph's first part, a shrunk picture gets the
  width it had unshrunk, and the rest of a table row split over a page
  break joins the row.

pypdf opens the file first (encryption, damage) and reads the links; PDFium
(pypdfium2) reads the pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...errors import IssueError
from ..inputfile import quiet_pypdf
from ..punctuation import OPENING
from ..model import Heading, Table
from ..placemarks import PREFIX as MARK_PREFIX, PlaceMark, parse_mark
from ..textjoin import join_text
from ..wording import HEADING_RE, SUBHEADING_RE
from .lines import SourceLine
from .parse import BULLET_RE, COLUMN_RE, FOOTER_START_RE, PAGE_NUMBER_RE
from .pdf_page import Figure, Grid, Line, read_pages
from .records import Picture
from .word import PICTURE_CAPTION_RE

#: Largest PDF accepted, in bytes.
MAX_PDF_BYTES = 50 * 1024 * 1024
#: Most pages accepted (an issue has about 8; its pages are read in about
#: 0.05 s each).
MAX_PDF_PAGES = 200
#: Longest heading, in characters (a longer line in a heading's font is a paragraph).
SHORT_HEADING = 40
#: The label of the 编者按.
NOTE_RE = re.compile(r"^[【\[]?编者按[】\]]?[:：]?")


@dataclass(frozen=True)
class _Link:
    """A link on a page (its rectangle's vertical extent) to a place in the PDF."""

    page: int
    bottom: float
    top: float
    #: Where it points: page number and the height of the place on that page.
    to_page: int
    to_top: float


def _links(reader) -> list[_Link]:
    """The internal links of every page (our PDFs link each contents entry to
    its article: a named destination or an explicit one)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)
                  if page.indirect_reference is not None}
    try:
        named = reader.named_destinations
    except Exception:  # noqa: BLE001 - a broken name tree only costs the links
        named = {}

    def resolve(dest) -> tuple[int, float] | None:
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        if isinstance(dest, (str, bytes)):
            target = named.get(dest if isinstance(dest, str) else dest.decode("latin-1"))
            if target is None or target.page is None:
                return None
            ref = getattr(target.page, "idnum", None)
            return (page_index[ref], float(target.top or 0)) if ref in page_index else None
        if isinstance(dest, ArrayObject) and len(dest) >= 4 and dest[1] == "/XYZ":
            ref = getattr(dest[0], "idnum", None)
            top = dest[3]
            return (page_index[ref], float(top or 0)) if ref in page_index else None
        return None

    links = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            try:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Link":
                    continue
                dest = annotation.get("/Dest")
                action = annotation.get("/A")
                if dest is None and isinstance(action, DictionaryObject) \
                        and action.get("/S") == "/GoTo":
                    dest = action.get("/D")
                where = resolve(dest) if dest is not None else None
                if where is None:
                    continue
                rect = [float(v) for v in annotation["/Rect"]]
                links.append(_Link(number, min(rect[1], rect[3]), max(rect[1], rect[3]), *where))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # a malformed annotation only costs its link
    return links


@dataclass(frozen=True)
class _Mark:
    """A named destination of a PDF of weekly-pdf that names a piece it
    placed elsewhere, cut or shrunk (:mod:`weekly_pdf.source.placemarks`)."""

    mark: PlaceMark
    page: int
    #: The top of the piece's element (pt from the page's foot).
    top: float


def _made_by_us(reader) -> bool:
    """The PDF says weekly-pdf produced it (finish.py writes "weekly-pdf <version> …")."""
    try:
        producer = str((reader.metadata or {}).get("/Producer") or "")
    except Exception:  # noqa: BLE001 - a broken information dictionary: not known to be ours
        return False
    return producer.startswith("weekly-pdf ")


def _place_marks(reader) -> list[_Mark]:
    """The place marks of a PDF of weekly-pdf (:mod:`weekly_pdf.source.placemarks`)."""
    try:
        named = reader.named_destinations
    except Exception:  # noqa: BLE001 - a broken name tree only costs the marks
        return []
    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)
                  if page.indirect_reference is not None}
    marks = []
    for name, target in named.items():
        mark = parse_mark(str(name)) if str(name).startswith(MARK_PREFIX) else None
        ref = getattr(getattr(target, "page", None), "idnum", None)
        if mark is None or ref not in page_index:
            continue
        try:
            marks.append(_Mark(mark, page_index[ref], float(target.top or 0)))
        except (TypeError, ValueError):
            continue
    return marks


@dataclass
class _Placed:
    """The pieces of the pages the place marks name, by what they are."""

    #: id(Figure) → its mark (moved or shrunk).
    figures: dict[int, PlaceMark] = field(default_factory=dict)
    #: id(Grid) → {row where a marked table starts: its mark}.
    tables: dict[int, dict[int, PlaceMark]] = field(default_factory=dict)
    #: id(Line) of the first line of a paragraph's continuation.
    continued: set[int] = field(default_factory=set)
    #: (id(Grid), row of the grid) → the row of its table (the header is 0)
    #: that starts there: one following a row that may split.
    rows: dict[tuple[int, int], int] = field(default_factory=dict)


def _locate(marks: list[_Mark], pages, lines: list[Line]) -> _Placed:
    """Find the piece each mark names: the first one at or below its
    destination on its page (a picture's frame holds it a pad lower, a
    table's caption is above its rows)."""
    placed = _Placed()
    by_number = {page.number: page for page in pages}
    for found in marks:
        mark, page = found.mark, by_number.get(found.page)
        if page is None:
            continue
        if mark.continued:
            first = _line_below(lines, found.page, found.top)
            if first is not None:
                placed.continued.add(id(first))
            continue
        rows = [(row[0].top, grid, r) for grid in page.grids
                for r, row in enumerate(grid.rows) if row[0].top <= found.top + 2]
        if mark.kind == "row":
            if rows:
                _, grid, r = max(rows, key=lambda candidate: candidate[0])
                placed.rows[id(grid), r] = mark.line
            continue
        candidates = [(figure.top, figure, None) for figure in page.figures
                      if figure.top <= found.top + 2]
        candidates += rows
        if not candidates:
            continue
        _, item, row = max(candidates, key=lambda candidate: candidate[0])
        if row is None:
            placed.figures[id(item)] = mark
        elif mark.moved:
            placed.tables.setdefault(id(item), {})[row] = mark
    return placed


def _line_below(lines: list[Line], page: int, top: float) -> Line | None:
    """The first line at or below ``top`` on ``page`` (a point of slack)."""
    return max((line for line in lines if line.page == page and line.y <= top + 1),
               key=lambda line: line.y, default=None)


def _targets(lines: list[Line], links: list[_Link]) -> dict[int, str]:
    """{id(visual line): mark}: a line a link sits on, and the line that link
    points at (the first line at or below the place), get the same mark."""
    marks: dict[int, str] = {}
    for link in links:
        source = next((line for line in lines if line.page == link.page
                       and link.bottom - 1 <= line.y <= link.top + 1), None)
        target = _line_below(lines, link.to_page, link.to_top)
        if source is None or target is None or source is target:
            continue
        mark = f"{link.to_page}:{round(target.y)}"
        marks.setdefault(id(source), mark)
        marks.setdefault(id(target), mark)
    return marks


@dataclass(frozen=True)
class _Opened:
    """What pypdf reads of a PDF before its pages are read."""

    links: list[_Link]
    #: Its place marks (a PDF whose producer is weekly-pdf only).
    marks: list[_Mark]


def _open(path: Path) -> _Opened:
    """Open the PDF with pypdf (a locked or damaged file is told apart) and
    read its links and, when weekly-pdf made it, its place marks."""
    with quiet_pypdf():
        return _read_links(path)


def _read_links(path: Path) -> _Opened:
    import pypdf
    from pypdf import PasswordType
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    locked = IssueError(path, "PDF 有密码保护（打开时要输入密码），读不出文字；"
                              "请先用知道密码的人的电脑另存为不加密的 PDF，或导入它的文字稿（.txt）")
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise IssueError(path, "PDF 用了本程序读不了的加密方式，读不出文字；"
                                       "请另存为不加密的 PDF，或导入它的文字稿（.txt）") from None
            except Exception:  # noqa: BLE001 - any failure means "locked"
                raise locked from None
            if opened == PasswordType.NOT_DECRYPTED:
                raise locked
        pages = len(reader.pages)  # reading the page tree finds a damaged file
        if pages > MAX_PDF_PAGES:
            raise IssueError(path, f"PDF 有 {pages} 页（最多 {MAX_PDF_PAGES} 页），不像是一期的周报，"
                                   "没有导入；合订本请拆成各期再导入")
        return _Opened(_links(reader), _place_marks(reader) if _made_by_us(reader) else [])
    except FileNotDecryptedError:
        raise locked from None
    except PdfReadError as exc:
        raise IssueError(path, f"PDF 文件已损坏或不是 PDF（{exc}）") from None


def _main_fonts(lines: list[Line]) -> None:
    """Give each line the font of most of its characters, fallback fonts
    aside: a fallback font (one that draws a few characters the main fonts
    lack) never draws more than half of a line of six characters or more.
    A line 祐。镕。 is still a line of the body."""
    main = {font for line in lines if sum(line.fonts.values()) >= 6
            for font, n in line.fonts.items() if 2 * n > sum(line.fonts.values())}
    for line in lines:
        counts = {font: n for font, n in line.fonts.items() if font in main}
        if counts:
            line.font = max(counts, key=counts.get)


def _drop_page_furniture(lines: list[Line], grids: list[Grid] = ()) -> list[Line]:
    """Drop page numbers and running heads (the same first/last line on
    several pages, not in the body's type: a contributor line that happens
    to open two pages is no running head, nor a table's caption 表1 right
    above a table of ``grids``)."""
    weight = Counter()
    for line in lines:
        weight[line.style] += len(line.text)
    body_style = weight.most_common(1)[0][0] if weight else None
    lines = [line for line in lines
             if not PAGE_NUMBER_RE.match(unicodedata.normalize("NFKC", line.text))]
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)

    def key(line: Line) -> tuple[str, int]:
        # text with its numbers masked, and its size: a running head repeating
        # the masthead title is set far smaller than the masthead itself
        return re.sub(r"\d+", "#", line.text), round(line.size)

    edge = Counter()
    for page_lines in pages.values():
        for line in {id(page_lines[0]): page_lines[0], id(page_lines[-1]): page_lines[-1]}.values():
            edge[key(line)] += 1
    repeated = {k for k, count in edge.items() if count >= 2 and len(pages) >= 3}

    def captions(line: Line) -> bool:
        return any(grid.page == line.page and 0 < line.y - grid.top < 3 * line.size
                   for grid in grids)

    keep = []
    for line in lines:
        page_lines = pages[line.page]
        at_edge = line is page_lines[0] or line is page_lines[-1]
        if at_edge and key(line) in repeated and line.style != body_style \
                and not captions(line):
            continue
        keep.append(line)
    return keep


@dataclass
class _Geometry:
    """What the body's lines say about the page: their style and edges."""

    style: tuple[str, int]
    size: float
    left: float
    right: float
    #: Paragraphs are indented (else they are told apart by punctuation).
    indented: bool
    #: The font of the column headings (【…】): the headings' font.
    heading_font: str | None

    @property
    def width(self) -> float:
        return self.right - self.left

    def indent(self, line: Line) -> float:
        return line.x - self.left


def _geometry(lines: list[Line]) -> _Geometry:
    weight = Counter()
    for line in lines:
        weight[line.style] += len(line.text)
    style = weight.most_common(1)[0][0]
    body = [line for line in lines if line.style == style]
    size = style[1]
    # An opening mark at a line start is hung half a cell left of the edge.
    starts = Counter(round(line.x) for line in body if line.text[:1] not in OPENING)
    left = 0
    if starts:
        # the commonest start, unless a start further left is nearly as
        # common (short paragraphs: as many first lines as others)
        common, count = starts.most_common(1)[0]
        left = min(x for x, n in starts.items() if n >= 0.5 * count and x <= common)
    ends = Counter(round(line.right) for line in body)
    right = ends.most_common(1)[0][0] if ends else left + 28 * size
    # the edges to the hundredth of a point: the mean of the lines at them
    at_left = [line.x for line in body if round(line.x) == left and line.text[:1] not in OPENING]
    at_right = [line.right for line in body if round(line.right) == right]
    left = sum(at_left) / len(at_left) if at_left else left
    right = sum(at_right) / len(at_right) if at_right else right
    indented = any(line.x - left > 0.5 * size for line in body)
    columns = Counter(line.font for line in lines if COLUMN_RE.match(line.text))
    return _Geometry(style, size, left, right, indented,
                     columns.most_common(1)[0][0] if columns else None)


def _mark_decorations(figures: list[Figure], geometry: _Geometry) -> None:
    """Pictures that are no article's: wider than the type area (a page's
    background or border), or the same picture at the same place on several
    pages (a logo in a running head)."""
    def place(f: Figure) -> tuple:
        return round(f.left), round(f.bottom), round(f.right), round(f.top), hash(f.data)

    places = Counter(place(f) for f in figures)
    for figure in figures:
        figure.decoration = (figure.right - figure.left > 1.05 * geometry.width
                             or places[place(figure)] >= 2 or figure.suffix == ".bin")


def _top(item) -> float:
    return item.top if isinstance(item, (Figure, Grid)) else item.y + 0.8 * item.size


def _tables(grid: Grid, starts=()) -> list[tuple[Table, int]]:
    """The tables of a grid, each with the row it starts at: two tables set
    one right under the other make one grid; a row in the header row's font
    below the data starts the next, and so does a row in ``starts`` (where a
    place mark says a table starts)."""
    def font(row) -> str | None:
        fonts = Counter(cell.font for cell in row if cell.font)
        return fonts.most_common(1)[0][0] if fonts else None

    rows = [tuple(cell.text for cell in row) for row in grid.rows]
    head = font(grid.rows[0])
    data = next((font(row) for row in grid.rows[1:] if font(row)), None)
    tables: list[list[tuple[str, ...]]] = [[rows[0]]]
    first = [0]
    for r, (row, cells) in enumerate(zip(rows[1:], grid.rows[1:]), start=1):
        if (r in starts or (head is not None and data is not None and head != data
                            and font(cells) == head)) and len(tables[-1]) > 1:
            tables.append([row])
            first.append(r)
        else:
            tables[-1].append(row)
    return [(Table(tuple(t)), r) for t, r in zip(tables, first)]


def _share(shown: float, aspect: float, type_width: float) -> float:
    """A picture's ``width`` (its share of the type width, 0.1–1) for a
    picture ``shown`` pt wide and ``aspect`` times as tall: the fewest
    decimals (3 to 6) that print it within 0.005 pt of that width and 0.01 pt
    of that height (its size is set to the thousandth of a point; a share to
    the thousandth is off by up to 0.2 pt, and a tall picture by twice that)."""
    if type_width <= 0:
        return 1.0
    exact = shown / type_width
    share = exact
    for decimals in range(3, 7):
        share = round(exact, decimals)
        width = share * type_width
        if abs(width - shown) <= 0.005 and abs(width - shown) * aspect <= 0.01:
            break
    return min(1.0, max(0.1, share))


class _Reader:
    """Turns a page's lines, pictures and tables into SourceLines, in order."""

    def __init__(self, geometry: _Geometry, targets: dict[int, str], placed: _Placed | None = None):
        self.g = geometry
        self.targets = targets
        self.placed = placed or _Placed()
        self.out: list[SourceLine] = []
        self.meta: list[object] = []  # the Line/Figure/Grid each out line came from
        self.open_para: int | None = None
        self.last_para: int | None = None  # the last paragraph begun (a cut one goes on)
        self.styled: int | None = None  # index of an open heading/note
        self.in_columns = False
        self.in_footer = False

    def where(self, item) -> str:
        return f"第 {item.page} 页"

    def emit(self, line: SourceLine, meta) -> None:
        self.out.append(line)
        self.meta.append(meta)

    # pictures and tables -----------------------------------------------------

    def figure(self, figure: Figure) -> None:
        if not self.in_columns or self.in_footer or figure.decoration:
            return  # a masthead's picture, a page's ornament: no part of an article
        mark = self.placed.figures.get(id(figure))
        shown = mark.width if mark is not None and mark.width else figure.right - figure.left
        aspect = (figure.top - figure.bottom) / max(figure.right - figure.left, 1e-6)
        picture = Picture(figure.data, figure.suffix, width=_share(shown, aspect, self.g.width))
        self.close_styled()
        self.emit(SourceLine("〈图片〉", self.where(figure), kind="block", block=picture,
                             place=mark if mark is not None and mark.moved else None), figure)
        # a paragraph cut by a page break may go on under a picture at the top of the page

    def grid(self, grid: Grid) -> None:
        if not self.in_columns or self.in_footer:
            for row in grid.rows:  # a table used for layout: its rows are lines of text
                text = "\u3000".join(cell.text for cell in row if cell.text)
                if text:
                    self.emit(SourceLine(text, self.where(grid), kind="para"), grid)
            return
        self.close_styled()
        self.open_para = None
        marks = self.placed.tables.get(id(grid), {})
        for k, (table, row) in enumerate(_tables(grid, marks)):
            self.table(table, grid, first=k == 0, mark=marks.get(row))

    def table(self, table: Table, grid: Grid, first: bool, mark: PlaceMark | None = None) -> None:
        previous = self.out[-1] if self.out else None
        source = self.meta[-1] if self.meta else None
        if (first and mark is None and previous is not None and previous.kind == "block"
                and isinstance(previous.block, Table)
                and isinstance(source, Grid) and source.page == grid.page - 1
                and table.rows[0] == previous.block.rows[0] and len(table.rows) > 1):
            # the same table on the next page, under its repeated header (a
            # table whose place mark is here starts here)
            rows = table.rows[1:]
            if self.placed.rows.get((id(grid), 2)) == len(previous.block.rows) and len(rows) > 1:
                # the second row under the header is the one after the last
                # row of the page before: the first is the rest of that row
                rest = tuple(join_text(a, b) if a and b else a or b
                             for a, b in zip(previous.block.rows[-1], rows[0]))
                merged = Table(previous.block.rows[:-1] + (rest,) + rows[1:],
                               previous.block.caption)
            else:
                merged = Table(previous.block.rows + rows, previous.block.caption)
            self.out[-1] = replace(previous, block=merged)
            self.meta[-1] = grid
            return
        caption = None
        if first and previous is not None and previous.kind == "caption" \
                and isinstance(source, Line) \
                and source.page == grid.page and source.y - grid.top < 3 * self.g.size:
            caption = previous.text
            self.out.pop()
            self.meta.pop()
        self.emit(SourceLine(f"〈表格 {len(table.rows)} 行〉", self.where(grid), kind="block",
                             block=Table(table.rows, caption), place=mark), grid)

    def caption_of_figure(self, line: Line, following) -> bool:
        """A line in a smaller type right under a picture is its caption
        (or the caption's second line), unless it is right above a table
        (that table's caption)."""
        if not self.out or line.size >= self.g.size - 0.5 or self.in_footer:
            return False
        if isinstance(following, Grid) and following.page == line.page \
                and line.y - following.top < 1.5 * self.g.size \
                and not PICTURE_CAPTION_RE.match(line.text):
            # right under a picture and right above a table: 图… is the
            # picture's, anything else (表1 …) the table's
            return False
        last, source = self.out[-1], self.meta[-1]
        if last.kind == "block" and isinstance(last.block, Picture) and isinstance(source, Figure) \
                and source.page == line.page and source.bottom - line.y < 3 * self.g.size:
            caption = join_text(last.block.caption or "", line.text)
            picture = Picture(last.block.data, last.block.suffix, caption, width=last.block.width)
            self.out[-1] = replace(last, block=picture)
            self.meta[-1] = line  # the caption's next line is measured from this one
            return True
        if last.kind == "block" and isinstance(last.block, Picture) and isinstance(source, Line) \
                and source.page == line.page and source.y - line.y < 2.5 * self.g.size \
                and round(source.size) == round(line.size):
            picture = last.block
            self.out[-1] = replace(last, block=Picture(
                picture.data, picture.suffix, join_text(picture.caption or "", line.text),
                width=picture.width))
            self.meta[-1] = line
            return True
        return False

    # headings and notes ------------------------------------------------------

    def styled_line(self, line: Line) -> None:
        """A line at the body size in another font, inside a column."""
        self.open_para = None
        k = self.styled
        if k is not None:
            previous = self.meta[k]
            if (isinstance(previous, Line) and previous.font == line.font
                    and self.g.indent(line) <= 0.5 * self.g.size
                    and previous.right >= self.g.right - 1.5 * self.g.size):
                joined = join_text(self.out[k].text, line.text)
                self.out[k] = SourceLine(joined, self.out[k].where, kind="styled")
                self.meta[k] = line
                return
        self.close_styled()
        self.emit(SourceLine(line.text, self.where(line), kind="styled"), line)
        self.styled = len(self.out) - 1

    def close_styled(self) -> None:
        """The open heading or note is complete: say what it is."""
        k, self.styled = self.styled, None
        if k is None:
            return
        line, text = self.meta[k], self.out[k].text
        n = re.sub(r"\s+", "", text)
        if NOTE_RE.match(n) or len(n) > SHORT_HEADING or "。" in n[:-1]:
            self.out[k] = SourceLine(text, self.out[k].where, kind="para")
            return
        if SUBHEADING_RE.match(n):
            level = 2
        elif HEADING_RE.match(n):
            level = 1
        else:
            level = 1 if line.font == self.g.heading_font else 2
        self.out[k] = SourceLine(text, self.out[k].where, kind="block", block=Heading(text, level))

    # text ----------------------------------------------------------------------

    def line(self, line: Line, following=None) -> None:
        """One line of text (``following``: the item after it on its page)."""
        g = self.g
        where = self.where(line)
        is_body = line.style == g.style
        special = COLUMN_RE.match(line.text) or FOOTER_START_RE.match(line.text)
        self.in_footer = self.in_footer or bool(FOOTER_START_RE.match(line.text))
        self.in_columns = self.in_columns or bool(COLUMN_RE.match(line.text))
        if self.styled is not None and (is_body or special or line.size >= 1.15 * g.size):
            self.close_styled()
        if id(line) in self.placed.continued and self.last_para is not None:
            self.open_para = self.last_para  # a paragraph going on after a block set into it
        if is_body and not special and not self.in_footer and g.indented:
            if g.indent(line) > 0.5 * g.size:
                self.emit(SourceLine(line.text, where, 0, "para", target=self.targets.get(id(line))),
                          line)
                self.open_para = self.last_para = len(self.out) - 1
            elif self.open_para is not None:
                k = self.open_para
                self.out[k] = SourceLine(join_text(self.out[k].text, line.text), self.out[k].where,
                                         0, "para")
                return
            else:
                self.emit(SourceLine(line.text, where, 0, "raw"), line)
            return
        if (self.in_columns and not self.in_footer and not special
                and abs(line.size - g.size) < 0.5 and line.font != g.style[0]):
            self.styled_line(line)
            return
        if self.in_columns and self.caption_of_figure(line, following):
            return
        self.open_para = None
        self.close_styled()
        prev = self.meta[-1] if self.meta else None
        prev_line = self.out[-1] if self.out else None
        if (not self.in_footer and line.size >= 1.15 * g.size and isinstance(prev, Line)
                and prev_line.kind == "title" and prev.style == line.style
                and prev.page == line.page and prev.y - line.y < 2.2 * line.size):
            self.out[-1] = SourceLine(join_text(prev_line.text, line.text), prev_line.where, 0,
                                      "title", target=prev_line.target)
            self.meta[-1] = line  # the next line of the title is measured from this one
        elif (isinstance(prev, Line) and prev.style == line.style and prev.page == line.page
              and not is_body and BULLET_RE.match(prev_line.text)
              and not BULLET_RE.match(line.text) and line.x > prev.x + 0.3 * line.size
              and not special):
            self.out[-1] = SourceLine(join_text(prev_line.text, line.text), prev_line.where, 0,
                                      "line", target=prev_line.target)
        else:
            if line.size >= 1.15 * g.size and not self.in_footer:
                kind = "title"
            elif self.in_columns and not self.in_footer and line.size < g.size - 0.5:
                kind = "caption"  # a picture's or table's caption, else a line like any other
            else:
                kind = "raw" if is_body else "line"
            self.emit(SourceLine(line.text, where, 0, kind, target=self.targets.get(id(line))),
                      line)


def read_pdf(path: Path) -> tuple[list[SourceLine], list[str]]:
    """The logical lines of a PDF back issue and notes about how it was read."""
    if path.stat().st_size > MAX_PDF_BYTES:
        raise IssueError(path, "PDF 太大，不像是一期的周报")
    opened = _open(path)
    pages = read_pages(path)
    _main_fonts([line for page in pages for line in page.lines])
    visual = _drop_page_furniture([line for page in pages for line in page.lines],
                                  [grid for page in pages for grid in page.grids])
    if not visual:
        return [], ["PDF 里没有文字（可能是扫描件，只有图片），需要先做文字识别（OCR）"]
    geometry = _geometry(visual)
    notes = [] if geometry.indented else ["PDF 的段落没有首行缩进，分段是按标点推断的，请核对"]
    _mark_decorations([figure for page in pages for figure in page.figures], geometry)
    reader = _Reader(geometry, _targets(visual, opened.links),
                     _locate(opened.marks, pages, visual))
    kept = {id(line) for line in visual}
    for page in pages:
        items = [line for line in page.lines if id(line) in kept] + page.figures + page.grids
        items.sort(key=lambda item: -_top(item))
        for k, item in enumerate(items):
            if isinstance(item, Figure):
                reader.figure(item)
            elif isinstance(item, Grid):
                reader.grid(item)
            else:
                reader.line(item, items[k + 1] if k + 1 < len(items) else None)
    reader.close_styled()
    out = [SourceLine(line.text, line.where, line.lineno, "line", target=line.target)
           if line.kind in ("caption", "styled") else line for line in reader.out]
    return out, notes
