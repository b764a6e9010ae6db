"""``weekly-pdf verify``: PDFBox Preflight's verdict on each file, in Chinese."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.helpers import run_cli
from tests.pdf.pdfa.archival_builds import built
from weekly_pdf.pdf.pdfa.preflight import INSTALL, PreflightMissing, classpath


@pytest.mark.slow
def test_verify_names_valid_and_invalid_files_and_fails_unless_all_are_valid(
        builder, tmp_path_factory, seed_pdf, tmp_path):
    folder = tmp_path / "归档 2023"
    folder.mkdir()
    valid = folder / "2023年第20期.pdf"     # a Chinese name in a folder with a space
    shutil.copy(built("seed-1b", builder, tmp_path_factory), valid)
    plain = tmp_path / "2023-20.pdf"
    shutil.copy(seed_pdf, plain)
    result = run_cli("verify", valid, plain, tmp_path / "nope.pdf", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "符合 PDF/A-1b：归档 2023/2023年第20期.pdf" in result.stdout
    assert "不符合 PDF/A-1b：2023-20.pdf" in result.stdout
    # PDFBox's code kept, its finding in Chinese, and why: the file claims no PDF/A level.
    assert "不符合 PDF/A-1b：2023-20.pdf（19 类问题；这个文件没有声明 PDF/A 级别，不是归档格式，" \
           "生成时要加 --pdfa）" in result.stdout
    assert re.search(r"^  3\.1\.11 字体定义有误：字体 [A-Z]{6}\+FandolFang-Regular 缺少 CIDSet"
                     r"（子集字体要列出用到的字形）$", result.stdout, re.M)
    assert "  7.11 PDF/A 标识有误：缺少 PDF/A 标识（XMP 元数据里的 pdfaid：文件是 PDF/A 的哪一级），" \
           "这不是 PDF/A 文件" in result.stdout.splitlines()
    assert not re.search(r"Invalid|Error|can't|missing", result.stdout)
    assert "找不到文件 nope.pdf" in result.stderr
    assert "共核对 3 个文件，1 个符合，2 个不符合或无法核对。" in result.stdout

    alone = run_cli("verify", valid, cwd=tmp_path)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert alone.stdout.strip() == "符合 PDF/A-1b：归档 2023/2023年第20期.pdf"


def test_without_java_verify_says_how_to_install_it(seed_pdf, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli("verify", seed_pdf, env={"PATH": str(empty)})
    assert result.returncode == 1
    assert "没有找到 Java 运行环境" in result.stderr
    assert ("apt-get install default-jre-headless libpdfbox2-java libactivation-java "
            "libjaxb-api-java") in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_without_pdfbox_the_missing_jars_are_named(tmp_path):
    if shutil.which("java") is None:
        pytest.skip("no java here: the message about Java comes first")
    with pytest.raises(PreflightMissing) as caught:
        classpath(tmp_path)
    assert "preflight.jar" in str(caught.value) and INSTALL in str(caught.value)


@pytest.mark.slow
def test_verify_of_a_pdfa_2b_file_says_what_this_checker_can_judge(seed_2b, tmp_path):
    file = tmp_path / "2023-20.pdf"
    shutil.copy(seed_2b, file)
    result = run_cli("verify", file, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        "2023-20.pdf：文件声明为 PDF/A-2b。本机的检查工具 Apache PDFBox Preflight 只能判定 "
        "PDF/A-1b，不能判定 PDF/A-2b 是否合格；已按 PDF/A-1b 检查两者共有的规则（文件语法、颜色、"
        "字体嵌入、注释、元数据）：都符合。PDF/A-2 特有的规则本机无法检查。\n")
    assert "不符合 PDF/A-1b" not in result.stdout


@pytest.mark.slow
def test_verify_of_an_encrypted_or_broken_file_says_so_in_chinese(seed_1b, tmp_path):
    from pypdf import PdfWriter
    locked = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=seed_1b)
    writer.encrypt("secret")
    writer.write(locked)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf\n")
    result = run_cli("verify", locked, junk, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "  1.0 文件语法有误：文件加了密码：PDF/A 不允许加密，加密的文件也无法检查" in lines
    assert "  1.1 文件头有误：文件的第一行不是 PDF 文件头（%PDF-1.x）：这可能不是 PDF 文件" in lines
    assert result.stderr == ""  # pypdf's English notes on the broken file are not shown
