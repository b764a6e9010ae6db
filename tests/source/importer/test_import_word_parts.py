"""Word articles as contributors write them: text boxes, footnotes and
superscripts, pictures sized in the document. Each document is made here
with python-docx and the XML Word writes (tests/source/importer/wordparts.py)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from tests.helpers import SEED_ISSUE, run_cli
from tests.source.importer.wordparts import (add_footnote_reference, add_footnotes, add_superscript,
                                      add_text_box)
from weekly_pdf.source.importer.word import article_from_word
from weekly_pdf.source.importer.word_source import read_word
from weekly_pdf.source.load import load_issue

TITLE = "市科协学会党委召开学会工作会"
SOURCE = "市科协学会党委"


@pytest.fixture
def issue_file(issues_dir) -> Path:
    folder = issues_dir / "2023"
    folder.mkdir()
    shutil.copy(SEED_ISSUE, folder / "2023-20.yaml")
    return folder / "2023-20.yaml"


def read_article(document, tmp_path):
    """(article, problems, notes) of ``document`` saved and read back."""
    path = tmp_path / "稿件.docx"
    document.save(path)
    items, notes = read_word(path)
    article, problems = article_from_word(items, notes)
    return article, problems, notes


def new_document(*paragraphs: str):
    document = Document()
    document.add_paragraph(TITLE, style="Title")
    for text in paragraphs:
        document.add_paragraph("\u3000\u3000" + text)
    return document


# --- text boxes -------------------------------------------------------------------

@pytest.mark.parametrize("vml_only", [False, True], ids=["word-2010", "vml"])
def test_a_text_box_is_imported_after_the_paragraph_it_is_anchored_in(vml_only, tmp_path):
    document = new_document("7月5日，学会召开工作会。")
    anchor = document.add_paragraph("\u3000\u3000会议部署了下半年工作。")
    add_text_box(anchor, ["专栏：学会党建“五个一”工作法。", "一是建强组织。"], vml_only=vml_only)
    document.add_paragraph("\u3000\u3000会议要求抓好落实。")
    document.add_paragraph(f"（{SOURCE}）")
    article, problems, notes = read_article(document, tmp_path)
    assert article.body == ["7月5日，学会召开工作会。", "会议部署了下半年工作。",
                            "专栏：学会党建“五个一”工作法。", "一是建强组织。", "会议要求抓好落实。"]
    assert article.source == SOURCE and problems == []
    assert notes == ["第 3 段旁的文本框里的文字（专栏：学会党建“五个一”工作法。一是建强…）"
                     "已接在这一段后面导入，请核对位置"]


def test_the_command_says_where_text_box_text_went(issue_file, tmp_path):
    document = new_document("7月5日，学会召开工作会。")
    add_text_box(document.paragraphs[-1], ["文本框里的说明。"])
    document.add_paragraph(f"（{SOURCE}）")
    document.save(tmp_path / "稿件.docx")
    result = run_cli("import", tmp_path / "稿件.docx", "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "文本框里的文字（文本框里的说明。）已接在这一段后面导入" in result.stdout
    assert load_issue(issue_file).sections[-1].articles[-1].paragraphs == \
        ("7月5日，学会召开工作会。", "文本框里的说明。")


# --- footnotes and superscripts ----------------------------------------------------

def footnoted(reference) -> Document:
    """An article whose first paragraph refers to a note with ``reference``
    (a function adding the mark to a paragraph), its contributor line, and
    the note text, the way it comes (a Word footnote or typed)."""
    document = new_document()
    p = document.add_paragraph("\u3000\u30007月5日，学会党委部署党建工作")
    reference(p)
    p.add_run("，实现全覆盖。")
    document.add_paragraph("\u3000\u3000会议要求抓好落实。")
    return document


def test_a_word_footnote_follows_the_contributor_and_keeps_its_superscript(tmp_path):
    document = footnoted(lambda p: add_footnote_reference(p, 1))
    document.add_paragraph(f"（{SOURCE}）")
    add_footnotes(document, ["党建工作覆盖：指学会党组织应建尽建。"])
    article, problems, notes = read_article(document, tmp_path)
    assert article.body == ["7月5日，学会党委部署党建工作¹，实现全覆盖。",
                            f"会议要求抓好落实。（{SOURCE}）",
                            "¹党建工作覆盖：指学会党组织应建尽建。"]
    assert article.source is None and problems == []
    assert "文章有脚注：供稿单位写在正文最后一段末尾（不写 source），脚注排在它后面" in notes


@pytest.mark.parametrize("order", ["note then contributor", "contributor then note"])
def test_a_typed_note_after_a_superscript_mark_is_a_footnote(order, tmp_path):
    """The held-out case: ① typed as a superscript, the note typed as the
    last paragraph next to the contributor line."""
    document = footnoted(lambda p: add_superscript(p, "①"))
    lines = ["①党建工作覆盖：指学会党组织应建尽建。", f"（{SOURCE}）"]
    for text in lines if order == "note then contributor" else lines[::-1]:
        document.add_paragraph(text)
    article, problems, _ = read_article(document, tmp_path)
    assert article.body == ["7月5日，学会党委部署党建工作¹，实现全覆盖。",
                            f"会议要求抓好落实。（{SOURCE}）",
                            "¹党建工作覆盖：指学会党组织应建尽建。"]
    assert problems == []


def test_five_notes_are_marked_with_circled_numbers(tmp_path):
    """Only ¹–⁴ print in every body font: an article with more notes marks
    them all ①②③…, so that its marks look alike."""
    document = new_document()
    p = document.add_paragraph("\u3000\u3000学会开展五项工作")
    for n in range(1, 6):
        add_footnote_reference(p, n)
        p.add_run("，")
    p.add_run("取得实效。")
    document.add_paragraph(f"（{SOURCE}）")
    add_footnotes(document, [f"第{n}项工作。" for n in range(1, 6)])
    article, _, _ = read_article(document, tmp_path)
    assert article.body == [f"学会开展五项工作①，②，③，④，⑤，取得实效。（{SOURCE}）",
                            "①第1项工作。", "②第2项工作。", "③第3项工作。", "④第4项工作。",
                            "⑤第5项工作。"]


def test_superscripts_that_print_are_kept_and_others_are_named(tmp_path):
    document = new_document()
    p = document.add_paragraph("\u3000\u3000新建展厅1200m")
    add_superscript(p, "2")
    p.add_run("，容积10")
    add_superscript(p, "4")
    p.add_run("m")
    add_superscript(p, "3")
    p.add_run("，检测CO")
    add_superscript(p, "2", "subscript")
    p.add_run("浓度，第21")
    add_superscript(p, "st")
    p.add_run("届。")
    document.add_paragraph(f"（{SOURCE}）")
    article, _, notes = read_article(document, tmp_path)
    assert article.body == ["新建展厅1200m²，容积10⁴m³，检测CO2浓度，第21st届。"]
    assert notes == ["第 2 段的下标“2”按普通文字导入（期刊文件不能排下标）",
                     "第 2 段的上标“st”按普通文字导入（期刊文件不能排上标）"]


def test_a_numbered_list_at_the_end_is_no_footnote(tmp_path):
    document = new_document("会议提出三点要求：")
    for text in ("①加强组织领导。", "②完善工作机制。", f"（{SOURCE}）"):
        document.add_paragraph(text)
    article, _, _ = read_article(document, tmp_path)
    assert article.body == ["会议提出三点要求：", "①加强组织领导。", "②完善工作机制。"]
    assert article.source == SOURCE


# --- pictures ---------------------------------------------------------------------

def png(size=(400, 300)) -> io.BytesIO:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "PNG")
    out.seek(0)
    return out


@pytest.mark.parametrize("width_cm, share", [(12, 0.769), (3, 0.192), (20, 1.0)])
def test_a_pictures_width_in_word_is_its_share_of_the_type_area(width_cm, share, tmp_path):
    """12 cm of the 15.6 cm type area is 0.769 of it; wider than the type
    area is capped at all of it."""
    document = new_document("7月5日，学会召开工作会。")
    document.add_paragraph().add_run().add_picture(png(), width=Cm(width_cm))
    document.add_paragraph(f"（{SOURCE}）")
    from weekly_pdf.source.importer import type_width
    from weekly_pdf.source.importer.records import Picture, size_pictures
    article, _, _ = read_article(document, tmp_path)
    size_pictures([article], type_width(tmp_path))
    (picture,) = [item for item in article.body if isinstance(item, Picture)]
    assert picture.width == share


@pytest.mark.slow
def test_footnotes_and_a_sized_picture_print_as_in_word(issue_file, tmp_path):
    """Built: the picture is 12 cm wide on the page, the contributor ends the
    last paragraph, the note with its superscript mark comes after it."""
    from tests import plumbed
    document = footnoted(lambda p: add_footnote_reference(p, 1))
    document.add_paragraph().add_run().add_picture(png((800, 300)), width=Cm(12))
    document.add_paragraph(f"（{SOURCE}）")
    add_footnotes(document, ["党建工作覆盖：指学会党组织应建尽建。"])
    document.save(tmp_path / "稿件.docx")
    result = run_cli("import", tmp_path / "稿件.docx", "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = tmp_path / "out.pdf"
    built = run_cli("build", issue_file, "-o", pdf)
    assert built.returncode == 0, built.stdout + built.stderr
    with plumbed.open(pdf) as document_pdf:
        text = "".join((page.extract_text() or "").replace("\n", "") for page in document_pdf.pages)
        widths = [image["x1"] - image["x0"] for page in document_pdf.pages for image in page.images]
    assert [round(w / 72 * 2.54, 1) for w in widths] == [12.0]
    assert "部署党建工作¹，实现全覆盖。" in text
    assert text.index(f"（{SOURCE}）") < text.index("¹党建工作覆盖")


def test_a_back_issue_keeps_each_footnote_with_its_article(tmp_path):
    from weekly_pdf.source.importer import parse_source
    document = Document()
    for text in ("科协每周动态", "2023年第20期", "（总第73期）", "北京市科协办公室\u3000\u30002023年7月7日",
                 "【学会动态】"):
        document.add_paragraph(text)
    document.add_paragraph("学会党委召开工作会", style="Title")
    p = document.add_paragraph("\u3000\u30007月5日，学会党委部署党建工作")
    add_footnote_reference(p, 1)
    p.add_run("，实现全覆盖。")
    document.add_paragraph(f"（{SOURCE}）")
    document.add_paragraph("市科协召开读书班", style="Title")
    document.add_paragraph("\u3000\u30007月6日，市科协召开读书班。（机关党委）")
    for text in ("信息报送邮箱：skxxxbs@bast.net.cn", "编辑：张红波\u3000\u3000审核：李金涛",
                 "分送：市科协驻会领导"):
        document.add_paragraph(text)
    add_footnotes(document, ["党建工作覆盖：指学会党组织应建尽建。"])
    document.save(tmp_path / "往期.docx")
    parsed, _ = parse_source(tmp_path / "往期.docx")
    (section,) = parsed.fields["sections"]
    assert [(a.title, a.body, a.source) for a in section.articles] == [
        ("学会党委召开工作会", [f"7月5日，学会党委部署党建工作¹，实现全覆盖。（{SOURCE}）",
                                "¹党建工作覆盖：指学会党组织应建尽建。"], None),
        ("市科协召开读书班", ["7月6日，市科协召开读书班。"], "机关党委")]
    assert not parsed.leftovers and not parsed.problems
