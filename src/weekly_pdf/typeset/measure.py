"""Natural widths, spacing and squeeze of a run of text on the grid."""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import Advances
from .rules import CLOSING, OPENING, tight

#: How much a line pushing a mark in may tighten every gap, besides compressing
#: its punctuation (em of the body size).
QUIET_SQUEEZE = 0.025


@dataclass
class Measure:
    """How text of one role and size sits on the grid.

    ``tracking`` is the space after every character (the layout's character
    pitch minus its body size, slightly negative in the bulletin); none goes inside a Latin word, a number, a
    ``——`` or a ``……``. With ``compress`` two adjacent punctuation marks
    lose the blank half of one of them (1.5 字 instead of 2).
    """

    advances: Advances
    role: str
    size: float
    tracking: float = 0.0
    compress: bool = False

    def widths(self, text: str) -> list[float]:
        """The advance of each character, in pt."""
        return [self.advances.em(c, self.role) * self.size for c in text]

    def gaps(self, text: str) -> list[float]:
        """The natural space after each character but the last, in pt."""
        out = []
        for a, b in zip(text, text[1:]):
            gap = 0.0 if tight(a, b) else self.tracking
            if self.compress and self.pair(a, b):
                gap -= self.size / 2
            out.append(gap)
        return out

    @staticmethod
    def pair(a: str, b: str) -> bool:
        """Two adjacent marks whose facing blanks may be compressed."""
        return (a in CLOSING and (b in CLOSING or b in OPENING)) or \
            (b in OPENING and a in OPENING)

    def natural(self, text: str) -> float:
        """The width ``text`` takes on the grid: its characters, the spaces
        between them and the tracking of its last cell."""
        if not text:
            return 0.0
        last = 0.0 if text[-1] == " " else self.tracking
        return sum(self.widths(text)) + sum(self.gaps(text)) + last

    def ink(self, text: str) -> float:
        """The width from the first character's left edge to the last one's right edge."""
        return sum(self.widths(text)) + sum(self.gaps(text))

    def squeezable(self, text: str) -> list[int]:
        """Indices of gaps that may give up the blank half of a punctuation mark:
        after a closing mark, before an opening mark (never at the line's ends,
        so punctuation never hangs), unless already compressed."""
        out = []
        for i, (a, b) in enumerate(zip(text, text[1:])):
            if self.compress and self.pair(a, b):
                continue
            if a in CLOSING or b in OPENING:
                out.append(i)
        return out

    def squeeze_capacity(self, text: str) -> float:
        """How much ``text`` may be squeezed when a mark is pushed in, in pt."""
        return len(self.squeezable(text)) * self.size / 2 + \
            max(len(text) - 1, 0) * QUIET_SQUEEZE * self.size
