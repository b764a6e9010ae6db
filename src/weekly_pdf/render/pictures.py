"""A checked picture as it goes into the PDF.

:func:`print_url` gives it turned upright, converted to 8-bit sRGB with no
alpha (transparent parts flattened onto white; PDF/A-1 has no soft masks),
downsampled to :data:`PRINT_DPI` at its printed size, stripped of every
metadata chunk and encoded with fixed settings, as a ``data:`` URL. The same
file and size always give the same bytes, so PDFs stay byte-identical from run
to run, and nothing is fetched while rendering but that URL.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where a picture is printed: most issues have none
    from PIL import Image as PILImage

#: Resolution of the pictures in the PDF, at their printed size.
PRINT_DPI = 300
#: JPEG quality of the printed pictures (photographs).
JPEG_QUALITY = 88
#: A picture of at most this many colours (a chart, a diagram) is kept as PNG.
FLAT_COLOURS = 256


def print_pixels(pixels: tuple[int, int], width_pt: float) -> tuple[int, int]:
    """The pixel size a picture printed ``width_pt`` wide gets: :data:`PRINT_DPI`,
    never more than it has."""
    width, height = pixels
    target = max(1, round(width_pt / 72 * PRINT_DPI))
    if target >= width:
        return width, height
    return target, max(1, round(height * target / width))


def print_url(path: Path, width_pt: float) -> str:
    """The picture at ``path`` prepared to print ``width_pt`` wide, as a data: URL."""
    stat = path.stat()
    return _print_url(path, stat.st_mtime_ns, stat.st_size, round(width_pt, 3))


@functools.lru_cache(maxsize=64)
def _print_url(path: Path, _mtime: int, _size: int, width_pt: float) -> str:
    data, mime = print_bytes(path, width_pt)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def print_bytes(path: Path, width_pt: float) -> tuple[bytes, str]:
    """The encoded picture (and its MIME type) as it goes into the PDF."""
    from PIL import Image as PILImage, ImageOps
    with PILImage.open(path) as source:
        source.load()
        image = ImageOps.exif_transpose(source)
        image = _to_srgb(image)
    size = print_pixels(image.size, width_pt)
    if size != image.size:
        image = image.resize(size, PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.getcolors(FLAT_COLOURS) is not None:
        image.save(out, format="PNG", compress_level=9)  # no pHYs, no text chunks
        return out.getvalue(), "image/png"
    image.save(out, format="JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=False,
               progressive=False)  # JFIF only: no EXIF, no ICC profile, no comment
    return out.getvalue(), "image/jpeg"


def _to_srgb(image: PILImage.Image) -> PILImage.Image:
    """8-bit RGB in sRGB, transparent parts flattened onto white."""
    from PIL import Image as PILImage, ImageCms
    profile = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: scale to 8 bits (a plain convert would clip at 255).
        image = image.point(lambda v: v / 256, "I").convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = PILImage.alpha_composite(white, rgba)
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(
                image if image.mode != "RGBA" else image.convert("RGB"), source,
                ImageCms.createProfile("sRGB"), outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: take the values as sRGB
    return image.convert("RGB")
