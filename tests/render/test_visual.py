"""Visual regression: every page of the seed issue against its committed render.

Tolerance: a page matches when at most 0.2 % of its pixels (50 dpi, grey)
changed by more than 64 grey levels (see tests/render/visual.py). Refresh the
references on purpose with ``python -m tests.render.refresh``.
"""

from __future__ import annotations


from tests.render.visual import REFERENCE_DIR, compare, page_count, reference_name, render_page

REFRESH = "python -m tests.render.refresh"


def test_the_seed_has_as_many_pages_as_its_references(seed):
    references = sorted(REFERENCE_DIR.glob("seed-page-*.png"))
    assert references, f"no references: run {REFRESH}"
    assert page_count(seed.pdf) == len(references)


def test_every_page_looks_like_its_reference(seed, tmp_path):
    failures = []
    for page in range(1, page_count(seed.pdf) + 1):
        reference = REFERENCE_DIR / reference_name(page)
        if not reference.is_file():
            failures.append(f"page {page}: no reference")
            continue
        image = render_page(seed.pdf, page, tmp_path / f"page-{page}.png")
        difference = compare(image, reference)
        if not difference.ok:
            failures.append(f"page {page}: {difference.changed:.2%} of pixels changed")
    assert not failures, "; ".join(failures) + f" (if the change is meant: {REFRESH})"


def test_the_comparison_sees_a_changed_page(seed, tmp_path):
    """The tolerance is tight enough to catch one page standing for another."""
    one = render_page(seed.pdf, 2, tmp_path / "two.png")
    assert not compare(one, REFERENCE_DIR / reference_name(3)).ok
