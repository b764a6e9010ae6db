"""The 通报's bar chart of units: inline SVG written here, drawn by the HTML engine.

One horizontal bar per unit with a score, in the ranked order, its length the
unit's total, the unit's name on the left and the total at the bar's end, an
axis with round ticks below. Everything is vector and every label is text in
the bundled fonts (named by their registered families, as SVG cannot read
the layout's CSS custom properties); text widths come from the fonts' own
advances, so the label column fits the longest name. The same rows always
give the same SVG text.

A long list is split into several charts on one scale, each short enough for
a page (an SVG is never broken across pages).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

from markupsafe import Markup, escape

#: Drawing sizes, in pt.
LABEL_SIZE = 12.0     # 小四
ROW_PITCH = 20.0
BAR_HEIGHT = 12.0
GAP = 6.0
AXIS_ROOM = 22.0
TOP = 4.0
#: Bars a chart holds before the next chart starts (a page's worth).
BARS_PER_CHART = 26
BAR_COLOUR = "#44546A"
GRID_COLOUR = "#BFBFBF"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Fraction
    shown: str  # the value as printed


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) for an axis to ``maximum``."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _family(families: tuple[str, ...]) -> str:
    return ", ".join(f"'{family}'" for family in families)


def bar_charts(bars: list[Bar], width: float, measure: Callable[[str, float], float],
               families: tuple[str, ...]) -> list[Markup]:
    """The charts (SVG elements, ``width`` pt wide) of ``bars``; ``measure(text,
    size)`` gives a label's width in pt, ``families`` the fonts of the labels."""
    drawn = [bar for bar in bars if bar.value > 0]
    if not drawn:
        return []
    family = _family(families)
    label_width = max(measure(bar.label, LABEL_SIZE) for bar in drawn)
    label_width = min(label_width, width * 0.45)
    value_width = max(measure(bar.shown, LABEL_SIZE) for bar in drawn)
    left = label_width + GAP
    span = width - left - GAP - value_width - 2.0
    top_value = max(float(bar.value) for bar in drawn)
    step = nice_step(top_value)
    axis_max = step * math.ceil(top_value / step - 1e-9)
    scale = span / axis_max
    charts = []
    for start in range(0, len(drawn), BARS_PER_CHART):
        chunk = drawn[start:start + BARS_PER_CHART]
        height = TOP + len(chunk) * ROW_PITCH + AXIS_ROOM
        base = TOP + len(chunk) * ROW_PITCH
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{_num(width)}pt" '
                 f'height="{_num(height)}pt" viewBox="0 0 {_num(width)} {_num(height)}">']
        ticks = int(round(axis_max / step))
        for t in range(ticks + 1):
            x = left + t * step * scale
            parts.append(f'<line class="grid" x1="{_num(x)}" y1="{_num(TOP)}" x2="{_num(x)}" '
                         f'y2="{_num(base)}" stroke="{GRID_COLOUR}" stroke-width="0.5"/>')
            parts.append(f'<text class="tick" x="{_num(x)}" y="{_num(base + 15)}" '
                         f'font-family="{family}" font-size="10.5" text-anchor="middle">'
                         f'{escape(_num(t * step))}</text>')
        parts.append(f'<line class="axis" x1="{_num(left)}" y1="{_num(TOP)}" x2="{_num(left)}" '
                     f'y2="{_num(base)}" stroke="#000000" stroke-width="0.75"/>')
        for i, bar in enumerate(chunk):
            y = TOP + i * ROW_PITCH + (ROW_PITCH - BAR_HEIGHT) / 2
            length = float(bar.value) * scale
            baseline = y + BAR_HEIGHT / 2 + LABEL_SIZE * 0.35
            # A name longer than the label column is set smaller, never cut.
            size = min(LABEL_SIZE, LABEL_SIZE * label_width / max(measure(bar.label, LABEL_SIZE),
                                                                  1e-6))
            parts.append(f'<text class="label" x="{_num(label_width)}" y="{_num(baseline)}" '
                         f'font-family="{family}" font-size="{_num(size)}" '
                         f'text-anchor="end">{escape(bar.label)}</text>')
            parts.append(f'<rect class="bar" x="{_num(left)}" y="{_num(y)}" '
                         f'width="{_num(length)}" height="{_num(BAR_HEIGHT)}" fill="{BAR_COLOUR}"/>')
            parts.append(f'<text class="value" x="{_num(left + length + 3)}" y="{_num(baseline)}" '
                         f'font-family="{family}" font-size="{_num(LABEL_SIZE)}">'
                         f'{escape(bar.shown)}</text>')
        parts.append("</svg>")
        charts.append(Markup("".join(parts)))
    return charts
