"""Paragraphs into lines: greedy on the grid, 禁则 first, push in before pushing out.

Body text: lines are filled unit by unit (see :mod:`.rules`). When the unit
that no longer fits ends with marks that may not start a line (``究。”``)
and its head would still fit, the line is squeezed to take the whole unit
(push in: the blank halves of the line's punctuation give way) if it can;
otherwise the unit moves to the next line (push out) and the line is
stretched by the justifier.

Titles: as few lines as the width needs, their widths as equal as the
break opportunities allow (no long line over a stub).
"""

from __future__ import annotations

from dataclasses import dataclass

from .measure import Measure
from .rules import NO_START, atoms, units

EPS = 1e-6


@dataclass(frozen=True)
class Line:
    """One line of a paragraph."""

    text: str
    #: The width the line must fill, in pt (the first line's is shorter by the indent).
    width: float
    #: The paragraph's last line: set on the grid, not stretched.
    last: bool = False
    #: The line was squeezed to push in a mark that may not start a line.
    pushed_in: bool = False


def _head_fits(unit: list[str], text: str, measure: Measure, width: float) -> bool:
    """Would ``unit`` without its trailing no-start marks still fit after ``text``?"""
    head = list(unit)
    while len(head) > 1 and head[-1][0] in NO_START:
        head.pop()
    if len(head) == len(unit):
        return False
    return measure.natural(text + "".join(head)) <= width + EPS


def _split_long(unit: str, text: str, measure: Measure, width: float) -> int:
    """How many characters of an over-long unit fit after ``text`` (at least 1)."""
    n = 1
    while n < len(unit) and measure.natural(text + unit[:n + 1]) <= width + EPS:
        n += 1
    return n


def break_paragraph(text: str, measure: Measure, width: float, indent: float = 0.0
                    ) -> list[Line]:
    """The lines of one paragraph set ``width`` pt wide, the first one indented."""
    pending = ["".join(unit) for unit in units(text)]
    lines: list[Line] = []
    current = ""
    avail = width - indent
    pushed = False

    def close() -> None:
        nonlocal current, avail, pushed
        lines.append(Line(current.rstrip(" "), avail, pushed_in=pushed))
        current, avail, pushed = "", width, False

    i = 0
    while i < len(pending):
        unit = pending[i]
        if unit == " ":
            if current:
                current += " "
            i += 1
            continue
        candidate = current + unit
        if measure.natural(candidate) <= avail + EPS:
            current = candidate
            i += 1
            continue
        base = current.rstrip(" ")
        if not base:
            # A unit longer than the whole line: cut it where it overflows.
            n = _split_long(unit, "", measure, avail)
            current = unit[:n]
            pending[i] = unit[n:]
            close()
            continue
        over = measure.natural(candidate) - avail
        if _head_fits(atoms(unit), current, measure, avail) and \
                over <= measure.squeeze_capacity(candidate) + EPS:
            current = candidate  # push in
            pushed = True
            i += 1
            close()
            continue
        current = base
        close()  # push out: the unit starts the next line
    if current.strip(" "):
        close()
    if lines:
        last = lines[-1]
        lines[-1] = Line(last.text, last.width, last=True, pushed_in=last.pushed_in)
    return lines


def balanced_lines(text: str, measure: Measure, width: float) -> list[str]:
    """``text`` in the fewest lines that fit ``width``, as even as possible.

    Among all ways of breaking at unit boundaries into that many lines, the
    one whose longest line is shortest wins (then the most even one).
    """
    pieces = ["".join(unit) for unit in units(text)]
    n = len(pieces)
    if n == 0:
        return []
    if measure.ink(text) <= width + EPS:
        return [text]

    def w(a: int, b: int) -> float:
        return measure.ink("".join(pieces[a:b]).strip(" "))

    # best[k][j]: (longest line, sum of squares, breaks) for pieces[:j] in k lines.
    INF = (float("inf"), float("inf"), ())
    lines_needed = None
    best = {0: {0: (0.0, 0.0, ())}}
    for k in range(1, n + 1):
        row = {}
        for j in range(1, n + 1):
            cand = INF
            for i, (longest, squares, breaks) in best[k - 1].items():
                if i >= j or pieces[i] == " " and i + 1 == j:
                    continue
                width_ij = w(i, j)
                if width_ij > width + EPS:
                    continue
                option = (max(longest, width_ij), squares + width_ij ** 2, breaks + (j,))
                cand = min(cand, option)
            if cand is not INF:
                row[j] = cand
        best[k] = row
        if n in row:
            lines_needed = k
            break
    if lines_needed is None:
        return [text]
    breaks = (0,) + best[lines_needed][n][2]
    return ["".join(pieces[a:b]).strip(" ") for a, b in zip(breaks, breaks[1:])]
