"""The typed model of one issue of the bulletin.

Frozen dataclasses and the strings derived from them; no I/O happens here.
Everything is validated by :mod:`weekly_pdf.source.load` before a model exists.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping, Union

from ..options import Level
from . import wording
from .wording import DEFAULT_LAYOUT, DEFAULT_TOC_TITLE, issue_stem


@dataclass(frozen=True)
class Heading:
    """A heading inside an article's body, set as one or more body-size lines.

    Level 1 (``heading:``, 一、…) is set in 黑体, level 2 (``subheading:``,
    （一）…) in 楷体, after GB/T 9704-2012.
    """

    text: str
    level: int = 1

    @property
    def key(self) -> str:
        """The issue file's field name for this heading."""
        return "heading" if self.level == 1 else "subheading"


@dataclass(frozen=True)
class Image:
    """A picture inside an article's body, checked by the loader.

    ``path`` is the resolved file inside the issue's folder tree; ``pixels``
    its size (width, height) after the EXIF orientation is applied.
    """

    path: Path
    pixels: tuple[int, int]
    caption: str | None = None
    #: Share of the type width (0 < width ≤ 1); None: natural size, capped to it.
    width: float | None = None
    #: Share of the type area's height (0 < height ≤ 1); None: from the width.
    height: float | None = None


#: A cell that holds a number (right-aligned): 126, 1,200, -3.5, 12.5%, ¥300.
_NUMBER_RE = re.compile(r"[-+−]?[¥$￥]?\d[\d,，]*(\.\d+)?[%％‰]?")
#: What a numeric column may hold instead of a number: 无, 不适用.
_NO_NUMBER = frozenset({"-", "—", "——", "－", "/", "／", "…", "……", "×"})


@dataclass(frozen=True)
class Table:
    """A table inside an article's body; the first row is the header."""

    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0]

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[1:]

    @property
    def columns(self) -> int:
        return max(len(row) for row in self.rows)

    @property
    def numeric(self) -> tuple[bool, ...]:
        """Per column: every filled cell below the header is a number (a dash or
        a slash standing for none aside), and there is at least one."""
        out = []
        for c in range(self.columns):
            cells = [row[c] for row in self.body_rows
                     if c < len(row) and row[c] and row[c] not in _NO_NUMBER]
            out.append(bool(cells) and all(_NUMBER_RE.fullmatch(cell) for cell in cells))
        return tuple(out)


@dataclass(frozen=True)
class ItemList:
    """A list inside an article's body (``list:``): numbered 1. 2. 3. (the
    third level of GB/T 9704's numbering) or bulleted with ●.

    Each item is printed as a paragraph of its own that opens with its
    marker: first line indented, text wrapping to the left edge, as GB/T
    9704 sets numbered items (docs/layout.md).
    """

    items: tuple[str, ...]
    #: One of MARKERS: "number" (1. 2. 3.) or "bullet" (●).
    marker: str = "number"
    #: The number of the first item (a numbered list that goes on after a paragraph).
    start: int = 1

    #: The ways a list marks its items, the default first.
    MARKERS = ("number", "bullet")
    #: The bullet: in the body font (FandolFang has it, full width).
    BULLET = "\u25cf"

    def marker_text(self, k: int) -> str:
        """The marker of item ``k`` (from 0): 1. or ●."""
        return f"{self.start + k}." if self.marker == "number" else self.BULLET

    @property
    def printed(self) -> tuple[str, ...]:
        """Each item as printed, its marker first: 1.第一项 …"""
        return tuple(self.marker_text(k) + item for k, item in enumerate(self.items))


#: One item of an article's body: a paragraph (plain text) or a block.
Block = Union[str, Heading, Image, Table, ItemList]


def body_size(item: Block) -> tuple[int, int]:
    """(paragraphs, characters) a body item sets, as the issue's limits count
    them (:mod:`weekly_pdf.source.limits`): a paragraph, a heading or a
    table is one item, a list one per item; characters are its text's, a
    table's cells', a list's items' (a picture: none)."""
    if isinstance(item, str):
        return 1, len(item)
    if isinstance(item, Heading):
        return 1, len(item.text)
    if isinstance(item, Table):
        return 1, sum(len(cell) for row in item.rows for cell in row)
    if isinstance(item, ItemList):
        return len(item.items), sum(len(text) for text in item.items)
    return 1, 0


SUPPLEMENT = wording.SUPPLEMENT


