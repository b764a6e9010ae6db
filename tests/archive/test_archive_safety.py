"""Interrupted and concurrent batches: nothing lost, nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.archive.archive_tools import (build_all, catalog, new_archive, pdfs, rendered, snapshot,
                                         temp_files)
from tests.helpers import exe
from tests.issuegen import write_archive


def _workers_of(out: Path) -> list[int]:
    """Live processes whose command line names ``out`` (a batch and its workers)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            status = (proc / "status").read_text()
        except OSError:
            continue
        if str(out).encode() in cmdline and "State:\tZ" not in status:
            found.append(int(proc.name))
    return found


@pytest.mark.slow
def test_kill_9_mid_batch_leaves_only_complete_pdfs_and_the_next_run_finishes(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 8, articles=2)
    out = tmp_path / "out"
    temp = tmp_path / "temp"  # the batch's temporary folder
    temp.mkdir()
    batch = subprocess.Popen([exe(), "build-all", str(issues), "-o", str(out), "-j", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "TMPDIR": str(temp)})
    for line in batch.stderr:  # wait until the batch is well under way
        if "已生成" in line:
            break
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _workers_of(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _workers_of(out) == []  # the workers died with the batch
    done = pdfs(out)
    assert 1 <= len(done) < 8
    for pdf in done.values():
        assert len(PdfReader(pdf).pages) >= 1  # every PDF under a final name is whole
    # Nothing left in the temporary folder: the fonts are read from fonts/, never copied
    # (WeasyPrint's copies, 110 MB per worker, used to outlive a killed batch there).
    assert list(temp.iterdir()) == []
    # The user's own files that merely look like temporary ones:
    mine = [out / "2023" / ".2023-08.pdf.k1ll3d.tmp", out / ".notes.tmp", out / "x" / ".y.tmp"]
    for path in mine:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"mine")
    again = build_all(issues, out, "-j", "2", timeout=300)
    assert again.returncode == 0, again.stderr
    assert "另一个批量生成" not in again.stderr  # the dead batch's lock was not in the way
    assert all(path.read_bytes() == b"mine" for path in mine)  # never touched
    assert not (out / ".weekly-pdf-work").exists()  # the dead batch's work folder: cleared
    assert len(pdfs(out)) == 8 and catalog(out)["count"] == 8
    assert set(rendered(again)) | set(n.replace(".pdf", ".yaml") for n in done) >= {
        f"2023/2023-{n:02d}.yaml" for n in range(1, 9)}


@pytest.mark.slow
def test_two_batches_at_once_take_turns(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 4, articles=2)
    out = tmp_path / "out"
    command = [exe(), "build-all", str(issues), "-o", str(out), "-j", "2"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    stderr = [r[1] for r in results]
    # One waited for the other; between them each issue was rendered once.
    assert sum("另一个批量生成（进程" in e and "正在使用" in e for e in stderr) == 1
    assert sum(e.count("已生成") for e in stderr) == 4
    assert catalog(out)["count"] == 4
    assert temp_files(out) == []
    for pdf in pdfs(out).values():
        assert len(PdfReader(pdf).pages) >= 1


@pytest.mark.slow
def test_force_renders_everything_again_byte_for_byte(tmp_path):
    """Across runs, worker counts and processes: the same inputs, the same bytes."""
    issues = new_archive(tmp_path)
    write_archive(issues, 3, first=40, articles=2)
    out = tmp_path / "out"
    first = build_all(issues, out, "-j", "2")
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    forced = build_all(issues, out, "-j", "1", "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(rendered(forced)) == sorted(n.replace(".pdf", ".yaml") for n in before)
    after = snapshot(out)
    assert {k: v[1] for k, v in after.items()} == {k: v[1] for k, v in before.items()}
    assert all(after[k][0] != before[k][0] for k in before)  # rewritten, not skipped
