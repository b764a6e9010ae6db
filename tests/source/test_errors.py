"""Every error rule of the issue-format contract: a clear Chinese message naming
the file, the line (and column) and the field path; never a traceback, never a PDF."""

from __future__ import annotations

import textwrap

import pytest

from tests.helpers import run_cli, write_issue_text as write
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue

GOOD = textwrap.dedent("""\
    year: 2023
    number: 20
    total: 73
    date: 2023-07-07
    sections:
      - column: 主题教育
        articles:
          - title: 市科协党组理论学习中心组开展主题教育学习研讨
            toc: true
            body: |
              6月28日上午，会议召开。

              会议集中学习。
            source: 北京制冷学会
    """)


def errors_of(path):
    with pytest.raises(IssueErrors) as info:
        load_issue(path)
    return info.value.errors


def test_the_good_file_loads(issues_dir):
    issue = load_issue(write(issues_dir, GOOD))
    assert issue.publication == "科协每周动态"            # from publication.yaml
    assert issue.footer.editor == "张红波"
    assert issue.sections[0].articles[0].paragraphs == ("6月28日上午，会议召开。", "会议集中学习。")
    assert issue.sections[0].articles[0].source == "北京制冷学会"
    assert issue.issue_line == "2023年\u3000第20期"
    assert issue.total_line == "（总第73期）"
    assert issue.date_text == "2023年7月7日"


# (description, replace this, with this, line, field path, words of the message)
CASES = [
    ("YAML that does not parse", "total: 73", "total: [73", 3, None, "没有配对的“]”（到第 4 行还没有闭合）"),
    ("tab indentation", "    articles:", "\tarticles:", 7, None, "制表符"),
    ("missing required field", "total: 73\n", "", 1, "total", "缺少必填字段 total"),
    ("missing title", "- title: 市科协党组理论学习中心组开展主题教育学习研讨\n        toc: true",
     "- toc: true", 8, "sections[0].articles[0].title", "缺少必填字段 title"),
    ("empty string", "column: 主题教育", "column: ''", 6, "sections[0].column", "不能为空"),
    ("empty list", "sections:", "sections: []\nx_sections:", 5, "sections", "列表不能为空"),
    ("number in Chinese", "number: 20", "number: 二十", 2, "number", "需要一个整数"),
    ("date with slashes", "date: 2023-07-07", "date: 2023/07/07", 4, "date", "YYYY-MM-DD"),
    ("impossible date", "date: 2023-07-07", "date: 2023-02-30", 4, "date", "不存在"),
    ("body is a number", "body: |\n          6月28日上午，会议召开。\n\n          会议集中学习。",
     "body: 42", 10, "sections[0].articles[0].body", "需要正文"),
    ("year out of range", "year: 2023", "year: 1800", 1, "year", "1949 到 2100"),
    ("negative total", "total: 73", "total: -1", 3, "total", "不小于 1"),
    ("toc is a number", "toc: true", "toc: 3", 9, "sections[0].articles[0].toc", "true、false"),
    ("unknown field with a suggestion", "toc: true", "titel: x\n        toc: true", 9,
     "sections[0].articles[0].titel", "是不是想写 title"),
    ("unknown field in Chinese", "total: 73", "total: 73\n标题: x", 4, "标题", "不认识的字段"),
    ("duplicate field", "total: 73", "total: 73\ntotal: 74", 4, "total", "写了两次"),
    ("file name disagrees with number", "number: 20", "number: 21", 2, "number",
     "文件名 2023-20.yaml"),
]


