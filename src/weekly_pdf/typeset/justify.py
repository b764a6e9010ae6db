"""The spacing that makes a line flush with both edges of its measure.

The spacing is given per character, as the space after it, and grouped into
runs of equal spacing: the layout sets each run as one ``<span>`` with that
``letter-spacing``. A run holds at most :data:`MAX_RUN` characters, because
the PDF writer rounds letter spacing once per glyph inside a run and carries
no error from one run to the next: short runs keep both edges within a few
hundredths of a point.
"""

from __future__ import annotations

from dataclasses import dataclass

from .breaking import Line
from .measure import Measure
from .rules import tight

#: Most characters set in one run of equal letter-spacing.
MAX_RUN = 4


@dataclass(frozen=True)
class Run:
    """Characters set with one letter-spacing (pt, the space after each)."""

    text: str
    spacing: float


def line_gaps(line: Line, measure: Measure) -> list[float]:
    """The space after each character of ``line`` but the last, in pt."""
    text = line.text
    gaps = measure.gaps(text)
    if len(text) < 2:
        return gaps
    rest = line.width - measure.ink(text)
    if line.last and rest >= 0:
        return gaps  # a paragraph's last line stays on the grid
    if rest < 0 and line.pushed_in:
        # Push in: the blank halves of the line's punctuation give way first
        # (never more than half a mark each), the rest is a quiet squeeze of
        # every gap (at most QUIET_SQUEEZE em each).
        squeezable = measure.squeezable(text)
        if squeezable:
            take = min(measure.size / 2, -rest / len(squeezable))
            for i in squeezable:
                gaps[i] -= take
            rest += take * len(squeezable)
    stretchable = [i for i, (a, b) in enumerate(zip(text, text[1:])) if not tight(a, b)]
    if not stretchable:
        stretchable = list(range(len(gaps)))
    share = rest / len(stretchable)
    for i in stretchable:
        gaps[i] += share
    return gaps


def justify_line(line: Line, measure: Measure) -> list[Run]:
    """``line`` as runs of equal letter-spacing that fill its width exactly
    (a paragraph's last line is set on the grid instead)."""
    text = line.text
    if not text:
        return []
    gaps = line_gaps(line, measure)
    # The last character's own spacing only widens the line box past the edge:
    # give it its neighbour's so that it joins that run.
    spacing = gaps + [gaps[-1] if gaps else measure.tracking]
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or abs(spacing[i] - spacing[start]) > 1e-9 or i - start >= MAX_RUN \
                and abs(spacing[start]) > 1e-9:
            runs.append(Run(text[start:i], round(spacing[start], 4)))
            start = i
    return runs
