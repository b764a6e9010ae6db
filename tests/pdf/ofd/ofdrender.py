"""A page of an OFD drawn as a reader draws it: text through the embedded
fonts' cmaps (FreeType, via Pillow), rectangles and polygons of PathObjects,
pictures by their CTM. Written for the tests from the standard alone, so that
a page of the OFD can be compared with the PDF's page rendered by PDFium.

Only what weekly-pdf's OFDs hold is drawn: straight-edged paths (filled), text
without CGTransform, upright pictures.
"""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw, ImageFont

from tests.pdf.ofd.ofdread import NS, Ofd, numbers, object_matrix

MM_PER_INCH = 25.4


def render_page(ofd: Ofd, index: int, dpi: float) -> Image.Image:
    """Page ``index`` of ``ofd`` as an RGB image at ``dpi``."""
    width, height = ofd.page_size
    scale = dpi / MM_PER_INCH
    image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    content = ofd.pages[index].root
    fonts: dict[tuple[int, int], ImageFont.FreeTypeFont] = {}
    for element in content.iter(f"{NS}TextObject", f"{NS}PathObject", f"{NS}ImageObject"):
        tag = element.tag[len(NS):]
        if tag == "PathObject":
            _path(element, draw, scale)
        elif tag == "ImageObject":
            _picture(ofd, element, image, scale)
        else:
            _text(ofd, element, draw, scale, fonts)
    return image


def _colour(element, tag: str, default=(0, 0, 0)):
    colour = element.find(f"{NS}{tag}")
    if colour is None or not colour.get("Value"):
        return default
    return tuple(int(v) for v in numbers(colour.get("Value"))[:3])


def _path(element, draw, scale: float) -> None:
    if element.get("Fill") != "true":
        return
    a, b, c, d, e, f = object_matrix(element)
    polygons, current = [], []
    tokens = (element.findtext(f"{NS}AbbreviatedData") or "").split()
    i = 0
    while i < len(tokens):
        op = tokens[i]
        if op in ("M", "S"):
            if current:
                polygons.append(current)
            current = [(float(tokens[i + 1]), float(tokens[i + 2]))]
            i += 3
        elif op == "L":
            current.append((float(tokens[i + 1]), float(tokens[i + 2])))
            i += 3
        elif op == "C":
            i += 1
        else:
            raise AssertionError(f"path operator {op} not drawn by this renderer")
    if current:
        polygons.append(current)
    fill = _colour(element, "FillColor")
    shapes = [[((a * x + c * y + e) * scale, (b * x + d * y + f) * scale) for x, y in polygon]
              for polygon in polygons if len(polygon) >= 3]
    if not shapes:
        return
    if len(shapes) == 1:
        draw.polygon(shapes[0], fill=fill)
        return
    # Several contours: even-odd as the XOR of their areas, non-zero as their union.
    left = int(min(x for s in shapes for x, _ in s))
    top = int(min(y for s in shapes for _, y in s))
    right = int(max(x for s in shapes for x, _ in s)) + 2
    bottom = int(max(y for s in shapes for _, y in s)) + 2
    mask = Image.new("1", (right - left, bottom - top), 0)
    combine = ImageChops.logical_xor if element.get("Rule") == "Even-Odd" else ImageChops.logical_or
    for shape in shapes:
        one = Image.new("1", mask.size, 0)
        ImageDraw.Draw(one).polygon([(x - left, y - top) for x, y in shape], fill=1)
        mask = combine(mask, one)
    draw.bitmap((left, top), mask, fill=fill)


def _picture(ofd: Ofd, element, image, scale: float) -> None:
    a, b, c, d, e, f = object_matrix(element)
    assert abs(b) < 1e-9 and abs(c) < 1e-9, "upright pictures only"
    picture = Image.open(io.BytesIO(ofd.parts[ofd.media[int(element.get("ResourceID"))]]))
    picture = picture.convert("RGB")
    box = (round(e * scale), round(f * scale), round((a + e) * scale), round((d + f) * scale))
    image.paste(picture.resize((max(1, box[2] - box[0]), max(1, box[3] - box[1]))), box[:2])


def _text(ofd: Ofd, element, draw, scale: float, fonts) -> None:
    assert element.find(f"{NS}CGTransform") is None, "CGTransform is not drawn by this renderer"
    if element.get("Fill") == "false":
        return
    font_id = int(element.get("Font"))
    pixels = round(float(element.get("Size")) * scale * 64)  # 1/64 px steps
    key = (font_id, pixels)
    if key not in fonts:
        fonts[key] = ImageFont.truetype(io.BytesIO(ofd.font_file(font_id)), pixels / 64)
    a, b, c, d, e, f = object_matrix(element)
    assert abs(b) < 1e-9 and abs(c) < 1e-9, "upright text only"
    fill = _colour(element, "FillColor")
    for code in element.iter(f"{NS}TextCode"):
        x, y = float(code.get("X")), float(code.get("Y"))
        deltas = numbers(code.get("DeltaX"))
        for n, char in enumerate(code.text or ""):
            draw.text(((a * x + e) * scale, (d * y + f) * scale), char, font=fonts[key],
                      fill=fill, anchor="ls")
            if n < len(deltas):
                x += deltas[n]
