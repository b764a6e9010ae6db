"""Laid-out pages: how many, where a block of a given class lies, moving it down.

A :class:`Pages` wraps WeasyPrint's laid-out document. What weekly-pdf needs
to know of a layout is where one block (the closing block, 版记) ended up and
how much room is left under it, and where the blocks of the articles fell
(:meth:`Pages.flow`: which page, how high, split or not — where pictures and
tables go is decided from it); what it needs to do is move that block down
without laying the document out again. Both reach into WeasyPrint's layout
results (the page's box tree and the way a Page is made from it); they are
listed in the package docstring and checked by tests/pdf/engine/test_contract.py.

Lengths are in pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from weasyprint.document import Page
from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.layout.background import layout_box_backgrounds

from .spec import Fragment

#: CSS px (WeasyPrint's unit) in pt.
PX = 0.75


@dataclass(frozen=True)
class Block:
    """Where a block of a laid-out document lies on its page."""

    #: The page it starts on, from 1.
    page: int
    #: It is the first thing on its page (the text ended at, or too near, the page's foot).
    starts_page: bool
    #: Room left between the block's bottom edge and the foot of the type area (pt).
    room_below: float
    #: Room the type area of a page holds above a block of this height (pt).
    room_on_empty_page: float


def _content_bottom(box) -> float:
    """Where the content of ``box`` ends (px): the lowest bottom of its
    children, recursively down to lines (a line's glyphs may reach below
    it), or its own bottom when it has none."""
    children = [] if isinstance(box, LineBox) else [
        child for child in getattr(box, "children", ())
        if hasattr(child, "border_height") and hasattr(child, "position_y")]
    if not children:
        return box.position_y + box.margin_top + box.border_height()
    return max(_content_bottom(child) for child in children)


def _has_class(box, css_class: str) -> bool:
    element = getattr(box, "element", None)
    return element is not None and css_class in (element.get("class") or "").split()


def _find(page, css_class: str):
    for box in page._page_box.descendants():
        if _has_class(box, css_class):
            return box
    return None


class Pages:
    """A laid-out document: its pages, ready to be written (:meth:`Renderer.write`)."""

    def __init__(self, document):
        self.document = document

    def __len__(self) -> int:
        return len(self.document.pages)

    def block(self, css_class: str) -> Block | None:
        """The first block whose element has ``css_class``, or None."""
        for number, page in enumerate(self.document.pages, start=1):
            box = _find(page, css_class)
            if box is None:
                continue
            page_box = page._page_box
            top = page_box.content_box_y()
            bottom = top + page_box.height
            height = box.border_height()
            border_top = box.position_y + box.margin_top
            return Block(page=number, starts_page=box.position_y <= top + 0.5,
                         room_below=(bottom - border_top - height) * PX,
                         room_on_empty_page=(bottom - top - height) * PX)
        return None

    def move_down(self, css_class: str, distance: float) -> bool:
        """Move the first block whose element has ``css_class`` down by
        ``distance`` pt on its page; False when there is no such block.

        The boxes are moved, their backgrounds (rules are painted backgrounds,
        positioned when the page is laid out) placed again, and the Page made
        again (its links, anchors and bookmarks are read off the boxes then).
        """
        for index, page in enumerate(self.document.pages):
            box = _find(page, css_class)
            if box is not None:
                page_box = page._page_box
                box.translate(dy=distance / PX)
                layout_box_backgrounds(page_box, box, _no_images)
                self.document.pages[index] = Page(page_box)
                return True
        return False

    @property
    def type_height(self) -> float:
        """Height of the type area (the first page's content box), in pt."""
        return self.document.pages[0]._page_box.height * PX

    def flow(self, attribute: str) -> list[Fragment]:
        """Every page's part of every element that carries ``attribute``, in
        the order of the pages and, on a page, of the document.

        An element is reported by its outermost box on each page (a table by
        its wrapper, caption included); an element with no box on a page (one
        inside another that does not reach it) is not reported there. The
        part of an element that goes on on the next page ends where its
        content ends (the engine stretches such a box to the foot of the page).
        """
        out: list[Fragment] = []
        boxes: list[tuple] = []  # (box, top of its page's content): measured only when split
        last_seen: dict[str, int] = {}
        for number, page in enumerate(self.document.pages, start=1):
            page_box = page._page_box
            top = page_box.content_box_y()
            seen = set()
            for box in page_box.descendants():
                element = getattr(box, "element", None)
                if element is None:
                    continue
                key = element.get(attribute)
                if key is None or key in seen:
                    continue
                seen.add(key)
                border_top = box.position_y + box.margin_top
                out.append(Fragment(key, number, (border_top - top) * PX,
                                    (border_top + box.border_height() - top) * PX,
                                    first=key not in last_seen, last=True))
                boxes.append((box, top))
                if key in last_seen:
                    i = last_seen[key]
                    previous, (split, split_top) = out[i], boxes[i]
                    bottom = (_content_bottom(split) - split_top) * PX
                    out[i] = Fragment(previous.key, previous.page, previous.top,
                                      max(previous.top, bottom), previous.first, last=False)
                last_seen[key] = len(out) - 1
        return out

    def anchors(self) -> list[dict[str, tuple[float, float]]]:
        """Per page, the anchors (element ids) it holds and their positions (pt)."""
        return [{name: (x * PX, y * PX) for name, (x, y) in page.anchors.items()}
                for page in self.document.pages]


def _no_images(**_):
    raise AssertionError("a moved block has no background image")
