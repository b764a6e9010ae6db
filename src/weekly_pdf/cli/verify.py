"""weekly-pdf verify FILE.pdf... — is each file valid PDF/A-1b? (Apache PDFBox Preflight)"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path


def register(sub) -> None:
    p = sub.add_parser(
        "verify", help="用 PDF/A 检查工具核对 PDF 是否符合归档格式 PDF/A-1b",
        description="用 Apache PDFBox Preflight 逐个核对 PDF 是否符合 PDF/A-1b（长期归档格式），"
                    "列出不符合之处。需要 Java 和 PDFBox（Debian/Ubuntu：apt-get install "
                    "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java）。",
        epilog="例：weekly-pdf verify out/2023/2023-20.pdf（生成时加 --pdfa 才是 PDF/A 文件）")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE.pdf", help="要核对的 PDF 文件")
    p.set_defaults(run=run)


def run(args) -> int:
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
        if verdict.valid:
            print(f"符合 PDF/A-1b：{name}")
            continue
        failed += 1
        print(f"不符合 PDF/A-1b：{name}（{len(verdict.findings)} 类问题）")
        for finding in verdict.findings:
            print(f"  {finding}")
    if len(args.files) > 1:
        print(f"共核对 {len(args.files)} 个文件，{len(args.files) - failed} 个符合，{failed} 个不符合或无法核对。")
    return 1 if failed else 0
