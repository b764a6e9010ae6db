"""Where pictures and tables go, and how tables are set (issue 17, items 7–9).

Generated issues (tests/pdf/placegen.py: pictures tall, wide, square,
small and a phone photo's; tables of 2 to 40 rows and 2 to 10 columns with
long and short cells) are built and measured with pdfplumber:

* no page but the last, and one before a page that starts a column, is more
  than 15 % blank at its foot (a picture or a short table that does not fit
  is shrunk, or the text after it fills the page);
* a picture the issue gives no size is at most half the type area tall; one
  it gives a size may be taller;
* a paragraph cut by a picture set into it goes on unindented, in order;
* table lines are 1.5 × the table's text apart; headers and short words
  (序号, 学会名称, 经费（万元）, 2023年7月12日) never break inside; web
  addresses break only after / or before .;
* a table of at most 6 rows never splits; a longer one leaves at least 2
  rows on each side, under its repeated header; the text after a table is on
  the body grid again; pages with tables are at most 30 % blank, and at most
  two pages of the table issues more than 15 %.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from tests import plumbed
from tests.pdf.placegen import WHOLE_WORDS, cell, picture, picture_issue, table_issue
from tests.helpers import ROOT
from tests.issuegen import paragraph, write_issue
from tests.render import pdfmeasure as m
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import Image, Table
from tests.built_once import build_many, build_once

PITCH = 28.99
PAD = 3.0
#: A picture's frame at most half the type area: 11 of its 22 lines.
HALF = 11 * PITCH - 2 * PAD

PICTURE_SEEDS = range(1, 11)
TABLE_SEEDS = (1,)


def _root(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name)
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
    return root


@pytest.fixture(scope="module")
def picture_pdfs(builder, tmp_path_factory):
    """(issue file, PDF) of each generated issue with pictures."""
    out = []
    for seed in PICTURE_SEEDS:
        root = _root(tmp_path_factory, f"pictures{seed}")
        issue = write_issue(root, picture_issue(root / "2023", seed, number=seed + 1))
        out.append((issue, root / "out.pdf"))
    build_many(builder, tmp_path_factory, out)
    return out


@pytest.fixture(scope="module")
def table_pdfs(builder, tmp_path_factory):
    out = []
    for seed in TABLE_SEEDS:
        root = _root(tmp_path_factory, f"tables{seed}")
        issue = write_issue(root, table_issue(seed, number=seed + 1))
        out.append((issue, root / "out.pdf"))
    build_many(builder, tmp_path_factory, out)
    return out


# --- pictures --------------------------------------------------------------------------------


def test_no_page_with_pictures_is_left_partly_blank(picture_pdfs):
    """A picture that does not fit where it falls is shrunk, or the text
    after it fills the page: no page is more than 15 % blank at its foot
    (but the last and one before a column heading that starts a page)."""
    blank = {issue.name: m.too_blank_pages(pdf) for issue, pdf in picture_pdfs}
    assert all(pages == [] for pages in blank.values()), blank
    # the issues are long enough for this to mean something
    assert sum(len(m.blank_share(pdf)) for _, pdf in picture_pdfs) >= 60


def _pictures(pdf: Path) -> list[dict]:
    with plumbed.open(str(pdf)) as doc:
        return [dict(image, page=page.page_number) for page in doc.pages for image in page.images]


def test_a_picture_without_a_size_is_at_most_half_a_page(picture_pdfs):
    """The frame of a picture the issue gives no size is at most 11 of the
    22 lines (its caption under it); the tall, square and phone-photo
    shapes reach that limit again and again."""
    limited = 0
    for issue_file, pdf in picture_pdfs:
        issue = load_issue(issue_file)
        asked = [item for s in issue.sections for a in s.articles for item in a.body
                 if isinstance(item, Image)]
        heights = [d["height"] for d in _pictures(pdf)]
        assert len(heights) == len(asked)
        assert max(heights) <= 19 * PITCH - 2 * PAD + 0.5
        if all(item.width is None and item.height is None for item in asked):
            assert max(heights) <= HALF + 0.5, issue_file
        limited += sum(abs(h - HALF) < 0.5 for h in heights)
    assert limited >= 5


def _picture_issue_text(image: str, extra: str = "", before: int = 1) -> str:
    body = "".join(f"          - {p}\n" for p in [f"第{i}段。" + "会议围绕创新驱动发展战略推进首都科技工作者服务平台建设。" * 3
                                               for i in range(before)])
    return f"""\
