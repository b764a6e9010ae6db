"""Natural widths, spacing and squeeze of a run of text on the grid.

Punctuation (GB/T 15834, W3C clreq): a full-width mark draws its ink in one
half of its cell; the other half is blank. Two adjacent marks whose facing
blanks add up to :data:`PAIR_BLANK` em or more are *compressed* (one blank half
less, 1.5 字 for the two) when ``compress`` is on, the same way everywhere.
The blanks are read from each glyph's ink, so a centred ``？`` counts as having
no blank half.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .metrics import Advances
from .rules import CLOSING, OPENING, tight

#: How much a line pushing a mark in may tighten every gap, besides compressing
#: its punctuation (em of the body size).
QUIET_SQUEEZE = 0.025
#: What a single mark mid-line may give up from its blank side when a line
#: pushes a mark in (em): with the tracking and the quiet squeeze it keeps
#: more than 3/4 em.
MARK_SQUEEZE = 0.19
#: Facing blanks of two adjacent marks, in em, from which they are compressed
#: (the half em taken leaves at least 0.1 em between their inks).
PAIR_BLANK = 0.6
#: A mark has a blank half when the blank beside its ink is at least this (em).
HALF_BLANK = 0.45
#: A mark has a blank side that a push-in may tighten from this (em).
SIDE_BLANK = 0.3
#: No gap between two characters tighter than this (em): a glyph overlapping
#: the one before by half an em or more makes pdftotext start a new line.
MIN_GAP = -0.49

#: Marks whose blank halves spacing may change.
MARKS = CLOSING | OPENING | frozenset("？！")


@dataclass
class Measure:
    """How text of one role and size sits on the grid.

    ``tracking`` is the space after every character (the layout's character
    pitch minus its body size, slightly negative in the bulletin); none goes inside a Latin word, a number, a
    ``——`` or a ``……``. With ``compress`` two adjacent punctuation marks
    lose the blank half of one of them (1.5 字 instead of 2). With
    ``opening_half`` a line that starts at the left edge with an opening mark
    sets that mark half width (its blank half outside the edge, its ink on it).
    """

    advances: Advances
    role: str
    size: float
    tracking: float = 0.0
    compress: bool = True
    opening_half: bool = True
    _blanks: dict = field(default_factory=dict, repr=False)
    _widths: dict = field(default_factory=dict, repr=False)

    def widths(self, text: str) -> list[float]:
        """The advance of each character, in pt."""
        cache = self._widths
        out = []
        for c in text:
            width = cache.get(c)
            if width is None:
                width = cache[c] = self.advances.em(c, self.role) * self.size
            out.append(width)
        return out

    def blanks(self, char: str) -> tuple[float, float]:
        """Blank left and right of a mark's ink, in pt (0, 0 for anything else)."""
        out = self._blanks.get(char)
        if out is None:
            if char in MARKS:
                left, right = self.advances.blanks(char, self.role)
                out = (left * self.size, right * self.size)
            else:
                out = (0.0, 0.0)
            self._blanks[char] = out
        return out

    def pair(self, a: str, b: str) -> bool:
        """Two adjacent marks whose facing blanks may be compressed."""
        return a in MARKS and b in MARKS and \
            self.blanks(a)[1] + self.blanks(b)[0] >= PAIR_BLANK * self.size - 1e-9

    def pair_cut(self, a: str, b: str) -> float:
        """What compression takes from the gap between ``a`` and ``b``, in pt."""
        return self.size / 2 if self.compress and self.pair(a, b) else 0.0

    def gaps(self, text: str) -> list[float]:
        """The natural space after each character but the last, in pt."""
        return [(0.0 if tight(a, b) else self.tracking) - self.pair_cut(a, b)
                for a, b in zip(text, text[1:])]

    def natural(self, text: str) -> float:
        """The width ``text`` takes on the grid: its characters, the spaces
        between them and the tracking of its last cell."""
        if not text:
            return 0.0
        return self.ink(text) + (0.0 if text[-1] == " " else self.tracking)

    def ink(self, text: str) -> float:
        """The width from the first character's left edge to the last one's right edge."""
        return sum(self.widths(text)) + sum(self.gaps(text))

    def lead(self, text: str) -> float:
        """How far a line starting with ``text`` at the left edge sets its first
        character out, in pt: half an em for an opening mark with a blank half
        (``opening_half``), else 0."""
        if self.opening_half and text[:1] and text[0] in OPENING and \
                self.blanks(text[0])[0] >= HALF_BLANK * self.size:
            return self.size / 2
        return 0.0

    def trail(self, text: str) -> float:
        """The blank half of a closing mark that ends ``text``, in pt (what a
        line pushing a mark in may give up at its right edge)."""
        if text[-1:] and text[-1] in MARKS and self.blanks(text[-1])[1] >= HALF_BLANK * self.size:
            return self.size / 2
        return 0.0

    def squeeze_stages(self, text: str) -> list[list[tuple[int, float]]]:
        """The gaps a push-in tightens, stage by stage, as (gap index, most it
        may take in pt): adjacent marks not yet compressed, then every gap a
        little, then the blank sides of single marks (never a line end)."""
        pairs, quiet, marks = [], [], []
        n = len(text)
        for i, (a, b) in enumerate(zip(text, text[1:])):
            if tight(a, b):
                continue
            if self.pair(a, b):
                if not self.compress:
                    pairs.append((i, self.size / 2))
                continue
            quiet.append((i, QUIET_SQUEEZE * self.size))
            side = (a in MARKS and self.blanks(a)[1] >= SIDE_BLANK * self.size) or \
                (b in MARKS and self.blanks(b)[0] >= SIDE_BLANK * self.size)
            if side and i + 1 < n - 1:
                marks.append((i, MARK_SQUEEZE * self.size))
        return [pairs, quiet, marks]

    def squeeze_capacity(self, text: str) -> float:
        """How much ``text`` may be squeezed when a mark is pushed in, in pt."""
        return self.trail(text) + sum(cap for stage in self.squeeze_stages(text)
                                      for _, cap in stage)
