"""An OFD read the way a reader reads it, written for the tests from the
standard alone (no code of weekly_pdf.pdf.ofd): where every character of every
TextCode stands, with which font file and size, and the page's other objects.

Positions follow GB/T 33190: a TextCode's X, Y are relative to its object's
Boundary (after the object's CTM), DeltaX gives the step to the next
character ("g n v" repeats v n times); everything in millimetres, y down.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

NS = "{http://www.ofdspec.org/2016}"


@dataclass(frozen=True)
class Char:
    text: str
    x: float
    y: float
    size: float
    font: int           # the Font ID
    object_id: int


@dataclass
class OfdPage:
    location: str
    root: object        # the Content.xml element tree
    chars: list[Char]


class Ofd:
    """An OFD file opened for the tests."""

    def __init__(self, path: Path):
        self.path = Path(path)
        with zipfile.ZipFile(self.path) as package:
            self.names = package.namelist()
            self.infos = package.infolist()
            self.parts = {name: package.read(name) for name in self.names}
        self.ofd = self.xml("OFD.xml")
        root = self.ofd.findtext(f"{NS}DocBody/{NS}DocRoot")
        self.document_path = root
        self.document = self.xml(root)
        base = posixpath.dirname(root)
        self.fonts: dict[int, str] = {}      # Font ID → entry of its file
        self.media: dict[int, str] = {}
        for tag in ("PublicRes", "DocumentRes"):
            for element in self.document.iter(f"{NS}{tag}"):
                res_path = posixpath.join(base, element.text)
                res = self.xml(res_path)
                folder = posixpath.join(posixpath.dirname(res_path), res.get("BaseLoc", ""))
                for font in res.iter(f"{NS}Font"):
                    self.fonts[int(font.get("ID"))] = posixpath.join(
                        folder, font.findtext(f"{NS}FontFile"))
                for media in res.iter(f"{NS}MultiMedia"):
                    self.media[int(media.get("ID"))] = posixpath.join(
                        folder, media.findtext(f"{NS}MediaFile"))
        self.pages = []
        for page in self.document.iter(f"{NS}Page"):
            location = posixpath.join(base, page.get("BaseLoc"))
            content = self.xml(location)
            self.pages.append(OfdPage(location, content, list(_chars(content))))
        box = self.document.findtext(f"{NS}CommonData/{NS}PageArea/{NS}PhysicalBox").split()
        self.page_size = (float(box[2]), float(box[3]))

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    def font_file(self, font_id: int) -> bytes:
        return self.parts[self.fonts[font_id]]

    def ttfont(self, font_id: int):
        from fontTools.ttLib import TTFont
        return TTFont(io.BytesIO(self.font_file(font_id)))


def numbers(text: str | None) -> list[float]:
    """An ST_Array with the ``g n v`` shorthand expanded."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g":
            out.extend([float(tokens[i + 2])] * int(tokens[i + 1]))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def object_matrix(element) -> tuple[float, ...]:
    """Object space → page space: the CTM, then the Boundary's origin."""
    bx, by = numbers(element.get("Boundary"))[:2]
    a, b, c, d, e, f = numbers(element.get("CTM")) or [1, 0, 0, 1, 0, 0]
    return (a, b, c, d, e + bx, f + by)


def _chars(content):
    for text in content.iter(f"{NS}TextObject"):
        a, b, c, d, e, f = object_matrix(text)
        size = float(text.get("Size"))
        x = y = 0.0
        for code in text.iter(f"{NS}TextCode"):
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            deltas = numbers(code.get("DeltaX"))
            for n, char in enumerate(code.text or ""):
                yield Char(char, a * x + c * y + e, b * x + d * y + f, size * (a * d - b * c) ** 0.5,
                           int(text.get("Font")), int(text.get("ID")))
                if n < len(deltas):
                    x += deltas[n]
