"""Page renders for visual regression: PDF → PNG (poppler's pdftoppm) and compare.

The references are the seed issue's pages at :data:`DPI`, committed under
tests/render/reference/. Refresh them on purpose, after a change of the look
that was meant, with ``python -m tests.render.refresh``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).resolve().parent
REFERENCE_DIR = HERE / "reference"
DPI = 50
#: A pixel counts as changed when its grey level moved by more than this (0–255).
PIXEL_THRESHOLD = 64
#: A page matches its reference when at most this share of its pixels changed
#: (anti-aliasing noise between poppler builds stays far below; one line of text
#: moved by one grid line changes several percent).
MAX_CHANGED = 0.002


def reference_name(page: int) -> str:
    return f"seed-page-{page}.png"


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(int(line.split()[-1]) for line in info.stdout.splitlines()
                if line.startswith("Pages:"))


def render_page(pdf: Path, page: int, target: Path, dpi: int = DPI, gray: bool = True) -> Path:
    """Page ``page`` (1-based) of ``pdf`` as a PNG at ``target`` (greyscale by default)."""
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    *(["-gray"] if gray else []), "-singlefile", "-png", str(pdf), str(stem)],
                   check=True)
    return stem.with_suffix(".png")


@dataclass
class Difference:
    changed: float  # share of pixels that changed
    size_matches: bool

    @property
    def ok(self) -> bool:
        return self.size_matches and self.changed <= MAX_CHANGED


def compare(image: Path, reference: Path) -> Difference:
    a = Image.open(image).convert("L")
    b = Image.open(reference).convert("L")
    if a.size != b.size:
        return Difference(1.0, False)
    histogram = ImageChops.difference(a, b).histogram()
    changed = sum(histogram[PIXEL_THRESHOLD + 1:]) / (a.size[0] * a.size[1])
    return Difference(changed, True)
