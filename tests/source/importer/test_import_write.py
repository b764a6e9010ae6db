"""The writer: whatever text a back issue holds, the issue file reads back the same."""

from __future__ import annotations

import datetime

import pytest

from weekly_pdf.source.importer.lines import SourceLine
from weekly_pdf.source.importer.parse import Leftover, Parsed
from weekly_pdf.source.importer.records import Article, Section
from weekly_pdf.source.importer.write import to_yaml
from weekly_pdf.source.load import load_issue

AWKWARD = ["a: b", "#号开头", "- 像列表", '"引号"', "'单引号'", "{x}", "[1]", "*星号", "&锚",
           "!标签", "%p", "@x", "`c", "yes", "2023", "1e3", "null", "~", "x #y", "tab\there",
           "<b>&amp;</b>", "🎉表情", "\\反斜杠", "结尾冒号:", "中间\u2028换行"]


@pytest.mark.parametrize("text", AWKWARD)
def test_any_text_reads_back_as_itself(text, tmp_path):
    parsed = Parsed(fields={
        "publication": text, "publisher": "北京市科协办公室", "year": 2023, "number": 1,
        "total": 54, "date": datetime.date(2023, 1, 6),
        "sections": [Section(text, SourceLine(text, "第 1 行"), [
            Article(text, SourceLine(text, "第 2 行"), [text + "正文。", "第二段" + text], text, text)])],
        "footer": {"editor": text, "reviewer": "李金涛", "distribution": [text]}})
    parsed.leftovers.append(Leftover("第 3 行", text, "测试"))
    issue_file = tmp_path / "2023-01.yaml"
    issue_file.write_text(to_yaml(parsed, text + ".txt"), encoding="utf-8")
    issue = load_issue(issue_file, defaults=False)
    want = text.replace("\u2028", " ")
    article = issue.sections[0].articles[0]
    assert (issue.publication, issue.sections[0].column, article.title, article.toc,
            article.source, issue.footer.editor, issue.footer.distribution) == \
        (want, want, want, want, want, want, (want,))
    assert article.paragraphs == (want + "正文。", "第二段" + want)
