"""Letter spacing as the PDF writer draws it.

WeasyPrint (pinned) sets ``letter-spacing`` through Pango in Pango units
(1/1024 px, truncated) and writes every glyph into a ``TJ`` array with an
integer kerning in 1/1000 em, *truncated*: inside a run the pen moves by
whole thousandths of an em (a thousandth of the font size), so the fraction dropped
moves every later glyph of the run (about 0.2 pt over 28 characters). A
run's start is placed exactly, from Pango's widths.

:func:`quantise_runs` models both: for each run it picks the spacing in whole
Pango units (near the one asked for) that keeps the run's glyphs nearest to
where they belong in the PDF, and carries Pango's rounding from one run to
the next. The layout writes the value in px, exactly (``units / 1024``), see
:func:`css_value`.
"""

from __future__ import annotations

from functools import lru_cache

#: Pango units per px, CSS px per pt.
PANGO_SCALE = 1024
PX_PER_PT = 4 / 3
#: How many Pango units around the asked spacing are tried (the kerning the
#: writer truncates comes round every ~44 units).
WINDOW = 48


def _units(pt: float) -> float:
    return pt * PX_PER_PT * PANGO_SCALE


def _pt(units: float) -> float:
    return units / PANGO_SCALE / PX_PER_PT


def units_of(spacing: float) -> int:
    """The spacing of a run, in Pango units (exact for a quantised value)."""
    return round(_units(spacing))


def css_value(spacing: float) -> str:
    """A quantised spacing as the exact CSS length WeasyPrint reads back."""
    text = f"{units_of(spacing) / PANGO_SCALE:.10f}".rstrip("0").rstrip(".")
    return f"{text}px" if text not in ("0", "-0") else "0"


def _drawn(units: int, naturals: list[int], font: int, size: float, upto: int | None = None
           ) -> list[float]:
    """Where the PDF writer draws each glyph of a run (the first ``upto``), in
    pt from the run's start, with ``units`` of letter spacing (``naturals``:
    each glyph's advance in Pango units).

    Pango gives every glyph but the run's last the right part of the spacing
    and every glyph but the first the left part, moved by an ``x_offset``;
    the writer turns the offset into thousandths of an em with a factor of
    1024/1000 too much (compensated in the glyph's kerning) and truncates the
    kerning to a whole number.
    """
    left = int(units / 2)  # C division: toward zero
    if units and units % PANGO_SCALE == 0:
        left = (left + 512) & ~1023
    right = units - left
    pen, out, n = 0.0, [], len(naturals)
    for j, natural in enumerate(naturals[:upto]):
        width = natural + (left if j else 0) + (right if j < n - 1 else 0)
        offset = left * PANGO_SCALE / font if j else 0.0
        logical = round(natural * 1000 / font)
        out.append((pen + offset) / 1000 * size)
        kerning = logical + offset - width * 1000 / font
        pen += offset + logical - int(kerning)
    return out


@lru_cache(maxsize=4096)
def _head(units: int, natural: int, font: int, size: float) -> tuple[float, ...]:
    """Where the first three of a longer run of equal glyphs are drawn."""
    return tuple(_drawn(units, [natural] * 4, font, size, upto=3))


def _worst(units: int, naturals: list[int], wanted: list[float], carry: float, font: int,
           size: float, uniform: bool) -> float:
    """The largest distance between where a glyph of the run is drawn and
    where it belongs (pt). For a run of equal glyphs the distance grows
    linearly after the first glyph: three glyphs tell it."""
    n = len(naturals)
    if uniform and n > 3:
        d = _head(units, naturals[0], font, size)
        step = d[2] - d[1]
        last = d[1] + (n - 2) * step
        return max(abs(carry + d[0] - wanted[0]), abs(carry + d[1] - wanted[1]),
                   abs(carry + last - wanted[-1]))
    return max(abs(carry + d - w)
               for d, w in zip(_drawn(units, naturals, font, size), wanted))


def quantise_runs(runs: list[tuple[str, float]], widths: list[float], size: float
                  ) -> list[float]:
    """The spacing (pt) to give each run of a line — (text, spacing asked
    for) in order, ``widths`` the advance of each character — so that the PDF
    places every character near where the asked spacing would: the start of
    every run within a few thousandths of a point, the characters inside a
    run within its drift of whole thousandths of an em."""
    out = []
    carry = 0.0  # where the next run starts, minus where it should (pt)
    start = 0
    font = int(_units(size))
    for k, (text, asked) in enumerate(runs):
        n = len(text)
        advances = widths[start:start + n]
        naturals = [round(w / size * font) for w in advances]
        wanted, x = [], 0.0
        for w in advances:
            wanted.append(x)
            x += w + asked
        last_run = k == len(runs) - 1
        uniform = len(set(naturals)) == 1 and len(set(advances)) == 1
        total = sum(naturals)
        target = units_of(asked)
        # The writer's offset error grows with the spacing (1/1000 em per ~170 units).
        window = WINDOW + abs(target) // 64
        best = None

        def consider(units: int) -> None:
            """Score ``units`` and keep it if it is the best so far."""
            nonlocal best
            end = carry + _pt(total + n * units) - x
            worst = _worst(units, naturals, wanted, carry, font, size, uniform)
            # Inside a run the drift of the whole thousandths is unavoidable;
            # where the next run starts is not: keep that tight.
            score = worst if last_run else worst + 4 * abs(end)
            key = (round(score, 4), abs(units - target), units)
            if best is None or key < best[0]:
                best = (key, units, end)

        low, high = target - window, target + window
        if last_run:
            for units in range(low, high + 1):
                consider(units)
        else:
            # The score is at least 4·|end|, and |end| grows in steps of n
            # units away from where the run would end exactly: search outward
            # from there, and leave a side once that bound alone loses (every
            # unit further out on it ends further off).
            exact = (_units(x - carry) - total) / n
            centre = min(max(round(exact), low), high)
            consider(centre)
            for side in (range(centre - 1, low - 1, -1), range(centre + 1, high + 1)):
                for units in side:
                    if round(4 * abs(carry + _pt(total + n * units) - x), 4) > best[0][0]:
                        break
                    consider(units)
        _, units, carry = best
        out.append(_pt(units))
        start += n
    return out
