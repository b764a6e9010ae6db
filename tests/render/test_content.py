"""A demanding issue (rare characters, Latin, URLs, markup-like text, long
pieces) builds and every piece of its text is in the PDF, in order."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.helpers import run_cli
from tests.issuegen import issue_dict, write_issue
from tests.textcheck import issue_in_order

#: Builds a long generated issue through the command.
pytestmark = pytest.mark.slow

LONG_TITLE = "关于进一步加强首都科技社团党建工作推动学会治理体系和治理能力现代化建设的实施意见解读"


@pytest.fixture(scope="module")
def demanding(tmp_path_factory):
    folder = tmp_path_factory.mktemp("issues")
    data = issue_dict(7, number=21)
    first = data["sections"][0]["articles"][0]
    first["title"] = "<b>x</b> & y 喆堃玥"
    first["toc"] = "<i>目录</i> & 简写"
    first["body"] = ("王喆、李堃、张玥和㐀先生参加 IEEE 2023 年会，详见 https://www.bast.net.cn/a?b=1&c=2 。\n\n"
                     "数据显示增长 12.5%，达到 3,000 人次；<script>alert(1)</script> 不会执行。\n")
    second = data["sections"][0]["articles"][1]
    second["title"] = LONG_TITLE
    second["body"] = "\n\n".join(["北京市科协" * 40 + "。"] * 8) + "\n"
    data["footer"]["distribution"] = [f"第{i}区科协、学会、基金会及有关单位" for i in range(1, 13)]
    path = write_issue(folder, data)
    out = folder / "out.pdf"
    result = run_cli("build", path, "-o", out)
    return path, out, result


def test_it_builds_and_names_the_characters_drawn_by_a_fallback_font(demanding):
    _, out, result = demanding
    assert result.returncode == 0, result.stderr
    assert out.exists()
    for char in "喆堃玥㐀":
        assert f"“{char}”" in result.stdout
    assert "NotoSerifCJKsc" in result.stdout


def test_every_piece_of_text_is_in_the_pdf_in_order(demanding):
    path, out, _ = demanding
    result = issue_in_order(out, path)
    assert result.ok, result


def test_markup_like_text_is_printed_literally(demanding):
    _, out, _ = demanding
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "<b>x</b> & y" in text
    assert "<i>目录</i> & 简写" in text
    assert "<script>alert(1)</script>" in text


def test_a_long_article_crosses_pages(demanding):
    _, out, _ = demanding
    assert len(PdfReader(out).pages) >= 3


def test_fallback_fonts_are_embedded_for_rare_characters(demanding):
    _, out, _ = demanding
    reader = PdfReader(out)
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert any(name.startswith("NotoSerifCJKsc-Bold") for name in names)      # title
    assert any(name.startswith("NotoSerifCJKsc-Regular") for name in names)   # body
