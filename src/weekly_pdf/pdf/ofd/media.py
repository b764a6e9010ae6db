"""The image files of an OFD, from the PDF's image XObjects.

A JPEG (``/DCTDecode``, RGB or gray, no soft mask) goes into the OFD exactly
as the PDF holds it. Every other image (Flate-encoded samples, a soft mask)
is decoded and written as a PNG with fixed encoder settings, with its soft
mask as the alpha channel: the same samples always give the same bytes.
"""

from __future__ import annotations

import io

from .model import PdfImage, Unsupported

#: zlib level of the PNG files (fixed: the same image gives the same bytes).
PNG_LEVEL = 9


def image_file(xobject) -> PdfImage:
    """The file an image XObject becomes in the OFD."""
    width, height = int(xobject["/Width"]), int(xobject["/Height"])
    filters = xobject.get("/Filter")
    if filters is not None and not isinstance(filters, list):
        filters = [filters]
    filters = [str(f) for f in filters or []]
    space = xobject.get("/ColorSpace")
    plain_space = str(space) in ("/DeviceRGB", "/DeviceGray")
    if filters == ["/DCTDecode"] and plain_space and "/SMask" not in xobject \
            and "/Decode" not in xobject:
        return PdfImage(bytes(xobject._data), "JPEG", width, height)
    try:
        image = xobject.decode_as_image()
        if "/SMask" in xobject:
            mask = xobject["/SMask"].get_object().decode_as_image().convert("L")
            if mask.size != image.size:
                mask = mask.resize(image.size)
            image = image.convert("RGBA")
            image.putalpha(mask)
        elif image.mode not in ("RGB", "L", "RGBA", "LA"):
            image = image.convert("RGB")
    except Unsupported:
        raise
    except Exception as exc:  # pypdf or Pillow cannot decode it
        raise Unsupported(f"PDF 里的一张图片（{width}×{height}）无法解码，不能写入 OFD"
                          f"（{type(exc).__name__}: {exc}）") from None
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=PNG_LEVEL)
    return PdfImage(buffer.getvalue(), "PNG", width, height)
