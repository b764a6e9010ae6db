"""Our own PDF read back as laid-out pages: where every glyph, rule and picture sits.

The OFD is made from the PDF bytes the engine has just written, so that it
shows exactly what the PDF shows and nothing here depends on the engine. The
PDF is ours (WeasyPrint's writer and our finisher, or pypdf for a bound
volume), so only what such files use is understood, each completely:

* text: Type0 fonts with ``/Identity-H`` (two-byte CIDs), their ``/W`` widths,
  ``Tc``/``Tw``/``Tz``/``Ts``/``TL`` and ``TJ`` adjustments (the justified
  lines' letter-spacing), the text render mode, the ToUnicode map;
* graphics: paths (``m l c v y h re``), fills and strokes with their colours
  (gray, RGB, CMYK, ICC-based by component count, CIE Lab), line width, caps,
  joins and dashes, opacity from ``gs``, clipping paths that are convex
  polygons (a border's side, a box), form XObjects;
* images: image XObjects (:mod:`.media` turns them into JPEG or PNG files).

Anything else (a Type3 font, a shading or pattern fill: a CSS gradient)
raises :class:`Unsupported` with a Chinese message rather than giving a
silently different OFD.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from ...errors import WeeklyPdfError
from .geometry import (IDENTITY, Matrix, apply, bounds, clip_polygon, convex, inside_convex,
                       invert, linear, multiply, page_matrix, scale_of)
from .model import (Document, Glyph, Info, OutlineItem, Page, PdfFont, PdfImage, Picture, Rgb,
                    Shape, TextRun, Unsupported)

#: Form XObjects nested deeper than this are not followed.
MAX_DEPTH = 12
#: A text run goes on across a gap of at most this many em (letter-spaced
#: headings, the contents' leaders); a wider gap (two pieces on one line, as the
#: masthead's unit and date) starts a new text object.
MAX_GAP = 2.0

PATTERNS = ("OFD 暂不支持渐变色和图案填充（版式的 CSS 里有 linear-gradient、radial-gradient 或"
            "图案背景），请改用纯色")

_CAPS = ("Butt", "Round", "Square")
_JOINS = ("Miter", "Round", "Bevel")
#: Maps an image's unit square as OFD has it (y down) onto PDF's (y up).
_FLIP_UNIT = (1.0, 0.0, 0.0, -1.0, 0.0, 1.0)


def read_pdf(data: bytes) -> Document:
    """The pages, fonts, images, outline and information of a PDF."""
    from pypdf import PdfReader
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception as exc:  # pypdf's errors for a damaged file vary
        raise WeeklyPdfError(f"PDF 无法读取，不能生成 OFD（{type(exc).__name__}: {exc}）") from None
    shared = _Shared()
    read = [_PageReader(shared, page).read() for page in pages]
    return Document(_info(reader), read, shared.fonts, shared.images,
                    _outline(reader, pages))


class _Shared:
    """Fonts and images of the whole document, each read once."""

    def __init__(self):
        self.fonts: list[PdfFont] = []
        self.images: list[PdfImage] = []
        self._font_index: dict = {}
        self._image_index: dict = {}

    def font(self, reference) -> int:
        key = _key(reference)
        if key not in self._font_index:
            self._font_index[key] = len(self.fonts)
            self.fonts.append(_read_font(reference.get_object()))
        return self._font_index[key]

    def image(self, reference) -> int:
        from .media import image_file
        key = _key(reference)
        if key not in self._image_index:
            self._image_index[key] = len(self.images)
            self.images.append(image_file(reference.get_object()))
        return self._image_index[key]


def _key(reference):
    """An object's identity: its object number when it is indirect."""
    number = getattr(reference, "idnum", None)
    if number is None:
        number = getattr(getattr(reference, "indirect_reference", None), "idnum", None)
    return ("object", number) if number is not None else ("python", id(reference))


class _Style(NamedTuple):
    """What the glyphs of one shown string share (see ``_PageReader._style``)."""

    size: float
    matrix: "Matrix"
    fill: object
    stroke: object
    width: float
    key: tuple


#: The style of glyphs too small to draw: they are skipped.
_UNSEEN = _Style(0.0, (0, 0, 0, 0, 0, 0), None, None, 0.0, ())


