"""weekly-pdf check on a folder: numbers, running totals and dates across issues."""

from __future__ import annotations

import datetime

import yaml

from tests.helpers import run_cli
from tests.archive.archive_tools import new_archive
from tests.issuegen import issue_dict, write_archive, write_issue


def _rewrite(path, **changes):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_consistent_archive_passes(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 3, first=50)
    write_archive(issues, 2, year=2024, first=1, total=53 + 50 + 3)
    # across the new year: a week apart too
    for n, path in enumerate(sorted((issues / "2024").glob("*.yaml"))):
        _rewrite(path, date=datetime.date(2023, 12, 29) + datetime.timedelta(weeks=n + 1))
    result = run_cli("check", issues)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "期号、总期号和日期都连贯" in result.stdout


def test_archive_problems_are_named_in_chinese_with_their_files(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 8)
    paths[3].unlink()                                  # 2023-04 missing: a gap
    _rewrite(paths[5], total=99)                       # 2023-06: wrong running total
    _rewrite(paths[6], date=datetime.date(2023, 2, 20))  # 2023-07: 10 days after 2023-06
    write_issue(issues / "drafts", issue_dict(7, number=2, total=55))  # a second 第2期
    result = run_cli("check", issues)
    assert result.returncode == 1
    err = result.stderr
    assert "期号重复" in err and "2023-02.yaml" in err
    assert "期号不连续" in err and "缺少第4期" in err and "2023-05.yaml" in err
    total_lines = [line for line in err.splitlines() if "总期号与前后期对不上" in line]
    assert len(total_lines) == 1 and "2023-06.yaml" in total_lines[0]  # only the culprit
    assert "应为总第59期" in total_lines[0]
    date_lines = [line for line in err.splitlines() if "日期间隔不是一周" in line]
    assert date_lines and all(line.startswith("警告") for line in date_lines)
    assert any("2023-07.yaml" in line for line in date_lines)


def test_dates_out_of_order_are_a_warning_only(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 3)
    _rewrite(paths[2], date=datetime.date(2023, 1, 1))
    result = run_cli("check", issues)
    assert result.returncode == 0, result.stderr
    assert "警告" in result.stderr and "日期顺序不对" in result.stderr and "2023-03.yaml" in result.stderr


def test_a_broken_file_in_the_folder_is_reported_and_the_rest_checked(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 3)
    paths[1].write_text("year: 2023\nnumber: [\n", encoding="utf-8")
    result = run_cli("check", issues)
    assert result.returncode == 1
    assert "2023-02.yaml" in result.stderr and "YAML" in result.stderr
    assert result.stdout.count("无误") == 2
    assert "期号不连续" not in result.stderr    # already said: that file is broken, not missing
