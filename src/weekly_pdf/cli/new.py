"""weekly-pdf new [ISSUES_DIR] [--date YYYY-MM-DD]"""

from __future__ import annotations

import sys
from pathlib import Path

from ..project import find_project
from . import iso_date, report

_DATE = iso_date("2024-01-05")


def register(sub) -> None:
    p = sub.add_parser(
        "new", help="照最新一期生成下一期的 YAML 文件（待填写）",
        description="找到最新的一期，生成下一期的文件：期号和总期号加一，日期推后一周"
                    "（新的一年期号从 1 开始，总期号接着数），栏目沿用，文章留出待填写的位置。"
                    "打印新文件的路径。不会覆盖已有的文件。",
        epilog="例：weekly-pdf new；weekly-pdf new --date 2024-01-05；"
               "weekly-pdf new --series 增刊（本年的下一期增刊，文件名如 2023-s01.yaml）")
    p.add_argument("issues_dir", type=Path, nargs="?", metavar="ISSUES_DIR",
                   help="期刊文件夹（默认：项目的 issues/）")
    p.add_argument("--date", type=_DATE, metavar="YYYY-MM-DD",
                   help="下一期的日期（默认：最新一期的日期加 7 天；增刊默认与最新一期同一天）")
    p.add_argument("--series", choices=["增刊"],
                   help="生成增刊：增刊单独编号（本年增刊第1期、第2期……），不计总期号")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive.newissue import write_next_issue
    issues_dir = args.issues_dir or find_project(None).issues_dir
    plan = write_next_issue(issues_dir, args.date, args.series)
    print(report.path(plan.path))
    print(f"已生成 {plan.title}（{plan.date.isoformat()}）的文件，"
          f"请填写其中“（请填写……）”的内容。",
          file=sys.stderr)
    return 0
