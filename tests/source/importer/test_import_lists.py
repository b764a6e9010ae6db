"""Lists imported.

Word: numbered (1. 1、 1．) and bulleted lists at a list's outer level are
``list:`` items without their numbers, a list that goes on after a paragraph
keeps its ``start``, and the contributor closing the last item is ``source``.
A nested level or a number the issue file's list does not print (①, A.,
（1）) stays paragraphs with the number as text, with a remark; 一、 lists stay
headings. Every document is made here with python-docx, the list definitions
written as Word writes them (tests/source/importer/wordparts.py).

Our own PDF: a list's items come back as paragraphs with their markers typed,
which print the same PDF.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml

from tests.helpers import ROOT, SEED_ISSUE, run_cli
from tests.issuegen import issue_dict, write_issue
from tests.source.importer.wordparts import add_list_definition, make_list_item
from weekly_pdf.source.importer import import_file
from weekly_pdf.source.importer.word import article_from_word
from weekly_pdf.source.importer.word_source import read_word
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import Heading, ItemList

DATA = Path(__file__).parent / "data"
TITLE = "市科协召开专题读书班推进会"
#: Word's own bullet (a Symbol-font character of the private use area).
WORD_BULLET = "\uf0b7"


def _paragraph(document, text: str, num_id: str | None = None, level: int = 0):
    paragraph = document.add_paragraph(text)
    if num_id is not None:
        make_list_item(paragraph, num_id, level)
    return paragraph


def _read(document, tmp_path: Path):
    """(article, problems, remarks) of ``document`` read as one submitted article."""
    path = tmp_path / "article.docx"
    document.save(path)
    items, remarks = read_word(path)
    article, problems = article_from_word(items, remarks)
    return article, problems, remarks


def submitted_article() -> docx.Document:
    """A submitted article with lists in python-docx's own list styles (List
    Number: decimal 1.; its numbering goes on after a paragraph) and in a
    bulleted list definition of Word's."""
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("\u3000\u30007月10日，市科协召开专题读书班推进会。会议提出四点要求：")
    for text in ("加强组织领导。", "突出学习重点，做到学思用贯通、知信行统一。", "注重成果转化。"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("\u3000\u3000会议还强调：")
    document.add_paragraph("严格考勤管理。", style="List Number")
    bullets = add_list_definition(document, [("bullet", WORD_BULLET)])
    _paragraph(document, "读书班第二期安排在7月下旬举办；", bullets)
    _paragraph(document, "学习心得于8月4日前报送。（市科协机关党委）", bullets)
    return document


EXPECTED_BODY = [
    "7月10日，市科协召开专题读书班推进会。会议提出四点要求：",
    {"list": ["加强组织领导。", "突出学习重点，做到学思用贯通、知信行统一。", "注重成果转化。"]},
    "会议还强调：",
    {"list": ["严格考勤管理。"], "start": 4},
    {"list": ["读书班第二期安排在7月下旬举办；", "学习心得于8月4日前报送。"], "marker": "bullet"},
]


def test_numbered_and_bulleted_lists_become_list_blocks(tmp_path):
    article, problems, remarks = _read(submitted_article(), tmp_path)
    assert article.body == [
        EXPECTED_BODY[0],
        ItemList(tuple(EXPECTED_BODY[1]["list"])),
        EXPECTED_BODY[2],
        ItemList(("严格考勤管理。",), "number", 4),
        ItemList(tuple(EXPECTED_BODY[4]["list"]), "bullet"),
    ]
    assert article.source == "市科协机关党委"
    assert (problems, remarks) == ([], [])


@pytest.mark.slow
def test_a_submitted_article_with_lists_is_added_as_list_blocks(issues_dir, tmp_path):
    folder = issues_dir / "2023"
    folder.mkdir()
    issue_file = folder / "2023-20.yaml"
    shutil.copy(SEED_ISSUE, issue_file)
    source = tmp_path / "稿件.docx"
    submitted_article().save(source)
    result = run_cli("import", source, "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"《{TITLE}》（2 段，3 个列表，供稿：市科协机关党委）" in result.stdout
    data = yaml.safe_load(issue_file.read_text(encoding="utf-8"))
    column = next(s for s in data["sections"] if s["column"] == "基层动态")
    assert column["articles"][-1] == {"title": TITLE, "body": EXPECTED_BODY,
                                      "source": "市科协机关党委"}
    article = load_issue(issue_file).sections[-1].articles[-1]
    assert article.body[-1].printed == ("●读书班第二期安排在7月下旬举办；", "●学习心得于8月4日前报送。")
    assert run_cli("check", issue_file).returncode == 0


def test_decimal_lists_numbered_1_with_a_pause_mark_print_as_1_dot(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    numbers = add_list_definition(document, [("decimal", "%1、")])
    for text in ("加强组织领导。", "突出学习重点。"):
        _paragraph(document, text, numbers)
    article, _, remarks = _read(document, tmp_path)
    assert article.body == [ItemList(("加强组织领导。", "突出学习重点。"))]
    assert remarks == []


def test_a_nested_level_stays_paragraphs_with_its_numbers_and_a_remark(tmp_path):
    """1. a / 1) 2) under it / 2. b: the outer items are lists (the second
    starting at 2), the inner ones paragraphs with their numbers; nested
    bullets are written ○."""
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    numbers = add_list_definition(document, [("decimal", "%1."), ("decimal", "%2)")])
    _paragraph(document, "加强组织领导。", numbers)
    _paragraph(document, "成立领导小组。", numbers, 1)
    _paragraph(document, "建立周调度机制。", numbers, 1)
    _paragraph(document, "突出学习重点。", numbers)
    bullets = add_list_definition(document, [("bullet", WORD_BULLET), ("bullet", "o")])
    _paragraph(document, "读书班安排；", bullets)
    _paragraph(document, "第二期在7月下旬。", bullets, 1)
    article, problems, remarks = _read(document, tmp_path)
    assert article.body == [ItemList(("加强组织领导。",)), "1)成立领导小组。", "2)建立周调度机制。",
                            ItemList(("突出学习重点。",), "number", 2),
                            ItemList(("读书班安排；",), "bullet"), "○第二期在7月下旬。"]
    assert remarks == [
        "第 3 段起有第 2 级列表项，期刊文件的列表只有一级：按正文段落导入，编号写在文字里（圆点写成○），请核对",
        "第 7 段起有第 2 级列表项，期刊文件的列表只有一级：按正文段落导入，编号写在文字里（圆点写成○），请核对"]


@pytest.mark.parametrize("fmt, pattern, shown, printed", [
    ("decimalEnclosedCircle", "%1", "①", ("①加强组织领导。", "②突出学习重点。")),
    ("upperLetter", "%1.", "A.", ("A.加强组织领导。", "B.突出学习重点。")),
    ("decimal", "（%1）", "（1）", ("（1）加强组织领导。", "（2）突出学习重点。")),
])
def test_an_unusual_number_stays_paragraphs_with_a_remark(tmp_path, fmt, pattern, shown, printed):
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("会议提出两点要求：")
    numbers = add_list_definition(document, [(fmt, pattern)])
    for text in ("加强组织领导。", "突出学习重点。"):
        _paragraph(document, text, numbers)
    article, _, remarks = _read(document, tmp_path)
    assert article.body == ["会议提出两点要求：", *printed]
    assert remarks == [f"第 3 段起的列表编号“{shown}”不是 1. 2. 3. 或圆点：按正文段落导入，编号写在文字里"]


def test_headings_numbered_by_a_list_stay_headings_without_a_remark(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    outline = add_list_definition(document, [("chineseCounting", "%1、"),
                                             ("chineseCounting", "（%2）")])
    _paragraph(document, "加强组织领导", outline)
    _paragraph(document, "完善工作机制", outline, 1)
    document.add_paragraph("各单位要成立领导小组。")
    article, _, remarks = _read(document, tmp_path)
    assert article.body == [Heading("一、加强组织领导", 1), Heading("（一）完善工作机制", 2),
                            "各单位要成立领导小组。"]
    assert remarks == []


def test_items_typed_with_their_own_bullet_stay_paragraphs(tmp_path):
    """The issue file refuses a list item opening with a marker: such a list
    is written as paragraphs, which print the same."""
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    bullets = add_list_definition(document, [("bullet", WORD_BULLET)])
    for text in ("●读书班安排；", "●联学活动。"):
        _paragraph(document, text, bullets)
    article, _, _ = _read(document, tmp_path)
    assert article.body == ["●读书班安排；", "●联学活动。"]


def test_an_article_of_a_list_alone_has_a_body(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    for text in ("加强组织领导。", "突出学习重点。（北京制冷学会）"):
        document.add_paragraph(text, style="List Number")
    article, problems, _ = _read(document, tmp_path)
    assert article.body == [ItemList(("加强组织领导。", "突出学习重点。"))]
    assert (article.source, problems) == ("北京制冷学会", [])


def _back_issue_with_lists(path: Path) -> Path:
    """The back issue made in Word (data/back-issue.docx) with a numbered list
    in the middle of its first article and a bulleted one closing its last,
    the contributor moved from the paragraph before to the last item."""
    document = docx.Document(str(DATA / "back-issue.docx"))
    paragraphs = document.paragraphs
    numbers = add_list_definition(document, [("decimal", "%1.")])
    for text in ("加强理论武装。", "推动成果转化。"):  # after the first article's second paragraph
        make_list_item(paragraphs[13].insert_paragraph_before(text), numbers)
    last = paragraphs[38]
    run = next(run for run in last.runs if "（东城区科协）" in run.text)
    run.text = run.text.replace("（东城区科协）", "")
    bullets = add_list_definition(document, [("bullet", WORD_BULLET)])
    for text in ("党员们重温入党誓词；", "观看专题片。（东城区科协）"):  # before the closing block
        make_list_item(paragraphs[39].insert_paragraph_before(text), bullets)
    document.save(path)
    return path


@pytest.mark.slow
def test_a_back_issue_made_in_word_keeps_its_lists(tmp_path):
    source = _back_issue_with_lists(tmp_path / "2023年第20期.docx")
    out = tmp_path / "issues" / "2023"
    result = run_cli("import", source, "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    issue_file = out / "2023-20.yaml"
    data = yaml.safe_load(issue_file.read_text(encoding="utf-8"))
    seed = load_issue(SEED_ISSUE)
    articles = [a for s in data["sections"] for a in s["articles"]]
    first = list(seed.sections[0].articles[0].paragraphs)
    assert articles[0]["body"] == [*first[:2], {"list": ["加强理论武装。", "推动成果转化。"]},
                                   *first[2:]]
    last = seed.sections[-1].articles[-1]
    assert articles[-1]["body"] == [
        *last.paragraphs,
        {"list": ["党员们重温入党誓词；", "观看专题片。"], "marker": "bullet"}]
    assert articles[-1]["source"] == "东城区科协"
    assert run_cli("check", issue_file).returncode == 0


def _printed(article) -> tuple[str, ...]:
    """An article's paragraphs as printed: a list's items with their markers."""
    out: list[str] = []
    for item in article.body:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, ItemList):
            out += item.printed
    return tuple(out)


@pytest.mark.slow
def test_our_pdf_with_lists_imports_back_as_paragraphs_that_print_the_same(builder, tmp_path):
    """A generated issue whose first articles hold a numbered list and end in
    a bulleted one, built and imported: every item is a paragraph opening
    with its marker, the contributor after the last item is ``source`` again,
    and the imported file builds the same PDF, byte for byte."""
    root = tmp_path / "issues"
    root.mkdir()
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
    data = issue_dict(11, number=7, articles=5)
    for section in data["sections"]:
        article = section["articles"][0]
        paragraphs = article["body"].strip().split("\n\n")
        article["body"] = [paragraphs[0],
                           {"list": ["加强组织领导，压实工作责任，确保读书班各项安排落到实处。",
                                     "突出学习重点。"]},
                           *paragraphs[1:],
                           {"list": ["读书班第二期安排在7月下旬举办。", "学习心得于8月4日前报送。"],
                            "marker": "bullet"}]
        article["source"] = "北京制冷学会"
    issue_file = write_issue(root, data)
    pdf = tmp_path / "lists.pdf"
    builder.build(issue_file, pdf)
    result = import_file(pdf, tmp_path / "back")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    original, imported = load_issue(issue_file), load_issue(result.output)
    for s, section in enumerate(original.sections):
        for a, article in enumerate(section.articles):
            back = imported.sections[s].articles[a]
            assert (back.paragraphs, back.source) == (_printed(article), article.source)
    assert "●学习心得于8月4日前报送。" in imported.sections[0].articles[0].paragraphs
    again = tmp_path / "again.pdf"
    builder.build(result.output, again)
    assert again.read_bytes() == pdf.read_bytes()
