"""The spacing that makes a line flush with both edges of its measure.

The spacing is given per character, as the space after it, and grouped into
runs of equal spacing: the layout sets each run as one ``<span>`` with that
``letter-spacing``. A run is as long as its spacing stays the same, up to
:data:`MAX_RUN` characters, and a line's last run holds at most
:data:`LAST_RUN`: the PDF writer moves the pen by whole thousandths of an em
inside a run, so a glyph may drift by up to 0.008 pt a character from where
it belongs (:mod:`.pdfspacing` picks the values). A line of Han characters is
four runs (it was seven).

How a line is filled:

* a paragraph's last line keeps the grid spacing;
* a line that pushed a mark in gives up space in this order: the blank half
  of the closing mark that ends it (set half width, its ink ends on the edge), adjacent
  marks not yet compressed, a quiet squeeze of every gap (at most
  :data:`.QUIET_SQUEEZE` em), then the blank sides of single marks (at most
  :data:`.MARK_SQUEEZE` em each, so a mark keeps more than 3/4 em);
* any other line is stretched evenly over its gaps, never inside a Latin word,
  a number, ``——`` or ``……``, nor between two compressed marks;
* no gap is tighter than :data:`.MIN_GAP` em (what is missing is taken evenly
  from the others): pdftotext would cut the line there.
"""

from __future__ import annotations

from dataclasses import dataclass

from .breaking import Line
from .measure import MIN_GAP, Measure
from .pdfspacing import css_value, quantise_runs, units_of
from .rules import tight

EPS = 1e-9
#: Most characters in a line's last run, and in any run (see :mod:`.pdfspacing`):
#: inside a run a glyph may drift up to 0.008 pt from where it belongs.
LAST_RUN = 4
MAX_RUN = 10


@dataclass(frozen=True)
class Run:
    """Characters set with one letter-spacing (pt, the space after each; a
    value the PDF writer represents exactly, see :mod:`.pdfspacing`)."""

    text: str
    spacing: float
    #: How far the run is set out to the left of where it would start, in pt:
    #: the blank half of an opening mark at the start of a line.
    lead: float = 0.0

    @property
    def css_class(self) -> str:
        """The CSS classes of the run's ``<span>`` (see :meth:`css_rules`)."""
        return " ".join(self.css_rules())

    def css_rules(self) -> dict[str, str]:
        """The run's style as CSS classes and their declarations: one class
        per distinct letter-spacing (named by its Pango units), one per lead."""
        rules = {f"s{units_of(self.spacing)}": f"letter-spacing:{css_value(self.spacing)}"}
        if self.lead:
            rules[f"o{round(self.lead * 100)}"] = f"margin-left:-{self.lead:g}pt"
        return rules


def _fill(gaps: list[float], stage: list[tuple[int, float]], need: float) -> float:
    """Take up to ``need`` pt from the gaps of ``stage`` (index, most each may
    give), in equal shares; returns what is still needed."""
    open_ = sorted(stage, key=lambda entry: entry[1])
    while open_ and need > EPS:
        share = need / len(open_)
        index, cap = open_[0]
        if cap <= share:
            for i, _ in open_:
                gaps[i] -= cap
            need -= cap * len(open_)
            open_ = [(i, c - cap) for i, c in open_[1:]]
        else:
            for i, _ in open_:
                gaps[i] -= share
            need = 0.0
    return need


def line_layout(line: Line, measure: Measure) -> tuple[float, list[float]]:
    """The lead (pt the first character is set out to the left) and the space
    after each character of ``line`` but the last, in pt."""
    text = line.text
    lead = 0.0 if line.first else measure.lead(text)
    gaps = measure.gaps(text)
    if len(text) < 2:
        return lead, gaps
    rest = line.width + lead - measure.ink(text)
    if not (line.last and rest >= 0):
        if rest < 0 and line.pushed_in:
            # The closing mark at the end is set half width (all or nothing:
            # its ink then ends on the edge), what is left is squeezed or spread.
            need = -rest - measure.trail(text)
            if need > 0:
                for stage in measure.squeeze_stages(text):
                    need = _fill(gaps, stage, need)
            rest = -need
        if abs(rest) > EPS:
            _spread(gaps, text, measure, rest)
    _floor(gaps, text, measure)
    return lead, gaps


def _evenly(text: str, measure: Measure) -> list[int]:
    """Gaps that take an even share of stretch or squeeze."""
    out = [i for i, (a, b) in enumerate(zip(text, text[1:]))
           if not tight(a, b) and not measure.pair(a, b)]
    return out or [i for i, (a, b) in enumerate(zip(text, text[1:])) if not tight(a, b)] \
        or list(range(len(text) - 1))


def _spread(gaps: list[float], text: str, measure: Measure, amount: float) -> None:
    chosen = _evenly(text, measure)
    for i in chosen:
        gaps[i] += amount / len(chosen)


def _floor(gaps: list[float], text: str, measure: Measure) -> None:
    """No gap under MIN_GAP em: the difference comes from the other gaps."""
    floor = MIN_GAP * measure.size
    deficit, floored = 0.0, set()
    for i, gap in enumerate(gaps):
        if gap < floor:
            deficit += floor - gap
            gaps[i] = floor
            floored.add(i)
    if deficit:
        others = [i for i in _evenly(text, measure) if i not in floored]
        for i in others:
            gaps[i] -= deficit / len(others)


def justify_line(line: Line, measure: Measure) -> list[Run]:
    """``line`` as runs of equal letter-spacing that fill its width exactly
    (a paragraph's last line is set on the grid instead)."""
    text = line.text
    if not text:
        return []
    lead, gaps = line_layout(line, measure)
    # The last character's own spacing only widens the line box past the edge:
    # give it its neighbour's so that it joins that run.
    spacing = gaps + [gaps[-1] if gaps else measure.tracking]
    pieces = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or abs(spacing[i] - spacing[start]) > 1e-6:
            pieces.append((text[start:i], spacing[start]))
            start = i
    # The writer places a run's start exactly but moves the pen by whole
    # thousandths of an em inside it: a short last run keeps the right edge
    # within a few hundredths of a point.
    tail, value = pieces[-1]
    if len(tail) > LAST_RUN:
        pieces[-1:] = [(tail[:-LAST_RUN], value), (tail[-LAST_RUN:], value)]
    pieces = [(piece[i:i + MAX_RUN], value) for piece, value in pieces
              for i in range(0, len(piece), MAX_RUN)]
    quantised = quantise_runs(pieces, measure.widths(text), measure.size)
    runs = [Run(piece, value) for (piece, _), value in zip(pieces, quantised)]
    if lead:
        runs[0] = Run(runs[0].text, runs[0].spacing, lead)
    return runs
