"""weekly-pdf verify FILE... — is each PDF valid PDF/A-1b (Apache PDFBox Preflight),
is each OFD whole and does it carry its PDF's text (weekly_pdf.pdf.ofd.verify)?"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path


def register(sub) -> None:
    p = sub.add_parser(
        "verify", help="核对 PDF 是否符合归档格式 PDF/A-1b，或 OFD 文件是否完整",
        description="用 Apache PDFBox Preflight 逐个核对 PDF 是否符合 PDF/A-1b（长期归档格式），"
                    "列出不符合之处（保留 PDFBox 的规则编号）。声明为 PDF/A-2b 的文件，这个工具只能检查"
                    "两者共有的规则，会如实说明。需要 Java 和 PDFBox（Debian/Ubuntu：apt-get install "
                    "default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java）。"
                    "OFD 文件（.ofd）：检查打包结构、编号、资源引用和嵌入字体；旁边有同名 PDF 时，"
                    "逐页核对文字是否与 PDF 一致。",
        epilog="例：weekly-pdf verify out/2023/2023-20.pdf（生成时加 --pdfa 才是 PDF/A 文件）；"
               "weekly-pdf verify out/2023/2023-20.ofd")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE",
                   help="要核对的 PDF 或 OFD 文件")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..pdf.pdfa.findings import ClaimUnknown, claimed_level, describe, shared_findings
    from ..pdf.pdfa.preflight import preflight
    readable, ofds, failed = [], [], 0
    for file in args.files:
        if not file.exists():
            print(f"错误：找不到文件 {display_path(file)}", file=sys.stderr)
            failed += 1
        elif not file.is_file():
            print(f"错误：{display_path(file)} 不是普通文件", file=sys.stderr)
            failed += 1
        elif file.suffix.lower() == ".ofd":
            ofds.append(file)
        else:
            readable.append(file)
    failed += sum(not _verify_ofd(file) for file in ofds)
    for verdict in preflight(readable) if readable else []:
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


def _verify_ofd(file: Path) -> bool:
    """Check one OFD and print the verdict; whether it passed."""
    from ..pdf.ofd.verify import verify_ofd
    verdict = verify_ofd(file)
    name = display_path(file)
    if verdict.valid:
        compared = (f"，文字与 {display_path(verdict.compared_with)} 逐页一致"
                    if verdict.compared_with else "；旁边没有同名 PDF，未核对文字")
        print(f"OFD 结构完整：{name}（{verdict.pages} 页{compared}）")
        return True
    print(f"OFD 有问题：{name}（{len(verdict.problems)} 处）")
    for problem in verdict.problems:
        print(f"  {problem}")
    return False
