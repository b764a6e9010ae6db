"""Word features python-docx has no API for, written as the XML Word itself
writes them: text boxes (DrawingML with a VML fallback), footnotes (a
footnotes part and references), superscript runs, list definitions and list
items (a numbering part's w:abstractNum and w:num, w:numPr); and .docx packages built
by hand (a zip bomb, entity definitions, broken XML). Every test document
is made by the test that reads it; nothing here is a stored binary.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W = nsdecls("w")
BOX_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                  'xmlns:v="urn:schemas-microsoft-com:vml"')


def _paragraphs_xml(texts: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)


def add_text_box(paragraph, texts: list[str], *, vml_only: bool = False) -> None:
    """Anchor a floating text box holding ``texts`` (one paragraph each) in
    ``paragraph``, as Word 2010+ writes it: the DrawingML shape in mc:Choice,
    the same text again in a VML mc:Fallback; or (``vml_only``) as older Word
    and WPS write it, a VML shape alone."""
    content = f"<w:txbxContent>{_paragraphs_xml(texts)}</w:txbxContent>"
    if vml_only:
        paragraph._p.append(parse_xml(
            f'<w:r {BOX_NAMESPACES}><w:pict><v:shape style="width:157.5pt;height:47.25pt">'
            f'<v:textbox>{content}</v:textbox></v:shape></w:pict></w:r>'))
        return
    run = parse_xml(
        f'<w:r {BOX_NAMESPACES}><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="600000"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="7" name="文本框 7"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape style="position:absolute;width:157.5pt;height:47.25pt">'
        f'<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    paragraph._p.append(run)


_FOOTNOTES_HEAD = (
    f'<w:footnotes {W}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote>')
_SUPERSCRIPT = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'


def add_footnotes(document, notes: list[str]) -> None:
    """Give ``document`` a footnotes part with ``notes`` (ids 1, 2, …), each
    opening with its reference mark as Word writes it."""
    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r>{_SUPERSCRIPT}<w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for n, text in enumerate(notes, 1))
    xml = (_FOOTNOTES_HEAD + body + "</w:footnotes>").encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph, note_id: int) -> None:
    """Word's reference to footnote ``note_id`` (numbered by Word when printed)."""
    paragraph._p.append(parse_xml(
        f'<w:r {W}>{_SUPERSCRIPT}<w:footnoteReference w:id="{note_id}"/></w:r>'))


def add_superscript(paragraph, text: str, kind: str = "superscript") -> None:
    """A run of ``text`` set as a superscript (or ``kind`` subscript)."""
    paragraph._p.append(parse_xml(
        f'<w:r {W}><w:rPr><w:vertAlign w:val="{kind}"/></w:rPr><w:t>{text}</w:t></w:r>'))


# --- packages made by hand -------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document {W}><w:body>{body}</w:body></w:document>').encode("utf-8")


def write_package(path: Path, document: bytes | None = None, *,
                  chunks: tuple[bytes, int] | None = None) -> Path:
    """A minimal .docx at ``path``: its document.xml is ``document``, or
    (``chunks``: a piece and a count) that piece repeated between a head and
    a tail, streamed into the zip so that the test never holds it whole."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        if chunks is None:
            package.writestr("word/document.xml", document)
        else:
            piece, count = chunks
            head, tail = document_xml("|").split(b"|")
            with package.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head)
                block = piece * 10_000
                for _ in range(count // 10_000):
                    part.write(block)
                part.write(piece * (count % 10_000))
                part.write(tail)
    return path


# --- lists -------------------------------------------------------------------------

def add_list_definition(document, levels: list[tuple[str, str]], start: int = 1) -> str:
    """A list definition in ``document``'s numbering part, as Word writes one:
    a w:abstractNum with ``levels`` ((w:numFmt, w:lvlText) of each level, the
    outer first: ("decimal", "%1."), ("bullet", "•") …) and a w:num
    referring to it. Returns its numId, for :func:`make_list_item`."""
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    abstract_id = 1 + max((int(a.get(qn("w:abstractNumId")))
                           for a in numbering.findall(qn("w:abstractNum"))), default=0)
    num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))),
                     default=0)
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))  # every w:abstractNum comes before the w:nums
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def make_list_item(paragraph, num_id: str, level: int = 0) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level`` (its w:numPr)."""
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
