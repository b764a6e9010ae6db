"""The typesetter: an issue's paragraphs and titles set on a layout's grid."""

from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..fonts.fontset import FontSet
from ..source.layout import Layout
from ..recent import Recent
from .breaking import Line, balanced_lines, break_paragraph
from .justify import Run, justify_line
from .measure import Measure
from .metrics import Advances

if TYPE_CHECKING:
    from ..source.model import Table
    from .tables import SetTable

#: Elements set like body paragraphs, on the body grid in their own font role
#: (layout.toml roles): body text, level-1 and level-2 headings, the 编者按.
PARAGRAPH_ELEMENTS = ("body", "heading", "subheading", "note")
#: Paragraphs and titles a typesetter remembers (a few issues' worth): a
#: watching process sets again only what was edited.
REMEMBERED = 512


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
    mark at the start of a line is set half width; ``terms``: the office's
    terms (issues/terms.txt), kept whole when a title wraps.
    """

    def __init__(self, fontset: FontSet, layout: Layout, *, compress: bool = True,
                 opening_half: bool = True, advances: Advances | None = None,
                 remembered: Recent | None = None, terms: tuple[str, ...] = ()):
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
        self.terms = tuple(terms)
        #: What was set, by (text, element), and a title by its terms too:
        #: nothing else changes the result (``remembered``: shared by
        #: typesetters of equal settings, see :func:`typesetter_for`).
        self._set: Recent = Recent(REMEMBERED) if remembered is None else remembered

    @property
    def indent(self) -> float:
        """The first-line indent (two cells of the grid in the bulletin)."""
        return self.layout.indent

    def paragraph(self, text: str, element: str = "body") -> TypesetParagraph:
        """One body paragraph, justified on the grid, its first line indented.

        ``element``: one of PARAGRAPH_ELEMENTS (a heading in the body is set
        like a paragraph, in its own font role on the same grid).
        """
        key = (text, element)
        found = self._set.get(key)
        if found is None:
            measure = self.measures[element]
            lines = tuple(break_paragraph(text, measure, self.width, self.indent))
            found = self._set.put(key, TypesetParagraph(
                lines, tuple(tuple(justify_line(line, measure)) for line in lines)))
        return found

    def title(self, text: str) -> tuple[str, ...]:
        """An article title in balanced lines, broken between words."""
        key = (text, "title", self.terms)  # a changed term list sets the title again
        found = self._set.get(key)
        if found is None:
            found = self._set.put(key, tuple(balanced_lines(text, self.titles, self.width,
                                                            self.terms)))
        return found

    def table(self, table: "Table", index: int = 0) -> "SetTable":
        """A table of an article's body: its text size, column widths and
        cell lines (:mod:`.tables`); ``index``: the body item it sets."""
        from .tables import set_table
        key = (table, "table", self.terms)
        found = self._set.get(key)
        if found is None:
            found = self._set.put(key, set_table(table, self))
        return dataclasses.replace(found, index=index)


class Unbroken(Typesetter):
    """A typesetter that breaks nothing: every paragraph one line of one run,
    every title one line. The articles it sets hold each text of the issue
    whole, as the templates print it: what the glyph check renders them with
    (:func:`weekly_pdf.render.html.printed_texts`), measuring no line."""

    def paragraph(self, text: str, element: str = "body") -> TypesetParagraph:
        return TypesetParagraph((), ((Run(text, 0.0),),))

    def title(self, text: str) -> tuple[str, ...]:
        return (text,)

    def table(self, table: "Table", index: int = 0) -> "SetTable":
        from .tables import whole_table
        return whole_table(table, self, index)


_advances: "weakref.WeakKeyDictionary[FontSet, Advances]" = weakref.WeakKeyDictionary()
_remembered: "weakref.WeakKeyDictionary[FontSet, dict[tuple, Recent]]" = \
    weakref.WeakKeyDictionary()


def typesetter_for(layout: Layout, fontset: FontSet, *, compress: bool = True,
                   opening_half: bool = True, terms: tuple[str, ...] = ()) -> Typesetter:
    """The typesetter for a (styled) layout; font metrics are read once per
    FontSet, and what was set is remembered across typesetters of the same
    layout and punctuation settings (a watching process or a batch worker
    makes one per build)."""
    advances = _advances_of(fontset)
    # The styled layout is frozen and equal only to one with every value the
    # same: no layout key can be forgotten here and leave stale lines.
    settings = (layout, compress, opening_half)
    remembered = _remembered.setdefault(fontset, {}).setdefault(settings, Recent(REMEMBERED))
    return Typesetter(fontset, layout, compress=compress, opening_half=opening_half,
                      advances=advances, remembered=remembered, terms=terms)


def unbroken_for(layout: Layout, fontset: FontSet) -> Unbroken:
    """The :class:`Unbroken` typesetter of a layout (font metrics read once per FontSet)."""
    return Unbroken(fontset, layout, advances=_advances_of(fontset))


def _advances_of(fontset: FontSet) -> Advances:
    advances = _advances.get(fontset)
    if advances is None:
        advances = _advances[fontset] = Advances(fontset)
    return advances
