"""An issue → its laid-out document: typeset, lay out, place pictures, tables
and the closing block.

Pictures and tables that do not fit where they fall are placed again after
a layout (:mod:`.placement`: shrunk, or the text after them moved before
them), and the issue is laid out again, until each is where it should be;
an issue with neither is laid out once.

The closing block (版记) must end exactly on the bottom edge of the type area
of the last page. No CSS rule says "at the foot of the last page", so the
first layout measures where the text ends and how tall the block is. When the
block fits under the text, it is moved down in that same layout so that its
last rule lies on the edge. When it does not fit (or must go on an even page
for duplex printing), the HTML gives it a page of its own and the issue is laid
out a second time. Everything above the block is the same in both layouts, so
the measurement holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..render.html import ClosingPlacement, render_html
from ..typeset import typeset_issue
from . import placement

if TYPE_CHECKING:
    from ..fonts.fontset import FontSet
    from ..source.layout import Layout
    from ..source.model import Issue
    from .engine import Pages, Renderer

#: Kept free under the block so that rounding never pushes it to the next page (pt).
SLACK = 0.01


def measure_closing(pages: "Pages", duplex: bool, closing_class: str) -> ClosingPlacement:
    """Where the closing block goes, from a layout with the block in the flow."""
    block = pages.block(closing_class)
    if block is None:
        return ClosingPlacement()
    # First on its page: the text ended at (or too near) the page's foot;
    # duplex: the block goes on an even page.
    if block.starts_page or (duplex and block.page % 2 == 1):
        return ClosingPlacement(margin_top=block.room_on_empty_page - SLACK, own_page=True,
                                even=duplex)
    return ClosingPlacement(margin_top=block.room_below - SLACK)


def compose_document(issue: "Issue", layout: "Layout", fontset: "FontSet",
                     renderer: "Renderer", read_dirs=(), fonts=None,
                     articles=None) -> "Pages":
    """``issue`` typeset and laid out, with the closing block placed.

    When the block fits under the text, the measuring layout itself is the
    result: the block is moved down onto the bottom edge, which is all the
    second render would change. Otherwise (a page of its own, duplex) the
    issue is laid out again with the placement in its HTML.

    ``layout``: the issue's layout with its style: settings applied (Layout.styled).
    ``articles``: the issue already typeset on ``layout`` (typeset here when None).
    """
    if articles is None:  # once: both renders set the same text
        articles = typeset_issue(issue, layout, fontset)
    # The folders of the layouts it extends hold stylesheets the HTML links to.
    read_dirs = (*layout.folders[1:], *read_dirs)
    floats = placement.has_floats(articles)
    plan = placement.Plan()
    for round_ in range(placement.MAX_ROUNDS):
        placed = placement.arrange(articles, plan, layout)
        first = render_html(issue, layout, fontset, closing=ClosingPlacement(), articles=placed)
        pages = renderer.layout(first, base_dir=layout.folder, read_dirs=read_dirs, fonts=fonts)
        if not floats or round_ == placement.MAX_ROUNDS - 1:  # no plan after the last layout
            break
        revised = placement.revise(pages, articles, placed, plan, layout)
        if revised is None:
            break
        plan = revised
    closing = measure_closing(pages, issue.style.duplex, layout.closing_class)
    if not closing.own_page and pages.move_down(layout.closing_class, closing.margin_top):
        return pages
    html = render_html(issue, layout, fontset, closing=closing, articles=placed)
    return renderer.layout(html, base_dir=layout.folder, read_dirs=read_dirs, fonts=fonts)
