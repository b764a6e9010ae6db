"""An article's body set for the page: paragraphs, headings, lists, pictures,
tables, 编者按.

Every block takes a whole number of body lines, so the paragraph after it sits
on the body grid again (:attr:`Typesetter.line_pitch`):

* headings and the 编者按 are set like paragraphs (our own line breaking and
  justification, in their font role), one grid line per line;
* a list's items are body paragraphs, each opening with its marker (1. or ●):
  first line indented, the lines after it at the left edge, as GB/T 9704 sets
  numbered items. They are the parts of one body item to the placement (like
  a paragraph cut by a picture), each beginning where the one before ended;
* a picture's frame is rounded up to whole lines (the picture centred in it,
  with at least layout.toml's ``image.pad_pt`` above and below; the frame at
  most ``image.default_height`` of the type area when the issue gives the
  picture no size, at most ``image.max_lines`` lines when it does); its
  caption lines are grid lines;
* a table's caption is grid lines; its header and rows are lines of the
  table's own pitch (:mod:`.tables`), and a pad under it makes the whole a
  whole number of body lines.

Where a picture or a table that does not fit on its page goes (shrunk, or
after the text that follows it) is decided when the issue is laid out
(:mod:`weekly_pdf.pdf.placement`); it may cut a paragraph in two
(:meth:`SetParagraph.part`).

The contributor (供稿单位) follows the last paragraph's text (or the last
item's, when the body ends in a list); when the body ends in another block it
gets a grid line of its own, right-aligned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from ..source.model import Article, Heading, Image, ItemList, Table
from ..source.wording import contributor
from .tables import SetTable

if TYPE_CHECKING:
    from ..source.layout import Layout
    from .setting import Typesetter, TypesetParagraph

#: CSS px (a picture's natural size: one pixel each) in pt.
PX = 0.75


@dataclass(frozen=True)
class SetParagraph:
    """A paragraph or a list's item (``role`` body) or a heading (``role``
    heading or kai) set in lines."""

    paragraph: "TypesetParagraph"
    role: str = "body"
    kind: str = "paragraph"
    #: The body item it sets.
    index: int = 0
    #: Its first line in that item: more than 0 for a list's item after the
    #: first, and for the part of a paragraph that goes on after a picture or
    #: table set into it.
    start: int = 0
    #: The line of that item its own paragraph begins on (indented): a list's
    #: item begins after the lines of the items before it; 0 for a paragraph.
    opening: int = 0

    @property
    def key(self) -> str:
        return f"{self.index}.{self.start}" if self.start else str(self.index)

    @property
    def continued(self) -> bool:
        """It goes on from a part before it (its first line is not indented)."""
        return self.start > self.opening

    @property
    def lines(self) -> int:
        return len(self.paragraph.runs)

    def part(self, start: int, stop: int) -> "SetParagraph":
        """Lines ``start`` to ``stop`` (of this part) as a paragraph of their own."""
        paragraph = type(self.paragraph)(self.paragraph.lines[start:stop],
                                         self.paragraph.runs[start:stop])
        return SetParagraph(paragraph, self.role, self.kind, self.index, self.start + start,
                            self.opening)


@dataclass(frozen=True)
class SetImage:
    """A picture scaled for the page, in pt."""

    image: Image
    width: float
    height: float
    #: Height of the frame that holds it: a whole number of body lines.
    frame: float
    #: The body item it sets.
    index: int = 0
    #: Its height before it was shrunk to fit a page (pt; 0: never shrunk).
    full_height: float = 0.0
    kind: str = "image"
    #: Set elsewhere than the issue puts it (:mod:`weekly_pdf.pdf.placement`).
    moved: bool = False
    #: Its width before it was shrunk (pt; 0: never shrunk).
    full_width: float = 0.0

    @property
    def unshrunk(self) -> float:
        return self.full_height or self.height

    @property
    def caption(self) -> str | None:
        return self.image.caption

    @property
    def shrunk_from(self) -> float | None:
        """Its width before it was shrunk to fit a page (pt); None: never shrunk."""
        return self.full_width or None

    @property
    def key(self) -> str:
        return str(self.index)

    def shrunk(self, lines: int, pitch: float, pad: float) -> "SetImage":
        """The picture in a frame of ``lines`` body lines, as large as fits."""
        frame = lines * pitch
        height = min(self.height, frame - 2 * pad)
        width = self.width * height / self.height
        return SetImage(self.image, round(width, 3), round(height, 3), round(frame, 3),
                        self.index, self.unshrunk, moved=self.moved,
                        full_width=self.full_width or self.width)

    @property
    def pad(self) -> float:
        """Space above the picture inside its frame, in pt."""
        return (self.frame - self.height) / 2


SetBlock = Union[SetParagraph, SetImage, SetTable]


@dataclass(frozen=True)
class SetNote:
    """The 编者按: its label (黑体) runs, then its text (楷体), set as one paragraph."""

    paragraph: "TypesetParagraph"
    #: How many runs of the first line belong to the label.
    label_runs: int


def image_size(image: Image, layout: "Layout", index: int = 0) -> SetImage:
    """The printed size of ``image`` on ``layout`` (with its style: applied).

    ``width`` × the type width, or ``height`` × the type area's height (both:
    the smaller), or its natural size (one pixel a CSS px); never wider than
    the type width. Its frame (the picture and ``image.pad_pt`` above and
    below, rounded up to whole body lines) is at most ``image.max_lines``
    lines, and at most ``image.default_height`` of the type area when the
    issue gives no size.
    """
    pixels_wide, pixels_high = image.pixels
    pitch = layout.line_pitch
    pad = layout.image_pad
    type_width, type_height = layout.type_width, layout.lines_per_page * pitch
    scales = []
    if image.width is not None:
        scales.append(image.width * type_width / pixels_wide)
    if image.height is not None:
        scales.append(image.height * type_height / pixels_high)
    scale = min(scales) if scales else PX
    width = min(pixels_wide * scale, type_width)
    height = width * pixels_high / pixels_wide
    lines = layout.image_max_lines
    if not scales:
        lines = min(lines, int(layout.image_default_height * layout.lines_per_page + 1e-6))
    tallest = max(lines, 1) * pitch - 2 * pad
    if height > tallest:
        width, height = width * tallest / height, tallest
    lines = math.ceil((height + 2 * pad) / pitch - 1e-6)
    return SetImage(image, round(width, 3), round(height, 3), round(lines * pitch, 3), index)


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
    """The body of ``article``, its contributor after the last paragraph's
    (or list item's) text."""
    out: list[SetBlock] = []
    last = len(article.body) - 1
    for i, item in enumerate(article.body):
        if isinstance(item, str):
            text = item
            if i == last and article.source:
                text += contributor(article.source)
            out.append(SetParagraph(typesetter.paragraph(text), index=i))
        elif isinstance(item, Heading):
            role = typesetter.layout.roles[item.key]
            out.append(SetParagraph(typesetter.paragraph(item.text, item.key), role, item.key, i))
        elif isinstance(item, ItemList):
            line, printed = 0, item.printed
            for k, text in enumerate(printed):
                if i == last and k == len(printed) - 1 and article.source:
                    text += contributor(article.source)
                paragraph = typesetter.paragraph(text)
                out.append(SetParagraph(paragraph, index=i, start=line, opening=line))
                line += len(paragraph.runs)
        elif isinstance(item, Image):
            out.append(image_size(item, typesetter.layout, i))
        elif isinstance(item, Table):
            out.append(typesetter.table(item, i))
    return tuple(out)


def source_line(article: Article) -> str | None:
    """The contributor on a line of its own, when the body ends in a block."""
    if article.source and not article.ends_in_paragraph:
        return contributor(article.source)
    return None
