"""weekly-pdf check ISSUE.yaml..."""

from __future__ import annotations

from pathlib import Path

from ..build import Builder
from ..errors import WeeklyPdfError
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "check", help="只检查 YAML 文件，不生成 PDF",
        description="逐个检查期刊文件：格式、必填字段、日期、文件名，以及每个字能否用现有字体印出。",
        epilog="例：weekly-pdf check issues/2023/2023-20.yaml issues/2023/2023-21.yaml")
    p.add_argument("issues", type=Path, nargs="+", metavar="ISSUE.yaml", help="要检查的期刊文件")
    p.set_defaults(run=run)


def run(args) -> int:
    builder = Builder(find_project(args.issues[0]))
    failed = 0
    for issue_file in args.issues:
        try:
            checked = builder.check(issue_file)
        except WeeklyPdfError as exc:
            report.error(exc)
            failed += 1
            continue
        print(f"无误：{report.path(issue_file)}（{checked.issue.title}）")
        report.fallbacks(checked.fallbacks)
    if len(args.issues) > 1:
        print(f"共检查 {len(args.issues)} 个文件，{failed} 个有错误。")
    return 1 if failed else 0
