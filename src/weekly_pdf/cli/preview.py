"""weekly-pdf preview ISSUE.yaml|FILE.pdf [-o DIR]"""

from __future__ import annotations

from pathlib import Path

from ..errors import WeeklyPdfError
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "preview", help="把每一页画成图片（PNG），另加一张所有页面的缩略总览",
        description="从 PDF 本身画出每一页的图片（打印出来就是这个样子）和一张所有页面并排的总览图"
                    "（contact-sheet.png）。给的是 YAML 文件时，先照常生成 PDF（同 build），再画图。",
        epilog="例：weekly-pdf preview issues/2023/2023-20.yaml   "
               "（图片在 out/2023/2023-20-preview/ 里：page-01.png …、contact-sheet.png）")
    p.add_argument("source", type=Path, metavar="ISSUE.yaml|FILE.pdf",
                   help="一期的 YAML 文件，或一个已经生成的 PDF 文件")
    p.add_argument("-o", "--output", type=Path, metavar="DIR",
                   help="图片放在哪个文件夹（默认：PDF 旁边的“PDF 文件名-preview”文件夹）")
    p.add_argument("--dpi", type=_dpi, default=100, metavar="DPI",
                   help="图片的分辨率（每英寸点数，20–600，默认 100）")
    p.set_defaults(run=run)


def _dpi(text: str) -> int:
    """--dpi: a whole number in the range the previews are drawn at."""
    import argparse
    from ..pdf.preview import dpi_problem
    try:
        value = int(text)
    except ValueError:
        value = text
    if problem := dpi_problem(value):
        raise argparse.ArgumentTypeError(problem)
    return value


def run(args) -> int:
    from ..pdf.preview import MAX_PAGE_PIXELS, render_preview
    source: Path = args.source
    if not source.is_file():
        report.error(WeeklyPdfError(f"找不到文件 {report.path(source)}"))
        return 1
    try:
        if source.suffix.lower() == ".pdf":
            pdf = source
        else:
            from ..build import Builder
            built = Builder(find_project(source), aside=True).build(source)
            pdf = built.output
            print(f"已生成 {report.path(pdf)}（{built.pages} 页，{built.size // 1024} KB）")
            report.fallbacks(built.fallbacks)
        preview = render_preview(pdf, args.output, dpi=args.dpi)
    except WeeklyPdfError as exc:
        report.error(exc)
        return 1
    print(f"已画出 {len(preview.pages)} 页：{report.path(preview.pages[0].parent)}"
          f"（每页一张 page-NN.png，总览 {preview.contact_sheet.name}）")
    for page, dpi in preview.reduced[:5]:
        print(f"  提示：第 {page} 页很大，按 {dpi} dpi 画出（每页最多 {MAX_PAGE_PIXELS // 10000} 万像素）")
    if len(preview.reduced) > 5:
        print(f"  提示：另有 {len(preview.reduced) - 5} 页也因为很大而降低了分辨率")
    if preview.sheet_pages < len(preview.pages):
        print(f"  提示：总览图只含前 {preview.sheet_pages} 页")
    return 0
