"""The OFD read back by an independent reader (ofdkit): the issue's text in
order, the PDF's metadata, one page per PDF page, the outline of the PDF."""

from __future__ import annotations

import ofdkit
import yaml
from pypdf import PdfReader

from tests.helpers import SEED_TEXT
from tests.pdf.ofd.ofdread import NS, Ofd
from tests.pdf.pdfa.archival_builds import BLOCKS_ISSUE
from tests.textcheck import PAGE_NUMBER_LINE, normalise, seed_pieces


def _in_order(text: str, pieces: list[str]) -> list[str]:
    """The pieces not found in ``text`` in order (text without page numbers,
    normalised as tests.textcheck does for the PDF)."""
    text = normalise("\n".join(line for line in text.splitlines()
                               if not PAGE_NUMBER_LINE.fullmatch(line)))
    position, missing = 0, []
    for piece in pieces:
        index = text.find(piece, position)
        if index < 0:
            missing.append(piece)
        else:
            position = index + len(piece)
    return missing


def test_ofdkit_reads_every_line_of_the_seed_in_order(seed_built):
    with ofdkit.open(seed_built.ofd) as document:
        text = document.text()
        assert document.warnings == []
    pieces = seed_pieces(SEED_TEXT)
    assert len(pieces) > 40
    assert _in_order(text, pieces) == []


def _block_pieces() -> tuple[list[str], list[str]]:
    """The blocks issue's titles, notes, paragraphs, headings and captions, in
    order; and its table cells (a cell that wraps is read line by line across
    the row, so cells are only looked for, not in order)."""
    data = yaml.safe_load(BLOCKS_ISSUE.read_text(encoding="utf-8"))
    pieces, cells = [], []
    for section in data["sections"]:
        pieces.append(f"【{section['column']}】")
        for article in section["articles"]:
            pieces += [article["title"], *([article["note"]] if "note" in article else [])]
            for block in article["body"]:
                if isinstance(block, str):
                    pieces.append(block)
                elif "table" in block:
                    pieces += [block["caption"]] if "caption" in block else []
                    if len(block["table"][0]) <= 4:  # narrow columns (table 3) wrap words
                        cells += [str(c) for row in block["table"] for c in row if str(c)]
                else:
                    pieces += [block[key] for key in ("heading", "subheading", "caption")
                               if key in block]
            if article.get("source"):
                pieces.append(f"（{article['source']}）")
    return [normalise(piece) for piece in pieces], [normalise(cell) for cell in cells]


def test_ofdkit_reads_every_piece_of_the_blocks_issue_in_order(blocks_built):
    with ofdkit.open(blocks_built.ofd) as document:
        text = document.text()
    pieces, cells = _block_pieces()
    assert len(pieces) > 20 and len(cells) > 100
    assert _in_order(text, pieces) == []
    lines = normalise(text)
    unwrapped = [cell for cell in cells if len(cell) <= 6]  # short cells do not wrap
    assert [cell for cell in unwrapped if cell not in lines] == []


def test_ofdkit_reads_the_pdfs_metadata(seed_built):
    pdf = PdfReader(seed_built.output).metadata
    with ofdkit.open(seed_built.ofd) as document:
        info = document.info
    assert info.title == pdf.title == "科协每周动态 2023年第20期（总第73期）"
    assert info.author == pdf.author == "北京市科协办公室"
    assert info.subject == pdf.subject
    assert info.keywords == ("主题教育", "科创工作", "科普工作", "基层动态")
    assert info.creation_date == info.mod_date == "2023-07-07"
    assert (info.creator, info.creator_version) == ("weekly-pdf", "0.1.0")
    assert len(info.doc_id) == 32


def test_one_a4_page_per_pdf_page(built):
    pdf = PdfReader(built.output)
    with ofdkit.open(built.ofd) as document:
        assert len(document.pages) == len(pdf.pages) == built.pages
        assert {page.box for page in document.pages} == {(0.0, 0.0, 210.0, 297.0)}


def test_outline_mirrors_the_pdf_outline(seed_built):
    """Masthead → columns → articles, each pointing at the page and height
    the PDF's bookmark points at."""
    reader = PdfReader(seed_built.output)

    def pdf_tree(items):
        tree = []
        for item in items:
            if isinstance(item, list):
                tree[-1][2].extend(pdf_tree(item))
                continue
            top = round((841.889764 - float(item.top)) * 25.4 / 72, 1)
            tree.append((str(item.title), (reader.get_destination_page_number(item), top), []))
        return tree

    ofd = Ofd(seed_built.ofd)
    page_ids = [int(p.get("ID")) for p in ofd.document.iter(f"{NS}Page")]

    def ofd_tree(parent):
        tree = []
        for element in parent.findall(f"{NS}OutlineElem"):
            dest = element.find(f"{NS}Actions/{NS}Action/{NS}Goto/{NS}Dest")
            where = (page_ids.index(int(dest.get("PageID"))), round(float(dest.get("Top")), 1))
            tree.append((element.get("Title"), where, ofd_tree(element)))
        return tree

    expected = pdf_tree(reader.outline)
    assert ofd_tree(ofd.document.find(f"{NS}Outlines")) == expected
    masthead = expected[0]
    assert masthead[0] == "科协每周动态"
    assert [column[0] for column in masthead[2]] == ["【主题教育】", "【科创工作】", "【科普工作】",
                                                     "【基层动态】"]
    assert len(masthead[2][0][2]) == 2  # 主题教育's two articles
