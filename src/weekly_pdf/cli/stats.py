"""weekly-pdf stats PERIOD | --from DATE --to DATE: the adoption statistics and the 通报"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..project import find_project, out_beside
from . import iso_date, report

_DATE = iso_date("2023-07-01")


def register(sub) -> None:
    p = sub.add_parser(
        "stats", help="统计各单位信息被采用的情况，生成排名表和通报",
        description="按各期文章的供稿单位（source）统计某一时期各单位信息被采用的篇数和得分："
                    "在屏幕上列出排名表，并生成 CSV、Excel（按单位、按类别、按月份）和"
                    "《关于……信息报送采用情况的通报》PDF。单位名称按 issues/units.yaml 归并，"
                    "计分按 issues/scoring.toml（写法见 docs/stats.md）。",
        epilog="例：weekly-pdf stats 2023-Q3（第三季度）；weekly-pdf stats 2023-07（7月）；"
               "weekly-pdf stats 2023（全年）；weekly-pdf stats 2023-H1（上半年）；"
               "weekly-pdf stats --from 2023-07-01 --to 2023-08-15")
    p.add_argument("period", nargs="?", metavar="PERIOD",
                   help="统计期：2023、2023-H1、2023-Q3 或 2023-07（按各期的出刊日期）")
    p.add_argument("--from", dest="start", type=_DATE, metavar="YYYY-MM-DD",
                   help="统计期的第一天（与 --to 一起使用，代替 PERIOD）")
    p.add_argument("--to", dest="end", type=_DATE, metavar="YYYY-MM-DD",
                   help="统计期的最后一天（含这一天）")
    p.add_argument("--issues", type=Path, metavar="ISSUES_DIR",
                   help="期刊文件夹（默认：项目的 issues/）")
    p.add_argument("-o", "--out-dir", type=Path, metavar="DIR",
                   help="CSV、Excel 和 PDF 放在哪个文件夹（默认：out/stats/）")
    p.add_argument("--units", type=Path, metavar="FILE",
                   help="单位名录（默认：期刊文件夹里的 units.yaml）")
    p.add_argument("--scoring", type=Path, metavar="FILE",
                   help="计分办法（默认：期刊文件夹里的 scoring.toml）")
    p.add_argument("--strict", action="store_true",
                   help="单位名录里没有的供稿单位算作错误（不生成任何文件）")
    p.add_argument("--all-units", action="store_true",
                   help="单位名录里的单位全部列出，没有被采用的也列出（0 篇，排在最后）")
    p.add_argument("--date", type=_DATE, metavar="YYYY-MM-DD",
                   help="通报落款的日期（默认：统计期的最后一天）")
    p.add_argument("--formats", type=_formats, default=None, metavar="csv,xlsx,pdf",
                   help="生成哪些文件，用逗号分隔（默认：csv,xlsx,pdf 全部）；none：只在屏幕上列出")
    p.add_argument("--layout", default=None, metavar="NAME",
                   help="通报用哪个版式（layouts/ 下的文件夹，需要 report.html；默认：bulletin）")
    p.add_argument("--no-cache", action="store_true",
                   help="不用缓存，重新读取每一个期刊文件")
    p.set_defaults(run=run)


def _formats(text: str) -> frozenset[str]:
    from ..archive.stats import FORMATS
    chosen = {part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()}
    if chosen == {"none"}:
        return frozenset()
    unknown = chosen - set(FORMATS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"“{text}”里有不认识的格式；可以写 csv、xlsx、pdf（用逗号分隔），"
                                         f"或 none")
    return frozenset(chosen)


def _period(args):
    from ..archive.stats.periods import date_range, parse_period
    if args.period and (args.start or args.end):
        raise UsageError("统计期只能用一种写法：PERIOD（如 2023-Q3），或 --from 和 --to")
    if args.start or args.end:
        if not (args.start and args.end):
            raise UsageError("--from 和 --to 要一起写，例如 --from 2023-07-01 --to 2023-09-30")
        return date_range(args.start, args.end)
    if not args.period:
        raise UsageError("请写出统计期，例如 weekly-pdf stats 2023-Q3，"
                         "或 weekly-pdf stats --from 2023-07-01 --to 2023-09-30")
    return parse_period(args.period)


def run(args) -> int:
    from ..archive.stats import CACHE_NAME, FORMATS, StatsOptions, run_stats
    from ..archive.stats.tables import terminal_table
    from ..source.wording import DEFAULT_LAYOUT

    period = _period(args)
    project = find_project(args.issues)
    issues_dir = args.issues or project.issues_dir
    out = out_beside(issues_dir) if args.issues else project.out_dir
    options = StatsOptions(
        period=period, issues_dir=issues_dir, out_dir=args.out_dir or out / "stats",
        formats=frozenset(FORMATS) if args.formats is None else args.formats,
        strict=args.strict, all_units=args.all_units, date=args.date,
        layout=args.layout or DEFAULT_LAYOUT, units_file=args.units, scoring_file=args.scoring,
        cache_file=None if args.no_cache else out / CACHE_NAME)
    result = run_stats(project, options)
    tally = result.tally
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print(f"{period.title}（{period.span}）")
    print(f"共 {tally.issues} 期，采用信息 {tally.adopted} 篇，涉及 {tally.units_adopted} 个单位；"
          f"计分办法：{tally.scoring.name or '（未命名）'}，联合报送{tally.scoring.joint}。")
    print(terminal_table(tally), end="")
    report.fallbacks(result.fallbacks)
    for path in result.written:
        extra = f"（{result.pages} 页）" if path.suffix == ".pdf" else ""
        print(f"已生成 {report.path(path)}{extra}", file=sys.stderr)
    return 0
