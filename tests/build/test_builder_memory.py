"""A process that builds issue after issue (a batch worker, watch) must not
keep what earlier builds left: a build pauses Python's cyclic garbage
collector (weekly_pdf.build.cyclic_gc_paused), and what it made must still be
collected soon after. Counted in objects the collector tracks, not in bytes."""

from __future__ import annotations

import gc

from tests.helpers import SEED_ISSUE


def test_builds_one_after_another_leave_no_growing_garbage(project, tmp_path):
    from weekly_pdf.build import Builder
    builder = Builder(project)
    counts = []
    for n in range(5):
        builder.build(SEED_ISSUE, tmp_path / f"{n}.pdf")
        [object() for _ in range(1000)]  # what a process does next: the collector runs
        counts.append(len(gc.get_objects()))
    # The first builds fill the process's caches; then nothing piles up
    # (a build leaves about 45,000 objects of garbage when it is not collected).
    assert counts[-1] - counts[1] < 5_000, counts