@dataclass
class _State:
    """The graphics state (PDF 8.4) and text state (9.3) that matter here."""

    ctm: Matrix
    fill: Rgb | None = (0, 0, 0)
    stroke: Rgb | None = (0, 0, 0)
    fill_space: object = None
    stroke_space: object = None
    fill_alpha: int = 255
    stroke_alpha: int = 255
    line_width: float = 1.0
    cap: int = 0
    join: int = 0
    miter: float = 10.0
    dash: tuple = ()
    dash_phase: float = 0.0
    clip: tuple = ()            # convex polygons, page space
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    h_scale: float = 1.0
    leading: float = 0.0
    font: int | None = None
    font_size: float = 0.0
    render: int = 0
    rise: float = 0.0


class _PageReader:
    """Interprets one page's content stream into :class:`Page` items."""

    def __init__(self, shared: _Shared, page):
        self.shared = shared
        self.page = page
        box = [float(v) for v in page.mediabox]
        self.to_page = page_matrix(box)
        self.result = Page(abs(box[2] - box[0]) * self.to_page[0],
                           abs(box[3] - box[1]) * self.to_page[0])
        self.run: TextRun | None = None
        self.run_key = None
        self.run_baseline = self.run_end = 0.0
        self.run_inverse: Matrix = IDENTITY

    def read(self) -> Page:
        rotate = int(self.page.get("/Rotate", 0) or 0) % 360
        if rotate:
            raise Unsupported(f"OFD 暂不支持旋转了的页面（/Rotate {rotate}）")
        contents = self.page.get_contents()
        if contents is not None:
            self._interpret(contents, self.page.get("/Resources"), _State(IDENTITY), 0)
        return self.result

    # -- the interpreter ----------------------------------------------------

    def _interpret(self, contents, resources, state: _State, depth: int) -> None:
        from pypdf.generic import ContentStream
        resources = resources.get_object() if resources is not None else {}
        operations = ContentStream(contents, self.page.pdf).operations
        stack: list[_State] = []
        path: list = []
        pending_clip = None
        tm = lm = IDENTITY
        for operands, operator in operations:
            op = operator.decode("latin-1") if isinstance(operator, bytes) else str(operator)
            if op == "q":
                stack.append(state)
                state = replace(state)
            elif op == "Q":
                if stack:
                    state = stack.pop()
            elif op == "cm":
                state.ctm = multiply(_numbers(operands, 6), state.ctm)
            elif op == "w":
                state.line_width = float(operands[0])
            elif op == "J":
                state.cap = int(operands[0])
            elif op == "j":
                state.join = int(operands[0])
            elif op == "M":
                state.miter = float(operands[0])
            elif op == "d":
                state.dash = tuple(float(v) for v in operands[0])
                state.dash_phase = float(operands[1])
            elif op == "gs":
                self._ext_gstate(resources, operands[0], state)
            elif op in ("g", "G", "rg", "RG", "k", "K"):
                space = {"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}[op.lower()]
                colour = _convert(space, _floats(operands))
                if op.islower():
                    state.fill, state.fill_space = colour, space
                else:
                    state.stroke, state.stroke_space = colour, space
            elif op in ("cs", "CS"):
                space = _colour_space(resources, operands[0])
                initial = _convert(space, _initial(space))
                if op == "cs":
                    state.fill, state.fill_space = initial, space
                else:
                    state.stroke, state.stroke_space = initial, space
            elif op in ("sc", "scn"):
                state.fill = _convert(state.fill_space or "DeviceGray", _floats(operands))
            elif op in ("SC", "SCN"):
                state.stroke = _convert(state.stroke_space or "DeviceGray", _floats(operands))
            # -- paths
            elif op == "m":
                x, y = apply(multiply(state.ctm, self.to_page), *_numbers(operands, 2))
                path.append(("M", x, y))
            elif op == "l":
                x, y = apply(multiply(state.ctm, self.to_page), *_numbers(operands, 2))
                path.append(("L", x, y))
            elif op in ("c", "v", "y"):
                to = multiply(state.ctm, self.to_page)
                numbers = _numbers(operands, 6 if op == "c" else 4)
                current = _current_point(path)
                if op == "c":
                    p1, p2, p3 = (apply(to, *numbers[i:i + 2]) for i in (0, 2, 4))
                elif op == "v":
                    p1, (p2, p3) = current, (apply(to, *numbers[i:i + 2]) for i in (0, 2))
                else:
                    p1, p3 = (apply(to, *numbers[i:i + 2]) for i in (0, 2))
                    p2 = p3
                path.append(("B", *p1, *p2, *p3))
            elif op == "h":
                if path:
                    path.append(("C",))
            elif op == "re":
                x, y, w, h = _numbers(operands, 4)
                to = multiply(state.ctm, self.to_page)
                corners = [apply(to, x, y), apply(to, x + w, y), apply(to, x + w, y + h),
                           apply(to, x, y + h)]
                path.append(("M", *corners[0]))
                path.extend(("L", *corner) for corner in corners[1:])
                path.append(("C",))
            elif op in ("W", "W*"):
                pending_clip = op
            elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
                if op in ("s", "b", "b*") and path:
                    path.append(("C",))
                if op != "n" and path:
                    fill = op[0].lower() in ("f", "b")
                    stroke = op in ("S", "s", "B", "B*", "b", "b*")
                    self._shape(path, state, fill=fill, stroke=stroke, even_odd=op.endswith("*"))
                if pending_clip and path:
                    state.clip = state.clip + _clip_polygons(path)
                path, pending_clip = [], None
            # -- text
            elif op == "BT":
                tm = lm = IDENTITY
            elif op == "ET":
                pass
            elif op == "Tc":
                state.char_spacing = float(operands[0])
            elif op == "Tw":
                state.word_spacing = float(operands[0])
            elif op == "Tz":
                state.h_scale = float(operands[0]) / 100
            elif op == "TL":
                state.leading = float(operands[0])
            elif op == "Ts":
                state.rise = float(operands[0])
            elif op == "Tr":
                state.render = int(operands[0])
            elif op == "Tf":
                fonts = resources.get("/Font") if resources else None
                fonts = fonts.get_object() if fonts is not None else {}
                if operands[0] not in fonts:
                    raise Unsupported(f"PDF 的页面引用了不存在的字体 {operands[0]}")
                state.font = self.shared.font(fonts.raw_get(operands[0]))
                state.font_size = float(operands[1])
            elif op == "Td":
                tx, ty = _numbers(operands, 2)
                tm = lm = multiply((1, 0, 0, 1, tx, ty), lm)
            elif op == "TD":
                tx, ty = _numbers(operands, 2)
                state.leading = -ty
                tm = lm = multiply((1, 0, 0, 1, tx, ty), lm)
            elif op == "Tm":
                tm = lm = _numbers(operands, 6)
            elif op == "T*":
                tm = lm = multiply((1, 0, 0, 1, 0, -state.leading), lm)
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    if op == '"':
                        state.word_spacing, state.char_spacing = float(operands[0]), float(operands[1])
                    tm = lm = multiply((1, 0, 0, 1, 0, -state.leading), lm)
                items = operands[0] if op == "TJ" else [operands[-1]]
                tm = self._show(items, state, tm)
            # -- images and forms
            elif op == "Do":
                self._do(resources, operands[0], state, depth)
            elif op in ("BI", "INLINE IMAGE", "EI"):
                raise Unsupported("OFD 暂不支持 PDF 的内嵌图像（inline image）")
            elif op == "sh":
                raise Unsupported("OFD 暂不支持渐变（shading）")
            # d0/d1 (Type3), BX/EX, marked content (BMC, BDC, EMC, MP, DP),
            # ri, i, d: nothing to draw.

    def _ext_gstate(self, resources, name, state: _State) -> None:
        table = resources.get("/ExtGState") if resources else None
        entry = table.get_object().get(name) if table is not None else None
        if entry is None:
            return
        entry = entry.get_object()
        if "/ca" in entry:
            state.fill_alpha = _alpha(entry["/ca"])
        if "/CA" in entry:
            state.stroke_alpha = _alpha(entry["/CA"])
        if "/LW" in entry:
            state.line_width = float(entry["/LW"])
        if "/LC" in entry:
            state.cap = int(entry["/LC"])
        if "/LJ" in entry:
            state.join = int(entry["/LJ"])
        if "/ML" in entry:
            state.miter = float(entry["/ML"])
        if "/D" in entry:
            dash = entry["/D"]
            state.dash, state.dash_phase = tuple(float(v) for v in dash[0]), float(dash[1])

    def _do(self, resources, name, state: _State, depth: int) -> None:
        table = resources.get("/XObject") if resources else None
        table = table.get_object() if table is not None else {}
        reference = table.raw_get(name) if name in table else None
        if reference is None:
            raise Unsupported(f"PDF 的页面引用了不存在的对象 {name}")
        xobject = reference.get_object()
        subtype = xobject.get("/Subtype")
        self._end_run()
        if subtype == "/Image":
            if xobject.get("/ImageMask"):
                raise Unsupported("OFD 暂不支持 PDF 的蒙版图像（ImageMask）")
            matrix = multiply(_FLIP_UNIT, multiply(state.ctm, self.to_page))
            box = bounds(apply(matrix, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1)))
            if any(not clip_polygon(_box_polygon(box), clip) for clip in state.clip):
                return  # wholly clipped away
            self.result.items.append(Picture(self.shared.image(reference), matrix,
                                             state.fill_alpha))
        elif subtype == "/Form":
            if depth >= MAX_DEPTH:
                raise Unsupported("PDF 的表单对象嵌套过深")
            inner = replace(state)
            if "/Matrix" in xobject:
                inner.ctm = multiply(_numbers(xobject["/Matrix"], 6), state.ctm)
            if "/BBox" in xobject:
                x0, y0, x1, y1 = (float(v) for v in xobject["/BBox"])
                to = multiply(inner.ctm, self.to_page)
                polygon = [apply(to, x0, y0), apply(to, x1, y0), apply(to, x1, y1),
                           apply(to, x0, y1)]
                if convex(polygon):
                    inner.clip = inner.clip + (polygon,)
            self._interpret(xobject.get_data(), xobject.get("/Resources") or resources, inner,
                            depth + 1)
            self._end_run()

    # -- text ---------------------------------------------------------------

    def _show(self, items, state: _State, tm: Matrix) -> Matrix:
        """Draw a Tj string or a TJ array; return the text matrix after it."""
        if state.font is None:
            raise Unsupported("PDF 的文字没有设置字体")
        font = self.shared.fonts[state.font]
        size, th = state.font_size, state.h_scale
        to_page = multiply(state.ctm, self.to_page)
        for item in items:
            if isinstance(item, (int, float)) or type(item).__name__ in ("NumberObject",
                                                                           "FloatObject"):
                tx = -float(item) / 1000 * size * th
                tm = multiply((1, 0, 0, 1, tx, 0), tm)
                continue
            data = _bytes(item)
            glyph_space = multiply((size * th, 0, 0, size, 0, 0), multiply(linear(tm), to_page))
            style = None  # what the string's glyphs share: worked out at its first glyph
            for i in range(0, len(data) - 1, 2):
                cid = data[i] << 8 | data[i + 1]
                width = font.width(cid) / 1000
                x, y = apply(to_page, *apply(tm, 0, state.rise))
                if style is None:
                    style = self._style(state, glyph_space, to_page)
                if style is not _UNSEEN:
                    self._glyph(state, style, Glyph(cid, font.to_unicode.get(cid, ""), x, y,
                                                    width))
                tm = multiply((1, 0, 0, 1, (width * size + state.char_spacing) * th, 0), tm)
        return tm

    def _style(self, state: _State, glyph_space: Matrix, to_page: Matrix) -> "_Style":
        """Size, matrix, colours and stroke width of the glyphs of one string
        (``_UNSEEN`` when they are too small to draw)."""
        size = scale_of(glyph_space)
        if size < 1e-9:
            return _UNSEEN
        matrix = _tidy(multiply((1 / size, 0, 0, -1 / size, 0, 0), glyph_space))
        mode = state.render % 4
        if (mode in (0, 2) and state.fill_space == "Pattern") or (
                mode in (1, 2) and state.stroke_space == "Pattern"):
            raise Unsupported(PATTERNS)
        fill = state.fill if mode in (0, 2) else None
        stroke = state.stroke if mode in (1, 2) else None
        width = state.line_width * scale_of(to_page)
        key = (state.font, round(size, 6), matrix, fill, stroke, state.fill_alpha,
               state.stroke_alpha, round(width, 6) if stroke else 0)
        return _Style(size, matrix, fill, stroke, width, key)

    def _glyph(self, state: _State, style: "_Style", glyph: Glyph) -> None:
        """Add a glyph to the current text run, or start a new run."""
        size = style.size
        x, y = apply(self.run_inverse, glyph.x, glyph.y) if self.run else (0.0, 0.0)
        if self.run is None or style.key != self.run_key or abs(y - self.run_baseline) > 1e-3 \
                or not -0.5 * size <= x - self.run_end <= MAX_GAP * size:
            self.run = TextRun(state.font, size, style.matrix, style.fill, style.stroke,
                               state.fill_alpha, state.stroke_alpha, style.width)
            self.run_key = style.key
            self.run_inverse = invert(style.matrix)
            x, self.run_baseline = apply(self.run_inverse, glyph.x, glyph.y)
            self.result.items.append(self.run)
        self.run.glyphs.append(glyph)
        self.run_end = x + glyph.advance * size

    def _end_run(self) -> None:
        self.run = None

    # -- paths --------------------------------------------------------------

    def _shape(self, path: list, state: _State, *, fill: bool, stroke: bool,
               even_odd: bool) -> None:
        self._end_run()
        if (fill and state.fill_space == "Pattern") or (stroke and state.stroke_space == "Pattern"):
            raise Unsupported(PATTERNS)
        to = multiply(state.ctm, self.to_page)
        width = state.line_width * scale_of(to)
        segments = list(path)
        if state.clip and fill and not stroke:
            segments = _clipped(segments, state.clip)
            if not segments:
                return
        scale = scale_of(to)
        self.result.items.append(Shape(
            segments, state.fill if fill else None, state.stroke if stroke else None,
            state.fill_alpha, state.stroke_alpha, even_odd, width,
            _CAPS[state.cap] if 0 <= state.cap < 3 else "Butt",
            _JOINS[state.join] if 0 <= state.join < 3 else "Miter", state.miter,
            tuple(v * scale for v in state.dash) if state.dash else None,
            state.dash_phase * scale))


