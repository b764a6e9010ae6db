"""Lists in the PDF: numbered and bulleted items built and read back with
pdfplumber.

Each item is printed as a body paragraph opening with its marker (1. 2. 3.,
or ●): first line at the paragraph indent, the lines after it at the left
edge, every full line flush with both edges, every line on the body grid.
The contributor follows the last item. After a picture that does not fit,
items fill the page like paragraphs (an item cut at the page foot goes on
unindented under the picture). A list prints byte for byte as the same items
written as paragraphs with their markers typed.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from tests import plumbed
from tests.helpers import ROOT
from tests.issuegen import write_issue
from tests.render import pdfmeasure as m
from tests.built_once import build_once

PITCH = 28.99

INTRO = ("7月10日，市科协召开专题读书班推进会，总结前一阶段学习成果，部署下一阶段工作。"
         "会议提出四点要求：")
NUMBERED = (
    "加强组织领导。各单位主要负责同志要亲自抓、负总责，把读书班作为主题教育的重要内容，"
    "精心组织，周密安排，确保学习时间、学习内容、学习人员、学习效果“四落实”。",
    "突出学习重点，原原本本学习党的二十大报告和党章，做到学思用贯通、知信行统一。",
    "注重成果转化。",
    "严格考勤管理，学员因故不能参加学习的，须履行请假手续（书面），并于一周内补学。",
)
BETWEEN = "会议还通报了以下事项："
BULLETED = ("读书班第二期安排在7月下旬举办；", "联学共建活动由各党支部分别组织，形式可以多样；",
            "学习心得于8月4日前报市科协机关党委。")
GOING_ON = ("下一阶段的工作另行通知。", "请各单位及时报送工作动态。")
SOURCE = "市科协机关党委"


def _issue(body: list, number: int, title: str = "市科协召开专题读书班推进会") -> dict:
    return {
        "publication": "科协每周动态", "publisher": "北京市科协办公室",
        "year": 2023, "number": number, "total": 53 + number, "date": datetime.date(2023, 7, number),
        "sections": [{"column": "主题教育", "articles": [
            {"title": title, "body": body, "source": SOURCE}]}],
        "footer": {"editor": "张红波", "reviewer": "李金涛", "distribution": ["市科协驻会领导"]},
    }


def list_issue() -> dict:
    return _issue([INTRO, {"list": list(NUMBERED)}, BETWEEN,
                   {"list": list(BULLETED), "marker": "bullet"},
                   {"list": list(GOING_ON), "start": 5}], 10)


#: The paragraphs the list issue prints, in order, markers and contributor included.
PRINTED = [INTRO, *(f"{n}.{text}" for n, text in enumerate(NUMBERED, 1)), BETWEEN,
           *(f"●{text}" for text in BULLETED), "5." + GOING_ON[0],
           f"6.{GOING_ON[1]}（{SOURCE}）"]

#: Long items after a tall picture: on this page the picture does not fit,
#: so items fill the page and the last one there is cut at its foot (the
#: paragraphs before it leave six lines: item 1's four and two of item 2's).
FILLER = ("会议强调，要深入学习贯彻习近平新时代中国特色社会主义思想，把主题教育同推动科协事业"
          "高质量发展结合起来，切实把学习成果转化为工作成效。")
SHORT = "会议由市科协党组书记主持。"
LONG_ITEM = ("项工作要求要落实到位，各单位要结合实际制定具体措施，明确责任分工和时间节点，确保各项"
             "任务按期完成，并及时报送工作进展情况和取得的成效，市科协将适时开展督促检查，对工作"
             "突出的单位予以通报表扬。")


def picture_issue(folder: Path) -> dict:
    from PIL import Image

    (folder / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 900), (90, 140, 200)).save(folder / "images" / "hall.jpg")
    return _issue([*([FILLER] * 8), SHORT, {"image": "images/hall.jpg"},
                   {"list": [f"第{k}{LONG_ITEM}" for k in range(1, 5)]}], 11)


def _root(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name)
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
    return root


@pytest.fixture(scope="module")
def list_pdf(builder, tmp_path_factory) -> Path:
    root = _root(tmp_path_factory, "lists")
    build_once(builder, tmp_path_factory, write_issue(root, list_issue()), root / "lists.pdf")
    return root / "lists.pdf"


@pytest.fixture(scope="module")
def pages(list_pdf):
    return m.read(list_pdf)


def test_every_item_is_a_paragraph_opening_with_its_marker(pages):
    """Read back paragraph by paragraph (a paragraph starts at an indented
    line): the items in order, 1. 2. 3. 4., ●, then 5. 6. (start: 5), the
    contributor after the last item."""
    texts = ["".join(line.text for line in paragraph) for paragraph in m.paragraphs(pages)]
    assert texts == PRINTED


def test_items_sit_on_the_body_grid(pages):
    """Every body line a whole number of pitches below the first body line
    (on page 1) or the top of the type area (a 16 pt line's glyph tops are
    6.5 pt into it)."""
    lines = m.body_lines(pages)
    assert len(lines) >= len(PRINTED) + 4
    for line in lines:
        reference = lines[0].top if line.page == 1 else m.TOP + 6.5
        steps = (line.top - reference) / PITCH
        assert steps == pytest.approx(round(steps), abs=0.01), line.text


def test_first_lines_are_indented_and_full_lines_flush_with_both_edges(pages):
    """GB/T 9704's numbered items: the first line at the two-字 indent, the
    lines after it at the left edge; every line but an item's last justified
    to the right edge, as a paragraph's are."""
    full = [(line, first) for line, first in m.full_lines(pages)]
    assert sum(1 for line, first in full if not first) >= 1  # an item of three lines
    assert sum(1 for line, first in full if line.text[:2] in ("1.", "4.")) == 2
    for line, first in full:
        left, right = m.set_edges(line)
        assert left == pytest.approx(m.LEFT + (m.INDENT if first else 0), abs=0.1), line.text
        assert right == pytest.approx(m.RIGHT, abs=0.1), line.text


