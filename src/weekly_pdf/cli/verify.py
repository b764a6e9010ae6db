"""weekly-pdf verify FILE.pdf... — is each file valid PDF/A-1b? (Apache PDFBox Preflight)"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path


def register(sub) -> None:
    p = sub.add_parser(
        "verify", help="用 PDF/A 检查工具核对 PDF 是否符合归档格式 PDF/A-1b",
        description="用 Apache PDFBox Preflight 逐个核对 PDF 是否符合 PDF/A-1b（长期归档格式），"
                    "列出不符合之处（保留 PDFBox 的规则编号）。声明为 PDF/A-2b 的文件，这个工具只能检查"
                    "两者共有的规则，会如实说明。需要 Java 和 PDFBox（Debian/Ubuntu：apt-get install "
                    "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java）。",
        epilog="例：weekly-pdf verify out/2023/2023-20.pdf（生成时加 --pdfa 才是 PDF/A 文件）")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE.pdf", help="要核对的 PDF 文件")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..pdf.pdfa.findings import ClaimUnknown, claimed_level, describe, shared_findings
    from ..pdf.pdfa.preflight import preflight
    readable, failed = [], 0
    for file in args.files:
        if not file.exists():
            print(f"错误：找不到文件 {display_path(file)}", file=sys.stderr)
            failed += 1
        elif not file.is_file():
            print(f"错误：{display_path(file)} 不是普通文件", file=sys.stderr)
            failed += 1
        else:
            readable.append(file)
    for verdict in preflight(readable):
        name = display_path(verdict.file)
        try:
            claim, unknown = claimed_level(verdict.file), False
        except ClaimUnknown:  # encrypted or damaged: Preflight's findings say which
            claim, unknown = None, True
        if claim is not None and claim.part >= 2:
            # Preflight judges part 1 only: say so, and judge the rules both parts share.
            broken = shared_findings(verdict.findings)
            head = (f"{name}：文件声明为 {claim.label}。本机的检查工具 Apache PDFBox Preflight "
                    f"只能判定 PDF/A-1b，不能判定 {claim.label} 是否合格；已按 PDF/A-1b 检查"
                    f"两者共有的规则（文件语法、颜色、字体嵌入、注释、元数据）")
            if not broken:
                print(f"{head}：都符合。PDF/A-{claim.part} 特有的规则本机无法检查。")
                continue
            failed += 1
            print(f"{head}：不符合（{len(broken)} 类问题）")
            for finding in broken:
                print(f"  {describe(finding)}")
            continue
        also = ""
        if claim is not None and claim.label != "PDF/A-1b":
            also = f"（文件声明为 {claim.label}；本工具只检查 PDF/A-1b 的规则）"
        if verdict.valid:
            print(f"符合 PDF/A-1b：{name}{also}")
            continue
        failed += 1
        if claim is None and not unknown:
            also = "；这个文件没有声明 PDF/A 级别，不是归档格式，生成时要加 --pdfa"
        print(f"不符合 PDF/A-1b：{name}（{len(verdict.findings)} 类问题{also}）")
        for finding in verdict.findings:
            print(f"  {describe(finding)}")
    if len(args.files) > 1:
        print(f"共核对 {len(args.files)} 个文件，{len(args.files) - failed} 个符合，{failed} 个不符合或无法核对。")
    return 1 if failed else 0