def _tidy(matrix: Matrix) -> Matrix:
    """``matrix`` rounded, the identity when it is one (upright text)."""
    rounded = tuple(round(v, 6) + 0.0 for v in matrix)
    if all(abs(a - b) < 1e-6 for a, b in zip(rounded, IDENTITY)):
        return IDENTITY
    return rounded  # type: ignore[return-value]


def _subpaths(segments: list) -> list[list]:
    paths: list[list] = []
    for segment in segments:
        if segment[0] == "M" or not paths:
            paths.append([])
        paths[-1].append(segment)
    return paths


def _polygon(subpath: list) -> list | None:
    """A subpath of straight lines as a list of points (None when it curves)."""
    points = []
    for segment in subpath:
        if segment[0] in ("M", "L"):
            points.append((segment[1], segment[2]))
        elif segment[0] != "C":
            return None
    return points


def _clip_polygons(path: list) -> tuple:
    """The clip a path sets, as convex polygons; nothing when it is not one
    convex polygon (a rounded corner, a ring): such a clip is not applied."""
    subpaths = _subpaths(path)
    if len(subpaths) != 1:
        return ()
    polygon = _polygon(subpaths[0])
    return (polygon,) if polygon and convex(polygon) else ()


def _clipped(segments: list, clips: tuple) -> list:
    """A filled path's segments cut by the clip polygons (see
    :mod:`.geometry`); unchanged when it curves or lies inside the clip."""
    points = [(s[1], s[2]) for s in segments if s[0] in ("M", "L")]
    box = bounds(points)
    if box is None:
        return segments
    corners = _box_polygon(box)
    if all(inside_convex(corners, clip) for clip in clips):
        return segments
    polygons = []
    for subpath in _subpaths(segments):
        polygon = _polygon(subpath)
        if polygon is None:
            return segments
        for clip in clips:
            polygon = clip_polygon(polygon, clip)
            if not polygon:
                break
        if polygon:
            polygons.append(polygon)
    out = []
    for polygon in polygons:
        out.append(("M", *polygon[0]))
        out.extend(("L", *point) for point in polygon[1:])
        out.append(("C",))
    return out


