"""An issue → its final HTML: typeset, render once to measure, place the closing block.

The closing block (版记) must end exactly on the bottom edge of the type area
of the last page. No CSS rule says "at the foot of the last page", so the
issue is rendered twice: the first layout (no PDF is written) shows where the
text ends and how tall the block is; the second HTML gives the block the
margin that brings its last rule onto the edge, or a page of its own when it
does not fit under the text (an even page when the issue asks for duplex).
Everything above the block is the same in both renders, so the measurement
holds.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from .fonts import FontSet
from .model import Issue
from .pdf import Renderer
from .render import ClosingPlacement, render_html, set_articles
from .typeset import Advances, Typesetter

#: CSS px (WeasyPrint's unit) in pt.
PX = 0.75
#: Kept free under the block so that rounding never pushes it to the next page (pt).
SLACK = 0.01


_advances: "weakref.WeakKeyDictionary[FontSet, Advances]" = weakref.WeakKeyDictionary()


def typesetter_for(issue: Issue, fontset: FontSet) -> Typesetter:
    """The typesetter for ``issue``'s style settings (font metrics are read once
    per FontSet)."""
    advances = _advances.get(fontset)
    if advances is None:
        advances = _advances[fontset] = Advances(fontset)
    return Typesetter(fontset, char_pitch=issue.style.char_pitch,
                      compress=issue.style.compress_punctuation, advances=advances)


def measure_closing(document, duplex: bool) -> ClosingPlacement:
    """Where the closing block goes, from a layout with the block in the flow."""
    for number, page in enumerate(document.pages, start=1):
        box = next((b for b in page._page_box.descendants()
                    if getattr(b, "element_tag", None) == "footer"), None)
        if box is None:
            continue
        page_box = page._page_box
        top = page_box.content_box_y()
        bottom = top + page_box.height
        height = box.border_height()
        # First on its page: the text ended at (or too near) the page's foot.
        alone = box.position_y <= top + 0.5
        if duplex and number % 2 == 1:
            alone = True  # duplex: the block goes on an even page
        if alone:
            return ClosingPlacement(margin_top=(bottom - top - height) * PX - SLACK,
                                    own_page=True, even=duplex)
        border_top = box.position_y + box.margin_top
        return ClosingPlacement(margin_top=(bottom - border_top - height) * PX - SLACK)
    return ClosingPlacement()


def compose_html(issue: Issue, layout_dir: Path, fontset: FontSet, renderer: Renderer,
                 read_dirs=()) -> str:
    """The final HTML of ``issue``: typeset, with the closing block placed."""
    typesetter = typesetter_for(issue, fontset)
    articles = set_articles(issue, typesetter)   # once: both renders set the same text
    first = render_html(issue, layout_dir, typesetter=typesetter, closing=ClosingPlacement(),
                        articles=articles)
    document = renderer.layout(first, base_dir=layout_dir, read_dirs=read_dirs)
    placement = measure_closing(document, issue.style.duplex)
    return render_html(issue, layout_dir, typesetter=typesetter, closing=placement,
                       articles=articles)
