"""Refresh the visual references on purpose: ``python -m tests.render.refresh``.

Builds the seed issue, renders every page at 50 dpi into
tests/render/reference/ (stale pages removed) and page 1 at 100 dpi into
docs/images/seed-page1.png for the README. Run it only after a change of the
look that was meant, and look at the new images before committing them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.helpers import ROOT
from tests.render.visual import REFERENCE_DIR, page_count, reference_name, render_page

README_IMAGE = ROOT / "docs" / "images" / "seed-page1.png"
README_DPI = 100


def main() -> int:
    from weekly_pdf.build import Builder
    from weekly_pdf.project import Project

    builder = Builder(Project(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "seed.pdf"
        builder.build(ROOT / "issues" / "2023" / "2023-20.yaml", pdf)
        pages = page_count(pdf)
        REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
        for old in REFERENCE_DIR.glob("seed-page-*.png"):
            old.unlink()
        for page in range(1, pages + 1):
            render_page(pdf, page, REFERENCE_DIR / reference_name(page))
        README_IMAGE.parent.mkdir(parents=True, exist_ok=True)
        rendered = render_page(pdf, 1, Path(tmp) / "page1.png", dpi=README_DPI, gray=False)
        README_IMAGE.write_bytes(rendered.read_bytes())
    print(f"{pages} reference pages in {REFERENCE_DIR.relative_to(ROOT)}, "
          f"README image {README_IMAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
