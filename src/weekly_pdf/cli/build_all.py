"""weekly-pdf build-all [ISSUES_DIR] [-o OUT_DIR] [-j N] [--force] [--pdfa] [--ofd] [--site]"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import display_path
from ..project import archive_folders
from . import report
from .build import add_ofd_option, add_pdfa_option, build_options


def register(sub) -> None:
    p = sub.add_parser(
        "build-all", help="批量生成整个档案的 PDF（只生成有改动的期）",
        description="找出期刊文件夹里的每一期，并行生成 PDF。只重新生成有改动的期："
                    "本期文件、publication.yaml、词表 terms.txt、版式、字体或程序版本变了才重新生成。"
                    "结束时更新 catalog.json 和 catalog.csv。某一期出错不影响其他期。",
        epilog="例：weekly-pdf build-all（issues/ → out/）；"
               "weekly-pdf build-all issues -o out -j 2 --force（全部重新生成）")
    p.add_argument("issues_dir", type=Path, nargs="?", metavar="ISSUES_DIR",
                   help="期刊文件夹（默认：项目的 issues/）")
    p.add_argument("-o", "--output", type=Path, metavar="OUT_DIR",
                   help="PDF 保存到哪个文件夹（默认：期刊文件夹旁边的 out/）")
    p.add_argument("-j", "--jobs", type=_positive, metavar="N",
                   help="同时生成几期（默认：CPU 核数）")
    p.add_argument("--force", action="store_true", help="不管有没有改动，全部重新生成")
    p.add_argument("--time-limit", type=_seconds, metavar="秒", default=None,
                   help="每一期最多用多少秒（默认：180）；超时的期停止生成并报告，"
                        "其他期照常；0 表示不限")
    p.add_argument("--site", action="store_true",
                   help="生成 PDF 之后，再更新往期档案网站（OUT_DIR/site/，见 weekly-pdf site）")
    add_pdfa_option(p)
    add_ofd_option(p)
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    import argparse
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"“{text}”不是正整数")
    return value


def _seconds(text: str) -> float:
    import argparse
    import math
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的秒数（例如 300；0 表示不限）")
    return value


def run(args) -> int:
    from . import EXIT_INTERRUPTED
    project, issues_dir, out_dir = archive_folders(args.issues_dir, args.output)
    code = _batch(args, project, issues_dir, out_dir)
    if args.site and code != EXIT_INTERRUPTED:
        from .site import make_site
        code = max(code, make_site(project, issues_dir, out_dir, out_dir / "site"))
    return code


def _batch(args, project, issues_dir: Path, out_dir: Path) -> int:
    from ..archive.batch import DEFAULT_TIME_LIMIT, run_batch
    from ..archive.discover import near_miss_message, near_misses
    from ..archive.progress import duration
    from . import EXIT_INTERRUPTED
    limit = DEFAULT_TIME_LIMIT if args.time_limit is None else args.time_limit or None
    result = run_batch(project, issues_dir, out_dir, jobs=args.jobs, force=args.force,
                       options=build_options(args), time_limit=limit)
    if result.removed_temp:
        print(f"已清除上次中断留下的 {result.removed_temp} 个临时文件。")
    for path in near_misses(issues_dir):  # 2023-22.yaml.txt: Windows hid the .txt
        print(near_miss_message(path), file=sys.stderr)
    if not result.total:
        print(f"{report.path(issues_dir)} 里没有期刊文件。")
    elif not result.built and not result.interrupted and not any(
            not f.cached for f in result.failures):
        broken = len(result.failures)
        print(f"没有需要重新生成的：{result.skipped} 期没有改动"
              + (f"，{broken} 期仍有错误（文件没有改动）" if broken else "")
              + f"（用时 {duration(result.seconds)}）。")
    for failure in result.failures:
        note = "（文件没有改动，沿用上次的检查结果）" if failure.cached else (
            "（PDF 已生成，但要改正）" if failure.written else "")
        print(f"失败：{display_path(failure.issue.source)}{note}", file=sys.stderr)
        for line in failure.errors:
            print(f"  {line}", file=sys.stderr)
    if result.catalog:
        print(f"期刊目录：{report.path(result.catalog[0])}、{report.path(result.catalog[1])}"
              f"（共 {result.catalog_count} 期）")
    if result.fallbacks:
        names = "、".join(issue.name for issue in result.fallbacks[:5])
        more = "等" if len(result.fallbacks) > 5 else ""
        print(f"提示：有 {len(result.fallbacks)} 期（{names}{more}）用后备字体印出了本体字体里没有的字；"
              f"用 weekly-pdf check 可查看是哪些字。")
    if result.interrupted:
        print(f"已中断：已生成 {len(result.built)} 期，已经生成的 PDF 都完好；"
              f"再次运行 weekly-pdf build-all 会接着生成其余各期。", file=sys.stderr)
        return EXIT_INTERRUPTED
    if result.built or any(not f.cached for f in result.failures):
        speed = ""
        if result.built and result.seconds > 0:
            speed = f"，每秒 {len(result.built) / result.seconds:.1f} 期，{result.jobs} 个进程"
        missing = sum(not f.written for f in result.failures)
        same = len(result.failures) - missing
        print(f"完成：共 {result.total} 期，生成 {len(result.built)} 期，跳过 {result.skipped} 期"
              f"（没有改动），失败 {missing} 期" + (f"，期号重复 {same} 期" if same else "")
              + f"；用时 {duration(result.seconds)}{speed}。")
    if result.failures:
        for written, what in ((False, "没有生成"), (True, "已生成，但期号与别的文件重复")):
            listed = [f for f in result.failures if f.written == written]
            if listed:
                names = "、".join(display_path(f.issue.source) for f in listed)
                print(f"有 {len(listed)} 期{what}：{names}", file=sys.stderr)
        return 1
    return 0