def _box_polygon(box) -> list:
    left, top, right, bottom = box
    return [(left, top), (right, top), (right, bottom), (left, bottom)]


def _current_point(path: list):
    for segment in reversed(path):
        if segment[0] in ("M", "L"):
            return segment[1], segment[2]
        if segment[0] == "B":
            return segment[5], segment[6]
    return (0.0, 0.0)


def _numbers(operands, count: int) -> tuple:
    values = tuple(float(v) for v in list(operands)[:count])
    if len(values) != count:
        raise Unsupported("PDF 的页面内容有误（操作数个数不对）")
    return values


def _floats(operands) -> list[float]:
    return [float(v) for v in operands if isinstance(v, (int, float)) or type(v).__name__ in (
        "NumberObject", "FloatObject")]


def _bytes(item) -> bytes:
    """A string operand's bytes as written (pypdf may have decoded it as text)."""
    if hasattr(item, "original_bytes"):
        return bytes(item.original_bytes)
    return bytes(item)


def _alpha(value) -> int:
    return max(0, min(255, round(float(value) * 255)))


# -- colours -------------------------------------------------------------------


def _colour_space(resources, name):
    """A colour space as something :func:`_convert` understands."""
    name = str(name)
    if name in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
        return name[1:]
    table = resources.get("/ColorSpace") if resources else None
    table = table.get_object() if table is not None else {}
    space = table.get(name)
    if space is None:
        return "DeviceGray"
    return _space_of(space.get_object())


