"""The typesetter: an issue's paragraphs and titles set for the bulletin layout."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..fonts import FontSet
from ..model import Issue
from .breaking import Line, balanced_lines, break_paragraph
from .justify import Run, justify_line
from .measure import Measure
from .metrics import Advances

MM = 72 / 25.4
#: Width of the type area (A4, margins 28 mm and 26 mm): the layout's @page must agree.
TYPE_WIDTH = 156 * MM
#: Body text: 三号.
BODY_SIZE = 16.0
#: Article titles: 二号.
TITLE_SIZE = 22.0
#: Body line pitch in pt (the layout's --pitch: 225 mm / 22 lines).
LINE_PITCH = 28.99
#: Roles whose text is set like body paragraphs: body, level-1 headings (黑体),
#: level-2 headings and the 编者按 (楷体).
PARAGRAPH_ROLES = ("body", "heading", "kai")


@dataclass(frozen=True)
class TypesetParagraph:
    """A paragraph broken into lines, each as runs of equal letter-spacing."""

    lines: tuple[Line, ...]
    runs: tuple[tuple[Run, ...], ...]


class Typesetter:
    """Sets body paragraphs and titles with the fonts of one FontSet.

    ``char_pitch``: the body's character pitch in pt (15.79: 28 characters
    to the 156 mm line); ``compress``: compress adjacent punctuation.
    """

    def __init__(self, fontset: FontSet, *, char_pitch: float = 15.79,
                 compress: bool = False, width: float = TYPE_WIDTH,
                 advances: Advances | None = None, line_pitch: float | None = None):
        self.advances = advances or Advances(fontset)
        self.width = width
        self.char_pitch = char_pitch
        self.line_pitch = line_pitch or LINE_PITCH
        self.measures = {role: Measure(self.advances, role, BODY_SIZE, char_pitch - BODY_SIZE,
                                       compress) for role in PARAGRAPH_ROLES}
        self.body = self.measures["body"]
        self.titles = Measure(self.advances, "title", TITLE_SIZE)

    @property
    def indent(self) -> float:
        """The first-line indent: two cells of the grid."""
        return 2 * self.char_pitch

    def paragraph(self, text: str, role: str = "body") -> TypesetParagraph:
        """One body paragraph, justified on the grid, its first line indented.

        ``role``: the font role that draws it (a heading in the body is set
        like a paragraph, in 黑体 or 楷体 on the same grid).
        """
        measure = self.measures[role]
        lines = tuple(break_paragraph(text, measure, self.width, self.indent))
        return TypesetParagraph(lines, tuple(tuple(justify_line(line, measure))
                                             for line in lines))

    def title(self, text: str) -> tuple[str, ...]:
        """An article title in balanced lines."""
        return tuple(balanced_lines(text, self.titles, self.width))


_advances: "weakref.WeakKeyDictionary[FontSet, Advances]" = weakref.WeakKeyDictionary()


def typesetter_for(issue: Issue, fontset: FontSet) -> Typesetter:
    """The typesetter for ``issue``'s style settings (font metrics are read once
    per FontSet)."""
    advances = _advances.get(fontset)
    if advances is None:
        advances = _advances[fontset] = Advances(fontset)
    return Typesetter(fontset, char_pitch=issue.style.char_pitch,
                      compress=issue.style.compress_punctuation, advances=advances,
                      line_pitch=issue.style.line_pitch)