publication: 科协每周动态
publisher: 北京市科协办公室
year: 2023
number: 21
total: 74
date: 2023-07-14
footer: {{editor: 张红波, reviewer: 李金涛, distribution: [市科协驻会领导]}}
sections:
  - column: 主题教育
    articles:
      - title: 测试文章
        body:
{body}          - image: {image}
{extra}          - 会后，各单位分组开展了讨论。
"""


@pytest.mark.parametrize("extra, limit", [("", HALF), ("            width: 1.0\n", 19 * PITCH - 2 * PAD),
                                          ("            height: 0.6\n", 0.6 * 22 * PITCH)])
def test_a_tall_picture_is_half_a_page_unless_the_issue_asks_for_more(builder, tmp_path, extra,
                                                                      limit):
    folder = tmp_path / "2023"
    picture(folder, "tall.png", (600, 1400), random.Random(1))
    issue = folder / "2023-21.yaml"
    issue.write_text(_picture_issue_text("images/tall.png", extra), encoding="utf-8")
    builder.build(issue, tmp_path / "out.pdf")
    (drawn,) = _pictures(tmp_path / "out.pdf")
    assert drawn["height"] == pytest.approx(limit, abs=0.6)
    assert drawn["width"] == pytest.approx(drawn["height"] * 600 / 1400, abs=0.6)


def test_a_picture_that_does_not_fit_is_shrunk_or_followed_by_the_text(builder, tmp_path):
    """Paragraphs fill page 1 but for a few lines, then a half-page picture,
    then more text: page 1 is not left blank: either the picture is smaller
    than half a page and on page 1, or it starts page 2 with the text that
    followed it before it on page 1."""
    folder = tmp_path / "2023"
    picture(folder, "photo.png", (1200, 900), random.Random(2))
    issue = folder / "2023-21.yaml"
    text = _picture_issue_text("images/photo.png", before=5)
    text += "".join(f"          - 第{i}段续。" + "与会同志围绕学习内容进行了深入交流，一致认为读书班安排紧凑。" * 4 + "\n"
                    for i in range(4))
    issue.write_text(text, encoding="utf-8")
    builder.build(issue, tmp_path / "out.pdf")
    assert m.too_blank_pages(tmp_path / "out.pdf") == []
    (drawn,) = _pictures(tmp_path / "out.pdf")
    pages = m.read(tmp_path / "out.pdf")
    if drawn["page"] == 2 and drawn["top"] < m.TOP + PAD + 1:
        # the text after it in the file came first, filling page 1
        assert any(line.text.startswith("会后") or "第0段续" in line.text
                   for line in pages[0].lines)
    else:
        assert drawn["height"] < HALF - 1


def test_a_paragraph_cut_by_a_picture_goes_on_unindented_and_in_order(picture_pdfs):
    """Body lines (16 pt 仿宋) read in order give back every paragraph whole,
    and only a paragraph's first line is indented: where a picture was set
    into a paragraph, its second part starts at the left edge."""
    cut = 0
    for issue_file, pdf in picture_pdfs:
        issue = load_issue(issue_file)
        paragraphs = [item for s in issue.sections for a in s.articles for item in a.paragraphs]
        lines = m.body_lines(m.read(pdf))
        flow = "".join(line.text for line in lines)
        for text in paragraphs:
            assert text in flow, text[:20]
        indented = [line for line in lines if abs(line.x0 - m.LEFT - m.INDENT) < 1]
        assert len(indented) == len(paragraphs), issue_file
        # a paragraph goes on at the top of a page under a picture
        pictures = _pictures(pdf)
        for image in pictures:
            if image["top"] < m.TOP + PAD + 1:
                under = [line for line in lines if line.page == image["page"]
                         and line.top > image["bottom"]]
                if under and abs(under[0].x0 - m.LEFT) < 1 and under[0].chars[0]["text"] != "（":
                    cut += 1
    assert cut >= 2


# --- tables ----------------------------------------------------------------------------------


def _words_by_line(pdf: Path) -> list[str]:
    """Every line of table text (the table sizes, not 楷体 captions) cut at
    gaps wider than a cell's padding: the lines of the cells."""
    from tests.render.test_blocks_pdf import _cell_lines
    return [line for column in _cell_lines(pdf) for line in column]


