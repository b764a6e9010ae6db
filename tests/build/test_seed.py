"""The seed issue (2023年第20期) through the whole pipeline, read back from the PDF."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from tests import plumbed
from tests.helpers import SEED_ISSUE
from tests.textcheck import seed_in_order

A4 = (595.28, 841.89)


def test_seed_pdf_prints_every_line_of_the_seed_text_in_order(seed_pdf):
    result = seed_in_order(seed_pdf)
    assert result.ok, result
    assert result.found == result.total == 53


def test_every_page_is_a4(seed_pdf):
    reader = PdfReader(seed_pdf)
    assert len(reader.pages) >= 4
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=0.5)
        assert float(box.height) == pytest.approx(A4[1], abs=0.5)


def test_every_font_is_embedded_and_bundled(seed_pdf):
    out = subprocess.run(["pdffonts", str(seed_pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "pdffonts lists no font"
    for line in out:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert name.split("+")[-1].startswith(("Fandol", "Noto", "LXGW")), line


def _chars(pdf, page=0):
    with plumbed.open(pdf) as doc:
        return doc.pages[page].chars


def _font_of(chars, text, last=False):
    """The font names (subset tag stripped) of the first (or last) run of chars
    spelling ``text``."""
    s = "".join(c["text"] for c in chars)
    i = s.rfind(text) if last else s.find(text)
    assert i >= 0, f"{text!r} not on the page"
    return {c["fontname"].split("+")[-1] for c in chars[i:i + len(text)]}


def test_each_role_gets_its_font(seed_pdf):
    chars = _chars(seed_pdf)
    assert _font_of(chars, "科协每周动态") == {"FandolSong-Bold"}          # title / 小标宋
    assert _font_of(chars, "北京市科协办公室") == {"FandolFang-Regular"}     # body / 仿宋
    assert _font_of(chars, "目录提要") == {"FandolHei-Regular"}             # heading / 黑体
    assert _font_of(chars, "学会聚力赋能交流研讨活动在京举办") == {"FandolKai-Regular"}  # 楷体
    assert _font_of(chars, "【主题教育】") == {"FandolHei-Regular"}
    assert _font_of(chars, "市科协党组理论学习中心组开展主题教育学习研讨", last=True) \
        == {"FandolSong-Bold"}
    numbers = [c for c in chars if c["text"].isdigit() and c["top"] > 262 / 25.4 * 72]
    assert numbers and {c["fontname"].split("+")[-1] for c in numbers} == {"FandolSong-Regular"}


def test_masthead_title_and_rule_are_red(seed_pdf):
    with plumbed.open(seed_pdf) as doc:
        page = doc.pages[0]
        title = [c for c in page.chars if c["text"] in "科协每周动态" and c["size"] > 40]
        assert len(title) == 6
        assert all(tuple(c["non_stroking_color"]) == (1, 0, 0) for c in title)
        red_rules = [r for r in page.rects + page.lines
                     if tuple(r.get("non_stroking_color") or ()) == (1, 0, 0)
                     or tuple(r.get("stroking_color") or ()) == (1, 0, 0)]
        assert red_rules, "no red rule under the masthead"
        rule = max(red_rules, key=lambda r: r["x1"] - r["x0"])
        assert rule["x1"] - rule["x0"] == pytest.approx(156 / 25.4 * 72, abs=1)


def test_masthead_lines_are_printed(seed_pdf):
    text = PdfReader(seed_pdf).pages[0].extract_text()
    for piece in ("2023年\u3000第20期", "（总第73期）", "北京市科协办公室", "2023年7月7日"):
        assert piece in text


def test_metadata_comes_from_the_issue(seed_pdf):
    meta = PdfReader(seed_pdf).metadata
    assert meta.title == "科协每周动态 2023年第20期（总第73期）"
    assert meta.author == "北京市科协办公室"
    assert meta["/CreationDate"].startswith("D:20230707")
    assert "weekly-pdf" in meta["/Producer"]


def test_contents_entries_link_to_their_articles(seed_pdf):
    reader = PdfReader(seed_pdf)
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a
                or (a.get("/A") or {}).get("/S") == "/GoTo"]
    assert len(internal) == 5


@pytest.mark.slow
def test_the_same_issue_builds_byte_identical_pdfs(builder, tmp_path, seed_pdf):
    again = tmp_path / "again.pdf"
    builder.build(SEED_ISSUE, again)
    assert again.read_bytes() == seed_pdf.read_bytes()


def test_the_email_link_sits_on_the_email_text(seed_pdf):
    with plumbed.open(seed_pdf) as doc:
        page = doc.pages[-1]
        [link] = [a for a in page.annots if (a.get("uri") or "").startswith("mailto:")]
        assert link["uri"] == "mailto:skxxxbs@bast.net.cn"
        [word] = [w for w in page.extract_words() if "skxxxbs@bast.net.cn" in w["text"]]
        assert link["top"] <= (word["top"] + word["bottom"]) / 2 <= link["bottom"]
        assert link["x0"] <= word["x1"] and word["x0"] <= link["x1"]
