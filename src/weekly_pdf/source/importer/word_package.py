"""Check a .docx package before python-docx reads it: bounded, well-formed, no DTDs.

A .docx is a zip of XML parts and pictures. Only its compressed size is
limited by the file size check (``word_source.MAX_WORD_BYTES``); a few hundred
KB can unpack to gigabytes (a zip bomb) or to millions of paragraphs, and an
XML part can declare entities that expand exponentially (billion laughs).
python-docx loads every part into memory and parses every XML part whole, so
everything is bounded here first, from the zip's directory and one streaming
pass over each XML part:

- at most :data:`MAX_PARTS` parts, :data:`MAX_UNPACKED_BYTES` unpacked in
  all (pictures included) and :data:`MAX_XML_PART_BYTES` for one XML part
  (zipfile never returns more than a part's declared size: a part that
  unpacks to more fails its CRC check);
- at most :data:`MAX_XML_ELEMENTS` XML elements in all parts together and
  :data:`MAX_PARAGRAPHS` paragraphs in the document;
- no DOCTYPE (Word never writes one; entity definitions live there);
- an XML part is one named .xml/.rels or one that begins like XML, whatever
  its name (the content types, not the name, tell python-docx what to parse);
- every XML part well-formed: a broken one is named, with the line and
  column where it breaks.

Every refusal is one Chinese :class:`~weekly_pdf.errors.IssueError` naming
the user's file (and the part inside it).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import IssueError

#: Parts a package may hold (a long back issue with pictures has about 60).
MAX_PARTS = 2000
#: Bytes all parts may unpack to together (pictures are most of it).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Bytes one XML part may unpack to (a 50-page document.xml is about 2 MB).
MAX_XML_PART_BYTES = 32 * 1024 * 1024
#: XML elements in all parts together (a whole back issue has about 20 000).
MAX_XML_ELEMENTS = 300_000
#: Paragraphs (w:p) in the document, table cells and text boxes included
#: (an issue holds at most 600 paragraphs).
MAX_PARAGRAPHS = 20_000

_MB = 1024 * 1024
_W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_DOCTYPE = ("<!DOCTYPE", "<!ENTITY")


def _is_xml(name: str, head: bytes) -> bool:
    """Is this part XML python-docx may parse? Named so, or beginning like
    XML whatever its name (the content types, not the name, decide what a
    reader parses); pictures never do, SVG pictures are not parsed."""
    if name.lower().endswith((".xml", ".rels")):
        return True
    if name.lower().endswith(".svg"):
        return False
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return start.startswith(b"<")


def _has_doctype(head: bytes) -> bool:
    """Does an XML part's beginning declare a DOCTYPE (or entities)? The
    prolog comes before the first element, so its first bytes tell."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        if any(mark.encode(encoding) in head for mark in _DOCTYPE):
            return True
    return False


def check_package(path: Path, shown: Path) -> None:
    """Refuse the .docx at ``path`` (reported as ``shown``, the user's
    file) when it unpacks to too much, holds too many elements, declares a
    DOCTYPE or has a broken XML part."""
    from lxml import etree

    def refuse(message: str, hint: str = "") -> IssueError:
        return IssueError(shown, message + "，没有导入" + (f"；{hint}" if hint else ""))

    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            if len(infos) > MAX_PARTS:
                raise refuse(f"Word 文件里的部件太多（{len(infos)} 个，最多 {MAX_PARTS} 个），"
                             "不像是一篇稿件或一期周报")
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                raise refuse(f"Word 文件解压后太大（{unpacked / _MB:.0f} MB，最多 "
                             f"{MAX_UNPACKED_BYTES // _MB} MB），可能是恶意构造的“压缩炸弹”")
            elements = paragraphs = 0
            for info in infos:
                name = info.filename
                if info.is_dir():
                    continue
                with package.open(info) as part:
                    head = part.read(4096)
                if not _is_xml(name, head):
                    continue
                if info.file_size > MAX_XML_PART_BYTES:
                    raise refuse(f"Word 文件里的 {name} 解压后太大（{info.file_size / _MB:.0f} MB，"
                                 f"最多 {MAX_XML_PART_BYTES // _MB} MB），可能是恶意构造的“压缩炸弹”")
                if _has_doctype(head):
                    raise refuse(f"Word 文件里的 {name} 含有 DOCTYPE 声明（Word 从不写它；"
                                 "可能是恶意构造的“实体炸弹”）")
                with package.open(info) as part:
                    try:
                        for _, element in etree.iterparse(
                                part, events=("start",), resolve_entities=False,
                                no_network=True, load_dtd=False, huge_tree=False):
                            elements += 1
                            if element.tag == _W_P:
                                paragraphs += 1
                            if elements > MAX_XML_ELEMENTS:
                                raise refuse(f"Word 文件的内容太多（超过 {MAX_XML_ELEMENTS} 个 "
                                             "XML 元素），不像是一篇稿件或一期周报")
                            if paragraphs > MAX_PARAGRAPHS:
                                raise refuse(f"Word 文件里的段落太多（超过 {MAX_PARAGRAPHS} 段），"
                                             "不像是一篇稿件或一期周报")
                            if element.getparent() is not None:
                                # keep memory flat: what was read is not needed again
                                previous = element.getprevious()
                                if previous is not None:
                                    previous.clear()
                    except etree.XMLSyntaxError as exc:
                        line, column = exc.position if exc.position else (exc.lineno, 0)
                        raise refuse(f"Word 文件已损坏：其中的 {name} 不是完整的 XML"
                                     f"（第 {line} 行第 {column} 列出错），读不出内容",
                                     "请用 Word/WPS 打开后另存为 .docx 再导入") from None
    except zipfile.BadZipFile as exc:
        raise refuse(f"Word 文件已损坏，zip 包读不出来（{_zip_reason(exc)}）") from None
    except (EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # an unsupported compression method, an encrypted member, a truncated file
        raise refuse(f"Word 文件已损坏或用了读不了的压缩方式（{type(exc).__name__}）") from None


def _zip_reason(exc: zipfile.BadZipFile) -> str:
    text = str(exc)
    if "CRC" in text:
        return "有部件的校验值不对，可能是解压后大小被改过"
    if "Truncated" in text or "truncated" in text:
        return "文件不完整"
    return "不是有效的 zip 包"