def _cells(issue_file: Path, columns: int = 12) -> list[str]:
    """The cells of the tables of at most ``columns`` columns."""
    issue = load_issue(issue_file)
    return [cell for s in issue.sections for a in s.articles for item in a.body
            if isinstance(item, Table) and item.columns <= columns
            for row in item.rows for cell in row]


def test_headers_and_short_words_never_break_inside(table_pdfs):
    """序号, 经费（万元）, dates and numbers are never broken; headers of four
    characters (学会名称) are not either in tables of up to 8 columns (ten
    columns of them do not fit the type width even at 小五)."""
    for issue_file, pdf in table_pdfs:
        lines = _words_by_line(pdf)
        checked = 0
        for word in [*WHOLE_WORDS, *{c for c in _cells(issue_file)
                                     if re.fullmatch(r"2023年\d+月\d+日", c)}]:
            cells = _cells(issue_file, columns=8 if len(word) == 4 else 10)
            count = sum(cell.count(word) for cell in cells)
            if count:
                found = sum(line.count(word) for line in lines)
                assert found >= count, (word, found, count)
                checked += 1
        assert checked >= 8


def test_web_addresses_break_only_after_a_slash_or_before_a_dot(table_pdfs):
    from tests.render.test_blocks_pdf import _cell_lines
    for issue_file, pdf in table_pdfs:
        addresses = {c for c in _cells(issue_file) if c.startswith("https://")}
        assert addresses
        found = 0
        for column in _cell_lines(pdf):
            for i, line in enumerate(column):
                if not line.startswith("https://"):
                    continue
                rebuilt = line
                for nxt in column[i + 1:]:
                    if rebuilt in addresses:
                        break
                    assert rebuilt.endswith("/") or nxt.startswith("."), (rebuilt, nxt)
                    rebuilt += nxt
                # (a row split at a page break goes on in the column of the next page)
                assert any(a.startswith(rebuilt) for a in addresses), rebuilt
                found += 1
        assert found == len(addresses) or found >= 5


def test_table_lines_are_half_as_far_apart_again_as_the_text_is_tall(table_pdfs):
    """Within a cell, baselines are 1.5 × the table's text size apart (21 pt
    for 四号), not the body's 28.99 pt."""
    steps = set()
    for _, pdf in table_pdfs:
        with plumbed.open(str(pdf)) as doc:
            for page in doc.pages[:-1]:  # the last page holds the closing block (22 pt lines)
                chars = [c for c in page.chars if "Fang" in c["fontname"]
                         and round(c["size"], 1) in (14.0, 12.0, 10.5, 9.0)]
                starts: dict[tuple, list] = {}  # lines of left-aligned cells by their start
                for c in chars:
                    starts.setdefault((round(c["x0"], 1), round(c["size"], 1)), []).append(c)
                for column in starts.values():
                    size = column[0]["size"]
                    baselines = sorted({round(page.height - c["matrix"][5], 2) for c in column})
                    for a, b in zip(baselines, baselines[1:]):
                        if b - a < 1.6 * size:  # the next line (of this cell or the next row)
                            steps.add((round(size, 1), round(b - a, 1)))
    sizes = {size for size, _ in steps}
    assert len(sizes) >= 2, steps
    assert all(step == pytest.approx(size * 1.5, abs=0.1) for size, step in steps), steps


def _split_issue() -> tuple[dict, list[int]]:
    """Tables of 2 to 40 rows and 2 to 10 columns whose first column names
    each row ("3-07": table 3, row 7), paragraphs between them."""
    rng = random.Random(7)
    from tests.issuegen import issue_dict
    data = issue_dict(7, number=33, articles=1)
    heads = ["编号", "学会名称", "经费（万元）", "举办日期", "参加人数", "活动网址", "备注", "主办单位",
             "活动地点", "线上观看人次"]
    sizes = [2, 3, 4, 5, 6, 7, 9, 12, 17, 25, 40]
    body: list = []
    for t, rows in enumerate(sizes):
        columns = 2 + t % 9
        header = heads[:columns]
        table = [header] + [[f"{t}-{r + 1:02d}"] + [cell(rng, h, r + 1) for h in header[1:]]
                            for r in range(rows)]
        body += [paragraph(rng, rng.randint(1, 4)), {"table": table, "caption": f"表{t + 1}"}]
    body.append(paragraph(rng, 2))
    data["sections"] = [{"column": "基层动态", "articles": [{"title": "各单位活动统计", "body": body}]}]
    return data, sizes


