"""Read a Word document (.docx; .doc and .wps through LibreOffice) into its
paragraphs, tables and pictures, in document order.

python-docx opens the package, resolves styles (with their ``basedOn``
chains), the numbering part and the pictures' parts. The text of a paragraph
is gathered from its runs here rather than with ``Paragraph.text``, because
real documents from Word and WPS carry text that property misses or garbles:

- runs split mid-word (spell check, revisions, a changed colour) are simply
  concatenated;
- a soft line break (Shift+Enter) is kept as ``\\n`` for the caller to decide
  (see :func:`split_soft_breaks`); a page or column break is dropped;
- fields: the instruction (``HYPERLINK "…"``, ``PAGE``) is dropped, the
  displayed result kept, in complex fields, simple fields and hyperlinks;
  deleted revisions (``w:del``) are dropped, insertions kept;
- full-width spaces typed as a first-line indent (　　) are stripped by the
  callers;
- numbering from a list definition (``w:numPr`` on the paragraph or its
  style): a 一、 heading whose text lacks the number gets it back, computed
  from the list level's format (chineseCounting, decimal, …) and lvlText;
  every list paragraph also carries its place in its list (:class:`ListMark`:
  list, level, format, number), from which :mod:`.word` makes list blocks.
  An item the issue file's list cannot hold (a nested level; a number such
  as ①, A. or （1）) keeps its number as text, with a remark; a nested
  bullet is written ○;
- text boxes (w:txbxContent, DrawingML or VML) are read as paragraphs after
  the paragraph they are anchored in (with a remark saying so);
- footnotes and endnotes: the reference becomes a note mark in the text and
  the note's paragraphs follow the paragraph (``footnote``); a superscript
  run holding a note number (① or 1 after Han text) is a mark too, and a
  paragraph opening with that circled number is its note. Marks are ¹–⁴
  when every note of the document is numbered 1–4 (the superscripts every
  bundled body font prints), else ①–⑳. Other superscripts become Unicode
  superscripts when those print (m², 10³); what cannot be is kept as plain
  text with a remark — the issue file has no markup;
- a picture's width in the document (wp:extent, or a VML style) is kept.

The package is checked first (:mod:`.word_package`: bounded sizes, no DTD,
well-formed XML).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...errors import IssueError
from ..textjoin import join_text
from ..wording import chinese_number
from .word_package import check_package

#: Largest Word file accepted, in bytes (pictures make them big).
MAX_WORD_BYTES = 100 * 1024 * 1024
#: Suffixes LibreOffice converts for us.
CONVERTED_SUFFIXES = (".doc", ".wps")
WORD_SUFFIXES = (".docx", *CONVERTED_SUFFIXES)
#: How to get LibreOffice, in the message shown when it is missing.
INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#: EMU (DrawingML's unit) per pt.
EMU_PER_PT = 12700


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


#: Subtrees whose text is not part of the paragraph as printed.
#: Text boxes (w:txbxContent) are read apart, as paragraphs after the one
#: they are anchored in; mc:Fallback repeats the mc:Choice before it.
_SKIP = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delText"), _w("delInstrText"),
         _w("fldData"), _w("pPr"), _w("rPr"), f"{{{_MC}}}Fallback",
         _w("footnoteRef"), _w("endnoteRef"), _w("separator"), _w("continuationSeparator")}


@dataclass(frozen=True)
class ListMark:
    """A paragraph's place in a Word list (``w:numPr``, read with the
    numbering part's definitions)."""

    #: The list (its w:numId): consecutive items of one list make one list block.
    list: str
    #: Its level (w:ilvl), 0 the outermost.
    level: int
    #: The level's number format (w:numFmt): decimal, bullet, chineseCounting …
    format: str
    #: The level's text (w:lvlText): "%1." prints 1., "（%1）" prints （1）.
    pattern: str
    #: Its number as printed (1., 一、; "" for a bullet), put before its text.
    label: str
    #: Its count in the list (the first item's is where the list starts).
    number: int
    #: The number format of the list's outermost level (bullet, decimal,
    #: chineseCounting for headings numbered 一、 （一） 1. …).
    outer: str = ""

    #: Level texts of a decimal list the issue file's numbered list prints (as 1.).
    NUMBERED = ("%1.", "%1．", "%1、")

    @property
    def marker(self) -> str | None:
        """The issue file's list marker for this item: "number" (1. 2. 3.;
        also for 1、 and 1．, which print as 1.), "bullet" (any bullet, ●), or
        None when the item is no list block's (a nested level, a heading
        number 一、, a number ①, A., （1） …)."""
        if self.level != 0:
            return None
        if self.format == "bullet":
            return "bullet"
        if self.format == "decimal" and self.pattern in self.NUMBERED:
            return "number"
        return None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document as printed."""

    #: Its text, list number included; soft line breaks as "\n".
    text: str
    #: For people: 第 12 段.
    where: str
    #: 0: Title style; 1, 2, …: heading level by style or outline level; None: body.
    level: int | None = None
    #: The paragraph is centred.
    centred: bool = False
    #: The paragraph is set flush right (a contributor line often is).
    right: bool = False
    #: Size of its largest type, in points (None: not known).
    size: float | None = None
    #: Set in the Caption (题注) style.
    caption: bool = False
    #: The text of a footnote or endnote (its mark first), or a paragraph
    #: typed as one (opening with the mark of a superscript mark in the text).
    footnote: bool = False
    #: Its place in a Word list (None: not a list's); ``text`` starts with its label.
    listed: ListMark | None = None


@dataclass(frozen=True)
class Table:
    """A table: rows of cell texts (a merged cell's text only in its first cell)."""

    rows: tuple[tuple[str, ...], ...]
    where: str


@dataclass(frozen=True)
class Picture:
    """A picture placed in the text."""

    data: bytes
    #: The image part's suffix as stored (.png, .jpeg, .emf, …), lower case.
    suffix: str
    where: str
    #: The width it is shown at in the document, in pt (None: not given).
    width: float | None = None


Item = Paragraph | Table | Picture


# --- .doc and .wps -------------------------------------------------------------

def soffice() -> str | None:
    """LibreOffice's command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, work: Path) -> Path:
    """Convert a .doc/.wps file to .docx in ``work`` with LibreOffice headless."""
    command = soffice()
    if command is None:
        raise IssueError(path, f"读取 {path.suffix.lower()} 文件需要 LibreOffice，本机没有安装。"
                               f"请先安装：{INSTALL_HINT}；"
                               "或者用 Word/WPS 把它另存为 .docx 后再导入")
    profile = work / "profile"
    try:
        done = subprocess.run(
            [command, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(path)],
            capture_output=True, timeout=180, stdin=subprocess.DEVNULL,
            env={**os.environ, "HOME": str(work)})
    except subprocess.TimeoutExpired:
        raise IssueError(path, "LibreOffice 转换超时（3 分钟），没有导入") from None
    converted = work / (path.stem + ".docx")
    if done.returncode != 0 or not converted.exists():
        raise IssueError(path, "LibreOffice 没能把它转换成 .docx（文件可能已损坏、有密码保护，"
                               "或不是 Word/WPS 文档）")
    return converted


# --- reading ------------------------------------------------------------------

def read_word(path: Path) -> tuple[list[Item], list[str]]:
    """The paragraphs, tables and pictures of a Word document, and notes."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_WORD_BYTES:
        raise IssueError(path, f"文件太大（{size // (1024 * 1024)} MB），不像是一篇稿件或一期周报")
    notes: list[str] = []
    if path.suffix.lower() in CONVERTED_SUFFIXES:
        with tempfile.TemporaryDirectory(prefix="weekly-pdf-word-") as work:
            converted = convert_to_docx(path, Path(work))
            notes.append(f"{path.suffix.lower()} 文件已用 LibreOffice 转换成 .docx 后读取")
            items, remarks = _read_docx(converted, path)
            return items, notes + remarks
    items, remarks = _read_docx(path, path)
    return items, notes + remarks


def _read_docx(path: Path, shown: Path) -> tuple[list[Item], list[str]]:
    """The items of a .docx and remarks on how it was read (text boxes
    placed, superscripts set as plain text)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if not zipfile.is_zipfile(path):
        if path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
            raise IssueError(shown, "这不是 .docx 文件（像是旧的 .doc 格式，或有密码保护）；"
                                    "请把扩展名改成 .doc 再导入，或在 Word/WPS 里另存为 .docx")
        raise IssueError(shown, "这不是有效的 Word 文件（.docx 应是一个 zip 包）")
    check_package(path, shown)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile,
            etree.XMLSyntaxError) as exc:
        reason = "缺少必需的部件" if isinstance(exc, (KeyError, PackageNotFoundError)) else \
            "内容不完整" if isinstance(exc, etree.XMLSyntaxError) else "格式不对"
        raise IssueError(shown, f"Word 文件已损坏，读不出内容（{reason}）；"
                                "请用 Word/WPS 打开后另存为 .docx 再导入") from None
    reader = _Reader(document)
    return reader.items(), reader.remarks


#: Characters of a superscript run that become Unicode superscripts: the
#: ones every body font of the project can print (Noto Serif CJK has ¹²³⁴
#: and no other superscript digit), and circled note numbers ①–④.
SUPERSCRIPT = {"1": "¹", "2": "²", "3": "³", "4": "⁴",
               "①": "¹", "②": "²", "③": "³", "④": "⁴"}
#: A note mark: a circled number, or a number (after Han text or a mark, not
#: after a letter or digit, where a superscript is an exponent: m², 10³).
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARK_RE = re.compile(rf"^(?:[{_CIRCLED}]|\[?\d{{1,2}}\]?)$")
#: A note mark in the text while the document is read (its number inside);
#: private-use characters, replaced before the items leave the reader.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_PLACED_MARK_RE = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
#: A paragraph typed as a note: it opens with a circled number, or a mark
#: typed as a superscript (注① …).
_TYPED_NOTE_RE = re.compile(
    rf"^(?:注[:：]?\s*)?(?:(?P<mark>[{_CIRCLED}])|{_MARK_OPEN}(?P<placed>\d+){_MARK_CLOSE})")


def note_mark(number: int, superscript: bool) -> str:
    """How note ``number`` is marked: ¹–⁴ when every note of the document
    has one, else a circled number ①–⑳ (then [21] …)."""
    if superscript:
        return SUPERSCRIPT[str(number)]
    return _CIRCLED[number - 1] if 1 <= number <= len(_CIRCLED) else f"[{number}]"


class _Reader:
    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.styles = {s.style_id: s for s in document.styles}
        self.numbering = _Numbering(document)
        self.count = 0
        #: Style chains by paragraph style id (None: the default style).
        self.chains: dict[str | None, list] = {}
        #: Footnotes and endnotes by (kind, id): their elements.
        self.notes_xml = _notes(document)
        #: Note numbers used, in order of their marks: Word's notes numbered
        #: by their references, marks typed as superscripts by their value.
        self.note_numbers: list[int] = []
        self.references = 0
        #: Numbers of the marks the author typed as superscripts.
        self.typed_numbers: set[int] = set()
        #: What a person should know about how the document was read.
        self.remarks: list[str] = []
        #: Lists already remarked on (their ids), so that each is named once.
        self.remarked_lists: set[str] = set()

    def items(self) -> list[Item]:
        out: list[Item] = []
        self.walk(self.document.element.body, out)
        return self.finish(out)

    def finish(self, items: list[Item]) -> list[Item]:
        """Put the note marks in: superscripts when all notes are numbered
        1–4, else circled numbers. A paragraph typed as a note (opening with
        the number of a mark typed as a superscript in the text) is a note."""
        superscript = bool(self.note_numbers) and max(self.note_numbers) <= 4

        def marks(text: str) -> str:
            return _PLACED_MARK_RE.sub(lambda m: note_mark(int(m[1]), superscript), text)

        out: list[Item] = []
        for item in items:
            if isinstance(item, Paragraph):
                text, footnote = item.text, item.footnote
                typed = _TYPED_NOTE_RE.match(text.lstrip(" \u3000\t"))
                if typed and not footnote:
                    n = int(typed["placed"]) if typed["placed"] else _CIRCLED.index(typed["mark"]) + 1
                    if n in self.typed_numbers:
                        text = f"{_MARK_OPEN}{n}{_MARK_CLOSE}" + text.lstrip(" \u3000\t")[typed.end():]
                        footnote = True
                item = dataclasses.replace(item, text=marks(text), footnote=footnote)
            elif isinstance(item, Table):
                item = dataclasses.replace(item, rows=tuple(tuple(marks(c) for c in row)
                                                            for row in item.rows))
            out.append(item)
        return out

    def walk(self, parent, out: list[Item], where: str | None = None) -> None:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        # Paragraphs are counted in the text's own flow (as a person counts
        # them), not in text boxes and notes (``where`` given).
        for child in parent.iterchildren():
            if child.tag == _w("p"):
                self.count += where is None
                out.extend(self.paragraph(DocxParagraph(child, self.document._body), where))
            elif child.tag == _w("tbl"):
                self.count += where is None
                out.extend(self.table(DocxTable(child, self.document._body), where))
            elif child.tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
                self.walk(child, out, where)

    def where(self) -> str:
        return f"第 {self.count} 段"

    # paragraphs ---------------------------------------------------------------

    def paragraph(self, paragraph, where: str | None = None) -> list[Item]:
        """The paragraph's text, with the pictures it holds before or after
        it, then the paragraphs of its text boxes and its notes."""
        where = where or self.where()
        pieces: list = []
        self.text_of(paragraph._p, pieces, where)
        listed = self.numbering.mark(paragraph, self.style_chain(paragraph))
        number = listed.label if listed else ""
        text = "".join(p for p in pieces if isinstance(p, str))
        before: list[Item] = []
        after: list[Item] = []
        seen_text = False
        for piece in pieces:
            if isinstance(piece, str):
                seen_text = seen_text or bool(piece.strip())
            elif isinstance(piece, Picture):
                (after if seen_text else before).append(piece)
        out: list[Item] = list(before)
        if text.strip():
            if number and not text.lstrip(" \u3000\t").startswith(number):
                text = number + text.lstrip(" \u3000\t")
            align = self.alignment(paragraph)
            level = self.level(paragraph)
            if listed is not None and level is None:
                self.remark_list(listed, where)
            out.append(Paragraph(text, where, level, align == "center", align == "right",
                                 self.size(paragraph), self.is_caption(paragraph),
                                 listed=listed))
        out.extend(after)
        for piece in pieces:
            if isinstance(piece, _Box):
                out.extend(self.box(piece, where))
        for piece in pieces:
            if isinstance(piece, _Note):
                out.extend(self.note(piece, where))
        return out

    def remark_list(self, listed: ListMark, where: str) -> None:
        """Say (once per list) that items of it are kept as paragraphs with
        their numbers as text: a nested level of a list, or a number the issue
        file's list does not print. Numbers 一、 （一） 甲 and the levels under
        them (headings after GB/T 9704, read as before) are not remarked on."""
        if listed.marker is not None or listed.list in self.remarked_lists \
                or _CHINESE_FORMATS.search(listed.format):
            return
        if listed.level > 0 and listed.outer not in ("bullet", "decimal"):
            return  # headings numbered 一、 （一） 1. (GB/T 9704), as before
        self.remarked_lists.add(listed.list)
        if listed.level > 0:
            self.remarks.append(
                f"{where}起有第 {listed.level + 1} 级列表项，期刊文件的列表只有一级：按正文段落导入，"
                "编号写在文字里（圆点写成○），请核对")
        else:
            shown = listed.label or listed.pattern
            self.remarks.append(
                f"{where}起的列表编号“{shown}”不是 1. 2. 3. 或圆点：按正文段落导入，编号写在文字里")

    def text_of(self, element, pieces: list, where: str) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _w("t"):
                pieces.append(child.text or "")
            elif tag == _w("r") and self.script(child) is not None:
                self.scripted_run(child, pieces, where)
            elif tag == _w("tab"):
                pieces.append(" ")  # a tab in Chinese text only spaces things out
            elif tag == _w("br"):
                if child.get(_w("type")) in (None, "textWrapping"):
                    pieces.append("\n")  # page and column breaks carry no text
            elif tag == _w("cr"):
                pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                note = self.notes_xml.get((kind, child.get(_w("id"))))
                if note is not None and child.get(_w("customMarkFollows")) not in ("1", "true"):
                    self.references += 1
                    self.note_numbers.append(self.references)
                    pieces.append(f"{_MARK_OPEN}{self.references}{_MARK_CLOSE}")
                    pieces.append(_Note(note, self.references))
                elif note is not None:  # the mark is the run's own text (① typed by the author)
                    pieces.append(_Note(note, None))
            elif tag == _w("txbxContent"):
                pieces.append(_Box(child))
            elif tag == f"{{{_A}}}blip" or tag == f"{{{_V}}}imagedata":
                picture = self.picture(child, where)
                if picture is not None:
                    pieces.append(picture)
            else:
                self.text_of(child, pieces, where)

    def script(self, run) -> str | None:
        """"superscript" or "subscript" when the run is set so (directly or
        by its character style), else None."""
        rpr = run.find(_w("rPr"))
        elements = [rpr] if rpr is not None else []
        style = rpr.find(_w("rStyle")) if rpr is not None else None
        if style is not None and style.get(_w("val")) in self.styles:
            found = self.styles[style.get(_w("val"))]
            seen = set()
            while found is not None and found.style_id not in seen:
                seen.add(found.style_id)
                elements.append(found.element.find(_w("rPr")))
                found = found.base_style
        for element in elements:
            align = element.find(_w("vertAlign")) if element is not None else None
            if align is not None and align.get(_w("val")) in ("superscript", "subscript"):
                return align.get(_w("val"))
        return None

    def scripted_run(self, run, pieces: list, where: str) -> None:
        """A superscript or subscript run: a note mark (① or 1 after Han
        text), a superscript every font prints (m², 10³), or else its text
        as it is, with a remark (the issue file has no superscripts)."""
        inner: list = []
        self.text_of_run(run, inner, where)
        text = "".join(p for p in inner if isinstance(p, str))
        others = [p for p in inner if not isinstance(p, str)]
        mark = text.strip()
        before = "".join(p for p in pieces if isinstance(p, str)).rstrip()
        kind = self.script(run)
        if not mark or _MARK_OPEN in text:  # nothing, or Word's own note reference
            pieces.extend(inner)
            return
        if kind == "superscript" and _MARK_RE.match(mark) and (
                mark in _CIRCLED or not before or not before[-1].isascii()
                or not before[-1].isalnum()):
            number = _CIRCLED.index(mark) + 1 if mark in _CIRCLED else int(mark.strip("[]"))
            if number >= 1:
                self.note_numbers.append(number)
                self.typed_numbers.add(number)
                pieces.append(f"{_MARK_OPEN}{number}{_MARK_CLOSE}")
                pieces.extend(others)
                return
        if kind == "superscript" and all(c in SUPERSCRIPT for c in mark):
            pieces.append("".join(SUPERSCRIPT[c] for c in text if c in SUPERSCRIPT))
        else:
            word = "上标" if kind == "superscript" else "下标"
            self.remarks.append(f"{where}的{word}“{mark}”按普通文字导入（期刊文件不能排{word}）")
            pieces.append(text)
        pieces.extend(others)

    def text_of_run(self, run, pieces: list, where: str) -> None:
        """The pieces of a run (its children: the run's own script set aside)."""
        self.text_of(run, pieces, where)

    def box(self, box: "_Box", where: str) -> list[Item]:
        """The paragraphs and tables of a text box, read where it is anchored."""
        out: list[Item] = []
        self.walk(box.element, out, f"{where}旁的文本框")
        text = "".join(i.text for i in out if isinstance(i, Paragraph))
        if text.strip():
            shown = text.strip()[:20] + ("…" if len(text.strip()) > 20 else "")
            self.remarks.append(f"{where}旁的文本框里的文字（{shown}）已接在这一段后面导入，请核对位置")
        return out

    def note(self, note: "_Note", where: str) -> list[Item]:
        """A footnote's or endnote's paragraphs, its mark before the first."""
        out: list[Item] = []
        self.walk(note.element, out, f"{where}的脚注")
        paragraphs = [i for i in out if isinstance(i, Paragraph)]
        if paragraphs and note.number is not None:
            first = paragraphs[0]
            out[out.index(first)] = dataclasses.replace(
                first, text=f"{_MARK_OPEN}{note.number}{_MARK_CLOSE}" + first.text.lstrip(" \u3000\t"))
        return [dataclasses.replace(i, footnote=True) if isinstance(i, Paragraph) else i
                for i in out]

    def picture(self, element, where: str) -> Picture | None:
        rid = element.get(f"{{{_R}}}embed") or element.get(f"{{{_R}}}id")
        if not rid or rid not in self.part.rels or self.part.rels[rid].is_external:
            return None
        target = self.part.related_parts[rid]
        suffix = Path(str(target.partname)).suffix.lower()
        return Picture(target.blob, suffix, where, _shown_width(element))

    # styles -------------------------------------------------------------------

    def style_chain(self, paragraph) -> list:
        """The paragraph's style, the style it is based on, and so on (found
        once per style: python-docx looks a style up slowly)."""
        key = paragraph._p.style
        chain = self.chains.get(key)
        if chain is None:
            chain, style, seen = [], paragraph.style, set()
            while style is not None and style.style_id not in seen:
                seen.add(style.style_id)
                chain.append(style)
                style = style.base_style
            self.chains[key] = chain
        return chain

    def level(self, paragraph) -> int | None:
        for style in self.style_chain(paragraph):
            for name in (style.name or "", style.style_id or ""):
                name = name.strip().lower()
                if name in ("title", "标题"):
                    return 0
                match = re.fullmatch(r"(?:heading|标题)\s*(\d)", name)
                if match:
                    return int(match[1])
        for element in [paragraph._p, *(s.element for s in self.style_chain(paragraph))]:
            outline = element.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            if outline is not None and outline.get(_w("val"), "9").isdigit():
                value = int(outline.get(_w("val")))
                if value < 9:
                    return value + 1
        return None

    def is_caption(self, paragraph) -> bool:
        return any((s.name or "").strip().lower() in ("caption", "题注")
                   for s in self.style_chain(paragraph))

    def alignment(self, paragraph) -> str | None:
        """"center", "right" or None (left, justified, distributed)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        value = paragraph.alignment
        if value is None:
            value = next((s.paragraph_format.alignment for s in self.style_chain(paragraph)
                          if s.paragraph_format.alignment is not None), None)
        return {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right"}.get(value)

    def size(self, paragraph) -> float | None:
        style_size = next((s.font.size.pt for s in self.style_chain(paragraph)
                           if s.font is not None and s.font.size is not None), None)
        sizes = [run.font.size.pt if run.font.size is not None else style_size
                 for run in paragraph.runs if run.text.strip()]
        sizes = [s for s in sizes if s is not None]
        return max(sizes) if sizes else style_size

    # tables -------------------------------------------------------------------

    def table(self, table, where: str | None = None) -> list[Item]:
        """The table (a text box in a cell joins the cell's text), then the
        notes its cells refer to."""
        where = where or self.where()
        rows, seen = [], {}  # id → element, kept alive so that ids stay unique
        notes: list[Item] = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if id(cell._tc) in seen:
                    cells.append("")  # the rest of a merged cell
                    continue
                seen[id(cell._tc)] = cell._tc
                texts = []
                for p in cell.paragraphs:
                    pieces: list = []
                    self.text_of(p._p, pieces, where)
                    texts.append("".join(x for x in pieces if isinstance(x, str)))
                    for piece in pieces:
                        if isinstance(piece, _Box):
                            texts += [i.text for i in self.box(piece, where)
                                      if isinstance(i, Paragraph)]
                        elif isinstance(piece, _Note):
                            notes += self.note(piece, where)
                text = ""
                for piece in texts:
                    text = join_text(text, piece.strip(" \u3000\t\n"))
                cells.append(text)
            rows.append(tuple(cells))
        return [Table(tuple(rows), where), *notes]


@dataclass(frozen=True)
class _Box:
    """A text box met in a paragraph (its w:txbxContent)."""

    element: object


@dataclass(frozen=True)
class _Note:
    """A footnote or endnote referred to in a paragraph: its element, and its
    number (None when the author typed the mark after the reference)."""

    element: object
    number: int | None


def _notes(document) -> dict[tuple[str, str], object]:
    """The document's footnotes and endnotes by (kind, id); Word's separator
    notes left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    found: dict[tuple[str, str], object] = {}
    for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            part = rel.target_part
            root = getattr(part, "element", None)
            if root is None:  # a part python-docx keeps as bytes (checked in word_package)
                root = parse_xml(part.blob)  # python-docx's parser: its element classes
            for note in root.findall(_w(kind)):
                if note.get(_w("type")) in (None, "normal"):
                    found[(kind, note.get(_w("id")))] = note
    return found


_LENGTH_RE = re.compile(r"(?:^|;)\s*width\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px)?", re.I)
_PT_PER = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, None: 0.75}


def _shown_width(element) -> float | None:
    """The width a picture is shown at, in pt: a DrawingML picture's extent
    (wp:extent cx, in EMU) or a VML shape's style width."""
    node = element
    while node is not None:
        if node.tag in (f"{{{_WP}}}inline", f"{{{_WP}}}anchor"):
            extent = node.find(f"{{{_WP}}}extent")
            try:
                cx = int(extent.get("cx")) if extent is not None else 0
            except (TypeError, ValueError):
                return None
            return cx / EMU_PER_PT if cx > 0 else None
        if node.tag == f"{{{_V}}}shape":
            match = _LENGTH_RE.search(node.get("style") or "")
            if match:
                value = float(match[1]) * _PT_PER[match[2] and match[2].lower()]
                return value if value > 0 else None
            return None
        node = node.getparent()
    return None


# --- numbering -----------------------------------------------------------------

def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in a Word number format."""
    if fmt.endswith(("Counting", "CountingThousand")) and not fmt.startswith("korean"):
        return chinese_number(n)  # chinese…, taiwanese… (LibreOffice), japanese…
    if fmt == "chineseLegalSimplified":
        return "".join("零壹贰叁肆伍陆柒捌玖"[int(d)] for d in str(n)) if n < 10 else str(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("upperLetter", "lowerLetter") and 1 <= n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


#: Number formats of Chinese numerals (一、 二、, 甲 乙): heading numbers, not lists.
_CHINESE_FORMATS = re.compile(r"Counting|chineseLegal|ideograph")
#: What a nested bullet is written as: Word's own second-level bullet (o) looks so.
NESTED_BULLET = "\u25cb"


class _Numbering:
    """Counts list paragraphs and gives each its printed number (一、, （二）)."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId → level → count
        self.abstract_of: dict[str, str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstracts = {}
        for abstract in numbering.findall(_w("abstractNum")):
            levels = {}
            for lvl in abstract.findall(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = self._level(lvl)
            abstracts[abstract.get(_w("abstractNumId"))] = levels
        for num in numbering.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is None or ref.get(_w("val")) not in abstracts:
                continue
            levels = dict(abstracts[ref.get(_w("val"))])
            for override in num.findall(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                start = override.find(_w("startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(_w("val"), "1")))
            self.levels[num.get(_w("numId"))] = levels
            self.abstract_of[num.get(_w("numId"))] = ref.get(_w("val"))

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        def val(tag: str, default: str) -> str:
            element = lvl.find(_w(tag))
            return element.get(_w("val"), default) if element is not None else default
        return val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1") or 1)

    def mark(self, paragraph, styles: list) -> ListMark | None:
        """``paragraph``'s place in its list, its printed number (一、, 1.;
        "" for a bullet, ○ for a nested one) included; None when it is no
        list's."""
        num_id = ilvl = None
        for element in [paragraph._p, *(s.element for s in styles)]:
            numpr = element.find(f"{_w('pPr')}/{_w('numPr')}")
            if numpr is None:
                continue
            if num_id is None and numpr.find(_w("numId")) is not None:
                num_id = numpr.find(_w("numId")).get(_w("val"))
            if ilvl is None and numpr.find(_w("ilvl")) is not None:
                ilvl = int(numpr.find(_w("ilvl")).get(_w("val"), "0"))
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return None
        ilvl = ilvl or 0
        levels = self.levels[num_id]
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(self.abstract_of[num_id], {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]

        def counter(match) -> str:
            k = int(match[1]) - 1
            if k not in levels:
                return ""
            return format_number(counters.get(k, levels[k][2]), levels[k][0])

        label = "" if fmt in ("bullet", "none") else re.sub(r"%(\d)", counter, text)
        if fmt == "bullet" and ilvl > 0:
            label = NESTED_BULLET
        outer = levels[0][0] if 0 in levels else fmt
        return ListMark(num_id, ilvl, fmt, text, label, counters[ilvl], outer)


# --- soft line breaks ----------------------------------------------------------

def split_soft_breaks(text: str) -> list[str]:
    """A paragraph's text cut at its soft line breaks where they end a
    sentence or start an indented line; joined where they cut a sentence."""
    from .parse import is_complete

    parts: list[str] = []
    for piece in text.split("\n"):
        indented = piece[:1] in (" ", "\u3000", "\t")
        piece = piece.strip(" \t\u3000\u00a0")
        if not piece:
            continue
        if parts and not indented and not is_complete(parts[-1]):
            parts[-1] = join_text(parts[-1], piece)
        else:
            parts.append(piece)
    return parts
