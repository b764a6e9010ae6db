"""Make the Word test documents of tests/source/importer/data/ (run once, commit the output).

Each document is first built with python-docx (styles, numbering, fields,
split runs, pictures: the quirks real submissions have), then opened and saved
by LibreOffice Writer, so what the tests read is a real word processor's
.docx and .doc, not python-docx's own output:

    .venv/bin/python -m tests.source.importer.data.make_word_docs

needs ``soffice`` (apt-get install libreoffice-writer-nogui). The expected
fields of every document are in ``tests/source/importer/word_expected.py``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor
from PIL import Image

from tests.source.importer import word_expected as want

HERE = Path(__file__).resolve().parent

INDENT = "\u3000\u3000"  # what people type for a first-line indent


def picture(kind: str) -> bytes:
    """A small photo-like picture (a gradient), PNG or JPEG."""
    image = Image.new("RGB", (96, 64))
    image.putdata([(x * 2 + 40, y * 3 + 30, 120) for y in range(64) for x in range(96)])
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def chinese_list(document) -> tuple[int, int]:
    """A numbering definition like Word's 一、 / （一） outline list: (numId, numId)."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
        '</w:abstractNum>')
    first_num = numbering.find(f'{{{abstract.nsmap["w"]}}}num')
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90">'
                               '<w:abstractNumId w:val="90"/></w:num>'))
    return 90, 90