@pytest.mark.parametrize("old,new,line,path,words", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_error_rule_names_file_line_path_and_expectation(issues_dir, old, new, line, path, words):
    assert old in GOOD
    file = write(issues_dir, GOOD.replace(old, new, 1))
    errors = errors_of(file)
    matching = [e for e in errors if words in e.message]
    assert matching, [str(e) for e in errors]
    error = matching[0]
    assert error.file == file
    assert error.line == line
    assert error.path == path
    message = str(error)
    assert message.startswith("文件 ")
    assert f"第 {line} 行" in message
    if path:
        assert f"字段 {path}" in message


def test_a_document_that_is_not_a_mapping(issues_dir):
    [error] = errors_of(write(issues_dir, "- 2023\n- 20\n"))
    assert "应当是一组“键: 值”" in error.message and error.line == 1


def test_an_empty_file(issues_dir):
    [error] = errors_of(write(issues_dir, ""))
    assert "空的" in error.message


def test_more_than_one_document(issues_dir):
    [error] = errors_of(write(issues_dir, GOOD + "---\nyear: 2024\n"))
    assert "只能有一个 YAML 文档" in error.message and error.line == 16


def test_an_alias_bomb_is_refused_quickly(issues_dir):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    [error] = errors_of(write(issues_dir, GOOD + "\n".join(lines) + "\n"))
    assert "别名炸弹" in error.message


def test_a_huge_file_is_refused(issues_dir):
    big = GOOD + "# " + "很" * 400_000 + "\n"
    [error] = errors_of(write(issues_dir, big))
    assert "文件太大" in error.message


def test_a_file_that_is_not_utf8(issues_dir):
    path = write(issues_dir, "")
    path.write_bytes(GOOD.encode("gb18030"))
    [error] = errors_of(path)
    assert "UTF-8" in error.message


def test_several_problems_are_all_reported_at_once(issues_dir):
    text = GOOD.replace("number: 20", "number: 二十").replace("date: 2023-07-07", "date: 2023-02-30")
    assert {e.path for e in errors_of(write(issues_dir, text))} == {"number", "date"}


def test_footer_is_merged_key_by_key(issues_dir):
    issue = load_issue(write(issues_dir, GOOD + "footer:\n  editor: 王五\n"))
    assert issue.footer.editor == "王五"
    assert issue.footer.reviewer == "李金涛"                 # still from publication.yaml


def test_missing_footer_without_defaults_names_both_places(tmp_path):
    path = write(tmp_path, GOOD + "publication: 科协每周动态\npublisher: 北京市科协办公室\n")
    [error] = errors_of(path)
    assert error.path == "footer" and "publication.yaml" in error.message


@pytest.mark.parametrize("layout", ["fancy", "..", "../layouts/bulletin"])
def test_layout_must_name_a_folder_of_layouts(issues_dir, project, layout):
    file = write(issues_dir, GOOD + f"layout: '{layout}'\n")
    with pytest.raises(IssueErrors) as info:
        load_issue(file, layouts_dir=project.layouts_dir)
    [error] = info.value.errors
    assert error.path == "layout" and "找不到版式" in error.message and "bulletin" in error.message


def test_a_draft_may_have_any_file_name(issues_dir):
    assert load_issue(write(issues_dir, GOOD.replace("number: 20", "number: 21"),
                            name="draft.yaml")).number == 21


def test_leading_zero_numbers_are_decimal(issues_dir):
    issue = load_issue(write(issues_dir, GOOD.replace("number: 20", "number: 020"),
                             name="x.yaml"))
    assert issue.number == 20


# --- through the command line, as office staff meet it -----------------------

def test_cli_reports_a_bad_file_without_traceback_and_writes_no_pdf(issues_dir, tmp_path):
    file = write(issues_dir, GOOD.replace("date: 2023-07-07", "date: 2023-02-30"))
    out = tmp_path / "out.pdf"
    result = run_cli("build", file, "-o", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "2023-20.yaml" in result.stderr and "第 4 行" in result.stderr
    assert "字段 date" in result.stderr and "不存在" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_leaves_an_existing_pdf_untouched(issues_dir, tmp_path):
    file = write(issues_dir, GOOD.replace("number: 20", "number: 二十"))
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-1.7 the old one")
    result = run_cli("build", file, "-o", out)
    assert result.returncode == 1
    assert out.read_bytes() == b"%PDF-1.7 the old one"


def test_cli_check_reports_every_bad_file_and_fails(issues_dir):
    good = write(issues_dir, GOOD)
    bad = write(issues_dir, "- a list\n", name="2023-21.yaml")
    result = run_cli("check", good, bad)
    assert result.returncode == 1
    assert "无误：" in result.stdout and "2023-21.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_missing_file(tmp_path):
    result = run_cli("check", tmp_path / "nope.yaml")
    assert result.returncode == 1 and "找不到这个文件" in result.stderr


def test_a_file_without_publication_yaml_is_told_where_it_is_looked_for(tmp_path):
    issue = write(tmp_path / "issues", GOOD)   # no publication.yaml beside it
    result = run_cli("check", issue)
    assert result.returncode == 1
    assert (f"错误：文件 {issue}，第 1 行，字段 publication：缺少必填字段 publication（报头名称）："
            f"写在本期文件里，或写在 publication.yaml 里（publication.yaml 放在本期文件旁边或"
            f"上一级文件夹里，例如 issues/publication.yaml；现在没有找到）") in result.stderr.splitlines()


def test_a_missing_shared_field_names_the_publication_yaml_that_was_read(issues_dir):
    publication = issues_dir / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    publication.write_text(text.replace("publisher:", "# publisher:", 1), encoding="utf-8")
    issue = write(issues_dir, GOOD)
    result = run_cli("check", issue)
    assert result.returncode == 1
    assert f"或写在 {publication} 里" in result.stderr
