"""An article's body set for the page: paragraphs, headings, pictures, tables, 编者按.

Every block takes a whole number of body lines, so the paragraph after it sits
on the body grid again (:attr:`Typesetter.line_pitch`):

* headings and the 编者按 are set like paragraphs (our own line breaking and
  justification, in their font role), one grid line per line;
* a picture's frame is rounded up to whole lines (the picture centred in it,
  with at least layout.toml's ``image.pad_pt`` above and below, the frame at
  most ``image.max_lines`` lines); its caption lines are grid lines;
* a table's rows are grid lines tall (the CSS keeps its rules out of the
  height), its caption a grid line.

The contributor (供稿单位) follows the last paragraph's text; when the body
ends in a block it gets a grid line of its own, right-aligned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..source.model import Article, Heading, Image, Table
from ..source.wording import contributor

if TYPE_CHECKING:
    from .setting import Typesetter, TypesetParagraph

#: CSS px (a picture's natural size: one pixel each) in pt.
PX = 0.75


@dataclass(frozen=True)
class SetParagraph:
    """A paragraph (``role`` body) or a heading (``role`` heading or kai) set in lines."""

    paragraph: "TypesetParagraph"
    role: str = "body"
    kind: str = "paragraph"


@dataclass(frozen=True)
class SetImage:
    """A picture scaled for the page, in pt."""

    image: Image
    width: float
    height: float
    #: Height of the frame that holds it: a whole number of body lines.
    frame: float
    kind: str = "image"

    @property
    def caption(self) -> str | None:
        return self.image.caption

    @property
    def pad(self) -> float:
        """Space above the picture inside its frame, in pt."""
        return (self.frame - self.height) / 2


@dataclass(frozen=True)
class SetTable:
    table: Table
    #: The width of each column in pt, cell padding and rule included; they
    #: add up to the type width.
    widths: tuple[float, ...] = ()
    kind: str = "table"

    @property
    def caption(self) -> str | None:
        return self.table.caption


SetBlock = Union[SetParagraph, SetImage, SetTable]


@dataclass(frozen=True)
class SetNote:
    """The 编者按: its label (黑体) runs, then its text (楷体), set as one paragraph."""

    paragraph: "TypesetParagraph"
    #: How many runs of the first line belong to the label.
    label_runs: int


def image_size(image: Image, typesetter: "Typesetter") -> SetImage:
    """The printed size of ``image``: ``width`` × the type width, or its natural
    size (one pixel a CSS px) capped to the type width; its frame never
    taller than the layout's ``image.max_lines`` lines."""
    pixels_wide, pixels_high = image.pixels
    pitch = typesetter.line_pitch
    pad = typesetter.layout.image_pad
    if image.width is not None:
        width = image.width * typesetter.width
    else:
        width = min(pixels_wide * PX, typesetter.width)
    height = width * pixels_high / pixels_wide
    tallest = typesetter.layout.image_max_lines * pitch - 2 * pad
    if height > tallest:
        width, height = width * tallest / height, tallest
    lines = math.ceil((height + 2 * pad) / pitch - 1e-6)
    return SetImage(image, round(width, 3), round(height, 3), round(lines * pitch, 3))


def column_widths(table: Table, typesetter: "Typesetter") -> tuple[float, ...]:
    """Widths of the columns of ``table`` (pt), filling the type width.

    The HTML engine's automatic widths let a long cell (a remark, a web
    address) squeeze a column of names to one character a line. Here each
    column first gets a least width, from the most generous rule that still
    fits: (1) its header and every number unbroken, text cells up to
    ``table.keep_whole_chars`` 字 unbroken; (2) headers on two lines, text
    cells up to ``table.keep_whole_chars_tight`` 字; (3) numbers only. What is
    left goes to the columns in proportion to how much more their longest
    cell wants.

    What a cell adds to its text's width is layout.toml's, as the CSS draws
    it (--cell-padding, --cell-rule): its padding on both sides and a rule on
    each side (the last cell draws its right one; the others share it).
    """
    layout = typesetter.layout
    width = typesetter.width
    size = layout.table_size
    scale = size / typesetter.body.size
    cell_space = 2 * layout.cell_padding_em * size + 2 * layout.cell_rule
    head, body = typesetter.measures["heading"], typesetter.measures["body"]
    numeric = table.numeric
    want, levels = [], ([], [], [])
    for c in range(table.columns):
        header = sum(head.widths(table.header[c])) * scale
        cells = [sum(body.widths(row[c])) * scale for row in table.body_rows]
        numbers = max(cells) if numeric[c] else 0.0
        text = 0.0 if numeric[c] else max(cells)
        want.append(max([header, *cells]) + cell_space)
        levels[0].append(max(header, numbers, min(text, layout.keep_whole_chars * size)))
        levels[1].append(max(_half(table.header[c], head) * scale, numbers,
                             min(text, layout.keep_whole_chars_tight * size)))
        levels[2].append(max(numbers, size))
    for level in levels:
        least = [w + cell_space for w in level]
        if sum(least) <= width:
            break
    else:
        return tuple(w * width / sum(least) for w in least)
    extra = [max(w - m, 0.0) for w, m in zip(want, least)]
    spare = width - sum(least)
    if sum(extra) <= spare:   # everything fits unbroken: share the rest evenly
        return tuple(w + (spare - sum(extra)) / len(want) for w in
                     (m + e for m, e in zip(least, extra)))
    return tuple(m + e * spare / sum(extra) for m, e in zip(least, extra))


def _half(text: str, measure) -> float:
    """The width of the longer half of ``text`` broken in two."""
    widths = measure.widths(text)
    cut = (len(widths) + 1) // 2
    return max(sum(widths[:cut]), sum(widths[cut:]))


def set_note(text: str, typesetter: "Typesetter") -> SetNote:
    """The 编者按 as one paragraph, after the layout's label (labels.note; none
    when the layout has none); the label's runs end where the label does."""
    label = typesetter.layout.labels.get("note", "")
    paragraph = typesetter.paragraph(label + text, "note")
    first, count, done = [], 0, 0
    for run in paragraph.runs[0]:
        if done < len(label):
            take = min(len(run.text), len(label) - done)
            if take < len(run.text):  # the run straddles the label's end: split it
                first += [type(run)(run.text[:take], run.spacing),
                          type(run)(run.text[take:], run.spacing)]
            else:
                first.append(run)
            done += take
            count += 1
        else:
            first.append(run)
    runs = (tuple(first),) + paragraph.runs[1:]
    return SetNote(type(paragraph)(paragraph.lines, runs), count)


def set_body(article: Article, typesetter: "Typesetter") -> tuple[SetBlock, ...]:
    """The body of ``article``, its contributor after the last paragraph's text."""
    out: list[SetBlock] = []
    last = len(article.body) - 1
    for i, item in enumerate(article.body):
        if isinstance(item, str):
            text = item
            if i == last and article.source:
                text += contributor(article.source)
            out.append(SetParagraph(typesetter.paragraph(text)))
        elif isinstance(item, Heading):
            role = typesetter.layout.roles[item.key]
            out.append(SetParagraph(typesetter.paragraph(item.text, item.key), role, item.key))
        elif isinstance(item, Image):
            out.append(image_size(item, typesetter))
        elif isinstance(item, Table):
            out.append(SetTable(item, column_widths(item, typesetter)))
    return tuple(out)


def source_line(article: Article) -> str | None:
    """The contributor on a line of its own, when the body ends in a block."""
    if article.source and not article.ends_in_paragraph:
        return contributor(article.source)
    return None