def _space_of(space):
    if not isinstance(space, list):
        text = str(space)[1:]
        return {"CalRGB": "DeviceRGB", "CalGray": "DeviceGray", "G": "DeviceGray",
                "RGB": "DeviceRGB", "CMYK": "DeviceCMYK"}.get(text, text)
    family = str(space[0])[1:]
    if family == "ICCBased":
        return {1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}.get(
            int(space[1].get_object().get("/N", 3)), "DeviceRGB")
    if family in ("CalRGB", "CalGray"):
        return "DeviceRGB" if family == "CalRGB" else "DeviceGray"
    if family == "Lab":
        parameters = space[1].get_object()
        return ("Lab", tuple(float(v) for v in parameters.get("/WhitePoint", (0.9505, 1, 1.089))))
    if family == "Pattern":
        return "Pattern"
    return "Unknown"


def _initial(space) -> list[float]:
    if space == "DeviceCMYK":
        return [0, 0, 0, 1]
    if space == "DeviceRGB" or isinstance(space, tuple):
        return [0, 0, 0]
    return [0]


def _convert(space, values: list[float]) -> Rgb | None:
    """A colour in ``space`` as sRGB 0–255; None for a pattern (not drawn)."""
    def channel(v: float) -> int:
        return max(0, min(255, round(v * 255)))
    if space == "Pattern":
        return None
    if isinstance(space, tuple) and space[0] == "Lab":
        return _lab(values, space[1])
    if space == "DeviceRGB" and len(values) >= 3:
        return (channel(values[0]), channel(values[1]), channel(values[2]))
    if space == "DeviceCMYK" and len(values) >= 4:
        c, m, y, k = values[:4]
        return (channel((1 - c) * (1 - k)), channel((1 - m) * (1 - k)), channel((1 - y) * (1 - k)))
    gray = channel(values[0]) if values else 0
    return (gray, gray, gray)


