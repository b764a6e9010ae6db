"""The project stands alone: nothing reads a sibling ../shared folder, and a
fresh clone with nothing beside it collects and passes the tests that once
needed ../shared (the seed text, the text-order check)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT

#: How a path into a sibling folder would be spelled.
SIBLING = ("../shared", "parent / \"shared\"", "parent / 'shared'", "parents[1] / \"shared\"")


def _tracked_text_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, timeout=60)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in listed.stdout.decode().split("\0"):
        path = ROOT / name
        if name and path.suffix in {".py", ".md", ".toml", ".sh", ".html", ".css", ""} \
                and path.is_file() and name != "tests/test_self_contained.py":
            try:
                yield name, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue


def test_no_file_of_the_project_points_into_a_sibling_shared_folder():
    offenders = [name for name, text in _tracked_text_files()
                 if any(spelling in text for spelling in SIBLING)]
    assert offenders == []


@pytest.mark.slow
def test_a_clone_with_nothing_beside_it_passes_the_seed_tests(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "alone" / "weekly-pdf"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=300)
    assert not (clone.parent / "shared").exists()
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    collected = subprocess.run([*run, "--collect-only"], cwd=clone, env=env,
                               capture_output=True, text=True, timeout=600)
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-2000:]
    result = subprocess.run(
        [*run, "tests/build/test_seed.py", "tests/render/test_text_order.py",
         "-k", "seed_text or every_line or every_seed_line"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout, result.stdout[-2000:]
