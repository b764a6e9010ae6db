"""An issue → its laid-out document: typeset, lay out, place the closing block.

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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..fonts.fontset import FontSet
from ..source.layout import Layout
from ..source.model import Issue
from .engine import Renderer
from ..render.html import render_html
from ..typeset import set_articles, typesetter_for

if TYPE_CHECKING:
    import weasyprint

#: CSS px (WeasyPrint's unit) in pt.
PX = 0.75
#: Kept free under the block so that rounding never pushes it to the next page (pt).
SLACK = 0.01


@dataclass(frozen=True)
class ClosingPlacement:
    """Where the closing block (版记) goes, measured by a first layout."""

    #: Space above the block, in pt, that brings its last rule onto the bottom
    #: edge of the type area.
    margin_top: float = 0.0
    #: The block starts a page of its own (that page carries no page number).
    own_page: bool = False
    #: That page must be an even (left-hand) one, for duplex printing.
    even: bool = False


def _closing_box(page, closing_class: str):
    """The closing block's box on a laid-out page (the element of the layout's
    closing class, layout.toml closing.class), or None."""
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and closing_class in (element.get("class") or "").split():
            return box
    return None


def measure_closing(document, duplex: bool, closing_class: str) -> ClosingPlacement:
    """Where the closing block goes, from a layout with the block in the flow."""
    for number, page in enumerate(document.pages, start=1):
        box = _closing_box(page, closing_class)
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


def typeset_issue(issue: Issue, layout: Layout, fontset: FontSet):
    """Every article of ``issue`` typeset on the grid of its (styled) ``layout``,
    with the punctuation settings of its style:."""
    return set_articles(issue, typesetter_for(
        layout, fontset, compress=issue.style.compress_punctuation,
        opening_half=issue.style.opening_half_width))


def compose_document(issue: Issue, layout: Layout, fontset: FontSet, renderer: Renderer,
                     read_dirs=(), fonts=None, articles=None) -> "weasyprint.Document":
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
    first = render_html(issue, layout, fontset, closing=ClosingPlacement(), articles=articles)
    document = renderer.layout(first, base_dir=layout.folder, read_dirs=read_dirs, fonts=fonts)
    placement = measure_closing(document, issue.style.duplex, layout.closing_class)
    if not placement.own_page and _move_closing_down(document, placement.margin_top,
                                                     layout.closing_class):
        return document
    html = render_html(issue, layout, fontset, closing=placement, articles=articles)
    return renderer.layout(html, base_dir=layout.folder, read_dirs=read_dirs, fonts=fonts)


def _move_closing_down(document, margin_top: float, closing_class: str) -> bool:
    """Move the closing block of a laid-out ``document`` down by ``margin_top``
    pt; False when the layout has no such block to move.

    This saves the second layout (about a third of a build) by three steps
    into WeasyPrint 70's layout results: moving the boxes, placing their
    backgrounds again (the rules are painted backgrounds, positioned when the
    page is laid out) and making the Page again (its links, anchors and
    bookmarks are read off the boxes then). The layout tests measure the rules,
    the text and the e-mail link of the moved block, so a WeasyPrint upgrade
    that changes any of this fails them.
    """
    from weasyprint.document import Page
    from weasyprint.layout.background import layout_box_backgrounds

    for index, page in enumerate(document.pages):
        page_box = page._page_box
        box = _closing_box(page, closing_class)
        if box is not None:
            box.translate(dy=margin_top / PX)
            layout_box_backgrounds(page_box, box, _no_images)
            document.pages[index] = Page(page_box)
            return True
    return False


def _no_images(**_):
    raise AssertionError("the closing block has no background image")
