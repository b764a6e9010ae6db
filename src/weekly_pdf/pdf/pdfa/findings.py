"""What Preflight's findings mean, in Chinese, and which PDF/A level a file claims.

Apache PDFBox Preflight reports each broken rule as a code (``2.4.3``) and an
English sentence ("Invalid Color space, The operator "f" can't be used without
Color Profile"). :func:`describe` keeps the code and says the rest in Chinese:
the rule's group from the code (PDFBox's ``PreflightConstants``), and the
sentences Preflight writes most often word for word; a sentence it does not
know is quoted after the group's name.

Preflight judges PDF/A-1b only. :func:`claimed_level` reads the level a file
claims (``pdfaid:part`` and ``pdfaid:conformance`` in its XMP metadata), so that
``verify`` says plainly what it can judge of a PDF/A-2b file: the rules the two
parts share (:func:`shared_findings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...source.inputfile import quiet_pypdf
from .preflight import Finding

#: The groups of Preflight's error codes (PreflightConstants), longest prefix first.
GROUPS = {
    "-1": "未知错误",
    "1": "文件语法有误", "1.0": "文件语法有误", "1.1": "文件头有误",
    "1.2": "文件内容（对象或数据流）有误", "1.2.9": "文件里嵌入了别的文件（PDF/A-1 不允许）",
    "1.3": "交叉引用表有误", "1.4": "文件尾（trailer）有误",
    "1.4.2": "文件加了密（PDF/A 不允许加密）",
    "2": "图形有误", "2.1": "图形对象有误", "2.1.2": "输出意图（色彩配置文件）有误",
    "2.1.3": "输出意图（色彩配置文件）有误", "2.1.4": "输出意图的色彩配置文件（ICC）有误",
    "2.1.5": "有多个不同的输出意图", "2.1.6": "色彩配置文件（ICC）的版本太新",
    "2.2": "用了透明效果（PDF/A-1 不允许）", "2.3": "图形对象里有不允许的项",
    "2.4": "颜色空间无效",
    "3": "字体有误", "3.1": "字体定义有误", "3.1.3": "字体文件的嵌入方式不允许",
    "3.1.11": "字体定义有误", "3.2": "字体文件已损坏", "3.3": "缺少字形",
    "3.3.1": "缺少字形（有字在嵌入的字体里没有）",
    "4": "用了透明效果（PDF/A-1 不允许）",
    "5": "注释（链接等）有误", "5.1": "注释缺少必需的项", "5.2": "注释里有不允许的内容",
    "5.3": "注释里有无效的内容",
    "6": "动作（链接、脚本等）有误", "6.2": "用了不允许的动作（如 JavaScript、启动程序）",
    "7": "元数据（XMP）有误", "7.0.0": "元数据的 xpacket 写法已过时", "7.1": "元数据格式有误",
    "7.2": "元数据与文档信息（标题、作者、日期）不一致", "7.3": "元数据缺少必需的描述",
    "7.4": "元数据的命名空间有误", "7.11": "PDF/A 标识有误",
}

#: Sentences Preflight writes often (after its own group words), and their Chinese.
_SENTENCES = [
    (r'The operator "(\w+)" can\'t be used without Color Profile',
     "没有声明输出意图（色彩配置文件）就用了颜色运算符 {0}"),
    (r'The operator "(\w+)" can\'t be used with CMYK Profile',
     "颜色运算符 {0}（RGB 颜色）不能和 CMYK 色彩配置文件一起用"),
    (r'The operator "(\w+)" can\'t be used with RGB Profile',
     "颜色运算符 {0}（CMYK 颜色）不能和 RGB 色彩配置文件一起用"),
    (r"PDF/A identification schema \S+ is missing",
     "缺少 PDF/A 标识（XMP 元数据里的 pdfaid：文件是 PDF/A 的哪一级），这不是 PDF/A 文件"),
    (r"part must be 1", "PDF/A 标识写的不是第 1 部分（PDF/A-1 的文件要写 pdfaid:part 1）"),
    (r"/XRef cross reference streams are not allowed",
     "用了交叉引用流（/XRef，PDF 1.5 起才有），PDF/A-1 不允许"),
    (r"Flags of (\w+) annotation are invalid",
     "{0} 注释的标志不对（PDF/A 要求注释可打印、不隐藏）"),
    (r"(.+): The CIDSet entry is missing for the Composite Subset",
     "字体 {0} 缺少 CIDSet（子集字体要列出用到的字形）"),
    (r"(.+): invalid /Subtype /OpenType in /FontFile3 stream",
     "字体 {0} 以 OpenType 格式嵌入，PDF/A-1 不允许"),
    (r"(.+): FontFile entry is missing from FontDescriptor", "字体 {0} 没有嵌入"),
    (r"Cannot decrypt PDF, the password is incorrect",
     "文件加了密码：PDF/A 不允许加密，加密的文件也无法检查"),
    (r"First line must match %PDF-1\.\\d",
     "文件的第一行不是 PDF 文件头（%PDF-1.x）：这可能不是 PDF 文件"),
    (r"Unable to read the PDF file.*", "无法读取这个 PDF 文件"),
    (r"Error: End-of-File, expected line at offset (\d+)",
     "文件在第 {0} 字节处意外结束（文件不完整或已损坏）"),
    (r"Numeric is too long or too small: (\S+)\s+at offset (\d+)",
     "数字 {0} 超出了 PDF/A 允许的范围（在第 {1} 字节处）"),
    (r"Invalid length for the /Length entry.*|Stream length is invalid.*",
     "数据流的长度（/Length）与实际不符"),
    (r"Transparency.*|.*SMask.*", "用了透明效果或软蒙版，PDF/A-1 不允许"),
]
_COMPILED = [(re.compile(pattern), words) for pattern, words in _SENTENCES]


def group(code: str) -> str:
    """The Chinese name of the rule group of a Preflight code (``2.4.3`` → 颜色空间无效)."""
    parts = code.split(".")
    for end in range(len(parts), 0, -1):
        name = GROUPS.get(".".join(parts[:end]))
        if name:
            return name
    return "不符合 PDF/A 的规则"


def sentence(details: str) -> str | None:
    """Preflight's sentence in Chinese, or None when it is not a known one."""
    text = details.strip()
    for attempt in (text.split(", ", 1)[-1], text):  # without its group words, then whole
        for pattern, words in _COMPILED:
            match = pattern.fullmatch(attempt)
            if match:
                return words.format(*match.groups())
    return None


