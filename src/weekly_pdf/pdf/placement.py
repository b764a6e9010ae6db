"""Where pictures and tables go, so that no page is left partly empty.

A picture never splits, and a short table (``table.keep_rows``) neither; a
long table splits only between rows, leaving ``table.split_rows`` on each
side. Laid out where the issue puts it, such a block that does not fit in
what is left of its page goes to the next page whole and leaves the rest of
the page blank (a third of a page, often). Here, after a layout, the first
block that did so (in reading order) is placed again, like a float of LaTeX:

1. a picture that fits in the room left when shrunk to no less than
   ``image.shrink_floor`` of its height is shrunk to fit (it stays where the
   issue puts it);
2. otherwise the text that follows it in its article (paragraphs and
   headings) is moved before it until the page is full: the last of those
   paragraphs is cut at the foot of the page, the block goes at the top of
   the next page and the paragraph goes on under it (no indent); pictures
   and tables right after it go with it, in their order;
3. when nothing of its article follows it (an article that ends in a
   picture), it goes up instead: before the first lines its article has on
   that page, the text then flowing on under it;
4. failing these, a picture is shrunk to fit down to ``image.shrink_last``
   of its height;
5. failing all, it stays where it is.

A long table that splits ends, on its last page, with a pad that puts the
text after it back on the body grid; how tall that last part is is known
only once the table has been split, so the pad is measured here too.

The issue is then laid out again and checked again, until nothing is left
to place (at most :data:`MAX_ROUNDS` layouts). An issue with no picture and
no table is laid out once, as before. What was decided is a :class:`Plan`;
:func:`arrange` applies it to the typeset articles.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..typeset.blocks import SetImage, SetParagraph
from .engine.spec import Fragment
from ..typeset.tables import SetTable, grid_pad

if TYPE_CHECKING:
    from ..source.layout import Layout
    from ..typeset import SetArticle
    from .engine import Pages

#: Layouts of one issue at most (the first one included).
MAX_ROUNDS = 8
#: Blank space on a page (in body lines) from which a block pushed to the
#: next page is placed again.
GAP_LINES = 2
#: Times one block is placed again at most.
MOVES = 3
#: The attribute the templates mark every block with (see issue.html).
ATTRIBUTE = "data-flow"

#: (section, article, body index) of a block.
Key = tuple[int, int, int]


@dataclass(frozen=True)
class Plan:
    """What was decided about the blocks of an issue."""

    #: A block set after the first ``line`` lines of body item ``index`` of
    #: its article (``line`` 0: before it; its line count or more: after it).
    anchors: tuple[tuple[Key, tuple[int, int]], ...] = ()
    #: A picture shrunk to a frame of this many body lines.
    frames: tuple[tuple[Key, int], ...] = ()
    #: A table's pad under its last part (pt).
    pads: tuple[tuple[Key, float], ...] = ()
    #: How often each block was placed again.
    moves: tuple[tuple[Key, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.anchors or self.frames or self.pads)

    def with_(self, name: str, key: Key, value) -> "Plan":
        items = dict(getattr(self, name))
        items[key] = value
        moves = dict(self.moves)
        if name != "pads":
            moves[key] = moves.get(key, 0) + 1
        return dataclasses.replace(self, **{name: tuple(sorted(items.items()))},
                                   moves=tuple(sorted(moves.items())))


def has_floats(articles: "dict[tuple[int, int], SetArticle]") -> bool:
    """Whether any article holds a picture or a table (else one layout does)."""
    return any(isinstance(block, (SetImage, SetTable))
               for article in articles.values() for block in article.blocks)


def arrange(articles: "dict[tuple[int, int], SetArticle]", plan: Plan, layout: "Layout"
            ) -> "dict[tuple[int, int], SetArticle]":
    """The articles with ``plan`` applied: blocks moved (paragraphs cut where
    a block is set into them), pictures shrunk, table pads set. A moved block
    is flagged ``moved``: the PDF names it, with a cut paragraph's second part
    and a shrunk picture, for the import (weekly_pdf.source.placemarks)."""
    if not plan:
        return articles
    anchors, frames, pads = dict(plan.anchors), dict(plan.frames), dict(plan.pads)
    out = {}
    for (s, a), article in articles.items():
        moved = {key[2]: where for key, where in anchors.items() if key[:2] == (s, a)}
        sized = {key[2]: v for key, v in frames.items() if key[:2] == (s, a)}
        padded = {key[2]: v for key, v in pads.items() if key[:2] == (s, a)}
        if not (moved or sized or padded):
            out[s, a] = article
            continue

        def resized(block):
            if isinstance(block, SetImage) and block.index in sized:
                return block.shrunk(sized[block.index], layout.line_pitch, layout.image_pad)
            if isinstance(block, SetTable) and block.index in padded:
                return block.with_pad(padded[block.index])
            return block

        floats = {block.index: dataclasses.replace(resized(block), moved=True)
                  for block in article.blocks if block.index in moved}

        def anchored(index: int, test) -> list:
            """The moved blocks anchored in item ``index`` where ``test(line)``."""
            return [floats[i] for i in sorted(floats)
                    if moved[i][0] == index and test(moved[i][1])]

        # A body item may be set in several parts (a list: one per item),
        # each from line ``start`` of the item; anchors count the item's lines.
        ends: dict[int, int] = {}
        for block in article.blocks:
            if isinstance(block, SetParagraph):
                ends[block.index] = max(ends.get(block.index, 0), block.start + block.lines)
        blocks = []
        for block in article.blocks:
            if block.index in moved:
                continue
            if not isinstance(block, SetParagraph):
                blocks.append(resized(block))
                continue
            first, lines = block.start, block.lines
            cuts = sorted({line - first for index, line in moved.values()
                           if index == block.index and first < line < first + lines})
            blocks += anchored(block.index, lambda line: line <= first if first == 0
                               else line == first)
            start = 0
            for cut in cuts:
                blocks.append(block.part(start, cut))
                blocks += anchored(block.index, lambda line, cut=cut: line == first + cut)
                start = cut
            blocks.append(block.part(start, lines) if start else block)
            if first + lines >= ends[block.index]:
                blocks += anchored(block.index, lambda line: line >= first + lines)
        out[s, a] = dataclasses.replace(article, blocks=tuple(blocks))
    return out


# --- reading a layout --------------------------------------------------------------------------


#: The part of a block (or a title, column heading …) on one page (pt below the
#: top of the type area), as the engine reads it off a layout.
Piece = Fragment


@dataclass(frozen=True)
class _Placed:
    """A piece of the flow, with what it is."""

    fragment: Piece
    #: "column", "title", "note", "source" or the block's kind.
    kind: str
    article: tuple[int, int] | None = None
    #: The block (for body blocks).
    block: object = None


_KINDS = {"c": "column", "t": "title", "n": "note", "s": "source"}


def _blocks_by_key(articles: "dict[tuple[int, int], SetArticle]") -> dict:
    return {f"b{s}-{a}-{block.key}": ((s, a), block)
            for (s, a), article in articles.items() for block in article.blocks}


def _what(key: str, blocks: dict) -> tuple[str, tuple[int, int] | None, object] | None:
    if key in blocks:
        article, block = blocks[key]
        return block.kind, article, block
    if key[:1] in _KINDS:
        place = tuple(int(n) for n in key[1:].split("-"))
        return _KINDS[key[0]], (place if len(place) == 2 else None), None
    return None


def _read(pages: "Pages", articles: "dict[tuple[int, int], SetArticle]") -> list[_Placed]:
    blocks = _blocks_by_key(articles)
    out = []
    for fragment in pages.flow(ATTRIBUTE):
        what = _what(fragment.key, blocks)
        if what is not None:
            out.append(_Placed(fragment, *what))
    return out


#: What the layout keeps with what follows it (break-after: avoid).
KEPT = frozenset({"column", "title", "heading", "subheading"})
#: Text that may be moved before a block to fill a page.
FILL = frozenset({"paragraph", "heading", "subheading"})
#: Fixes found on a layout's prediction (:func:`_predict`) at most, after the
#: one found on the layout itself.
BATCH = 12


def revise(pages: "Pages", articles: "dict[tuple[int, int], SetArticle]", placed,
           plan: Plan, layout: "Layout") -> Plan | None:
    """``plan`` with the blocks that need it placed again (see the module
    docstring), or None when every block is where it should be.

    ``articles``: as typeset; ``placed``: ``plan`` applied to them
    (:func:`arrange`), which gave the layout ``pages``. The first block is found on the layout; what comes after it
    moves once it is placed again, so the blocks after it are found on a
    prediction of the next layout (:func:`_predict`), which the next layout
    checks.
    """
    height = pages.type_height
    real = _read(pages, placed)
    found = _first_fix(real, height, plan, layout)
    if found is None:
        return None
    plan, page = found
    for _ in range(BATCH):
        predicted, horizon = _predict(real, arrange(articles, plan, layout), layout, height)
        found = _first_fix(predicted, height, plan, layout, after=page, horizon=horizon)
        if found is None:
            break
        plan, page = found
    return plan


def _first_fix(placed: list[_Placed], height: float, plan: Plan, layout: "Layout", *,
               after: int = 0, horizon: int | None = None) -> tuple[Plan, int] | None:
    """The plan with the first block (on a page after ``after``, before
    ``horizon``) placed again, and its page; None when there is none."""
    pitch = layout.line_pitch
    bottoms: dict[int, float] = {}
    for item in placed:
        page = item.fragment.page
        bottoms[page] = max(bottoms.get(page, 0.0), item.fragment.bottom)
    for n, item in enumerate(placed):
        fragment, block = item.fragment, item.block
        if fragment.page <= after or (horizon is not None and fragment.page >= horizon):
            continue
        if item.kind in KEPT and fragment.first and fragment.top < 0.01 and fragment.page > 1:
            revised = _make_room(plan, placed, n, height - bottoms.get(fragment.page - 1, height),
                                 layout)
            if revised is not None:
                return revised, fragment.page - 1
        if isinstance(block, SetTable) and fragment.last:
            # The pad under a table: from the top of its part on this page
            # (a part that goes on from the page before starts at the top).
            origin = fragment.top if fragment.first else 0.0
            needed = round(grid_pad(fragment.bottom - origin, pitch), 3)
            if abs(needed - block.pad) > 0.05:
                return plan.with_("pads", (*item.article, block.index), needed), fragment.page
        if not isinstance(block, (SetImage, SetTable)) or not fragment.first:
            continue
        key = (*item.article, block.index)
        if fragment.page == 1 or dict(plan.moves).get(key, 0) >= MOVES:
            continue
        before = [other for other in placed[:n] if other.fragment.page == fragment.page]
        if any(other.kind not in KEPT for other in before):
            continue
        gap = height - bottoms.get(fragment.page - 1, height)
        if gap < GAP_LINES * pitch - 0.01:
            continue
        revised = (_shrink(plan, key, block, fragment, gap, layout, layout.image_shrink_floor)
                   or _defer(plan, key, item, placed, n, gap, fragment.top, layout)
                   or _raise(plan, key, item, placed, fragment.page - 1, height, layout)
                   or _shrink(plan, key, block, fragment, gap, layout, layout.image_shrink_last))
        if revised is not None:
            return revised, fragment.page
    return None


# --- predicting the next layout ----------------------------------------------------------------


def _predict(real: list[_Placed], articles: "dict[tuple[int, int], SetArticle]",
             layout: "Layout", height: float) -> tuple[list[_Placed], int | None]:
    """Where the flow of ``articles`` would fall, page by page, from what the
    layout ``real`` measured: paragraphs and headings are whole body lines,
    pictures their frame and measured caption, a table its measured caption
    and its rows, titles and column headings as measured, the space between
    two kinds of piece as measured. A paragraph breaks with at least two
    lines on either side, a table between rows with ``split_rows`` on either
    side under its repeated header (a short one not at all); a heading, title
    or column heading goes to the next page with what follows it. Returns the
    pieces and the first page not predicted (None: all were)."""
    pitch = layout.line_pitch
    measured: dict[str, float] = {}
    pieces_of: dict[str, int] = {}
    spaces: dict[tuple[str, str], float] = {}
    first_page, first_top = 1, None
    previous = None
    for item in real:
        fragment = item.fragment
        measured[fragment.key] = measured.get(fragment.key, 0.0) + fragment.height
        pieces_of[fragment.key] = pieces_of.get(fragment.key, 0) + 1
        if first_top is None:  # under the masthead and the contents
            first_page, first_top = fragment.page, fragment.top
        if previous is not None and previous.fragment.page == fragment.page and fragment.first:
            space = fragment.top - previous.fragment.bottom
            if isinstance(previous.block, SetTable):
                space -= previous.block.pad
            spaces[previous.kind, item.kind] = round(space, 3)
        previous = item
    captions = {}  # what a picture or a table has besides its frame or its rows
    for item in real:
        block, key = item.block, item.fragment.key
        if isinstance(block, SetImage):
            captions[key] = measured[key] - block.frame
        elif isinstance(block, SetTable):
            head = block.row_lines[0] * block.pitch
            captions[key] = measured[key] - block.grid_height - head * (pieces_of[key] - 1)

    # A pair of kinds not seen together: the margins each kind has beside plain text.
    above: dict[str, float] = {}
    below: dict[str, float] = {}
    for (before, after), space in spaces.items():
        if before not in _MARGINS:
            above[after] = max(above.get(after, 0.0), space)
        if after not in _MARGINS:
            below[before] = max(below.get(before, 0.0), space)

    def space_between(before, after) -> float:
        if (before, after) in spaces:
            return spaces[before, after]
        return max(below.get(before, 0.0), above.get(after, 0.0))

    blocks = _blocks_by_key(articles)
    order: list[str] = []
    for s in sorted({s for s, _ in articles}):
        order.append(f"c{s}")
        for a in sorted(a for t, a in articles if t == s):
            article = articles[s, a]
            order.append(f"t{s}-{a}")
            if article.note is not None:
                order.append(f"n{s}-{a}")
            order += [f"b{s}-{a}-{block.key}" for block in article.blocks]
            if article.source_line:
                order.append(f"s{s}-{a}")

    out: list[_Placed] = []
    page, y = first_page, (first_top or 0.0)
    last_kind = None
    for key in order:
        what = _what(key, blocks)
        if what is None:
            continue
        kind, article, block = what
        repeat, after, at_least, at_most_end = 0.0, 0.0, 1, 1
        if isinstance(block, SetParagraph):
            units = [pitch] * block.lines
            at_least = at_most_end = 2
        elif kind == "note":
            note = articles[article].note
            units = [pitch] * len(note.paragraph.runs)
            at_least = at_most_end = 2
        elif isinstance(block, SetImage):
            caption = captions.get(key)
            if caption is None:
                return out, page
            units = [block.frame + caption]
        elif isinstance(block, SetTable):
            caption = captions.get(key)
            if caption is None:
                return out, page
            rows = [lines * block.pitch for lines in block.row_lines]
            repeat, after = rows[0], block.pad
            units = [caption + rows[0] + rows[1], *rows[2:]] if len(rows) > 1 else [caption + rows[0]]
            if block.keep:
                units = [sum(units)]
            else:  # a tall row may split between its lines
                units = units[:1] + [part for index, height in enumerate(rows[2:], start=2)
                                     for part in (_lines(height, block.pitch)
                                                  if block.tall(index) else [height])]
            at_least = at_most_end = block.split_rows
        elif key in measured:
            units = [measured[key]]
        else:
            return out, page
        # (the first piece: the layout's own top already holds its margin)
        space = space_between(last_kind, kind) if y > 1e-6 and last_kind else 0.0
        i, n = 0, len(units)
        while i < n:
            top = y + (space if i == 0 else 0.0)
            used = top + (repeat if i > 0 else 0.0)
            k = 0
            while i + k < n and used + units[i + k] <= height + 0.01:
                used += units[i + k]
                k += 1
            if i + k < n:  # a break: enough on this side and on the next
                if n - i - k < at_most_end:
                    k = n - i - at_most_end
                if k < (min(at_least, n) if i == 0 else 1):
                    k = 0
            if k == 0 and y <= 1e-6:
                k = 1  # a page cannot take it: it goes on anyway
            if k == 0:
                if i == 0:  # to the next page, with what is kept with it
                    kept = _kept_run(out) if out and out[-1].fragment.page == page else []
                    on_page = sum(1 for o in out if o.fragment.page == page)
                    page, y = page + 1, 0.0
                    if kept and len(kept) < on_page:
                        moved = [out[j] for j in kept]
                        del out[kept[0]:]
                        for piece in moved:
                            h = piece.fragment.height
                            out.append(_Placed(Piece(piece.fragment.key, page, y, y + h,
                                                     piece.fragment.first, piece.fragment.last),
                                               piece.kind, piece.article, piece.block))
                            y += h
                        space = space_between(moved[-1].kind, kind)
                    else:
                        space = 0.0
                else:
                    page, y = page + 1, 0.0
                continue
            bottom = top + (repeat if i > 0 else 0.0) + sum(units[i:i + k])
            out.append(_Placed(Piece(key, page, top, bottom, i == 0, i + k == n),
                               kind, article, block))
            i += k
            if i < n:
                page, y = page + 1, 0.0
            else:
                y = bottom + after
        last_kind = kind
    return out, None


def _lines(height: float, pitch: float) -> list[float]:
    """A tall row as the pieces it may split into: two lines, then one by one."""
    count = round(height / pitch)
    return [2 * pitch, *([pitch] * (count - 2))] if count > 2 else [height]


#: Kinds of piece with margins of their own (the others have none).
_MARGINS = frozenset({"column", "title"})


def _kept_run(out: list[_Placed]) -> list[int]:
    """Indexes of the kept pieces (column, title, heading) that end ``out``
    on its last page."""
    run = []
    for i in range(len(out) - 1, -1, -1):
        if out[i].kind not in KEPT or out[i].fragment.page != out[-1].fragment.page:
            break
        run.append(i)
    return sorted(run)


def _make_room(plan: Plan, placed: list[_Placed], n: int, gap: float,
               layout: "Layout") -> Plan | None:
    """A page left short because a title or heading went to the next page
    with the lines kept with it (``placed[n]`` starts that page): a picture
    on the short page shrunk by what they need, when it keeps at least
    ``image.shrink_floor`` of its height."""
    pitch = layout.line_pitch
    if gap < GAP_LINES * pitch - 0.01:
        return None
    page = placed[n].fragment.page
    first = next((other for other in placed[n:] if other.fragment.page == page
                  and other.kind not in KEPT), None)
    if first is None or isinstance(first.block, SetTable):
        return None
    if first.kind in ("paragraph", "note") and isinstance(first.block, SetParagraph):
        lines = first.block.lines
        chunk = (lines if lines <= 3 else 2) * pitch
    else:
        chunk = first.fragment.height
    need = first.fragment.top + chunk - gap
    if placed[n].kind in _MARGINS:  # its margin above, dropped at the top of a page
        need += pitch
    lines = math.ceil(need / pitch - 1e-6)
    if lines < 1:
        return None
    pictures = [other for other in placed if other.fragment.page == page - 1
                and isinstance(other.block, SetImage) and other.fragment.first]
    for other in sorted(pictures, key=lambda other: -other.block.frame):
        picture = other.block
        key = (*other.article, picture.index)
        frame = round(picture.frame / pitch)
        if frame - lines < 1 or dict(plan.moves).get(key, 0) >= MOVES:
            continue
        shrunk = picture.shrunk(frame - lines, pitch, layout.image_pad)
        if shrunk.height >= layout.image_shrink_floor * picture.unshrunk - 1e-6:
            return plan.with_("frames", key, frame - lines)
    return None


def _shrink(plan: Plan, key: Key, block, fragment: Piece, gap: float,
            layout: "Layout", floor: float) -> Plan | None:
    """A picture shrunk to fit the room left on the page before, when it
    keeps at least ``floor`` of its height."""
    if not isinstance(block, SetImage):
        return None
    pitch = layout.line_pitch
    caption = fragment.height - block.frame
    room = gap - fragment.top - caption  # what is above it on its page goes back too
    lines = math.floor(room / pitch + 1e-6)
    if lines < 1 or lines * pitch >= block.frame - 1e-6:
        return None
    shrunk = block.shrunk(lines, pitch, layout.image_pad)
    if shrunk.height < floor * block.unshrunk - 1e-6:
        return None
    return plan.with_("frames", key, lines)


def _defer(plan: Plan, key: Key, item: _Placed, placed: list[_Placed], n: int, gap: float,
           above: float, layout: "Layout") -> Plan | None:
    """The text after the block, in its article, moved before it until the
    page before is full. Pictures and tables right after it go with it (in
    their order)."""
    pitch = layout.line_pitch
    free = math.floor((gap - above) / pitch + 1e-6)
    group, following = [key], []
    seen = {id(item.block)}
    for other in placed[n + 1:]:
        block = other.block
        if other.article != item.article or id(block) in seen:
            if other.article != item.article:
                break
            continue
        seen.add(id(block))
        if other.kind in FILL:
            following.append(block)
        elif not following and isinstance(block, (SetImage, SetTable)) and other.fragment.first:
            group.append((*item.article, block.index))
        else:
            break
    anchor = None
    for k, block in enumerate(following):
        lines = block.lines
        if block.kind != "paragraph":  # a heading keeps two lines of text with it
            nxt = following[k + 1] if k + 1 < len(following) else None
            if lines + (2 if nxt is not None else 0) > free:
                break
            free -= lines
            anchor = (block.index, block.start + lines)
            continue
        if lines <= free:
            free -= lines
            anchor = (block.index, block.start + lines)
            continue
        take = free
        if lines - take < 2:   # no single line at the top of the next page
            take = lines - 2
        if take >= 2:
            anchor = (block.index, block.start + take)
            free -= take
        break
    if anchor is None or free * pitch > gap - pitch:
        return None
    for member in group:
        plan = plan.with_("anchors", member, anchor)
    return plan


def _raise(plan: Plan, key: Key, item: _Placed, placed: list[_Placed], page: int,
           height: float, layout: "Layout") -> Plan | None:
    """The block set before the first lines its article has on ``page`` (the
    page it did not fit on), when it fits there."""
    pitch = layout.line_pitch
    block_height = item.fragment.height
    for other in placed:
        fragment = other.fragment
        if fragment.page != page or other.article != item.article or other.kind not in FILL:
            continue
        block = other.block
        if fragment.top + block_height > height + 0.01:
            return None
        if fragment.first:
            return plan.with_("anchors", key, (block.index, block.start))
        # A paragraph that began on the page before: cut it at the page break.
        done = block.lines - round(fragment.height / pitch)
        if done < 2 or block.kind != "paragraph":
            return None
        return plan.with_("anchors", key, (block.index, block.start + done))
    return None
