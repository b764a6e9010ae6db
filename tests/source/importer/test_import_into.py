"""``import ARTICLE.docx --into ISSUE --column C``: the article lands at the end
of its column whichever column that is (first, middle, last, or a new one),
the rest of the user's file stays as it was, and every message names the
user's own file and its lines, never the temporary file the result was
checked in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEED_ISSUE, run_cli
from tests.source.importer.importcheck import model_key
from weekly_pdf.source.load import load_issue

TITLE = "海淀区科协举办科普讲座"
PARAGRAPHS = ("7月2日，海淀区科协举办科普讲座，邀请专家讲解人工智能。", "讲座吸引了百余名居民参加。")


@pytest.fixture
def issue_file(issues_dir) -> Path:
    """The seed issue (columns 主题教育, 科创工作, 科普工作, 基层动态), with a
    comment and blank lines between its columns, as an office keeps it."""
    folder = issues_dir / "2023"
    folder.mkdir()
    text = SEED_ISSUE.read_text(encoding="utf-8").replace(
        "  - column: 科普工作\n", "  # 科普部每周五前报送\n\n  - column: 科普工作\n")
    assert "# 科普部每周五前报送" in text
    (folder / "2023-20.yaml").write_text(text, encoding="utf-8")
    return folder / "2023-20.yaml"


def word_article(folder: Path, title: str = TITLE) -> Path:
    from docx import Document
    document = Document()
    document.add_paragraph(title, style="Title")
    for text in PARAGRAPHS:
        document.add_paragraph("\u3000\u3000" + text)
    document.add_paragraph("（海淀区科协）")
    path = folder / "稿件.docx"
    document.save(path)
    return path


def added_lines(before: str, after: str) -> list[str]:
    """``after`` is ``before`` with one run of lines inserted; return that run."""
    old, new = before.splitlines(), after.splitlines()
    k = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), len(old))
    added = len(new) - len(old)
    assert added > 0 and new[:k] == old[:k] and new[k + added:] == old[k:]
    return new[k:k + added]


@pytest.mark.parametrize("column", ["主题教育", "科创工作", "科普工作", "基层动态", "学会动态"])
def test_the_article_ends_its_column_and_nothing_else_changes(column, issue_file, tmp_path):
    before_text = issue_file.read_text(encoding="utf-8")
    before = model_key(load_issue(issue_file))
    result = run_cli("import", word_article(tmp_path), "--into", issue_file, "--column", column)
    assert result.returncode == 0, result.stdout + result.stderr
    added_lines(before_text, issue_file.read_text(encoding="utf-8"))
    after = model_key(load_issue(issue_file))
    new_article = (TITLE, PARAGRAPHS, "海淀区科协")
    expected = [(name, articles + [new_article] if name == column else articles)
                for name, articles in before["sections"]]
    if column not in [name for name, _ in before["sections"]]:
        expected.append((column, [new_article]))
    assert after["sections"] == expected
    assert {k: v for k, v in after.items() if k not in ("sections", "toc")} == \
        {k: v for k, v in before.items() if k not in ("sections", "toc")}
    assert "# 科普部每周五前报送" in issue_file.read_text(encoding="utf-8")
    check = run_cli("check", issue_file)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_comment_before_the_next_column_stays_before_it(issue_file, tmp_path):
    before = issue_file.read_text(encoding="utf-8")
    result = run_cli("import", word_article(tmp_path), "--into", issue_file, "--column", "科创工作")
    assert result.returncode == 0, result.stdout + result.stderr
    after = issue_file.read_text(encoding="utf-8")
    added_lines(before, after)
    assert ("        source: 海淀区科协\n\n  # 科普部每周五前报送\n\n  - column: 科普工作\n"
            in after)
    assert f"\n\n      - title: {TITLE}\n" in after


def test_a_rejected_article_is_reported_against_the_users_file(issue_file, tmp_path):
    """A title over the 120-character limit: the file is left alone and the
    message names the issue file and where the added article would be."""
    before = issue_file.read_text(encoding="utf-8")
    result = run_cli("import", word_article(tmp_path, "科协" * 61), "--into", issue_file,
                     "--column", "科创工作")
    assert result.returncode == 1
    assert issue_file.read_text(encoding="utf-8") == before
    message = result.stderr
    assert "2023-20.yaml：追加文章后文件不能通过检查，没有改动它" in message
    assert "追加的文章第 2 行" in message and "字段 sections[1].articles[1].title" in message
    assert ".tmp" not in message and "Traceback" not in message
    assert not list(issue_file.parent.glob(".*.tmp"))
