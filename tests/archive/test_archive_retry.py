"""Failures the system causes are tried again; only input errors are remembered.

A full disk is played by RLIMIT_FSIZE (writes beyond it fail with EFBIG, as
they fail with ENOSPC on a full disk), a broken out/ by a file where a folder
must go.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess

import pytest

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs, rendered
from tests.helpers import exe
from tests.issuegen import break_issue, write_archive

pytestmark = pytest.mark.slow


def touch(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def build_all_with_small_files(issues, out, limit: int) -> subprocess.CompletedProcess:
    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([exe(), "build-all", str(issues), "-o", str(out), "-j", "2"],
                          capture_output=True, text=True, cwd=issues.parent, timeout=600,
                          preexec_fn=small_files)


def test_a_folder_that_is_a_file_fails_each_run_until_removed_then_builds(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 2, articles=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "2023").write_text("not a folder")
    for _ in range(2):
        result = build_all(issues, out, "-j", "2")
        assert result.returncode == 1
        assert result.stderr.count("（路径中有同名的文件）") == 2, result.stderr
        assert "文件没有改动" not in result.stderr + result.stdout  # tried again, not remembered
        assert "失败 2 期" in result.stdout
    (out / "2023").unlink()
    fixed = build_all(issues, out, "-j", "2")
    assert fixed.returncode == 0, fixed.stderr
    assert len(rendered(fixed)) == 2 and catalog(out)["count"] == 2


def test_a_full_disk_is_retried_and_the_old_pdf_stays_in_the_catalog(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 3, articles=2)
    out = tmp_path / "out"
    first = build_all(issues, out, "-j", "2")
    assert first.returncode == 0, first.stderr
    old = (out / "2023" / "2023-02.pdf").read_bytes()
    touch(paths[1])
    full = build_all_with_small_files(issues, out, 20_000)
    assert full.returncode == 1
    assert "无法写入" in full.stderr and "文件大小超过了系统的限制" in full.stderr
    assert (out / "2023" / "2023-02.pdf").read_bytes() == old          # untouched
    assert [e["pdf"] for e in catalog(out)["issues"]] == [
        "2023/2023-01.pdf", "2023/2023-02.pdf", "2023/2023-03.pdf"]   # still listed
    again = build_all(issues, out, "-j", "2")
    assert again.returncode == 0, again.stderr
    assert rendered(again) == ["2023/2023-02.yaml"]
    assert "仍有错误" not in again.stdout


def test_an_input_error_is_remembered_and_the_last_good_pdf_kept(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 2, articles=2)
    out = tmp_path / "out"
    assert build_all(issues, out, "-j", "2").returncode == 0
    break_issue(paths[0])
    broken = build_all(issues, out, "-j", "2")
    assert broken.returncode == 1 and "失败 1 期" in broken.stdout
    cached = build_all(issues, out, "-j", "2")
    assert cached.returncode == 1
    assert "1 期仍有错误（文件没有改动）" in cached.stdout
    assert "沿用上次的检查结果" in cached.stderr
    assert catalog(out)["count"] == 2 and len(pdfs(out)) == 2


def test_the_state_file_is_private_and_typed(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 2, articles=2)
    out = tmp_path / "out"
    break_issue(paths[1])
    build_all(issues, out, "-j", "2")
    state_file = out / ".weekly-pdf-state.json"
    assert state_file.stat().st_mode & 0o777 == 0o600
    state = json.loads(state_file.read_text(encoding="utf-8"))
    good, bad = state["issues"]["2023/2023-01.yaml"], state["issues"]["2023/2023-02.yaml"]
    assert set(good) == {"built"} and good["built"]["pdf"] == "2023/2023-01.pdf"
    assert set(bad) == {"failed"} and bad["failed"]["errors"]
