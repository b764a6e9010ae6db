"""Paragraphs into lines: greedy on the grid, 禁则 first, push in before pushing out.

Body text: lines are filled unit by unit (see :mod:`.rules`). When the unit
that no longer fits ends with marks that may not start a line (``究。”``)
and its head would still fit, the line is squeezed to take the whole unit
(push in: the blank halves of the line's punctuation give way) if it can;
otherwise the unit moves to the next line (push out) and the line is
stretched by the justifier.

Titles: as few lines as the width needs, their widths as equal as the
break opportunities allow (no long line over a stub), and words kept whole:
GB/T 9704 asks a title that wraps to keep 词意完整 as well as 排列对称. Each
break has a class (:mod:`.titlebreaks`: between clauses, phrases or words,
after a dangling 与, inside a word, inside a quoted term, an office term or
a number with its unit, from the segmenter's words). A break inside a term,
then one inside a word, is taken only when no other break of as many lines
keeps every line at least :data:`TITLE_MIN_SHARE` (then
:data:`TITLE_LAST_SHARE`) of the longest; between clauses, phrases and
words, balance is weighed against :data:`TITLE_COSTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .measure import Measure
from .rules import NO_START, atoms, units
from .titlebreaks import CLAUSE, HANGING, IN_TERM, IN_WORD, PHRASE, WORD, break_classes

EPS = 1e-6

#: What a break between clauses, between phrases and between other words
#: costs, in 字 of the longest line: a break between clauses wins over one
#: between phrases when it makes the longest line at most 2.5 字 longer, and one
#: between phrases wins over one between other words on the same terms.
TITLE_COSTS = {CLAUSE: 0.0, PHRASE: 2.5, WORD: 5.0}
#: No line of a wrapped title shorter than this share of its longest (no stub).
TITLE_MIN_SHARE = 0.6
#: ... unless that breaks a word or a term that a shorter stub would keep whole.
TITLE_LAST_SHARE = 0.5
#: Spaces that a title's line does not start or end with: the space a break
#: replaces, and the ideographic space between two clauses (喜迎二十大　科普向未来).
TITLE_SPACES = (" ", "\u3000")
#: At most this many candidate widths of the longest line are tried (bounds the work).
TITLE_MAX_LONGEST = 64


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
    #: The paragraph's first line (indented: an opening mark keeps its full width).
    first: bool = False


def _head_fits(unit: list[str], text: str, measure: Measure, width: float,
               first: bool) -> bool:
    """Would ``unit`` without its trailing no-start marks still fit after ``text``?"""
    head = list(unit)
    while len(head) > 1 and head[-1][0] in NO_START:
        head.pop()
    if len(head) == len(unit):
        return False
    return _fits(text + "".join(head), measure, width, first)


def _fits(text: str, measure: Measure, width: float, first: bool) -> bool:
    return _overflow(text, measure, width, first) <= EPS


def _overflow(text: str, measure: Measure, width: float, first: bool) -> float:
    """How far ``text`` set on the grid from the start of a line runs past
    ``width`` (a line at the left edge gains the blank half of an opening mark)."""
    gain = 0.0 if first else measure.lead(text)
    return measure.natural(text) - gain - width


def _split_long(unit: str, text: str, measure: Measure, width: float, first: bool) -> int:
    """How many characters of an over-long unit fit after ``text`` (at least 1)."""
    n = 1
    while n < len(unit) and _fits(text + unit[:n + 1], measure, width, first):
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
        lines.append(Line(current.rstrip(" "), avail, pushed_in=pushed, first=not lines))
        current, avail, pushed = "", width, False

    i = 0
    while i < len(pending):
        unit = pending[i]
        first = not lines
        if unit == " ":
            if current:
                current += " "
            i += 1
            continue
        candidate = current + unit
        if _fits(candidate, measure, avail, first):
            current = candidate
            i += 1
            continue
        base = current.rstrip(" ")
        if not base:
            # A unit longer than the whole line: cut it where it overflows.
            n = _split_long(unit, "", measure, avail, first)
            current = unit[:n]
            pending[i] = unit[n:]
            close()
            continue
        over = _overflow(candidate, measure, avail, first)
        if _head_fits(atoms(unit), current, measure, avail, first) and \
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
        lines[-1] = Line(last.text, last.width, last=True, pushed_in=last.pushed_in,
                         first=last.first)
    return lines


def _title_pieces(text: str, measure: Measure, width: float) -> list[str]:
    """The units of a title, with any unit wider than the line cut into its
    atoms and any atom still wider into characters (a long Latin word or URL
    then wraps anywhere rather than running off the page)."""
    pieces: list[str] = []
    for unit in units(text):
        if measure.ink("".join(unit)) <= width + EPS:
            pieces.append("".join(unit))
            continue
        for atom in unit:
            pieces.extend([atom] if measure.ink(atom) <= width + EPS else list(atom))
    return pieces


def _width_table(pieces: list[str], measure: Measure):
    """``w(a, b)``: the ink width of pieces[a:b] without its outer spaces, in
    O(1) from prefix sums over the characters."""
    text = "".join(pieces)
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    widths = [0.0]
    for advance in measure.widths(text):
        widths.append(widths[-1] + advance)
    gaps = [0.0]
    for gap in measure.gaps(text):
        gaps.append(gaps[-1] + gap)

    def w(a: int, b: int) -> float:
        if a < b and pieces[a] in TITLE_SPACES:
            a += 1
        if a < b and pieces[b - 1] in TITLE_SPACES:
            b -= 1
        if a >= b:
            return 0.0
        p, q = starts[a], starts[b]
        return round(widths[q] - widths[p] + gaps[q - 1] - gaps[p], 6)
    return w


def balanced_lines(text: str, measure: Measure, width: float,
                   terms: tuple[str, ...] = ()) -> list[str]:
    """``text`` in the fewest lines that fit ``width``, as even as possible,
    broken between words (``terms``: the office's terms, kept whole).

    Among all ways of breaking at unit boundaries into that many lines, the
    one whose longest line is shortest (then the most even one) is the
    default; :func:`_whole_words` then weighs words against balance.
    Dynamic programming over the break opportunities: O(k·n·m) for n pieces,
    k lines and at most m pieces to a line.
    """
    if not text.strip(" "):
        return []
    if measure.ink(text) <= width + EPS:
        return [text]
    pieces = _title_pieces(text, measure, width)
    n = len(pieces)
    w = _width_table(pieces, measure)
    reach = _reach(pieces, w, width)
    # best[j]: (longest line, sum of squares, breaks) for pieces[:j] in k lines.
    best: dict[int, tuple] = {0: (0.0, 0.0, ())}
    lines = 0
    while n not in best:
        lines += 1
        row: dict[int, tuple] = {}
        for i, (longest, squares, breaks) in best.items():
            for j, width_ij in reach[i]:
                option = (max(longest, width_ij), squares + width_ij ** 2, breaks + (j,))
                if j not in row or option < row[j]:
                    row[j] = option
        if not row:
            return [text]  # not reached: every piece fits a line
        best = row
    if lines == 1:
        return ["".join(pieces).strip(" ")]
    classes = _break_classes(pieces, measure, width, terms)
    breaks = (0,) + _whole_words(pieces, lines, w, reach, measure.size, classes,
                                 default=best[n][2])
    # No line starts or ends with the space its break replaced.
    return ["".join(pieces[a:b]).strip("".join(TITLE_SPACES))
            for a, b in zip(breaks, breaks[1:])]


def _break_classes(pieces: list[str], measure: Measure, width: float,
                   terms: tuple[str, ...]) -> list[int]:
    """The class of a break before each piece (:mod:`.titlebreaks`)."""
    text = "".join(pieces)
    classes = break_classes(text, terms, fits=lambda quoted: measure.ink(quoted) <= width + EPS)
    out, offset = [], 0
    for piece in pieces:
        out.append(classes[offset])
        offset += len(piece)
    out.append(classes[offset])
    return out


def _reach(pieces: list[str], w, width: float) -> list[list[tuple[int, float]]]:
    """``reach[i]``: (j, w(i, j)) for each line pieces[i:j] that fits ``width``
    (not a lone space), j ascending."""
    n = len(pieces)
    reach: list[list[tuple[int, float]]] = [[] for _ in range(n + 1)]
    for i in range(n):
        for j in range(i + 1, n + 1):
            width_ij = w(i, j)
            if width_ij > width + EPS:
                break
            if not (pieces[i] in TITLE_SPACES and i + 1 == j):
                reach[i].append((j, width_ij))
    return reach


def _whole_words(pieces, lines, w, reach, size, classes, default):
    """The breaks (ends of lines) of the best title of ``lines`` lines.

    Best: the fewest breaks inside a term, then inside a word or after a
    dangling 与 (HANGING); then the shortest longest line plus the
    :data:`TITLE_COSTS` of the breaks; then the most even. No line under
    :data:`TITLE_MIN_SHARE` of the longest; only when that leaves a break
    inside a word or term, :data:`TITLE_LAST_SHARE`. With neither, ``default``.
    """
    found = None
    for share in (TITLE_MIN_SHARE, TITLE_LAST_SHARE):
        score = _best_breaks(pieces, lines, w, reach, size, classes, default, share)
        if score is not None and (found is None or score[:2] < found[:2]):
            found = score
        if found is not None and found[:2] == (0, 0):
            break
    return default if found is None else found[-1]


def _best_breaks(pieces, lines, w, reach, size, classes, default, share):
    """The score (breaks in terms, in words, longest line with costs, sum of
    squares, ends) of the best breaks with no line under ``share`` of the
    longest, or None.

    For each candidate longest line M (a line width, ascending, at most
    :data:`TITLE_MAX_LONGEST` of them), a dynamic programme finds the breaks
    with every line between share·M and M and the lowest cost; the search
    stops once M alone costs more than the best found with no break inside a
    word or term.
    """
    n = len(pieces)
    # What a line ending before piece j costs: (in a term, in a word, pt).
    cost = [(0, 0, 0.0) if j == n else
            (int(c >= IN_TERM), int(c % IN_TERM in (IN_WORD, HANGING)),
             TITLE_COSTS.get(c % IN_TERM, 0.0) * size) for j, c in enumerate(classes)]
    space = [j < n and pieces[j] in TITLE_SPACES for j in range(n + 1)]
    lowest = max(w(a, b) for a, b in zip((0, *default), default))
    candidates = sorted({x for row in reach for _, x in row if x >= lowest - EPS})
    best = None
    for longest in candidates[:TITLE_MAX_LONGEST]:
        if best is not None and best[:2] == (0, 0) and longest > best[2] + EPS:
            break
        shortest = share * longest
        # row[j]: (in terms, in words, costs, sum of squares, actual longest, ends)
        # for pieces[:j] in k lines.
        row: dict[int, tuple] = {0: (0, 0, 0.0, 0.0, 0.0, ())}
        for k in range(lines):
            last = k == lines - 1
            following: dict[int, tuple] = {}
            for i, (terms, inside, costs, squares, top, ends) in row.items():
                for j, width_ij in reach[i]:
                    if width_ij > longest + EPS:
                        break
                    if width_ij < shortest - EPS or (j == n) != last or space[j]:
                        continue
                    t, v, b = cost[j]
                    option = (terms + t, inside + v, costs + b, squares + width_ij ** 2,
                              max(top, width_ij), ends + (j,))
                    if j not in following or option < following[j]:
                        following[j] = option
            row = following
        if n in row:
            terms, inside, costs, squares, top, ends = row[n]
            score = (terms, inside, round(top + costs, 6), squares, ends)
            if best is None or score < best:
                best = score
    return best
