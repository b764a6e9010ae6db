"""The streams a command writes to, made safe before it writes a word.

Three things a user's shell can do to a command that must not end in a
traceback: close its standard output (``weekly-pdf build x.yaml >&-``), give
it a terminal encoding that cannot write Chinese (``PYTHONIOENCODING=ascii``,
a Latin-1 locale), or make a system call fail for a reason of the user's (a
file name longer than the system allows, a full disk). :func:`prepare` runs
first in :func:`weekly_pdf.cli.main`; :func:`os_problem` words an OSError that
reached the top.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from pathlib import Path

from ..atomic import os_reason
from ..errors import display_path

#: What every message must be able to print.
_SAMPLE = "错误：（）“”—"
#: Encodings that mean "no locale was set" rather than "this terminal shows Latin-1".
_ASCII = {"ascii"}

#: OSErrors that are the user's or the system's to fix, never a bug of ours.
USER_ERRNOS = {errno.ENAMETOOLONG, errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
               errno.EPERM, errno.EIO, errno.ELOOP, errno.EFBIG}

STDOUT_CLOSED = ("提示：标准输出已关闭（命令后面写了“>&-”之类），结果信息改在这里显示；"
                 "生成照常进行。")


def _open(fd: int) -> bool:
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


def prepare() -> None:
    """Standard streams that exist and can print Chinese.

    A closed descriptor 0, 1 or 2 is opened on /dev/null first, so that no
    file this command opens later (a PDF, the batch's lock) takes its number
    and receives what was meant for the terminal. A closed standard output is
    then pointed at standard error (with a note saying so), or at /dev/null
    when that is closed too. A stream whose encoding cannot write Chinese
    writes UTF-8 when it is plain ASCII (no locale set: the terminal or log
    almost surely reads UTF-8), else escapes what it cannot write (``\\u9519``)
    instead of failing.
    """
    closed = [fd for fd in (0, 1, 2) if not _open(fd)]
    for fd in closed:
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 2 in closed or sys.stderr is None:
        sys.stderr = _text(2)
    if 1 in closed or sys.stdout is None:
        if 2 not in closed:
            os.dup2(2, 1)
        sys.stdout = _text(1)
        if 2 not in closed:
            print(STDOUT_CLOSED, file=sys.stderr, flush=True)
    for stream in (sys.stdout, sys.stderr):
        _writes_chinese(stream)


def _ascii_file_names() -> bool:
    try:
        return codecs.lookup(sys.getfilesystemencoding()).name in _ASCII
    except LookupError:
        return False


def _console_errors(exc: UnicodeError):
    """Encoding errors of the console: a file name's undecodable bytes (kept by
    Python as U+DC80–U+DCFF) are written back as they were, anything else as
    a ``\\u`` escape."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start:exc.end]
    if all(0xDC80 <= ord(char) <= 0xDCFF for char in chunk):
        return bytes(ord(char) - 0xDC00 for char in chunk), exc.end
    return codecs.backslashreplace_errors(exc)


codecs.register_error("weekly-pdf-console", _console_errors)


def _text(fd: int):
    """A line-buffered UTF-8 text stream on descriptor ``fd`` (left open on close)."""
    return io.TextIOWrapper(open(fd, "wb", buffering=0, closefd=False), encoding="utf-8",
                            errors="weekly-pdf-console", line_buffering=True, write_through=True)


def _writes_chinese(stream) -> None:
    encoding = getattr(stream, "encoding", None)
    if not encoding or not hasattr(stream, "reconfigure"):
        return
    try:
        _SAMPLE.encode(encoding)
        return
    except (UnicodeEncodeError, LookupError):
        pass
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    try:
        stream.flush()
        if name in _ASCII:
            stream.reconfigure(encoding="utf-8", errors="weekly-pdf-console")
        else:
            stream.reconfigure(errors="weekly-pdf-console")
    except (OSError, ValueError):
        pass


#: What the system's locale is set to when file names are ASCII only.
FILE_NAMES_ASCII = ("这台电脑的文件名编码是 ASCII（没有设置中文或 UTF-8 的语言环境，例如 LANG=C，"
                    "又关掉了 Python 的 UTF-8 模式），写不出带汉字的文件名；请设置 "
                    "LANG=C.UTF-8（或 zh_CN.UTF-8）再运行")


def os_problem(exc: BaseException) -> str | None:
    """The message for an OSError the user or the system has to fix (a name
    too long, a full or read-only disk, no permission; Chinese file names
    under an ASCII-only locale), or None for any other exception (a bug of ours)."""
    if isinstance(exc, UnicodeEncodeError) and _ascii_file_names():
        return FILE_NAMES_ASCII
    if not isinstance(exc, OSError) or exc.errno not in USER_ERRNOS:
        return None
    if exc.filename is not None:
        name = exc.filename
        if isinstance(name, bytes):
            name = os.fsdecode(name)
        shown = display_path(Path(name)) if isinstance(name, str) else str(name)
        return f"无法使用 {shown}（{os_reason(exc)}）"
    # Every file of ours is written with its name in the message (weekly_pdf.atomic):
    # a nameless failure is one of the standard streams.
    return f"无法写出结果信息（{os_reason(exc)}）：标准输出所指的地方写不进去"