@pytest.fixture(scope="module")
def split_pdf(builder, tmp_path_factory):
    root = _root(tmp_path_factory, "splits")
    data, sizes = _split_issue()
    issue = write_issue(root, data)
    build_once(builder, tmp_path_factory, issue, root / "out.pdf")
    return root / "out.pdf", sizes


def _rows_by_page(pdf: Path) -> dict[int, dict[int, list[int]]]:
    """table → page → the rows of it printed there (by their 编号 cells; a
    row that goes on from the page before, above the first 编号 under the
    repeated header, counts as 0)."""
    out: dict[int, dict[int, list[int]]] = {}
    with plumbed.open(str(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words()
            heads = sorted(c["bottom"] for c in page.chars
                           if c["text"] == "编" and "Hei" in c["fontname"])
            cells = [c for c in page.chars if "Fang" in c["fontname"] and c["size"] < 15]
            for word in words:
                found = re.fullmatch(r"(\d+)-(\d\d)", word["text"])
                if not found:
                    continue
                table, row = int(found[1]), int(found[2])
                rows = out.setdefault(table, {})
                if page.page_number not in rows:
                    rows[page.page_number] = []
                    head = max((h for h in heads if h < word["top"]), default=None)
                    if row > 1 and head is not None and any(
                            head < c["top"] < word["top"] - 2 for c in cells):
                        rows[page.page_number].append(0)  # part of the row before
                rows[page.page_number].append(row)
    return out


def test_a_short_table_never_splits_and_a_long_one_leaves_two_rows_each_side(split_pdf):
    pdf, sizes = split_pdf
    rows = _rows_by_page(pdf)
    split = 0
    for table, count in enumerate(sizes):
        pages = rows[table]
        assert sorted(r for part in pages.values() for r in part if r) == list(range(1, count + 1))
        if count <= 6:
            assert len(pages) == 1, (table, pages)
        else:
            assert all(len(part) >= 2 for part in pages.values()), (table, pages)
            split += len(pages) > 1
    assert split >= 3


def test_a_split_table_repeats_its_header_above_its_rows(split_pdf):
    pdf, sizes = split_pdf
    rows = _rows_by_page(pdf)
    with plumbed.open(str(pdf)) as doc:
        for table, pages in rows.items():
            for number in list(pages)[1:]:
                page = doc.pages[number - 1]
                head = [c for c in page.chars if c["text"] == "编" and "Hei" in c["fontname"]]
                first = min(w["top"] for w in page.extract_words()
                            if re.fullmatch(rf"{table}-\d\d", w["text"]))
                assert head and min(c["top"] for c in head) < first, (table, number)


def test_text_after_a_table_is_on_the_body_grid(split_pdf):
    """The paragraph after each table starts a whole number of body lines
    under the top of the type area (pages after the first), whether the
    table split or not."""
    pdf, _ = split_pdf
    checked = 0
    for page in m.read(pdf)[1:]:
        for line in page.lines:
            if m.is_body(line):
                steps = (line.top - m.TOP - 6.5) / PITCH
                assert steps == pytest.approx(round(steps), abs=0.02), (page.number, line.text)
                checked += 1
    assert checked > 20


def test_a_wide_long_table_gets_many_rows_a_page(split_pdf):
    """The 40-row table of 8 columns (short cells, a web address now and
    then): at least 12 rows on every page it fills (it was 1 or 2)."""
    pdf, sizes = split_pdf
    pages = _rows_by_page(pdf)[sizes.index(40)]
    assert len(pages) >= 2
    assert all(len(part) >= 12 for part in list(pages.values())[1:-1] or
               [max(pages.values(), key=len)])


def test_no_page_with_tables_is_left_much_blank(table_pdfs, split_pdf):
    """Short tables that do not fit are moved like pictures, rows of more
    than three lines split: no page is more than 30 % blank. (Not 15 %: the
    last two rows of a split table go together, and two rows of seven lines
    in a crowded table can leave a fifth of a page.)"""
    blank = {str(pdf): m.too_blank_pages(pdf, 0.30)
             for _, pdf in [*table_pdfs, (None, split_pdf[0])]}
    assert all(pages == [] for pages in blank.values()), blank
    most = [m.too_blank_pages(pdf) for _, pdf in [*table_pdfs, (None, split_pdf[0])]]
    assert sum(len(pages) for pages in most) <= 2, most
