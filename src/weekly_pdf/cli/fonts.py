"""weekly-pdf fonts [ISSUE.yaml]"""

from __future__ import annotations

from pathlib import Path

from ..errors import IssueErrors, WeeklyPdfError, display_path
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "fonts", help="列出每种用途用哪个字体；给出期刊文件时，再列出哪些字用了后备字体、哪些字印不出",
        description="列出每种用途（标题、正文、栏目、目录、页码）依次使用的字体：文件、字体名、版本、授权，"
                    "以及是随程序附带的还是本单位放在 fonts/local/ 里的。给出期刊文件时，再列出其中"
                    "哪些字本体字体没有、由后备字体印出，哪些字所有字体都没有，各在第几行、哪个字段。",
        epilog="例：weekly-pdf fonts；weekly-pdf fonts issues/2023/2023-20.yaml")
    p.add_argument("issue", type=Path, nargs="?", metavar="ISSUE.yaml", help="要查看的期刊文件（可省略）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..fonts.fontset import describe, load_fontset
    project = find_project(args.issue)
    fontset = load_fontset(project.fonts_dir)
    print("用途 → 字体（按顺序尝试：第一个是本体字体，其余是后备字体）")
    current = None
    for row in describe(fontset):
        if row.role != current:
            current = row.role
            print(f"{report.ROLE_NAMES.get(row.role, row.role)}（{row.role}）")
        kind = "本单位自备" if row.local else "随程序附带"
        rank = "本体" if row.rank == 0 else f"后备{row.rank}"
        print(f"  {rank}  {row.family}  版本 {row.version}  授权 {row.licence}  {kind}  "
              f"{display_path(row.path)}")
    if args.issue is None:
        return 0
    return _issue(args.issue, fontset, project)


def _issue(issue_file: Path, fontset, project) -> int:
    from ..source.layout import read_layout
    from ..source.load import load_issue
    from ..render.html import printed_texts
    try:
        issue = load_issue(issue_file, layouts_dir=project.layouts_dir)
        checked = project.checked_layout_dir
        layout = read_layout(checked(issue.layout), find=checked).styled(issue.style,
                                                                          issue.positions)
    except WeeklyPdfError as exc:
        report.error(exc)
        return 1
    print()
    print(f"{report.path(issue_file)}：")
    try:
        fallbacks = fontset.check(printed_texts(issue, layout, fontset), issue_file,
                                  issue.positions)
    except IssueErrors as exc:
        print(f"  以下字所有字体里都没有，无法印出（{len(exc.errors)} 处）：")
        for error in exc.errors:
            print(f"    {error}")
        return 1
    if not fallbacks:
        print("  每个字都由本体字体印出，没有用到后备字体。")
        return 0
    print(f"  以下 {len(fallbacks)} 个字本体字体里没有，由后备字体印出：")
    for item in fallbacks:
        where = item.where
        place = (f"{display_path(Path(where[0]))} 第 {where[1]} 行第 {where[2]} 列" if where
                 else display_path(issue_file))
        print(f"    “{item.char}”（U+{ord(item.char):04X}）"
              f"{report.ROLE_NAMES.get(item.role, item.role)} → {item.font}，"
              f"见 {place}，字段 {item.path}")
    return 0
