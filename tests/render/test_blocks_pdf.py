"""Body blocks in the PDF: a held-out-style issue with every block kind
(tests/data/blocks/2023/2023-21.yaml), built once and read back with
pdfplumber, pdftotext and PDFBox Preflight.

Pictures at the asked size and at most 300 dpi, table text in order with its
header repeated on every page, numbers right-aligned, 禁则 in wrapped cells,
headings in 黑体 and 楷体, the 编者按, the contributor, and the body grid kept
after every block kind.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import plumbed
from tests.helpers import BLOCKS_ISSUE, pdfa_options, run_cli
from tests.render import pdfmeasure as m
from tests.pdf.pdfa.archival_builds import preflight
from weekly_pdf.source.load import load_issue
from weekly_pdf.typeset.rules import violations
from tests.built_once import build_once


ISSUE = BLOCKS_ISSUE
PITCH = 28.99
TYPE_WIDTH = 156 * m.MM
#: The sizes a table is set in (layout.toml: table.size_pt, smaller_sizes_pt).
TABLE_SIZES = (14.0, 12.0, 10.5, 9.0)


@pytest.fixture(scope="module")
def pdf(builder, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("blocks") / "2023-21.pdf"
    build_once(builder, tmp_path_factory, ISSUE, out)
    return out


@pytest.fixture(scope="module")
def pages(pdf):
    return m.read(pdf)


@pytest.fixture(scope="module")
def images(pdf):
    """Every picture drawn: (page number, pdfplumber image dict), in order."""
    with plumbed.open(str(pdf)) as doc:
        return [(page.page_number, dict(image)) for page in doc.pages for image in page.images]


def _line(pages, text):
    found = [line for page in pages for line in page.lines if line.text.startswith(text)]
    assert found, f"no line starts with {text}"
    return found[0]


def test_the_picture_is_printed_at_the_asked_width(images):
    """width: 0.8 → 0.8 of the 156 mm type width, centred, its proportions kept."""
    reading = images[0][1]
    assert reading["width"] == pytest.approx(0.8 * TYPE_WIDTH, abs=1.0)
    assert reading["height"] == pytest.approx(reading["width"] * 1200 / 1800, abs=1.0)
    middle = (reading["x0"] + reading["x1"]) / 2
    assert middle == pytest.approx((m.LEFT + m.RIGHT) / 2, abs=0.5)


def test_a_picture_without_width_has_its_natural_size(images):
    """logo.png is 240 × 160 pixels: 180 × 120 pt (one pixel a CSS px)."""
    logo = images[1][1]
    assert (logo["width"], logo["height"]) == (pytest.approx(180, abs=1),
                                               pytest.approx(120, abs=1))


def test_pictures_are_downsampled_to_300_dpi_and_never_upsampled(images):
    reading, logo = images[0][1], images[1][1]
    dpi = reading["srcsize"][0] / (reading["width"] / 72)
    assert 299 <= dpi <= 301, dpi                      # 1800 px were more than needed
    assert reading["srcsize"][0] < 1800
    assert logo["srcsize"] == (240, 160)               # small pictures keep their pixels


def test_every_picture_is_8_bit_rgb_without_alpha(pdf):
    """sRGB (the output intent), no soft mask, no 16 bits, no JPEG 2000, even for
    a transparent PNG, a 16-bit grey PNG and a CMYK JPEG."""
    reader = PdfReader(str(pdf))
    seen = set()
    for page in reader.pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            obj = ref.get_object()
            if obj["/Subtype"] != "/Image" or ref.idnum in seen:
                continue
            seen.add(ref.idnum)
            assert obj["/ColorSpace"] == "/DeviceRGB"
            assert obj["/BitsPerComponent"] == 8
            assert "/SMask" not in obj and "/Mask" not in obj
            assert obj["/Filter"] in ("/DCTDecode", "/FlateDecode")
    assert len(seen) == 4


def test_the_table_text_comes_out_in_order(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = "".join(text.split())
    issue = load_issue(ISSUE)
    table = issue.sections[1].articles[0].body[1]
    position = 0
    # A wrapped cell's second line comes after the row's first line (pdftotext
    # -layout reads the page line by line), so a cell is found by its start.
    for cell in (cell[:4] for row in table.rows for cell in row if cell):
        found = text.find(cell, position)
        assert found >= 0, f"{cell!r} missing or out of order"
        position = found + len(cell)


def test_a_long_table_breaks_across_pages_with_its_header_repeated(pdf):
    """Every page holding rows of 表2 (the only table with a % column) has its
    header in 黑体, and on the pages after the first the header row is the
    first thing on the page."""
    row_pages, header_tops = [], {}
    with plumbed.open(str(pdf)) as doc:
        for page in doc.pages:
            if any(w["text"].endswith("%") for w in page.extract_words()):
                row_pages.append(page.page_number)
            heads = [c for c in page.chars if c["text"] == "率" and "Hei" in c["fontname"]]
            if heads:
                header_tops[page.page_number] = heads[0]["top"]
    assert len(row_pages) >= 2
    assert set(row_pages) <= set(header_tops)
    for number in row_pages[1:]:
        assert header_tops[number] < m.TOP + PITCH, number


def test_numeric_columns_are_right_aligned(pdf):
    """人数 and 到课率 end on one right edge; 备注 (text) starts on one left edge."""
    issue = load_issue(ISSUE)
    table = issue.sections[1].articles[0].body[1]
    assert table.numeric == (False, True, True, False)
    with plumbed.open(str(pdf)) as doc:
        page = next(p for p in doc.pages if "14.6%" in p.extract_text())
        words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
        percents = [w for w in words if w["text"].endswith("%")]
        counts = [w for w in words if w["text"].isdigit() and len(w["text"]) in (2, 3)
                  and w["x0"] > m.LEFT + 60 and w["x1"] < percents[0]["x0"]]
    assert len(percents) >= 3 and len(counts) >= 3
    assert max(w["x1"] for w in percents) - min(w["x1"] for w in percents) < 0.5
    assert max(w["x1"] for w in counts) - min(w["x1"] for w in counts) < 0.5
    assert max(w["x0"] for w in percents) - min(w["x0"] for w in percents) > 3  # 2.2% vs 14.6%


def _cell_lines(pdf) -> list[list[str]]:
    """The text lines of the table cells, one list per column and page, top to
    bottom: chars on one baseline, cut where a gap wider than the cell padding is."""
    columns: dict[tuple[int, int], list[tuple[float, str]]] = {}
    with plumbed.open(str(pdf)) as doc:
        for page in doc.pages:
            rows: dict[float, list] = {}
            for char in page.chars:
                if round(char["size"], 1) in TABLE_SIZES and "Kai" not in char["fontname"] \
                        and m.TOP < char["top"] < m.BOTTOM:
                    rows.setdefault(round(char["matrix"][5], 1), []).append(char)
            for baseline, chars in rows.items():
                chars.sort(key=lambda c: c["x0"])
                run = [chars[0]]
                for prev, char in zip(chars, chars[1:]):
                    if char["x0"] - prev["x1"] > 6:
                        columns.setdefault((page.page_number, round(run[0]["x0"])), []).append(
                            (-baseline, "".join(c["text"] for c in run)))
                        run = []
                    run.append(char)
                columns.setdefault((page.page_number, round(run[0]["x0"])), []).append(
                    (-baseline, "".join(c["text"] for c in run)))
    return [[text for _, text in sorted(lines)] for lines in columns.values()]


def test_wrapped_table_cells_keep_the_line_breaking_rules(pdf):
    """Cells of the 备注 column wrap (Pango, lang zh-CN): no line of a cell starts
    with a closing mark or ends with an opening one, —— and …… stay whole."""
    issue = load_issue(ISSUE)
    table = issue.sections[1].articles[0].body[1]
    notes = {row[3] for row in table.body_rows if row[3]}
    columns = _cell_lines(pdf)
    wrapped = 0
    for note in notes:
        found = False
        for lines in columns:
            for i in range(len(lines)):
                pieces, rebuilt = [], ""
                for line in lines[i:]:
                    if not note.startswith(rebuilt + line):
                        break
                    pieces.append(line)
                    rebuilt += line
                    if rebuilt == note:
                        break
                if rebuilt == note:
                    found = True
                    wrapped += len(pieces) > 1
                    assert violations(pieces) == [], pieces
        assert found, note
    assert wrapped >= 6


def _font(line, family):
    return all(family in c["fontname"] for c in line.chars)


def test_headings_subheadings_notes_and_captions_use_their_fonts(pages):
    heading = _line(pages, "一、加强组织领导")
    subheading = _line(pages, "（一）完善工作机制")
    assert heading.size == subheading.size == 16                  # body-size lines
    assert _font(heading, "Hei") and _font(subheading, "Kai")
    note = _line(pages, "编者按：")
    label = note.chars[:4]
    assert "".join(c["text"] for c in label) == "编者按："
    assert all("Hei" in c["fontname"] for c in label)
    assert all("Kai" in c["fontname"] for c in note.chars[4:])
    assert _font(_line(pages, "读书班现场"), "Kai")
    assert _font(_line(pages, "表1 参训人员"), "Kai")
    header = [line for page in pages for line in page.lines if line.text.startswith("单位")]
    assert header and all(_font(line, "Hei") for line in header)


def test_headings_start_at_the_paragraph_indent(pages):
    for text in ("一、加强组织领导", "（一）完善工作机制", "编者按："):
        assert _line(pages, text).x0 == pytest.approx(m.LEFT + m.INDENT, abs=0.5)


def test_the_note_comes_between_the_title_and_the_body(pages):
    flow = [line.text for line in m.flow(pages)]
    title = next(i for i, t in enumerate(flow) if t.startswith("重实践"))
    note = next(i for i, t in enumerate(flow) if t.startswith("编者按："))
    body = next(i for i, t in enumerate(flow) if t.startswith("7月10日"))
    assert title < note < body


def test_the_contributor_follows_the_last_paragraph_or_gets_its_own_line(pages, images):
    """Article 1 ends in a picture: （市科协办公室） right-aligned on its own line
    under it. Article 2 ends in a paragraph: （昌平区科协） ends its last line."""
    own = _line(pages, "（市科协办公室）")
    assert own.x1 == pytest.approx(m.RIGHT, abs=0.5)
    logo_page, logo = images[1]
    assert own.page == logo_page and own.top > logo["bottom"]
    last = next(line for page in pages for line in page.lines
                if line.text.endswith("（昌平区科协）"))
    assert "报送学习成果。（昌平区科协）" in last.text


def test_the_body_grid_is_kept_after_every_block_kind(pages, images):
    """Every 16 pt line of a page sits a whole number of pitches below the first
    body line of that page, and on pages after the first the lines sit at
    top + k·pitch: the paragraph after a heading, a picture, a table and the
    编者按 is back on the grid."""
    after = {"heading": "会议要求", "subheading": "建立周调度", "image": "与会同志",
             "table": "会后，各单位", "long table": "从表中可以看出", "note": "7月10日",
             "pictures": "各单位要及时"}
    checked = set()
    for page in pages:
        masthead = m._masthead_bottom(page) if page.number == 1 else 0
        lines = [line for line in page.lines
                 if line.size == 16 and line.top > masthead and line.top < m.BOTTOM]
        body = [line for line in lines if m.is_body(line)]
        if not body:
            continue
        # page 1: the grid starts under the masthead; later pages: at the top
        # of the type area (a 16 pt line's glyph tops are 6.5 pt into it)
        reference = body[0].top if page.number == 1 else m.TOP + 6.5
        for line in lines:
            steps = (line.top - reference) / PITCH
            assert steps == pytest.approx(round(steps), abs=0.01), (page.number, line.text)
            for kind, text in after.items():
                if line.text.startswith(text):
                    checked.add(kind)
    assert checked == set(after)


@pytest.mark.slow
def test_the_same_issue_gives_the_same_pdf_bytes(pdf, tmp_path):
    """Pictures are prepared the same way every time (no metadata, fixed encoder
    settings): a second build in a fresh process is byte-identical."""
    out = tmp_path / "again.pdf"
    result = run_cli("build", ISSUE, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == pdf.read_bytes()


@pytest.mark.slow
def test_pdfa_1b_with_pictures_and_tables_passes_preflight(builder, tmp_path_factory):
    out = tmp_path_factory.mktemp("blocks-pdfa") / "blocks-1b.pdf"
    build_once(builder, tmp_path_factory, ISSUE, out, pdfa_options("1b"))
    report = preflight({"blocks-1b": out})["blocks-1b"]
    assert report.valid, "\n".join(map(str, report.findings))
    assert report.findings == ()


@pytest.mark.slow
@pytest.mark.parametrize("level", ["1b", "2b"])
def test_archival_pdfs_do_not_interpolate_pictures(builder, tmp_path, level):
    """PDF/A-1 and PDF/A-2 both forbid /Interpolate true on an image."""
    out = tmp_path / f"blocks-{level}.pdf"
    builder.build(ISSUE, out, pdfa_options(level))
    reader = PdfReader(str(out))
    images = [ref.get_object() for page in reader.pages
              for ref in page["/Resources"].get("/XObject", {}).values()
              if ref.get_object()["/Subtype"] == "/Image"]
    assert images
    assert not any(image.get("/Interpolate") for image in images)


def test_a_wide_table_stays_inside_the_type_area(pdf):
    """表3 has eight columns and a web address: every rule and character stays
    between the margins, the address wraps inside its cell."""
    with plumbed.open(str(pdf)) as doc:
        page = next(p for p in doc.pages if "表3" in p.extract_text())
        caption = next(c for c in page.chars if c["text"] == "表")
        # from the caption down (a column heading above it sets its 【 out by half an em)
        edges = [(o["x0"], o["x1"]) for o in page.rects + page.lines + page.chars
                 if o["top"] >= caption["top"] - 1]
        assert min(x0 for x0, _ in edges) >= m.LEFT - 0.5
        assert max(x1 for _, x1 in edges) <= m.RIGHT + 0.5
    address = "https://www.example.org.cn/kepu/2023/activities/index.html"
    cells = ["".join(column) for column in _cell_lines(pdf)]
    assert any(address in cell for cell in cells)
    assert not any(address in line for column in _cell_lines(pdf) for line in column)


def test_short_names_are_not_squeezed_by_long_remarks(pdf):
    """Column widths come from the cells: 北京制冷学会 (6 字) stays on one line in
    表2 although its 备注 column holds long remarks."""
    lines = [line for column in _cell_lines(pdf) for line in column]
    assert "北京制冷学会" in lines
    assert "市科协机关" in lines


def test_a_note_typed_with_its_label_is_not_labelled_twice(pages):
    note = _line(pages, "编者按：各学会报送")
    assert "编者按：编者按" not in note.text
    assert all("Hei" in c["fontname"] for c in note.chars[:4])


def test_a_dash_standing_for_none_keeps_a_column_numeric():
    table = load_issue(ISSUE).sections[2].articles[0].body[1]
    assert table.numeric == (False, True, True, True, True, True, True, False)


def test_characters_only_a_fallback_font_has_print_and_keep_the_grid(pdf):
    """喆 and 堃 are not in Fandol Fang: the glyph check finds them in a paragraph
    and a table cell, the fallback font draws them, and their lines keep the
    pitch (the grid test above runs on this issue: a fallback glyph's taller
    ascent used to push its line and all after it 2 pt down)."""
    with plumbed.open(str(pdf)) as doc:
        chars = [c for page in doc.pages for c in page.chars if c["text"] in "喆堃"]
    assert len(chars) == 3 and all("Noto" in c["fontname"] for c in chars)


HEADING_AT_PAGE_FOOT = """\
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
{paragraphs}          - heading: 一、加强组织领导
          - 会议要求，各单位要把专题读书班作为主题教育的重要抓手。
"""


def test_a_heading_never_ends_a_page(builder, tmp_path):
    """After 30 one-line paragraphs the heading would be the last line of page 2
    (measured without break-after: avoid); it starts page 3 with its text."""
    issue = tmp_path / "2023" / "2023-21.yaml"
    issue.parent.mkdir()
    issue.write_text(HEADING_AT_PAGE_FOOT.format(paragraphs="".join(
        f"          - 第{i}段，会议召开。\n" for i in range(30))), encoding="utf-8")
    builder.build(issue, tmp_path / "out.pdf")
    pages = m.read(tmp_path / "out.pdf")
    heading = _line(pages, "一、加强组织领导")
    first = min((line for line in pages[heading.page - 1].lines if line.size == 16),
                key=lambda line: line.top)
    assert heading.page == 3 and first is heading
