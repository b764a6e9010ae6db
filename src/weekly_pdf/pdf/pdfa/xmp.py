"""The XMP metadata packet of a PDF, written so that every validator reads it.

WeasyPrint declares its namespaces once on ``rdf:RDF``; PDFBox's xmpbox only
looks for them on each ``rdf:Description`` and then reports the PDF/A
identification schema as missing. Here every ``rdf:Description`` declares the
one namespace it uses, the packet has no ``bytes``/``encoding`` attributes, and
each property mirrors the document information dictionary exactly (PDF/A
requires the two to agree): Title ↔ dc:title, Author ↔ dc:creator, Subject ↔
dc:description, Keywords ↔ pdf:Keywords, Creator ↔ xmp:CreatorTool,
Producer ↔ pdf:Producer, CreationDate ↔ xmp:CreateDate, ModDate ↔
xmp:ModifyDate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NAMESPACES = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}

#: The packet header: the begin attribute holds a byte order mark, as XMP asks.
HEADER = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
TRAILER = '<?xpacket end="r"?>'


@dataclass(frozen=True)
class DocumentInfo:
    """What the metadata says about a document (all optional)."""

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)
    language: str | None = None
    creator_tool: str | None = None
    producer: str | None = None
    #: W3C date-times, e.g. 2023-07-07T00:00:00+08:00
    created: str | None = None
    modified: str | None = None

    @property
    def keywords_text(self) -> str:
        """Keywords as the information dictionary holds them: a, b, c."""
        return ", ".join(self.keywords)


def _description(prefix: str, properties: list[str]) -> str:
    body = "".join(f"\n   {p}" for p in properties)
    return (f'  <rdf:Description rdf:about="" xmlns:{prefix}="{NAMESPACES[prefix]}">'
            f"{body}\n  </rdf:Description>")


def _alt(tag: str, value: str) -> str:
    return (f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li>'
            f"</rdf:Alt></{tag}>")


def _list(tag: str, kind: str, values) -> str:
    items = "".join(f"<rdf:li>{escape(v)}</rdf:li>" for v in values)
    return f"<{tag}><rdf:{kind}>{items}</rdf:{kind}></{tag}>"


def _simple(tag: str, value: str) -> str:
    return f"<{tag}>{escape(value)}</{tag}>"


def xmp_packet(info: DocumentInfo, pdfaid: tuple[int, str] | None = None) -> bytes:
    """The XMP packet (UTF-8) describing ``info``, identifying the PDF/A level
    ``pdfaid`` (part, conformance) if any."""
    blocks = []
    if pdfaid is not None:
        part, conformance = pdfaid
        blocks.append(_description("pdfaid", [
            _simple("pdfaid:part", str(part)),
            _simple("pdfaid:conformance", conformance)]))
    dc = []
    if info.title:
        dc.append(_alt("dc:title", info.title))
    if info.author:
        dc.append(_list("dc:creator", "Seq", [info.author]))
    if info.subject:
        dc.append(_alt("dc:description", info.subject))
    if info.keywords:
        dc.append(_list("dc:subject", "Bag", info.keywords))
    if info.language:
        dc.append(_list("dc:language", "Bag", [info.language]))
    dc.append(_simple("dc:format", "application/pdf"))
    blocks.append(_description("dc", dc))
    pdf = []
    if info.producer:
        pdf.append(_simple("pdf:Producer", info.producer))
    if info.keywords:
        pdf.append(_simple("pdf:Keywords", info.keywords_text))
    if pdf:
        blocks.append(_description("pdf", pdf))
    xmp = []
    if info.creator_tool:
        xmp.append(_simple("xmp:CreatorTool", info.creator_tool))
    if info.created:
        xmp.append(_simple("xmp:CreateDate", info.created))
    if info.modified:
        xmp.append(_simple("xmp:ModifyDate", info.modified))
        xmp.append(_simple("xmp:MetadataDate", info.modified))
    if xmp:
        blocks.append(_description("xmp", xmp))
    text = "\n".join([
        HEADER,
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        *blocks,
        " </rdf:RDF>",
        "</x:xmpmeta>",
        TRAILER])
    return text.encode("utf-8")