def _lab(values: list[float], white) -> Rgb:
    """CIE L*a*b* (with the space's white point) → sRGB, Bradford-adapted to D65."""
    L, a, b = (list(values) + [0, 0, 0])[:3]

    def finv(t: float) -> float:
        return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)
    fy = (L + 16) / 116
    xyz = [white[0] * finv(fy + a / 500), white[1] * finv(fy), white[2] * finv(fy - b / 200)]
    bradford = ((0.8951, 0.2664, -0.1614), (-0.7502, 1.7135, 0.0367), (0.0389, -0.0685, 1.0296))
    inverse = ((0.9869929, -0.1470543, 0.1599627), (0.4323053, 0.5183603, 0.0492912),
               (-0.0085287, 0.0400428, 0.9684867))
    d65 = (0.95047, 1.0, 1.08883)
    source = [sum(r[i] * white[i] for i in range(3)) for r in bradford]
    target = [sum(r[i] * d65[i] for i in range(3)) for r in bradford]
    cone = [sum(r[i] * xyz[i] for i in range(3)) for r in bradford]
    cone = [c * t / s for c, t, s in zip(cone, target, source)]
    X, Y, Z = (sum(r[i] * cone[i] for i in range(3)) for r in inverse)
    linear_rgb = (3.2406 * X - 1.5372 * Y - 0.4986 * Z, -0.9689 * X + 1.8758 * Y + 0.0415 * Z,
                  0.0557 * X - 0.2040 * Y + 1.0570 * Z)

    def gamma(v: float) -> int:
        v = max(0.0, min(1.0, v))
        v = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
        return max(0, min(255, round(v * 255)))
    return (gamma(linear_rgb[0]), gamma(linear_rgb[1]), gamma(linear_rgb[2]))