def describe(finding: Finding) -> str:
    """One finding in Chinese, its code kept: ``2.4.3 颜色空间无效：……（第 1 页） ×3``."""
    where = f"（第 {finding.page} 页）" if finding.page is not None else ""
    times = f" ×{finding.count}" if finding.count > 1 else ""
    said = sentence(finding.details)
    if said is None:
        said = f"PDFBox 的原话：{finding.details}" if finding.details else ""
    return f"{finding.code} {group(finding.code)}" + (f"：{said}" if said else "") + where + times


@dataclass(frozen=True)
class Claim:
    """The PDF/A level a file says it meets (its XMP ``pdfaid``)."""

    part: int
    conformance: str  # "B", "A", "U"

    @property
    def label(self) -> str:
        return f"PDF/A-{self.part}{self.conformance.lower()}"


_PART = re.compile(rb"pdfaid:part(?:\s*=\s*[\"'](\d+)[\"']|\s*>\s*(\d+)\s*<)")
_CONFORMANCE = re.compile(rb"pdfaid:conformance(?:\s*=\s*[\"']([A-Za-z])[\"']|\s*>\s*([A-Za-z])\s*<)")


class ClaimUnknown(Exception):
    """The file's metadata cannot be read (encrypted, damaged)."""


def claimed_level(pdf: Path) -> Claim | None:
    """The level ``pdf``'s XMP metadata claims, or None when it claims none.
    Raises :class:`ClaimUnknown` when the metadata cannot be read (an
    encrypted or damaged file: Preflight's findings say why)."""
    from pypdf import PdfReader
    try:
        with quiet_pypdf():  # its English notes on a damaged file: not shown
            reader = PdfReader(pdf)
            if reader.is_encrypted:
                raise ClaimUnknown("encrypted")
            metadata = reader.trailer["/Root"].get_object().get("/Metadata")
            data = metadata.get_object().get_data() if metadata is not None else b""
    except ClaimUnknown:
        raise
    except Exception:  # pypdf's errors for a damaged file vary
        raise ClaimUnknown("unreadable") from None
    part = _PART.search(data)
    if not part:
        return None
    conformance = _CONFORMANCE.search(data)
    letter = (conformance[1] or conformance[2]).decode().upper() if conformance else "B"
    return Claim(int(part[1] or part[2]), letter)


#: Rules of PDF/A-1 that PDF/A-2 lifts: what Preflight (a 1b validator) reports on a
#: valid PDF/A-2b file, by code and the words that say which rule it is.
LIFTED_IN_PART_2 = {
    "1.4": "/XRef cross reference streams",     # allowed from PDF 1.5, so in PDF/A-2
    "3.1.3": "/OpenType",                       # OpenType font programs are allowed
    "3.1.11": "CIDSet",                         # optional in PDF/A-2
    "7.11.2": "part must be 1",                 # the file says part 2, as it must
}


def shared_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    """The findings that break rules PDF/A-1b and PDF/A-2b share (the others
    are rules PDF/A-2 lifts)."""
    return [f for f in findings
            if not (f.code in LIFTED_IN_PART_2 and LIFTED_IN_PART_2[f.code] in f.details)]