#: The levels of a leader's instruction, lowest first (wording.INSTRUCTION_LEVELS).
INSTRUCTION_LEVELS = wording.INSTRUCTION_LEVELS


@dataclass(frozen=True)
class Instruction:
    """A leader's written instruction (领导批示) on an article, as the issue
    file records it (``instructions:``). Not printed in the bulletin; the
    adoption statistics (``weekly-pdf stats``) award its bonus points."""

    #: One of INSTRUCTION_LEVELS: 区级, 市级, 省级, 国家级.
    level: str
    #: Who wrote it (a name or a post).
    by: str
    date: datetime.date | None = None


@dataclass(frozen=True)
class Article:
    title: str
    #: Paragraphs (str) and blocks, in print order.
    body: tuple[Block, ...]
    source: str | None = None
    #: True: listed under its title; a string: listed under that text;
    #: False: not listed; None: the issue file did not say.
    toc: bool | str | None = None
    #: 编者按: printed between the title and the body.
    note: str | None = None
    #: Leaders' instructions on the article (counted by stats, never printed).
    instructions: tuple[Instruction, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The plain paragraphs of the body, without its blocks."""
        return tuple(item for item in self.body if isinstance(item, str))

    @property
    def ends_in_paragraph(self) -> bool:
        """The contributor can follow the last paragraph's text (a list's last
        item is a paragraph too)."""
        return bool(self.body) and isinstance(self.body[-1], (str, ItemList))


@dataclass(frozen=True)
class Section:
    column: str
    articles: tuple[Article, ...]

    @property
    def heading(self) -> str:
        """The column as printed: 【主题教育】."""
        return wording.column_heading(self.column)


@dataclass(frozen=True)
class Footer:
    editor: str
    reviewer: str
    distribution: tuple[str, ...]
    email: str | None = None
    #: The 报尾 of a briefing by kind: 报 (to superiors), 送 (to peers), 发 (to
    #: subordinates); empty when the issue file gives none.
    report_to: tuple[str, ...] = ()
    send_to: tuple[str, ...] = ()
    issue_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class TocEntry:
    text: str
    #: Where the article is: section and article index from 0 (the layout's
    #: anchor format turns them into the link target).
    section: int
    index: int
    article: Article


@dataclass(frozen=True)
class Style:
    """Typesetting settings an office may change (``style:`` in publication.yaml).

    ``None`` leaves a value to the layout (layout.toml); see Layout.styled.
    """

    #: Body character pitch in pt (layout.toml body.char_pitch_pt when None).
    char_pitch: float | None = None
    #: Body line pitch in pt (layout.toml body.line_pitch_pt when None).
    line_pitch: float | None = None
    #: Masthead red as #RRGGBB (layout.toml colors.red when None).
    red: str | None = None
    #: Compress two adjacent punctuation marks to 1.5 字 (GB/T 15834, W3C clreq).
    compress_punctuation: bool = True
    #: An opening mark (“ （ 【) that starts a line at the left edge is set half
    #: width, its ink on the edge (False: full width, its blank half inside).
    opening_half_width: bool = True
    #: Put the closing block on an even page, for duplex printing.
    duplex: bool = False


@dataclass(frozen=True)
class Issue:
    publication: str
    publisher: str
    year: int
    number: int
    total: int | None  # None: a supplement (outside the total count)
    date: datetime.date
    sections: tuple[Section, ...]
    footer: Footer
    layout: str = DEFAULT_LAYOUT
    toc_title: str = DEFAULT_TOC_TITLE
    #: The printed classification (密级) or handling note, e.g. 内部资料　注意保存;
    #: None: the layout's own (labels.mark).
    mark: str | None = None
    #: Copies printed (共印X份), or None.
    print_run: int | None = None
    #: None for a regular issue, SUPPLEMENT (增刊) for one numbered in its own series.
    series: str | None = None
    #: PDF/A level to build by default (publication.yaml's ``pdfa:``), or None for a plain PDF.
    pdfa: Level | None = None
    #: Typesetting settings (``style:`` in publication.yaml).
    style: Style = field(default_factory=Style)
    #: The office's terms (issues/terms.txt): names a title never wraps inside.
    #: Not the issue's content: two issues differing only here are equal.
    terms: tuple[str, ...] = field(default=(), compare=False)
    #: The issue file this model was read from (for messages only).
    source_path: Path | None = None
    #: Field path → (file, line, column), line and column 1-based, where the YAML set it
    #: (the issue file or publication.yaml).
    positions: Mapping[str, tuple[str, int, int]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    @property
    def issue_line(self) -> str:
        """2023年　第20期 (a full-width space between 年 and 第)."""
        return wording.issue_line(self.year, self.number)

    @property
    def is_supplement(self) -> bool:
        return self.series == SUPPLEMENT

    @property
    def total_line(self) -> str:
        """（总第73期） with full-width brackets; empty for a supplement, which the
        total count leaves out."""
        if self.is_supplement or self.total is None:
            return ""
        return wording.total_text(self.total)

    @property
    def date_text(self) -> str:
        """2023年7月7日, no zero padding."""
        return wording.date_text(self.date)

    @property
    def title(self) -> str:
        """The document title: 科协每周动态 2023年第20期（总第73期）, or for a
        supplement 科协每周动态 2023年增刊第1期."""
        return wording.issue_title(self.publication, self.year, self.number, self.total,
                                   self.series)

    @property
    def number_text(self) -> str:
        """第20期, or 增刊第1期 for a supplement."""
        return wording.number_text(self.number, self.series)

    @property
    def stem(self) -> str:
        """The canonical file stem: 2023-20, or 2023-s01 for a supplement."""
        return issue_stem(self.year, self.number, self.series)

    def articles(self):
        """Yield (section index, article index, article) in print order, indexes from 0."""
        for s, section in enumerate(self.sections):
            for a, article in enumerate(section.articles):
                yield s, a, article

    @property
    def toc_entries(self) -> tuple[TocEntry, ...]:
        """The contents block, in article order.

        If no article sets ``toc``, every article is listed under its title.
        """
        listed = list(self.articles())
        if any(art.toc is not None for _, _, art in listed):
            listed = [(s, a, art) for s, a, art in listed if art.toc]
        return tuple(
            TocEntry(art.toc if isinstance(art.toc, str) else art.title, s, a, art)
            for s, a, art in listed)

    def texts(self) -> Iterator[tuple[str, str]]:
        """(field path, text) of every text the issue holds, under the paths
        of :attr:`positions`, and of the strings made from them for print (the
        masthead lines, 【column】) under the field they come from. Which of
        them a layout prints, and how, is its templates' business; the glyph
        check names a printed character by the field it comes from."""
        yield "publication", self.publication
        yield "publisher", self.publisher
        yield "number", self.issue_line
        yield "total", self.total_line
        yield "date", self.date_text
        yield "toc_title", self.toc_title
        if self.mark:
            yield "mark", self.mark
        if self.print_run is not None:
            yield "print_run", str(self.print_run)
        for s, section in enumerate(self.sections):
            yield f"sections[{s}].column", section.column
            yield f"sections[{s}].column", section.heading
            for a, article in enumerate(section.articles):
                path = f"sections[{s}].articles[{a}]"
                yield f"{path}.title", article.title
                if isinstance(article.toc, str):
                    yield f"{path}.toc", article.toc
                if article.note:
                    yield f"{path}.note", article.note
                for b, block in enumerate(article.body):
                    where = f"{path}.body[{b}]"
                    if isinstance(block, str):
                        yield where, block
                    elif isinstance(block, Heading):
                        yield f"{where}.{block.key}", block.text
                    elif isinstance(block, (Image, Table)) and block.caption:
                        yield f"{where}.caption", block.caption
                    elif isinstance(block, ItemList):
                        for i, (item, printed) in enumerate(zip(block.items, block.printed)):
                            yield f"{where}.list[{i}]", item
                            yield f"{where}.list[{i}]", printed
                    if isinstance(block, Table):
                        for r, row in enumerate(block.rows):
                            for c, cell in enumerate(row):
                                yield f"{where}.table[{r}][{c}]", cell
                if article.source:
                    yield f"{path}.source", article.source
        footer = self.footer
        if footer.email:
            yield "footer.email", footer.email
        yield "footer.editor", footer.editor
        yield "footer.reviewer", footer.reviewer
        for kind in ("distribution", "report_to", "send_to", "issue_to"):
            for i, line in enumerate(getattr(footer, kind)):
                yield f"footer.{kind}[{i}]", line

    def position(self, path: str) -> tuple[str, int, int] | None:
        """(file, line, column) where ``path`` was set, or None."""
        return self.positions.get(path)