# -- fonts -----------------------------------------------------------------------

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _read_font(font) -> PdfFont:
    base = str(font.get("/BaseFont", "/unnamed"))[1:]
    name = _SUBSET_TAG.sub("", base)
    subtype = font.get("/Subtype")
    if subtype != "/Type0":
        raise Unsupported(f"OFD 暂不支持 PDF 里的 {str(subtype)[1:]} 字体 {name}（只支持嵌入的 CID 字体）")
    encoding = font.get("/Encoding")
    if encoding != "/Identity-H":
        raise Unsupported(f"OFD 暂不支持字体 {name} 的编码 {encoding}（只支持 Identity-H）")
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    if "/FontFile2" in descriptor:
        kind, stream = "truetype", descriptor["/FontFile2"].get_object()
    elif "/FontFile3" in descriptor:
        stream = descriptor["/FontFile3"].get_object()
        subtype3 = stream.get("/Subtype")
        kinds = {"/CIDFontType0C": "cff", "/OpenType": "opentype", "/Type1C": "cff"}
        if subtype3 not in kinds:
            raise Unsupported(f"OFD 暂不支持字体 {name} 的字体程序格式 {subtype3}")
        kind = kinds[subtype3]
    else:
        raise Unsupported(f"字体 {name} 没有嵌入 PDF，OFD 不能只写字体名，无法生成")
    cid_to_gid = descendant.get("/CIDToGIDMap")
    mapping = None
    if cid_to_gid is not None and not isinstance(cid_to_gid.get_object(), str):
        mapping = cid_to_gid.get_object().get_data()
    family = descriptor.get("/FontFamily")
    family = str(family).lstrip("/") if family is not None else name
    flags = int(descriptor.get("/Flags", 0) or 0)
    weight = float(descriptor.get("/FontWeight", 400) or 400)
    bbox = tuple(float(v) for v in descriptor.get("/FontBBox", (0, -200, 1000, 900)))
    to_unicode = font.get("/ToUnicode")
    return PdfFont(
        name=name, family=family, kind=kind, program=stream.get_data(), cid_to_gid=mapping,
        widths=_widths(descendant.get("/W", [])),
        default_width=float(descendant.get("/DW", 1000)),
        to_unicode=parse_to_unicode(to_unicode.get_object().get_data()) if to_unicode else {},
        ascent=float(descriptor.get("/Ascent", bbox[3])),
        descent=float(descriptor.get("/Descent", bbox[1])),
        bbox=bbox,  # type: ignore[arg-type]
        bold="bold" in name.lower() or bool(flags & (1 << 18)) or weight >= 600)


def _widths(array) -> dict[int, float]:
    """A CIDFont's /W array: ``c [w1 w2 …]`` and ``c_first c_last w``."""
    items = [item.get_object() if hasattr(item, "get_object") else item for item in array]
    widths: dict[int, float] = {}
    i = 0
    while i + 1 < len(items):
        first = int(items[i])
        if isinstance(items[i + 1], list):
            for n, width in enumerate(items[i + 1]):
                widths[first + n] = float(width)
            i += 2
        else:
            if i + 2 >= len(items):
                break
            for cid in range(first, int(items[i + 1]) + 1):
                widths[cid] = float(items[i + 2])
            i += 3
    return widths


