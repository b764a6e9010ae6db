"""Advance widths of characters, as the font that really draws each one has them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..fonts import FontFile, FontSet


class _FontMetrics:
    """The horizontal metrics of one font file, in em (read by the FontFile)."""

    def __init__(self, font: FontFile):
        self.advances = font.metrics.advances
        self.upem = font.metrics.units_per_em
        self._cache: dict[str, float] = {}

    def em(self, char: str) -> float | None:
        width = self._cache.get(char)
        if width is None:
            units = self.advances.get(ord(char))
            if units is None:
                return None
            width = self._cache[char] = units / self.upem
        return width


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
