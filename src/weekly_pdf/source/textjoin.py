"""Joining the lines of one paragraph, the one rule both the loader and the
importers use: nothing between Han characters, one space where both sides are
Latin letters or digits."""

from __future__ import annotations


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph."""
    left, right = left.rstrip(), right.lstrip()
    if left and right and left[-1].isascii() and left[-1].isalnum() \
            and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def join_lines(text: str) -> str:
    """Join the lines of ``text`` (one paragraph) into one line; blank lines
    are skipped."""
    out = ""
    for line in text.splitlines():
        if line := line.strip():
            out = join_text(out, line)
    return out
