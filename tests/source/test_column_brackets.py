"""A column typed with its brackets (【主题教育】) prints once bracketed, as
【主题教育】, everywhere the bulletin words a column: the PDF, its outline, the
catalog, and an article imported into it with --column 【…】."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from pypdf import PdfReader

from tests.helpers import run_cli, write_issue_text as write
from tests.source.test_errors import GOOD
from weekly_pdf.archive.catalog import IssueRecord, articles_text
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.wording import bare_column, column_heading


@pytest.mark.parametrize("typed,name", [
    ("【主题教育】", "主题教育"), ("[主题教育]", "[主题教育]"), ("〖主题教育〗", "主题教育"),
    ("［主题教育］", "主题教育"), ("〔主题教育〕", "主题教育"), (" 【 主题教育 】 ", "主题教育"),
    ("【【主题教育】】", "主题教育"), ("主题教育", "主题教育"),
    ("【主题】教育【活动】", "【主题】教育【活动】"), ("【主题教育", "【主题教育"),
    ("学习[二十大]精神", "学习[二十大]精神")])
def test_brackets_typed_around_a_column_are_dropped_once(typed, name):
    assert bare_column(typed) == name
    assert column_heading(typed) == f"【{name}】"


def test_the_loaded_column_has_no_typed_brackets(issues_dir):
    issue = load_issue(write(issues_dir, GOOD.replace("column: 主题教育", "column: 【主题教育】")))
    section = issue.sections[0]
    assert section.column == "主题教育" and section.heading == "【主题教育】"
    assert articles_text(IssueRecord.of(issue).columns).startswith("【主题教育】市科协党组")


def test_a_column_of_brackets_only_is_empty(issues_dir):
    file = write(issues_dir, GOOD.replace("column: 主题教育", "column: 【】"))
    with pytest.raises(IssueErrors) as caught:
        load_issue(file)
    [error] = caught.value.errors
    assert (error.line, error.column, error.path) == (6, 13, "sections[0].column")
    assert error.message == "不能为空，需要填写栏目名称（【】会自动印出，不用写）"


def test_the_pdf_prints_the_column_once_bracketed(issues_dir, builder, tmp_path):
    file = write(issues_dir, GOOD.replace("column: 主题教育", "column: 【主题教育】"))
    built = builder.build(file, tmp_path / "out.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(built.output), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "【主题教育】" in text and "【【" not in text and "】】" not in text
    outline = [item.title for item in _flat(PdfReader(built.output).outline)]
    assert "【主题教育】" in outline and "【【主题教育】】" not in outline


def _flat(items):
    for item in items:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


@pytest.mark.slow
def test_import_into_a_column_typed_with_brackets_joins_the_column(issues_dir, tmp_path):
    from docx import Document
    file = write(issues_dir, GOOD)
    document = Document()
    document.add_paragraph("西城区科协开展科普进校园活动", style="Title")
    document.add_paragraph("\u3000\u30007月3日，西城区科协走进辖区小学开展科普活动。")
    document.add_paragraph("（西城区科协）")
    document.save(tmp_path / "稿件.docx")
    result = run_cli("import", tmp_path / "稿件.docx", "--into", file, "--column", "【主题教育】")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "栏目【主题教育】" in result.stdout and "【【" not in result.stdout
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert [s["column"] for s in data["sections"]] == ["主题教育"]   # no second column
    assert data["sections"][0]["articles"][-1]["title"] == "西城区科协开展科普进校园活动"
