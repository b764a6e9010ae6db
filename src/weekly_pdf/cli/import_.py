"""weekly-pdf import SOURCE [-o ISSUE.yaml] [--force]

Exit codes: 0 imported cleanly; 4 written, but something needs a person's
look (listed, and kept in the file under 待人工核对); 1 nothing written for at
least one source (unreadable, or the target exists without --force).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import IssueErrors, WeeklyPdfError
from ..importer import SOURCE_SUFFIXES, ImportResult, import_file
from ..importer.write import issue_title
from . import report

EXIT_OK, EXIT_FAILED, EXIT_REVIEW = 0, 1, 4


def register(sub) -> None:
    p = sub.add_parser(
        "import", help="把往期的文字稿或旧 PDF 导入成期刊 YAML 文件",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="读取往期周报的文字稿（.txt）或 PDF，识别报头、目录提要、栏目、文章、\n"
                    "供稿单位和版记，写成一期的 YAML 文件。识别不了的内容不会丢：会写在\n"
                    "文件末尾“待人工核对”一段里，并在这里列出所在行号。",
        epilog="退出码：0 导入完成；4 已写出文件，但有内容需要人工核对；1 有文件没能导入。\n"
               "例：weekly-pdf import 往期/2023年第20期.txt -o issues/2023/\n"
               "    weekly-pdf import 往期文件夹/ -o issues/2023/")
    p.add_argument("source", type=Path, metavar="SOURCE",
                   help="往期的 .txt 文字稿或 .pdf；也可以是一个文件夹（导入其中所有 .txt 和 .pdf）")
    p.add_argument("-o", "--output", type=Path, metavar="ISSUE.yaml",
                   help="写到哪里：一个文件名，或一个文件夹（默认：当前文件夹，"
                        "文件名为 <年>-<期号>.yaml，如 2023-20.yaml）")
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖它（默认不覆盖）")
    p.set_defaults(run=run)


def run(args) -> int:
    source: Path = args.source
    if source.is_dir():
        return _run_folder(source, args.output, args.force)
    if not source.exists():
        print(f"错误：找不到 {report.path(source)}", file=sys.stderr)
        return EXIT_FAILED
    try:
        result = import_file(source, args.output, force=args.force)
    except WeeklyPdfError as exc:
        report.error(exc)
        return EXIT_FAILED
    _print(result)
    return EXIT_REVIEW if result.needs_review else EXIT_OK


def _run_folder(folder: Path, output: Path | None, force: bool) -> int:
    sources = sorted(p for p in folder.iterdir()
                     if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not sources:
        print(f"错误：文件夹 {report.path(folder)} 里没有 .txt 或 .pdf 文件", file=sys.stderr)
        return EXIT_FAILED
    if output is not None and (output.exists() and not output.is_dir()
                               or output.suffix.lower() in (".yaml", ".yml")):
        print(f"错误：导入整个文件夹时，-o 必须是一个文件夹，{report.path(output)} 不是",
              file=sys.stderr)
        return EXIT_FAILED
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
    taken: set[Path] = set()
    clean = review = failed = 0
    for source in sources:
        try:
            result = import_file(source, output, force=force, taken=taken)
        except WeeklyPdfError as exc:
            failed += 1
            if not isinstance(exc, IssueErrors):
                print(f"错误：{exc}", file=sys.stderr)
            else:
                report.error(exc)
            continue
        _print(result)
        if result.needs_review:
            review += 1
        else:
            clean += 1
    print(f"共 {len(sources)} 个文件：{clean} 个导入完成，{review} 个已导入但需要人工核对，"
          f"{failed} 个没能导入。")
    return EXIT_FAILED if failed else EXIT_REVIEW if review else EXIT_OK


def _print(result: ImportResult) -> None:
    parsed = result.parsed
    sections = parsed.fields.get("sections", [])
    articles = sum(len(s.articles) for s in sections)
    title = issue_title(parsed.fields) or "刊名、期号未识别"
    print(f"已导入 {report.path(result.source)} → {report.path(result.output)}"
          f"（{title}，{len(sections)} 个栏目，{articles} 篇文章）")
    for note in result.notes + parsed.notes:
        print(f"  提示：{note}")
    if parsed.problems or parsed.leftovers:
        count = len(parsed.problems) + len(parsed.leftovers)
        print(f"  待人工核对（{count} 项，已写在文件末尾“待人工核对”一段）：")
        for problem in parsed.problems:
            print(f"    {problem}")
        for item in parsed.leftovers:
            text = item.text if len(item.text) <= 40 else item.text[:40] + "…"
            print(f"    {item.where}：{item.why}：{text}")
    if result.load_errors:
        print("  写出的文件还不能直接排版（请按上面的提示补全）：")
        for message in result.load_errors:
            print(f"    {message}")
