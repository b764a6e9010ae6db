"""weekly-pdf build ISSUE.yaml [-o OUT.pdf]"""

from __future__ import annotations

from pathlib import Path

from ..build import Builder
from ..errors import WeeklyPdfError
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "build", help="把一期的 YAML 文件生成 PDF",
        description="检查一期的 YAML 文件，无误后生成 PDF。出错时不生成 PDF，已有的 PDF 保持不变。",
        epilog="例：weekly-pdf build issues/2023/2023-20.yaml   （生成 out/2023/2023-20.pdf）")
    p.add_argument("issue", type=Path, metavar="ISSUE.yaml", help="一期的 YAML 文件")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf",
                   help="PDF 保存到哪里（默认：out/ 下与 issues/ 对应的位置）")
    p.set_defaults(run=run)


def run(args) -> int:
    builder = Builder(find_project(args.issue))
    try:
        built = builder.build(args.issue, args.output)
    except WeeklyPdfError as exc:
        report.error(exc)
        return 1
    print(f"已生成 {report.path(built.output)}（{built.pages} 页，{built.size // 1024} KB）")
    report.fallbacks(built.fallbacks)
    return 0
