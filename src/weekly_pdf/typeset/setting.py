"""The typesetter: an issue's paragraphs and titles set on a layout's grid."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..fonts import FontSet
from ..layout import Layout
from .breaking import Line, balanced_lines, break_paragraph
from .justify import Run, justify_line
from .measure import Measure
from .metrics import Advances

#: Elements set like body paragraphs, on the body grid in their own font role
#: (layout.toml roles): body text, level-1 and level-2 headings, the 编者按.
PARAGRAPH_ELEMENTS = ("body", "heading", "subheading", "note")


@dataclass(frozen=True)
class TypesetParagraph:
    """A paragraph broken into lines, each as runs of equal letter-spacing."""

    lines: tuple[Line, ...]
    runs: tuple[tuple[Run, ...], ...]


class Typesetter:
    """Sets body paragraphs and titles with the fonts of one FontSet, on the
    grid of ``layout`` (its type width, body size and pitch, title size:
    layout.toml, with the issue's style: settings applied by Layout.styled).

    ``compress``: compress adjacent punctuation; ``opening_half``: an opening
    mark at the start of a line is set half width.
    """

    def __init__(self, fontset: FontSet, layout: Layout, *, compress: bool = True,
                 opening_half: bool = True, advances: Advances | None = None):
        self.advances = advances or Advances(fontset)
        self.layout = layout
        self.width = layout.type_width
        self.line_pitch = layout.line_pitch
        self.measures = {element: Measure(self.advances, layout.roles[element], layout.body_size,
                                          layout.tracking, compress, opening_half)
                         for element in PARAGRAPH_ELEMENTS}
        self.body = self.measures["body"]
        self.titles = Measure(self.advances, layout.roles["title"], layout.title_size,
                              compress=False, opening_half=False)

    @property
    def indent(self) -> float:
        """The first-line indent (two cells of the grid in the bulletin)."""
        return self.layout.indent

    def paragraph(self, text: str, element: str = "body") -> TypesetParagraph:
        """One body paragraph, justified on the grid, its first line indented.

        ``element``: one of PARAGRAPH_ELEMENTS (a heading in the body is set
        like a paragraph, in its own font role on the same grid).
        """
        measure = self.measures[element]
        lines = tuple(break_paragraph(text, measure, self.width, self.indent))
        return TypesetParagraph(lines, tuple(tuple(justify_line(line, measure))
                                             for line in lines))

    def title(self, text: str) -> tuple[str, ...]:
        """An article title in balanced lines."""
        return tuple(balanced_lines(text, self.titles, self.width))


_advances: "weakref.WeakKeyDictionary[FontSet, Advances]" = weakref.WeakKeyDictionary()


def typesetter_for(layout: Layout, fontset: FontSet, *, compress: bool = True,
                   opening_half: bool = True) -> Typesetter:
    """The typesetter for a (styled) layout; font metrics are read once per FontSet."""
    advances = _advances.get(fontset)
    if advances is None:
        advances = _advances[fontset] = Advances(fontset)
    return Typesetter(fontset, layout, compress=compress, opening_half=opening_half,
                      advances=advances)
