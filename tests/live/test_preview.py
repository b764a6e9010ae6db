"""weekly-pdf preview: one PNG per page of the PDF, A4-shaped, and a contact sheet."""

from __future__ import annotations

from PIL import Image
import pytest
from pypdf import PdfReader

from tests.helpers import copy_project, run_cli

A4 = 297 / 210


def test_preview_of_a_pdf_draws_every_page_a4_and_a_contact_sheet(seed_pdf, tmp_path):
    out = tmp_path / "pictures"
    result = run_cli("preview", seed_pdf, "-o", out)
    assert result.returncode == 0, result.stderr
    pages = len(PdfReader(seed_pdf).pages)
    pictures = sorted(out.glob("page-*.png"))
    assert [p.name for p in pictures] == [f"page-{n:02d}.png" for n in range(1, pages + 1)]
    for picture in pictures:
        with Image.open(picture) as image:
            width, height = image.size
            assert abs(height / width - A4) < 0.01
            assert width == round(210 / 25.4 * 100)  # 100 dpi by default
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.width > sheet.height  # 8 pages: two rows of four
    assert f"已画出 {pages} 页" in result.stdout


def test_preview_pictures_show_the_red_masthead(seed_pdf, tmp_path):
    """Drawn from the PDF itself: page 1 has the red masthead near its top."""
    out = tmp_path / "pictures"
    assert run_cli("preview", seed_pdf, "-o", out).returncode == 0
    with Image.open(out / "page-01.png") as image:
        image = image.convert("RGB")
        top = image.crop((0, 0, image.width, image.height // 4))
        red = sum(1 for r, g, b in top.get_flattened_data() if r > 180 and g < 80 and b < 80)
        bottom = image.crop((0, image.height * 3 // 4, image.width, image.height))
        red_below = sum(1 for r, g, b in bottom.get_flattened_data() if r > 180 and g < 80 and b < 80)
    assert red > 1000 and red > 10 * red_below


@pytest.mark.slow
def test_preview_of_an_issue_builds_it_first(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_cli("preview", "issues/2023/2023-20.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    pdf = root / "out" / "2023" / "2023-20.pdf"
    folder = root / "out" / "2023" / "2023-20-preview"
    assert len(list(folder.glob("page-*.png"))) == len(PdfReader(pdf).pages)
    assert (folder / "contact-sheet.png").is_file()


def test_preview_of_a_missing_or_broken_file_is_an_input_error(tmp_path):
    result = run_cli("preview", tmp_path / "none.pdf")
    assert result.returncode == 1 and "找不到文件" in result.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really")
    result = run_cli("preview", broken)
    assert result.returncode == 1 and "无法打开 PDF 文件" in result.stderr
    assert "Traceback" not in result.stderr
