"""Pictures taken out of a Word document → files beside the issue file.

They go to ``images/<issue>-<n>.jpg|png`` in the issue's folder (the body
refers to them by that relative path), numbered after any already there, so
nothing is overwritten. JPEG and PNG are written as they are; GIF, BMP, TIFF
and WebP are converted to PNG with Pillow; others (EMF/WMF drawings) cannot
be converted and are reported.
"""

from __future__ import annotations

import io
from pathlib import Path

from ...atomic import write_atomic
from .records import Article, Picture

KEPT = {".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png"}
CONVERTED = (".gif", ".bmp", ".tif", ".tiff", ".webp")


def _as_file(picture: Picture) -> tuple[bytes, str] | None:
    """The bytes and suffix to save ``picture`` as, or None when it cannot be."""
    if picture.suffix in KEPT:
        return picture.data, KEPT[picture.suffix]
    if picture.suffix in CONVERTED:
        try:
            from PIL import Image
            with Image.open(io.BytesIO(picture.data)) as image:
                out = io.BytesIO()
                image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, "PNG")
            return out.getvalue(), ".png"
        except Exception:  # noqa: BLE001 - a broken picture is reported, not fatal
            return None
    return None


def place_pictures(articles: list[Article], issue_file: Path) -> tuple[dict[Picture, tuple[str, bytes]], list[str]]:
    """Decide a file for every picture in ``articles``: {picture: (path
    relative to the issue's folder, bytes)}, and problems. Pictures that
    cannot be saved are taken out of the bodies (and reported)."""
    folder = Path(issue_file).parent
    stem = Path(issue_file).stem
    placed: dict[Picture, tuple[str, bytes]] = {}
    problems: list[str] = []
    n = 0
    for article in articles:
        kept = []
        for item in article.body:
            if not isinstance(item, Picture):
                kept.append(item)
                continue
            if item in placed:
                kept.append(item)
                continue
            converted = _as_file(item)
            if converted is None:
                problems.append(f"《{article.title}》里有一张 {item.suffix.lstrip('.').upper()} "
                                "格式的图片无法导入，请在 Word/WPS 里把它另存为 JPG 或 PNG 后再插入")
                continue
            data, suffix = converted
            while True:
                n += 1
                name = f"images/{stem}-{n}{suffix}"
                if not any((folder / f"images/{stem}-{n}{s}").exists() for s in (".jpg", ".png")):
                    break
            placed[item] = (name, data)
            kept.append(item)
        article.body[:] = kept
    return placed, problems


def save_pictures(placed: dict[Picture, tuple[str, bytes]], issue_file: Path) -> list[Path]:
    """Write the pictures; the files written."""
    folder = Path(issue_file).parent
    written = []
    for name, data in placed.values():
        write_atomic(data, folder / name)
        written.append(folder / name)
    return written
