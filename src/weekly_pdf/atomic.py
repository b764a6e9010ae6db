"""Files written whole or not at all: a temporary file, then a rename.

A failed or interrupted write never leaves a partial file under the final
name. The temporary file lies beside the target (``.<name>.weekly-pdf-<random>.tmp``)
or, for the batch, in its own work folder (``OUT_DIR/.weekly-pdf-work``, see
:mod:`weekly_pdf.archive.scratch`), which the batch clears: it never deletes a
file it did not make. This module imports nothing heavy, so the batch can
write its catalog and state without loading WeasyPrint.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import EnvironmentProblem, display_path
from .source.inputfile import TooLarge, read_limited


def write_atomic(data: bytes, target: Path, *, temp_dir: Path | None = None,
                 mode: int = 0o644) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    ``temp_dir``: where the temporary file goes (on the target's file system);
    beside the target when None. ``mode``: the file's permissions.
    Raises :class:`EnvironmentProblem` (in Chinese) when the system refuses.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.weekly-pdf-", suffix=".tmp",
                                    dir=temp_dir if temp_dir is not None else target.parent)
    except OSError as exc:
        raise EnvironmentProblem(f"无法写入 {display_path(target)}（{os_reason(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno == errno.EXDEV and temp_dir is not None:
            return write_atomic(data, target, mode=mode)  # out/ spans two file systems
        if isinstance(exc, OSError):
            raise EnvironmentProblem(f"无法写入 {display_path(target)}（{os_reason(exc)}）") from None
        raise


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese where we know the words."""
    return {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限（文件可能被设为不可修改）",
            errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完",
            errno.EFBIG: "文件大小超过了系统的限制",
            errno.EROFS: "这个位置是只读的", errno.ENOTDIR: "路径中有一段不是文件夹",
            errno.EEXIST: "路径中有同名的文件", errno.EISDIR: "这里是一个文件夹",
            errno.EIO: "磁盘读写出错", errno.ENOENT: "路径中的文件夹不存在，也无法新建",
            }.get(exc.errno, exc.strerror or str(exc))


def write_if_changed(data: bytes, target: Path, *, temp_dir: Path | None = None,
                     mode: int = 0o644) -> bool:
    """Write ``data`` atomically unless ``target`` already holds exactly it.

    A batch with nothing to do then regenerates its catalog and state without
    a single write (and fsync). Returns whether the file was written.
    """
    try:
        # Never more than the new content, never through a link (one to /dev/zero
        # would be read forever): either is simply replaced.
        if read_limited(target, len(data), follow_links=False) == data:
            return False
    except (OSError, TooLarge):
        pass
    write_atomic(data, target, temp_dir=temp_dir, mode=mode)
    return True
