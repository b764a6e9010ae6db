"""Fields added by the project for the briefing layout and supplements: mark,
print_run, footer.report_to/send_to/issue_to and series (docs/spec/issue-format.md)."""

from __future__ import annotations

import pytest

from tests.source.test_errors import GOOD, errors_of, write
from weekly_pdf.source.load import load_issue

FOOTER = """footer:
  report_to:
    - 市委办公厅
  send_to: [市委宣传部, 市科技局]
  issue_to:
    - 各区科协
"""


def test_mark_print_run_and_footer_lines_by_kind_are_read(issues_dir):
    path = write(issues_dir, GOOD + "mark: 秘密★1年\nprint_run: 120\n" + FOOTER)
    issue = load_issue(path)
    assert issue.mark == "秘密★1年" and issue.print_run == 120
    assert issue.footer.report_to == ("市委办公厅",)
    assert issue.footer.send_to == ("市委宣传部", "市科技局")
    assert issue.footer.issue_to == ("各区科协",)
    # the rest of the footer still comes from publication.yaml
    assert issue.footer.editor and issue.footer.distribution


def test_the_new_fields_are_optional(issues_dir):
    issue = load_issue(write(issues_dir, GOOD))
    assert issue.mark is None and issue.print_run is None and issue.series is None
    assert issue.footer.report_to == issue.footer.send_to == issue.footer.issue_to == ()


def test_mark_and_print_run_may_be_shared_in_publication_yaml(issues_dir):
    publication = issues_dir / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8")
                           + "mark: 内部资料\nprint_run: 50\n", encoding="utf-8")
    issue = load_issue(write(issues_dir, GOOD))
    assert (issue.mark, issue.print_run) == ("内部资料", 50)


@pytest.mark.parametrize("addition, line, path, message", [
    ("print_run: 五十\n", 15, "print_run", "需要一个整数（印数（份），用半角阿拉伯数字，例如 50）"),
    ("print_run: 0\n", 15, "print_run", "印数（份）应当在 1 到 1000000 之间"),
    ("mark: 42\n", 15, "mark", "需要一段文字"),
    ("footer:\n  report_to: 市委办公厅\n", 16, "footer.report_to", "需要一个列表"),
    ("footer:\n  sent_to: [市委]\n", 16, "footer.sent_to", "是不是想写 send_to"),
    ("series: 专刊\n", 15, "series", "series 只能写 增刊"),
])
def test_bad_values_are_named_in_chinese(issues_dir, addition, line, path, message):
    errors = errors_of(write(issues_dir, GOOD + addition))
    text = "\n".join(str(e) for e in errors)
    assert f"第 {line} 行" in text and f"字段 {path}" in text and message in text, text


def test_a_supplement_has_its_own_file_name_and_no_total(issues_dir):
    text = GOOD.replace("number: 20\ntotal: 73\n", "number: 1\nseries: 增刊\n")
    issue = load_issue(write(issues_dir, text, "2023-s01.yaml"))
    assert issue.is_supplement and issue.total is None
    assert issue.title == "科协每周动态 2023年增刊第1期"
    assert issue.stem == "2023-s01" and issue.total_line == ""


def test_supplement_and_file_name_must_agree(issues_dir):
    text = GOOD.replace("number: 20\ntotal: 73\n", "number: 1\nseries: 增刊\n")
    errors = errors_of(write(issues_dir, text, "2023-01.yaml"))
    assert any("增刊的文件名是 年份-s期号.yaml；请把文件改名为 2023-s01.yaml" in str(e)
               and e.path == "series" for e in errors)
    errors = errors_of(write(issues_dir, GOOD.replace("number: 20", "number: 2"), "2023-s02.yaml"))
    assert any("表示这是增刊，但文件里没有写 series: 增刊" in str(e) for e in errors)


def test_a_regular_issue_still_needs_its_total(issues_dir):
    errors = errors_of(write(issues_dir, GOOD.replace("total: 73\n", "")))
    assert any(e.path == "total" and "缺少必填字段 total" in str(e) for e in errors)