_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(begin|end)(bfchar|bfrange)")


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code → text map (bfchar and bfrange sections)."""
    result: dict[int, str] = {}
    section = None
    values: list = []
    in_array = False
    array: list = []
    for match in _CMAP_TOKEN.finditer(data):
        hex_text, opening, closing, edge, kind = match.groups()
        if edge is not None:
            section = kind if edge == b"begin" else None
            values = []
            continue
        if section is None:
            continue
        if opening:
            in_array, array = True, []
            continue
        if closing:
            in_array = False
            values.append(array)
        elif hex_text is not None:
            raw = bytes.fromhex(re.sub(rb"\s", b"", hex_text).decode())
            if in_array:
                array.append(raw)
                continue
            values.append(raw)
        if section == b"bfchar" and len(values) == 2:
            result[int.from_bytes(values[0], "big")] = _utf16(values[1])
            values = []
        elif section == b"bfrange" and len(values) == 3:
            low, high, target = int.from_bytes(values[0], "big"), int.from_bytes(
                values[1], "big"), values[2]
            for n, code in enumerate(range(low, min(high, low + 65535) + 1)):
                if isinstance(target, list):
                    if n < len(target):
                        result[code] = _utf16(target[n])
                else:
                    last = int.from_bytes(target[-2:], "big") + n if len(target) >= 2 else n
                    result[code] = _utf16(target[:-2] + (last & 0xFFFF).to_bytes(2, "big"))
            values = []
    return result


def _utf16(raw: bytes) -> str:
    try:
        return raw.decode("utf-16-be")
    except UnicodeDecodeError:
        return ""


# -- document information and outline ------------------------------------------


def _info(reader) -> Info:
    meta = reader.metadata or {}

    def text(key: str) -> str | None:
        value = meta.get(key)
        value = str(value).strip() if value is not None else ""
        return value or None

    keywords = tuple(k.strip() for k in re.split(r"[,，;；]", text("/Keywords") or "")
                     if k.strip())
    identifier = b""
    ids = reader.trailer.get("/ID")
    if ids:
        identifier = _bytes(ids[0].get_object() if hasattr(ids[0], "get_object") else ids[0])
    return Info(title=text("/Title"), author=text("/Author"), subject=text("/Subject"),
                keywords=keywords, creator=text("/Creator"), producer=text("/Producer"),
                created=_date(text("/CreationDate")), modified=_date(text("/ModDate")),
                identifier=identifier)


def _date(value: str | None) -> datetime.date | None:
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _outline(reader, pages) -> list[OutlineItem]:
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(pages)
               if page.indirect_reference is not None}

    def page_of(item) -> int | None:
        page = item.get("/Page")
        if page is None:
            return None
        if isinstance(page, int) or type(page).__name__ == "NumberObject":
            return int(page) if 0 <= int(page) < len(pages) else None
        number = getattr(page, "idnum", None) or getattr(
            getattr(page, "indirect_reference", None), "idnum", None)
        return numbers.get(number)

    def convert(items) -> list[OutlineItem]:
        out: list[OutlineItem] = []
        for item in items:
            if isinstance(item, list):
                if out:
                    out[-1].children.extend(convert(item))
                continue
            page = page_of(item)
            left = top = None
            fit = str(item.get("/Type", "/XYZ")) != "/XYZ"
            if page is not None:
                to_page = page_matrix([float(v) for v in pages[page].mediabox])
                x = _number(item.get("/Left"))
                y = _number(item.get("/Top"))
                if x is not None:
                    left = round(apply(to_page, x, 0)[0], 3)
                if y is not None:
                    top = round(apply(to_page, 0, y)[1], 3)
            out.append(OutlineItem(str(item.title or ""), page, left, top, fit))
        return out

    try:
        return convert(reader.outline)
    except Exception:  # an outline pypdf cannot follow: the OFD has none
        return []


def _number(value) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
