"""Pictures of an article's body: checked when the issue is read, prepared for print.

* :func:`probe` is what the loader asks of an ``image:`` file: is it a JPEG or
  PNG that decodes, and not absurdly large? It answers with the picture's
  pixel size (upright, after its EXIF orientation) or an :class:`ImageProblem`
  whose message is Chinese.
* :func:`print_url` gives the picture as it goes into the PDF: turned upright,
  converted to 8-bit sRGB with no alpha (transparent parts flattened onto
  white; PDF/A-1 has no soft masks), downsampled to :data:`PRINT_DPI` at its
  printed size, stripped of every metadata chunk and encoded with fixed
  settings, as a ``data:`` URL. The same file and size always give the same
  bytes, so PDFs stay byte-identical from run to run, and nothing is fetched
  while rendering but that URL.
"""

from __future__ import annotations

import base64
import functools
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where a picture is read: most issues have none
    from PIL import Image as PILImage

#: Formats an issue may use (Pillow's names; MPO is a camera's JPEG).
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
#: Largest picture accepted, in pixels (a 50-megapixel camera photo).
MAX_PIXELS = 50_000_000
#: Largest picture file accepted, in bytes.
MAX_BYTES = 40 * 1024 * 1024
#: Resolution of the pictures in the PDF, at their printed size.
PRINT_DPI = 300
#: JPEG quality of the printed pictures (photographs).
JPEG_QUALITY = 88
#: A picture of at most this many colours (a chart, a diagram) is kept as PNG.
FLAT_COLOURS = 256


class ImageProblem(Exception):
    """Why a picture cannot be used; ``str()`` is the Chinese explanation."""


@dataclass(frozen=True)
class Probe:
    format: str
    pixels: tuple[int, int]


def probe(path: Path) -> Probe:
    """Check that ``path`` is a usable JPEG or PNG picture (decoding it whole)."""
    from PIL import Image as PILImage, UnidentifiedImageError
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImageProblem(f"无法读取（{exc.strerror}）") from None
    if size > MAX_BYTES:
        raise ImageProblem(f"文件太大（{size / 1024 / 1024:.0f} MB），一张图片最多 "
                           f"{MAX_BYTES // 1024 // 1024} MB；请先缩小")
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(path) as image:
                kind = FORMATS.get(image.format or "")
                if kind is None:
                    raise ImageProblem(f"格式是 {image.format}，只能用 JPEG（.jpg）或 PNG（.png）"
                                       f"图片；请另存为其中一种")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(
                        f"像素太多（{width}×{height}，约 {width * height / 10_000:.0f} 万像素），"
                        f"最多 {MAX_PIXELS // 10_000} 万像素；请先缩小")
                if not width or not height:
                    raise ImageProblem("图片的宽或高是 0")
                _load_whole(image)
                upright = _orientation_swaps(image)
        except ImageProblem:
            raise
        except (UnidentifiedImageError, PILImage.DecompressionBombError,
                PILImage.DecompressionBombWarning):
            raise ImageProblem("不是能识别的图片文件（只能用 JPEG 或 PNG 图片）") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageProblem(f"图片文件已损坏，读不出来（{exc}）") from None
    return Probe(kind, (height, width) if upright else (width, height))


def _load_whole(image: PILImage.Image) -> None:
    """Decode ``image`` completely: a truncated file is an error here, although
    WeasyPrint, once imported, tells Pillow to accept truncated files."""
    from PIL import ImageFile
    accept = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accept


def _orientation_swaps(image: PILImage.Image) -> bool:
    """Whether the EXIF orientation turns the picture by a quarter."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: the picture is shown as stored
        return False
    return orientation in (5, 6, 7, 8)


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
