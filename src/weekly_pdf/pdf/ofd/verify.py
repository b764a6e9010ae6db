"""``weekly-pdf verify FILE.ofd``: is an OFD whole, and does it say what its PDF says?

The checks, each reported in Chinese with the part it concerns:

* the package: a ZIP file (not encrypted, every entry readable, no entry
  outside the package, no name twice), ``OFD.xml`` at its root;
* the structure: ``OFD.xml`` (Version 1.0, DocType OFD, DocInfo, DocRoot),
  ``Document.xml`` (MaxUnitID, PageArea, Pages), every location named
  (DocRoot, PublicRes, DocumentRes, a page's BaseLoc, a FontFile, a
  MediaFile) resolves to an entry of the package;
* IDs: every ID is a positive integer, none is used twice, none exceeds
  MaxUnitID; every reference (a text object's Font, an image's ResourceID,
  an outline's PageID) names an object of the right kind;
* fonts: every font is embedded (not named only) and parses (fontTools), has
  outlines and a cmap; every character of every TextCode is in its font's
  cmap or drawn through a CGTransform whose glyphs exist;
* text: with the PDF beside it (same name, ``.pdf``), each page's text equals
  the PDF page's text (what the PDF's ToUnicode maps give, in drawing order;
  code points of the Private Use Area, given to glyphs the PDF maps to no
  text, are left out of both).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ...errors import display_path
from .fonts import private_use

NS = "{http://www.ofdspec.org/2016}"


@dataclass
class Verdict:
    """What :func:`verify_ofd` found about one file."""

    file: Path
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    compared_with: Path | None = None   # the PDF whose text was compared

    @property
    def valid(self) -> bool:
        return not self.problems


class _Stop(Exception):
    """A problem after which nothing more can be checked."""


def verify_ofd(file: Path, pdf: Path | None = None) -> Verdict:
    """Check ``file``; compare its text with ``pdf`` (default: the PDF beside it)."""
    file = Path(file)
    verdict = Verdict(file)
    if pdf is None and file.with_suffix(".pdf").is_file():
        pdf = file.with_suffix(".pdf")
    try:
        _Checker(file, verdict).run(pdf)
    except _Stop as stop:
        verdict.problems.append(str(stop))
    return verdict


class _Checker:
    def __init__(self, file: Path, verdict: Verdict):
        self.file = file
        self.verdict = verdict
        self.problem = verdict.problems.append
        self.entries: dict[str, bytes] = {}
        self.ids: dict[int, str] = {}      # ID → the part that declares it
        self.fonts: dict[int, tuple[str, object]] = {}   # ID → (file name, TTFont)
        self.media: set[int] = set()
        self.pages: list[tuple[int, str]] = []

    def run(self, pdf: Path | None) -> None:
        self._package()
        ofd = self._xml("OFD.xml", "OFD")
        if ofd.get("Version") != "1.0" or ofd.get("DocType") != "OFD":
            self.problem(f"OFD.xml 的 Version 应为 1.0、DocType 应为 OFD"
                         f"（现为 {ofd.get('Version')}、{ofd.get('DocType')}）")
        body = ofd.find(f"{NS}DocBody")
        if body is None or body.find(f"{NS}DocInfo") is None:
            raise _Stop("OFD.xml 缺少 DocBody 或 DocInfo（文档元数据）")
        if not (body.findtext(f"{NS}DocInfo/{NS}DocID") or "").strip():
            self.problem("OFD.xml 的 DocInfo 缺少 DocID")
        root = self._resolve("OFD.xml", body.findtext(f"{NS}DocRoot"), "入口 DocRoot")
        document = self._xml(root, "Document")
        common = document.find(f"{NS}CommonData")
        if common is None:
            raise _Stop(f"{root} 缺少 CommonData")
        try:
            max_id = int((common.findtext(f"{NS}MaxUnitID") or "").strip())
        except ValueError:
            raise _Stop(f"{root} 的 MaxUnitID 不是整数") from None
        box = (common.findtext(f"{NS}PageArea/{NS}PhysicalBox") or "").split()
        if len(box) != 4 or not all(_is_number(v) for v in box):
            self.problem(f"{root} 的 PageArea/PhysicalBox 应为四个数（现为“{' '.join(box)}”）")
        for tag in ("PublicRes", "DocumentRes"):
            for element in common.findall(f"{NS}{tag}"):
                self._resources(self._resolve(root, element.text, f"资源 {tag}"))
        for page in document.findall(f"{NS}Pages/{NS}Page"):
            page_id = self._declare(page.get("ID"), root, "页面")
            location = self._resolve(root, page.get("BaseLoc"), f"页面 ID={page.get('ID')} 的 BaseLoc")
            self.pages.append((page_id, location))
        if not self.pages:
            raise _Stop(f"{root} 里没有页面")
        self.verdict.pages = len(self.pages)
        page_ids = {page_id for page_id, _ in self.pages}
        for dest in document.iter(f"{NS}Dest"):
            if _int(dest.get("PageID")) not in page_ids:
                self.problem(f"{root} 的大纲（书签）指向不存在的页面 PageID={dest.get('PageID')}")
        texts = [self._page(n, location) for n, (_, location) in enumerate(self.pages)]
        for number, where in sorted(self.ids.items()):
            if number > max_id:
                self.problem(f"{where} 里的编号 ID={number} 大于 MaxUnitID（{max_id}）")
        if pdf is not None:
            self._compare(texts, Path(pdf))

    # -- the package ------------------------------------------------------

    def _package(self) -> None:
        try:
            package = zipfile.ZipFile(self.file)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _Stop("不是 ZIP 压缩包，不是 OFD 文件（OFD 是按 GB/T 33190 打包的 ZIP 文件）") from None
        with package:
            seen: set[str] = set()
            for info in package.infolist():
                name = info.filename
                if info.is_dir():
                    continue
                if name.startswith("/") or "\\" in name or ".." in name.split("/"):
                    self.problem(f"包内路径 {name} 不安全（绝对路径或含 ..）")
                    continue
                if name in seen:
                    self.problem(f"包内有两个同名的文件 {name}")
                    continue
                seen.add(name)
                if info.flag_bits & 0x1:
                    raise _Stop(f"包内文件 {name} 是加密的，无法检查")
                try:
                    self.entries[name] = package.read(info)
                except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                    self.problem(f"包内文件 {name} 已损坏，无法读出（{type(exc).__name__}）")
        if "OFD.xml" not in self.entries:
            raise _Stop("包的根目录下没有 OFD.xml（OFD 文件的入口）")

    def _xml(self, name: str, root: str):
        data = self.entries.get(name)
        if data is None:
            raise _Stop(f"包内没有 {name}")
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise _Stop(f"{name} 含有 DOCTYPE 或实体声明，OFD 不用这些，不予解析")
        try:
            element = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise _Stop(f"{name} 不是有效的 XML（{exc}）") from None
        if element.tag != f"{NS}{root}":
            raise _Stop(f"{name} 的根元素应为 ofd:{root}（命名空间 http://www.ofdspec.org/2016），"
                        f"现为 {element.tag}")
        return element

    def _resolve(self, base: str, location: str | None, what: str) -> str:
        """The entry a location written in ``base`` names (raises when none)."""
        location = (location or "").strip()
        if not location:
            raise _Stop(f"{base} 里{what}是空的")
        if location.startswith("/"):
            path = posixpath.normpath(location.lstrip("/"))
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(base), location))
        if path not in self.entries:
            raise _Stop(f"{base} 里{what}“{location}”在包内找不到（应为 {path}）")
        return path

    def _declare(self, value: str | None, where: str, what: str) -> int:
        number = _int(value)
        if number is None or number <= 0:
            self.problem(f"{where} 里{what}的编号 ID=“{value}”不是正整数")
            return -1
        if number in self.ids:
            self.problem(f"编号 ID={number} 用了两次（{self.ids[number]} 与 {where}）")
        else:
            self.ids[number] = where
        return number

    # -- resources --------------------------------------------------------

    def _resources(self, name: str) -> None:
        res = self._xml(name, "Res")
        base = (res.get("BaseLoc") or "").strip()

        def inside(location: str | None) -> str | None:
            """A file named in the resources: relative to their BaseLoc."""
            location = (location or "").strip()
            if not location or location.startswith("/") or not base:
                return location
            return posixpath.join(base, location)
        for font in res.iter(f"{NS}Font"):
            font_id = self._declare(font.get("ID"), name, f"字体 {font.get('FontName')} ")
            file = font.findtext(f"{NS}FontFile")
            if not (file or "").strip():
                self.problem(f"{name} 里字体 {font.get('FontName')}（ID={font.get('ID')}）没有嵌入"
                             f"字体文件（FontFile），只写了字体名")
                self.fonts[font_id] = ("", None)
                continue
            entry = self._resolve(name, inside(file), f"字体 {font.get('FontName')} 的 FontFile")
            self.fonts[font_id] = (entry, self._font(entry, font.get("FontName")))
        for media in res.iter(f"{NS}MultiMedia"):
            media_id = self._declare(media.get("ID"), name, "多媒体资源")
            file = media.findtext(f"{NS}MediaFile")
            entry = self._resolve(name, inside(file), f"资源 ID={media.get('ID')} 的 MediaFile")
            self.media.add(media_id)
            if media.get("Type") == "Image":
                try:
                    from PIL import Image
                    with Image.open(io.BytesIO(self.entries[entry])) as image:
                        image.verify()
                except Exception as exc:
                    self.problem(f"图片 {entry} 无法打开（{type(exc).__name__}）")
        for tag in ("ColorSpace", "DrawParam", "CompositeGraphicUnit"):
            for element in res.iter(f"{NS}{tag}"):
                self._declare(element.get("ID"), name, tag)

    def _font(self, entry: str, name: str | None):
        from fontTools.ttLib import TTFont
        try:
            font = TTFont(io.BytesIO(self.entries[entry]), lazy=False)
            font.getGlyphOrder()
            cmap = font.getBestCmap()
        except Exception as exc:
            self.problem(f"字体文件 {entry}（{name}）无法解析（{type(exc).__name__}: {exc}）")
            return None
        if "glyf" not in font and "CFF " not in font:
            self.problem(f"字体文件 {entry}（{name}）没有字形轮廓（glyf 或 CFF 表）")
        if not cmap:
            self.problem(f"字体文件 {entry}（{name}）没有 cmap（字符到字形的对照表），文字无法检索和复制")
        return font

    # -- pages --------------------------------------------------------------

    def _page(self, n: int, location: str) -> str:
        page = self._xml(location, "Page")
        where = f"第 {n + 1} 页（{location}）"
        text = []
        for element in page.iter():
            if element.get("ID") is not None and element.tag != f"{NS}Page":
                self._declare(element.get("ID"), location, "")
            tag = element.tag[len(NS):] if element.tag.startswith(NS) else element.tag
            if tag == "TextObject":
                text.append(self._text(element, where))
            elif tag == "ImageObject" and _int(element.get("ResourceID")) not in self.media:
                self.problem(f"{where}的图片对象 ID={element.get('ID')} 引用的资源 "
                             f"ResourceID={element.get('ResourceID')} 不存在")
            elif tag == "CompositeObject":
                self.problem(f"{where}有复合对象（CompositeObject），本程序不检查它的内容")
        return "".join(text)

    def _text(self, element, where: str) -> str:
        font_id = _int(element.get("Font"))
        codes = element.findall(f"{NS}TextCode")
        text = "".join(code.text or "" for code in codes)
        if font_id not in self.fonts:
            self.problem(f"{where}的文字对象 ID={element.get('ID')} 引用的字体 Font={element.get('Font')} 不存在")
            return text
        entry, font = self.fonts[font_id]
        if font is None:
            return text
        cmap = font.getBestCmap() or {}
        count = len(font.getGlyphOrder())
        covered: set[int] = set()
        for transform in element.findall(f"{NS}CGTransform"):
            start = _int(transform.get("CodePosition")) or 0
            covered.update(range(start, start + (_int(transform.get("CodeCount")) or 1)))
            for glyph in (transform.findtext(f"{NS}Glyphs") or "").split():
                if not glyph.isdigit() or int(glyph) >= count:
                    self.problem(f"{where}的文字对象 ID={element.get('ID')} 的 CGTransform 指向"
                                 f"字体 {entry} 里不存在的字形 {glyph}")
        for position, char in enumerate(text):
            if position not in covered and ord(char) not in cmap:
                self.problem(f"{where}的文字对象 ID={element.get('ID')}：字符“{char}”"
                             f"（U+{ord(char):04X}）在字体 {entry} 里没有字形")
                break
        for code in codes:
            deltas = (code.get("DeltaX") or "").split()
            if any(not _is_number(d) and d != "g" for d in deltas):
                self.problem(f"{where}的文字对象 ID={element.get('ID')} 的 DeltaX 不是数列")
        return text

    # -- the PDF ------------------------------------------------------------

    def _compare(self, texts: list[str], pdf: Path) -> None:
        from .pdfread import read_pdf
        try:
            document = read_pdf(pdf.read_bytes())
        except OSError as exc:
            self.problem(f"无法读取用来对照的 PDF {display_path(pdf)}（{exc.strerror}）")
            return
        except Exception as exc:
            self.problem(f"用来对照的 PDF {display_path(pdf)} 无法解读（{exc}）")
            return
        self.verdict.compared_with = pdf
        if len(document.pages) != len(texts):
            self.problem(f"页数与 PDF {display_path(pdf)} 不同（OFD {len(texts)} 页，PDF "
                         f"{len(document.pages)} 页）")
            return
        for n, (ofd_text, page) in enumerate(zip(texts, document.pages)):
            mine = "".join(c for c in ofd_text if not private_use(c))
            theirs = "".join(c for c in page.text if not private_use(c))
            if mine != theirs:
                at = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b),
                          min(len(mine), len(theirs)))
                self.problem(f"第 {n + 1} 页的文字与 PDF 不一致（从第 {at + 1} 个字起）："
                             f"OFD 为“{mine[at:at + 20]}”，PDF 为“{theirs[at:at + 20]}”")


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
