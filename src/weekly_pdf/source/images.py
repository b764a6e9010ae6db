"""Pictures of an article's body, checked when the issue is read.

* :func:`probe` is what the loader asks of an ``image:`` file: is it a JPEG or
  PNG that decodes, and not absurdly large? It answers with the picture's
  pixel size (upright, after its EXIF orientation) or an :class:`ImageProblem`
  whose message is Chinese. The size is read from the file's header before
  Pillow decodes anything (:func:`header_size`), so a picture beyond Pillow's
  decompression-bomb limit gets the same message (its size and our limit) as
  one just over ours.

How a checked picture is prepared for print is :mod:`weekly_pdf.render.pictures`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported where a picture is read: most issues have none
    from PIL import Image as PILImage

#: Largest picture accepted, in pixels (a 50-megapixel camera photo).
MAX_PIXELS = 50_000_000
#: Largest picture file accepted, in bytes.
MAX_BYTES = 40 * 1024 * 1024


class ImageProblem(Exception):
    """Why a picture cannot be used; ``str()`` is the Chinese explanation."""


@dataclass(frozen=True)
class Probe:
    format: str
    pixels: tuple[int, int]


def probe(path: Path) -> Probe:
    """Check that ``path`` is a usable JPEG or PNG picture (decoding it whole).

    The pixel size is read from the file's header first (:func:`header_size`),
    so a picture of any size, however far over Pillow's own decompression
    limit, is refused with its size and the limit; only a picture within
    :data:`MAX_PIXELS` is decoded.
    """
    from PIL import Image as PILImage, UnidentifiedImageError
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImageProblem(f"无法读取（{exc.strerror}）") from None
    if size == 0:
        raise ImageProblem("文件是空的（0 字节），里面没有图片；请重新保存或复制这张图片")
    if size > MAX_BYTES:
        raise ImageProblem(f"文件太大（{size / 1024 / 1024:.0f} MB），一张图片最多 "
                           f"{MAX_BYTES // 1024 // 1024} MB；请先缩小")
    try:
        with open(path, "rb") as file:
            kind, dimensions = header_size(file)
    except OSError as exc:
        raise ImageProblem(f"无法读取（{exc.strerror}）") from None
    if kind is None:
        raise ImageProblem(_not_jpeg_or_png(path))
    if dimensions is not None:
        _check_pixels(*dimensions)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(path, formats=("JPEG", "PNG")) as image:
                width, height = image.size
                _check_pixels(width, height)
                _load_whole(image)
                upright = _orientation_swaps(image)
        except ImageProblem:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            # Pillow read a larger size than the header said (never seen).
            raise ImageProblem(f"像素太多，最多 {MAX_PIXELS // 10_000} 万像素；请先缩小") from None
        except UnidentifiedImageError:
            raise ImageProblem("图片文件已损坏，读不出来（文件头像 "
                               f"{kind}，内容却不是）") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageProblem(f"图片文件已损坏，读不出来（{exc}）") from None
    return Probe(kind, (height, width) if upright else (width, height))


def _check_pixels(width: int, height: int) -> None:
    if not width or not height:
        raise ImageProblem("图片的宽或高是 0")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            f"像素太多（{width}×{height}，约 {width * height / 10_000:.0f} 万像素），"
            f"最多 {MAX_PIXELS // 10_000} 万像素；请先缩小")


#: The first bytes of a PNG file.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG markers that start a frame (SOF0–SOF15 but DHT, JPG and DAC), which
#: holds the picture's size.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: JPEG markers with no length after them.
_JPEG_BARE = frozenset({0x01, *range(0xD0, 0xD9)})


def header_size(file) -> tuple[str | None, tuple[int, int] | None]:
    """The format (``"PNG"``, ``"JPEG"`` or None: neither) of an open file
    and its pixel size (width, height) as its header states it, without
    decoding anything (None when the header does not say it).

    PNG: the IHDR chunk that must come first. JPEG: the frame header (SOFn),
    after however many application segments (EXIF, ICC profile) come first.
    """
    start = file.read(24)
    if start.startswith(PNG_SIGNATURE):
        if start[12:16] != b"IHDR":
            return "PNG", None
        return "PNG", (int.from_bytes(start[16:20], "big"), int.from_bytes(start[20:24], "big"))
    if not start.startswith(b"\xff\xd8"):
        return None, None
    file.seek(2)
    while True:
        byte = file.read(1)
        if byte != b"\xff":
            return "JPEG", None
        marker = file.read(1)
        while marker == b"\xff":  # fill bytes
            marker = file.read(1)
        if not marker:
            return "JPEG", None
        code = marker[0]
        if code in _JPEG_BARE:
            continue
        length = file.read(2)
        if len(length) < 2:
            return "JPEG", None
        if code in _JPEG_FRAMES:
            frame = file.read(5)  # precision, height, width
            if len(frame) < 5:
                return "JPEG", None
            height, width = int.from_bytes(frame[1:3], "big"), int.from_bytes(frame[3:5], "big")
            return "JPEG", ((width, height) if height else None)  # 0: height given later (DNL)
        if code == 0xDA:  # the picture data starts and no frame header came before it
            return "JPEG", None
        file.seek(int.from_bytes(length, "big") - 2, 1)


#: Other picture formats an office worker may have, by their first bytes.
_OTHER_FORMATS = ((b"GIF8", "GIF"), (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
                  (b"%PDF", "PDF"), (b"\x00\x00\x01\x00", "ICO"))


def _not_jpeg_or_png(path: Path) -> str:
    """Why a file that is neither JPEG nor PNG cannot be used, naming its
    format when it is a picture of a kind we know."""
    with open(path, "rb") as file:
        start = file.read(32)
    name = next((name for magic, name in _OTHER_FORMATS if start.startswith(magic)), None)
    if start[:4] == b"RIFF" and start[8:12] == b"WEBP":
        name = "WebP"
    elif start[4:8] == b"ftyp":
        brand = start[8:12]
        name = ("HEIC" if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1",
                                    b"msf1") else "AVIF" if brand in (b"avif", b"avis") else None)
    if name is None:
        return "不是能识别的图片文件（只能用 JPEG 或 PNG 图片）"
    return f"格式是 {name}，只能用 JPEG（.jpg）或 PNG（.png）图片；请另存为其中一种"


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
