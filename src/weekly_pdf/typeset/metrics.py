"""Advance widths of characters, as the font that really draws each one has them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..fonts.fontset import FontFile, FontSet
from .rules import CLOSING, OPENING

#: The characters whose ink the typesetter reads (punctuation marks).
INK_CHARS = "".join(sorted(CLOSING | OPENING))


class _FontMetrics:
    """The horizontal metrics of one font file, in em (read by the FontFile)."""

    def __init__(self, font: FontFile):
        self.advances = font.metrics.advances
        self.upem = font.metrics.units_per_em
        self._cache: dict[str, float] = {}
        self._font = font
        self._ink: dict[str, tuple[float, float] | None] | None = None

    def em(self, char: str) -> float | None:
        width = self._cache.get(char)
        if width is None:
            units = self.advances.get(ord(char))
            if units is None:
                return None
            width = self._cache[char] = units / self.upem
        return width

    def ink(self, char: str) -> tuple[float, float] | None:
        """Left and right edges of the glyph's ink, in em from its origin, for
        a punctuation mark (None: no glyph, no ink, or not a mark)."""
        if self._ink is None:
            from ..fonts.metrics import read_ink

            found = read_ink(lambda: self._font.font, self._font.sha256, INK_CHARS)
            self._ink = {c: (v[0] / self.upem, v[1] / self.upem) if v else None
                         for c, v in found.items()}
        return self._ink.get(char)


class Advances:
    """Advance widths (in em) of characters drawn in a font role.

    The font is the one :meth:`FontSet.font_for` names, so a character the
    role's own font lacks is measured in the fallback font that draws it.
    """

    def __init__(self, fontset: FontSet):
        self.fontset = fontset
        self._fonts: dict[Path, _FontMetrics] = {}

    def _metrics(self, font: FontFile) -> _FontMetrics:
        metrics = self._fonts.get(font.path)
        if metrics is None:
            metrics = self._fonts[font.path] = _FontMetrics(font)
        return metrics

    def em(self, char: str, role: str) -> float:
        """The advance of ``char`` in em: 0 for an invisible format or
        combining character no font has (the renderer draws nothing), 1 em for
        any other character no font has (the glyph check refuses such text
        before any layout happens)."""
        font = self.fontset.font_for(char, role)
        width = self._metrics(font).em(char) if font is not None else None
        if width is None:
            return 0.0 if unicodedata.category(char) in ("Cf", "Mn", "Cc") else 1.0
        return width

    def blanks(self, char: str, role: str) -> tuple[float, float]:
        """The blank left and right of ``char``'s ink inside its advance, in em
        (0, 0 for a character no font has or without ink)."""
        font = self.fontset.font_for(char, role)
        if font is None:
            return 0.0, 0.0
        metrics = self._metrics(font)
        ink = metrics.ink(char)
        if ink is None:
            return 0.0, 0.0
        return max(ink[0], 0.0), max((metrics.em(char) or 0.0) - ink[1], 0.0)
