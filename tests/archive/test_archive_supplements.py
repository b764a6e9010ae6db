"""增刊 (supplements): numbered in their own series (<year>-s<NN>.yaml), kept
apart from the regular issues by check, new, the catalog and the volume."""

from __future__ import annotations

import csv

import pytest
import yaml
from pypdf import PdfReader

from tests.archive.archive_tools import build_all, catalog, new_archive
from tests.helpers import ROOT, run_cli
from tests.issuegen import issue_dict, write_archive
from weekly_pdf.source.load import load_issue


def _supplement(issues, number: int, *, year: int = 2023, date: str = "2023-03-10"):
    data = issue_dict(70 + number, year=year, number=number, articles=2)
    del data["total"]
    data["series"] = "增刊"
    data["date"] = date
    path = issues / str(year) / f"{year}-s{number:02d}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_check_counts_gaps_per_series_and_gives_supplements_no_total(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 3, first=10, articles=2)
    _supplement(issues, 1)
    _supplement(issues, 3)
    result = run_cli("check", issues)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "2023年的增刊期号不连续：2023年增刊第1期之后是增刊第3期，缺少增刊第2期" in out
    # the regular issues 10–12 are consecutive: the supplements do not break them
    assert "2023年的期号不连续" not in out and "总期号" not in out


def test_a_clean_archive_with_supplements_passes_check(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 3, first=10, articles=2)
    _supplement(issues, 1)
    _supplement(issues, 2, date="2023-03-17")
    result = run_cli("check", issues)
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_series_supplement_numbers_its_own_series(tmp_path):
    issues = new_archive(tmp_path)
    latest = write_archive(issues, 2, first=20, articles=2)[-1]
    first = run_cli("new", issues, "--series", "增刊")
    assert first.returncode == 0, first.stderr
    path = ROOT / first.stdout.strip().splitlines()[0]
    assert path.resolve() == (issues / "2023" / "2023-s01.yaml").resolve()
    supplement = load_issue(path)
    assert supplement.is_supplement and supplement.number == 1 and supplement.total is None
    assert supplement.date == load_issue(latest).date
    assert "增刊第1期" in first.stderr
    second = run_cli("new", issues, "--series", "增刊")
    assert second.stdout.strip().splitlines()[0].endswith("2023-s02.yaml")
    # the regular series goes on from the latest regular issue
    regular = run_cli("new", issues)
    assert regular.stdout.strip().splitlines()[0].endswith("2023-22.yaml")
    assert run_cli("new", issues, "--series", "专刊").returncode == 2


@pytest.mark.slow
def test_catalog_and_volume_keep_the_series_apart(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 2, first=10, articles=2)
    _supplement(issues, 1)
    out = tmp_path / "out"
    built = build_all(issues, out, "-j", "2")
    assert built.returncode == 0, built.stderr
    assert (out / "2023" / "2023-s01.pdf").is_file()
    entries = catalog(out)["issues"]
    assert [(e["number"], e.get("series"), e["total"]) for e in entries] == [
        (10, None, 63), (11, None, 64), (1, "增刊", None)]
    with open(out / "catalog.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert [(r[1], r[2]) for r in rows[1:]] == [("10", "63"), ("11", "64"), ("增刊1", "")]
    target = tmp_path / "vol.pdf"
    result = run_cli("volume", "2023", "--out-dir", out, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "缺" not in result.stdout + result.stderr
    reader = PdfReader(target)
    titles = [str(i.title) for i in reader.outline if not isinstance(i, list)]
    assert titles[1:] == ["2023年第10期（总第63期）", "2023年第11期（总第64期）", "2023年增刊第1期"]
    # the supplement's own PDF shows 增刊 under the masthead, and no total
    lines = PdfReader(out / "2023" / "2023-s01.pdf").pages[0].extract_text().splitlines()
    assert lines[0] == "科协每周动态"
    assert "".join(lines[1].split()) == "增刊" and lines[2] == "2023年\u3000第1期"
    assert not any("总第" in line for line in lines)
