"""The ``weekly-pdf`` command: every message in Simplified Chinese, never a traceback.

Each sub-command lives in its own module with ``register(subparsers)``; the
function it sets as ``run`` takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from .. import __version__
from ..errors import UsageError, WeeklyPdfError

#: argparse's own words, in Chinese.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有这个命令 %(value)r（可用：%(choices)s）",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "show program's version number and exit": "显示版本号并退出",
    "ignored explicit argument %r": "不认识的写法 %r（这个选项不带值，或值写错了）",
    "not allowed with argument %s": "不能与 %s 同时使用",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _commands():
    """The sub-command modules, in the order --help lists them."""
    from . import build, build_all, check, fonts, import_, new, preview, volume, watch
    return [new, check, build, watch, preview, fonts, build_all, volume, import_]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="weekly-pdf",
        description="把每期《科协每周动态》的 YAML 文件排成可直接打印、归档的 A4 PDF。",
        epilog="每个命令的详细说明：weekly-pdf 命令 --help，例如 weekly-pdf build --help")
    top.add_argument("--version", action="version", version=f"weekly-pdf {__version__}",
                     help="显示版本号并退出")
    sub = top.add_subparsers(dest="command", metavar="命令", title="可用的命令")
    sub.required = True
    for command in _commands():
        command.register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except WeeklyPdfError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("已中断，已经生成的 PDF 保持完好。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: say so in one line
        if os.environ.get("WEEKLY_PDF_DEBUG"):
            traceback.print_exc()
        print(f"内部错误（{type(exc).__name__}: {exc}）。这是程序的问题，不是期刊文件的问题；"
              f"请把这条信息发给维护人员（设置 WEEKLY_PDF_DEBUG=1 可看到详细信息）。",
              file=sys.stderr)
        return EXIT_INTERNAL
