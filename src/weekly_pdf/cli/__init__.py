"""The ``weekly-pdf`` command: every message in Simplified Chinese, never a traceback.

Each sub-command lives in its own module with ``register(subparsers)``; the
function it sets as ``run`` takes the parsed arguments and returns the exit code.
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import sys
import traceback

from .. import __version__, signals
from . import console
from ..errors import UsageError, WeeklyPdfError, internal_error

#: argparse's error messages (its English templates) and their Chinese words.
_ERRORS_ZH = {
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有这个命令 %(value)r（可用：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ignored explicit argument %r": "不认识的写法 %r（这个选项不带值，或值写错了）",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
}


def _pattern(template: str) -> re.Pattern:
    """A regular expression matching what ``template % values`` printed."""
    parts = re.split(r"(%\((\w+)\)[sr]|%[sr])", template)
    regex, names = "", iter(range(1000))
    i = 0
    while i < len(parts):
        regex += re.escape(parts[i])
        if i + 1 < len(parts):
            name = parts[i + 2] or f"_{next(names)}"
            regex += f"(?P<{name}>.*?)"
        i += 3
    return re.compile(regex + r"\Z", re.S)


_ERROR_PATTERNS = [(_pattern(english), chinese) for english, chinese in _ERRORS_ZH.items()]


def iso_date(example: str):
    """An argparse type for a YYYY-MM-DD option, whose error message gives
    ``example`` as a date to copy."""
    import datetime

    def parse(text: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"“{text}”不是有效的日期，格式为 YYYY-MM-DD，例如 {example}") from None
    return parse


def chinese_error(message: str) -> str:
    """argparse's English error message in Chinese (unknown ones are left as they are)."""
    for pattern, chinese in _ERROR_PATTERNS:
        match = pattern.match(message)
        if match:
            values = match.groupdict()
            if "message" in values:
                values["message"] = chinese_error(values["message"])
            positional = tuple(v for k, v in values.items() if k.startswith("_"))
            # The captured values are already printed text: insert them as they are.
            chinese = chinese.replace("%r", "%s").replace(")r", ")s")
            return chinese % (positional if positional else values)
    return message


#: A section heading of a help text whose title ends in a Chinese character.
_HEADING = re.compile(r"(?m)^(\S.*[\u3000-\u9fff\uff00-\uffef]):$")


class ChineseUsage(argparse.HelpFormatter):
    """Help and usage headed 用法： instead of usage:, section headings ending
    in "：", and the list of sub-commands without argparse's line naming their
    placeholder (命令) above it."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self):
        # argparse ends a section heading with ":"; after a Chinese title, "：".
        return _HEADING.sub(r"\1：", super().format_help())

    def _format_action(self, action):
        text = super()._format_action(action)
        if isinstance(action, argparse._SubParsersAction):
            text = text.split("\n", 1)[1]  # the sub-commands, one per line, follow it
        return text


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser speaking Chinese: usage, section titles, -h and errors.

    Sub-command parsers are made with the same class, so they speak it too.
    """

    def __init__(self, *args, formatter_class=argparse.HelpFormatter, add_help=True, **kwargs):
        if not issubclass(formatter_class, ChineseUsage):
            formatter_class = type(f"Chinese{formatter_class.__name__}",
                                   (ChineseUsage, formatter_class), {})
        super().__init__(*args, formatter_class=formatter_class, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")


EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: 128 + SIGPIPE, what a shell reports for a pipeline member whose reader left.
EXIT_BROKEN_PIPE = 141


def _commands():
    """The sub-command modules, in the order --help lists them."""
    from . import (build, build_all, check, fonts, import_, layouts, new, preview, search, site,
                   stats, verify, volume, watch)
    return [new, check, build, watch, preview, fonts, build_all, volume, stats, site, search,
            import_, layouts, verify]


def parser() -> ArgumentParser:
    top = ArgumentParser(
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
    console.prepare()  # a closed stdout, an ASCII-only terminal: never a traceback
    signals.install()  # Ctrl-C and SIGTERM stop a command once, cleanly
    try:
        args = parser().parse_args(argv)
        code = args.run(args)
        if signals.requested() and code != EXIT_INTERRUPTED:
            raise KeyboardInterrupt  # a stop that was dropped on its way: honour it now
        return code
    except UsageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except WeeklyPdfError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("已中断，已经生成的 PDF 保持完好。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Whoever read our output went away (weekly-pdf ... | head): nothing went wrong
        # with the work. Exit as a shell expects of a pipeline member, without a second
        # complaint when Python flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug of ours: say so in one line
        if problem := console.os_problem(exc):  # a name too long, a full disk: not a bug
            print(f"错误：{problem}", file=sys.stderr)
            return EXIT_INPUT
        if os.environ.get("WEEKLY_PDF_DEBUG"):
            traceback.print_exc()
        print(internal_error(exc, "（设置 WEEKLY_PDF_DEBUG=1 可看到详细信息）。"), file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    """The ``weekly-pdf`` console script: :func:`main`, then a quick exit.

    A build leaves about a million objects (WeasyPrint's boxes, Pango's
    layouts) that the interpreter would free one by one on the way out, for
    nothing. :func:`_quick_exit`, the first exit handler registered (so the
    last to run, after every other one: the finalizers that remove
    WeasyPrint's temporary folders among them), flushes the standard streams
    and ends the process there. Every file the command writes is complete
    and closed before :func:`main` returns (weekly_pdf.atomic).
    """
    global _exit_code
    _exit_code = main()
    sys.exit(_exit_code)


#: The exit code :func:`_quick_exit` ends the process with (None: not the console script).
_exit_code: int | None = None


def _quick_exit() -> None:
    code = _exit_code
    if code is None:  # main() called from Python (tests): a normal exit
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader left, or the stream is closed
            if code == EXIT_OK and stream is sys.stdout:
                code = EXIT_BROKEN_PIPE
        except OSError as exc:  # stdout on a full disk (> /dev/full)
            if stream is sys.stdout:
                print(f"错误：{console.os_problem(exc) or exc}", file=sys.stderr)
                code = code or EXIT_INPUT
    os._exit(code)


atexit.register(_quick_exit)  # first registered, last to run
