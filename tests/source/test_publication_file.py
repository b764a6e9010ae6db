"""publication.yaml that is not what it should be gets a message saying what
it is: a folder, a pipe, or a file holding fields that belong in each issue."""

from __future__ import annotations

import os

import pytest

from tests.archive.archive_tools import build_all
from tests.helpers import write_issue_text as write
from tests.source.test_errors import GOOD
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue

SHARED = "publication、publisher、layout、toc_title、footer、pdfa、mark、print_run、style"


def errors_of(path):
    with pytest.raises(IssueErrors) as caught:
        load_issue(path)
    return caught.value.errors


def test_a_publication_yaml_that_is_a_folder_is_called_a_folder(issues_dir):
    issue = write(issues_dir, GOOD)
    (issue.parent / "publication.yaml").mkdir()  # beside the issue: found first
    [error] = errors_of(issue)
    assert error.file == issue.parent / "publication.yaml"
    assert error.message == ("这是一个文件夹，不是文件；publication.yaml（各期共用的报头、单位和版记）"
                             "应当是一个文本文件（UTF-8 编码的 YAML）")


def test_a_publication_yaml_that_is_a_pipe_is_called_a_pipe_without_waiting(issues_dir):
    issue = write(issues_dir, GOOD)
    (issues_dir / "publication.yaml").unlink()
    os.mkfifo(issues_dir / "publication.yaml")
    [error] = errors_of(issue)
    assert error.file == issues_dir / "publication.yaml"
    assert error.message == ("这不是普通文件（是命名管道），publication.yaml（各期共用的报头、单位和版记）"
                             "必须是保存在磁盘上的文本文件")


@pytest.mark.slow
def test_build_all_reports_a_pipe_as_publication_yaml_and_does_not_hang(issues_dir):
    write(issues_dir, GOOD)
    (issues_dir / "publication.yaml").unlink()
    os.mkfifo(issues_dir / "publication.yaml")
    result = build_all(issues_dir, issues_dir.parent / "out", timeout=120)
    assert result.returncode == 1
    assert ("  文件 issues/publication.yaml：这不是普通文件（是命名管道），publication.yaml"
            "（各期共用的报头、单位和版记）必须是保存在磁盘上的文本文件") in result.stderr.splitlines()


@pytest.mark.parametrize("line,field,what", [
    ("year: 2023", "year", "年份"), ("number: 20", "number", "期号"), ("total: 73", "total", "总期号"),
    ("date: 2023-07-07", "date", "出刊日期"), ("series: 增刊", "series", "增刊标记"),
    ("sections: []", "sections", "栏目和文章"), ("年份: 2023", "year", "年份")])
def test_an_issue_field_in_publication_yaml_is_said_to_belong_in_each_issue(
        issues_dir, line, field, what):
    issue = write(issues_dir, GOOD)
    defaults = issues_dir / "publication.yaml"
    before = defaults.read_text(encoding="utf-8")
    defaults.write_text(before + line + "\n", encoding="utf-8")
    [error] = errors_of(issue)
    key = line.split(":")[0]
    assert (error.file, error.line, error.column, error.path) == (
        defaults, before.count("\n") + 1, 1, key)
    assert error.message == (f"{what}（{field}）每一期都不同，要写在每一期的期刊文件里"
                             f"（如 issues/2023/2023-20.yaml），不能写在 publication.yaml 里；"
                             f"publication.yaml 只放各期共用的内容：{SHARED}")
    assert "是不是想写" not in error.message
