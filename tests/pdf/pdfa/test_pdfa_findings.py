"""Preflight's findings in Chinese, their codes kept; the level a file claims."""

from __future__ import annotations

import pytest

from weekly_pdf.pdf.pdfa.findings import (Claim, ClaimUnknown, claimed_level, describe, group,
                                          shared_findings)
from weekly_pdf.pdf.pdfa.preflight import Finding

# What Preflight wrote on real files (a plain build, a PDF/A-2b build, an encrypted
# and a broken file), and what verify prints for it.
SAID = [
    (Finding("2.4.3", 'Invalid Color space, The operator "f" can\'t be used without Color '
                      "Profile", 1),
     "2.4.3 颜色空间无效：没有声明输出意图（色彩配置文件）就用了颜色运算符 f（第 1 页）"),
    (Finding("2.4.1", 'Invalid Color space, The operator "rg" can\'t be used with CMYK Profile',
             8, 5),
     "2.4.1 颜色空间无效：颜色运算符 rg（RGB 颜色）不能和 CMYK 色彩配置文件一起用（第 8 页） ×5"),
    (Finding("7.11", "Error on MetaData, PDF/A identification schema "
                     "http://www.aiim.org/pdfa/ns/id/ is missing"),
     "7.11 PDF/A 标识有误：缺少 PDF/A 标识（XMP 元数据里的 pdfaid：文件是 PDF/A 的哪一级），"
     "这不是 PDF/A 文件"),
    (Finding("7.11.2", "Error on MetaData, part must be 1"),
     "7.11.2 PDF/A 标识有误：PDF/A 标识写的不是第 1 部分（PDF/A-1 的文件要写 pdfaid:part 1）"),
    (Finding("1.4", "Trailer Syntax error, /XRef cross reference streams are not allowed"),
     "1.4 文件尾（trailer）有误：用了交叉引用流（/XRef，PDF 1.5 起才有），PDF/A-1 不允许"),
    (Finding("5.2.2", "Forbidden field in an annotation definition, Flags of Link annotation "
                      "are invalid", 1, 5),
     "5.2.2 注释里有不允许的内容：Link 注释的标志不对（PDF/A 要求注释可打印、不隐藏）（第 1 页） ×5"),
    (Finding("3.1.11", "Invalid Font definition, SZBWVL+FandolSong-Bold: The CIDSet entry is "
                       "missing for the Composite Subset"),
     "3.1.11 字体定义有误：字体 SZBWVL+FandolSong-Bold 缺少 CIDSet（子集字体要列出用到的字形）"),
    (Finding("3.1.3", "Invalid Font definition, NUNSLN+FandolFang-Regular: invalid /Subtype "
                      "/OpenType in /FontFile3 stream"),
     "3.1.3 字体文件的嵌入方式不允许：字体 NUNSLN+FandolFang-Regular 以 OpenType 格式嵌入，"
     "PDF/A-1 不允许"),
    (Finding("1.0", "Syntax error, Cannot decrypt PDF, the password is incorrect"),
     "1.0 文件语法有误：文件加了密码：PDF/A 不允许加密，加密的文件也无法检查"),
    (Finding("1.1", "Header Syntax error, First line must match %PDF-1.\\d"),
     "1.1 文件头有误：文件的第一行不是 PDF 文件头（%PDF-1.x）：这可能不是 PDF 文件"),
    (Finding("1.0", "Syntax error, Error: End-of-File, expected line at offset 10"),
     "1.0 文件语法有误：文件在第 10 字节处意外结束（文件不完整或已损坏）"),
    (Finding("1.0.6", "Syntax error, Numeric is too long or too small: 4294967292  at offset "
                      "397055"),
     "1.0.6 文件语法有误：数字 4294967292 超出了 PDF/A 允许的范围（在第 397055 字节处）"),
]


@pytest.mark.parametrize("finding,chinese", SAID, ids=[f.code + " " + f.details[:30] for f, _ in SAID])
def test_a_common_finding_is_told_in_chinese_with_its_code(finding, chinese):
    assert describe(finding) == chinese


def test_an_unknown_finding_keeps_its_code_group_and_words():
    finding = Finding("6.2.5", "Invalid action type, Launch is forbidden", 2)
    assert describe(finding) == ("6.2.5 用了不允许的动作（如 JavaScript、启动程序）："
                                 "PDFBox 的原话：Invalid action type, Launch is forbidden（第 2 页）")
    assert group("9.9.9") == "不符合 PDF/A 的规则"


def test_only_the_rules_pdfa_2_lifts_are_left_out_for_a_2b_file():
    lifted = [f for f, _ in SAID if f.code in ("7.11.2", "1.4", "3.1.11", "3.1.3")]
    other = [f for f, _ in SAID if f not in lifted]
    assert shared_findings(tuple(lifted + other)) == other
    # The same code for another rule is kept: 1.4 covers more than cross-reference streams.
    missing_id = Finding("1.4.1", "Trailer Syntax error, ID is missing")
    assert shared_findings((missing_id,)) == [missing_id]


def test_the_claimed_level_is_read_from_the_xmp_metadata(seed_1b, seed_2b, seed_pdf, tmp_path):
    assert claimed_level(seed_1b) == Claim(1, "B") and claimed_level(seed_1b).label == "PDF/A-1b"
    assert claimed_level(seed_2b) == Claim(2, "B") and claimed_level(seed_2b).label == "PDF/A-2b"
    assert claimed_level(seed_pdf) is None  # a plain PDF claims no level
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    with pytest.raises(ClaimUnknown):
        claimed_level(junk)
