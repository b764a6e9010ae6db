"""Reading an input file safely: regular files only, size checked before reading.

A symlink to /dev/zero, a named pipe or a device must be refused before a
single byte is read (reading them never ends or fills the memory), and a file
is never read beyond its limit, even when it grows while being read. A file
the program wrote itself (the batch's state, the catalog) is also refused when
it is a link, without following it: the program never writes one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import warnings


class NotRegularFile(OSError):
    """The path names a pipe, a device or a socket, not a file."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class IsALink(OSError):
    """The path is a symbolic link, and links are not followed here."""

    def __init__(self, target: str):
        super().__init__(target)
        self.target = target


class TooLarge(Exception):
    """The file holds more than the limit allows."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def special_kind(mode: int) -> str:
    """What a file that is not regular is, in the words of the messages."""
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def read_limited(path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises FileNotFoundError, IsADirectoryError, :class:`NotRegularFile`,
    :class:`TooLarge`, :class:`IsALink` (``follow_links=False`` and ``path``
    is a link: it is not followed) or another OSError. The file is opened
    without blocking (a named pipe with no writer would otherwise wait
    forever) and checked with fstat before anything is read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links and os.path.islink(path):
            raise IsALink(_link_target(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(special_kind(info.st_mode))
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(size)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _link_target(path) -> str:
    """Where the link ``path`` points, as written (never followed)."""
    try:
        return os.readlink(path)
    except OSError:
        return "?"


@contextlib.contextmanager
def quiet_pypdf():
    """No word from pypdf inside the block: it reports what it repairs in a
    damaged PDF in English, through its logger and warnings, and the
    Chinese message of the caller (the importer, verify) is the only thing
    a user sees."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate
