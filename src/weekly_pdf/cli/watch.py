"""weekly-pdf watch ISSUE.yaml [-o OUT.pdf] [--preview]"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .. import signals
from ..errors import WeeklyPdfError, internal_error
from ..project import find_project
from . import report
from .build import add_pdfa_option, build_options


def register(sub) -> None:
    p = sub.add_parser(
        "watch", help="边改边看：文件一保存就重新生成 PDF",
        description="生成一次 PDF，然后一直等着：期刊文件、publication.yaml、词表 terms.txt、版式（layouts/）或字体"
                    "（fonts/）一有保存，马上重新生成（程序保持运行，所以很快）。保存的内容有错时，"
                    "显示错误，上一次生成的 PDF 保持不变。按 Ctrl-C 结束。",
        epilog="例：weekly-pdf watch issues/2023/2023-20.yaml --preview")
    p.add_argument("issue", type=Path, metavar="ISSUE.yaml", help="一期的 YAML 文件")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf",
                   help="PDF 保存到哪里（默认：out/ 下与 issues/ 对应的位置）")
    p.add_argument("--preview", action="store_true",
                   help="每次生成后也画出每页的图片和总览图（同 weekly-pdf preview）")
    add_pdfa_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..build import Builder, cyclic_gc_paused
    from ..watch import Inputs, watch
    if not args.issue.is_file():
        report.error(WeeklyPdfError(f"找不到文件 {report.path(args.issue)}"))
        return 1
    project = find_project(args.issue)
    options = build_options(args)
    builder = Builder(project)
    builder.warm()

    def rebuild(program_changed: bool) -> None:
        nonlocal builder
        if program_changed:
            builder = Builder(project)  # fonts or layouts changed: read them again
        started = time.perf_counter()
        try:
            # The rebuild's garbage is collected after the new PDF is announced.
            with cyclic_gc_paused():
                built = builder.build(args.issue, args.output, options)
                seconds = time.perf_counter() - started
                print(f"{time.strftime('%H:%M:%S')} 已生成 {report.path(built.output)}"
                      f"（{built.pages} 页，{built.size // 1024} KB，用时 {seconds:.2f} 秒）",
                      flush=True)
            report.fallbacks(built.fallbacks)
            if args.preview:
                from ..pdf.preview import render_preview
                preview = render_preview(built.output)
                print(f"  已画出 {len(preview.pages)} 页：{report.path(preview.pages[0].parent)}",
                      flush=True)
        except WeeklyPdfError as exc:
            print(f"{time.strftime('%H:%M:%S')} 没有生成，上一次的 PDF 保持不变：", file=sys.stderr)
            report.error(exc)
            sys.stderr.flush()
        except Exception as exc:  # a bug of ours: say so, keep watching
            print(internal_error(exc, "。上一次的 PDF 保持不变。"), file=sys.stderr, flush=True)

    print(f"正在监视 {report.path(args.issue)}（以及 publication.yaml、terms.txt、layouts/、fonts/），"
          f"保存后自动重新生成；按 Ctrl-C 结束。", flush=True)
    try:
        watch(Inputs.of(args.issue, project), rebuild)
    except KeyboardInterrupt:
        signals.reset()  # Ctrl-C is how watch ends: not an interruption
        print("已停止监视。", flush=True)
    return 0
