"""An OFD package (GB/T 33190-2016) from laid-out pages.

The package, in this order (the same order, times and compression every time,
so the same pages give the same bytes)::

    OFD.xml                          DocInfo (the PDF's metadata), DocRoot
    Doc_0/Document.xml               MaxUnitID, A4 PageArea, Pages, Outlines
    Doc_0/PublicRes.xml              Fonts (each with its FontFile)
    Doc_0/DocumentRes.xml            MultiMedias (the pictures)
    Doc_0/Pages/Page_N/Content.xml   one Layer: TextObjects, PathObjects, ImageObjects
    Doc_0/Res/font_ID.ttf            TrueType subsets (see :mod:`.fonts`)
    Doc_0/Res/image_ID.jpg|png       pictures (see :mod:`.media`)

IDs are numbered from 1: fonts, then pictures, then for each page the page,
its layer and its objects; MaxUnitID is the last one. Lengths are in
millimetres with three decimals (half a micrometre at most; every character's
DeltaX is rounded from its exact position, so errors do not add up along a
line).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from .fonts import FontPlan
from .geometry import Matrix, apply, bounds, invert
from .model import Document, Info, OutlineItem, Page, Picture, Rgb, Shape, TextRun

NAMESPACE = "http://www.ofdspec.org/2016"
DOC = "Doc_0"
#: Extra room around a text object's glyph boxes, in em.
TEXT_MARGIN = 0.05
#: zlib level of the package's entries (fixed: same input, same bytes).
ZIP_LEVEL = 9
#: The time every entry carries when the PDF gives no date (the ZIP epoch).
EPOCH = (1980, 1, 1, 0, 0, 0)


def write_ofd(document: Document) -> bytes:
    """The OFD package of ``document``."""
    return _Package(document).zip()


class _Package:
    def __init__(self, document: Document):
        self.document = document
        self.plan = FontPlan(document)
        self.next_id = 0
        self.font_ids = {id(font): self._id() for font in self.plan.fonts}
        self.image_ids = [self._id() for _ in document.images]
        self.pages: list[tuple[int, str]] = []
        for page in document.pages:
            self.pages.append((self._id(), self._page(page)))

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    # -- parts ------------------------------------------------------------

    def zip(self) -> bytes:
        parts: list[tuple[str, bytes]] = [
            ("OFD.xml", self._ofd_xml()),
            (f"{DOC}/Document.xml", self._document_xml()),
            (f"{DOC}/PublicRes.xml", self._public_res()),
            (f"{DOC}/DocumentRes.xml", self._document_res()),
        ]
        for n, (_, content) in enumerate(self.pages):
            parts.append((f"{DOC}/Pages/Page_{n}/Content.xml", _xml_bytes(content)))
        for font in self.plan.fonts:
            parts.append((f"{DOC}/Res/{_font_file(self.font_ids[id(font)])}", font.data))
        for image, number in zip(self.document.images, self.image_ids):
            parts.append((f"{DOC}/Res/{_image_file(number, image.format)}", image.data))
        created = self.document.info.created
        when = (created.year, created.month, created.day, 0, 0, 0) \
            if created and created.year >= 1980 else EPOCH
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            for name, data in parts:
                entry = zipfile.ZipInfo(name, date_time=when)
                entry.create_system = 0
                entry.external_attr = 0
                stored = name.endswith((".jpg", ".png"))
                entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                package.writestr(entry, data, compress_type=entry.compress_type,
                                 compresslevel=None if stored else ZIP_LEVEL)
        return buffer.getvalue()

    def _ofd_xml(self) -> bytes:
        info = self.document.info
        parts = [_el("DocID", text=_doc_id(info))]
        for tag, value in (("Title", info.title), ("Author", info.author),
                           ("Subject", info.subject)):
            if value:
                parts.append(_el(tag, text=value))
        if info.created:
            parts.append(_el("CreationDate", text=info.created.isoformat()))
        if info.modified:
            parts.append(_el("ModDate", text=info.modified.isoformat()))
        if info.keywords:
            parts.append(_el("Keywords", children=[_el("Keyword", text=k) for k in info.keywords]))
        creator, version = _creator(info.creator)
        if creator:
            parts.append(_el("Creator", text=creator))
        if version:
            parts.append(_el("CreatorVersion", text=version))
        if info.producer:
            parts.append(_el("CustomDatas", children=[
                _el("CustomData", [("Name", "Producer")], text=info.producer)]))
        body = _el("DocBody", children=[_el("DocInfo", children=parts),
                                        _el("DocRoot", text=f"{DOC}/Document.xml")])
        return _xml_bytes(_el("OFD", [("Version", "1.0"), ("DocType", "OFD")], children=[body],
                              root=True))

    def _document_xml(self) -> bytes:
        first = self.document.pages[0] if self.document.pages else Page(210.0, 297.0)
        common = _el("CommonData", children=[
            _el("MaxUnitID", text=str(self.next_id)),
            _el("PageArea", children=[_el("PhysicalBox", text=_box(0, 0, first.width,
                                                                    first.height))]),
            _el("PublicRes", text="PublicRes.xml"),
            _el("DocumentRes", text="DocumentRes.xml"),
        ])
        pages = _el("Pages", children=[
            _el("Page", [("ID", str(page_id)), ("BaseLoc", f"Pages/Page_{n}/Content.xml")])
            for n, (page_id, _) in enumerate(self.pages)])
        children = [common, pages]
        outline = [self._outline(item) for item in self.document.outline]
        if outline:
            children.append(_el("Outlines", children=outline))
        return _xml_bytes(_el("Document", children=children, root=True))

    def _outline(self, item: OutlineItem) -> str:
        children = []
        if item.page is not None and item.page < len(self.pages):
            attributes = [("Type", "Fit" if item.fit else "XYZ"),
                          ("PageID", str(self.pages[item.page][0]))]
            if not item.fit:
                if item.left is not None:
                    attributes.append(("Left", _n(item.left)))
                if item.top is not None:
                    attributes.append(("Top", _n(item.top)))
            action = _el("Action", [("Event", "CLICK")], children=[
                _el("Goto", children=[_el("Dest", attributes)])])
            children.append(_el("Actions", children=[action]))
        children.extend(self._outline(child) for child in item.children)
        attributes = [("Title", item.title)]
        if item.children:
            attributes.append(("Count", str(len(item.children))))
        return _el("OutlineElem", attributes, children=children)

    def _public_res(self) -> bytes:
        fonts = []
        for font in self.plan.fonts:
            attributes = [("ID", str(self.font_ids[id(font)])), ("FontName", font.name),
                          ("FamilyName", font.family)]
            if font.bold:
                attributes.append(("Bold", "true"))
            fonts.append(_el("Font", attributes, children=[
                _el("FontFile", text=_font_file(self.font_ids[id(font)]))]))
        children = [_el("Fonts", children=fonts)] if fonts else []
        return _xml_bytes(_el("Res", [("BaseLoc", "Res")], children=children, root=True))

    def _document_res(self) -> bytes:
        media = [_el("MultiMedia", [("ID", str(number)), ("Type", "Image"),
                                    ("Format", image.format)],
                     children=[_el("MediaFile", text=_image_file(number, image.format))])
                 for image, number in zip(self.document.images, self.image_ids)]
        children = [_el("MultiMedias", children=media)] if media else []
        return _xml_bytes(_el("Res", [("BaseLoc", "Res")], children=children, root=True))

    # -- pages ------------------------------------------------------------

    def _page(self, page: Page) -> str:
        layer_id = self._id()
        objects = []
        for item in page.items:
            if isinstance(item, TextRun):
                made = self._text(item)
            elif isinstance(item, Shape):
                made = self._path(item)
            else:
                made = self._picture(item)
            if made:
                objects.append(made)
        children = []
        first = self.document.pages[0]
        if (round(page.width, 3), round(page.height, 3)) != (round(first.width, 3),
                                                               round(first.height, 3)):
            children.append(_el("Area", children=[
                _el("PhysicalBox", text=_box(0, 0, page.width, page.height))]))
        children.append(_el("Content", children=[
            _el("Layer", [("ID", str(layer_id))], children=objects)]))
        return _el("Page", children=children, root=True)

    def _text(self, run: TextRun) -> str | None:
        pdf_font = self.document.fonts[run.font]
        font = self.plan.of_pdf_font[run.font]
        inverse = invert(run.matrix)
        clusters = self.plan.clusters(run)
        # Object space (before the CTM) of every glyph; a run shares one baseline.
        origins = [apply(inverse, g.x, g.y) for g in run.glyphs]
        size = run.size
        left = min(x for x, _ in origins) + min(pdf_font.bbox[0], 0) / 1000 * size
        right = max(x + g.advance * size for (x, _), g in zip(origins, run.glyphs))
        right = max(right, max(x for x, _ in origins) + pdf_font.bbox[2] / 1000 * size)
        baseline = origins[0][1]
        top = baseline - max(pdf_font.bbox[3], pdf_font.ascent, 800) / 1000 * size
        bottom = baseline - min(pdf_font.bbox[1], pdf_font.descent, -200) / 1000 * size
        margin = TEXT_MARGIN * size
        left, top, right, bottom = left - margin, top - margin, right + margin, bottom + margin
        corners = [apply(run.matrix, x, y) for x, y in
                   ((left, top), (right, top), (right, bottom), (left, bottom))]
        box = bounds(corners)
        assert box is not None
        origin = apply(inverse, box[0], box[1])
        # Each code's position: a cluster's characters all stand at its first glyph.
        code_x: list[float] = []
        text = []
        transforms = []
        position = 0
        index = {id(g): n for n, g in enumerate(run.glyphs)}
        for cluster in clusters:
            x = origins[index[id(cluster.glyphs[0])]][0] - origin[0]
            code_x.extend([x] * len(cluster.text))
            glyphs = self.plan.encode(cluster, run)
            if glyphs is not None:
                transforms.append(_el("CGTransform", [
                    ("CodePosition", str(position)), ("CodeCount", str(len(cluster.text))),
                    ("GlyphCount", str(len(glyphs)))],
                    children=[_el("Glyphs", text=" ".join(str(g) for g in glyphs))]))
            text.append(cluster.text)
            position += len(cluster.text)
        rounded = [round(x, 3) for x in code_x]
        code = [("X", _n(rounded[0])), ("Y", _n(baseline - origin[1]))]
        if len(rounded) > 1:
            code.append(("DeltaX", " ".join(_n(b - a) for a, b in zip(rounded, rounded[1:]))))
        attributes = [("ID", str(self._id())), ("Boundary", _box(*_xywh(box))),
                      ("Font", str(self.font_ids[id(font)])), ("Size", _n(size, 4))]
        if run.matrix != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0):
            attributes.append(("CTM", " ".join(_n(v, 6) for v in run.matrix)))
        if run.stroke is not None:
            attributes.append(("Stroke", "true"))
            attributes.append(("LineWidth", _n(run.line_width)))
        if run.fill is None:
            attributes.append(("Fill", "false"))
        children = []
        if run.fill is not None:
            children.append(_colour("FillColor", run.fill, run.fill_alpha))
        if run.stroke is not None:
            children.append(_colour("StrokeColor", run.stroke, run.stroke_alpha))
        children.extend(transforms)
        children.append(_el("TextCode", code, text="".join(text)))
        return _el("TextObject", attributes, children=children)

    def _path(self, shape: Shape) -> str | None:
        points = []
        for segment in shape.segments:
            points.extend(zip(segment[1::2], segment[2::2]))
        box = bounds(points)
        if box is None:
            return None
        if shape.stroke is not None:
            half = shape.line_width / 2
            box = (box[0] - half, box[1] - half, box[2] + half, box[3] + half)
        elif box[2] - box[0] < 1e-6 or box[3] - box[1] < 1e-6:
            return None  # a fill without area draws nothing
        data = []
        for segment in shape.segments:
            op, values = segment[0], segment[1:]
            shifted = [v - (box[0] if i % 2 == 0 else box[1]) for i, v in enumerate(values)]
            data.append(" ".join([op, *(_n(v) for v in shifted)]))
        attributes = [("ID", str(self._id())), ("Boundary", _box(*_xywh(box)))]
        if shape.stroke is not None:
            attributes.append(("LineWidth", _n(shape.line_width)))
            if shape.cap != "Butt":
                attributes.append(("Cap", shape.cap))
            if shape.join != "Miter":
                attributes.append(("Join", shape.join))
            if abs(shape.miter_limit - 10.0) > 1e-9:
                attributes.append(("MiterLimit", _n(shape.miter_limit)))
            if shape.dash:
                attributes.append(("DashPattern", " ".join(_n(v) for v in shape.dash)))
                if shape.dash_offset:
                    attributes.append(("DashOffset", _n(shape.dash_offset)))
        else:
            attributes.append(("Stroke", "false"))
        if shape.fill is not None:
            attributes.append(("Fill", "true"))
            if shape.even_odd:
                attributes.append(("Rule", "Even-Odd"))
        children = []
        if shape.stroke is not None:
            children.append(_colour("StrokeColor", shape.stroke, shape.stroke_alpha))
        if shape.fill is not None:
            children.append(_colour("FillColor", shape.fill, shape.fill_alpha))
        if shape.fill is None and shape.stroke is None:
            return None
        children.append(_el("AbbreviatedData", text=" ".join(data)))
        return _el("PathObject", attributes, children=children)

    def _picture(self, picture: Picture) -> str | None:
        m = picture.matrix
        box = bounds(apply(m, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1)))
        if box is None or box[2] - box[0] < 1e-6 or box[3] - box[1] < 1e-6:
            return None
        ctm: Matrix = (m[0], m[1], m[2], m[3], m[4] - box[0], m[5] - box[1])
        attributes = [("ID", str(self._id())), ("Boundary", _box(*_xywh(box))),
                      ("CTM", " ".join(_n(v, 6) for v in ctm)),
                      ("ResourceID", str(self.image_ids[picture.image]))]
        if picture.alpha < 255:
            attributes.append(("Alpha", str(picture.alpha)))
        return _el("ImageObject", attributes)


# -- small pieces ------------------------------------------------------------------


def _doc_id(info: Info) -> str:
    seed = info.identifier or repr((info.title, info.author, info.created)).encode()
    return hashlib.sha256(b"weekly-pdf OFD " + seed).hexdigest()[:32]


def _creator(text: str | None) -> tuple[str | None, str | None]:
    """"weekly-pdf 0.1.0" → ("weekly-pdf", "0.1.0")."""
    if not text:
        return None, None
    match = re.fullmatch(r"(.+?) v?(\d+(?:\.\w+)+)", text.strip())
    return (match[1], match[2]) if match else (text, None)


def _font_file(number: int) -> str:
    return f"font_{number}.ttf"


def _image_file(number: int, kind: str) -> str:
    return f"image_{number}.{'jpg' if kind == 'JPEG' else 'png'}"


def _xywh(box) -> tuple[float, float, float, float]:
    return (box[0], box[1], box[2] - box[0], box[3] - box[1])


def _box(x: float, y: float, w: float, h: float) -> str:
    return " ".join(_n(v) for v in (x, y, w, h))


def _n(value: float, digits: int = 3) -> str:
    """A number in the shortest form with at most ``digits`` decimals."""
    text = f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _colour(tag: str, rgb: Rgb, alpha: int) -> str:
    attributes = [("Value", f"{rgb[0]} {rgb[1]} {rgb[2]}")]
    if alpha < 255:
        attributes.append(("Alpha", str(alpha)))
    return _el(tag, attributes)


_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _escape(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


def _el(tag: str, attributes=(), *, text: str | None = None, children=None,
        root: bool = False) -> str:
    """One element of the OFD namespace, with ``text`` or ``children``."""
    head = f"ofd:{tag}"
    if root:
        head += f' xmlns:ofd="{NAMESPACE}"'
    for name, value in attributes:
        head += f' {name}="{_escape(value, _ATTRIBUTE_ESCAPES)}"'
    if text is not None:
        return f"<{head}>{_escape(text, _TEXT_ESCAPES)}</ofd:{tag}>"
    if children:
        return f"<{head}>" + "".join(children) + f"</ofd:{tag}>"
    return f"<{head}/>"


def _xml_bytes(element: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + element + "\n").encode("utf-8")
