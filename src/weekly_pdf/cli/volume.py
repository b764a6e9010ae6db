"""weekly-pdf volume YEAR [-o FILE] [--out-dir OUT_DIR] [--ofd]"""

from __future__ import annotations

import sys
from pathlib import Path

from ..project import find_project
from . import report
from .build import add_ofd_option


def register(sub) -> None:
    p = sub.add_parser(
        "volume", help="把一年的各期 PDF 装订成合订本",
        description="把某一年已经生成的各期 PDF（见 out/catalog.json）按期号合成一个 PDF，"
                    "前面加封面和目录，带书签（期 → 栏目 → 文章）和页码标签。"
                    "请先运行 weekly-pdf build-all。",
        epilog="例：weekly-pdf volume 2023（生成 out/2023年合订本.pdf）")
    p.add_argument("year", type=int, metavar="YEAR", help="年份，例如 2023")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="合订本保存到哪里（默认：out/<年份>年合订本.pdf）")
    p.add_argument("--out-dir", type=Path, metavar="OUT_DIR",
                   help="各期 PDF 和 catalog.json 所在的文件夹（默认：项目的 out/）")
    add_ofd_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive.volume import build_volume
    project = find_project(args.out_dir)
    out_dir = args.out_dir or project.out_dir
    volume = build_volume(project, out_dir, args.year, args.output, ofd=args.ofd)
    print(f"已生成 {report.path(volume.output)}（{volume.issues} 期，封面和目录 {volume.front_pages} 页，"
          f"正文 {volume.pages - volume.front_pages} 页）")
    if volume.ofd is not None:
        print(f"已生成 {report.path(volume.ofd)}（OFD）")
    if volume.missing:
        listed = "、".join(f"第{n}期" for n in volume.missing)
        print(f"注意：{args.year} 年缺少{listed}（catalog.json 里没有，可能尚未生成或有错误），"
              f"合订本里没有这些期。", file=sys.stderr)
    return 0
