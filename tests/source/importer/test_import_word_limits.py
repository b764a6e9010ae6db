"""Hostile and broken .docx files: refused quickly, with one Chinese message
naming the file (and the part inside it), nothing written, exit 1 — never a
long run, a memory blow-up or an internal error."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers import SEED_ISSUE, run_cli
from tests.source.importer.wordparts import document_xml, write_package
from weekly_pdf.source.importer import word_package

PARAGRAPH = b"<w:p><w:r><w:t>\xe5\x8d\x81</w:t></w:r></w:p>"


@pytest.fixture
def issue_file(issues_dir) -> Path:
    folder = issues_dir / "2023"
    folder.mkdir()
    shutil.copy(SEED_ISSUE, folder / "2023-20.yaml")
    return folder / "2023-20.yaml"


def import_into(source: Path, issue_file: Path):
    before = issue_file.read_text(encoding="utf-8")
    result = run_cli("import", source, "--into", issue_file, "--column", "基层动态")
    assert issue_file.read_text(encoding="utf-8") == before
    assert not (issue_file.parent / "images").exists()
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    return result


def test_a_small_file_of_two_million_paragraphs_is_refused(issue_file, tmp_path):
    """The held-out case: a few hundred KB that unpack to 1.8 million
    paragraphs (a zip bomb for python-docx)."""
    bomb = write_package(tmp_path / "稿件.docx", chunks=(b"<w:p/>", 1_800_000))
    assert bomb.stat().st_size < 200_000
    result = import_into(bomb, issue_file)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"错误：文件 {bomb}：Word 文件里的段落太多（超过 {word_package.MAX_PARAGRAPHS} 段），"
        "不像是一篇稿件或一期周报，没有导入")


def test_a_part_unpacking_to_gigabytes_is_refused_before_it_is_read(issue_file, tmp_path):
    """The zip's directory says how big the part is: refused unread."""
    bomb = write_package(tmp_path / "稿件.docx", chunks=(b" " * 1000, 40_000))
    result = import_into(bomb, issue_file)
    assert result.returncode == 1
    assert "Word 文件里的 word/document.xml 解压后太大（38 MB，最多 32 MB），可能是恶意构造的“压缩炸弹”" \
        in result.stderr


def test_a_part_bigger_than_its_directory_says_fails_its_check(tmp_path):
    """A part that unpacks to more than its declared size: zipfile stops at
    the declared size and the CRC check fails."""
    path = write_package(tmp_path / "a.docx", document_xml(PARAGRAPH.decode() * 10))
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    # halve the declared size in the central directory entry (46 bytes before its name)
    directory = data.find(b"word/document.xml", data.find(b"PK\x01\x02")) - 46
    assert data[directory:directory + 4] == b"PK\x01\x02"
    data[directory + 24:directory + 28] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    from weekly_pdf.errors import IssueError
    with pytest.raises(IssueError) as caught:
        word_package.check_package(path, path)
    assert "Word 文件已损坏" in str(caught.value)


def test_entity_definitions_are_refused(issue_file, tmp_path):
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "哈"}">' for n in range(10))
    bomb = write_package(tmp_path / "稿件.docx", document_xml(
        "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", prolog=f"<!DOCTYPE w:document [{laughs}]>"))
    result = import_into(bomb, issue_file)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"错误：文件 {bomb}：Word 文件里的 word/document.xml 含有 DOCTYPE 声明（Word 从不写它；"
        "可能是恶意构造的“实体炸弹”），没有导入")


def test_too_many_elements_are_refused(tmp_path):
    many = write_package(tmp_path / "a.docx", chunks=(b"<w:bookmarkEnd w:id='1'/>",
                                                     word_package.MAX_XML_ELEMENTS + 10))
    from weekly_pdf.errors import IssueError
    with pytest.raises(IssueError) as caught:
        word_package.check_package(many, many)
    assert f"Word 文件的内容太多（超过 {word_package.MAX_XML_ELEMENTS} 个 XML 元素）" in str(caught.value)


@pytest.mark.parametrize("mode", ["--into", "-o"])
def test_a_broken_part_is_named_with_where_it_breaks(mode, issue_file, tmp_path):
    broken = write_package(tmp_path / "稿件.docx", document_xml(
        "<w:p><w:r><w:t>7月5日，学会召开工作会。</w:t></w:r>\n<w:p></w:body>"))
    if mode == "--into":
        result = import_into(broken, issue_file)
    else:
        result = run_cli("import", broken, "-o", tmp_path / "out")
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip() == (
        f"错误：文件 {broken}：Word 文件已损坏：其中的 word/document.xml 不是完整的 XML"
        "（第 2 行第 15 列出错），读不出内容，没有导入；请用 Word/WPS 打开后另存为 .docx 再导入")


def test_a_truncated_file_says_it_is_damaged(issue_file, tmp_path):
    whole = write_package(tmp_path / "whole.docx", document_xml(PARAGRAPH.decode() * 50))
    cut = tmp_path / "稿件.docx"
    cut.write_bytes(whole.read_bytes()[:-40])
    result = import_into(cut, issue_file)
    assert result.returncode == 1
    assert f"错误：文件 {cut}：" in result.stderr


def test_a_document_part_under_another_name_is_checked_too(tmp_path):
    """What a part is comes from the content types, not its name: a bomb in
    word/body.dat is found as well."""
    bomb = write_package(tmp_path / "a.docx", chunks=(b"<w:p/>", word_package.MAX_PARAGRAPHS + 5))
    renamed = tmp_path / "稿件.docx"
    with zipfile.ZipFile(bomb) as source, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info).replace(b"word/document.xml", b"word/body.dat")
            out.writestr(info.filename.replace("word/document.xml", "word/body.dat"), data)
    from weekly_pdf.errors import IssueError
    with pytest.raises(IssueError) as caught:
        word_package.check_package(renamed, renamed)
    assert "段落太多" in str(caught.value)
