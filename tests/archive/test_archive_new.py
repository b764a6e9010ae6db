"""weekly-pdf new: next week's file, from the latest issue."""

from __future__ import annotations

import datetime
from pathlib import Path

from tests.helpers import ROOT, run_cli
from tests.archive.archive_tools import new_archive
from tests.issuegen import write_archive
from weekly_pdf.source.load import load_issue


def _new(issues: Path, *args: str):
    result = run_cli("new", issues, *args)
    assert result.returncode == 0, result.stderr
    return result, (ROOT / result.stdout.strip().splitlines()[0]).resolve()


def test_new_advances_number_total_and_date_and_keeps_columns(tmp_path):
    issues = new_archive(tmp_path)
    latest = write_archive(issues, 3, first=20)[-1]
    result, path = _new(issues)
    assert path == (issues / "2023" / "2023-23.yaml").resolve()
    before, after = load_issue(latest), load_issue(path)   # valid as written
    assert (after.year, after.number, after.total) == (2023, 23, before.total + 1)
    assert after.date == before.date + datetime.timedelta(days=7)
    assert [s.column for s in after.sections] == [s.column for s in before.sections]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "请填写" in text
    # check passes but tells what is still to fill in
    check = run_cli("check", path)
    assert check.returncode == 0 and "没有填写" in check.stdout


def test_new_in_a_new_year_restarts_the_number_but_not_the_total(tmp_path):
    issues = new_archive(tmp_path)
    latest = write_archive(issues, 2, first=51)[-1]   # 2023-52, dated 2023-12-29
    _, path = _new(issues)
    after, before = load_issue(path), load_issue(latest)
    assert path.name == "2024-01.yaml"
    assert (after.year, after.number, after.total) == (2024, 1, before.total + 1)
    assert after.date == datetime.date(2024, 1, 5)


def test_new_with_a_date(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 1, first=5)
    _, path = _new(issues, "--date", "2023-02-10")
    assert path.name == "2023-06.yaml"
    assert load_issue(path).date == datetime.date(2023, 2, 10)


def test_new_refuses_a_date_not_after_the_latest_and_a_bad_date(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 1, first=5)                  # 2023-05, dated 2023-02-03
    early = run_cli("new", issues, "--date", "2023-02-03")
    assert early.returncode == 1 and "不晚于" in early.stderr
    bad = run_cli("new", issues, "--date", "2023/02/10")
    assert bad.returncode == 2 and "不是有效的日期" in bad.stderr
    assert not (issues / "2023" / "2023-06.yaml").exists()


def test_new_with_no_issue_says_what_to_do(tmp_path):
    issues = new_archive(tmp_path)
    result = run_cli("new", issues)
    assert result.returncode == 1 and "还没有任何一期" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_given_an_issue_file_instead_of_its_folder_says_so(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 2)
    issue = next(issues.rglob("2023-*.yaml"))
    result = run_cli("new", issue)
    assert result.returncode == 1
    assert result.stderr == (f"错误：{issue} 是一个文件，这里需要期刊文件夹"
                             f"（放各年期刊文件的文件夹，例如 issues/）\n")
