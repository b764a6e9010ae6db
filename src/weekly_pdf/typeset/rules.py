"""Line-breaking rules of the house style (W3C clreq, GB/T 15834).

A paragraph is cut into *atoms* that never split (one Han character, a
``——`` or ``……``, a Latin word or number, a space), and atoms are glued
into *units* so that no line can start with a closing mark or end with an
opening mark. A line may break only between units.
"""

from __future__ import annotations

import re

from ..source.punctuation import CLOSING, DOUBLED, NO_END, NO_START, OPENING

__all__ = ["CLOSING", "DOUBLED", "NO_END", "NO_START", "OPENING", "atoms", "breakable",
           "is_latin", "tight", "units", "violations"]

# Long Latin runs (URLs, e-mail addresses) may break after these ...
_BREAK_AFTER = frozenset("/-_?&=#")
# ... and before these.
_BREAK_BEFORE = frozenset(".@")
_LATIN_RE = re.compile(r"[!-~]+")
#: White space that is a character of the text, not a break opportunity.
_KEPT_SPACES = frozenset("\u3000\u00a0")
#: A Latin run longer than this may break inside (it is a URL or an address).
LONG_LATIN = 12


def is_latin(char: str) -> bool:
    """Half-width Latin letters, digits and ASCII punctuation."""
    return "!" <= char <= "~"


def tight(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` belong to one word-like atom: no tracking or
    justification space ever goes between them."""
    return (is_latin(a) and is_latin(b)) or (a == b and a in DOUBLED)


def _latin_pieces(run: str) -> list[str]:
    """A Latin run, cut where a URL or an address may break."""
    if len(run) <= LONG_LATIN:
        return [run]
    pieces, start = [], 0
    for i in range(1, len(run)):
        if i - start < 2 or len(run) - i < 2:
            continue
        if (run[i - 1] in _BREAK_AFTER and run[i] != run[i - 1]) or \
                (run[i] in _BREAK_BEFORE and run[i - 1] not in _BREAK_BEFORE):
            pieces.append(run[start:i])
            start = i
    pieces.append(run[start:])
    return pieces


def atoms(text: str, *, latin_pieces=None, every_space: bool = False) -> list[str]:
    """``text`` as atoms; runs of white space become one " ".

    ``latin_pieces``: how a Latin run is cut where it may break (default: a
    long run after ``/ - _ ? & = #`` and before ``. @``). ``every_space``:
    each space is an atom of its own and nothing is dropped, so that the atoms
    join back to ``text`` and their positions are those of ``text`` (a table
    cell's breaks, :mod:`.tables`)."""
    pieces = latin_pieces or _latin_pieces
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if every_space and char == " ":
            out.append(" ")
            i += 1
            continue
        if not every_space and char.isspace() and char not in _KEPT_SPACES:
            while i < n and text[i].isspace() and text[i] not in _KEPT_SPACES:
                i += 1
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if is_latin(char):
            run = _LATIN_RE.match(text, i).group()
            out.extend(pieces(run))
            i += len(run)
            continue
        if char in DOUBLED:
            j = i
            while j < n and text[j] == char:
                j += 1
            out.append(text[i:j])
            i = j
            continue
        out.append(char)
        i += 1
    if not every_space and out and out[-1] == " ":
        out.pop()
    return out


def breakable(before: str, after: str) -> bool:
    """May a line break between two adjacent atoms?"""
    if before == " " or after == " ":
        return True
    return before[-1] not in NO_END and after[0] not in NO_START


def units(text: str) -> list[list[str]]:
    """The atoms of ``text`` grouped into units a line never splits.

    A space is a unit of its own (a break there drops it).
    """
    out: list[list[str]] = []
    for atom in atoms(text):
        if out and not breakable(out[-1][-1], atom):
            out[-1].append(atom)
        else:
            out.append([atom])
    return out


def violations(lines: list[str]) -> list[str]:
    """The 禁则 broken by a sequence of lines (for tests and checks)."""
    found = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if i > 0 and line[0] in NO_START:
            found.append(f"line {i + 1} starts with {line[0]}")
        if i < len(lines) - 1 and line[-1] in NO_END:
            found.append(f"line {i + 1} ends with {line[-1]}")
        if i < len(lines) - 1 and line[-1] in DOUBLED and lines[i + 1][:1] == line[-1]:
            found.append(f"{line[-1] * 2} split after line {i + 1}")
    return found