def test_markers_are_set_in_the_body_font(list_pdf):
    """The digits, the full stop and the bullet ● come from the body font
    (FandolFang, which has ● full width): no fallback font draws them."""
    with plumbed.open(str(list_pdf)) as pdf:
        chars = [char for page in pdf.pages for char in page.chars]
    markers = [char for char in chars if char["text"] in "●." and round(char["size"]) == 16]
    assert [char["text"] for char in markers].count("●") == len(BULLETED)
    assert {char["fontname"].split("+", 1)[-1] for char in markers} == {"FandolFang-Regular"}


@pytest.fixture(scope="module")
def picture_pdf(builder, tmp_path_factory) -> tuple[Path, Path]:
    root = _root(tmp_path_factory, "list-picture")
    issue = write_issue(root, picture_issue(root / "2023"))
    build_once(builder, tmp_path_factory, issue, root / "picture.pdf")
    return issue, root / "picture.pdf"


@pytest.mark.slow
def test_items_fill_the_page_a_picture_does_not_fit_on(picture_pdf):
    """The picture goes to the top of the next page; the items after it fill
    the page before (no more than one line left blank), the item cut at its
    foot goes on at the left edge under the picture and the next item starts
    indented."""
    _, pdf = picture_pdf
    with plumbed.open(str(pdf)) as doc:
        (page, image), = [(p.page_number, i) for p in doc.pages for i in p.images]
    assert image["top"] == pytest.approx(m.TOP + 3, abs=0.5)  # its frame's pad above it
    pages = m.read(pdf)
    lines = m.body_lines(pages)
    before = [line for line in lines if line.page == page - 1]
    assert before[-1].bottom > m.BOTTOM - PITCH  # the page is full
    starts = [line.text[:2] for line in before if abs(line.x0 - m.LEFT - m.INDENT) < 0.1]
    assert starts[-2:] == ["1.", "2."] and abs(before[-1].x0 - m.LEFT) < 0.1
    under = [line for line in lines if line.page == page and line.top > image["bottom"]]
    assert abs(under[0].x0 - m.LEFT) < 0.1  # item 2 goes on under the picture, unindented
    starts = [line.text[:2] for line in under if abs(line.x0 - m.LEFT - m.INDENT) < 0.1]
    assert starts == ["3.", "4."]
    texts = ["".join(line.text for line in paragraph) for paragraph in m.paragraphs(pages)]
    items = [f"{k}.第{k}{LONG_ITEM}" for k in range(1, 5)]
    items[-1] += f"（{SOURCE}）"
    assert texts == [FILLER] * 8 + [SHORT] + items


@pytest.mark.slow
def test_a_list_prints_exactly_as_paragraphs_with_typed_markers(builder, picture_pdf,
                                                               tmp_path_factory):
    """The same issue with every item written as a paragraph, its marker
    typed (as an imported PDF gives it back), is the same PDF, byte for byte."""
    _, pdf = picture_pdf
    root = _root(tmp_path_factory, "list-as-paragraphs")
    data = picture_issue(root / "2023")
    data["sections"][0]["articles"][0]["body"][-1:] = [
        f"{k}.第{k}{LONG_ITEM}" for k in range(1, 5)]
    build_once(builder, tmp_path_factory, write_issue(root, data), root / "paragraphs.pdf")
    assert (root / "paragraphs.pdf").read_bytes() == pdf.read_bytes()
