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


DPI_RANGE = "分辨率要在 20 到 600 之间（每英寸点数，整数；默认 100，看清细节用 200–300），这里是 {}"


@pytest.mark.parametrize("dpi", ["0", "-5", "1200", "19", "601", "abc", "2.5"])
def test_a_resolution_outside_20_to_600_is_a_usage_error(seed_pdf, tmp_path, dpi):
    out = tmp_path / "pictures"
    result = run_cli("preview", seed_pdf, "--dpi", dpi, "-o", out)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "weekly-pdf preview：错误：参数 --dpi：" + DPI_RANGE.format(dpi))
    assert not out.exists()


def test_the_library_refuses_a_resolution_outside_the_range_too(seed_pdf, tmp_path):
    from weekly_pdf.pdf.preview import DpiOutOfRange, render_preview
    with pytest.raises(DpiOutOfRange) as caught:
        render_preview(seed_pdf, tmp_path / "p", dpi=0)
    assert str(caught.value) == DPI_RANGE.format(0)


def _blank_pdf(path, pages: int):
    from pypdf import PdfWriter
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595.28, 841.89)  # A4
    writer.write(path)
    return path


def _peak_rss_mb(pdf, out, dpi: int) -> float:
    """The peak memory of a process that draws ``pdf``'s pages at ``dpi``."""
    import subprocess
    import sys
    code = ("import resource, sys\n"
            "from weekly_pdf.pdf.preview import render_preview\n"
            "render_preview(sys.argv[1], sys.argv[2], dpi=int(sys.argv[3]))\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", code, str(pdf), str(out), str(dpi)],
                          capture_output=True, text=True, check=True, timeout=300)
    return int(done.stdout.strip()) / 1024


@pytest.mark.slow
def test_pages_are_drawn_one_at_a_time_so_memory_does_not_grow_with_pages(tmp_path):
    """Six pages at 300 dpi need about what one page needs: a page at full size
    (2480 × 3508, 26 MB) is written and dropped before the next is drawn."""
    one = _peak_rss_mb(_blank_pdf(tmp_path / "one.pdf", 1), tmp_path / "p1", 300)
    six = _peak_rss_mb(_blank_pdf(tmp_path / "six.pdf", 6), tmp_path / "p6", 300)
    page_mb = 2480 * 3508 * 3 / 2**20
    assert six - one < page_mb, (one, six)
    assert len(list((tmp_path / "p6").glob("page-*.png"))) == 6
    with Image.open(tmp_path / "p6" / "page-06.png") as image:
        assert image.size == (2481, 3508)  # 595.28 × 841.89 pt at 300 dpi, rounded up


@pytest.mark.slow
def test_a_page_too_large_for_the_pixel_limit_is_drawn_at_a_lower_resolution(tmp_path):
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(595.28, 841.89)   # A4
    writer.add_blank_page(14400, 14400)     # 200 × 200 inches: 400 million pixels at 100 dpi
    writer.write(tmp_path / "poster.pdf")
    result = run_cli("preview", tmp_path / "poster.pdf", "-o", tmp_path / "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["  提示：第 2 页很大，按 30 dpi 画出（每页最多 3600 万像素）"]
    with Image.open(tmp_path / "p" / "page-02.png") as image:
        assert image.width * image.height <= 36_000_000
    with Image.open(tmp_path / "p" / "page-01.png") as image:
        assert image.width == round(210 / 25.4 * 100)  # the A4 page at the dpi asked for


def test_the_contact_sheet_of_a_long_pdf_shows_its_first_200_pages(tmp_path):
    pdf = _blank_pdf(tmp_path / "long.pdf", 203)
    result = run_cli("preview", pdf, "--dpi", "20", "-o", tmp_path / "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "  提示：总览图只含前 200 页"
    assert len(list((tmp_path / "p").glob("page-*.png"))) == 203
    with Image.open(tmp_path / "p" / "page-01.png") as page:
        thumb = round(240 * page.height / page.width)
    with Image.open(tmp_path / "p" / "contact-sheet.png") as sheet:
        assert sheet.size == (16 + 4 * (240 + 16), 16 + 50 * (thumb + 16))  # 50 rows of 4
