"""weekly-pdf site [ISSUES_DIR] [-o SITE_DIR] [--out-dir OUT_DIR]"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "site", help="生成可以从共享文件夹直接打开的往期档案网站（含全文搜索）",
        description="把整个档案生成一个静态网站：年度目录、每期一页（全文，每篇文章可跳到 PDF 中"
                    "的那一页）、每个供稿单位一页，首页可全文搜索。双击 index.html 即可用浏览器打开，"
                    "不需要服务器，也不联网。只重写有变化的网页。",
        epilog="例：weekly-pdf site（issues/ → out/site/，PDF 在 out/ 里）；"
               "weekly-pdf site issues -o 共享盘/档案网站")
    p.add_argument("issues_dir", type=Path, nargs="?", metavar="ISSUES_DIR",
                   help="期刊文件夹（默认：项目的 issues/）")
    p.add_argument("-o", "--output", type=Path, metavar="SITE_DIR",
                   help="网站保存到哪个文件夹（默认：PDF 文件夹里的 site/，即 out/site/）")
    p.add_argument("--out-dir", type=Path, metavar="OUT_DIR",
                   help="各期 PDF 和 catalog.json 所在的文件夹（默认：与 build-all 相同，"
                        "期刊文件夹旁边的 out/）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..project import archive_folders
    project, issues_dir, out_dir = archive_folders(args.issues_dir, args.out_dir)
    site_dir = Path(args.output) if args.output else out_dir / "site"
    project.check_output_dir(site_dir)
    return make_site(project, issues_dir, out_dir, site_dir)


def make_site(project, issues_dir: Path, out_dir: Path, site_dir: Path) -> int:
    """Build the site and tell what happened; the exit code (1: some issue
    files could not be read, the site holds the others)."""
    from ..archive.progress import duration
    from ..archive.site import build_site
    result = build_site(project, issues_dir, out_dir, site_dir)
    for skipped, kept in result.duplicates:
        print(f"注意：{display_path(skipped.source)} 与 {display_path(kept.source)} 是同一期，"
              f"网站里用后者。", file=sys.stderr)
    for file, errors in result.failures:
        print(f"失败：{display_path(file.source)}（这一期不在网站里）", file=sys.stderr)
        for line in errors:
            print(f"  {line}", file=sys.stderr)
    index = site_dir / "index.html"
    if not result.issues:
        print(f"{report.path(issues_dir)} 里没有可用的期刊文件；网站 {report.path(index)} 是空的。")
    else:
        changes = f"写入 {len(result.written)} 个文件"
        if result.removed:
            changes += f"，删除 {len(result.removed)} 个不再需要的文件"
        print(f"档案网站：{report.path(index)}（{result.issues} 期，{result.articles} 篇文章）；"
              f"{changes}，{result.unchanged} 个没有变化（用时 {duration(result.seconds)}）。")
        print("用浏览器打开 index.html 即可浏览和搜索；复制或共享时请连同 PDF 所在的整个文件夹"
              f"（{report.path(out_dir)}）一起。")
    if result.without_pdf:
        names = "、".join(result.without_pdf[:5]) + ("等" if len(result.without_pdf) > 5 else "")
        print(f"提示：{len(result.without_pdf)} 期（{names}）还没有 PDF，网页里暂无 PDF 链接；"
              f"运行 weekly-pdf build-all --site 可一并生成。")
    return 1 if result.failures else 0
