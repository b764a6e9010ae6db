"""``weekly-pdf verify FILE.ofd``: a good OFD passes with its page count and
the PDF it was compared with; each kind of damage is named in Chinese, with
the part it concerns."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run_cli
from weekly_pdf.pdf.ofd.verify import verify_ofd

PAGE0 = "Doc_0/Pages/Page_0/Content.xml"


def _copy(src: Path, dst: Path, change=None, *, with_pdf: bool = False) -> Path:
    """``src`` rewritten to ``dst`` with ``change(parts)`` applied to its entries."""
    with zipfile.ZipFile(src) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    if change:
        change(parts)
    with zipfile.ZipFile(dst, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    if with_pdf:
        shutil.copy(src.with_suffix(".pdf"), dst.with_suffix(".pdf"))
    return dst


def _edit(part: str, old: bytes, new: bytes):
    def change(parts):
        assert old in parts[part], (part, old)
        parts[part] = parts[part].replace(old, new, 1)
    return change


def _max_id(parts) -> int:
    return int(re.search(rb"<ofd:MaxUnitID>(\d+)<", parts["Doc_0/Document.xml"])[1])


def test_a_good_ofd_passes_and_its_text_is_compared_with_the_pdf(seed_built):
    result = run_cli("verify", seed_built.ofd)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == (f"OFD 结构完整：{seed_built.ofd}（8 页，文字与 "
                                     f"{seed_built.output} 逐页一致）")


def test_without_its_pdf_the_text_is_not_compared(seed_built, tmp_path):
    lone = _copy(seed_built.ofd, tmp_path / "lone.ofd")
    verdict = verify_ofd(lone)
    assert verdict.valid and verdict.pages == 8 and verdict.compared_with is None


CASES = {
    "no OFD.xml": (lambda parts: parts.pop("OFD.xml"),
                   "包的根目录下没有 OFD.xml（OFD 文件的入口）"),
    "an ID used twice": (_edit(PAGE0, b'<ofd:PathObject ID="8"', b'<ofd:PathObject ID="1"'),
                         f"编号 ID=1 用了两次（Doc_0/PublicRes.xml 与 {PAGE0}）"),
    "a font file missing": (
        lambda parts: parts.pop("Doc_0/Res/font_2.ttf"),
        "Doc_0/PublicRes.xml 里字体 FandolFang-Regular 的 FontFile“Res/font_2.ttf”在包内找不到"
        "（应为 Doc_0/Res/font_2.ttf）"),
    "a font named only": (
        _edit("Doc_0/PublicRes.xml", b"<ofd:FontFile>font_3.ttf</ofd:FontFile>", b""),
        "Doc_0/PublicRes.xml 里字体 FandolHei-Regular（ID=3）没有嵌入字体文件（FontFile），只写了字体名"),
    "a font that does not parse": (
        lambda parts: parts.__setitem__("Doc_0/Res/font_2.ttf", b"\x00\x01\x00\x00junk"),
        "字体文件 Doc_0/Res/font_2.ttf（FandolFang-Regular）无法解析（TTLibError: Not a "
        "TrueType or OpenType font (not enough data)）"),
    "a font that is not there": (
        _edit(PAGE0, b'Font="3"', b'Font="99"'),
        f"第 1 页（{PAGE0}）的文字对象 ID=14 引用的字体 Font=99 不存在"),
    "a character the font lacks": (
        _edit(PAGE0, "目录提要".encode(), "目录提㐀".encode()),
        f"第 1 页（{PAGE0}）的文字对象 ID=14：字符“㐀”（U+3400）在字体 Doc_0/Res/font_3.ttf 里没有字形"),
    "an entry outside the package": (lambda parts: parts.__setitem__("../evil.xml", b"x"),
                                     "包内路径 ../evil.xml 不安全（绝对路径或含 ..）"),
    "a page missing": (
        lambda parts: parts.pop("Doc_0/Pages/Page_7/Content.xml"),
        "Doc_0/Document.xml 里页面 ID={page7} 的 BaseLoc“Pages/Page_7/Content.xml”在包内找不到"
        "（应为 Doc_0/Pages/Page_7/Content.xml）"),
}


@pytest.mark.parametrize("case", CASES)
def test_damage_is_named(seed_built, tmp_path, case):
    change, message = CASES[case]
    damaged = _copy(seed_built.ofd, tmp_path / "damaged.ofd", change)
    page7 = re.search(rb'<ofd:Page ID="(\d+)" BaseLoc="Pages/Page_7/',
                      zipfile.ZipFile(seed_built.ofd).read("Doc_0/Document.xml"))[1].decode()
    assert verify_ofd(damaged).problems == [message.format(page7=page7)]


def test_an_id_above_max_unit_id_is_named(seed_built, tmp_path):
    with zipfile.ZipFile(seed_built.ofd) as package:
        highest = _max_id({"Doc_0/Document.xml": package.read("Doc_0/Document.xml")})
    damaged = _copy(seed_built.ofd, tmp_path / "damaged.ofd", _edit(
        "Doc_0/Document.xml", f"<ofd:MaxUnitID>{highest}<".encode(),
        f"<ofd:MaxUnitID>{highest - 1}<".encode()))
    assert verify_ofd(damaged).problems == [
        f"Doc_0/Pages/Page_7/Content.xml 里的编号 ID={highest} 大于 MaxUnitID（{highest - 1}）"]


def test_text_that_differs_from_the_pdf_is_shown_where(seed_built, tmp_path):
    damaged = _copy(seed_built.ofd, tmp_path / "damaged.ofd", _edit(
        "Doc_0/Pages/Page_2/Content.xml", "会".encode(), "合".encode()), with_pdf=True)
    problems = verify_ofd(damaged).problems
    assert len(problems) == 1
    assert re.fullmatch(r"第 3 页的文字与 PDF 不一致（从第 \d+ 个字起）：OFD 为“合[^”]*”，PDF 为“会[^”]*”",
                        problems[0]), problems


def test_not_an_ofd_at_all_on_the_command_line(tmp_path):
    junk = tmp_path / "junk.ofd"
    junk.write_bytes(b"%PDF-1.7 not a zip")
    result = run_cli("verify", junk)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"OFD 有问题：{junk}（1 处）",
        "  不是 ZIP 压缩包，不是 OFD 文件（OFD 是按 GB/T 33190 打包的 ZIP 文件）"]
