"""How import reads a source it cannot read as it is: UTF-16 text, a locked or
damaged PDF. One precise Chinese message each, and nothing in English."""

from __future__ import annotations

import re

import pytest

from tests.helpers import SEED_ISSUE, SEED_TEXT, run_cli
from tests.source.importer.importcheck import differences, model_key
from weekly_pdf.source.load import load_issue

SEED = SEED_TEXT.read_text(encoding="utf-8")


def _run(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "out").mkdir(exist_ok=True)
    return run_cli("import", tmp_path / name, "-o", tmp_path / "out", cwd=tmp_path)


@pytest.mark.parametrize("encoding,words", [("utf-16", "UTF-16"), ("utf-16-le", "没有字节顺序标记"),
                                            ("utf-16-be", "没有字节顺序标记")])
def test_a_utf16_text_is_read_as_utf16(tmp_path, encoding, words):
    result = _run(tmp_path, "back.txt", SEED.encode(encoding))
    assert result.returncode == 0, result.stderr
    assert words in result.stdout + result.stderr
    imported = load_issue(tmp_path / "out" / "2023-20.yaml")
    assert differences(model_key(imported), model_key(load_issue(SEED_ISSUE))) == []


def test_a_broken_utf16_text_is_named_precisely(tmp_path):
    data = b"\xff\xfe" + "科协每周动态".encode("utf-16-le") + b"\x00\xd8\x41\x00"
    result = _run(tmp_path, "back.txt", data)
    assert result.returncode == 1
    assert "UTF-16" in result.stderr and "第 7 个字" in result.stderr and "UTF-8 另存" in result.stderr


def _blank_pdf(password: str = "", owner: str | None = None) -> bytes:
    import io

    import pypdf
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    if password or owner:
        writer.encrypt(password, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_is_named_as_such_not_as_damaged(tmp_path):
    result = _run(tmp_path, "locked.pdf", _blank_pdf("secret"))
    assert result.returncode == 1
    assert "密码保护" in result.stderr and "损坏" not in result.stderr


def test_pypdf_prints_no_english_before_the_chinese_message(tmp_path):
    data = _blank_pdf()
    at = data.rfind(b"startxref")
    damaged = data[:at] + b"startxref\n99999\n%%EOF\n"   # pypdf warns and repairs
    result = _run(tmp_path, "damaged.pdf", damaged)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith(("错误", " ")) for line in lines), result.stderr
    assert not re.search(r"startxref|[Oo]bject|pointer", result.stderr), result.stderr


@pytest.mark.parametrize("owner", [None, "boss"])
def test_a_pdf_without_text_is_told_once_to_need_ocr(tmp_path, owner):
    """A scanned issue (here: a blank page), also one locked only against editing."""
    result = _run(tmp_path, "scanned.pdf", _blank_pdf("", owner=owner))
    assert result.returncode == 1
    assert result.stderr == ("错误：文件 scanned.pdf：PDF 里没有文字（可能是扫描件，"
                             "只有图片），需要先做文字识别（OCR）\n")


def test_a_pdf_of_hundreds_of_pages_is_refused_at_once(tmp_path):
    """A bound volume, or a hostile file: an issue has about 8 pages."""
    import io

    import pypdf
    from weekly_pdf.source.importer.pdf_source import MAX_PDF_PAGES
    writer = pypdf.PdfWriter()
    for _ in range(MAX_PDF_PAGES + 1):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    result = _run(tmp_path, "volume.pdf", out.getvalue())
    assert result.returncode == 1
    assert result.stderr == (f"错误：文件 volume.pdf：PDF 有 {MAX_PDF_PAGES + 1} 页（最多 {MAX_PDF_PAGES} 页），"
                             "不像是一期的周报，没有导入；合订本请拆成各期再导入\n")
