"""weekly-pdf import SOURCE [-o ISSUE.yaml] [--force]
weekly-pdf import ARTICLE.docx --into ISSUE.yaml --column 栏目名

Exit codes: 0 imported cleanly; 4 written, but something needs a person's
look (listed, and kept in the file under 待人工核对); 1 nothing written for at
least one source (unreadable, or the target exists without --force).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import WeeklyPdfError
from . import report

if TYPE_CHECKING:  # the importer is loaded when an import runs, not for every command
    from ..source.importer import ArticleResult, ImportResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REVIEW = 0, 1, 2, 4


def register(sub) -> None:
    p = sub.add_parser(
        "import", help="把往期的文字稿、旧 PDF 或 Word 文件导入成期刊 YAML 文件；把 Word 稿件加进一期",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="读取往期周报的文字稿（.txt）、PDF 或 Word 文件（.docx/.doc/.wps），识别报头、\n"
                    "目录提要、栏目、文章、供稿单位和版记，写成一期的 YAML 文件。识别不了的内容\n"
                    "不会丢：会写在文件末尾“待人工核对”一段里，并在这里列出所在行号。\n"
                    "加 --into 时，SOURCE 是一篇 Word 稿件，追加到已有一期的某个栏目里。",
        epilog="退出码：0 导入完成；4 已写出文件，但有内容需要人工核对；1 有文件没能导入；2 用法有误。\n"
               "例：weekly-pdf import 往期/2023年第20期.txt -o issues/2023/\n"
               "    weekly-pdf import 往期文件夹/ -o issues/2023/\n"
               "    weekly-pdf import 稿件.docx --into issues/2023/2023-22.yaml --column 基层动态\n"
               ".doc 和 .wps 文件需要 LibreOffice（apt-get install libreoffice-writer-nogui）。")
    p.add_argument("source", type=Path, metavar="SOURCE",
                   help="往期的 .txt 文字稿、.pdf 或 Word 文件；也可以是一个文件夹（导入其中所有这些文件）")
    p.add_argument("-o", "--output", type=Path, metavar="ISSUE.yaml",
                   help="写到哪里：一个文件名，或一个文件夹（默认：当前文件夹，"
                        "文件名为 <年>-<期号>.yaml，如 2023-20.yaml）")
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖它（默认不覆盖）")
    p.add_argument("--into", type=Path, metavar="ISSUE.yaml",
                   help="把 SOURCE（一篇 Word 稿件）追加到这个已有的期刊文件里；图片存到它旁边的 images/")
    p.add_argument("--column", metavar="栏目名",
                   help="和 --into 一起用：文章放进哪个栏目（没有这个栏目就在最后新建）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..source.importer import import_file
    source: Path = args.source
    if args.into is not None or args.column is not None:
        return _run_into(args)
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
    from ..source.importer import SOURCE_SUFFIXES, import_file
    sources = sorted(p for p in folder.iterdir()
                     if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not sources:
        print(f"错误：文件夹 {report.path(folder)} 里没有 .txt、.pdf 或 Word 文件", file=sys.stderr)
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
            report.error(exc)  # one line per problem, as for a single file
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
    from ..source.importer.write import issue_title
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


def _run_into(args) -> int:
    """import ARTICLE.docx --into ISSUE.yaml --column 栏目名"""
    from ..source.importer import WORD_SUFFIXES, import_article
    from ..source.wording import bare_column
    if args.into is None or not args.column or not bare_column(args.column):
        print("用法错误：--into 和 --column 要一起用，例如 weekly-pdf import 稿件.docx "
              "--into issues/2023/2023-22.yaml --column 基层动态", file=sys.stderr)
        return EXIT_USAGE
    if args.output is not None or args.force:
        print("用法错误：--into 是把文章追加到已有的一期，不能同时用 -o 或 --force", file=sys.stderr)
        return EXIT_USAGE
    if args.source.suffix.lower() not in WORD_SUFFIXES:
        print(f"用法错误：--into 只能导入一篇 Word 稿件（.docx、.doc 或 .wps），"
              f"{report.path(args.source)} 不是", file=sys.stderr)
        return EXIT_USAGE
    try:
        # 【基层动态】 typed with its brackets is the column 基层动态, as in an issue file.
        result = import_article(args.source, args.into, bare_column(args.column))
    except WeeklyPdfError as exc:
        report.error(exc)
        return EXIT_FAILED
    _print_article(result)
    return EXIT_REVIEW if result.needs_review else EXIT_OK


def _print_article(result: ArticleResult) -> None:
    article = result.article
    where = f"新建的栏目【{result.column}】" if result.new_column else f"栏目【{result.column}】"
    parts = [f"{len(article.paragraphs)} 段"]
    counts = {}
    for item in article.body:
        if not isinstance(item, str):
            kind = type(item).__name__
            counts[kind] = counts.get(kind, 0) + 1
    for kind, what in (("Heading", "个小标题"), ("ItemList", "个列表"), ("Table", "个表格"),
                       ("Picture", "张图片")):
        if counts.get(kind):
            parts.append(f"{counts[kind]} {what}")
    print(f"已把 {report.path(result.source)} 加到 {report.path(result.issue_file)} 的{where}："
          f"《{article.title}》（{'，'.join(parts)}"
          f"{'，供稿：' + article.source if article.source else ''}）")
    for path in result.pictures:
        print(f"  图片：{report.path(path)}")
    for note in result.notes:
        print(f"  提示：{note}")
    if result.problems:
        print("  请核对：")
        for problem in result.problems:
            print(f"    {problem}")