def numbered(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def field(paragraph, instruction: str, result: str) -> None:
    """A complex field (begin, instruction, separate, result, end)."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{result}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def split_runs(paragraph, text: str, cuts: list[int]) -> None:
    """``text`` in several runs cut mid-word, alternately coloured so that a
    word processor keeps them apart."""
    bounds = [0, *cuts, len(text)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
        run = paragraph.add_run(text[a:b])
        if n % 2:
            run.font.color.rgb = RGBColor(0, 0, 0x10)


def styled_article() -> Document:
    """An article with Word's styles: Title, Heading 1/2, a numbered list
    heading, a table, a picture with a caption, fields, breaks."""
    a = want.STYLED
    document = Document()
    document.styles["Normal"].font.size = Pt(16)
    document.add_paragraph(a["title"], style="Title")
    p = document.add_paragraph()
    split_runs(p, INDENT + a["paragraphs"][0], [7, 15, 30])
    first_heading = document.add_paragraph(a["headings"][0][2:], style="Heading 1")
    p = document.add_paragraph(INDENT + a["paragraphs"][1][:20])
    p.add_run().add_break()  # a soft line break inside a sentence
    p.add_run(a["paragraphs"][1][20:])
    num_id, _ = chinese_list(document)
    numbered(first_heading, num_id, 0)
    # List-numbered headings: 一、/二、/（一） come from the list definition,
    # the paragraphs' text lacks them.
    numbered(document.add_paragraph(a["headings"][1][2:], style="Heading 1"), num_id, 0)
    numbered(document.add_paragraph(a["subheadings"][0][3:]), num_id, 1)
    p = document.add_paragraph(INDENT)
    before, after = a["paragraphs"][2].split("中国科协官网")
    p.add_run(before)
    field(p, 'HYPERLINK "https://www.cast.org.cn/"', "中国科协官网")
    p.add_run(after)
    document.add_paragraph(a["subheadings"][1], style="Heading 2")  # typed number
    document.add_paragraph(a["table_caption"])
    table = document.add_table(rows=len(a["table"]), cols=len(a["table"][0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, a["table"]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    p = document.add_paragraph(INDENT + a["paragraphs"][3])
    p.add_run().add_break(WD_BREAK.PAGE)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(picture("PNG")))
    document.add_paragraph(a["image_caption"], style="Caption")
    document.add_paragraph(INDENT + a["paragraphs"][4])
    document.add_paragraph(f"（{a['source']}）")
    return document


def plain_article() -> Document:
    """An article typed without styles: first line the title, 一、/（一）
    headings typed as text, a JPEG, the contributor after the last sentence."""
    a = want.PLAIN
    document = Document()
    p = document.add_paragraph(a["title"])
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(INDENT + a["paragraphs"][0])
    document.add_paragraph(INDENT + a["headings"][0])
    document.add_paragraph(INDENT + a["paragraphs"][1])
    document.add_paragraph(INDENT + a["subheadings"][0])
    document.add_paragraph(INDENT + a["paragraphs"][2])
    p = document.add_paragraph()
    p.add_run().add_picture(io.BytesIO(picture("JPEG")))
    document.add_paragraph(INDENT + a["paragraphs"][3] + f"（{a['source']}）")
    return document


def back_issue(tables: bool = False) -> Document:
    """The seed issue laid out the way the office typed it in Word; with
    ``tables``, the masthead's publisher and date and the closing block are
    laid out in tables, and the first article has a picture with a caption."""
    from weekly_pdf.source.load import load_issue

    issue = load_issue(want.SEED_ISSUE)
    document = Document()
    document.styles["Normal"].font.size = Pt(16)

    def centred(text: str, size: float, *, bold: bool = False, red: bool = False) -> None:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.size, run.font.bold = Pt(size), bold
        if red:
            run.font.color.rgb = RGBColor(0xE6, 0, 0)

    centred(issue.publication, 48, bold=True, red=True)
    centred(f"{issue.year}年第{issue.number}期\u3000（总第{issue.total}期）", 16)
    date = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日"
    if tables:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = issue.publisher, date
    else:
        centred(f"{issue.publisher}\u3000\u3000\u3000\u3000{date}", 16)
    document.add_paragraph(issue.toc_title)
    for entry in issue.toc_entries:
        document.add_paragraph(f"◆ {entry.text}")
    for section in issue.sections:
        document.add_paragraph(f"【{section.column}】")
        for article in section.articles:
            centred(article.title, 22, bold=True)
            for n, paragraph in enumerate(article.paragraphs):
                last = n == len(article.paragraphs) - 1
                text = INDENT + paragraph
                if last and article.source:
                    text += f"（{article.source}）"
                document.add_paragraph(text)
                if tables and n == 0 and article is issue.sections[0].articles[0]:
                    p = document.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    p.add_run().add_picture(io.BytesIO(picture("JPEG")))
                    document.add_paragraph(want.BACK_ISSUE_CAPTION)
    footer = issue.footer
    if tables:
        rows = [f"信息报送邮箱：{footer.email}",
                f"编辑：{footer.editor}\u3000\u3000审核：{footer.reviewer}",
                f"分送：{footer.distribution[0]}", *footer.distribution[1:]]
        table = document.add_table(rows=len(rows), cols=1)
        for row, text in zip(table.rows, rows):
            row.cells[0].text = text
        return document
    document.add_paragraph(f"信息报送邮箱：{footer.email}")
    document.add_paragraph(f"编辑：{footer.editor}\u3000\u3000审核：{footer.reviewer}")
    document.add_paragraph(f"分送：{footer.distribution[0]}")
    for line in footer.distribution[1:]:
        document.add_paragraph(line)
    return document


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """Open ``source`` in LibreOffice Writer and save it as ``target_format``."""
    filters = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97"}
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", filters[target_format], "--outdir", work, str(source)],
                       check=True, capture_output=True, timeout=300)
        made = Path(work) / (source.stem + "." + target_format)
        target = out_dir / made.name
        shutil.copyfile(made, target)
    return target


def main() -> None:
    if not shutil.which("soffice"):
        sys.exit("需要 LibreOffice：apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, formats in (("styled-article", styled_article, ("docx",)),
                                    ("plain-article", plain_article, ("docx", "doc")),
                                    ("back-issue", back_issue, ("docx",)),
                                    ("back-issue-tables", lambda: back_issue(tables=True),
                                     ("docx",))):
            source = Path(tmp) / f"{name}.docx"
            make().save(source)
            for target_format in formats:
                print(convert(source, target_format, HERE))


if __name__ == "__main__":
    main()
