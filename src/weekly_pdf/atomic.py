"""Files written whole or not at all: a temporary file beside the target, then a rename.

The one writer of every file the program makes (PDFs, issue files, the batch's
catalog and state). A failed or interrupted write never leaves a partial file
under the final name; what it may leave is a ``.<name>.<random>.tmp`` file
(:data:`TEMP_GLOB`), which the batch clears (:func:`clear_temp_files`). This
module imports nothing heavy, so the batch can write its catalog and state
without loading WeasyPrint.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import EnvironmentProblem, display_path

#: Temporary files of an interrupted write: ``.<name>.<random>.tmp``.
TEMP_GLOB = ".*.tmp"


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    Raises :class:`EnvironmentProblem` (in Chinese) when the system refuses.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise EnvironmentProblem(f"无法写入 {display_path(target)}（{os_reason(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise EnvironmentProblem(f"无法写入 {display_path(target)}（{os_reason(exc)}）") from None
        raise


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese where we know the words."""
    return {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOSPC: "磁盘已满",
            errno.EROFS: "这个位置是只读的", errno.ENOTDIR: "路径中有一段不是文件夹",
            errno.EEXIST: "路径中有同名的文件", errno.EISDIR: "这里是一个文件夹"
            }.get(exc.errno, exc.strerror or str(exc))


def write_if_changed(data: bytes, target: Path) -> bool:
    """Write ``data`` atomically unless ``target`` already holds exactly it.

    A batch with nothing to do then regenerates its catalog and state without
    a single write (and fsync). Returns whether the file was written.
    """
    try:
        if Path(target).read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(data, target)
    return True


def clear_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files interrupted writes left below ``folder``.

    Call it only while holding the batch lock: a running batch's own
    temporary files look the same.
    """
    removed = []
    if not Path(folder).is_dir():
        return removed
    for path in Path(folder).rglob(TEMP_GLOB):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
