"""The per-file cache of what each issue holds gives the tally the issue files
give, is keyed by their content, and never makes a result depend on it; the
same inputs give byte-identical outputs."""

from __future__ import annotations

import datetime
import hashlib
import os
import stat
import subprocess
import time

import pytest

from tests.helpers import exe, run_cli
from tests.archive.stats.statsgen import known_archive, random_archive

QUARTER = ("2023-Q2",)


def _gather(issues, cache):
    """What stats reads of the archive; the cache written as stats writes it."""
    from weekly_pdf.archive.stats.facts import gather, save_cache
    from weekly_pdf.project import find_project
    gathered = gather(find_project(), issues, range(2023, 2024), cache)
    save_cache(gathered, cache)
    return gathered


def _tally(gathered):
    from weekly_pdf.archive.stats.periods import parse_period
    from weekly_pdf.archive.stats.tally import tally
    from weekly_pdf.source.scoring import read_scoring
    from weekly_pdf.source.units import read_units
    issues_dir = gathered.issues[0][0].source.parents[1]
    return tally(parse_period("2023"), gathered.issues, read_units(issues_dir / "units.yaml"),
                 read_scoring(issues_dir / "scoring.toml"))


def test_the_cache_gives_the_tally_the_files_give(tmp_path):
    issues, written = random_archive(tmp_path, 30, seed=3)
    cache = tmp_path / "out" / ".weekly-pdf-stats-cache.json"
    files = len(list(issues.rglob("2023-*.yaml")))
    cold = _gather(issues, cache)
    assert cold.read == files and cache.is_file()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    warm = _gather(issues, cache)
    assert warm.read == 0
    uncached = _gather(issues, None)
    assert _tally(warm) == _tally(cold) == _tally(uncached)
    assert [facts for _, facts in warm.issues] == [facts for _, facts in uncached.issues]
    assert not list(cache.parent.glob(".*.tmp")), "the cache is written through a temporary file"


def test_an_edited_issue_is_read_again_and_counted_as_it_now_is(tmp_path):
    issues = known_archive(tmp_path)
    cache = tmp_path / "out" / ".weekly-pdf-stats-cache.json"
    before = _tally(_gather(issues, cache))
    issue = issues / "2023" / "2023-31.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("source: 西城区科协", "source: 北京力学会"),
                     encoding="utf-8")
    gathered = _gather(issues, cache)
    assert gathered.read == 1
    after = {row.unit: row for row in _tally(gathered).rows}
    assert after["北京力学会"].articles == {r.unit: r for r in before.rows}["北京力学会"].articles + 1
    # publication.yaml is part of every key: a change reads every issue again.
    defaults = issues / "publication.yaml"
    defaults.write_text(defaults.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    assert _gather(issues, cache).read == len(list(issues.rglob("2023-*.yaml")))


@pytest.mark.parametrize("damage", ["garbage", "link", "wrong"])
def test_a_damaged_cache_is_named_and_the_files_are_read_again(tmp_path, damage):
    issues = known_archive(tmp_path)
    out = tmp_path / "out"
    first = run_cli("stats", "2023-Q3", "--issues", issues, "--formats", "csv", cwd=tmp_path)
    assert first.returncode == 0
    expected = (out / "stats" / "2023-Q3-按单位.csv").read_bytes()
    cache = out / ".weekly-pdf-stats-cache.json"
    if damage == "garbage":
        cache.write_text("{不是 JSON", encoding="utf-8")
    elif damage == "link":
        cache.unlink()
        cache.symlink_to("/dev/zero")
    else:
        text = cache.read_text(encoding="utf-8")
        cache.write_text(text.replace('"year":2023', '"year":"2023"', 1), encoding="utf-8")
    again = run_cli("stats", "2023-Q3", "--issues", issues, "--formats", "csv", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("注意：统计缓存 out/.weekly-pdf-stats-cache.json 无法使用")
    assert "各期文件将重新读取，缓存随后重写" in again.stderr
    assert (out / "stats" / "2023-Q3-按单位.csv").read_bytes() == expected
    assert not cache.is_symlink() and cache.read_text(encoding="utf-8").startswith('{"format":1')


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_same_inputs_give_byte_identical_outputs(tmp_path):
    """CSV, XLSX and PDF alike: another time of day, another time zone, no cache."""
    issues = known_archive(tmp_path)
    out = tmp_path / "out" / "stats"
    assert run_cli("stats", "2023-Q3", "--issues", issues, cwd=tmp_path).returncode == 0
    first = _digests(out)
    assert sorted(first) == ["2023-Q3-按单位.csv", "2023-Q3-按月份.csv", "2023-Q3-按类别.csv",
                             "2023-Q3-通报.pdf", "2023-Q3.xlsx"]
    for path in out.iterdir():
        path.unlink()
    time.sleep(1.1)  # zip entries and documents would carry another second
    # One core: everything done in this process, none of it aside in a forked one.
    result = subprocess.run(["taskset", "-c", "0", exe(), "stats", "2023-Q3", "--issues",
                             str(issues), "--no-cache"], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "TZ": "America/New_York"})
    assert result.returncode == 0, result.stderr
    assert _digests(out) == first


def test_the_workbook_carries_the_report_date_not_the_clock(tmp_path):
    import zipfile
    issues = known_archive(tmp_path)
    assert run_cli("stats", "2023-Q3", "--issues", issues, "--formats", "xlsx", "--date",
                   "2023-10-10", cwd=tmp_path).returncode == 0
    path = tmp_path / "out" / "stats" / "2023-Q3.xlsx"
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    from openpyxl import load_workbook
    props = load_workbook(path).properties
    assert props.created == props.modified == datetime.datetime(2023, 10, 10)
    assert props.title == "关于2023年第三季度信息报送采用情况的通报"
    assert os.path.getsize(path) > 0
