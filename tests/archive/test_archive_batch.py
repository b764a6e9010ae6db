"""build-all on a generated archive of five issues, one of them broken (a batch
of thirty is timed in bench/archive.py).

The archive is rendered once (module fixture); the runs that follow change one
thing at a time and check that exactly what changed is rendered again.
"""

from __future__ import annotations

import csv
import hashlib
import os

import pytest
from pypdf import PdfReader

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs, rendered, snapshot
from tests.issuegen import break_issue, write_archive

#: Four batches over a generated archive, each through the command.
pytestmark = pytest.mark.slow

BROKEN = "2023/2023-03.yaml"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """cold run → no-op run → one issue touched → broken issue fixed."""
    tmp = tmp_path_factory.mktemp("archive")
    issues = new_archive(tmp)
    paths = write_archive(issues, 5, articles=2)
    broken = issues / BROKEN
    good_text = broken.read_text(encoding="utf-8")
    break_issue(broken)
    out = tmp / "out"
    steps = {}
    steps["cold"] = build_all(issues, out, "-j", "2")
    steps["cold_snapshot"] = snapshot(out)
    steps["cold_catalog"] = catalog(out)
    steps["cold_csv"] = (out / "catalog.csv").read_bytes()
    steps["noop"] = build_all(issues, out, "-j", "2")
    steps["noop_snapshot"] = snapshot(out)
    touched = paths[3]
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    steps["touched_name"] = touched.relative_to(issues).as_posix()
    steps["touch"] = build_all(issues, out, "-j", "2")
    steps["touch_snapshot"] = snapshot(out)
    broken.write_text(good_text, encoding="utf-8")
    steps["fixed"] = build_all(issues, out, "-j", "2")
    steps["fixed_snapshot"] = snapshot(out)
    steps.update(issues=issues, out=out, paths=paths)
    return steps


def test_one_broken_issue_does_not_stop_the_others(runs):
    cold, out = runs["cold"], runs["out"]
    assert cold.returncode == 1
    assert len(runs["cold_snapshot"]) == 4
    assert "2023/2023-03.pdf" not in runs["cold_snapshot"]
    assert len(rendered(cold)) == 4
    assert "[5/5]" in cold.stderr and "预计还需" in cold.stderr      # progress, with an ETA
    assert "完成：共 5 期，生成 4 期，跳过 0 期（没有改动），失败 1 期；用时" in cold.stdout
    for pdf in pdfs(out).values():
        assert len(PdfReader(pdf).pages) >= 1


def test_the_broken_file_is_named_with_its_error(runs):
    err = runs["cold"].stderr
    assert "失败：" in err and "2023-03.yaml" in err
    assert "字段 number" in err and "整数" in err
    assert "有 1 期没有生成" in err


def test_catalog_lists_every_built_issue_with_its_sha256(runs):
    out = runs["out"]
    data = runs["cold_catalog"]
    assert data["count"] == 4
    numbers = [e["number"] for e in data["issues"]]
    assert numbers == [1, 2, 4, 5]
    for e in data["issues"]:
        pdf = out / e["pdf"]
        assert runs["cold_snapshot"][e["pdf"]][1] == e["sha256"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == e["sha256"]
        assert e["pages"] == len(PdfReader(pdf).pages)
        assert e["year"] == 2023 and e["date"].startswith("2023-")
        assert e["total"] == 53 + e["number"] and e["publication"] == "科协每周动态"
        assert e["columns"] and all(c["articles"] for c in e["columns"])


def test_catalog_csv_opens_in_excel(runs):
    raw = runs["cold_csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["年份", "期号", "总期号", "日期"]
    assert len(rows) == 1 + 4
    first = runs["cold_catalog"]["issues"][0]
    assert rows[1][0] == "2023" and rows[1][1] == "1"
    assert first["columns"][0]["articles"][0] in rows[1][4]
    assert rows[1][8] == first["sha256"]


def test_second_run_renders_nothing_and_says_so(runs):
    noop = runs["noop"]
    assert rendered(noop) == []
    assert "没有需要重新生成" in noop.stdout
    assert runs["noop_snapshot"] == runs["cold_snapshot"]  # not even rewritten
    assert noop.returncode == 1 and "2023-03.yaml" in noop.stderr  # still broken, still said


def test_touching_one_issue_renders_only_that_one(runs):
    name = runs["touched_name"]
    assert rendered(runs["touch"]) == [name]
    before, after = runs["noop_snapshot"], runs["touch_snapshot"]
    pdf = name.replace(".yaml", ".pdf")
    changed = [k for k in after if after[k][0] != before[k][0]]
    assert changed == [pdf]
    assert after[pdf][1] == before[pdf][1]  # same inputs, same bytes


def test_fixing_the_broken_issue_builds_it_and_completes_the_catalog(runs):
    fixed = runs["fixed"]
    assert fixed.returncode == 0, fixed.stderr
    assert rendered(fixed) == [BROKEN]
    assert catalog(runs["out"])["count"] == 5
    assert len(runs["fixed_snapshot"]) == 5


def test_state_and_catalog_are_never_left_half_written(runs):
    out = runs["out"]
    assert not list(out.rglob("*.tmp"))
    assert (out / ".weekly-pdf-state.json").is_file()


def test_a_batch_with_nothing_to_do_does_not_load_the_renderer(runs):
    """What keeps a no-op batch fast: neither WeasyPrint nor fontTools is even imported."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "weekly_pdf.cli",
                             "build-all", str(runs["issues"]), "-o", str(runs["out"])],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "没有需要重新生成" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "weasyprint" not in imported and "fontTools" not in imported
    assert "multiprocessing" not in imported
