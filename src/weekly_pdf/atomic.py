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
import stat
import tempfile
from pathlib import Path

from .errors import EnvironmentProblem, display_path


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
        fd, temp = tempfile.mkstemp(prefix=f".{_short(target.name)}.weekly-pdf-", suffix=".tmp",
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


#: The longest name of one file or folder most file systems take, in bytes (ext4, XFS,
#: Btrfs, tmpfs: 255). A Chinese character takes 3 bytes in UTF-8.
NAME_MAX = 255
#: What a temporary file's name adds to its target's name (see :func:`write_atomic`).
_TEMP_EXTRA = len(".") + len(".weekly-pdf-") + 8 + len(".tmp")


def _short(name: str) -> str:
    """``name`` cut (at a character) so that its temporary file's name stays
    within NAME_MAX bytes: a PDF may have the longest name the system allows."""
    while name_bytes(name) + _TEMP_EXTRA > NAME_MAX:
        name = name[:-1]
    return name


def name_bytes(name: str) -> int:
    """How many bytes ``name`` takes as a file name."""
    try:
        return len(os.fsencode(name))
    except UnicodeEncodeError:  # a file system encoding that cannot hold it: as UTF-8
        return len(name.encode("utf-8", "surrogatepass"))


def name_too_long(path: Path) -> str | None:
    """Why ``path`` cannot be a file's name on this system (a part over NAME_MAX
    bytes), in Chinese; None when it can."""
    for part in Path(path).parts:
        size = name_bytes(part)
        if size > NAME_MAX:
            return (f"名字“{part[:12]}…”太长：有 {size} 字节，系统最多允许 {NAME_MAX} 字节"
                    f"（一个汉字占 3 字节，约 {NAME_MAX // 3} 个汉字）；请用短一些的名字")
    return None


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese where we know the words."""
    return {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限（文件可能被设为不可修改）",
            errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完",
            errno.EFBIG: "文件大小超过了系统的限制",
            errno.EROFS: "这个位置是只读的", errno.ENOTDIR: "路径中有一段不是文件夹",
            errno.EEXIST: "路径中有同名的文件", errno.EISDIR: "这里是一个文件夹",
            errno.EIO: "磁盘读写出错", errno.ENOENT: "路径中的文件夹不存在，也无法新建",
            errno.ENAMETOOLONG: f"文件名太长：一个文件或文件夹的名字最多 {NAME_MAX} 字节"
                                f"（一个汉字占 3 字节，约 {NAME_MAX // 3} 个汉字），请用短一些的名字",
            errno.ELOOP: "路径中的链接太多或绕成了圈",
            }.get(exc.errno, exc.strerror or str(exc))


def write_if_changed(data: bytes, target: Path, *, temp_dir: Path | None = None,
                     mode: int = 0o644) -> bool:
    """Write ``data`` atomically unless ``target`` already holds exactly it.

    A batch with nothing to do then regenerates its catalog and state without
    a single write (and fsync). Returns whether the file was written.
    Only a regular file of exactly ``data``'s size is read for the comparison,
    never through a link: a link planted at ``target`` (to /dev/zero, to a huge
    file) is replaced by the rename, not read.
    """
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        fd = None
    if fd is not None:
        try:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and info.st_size == len(data) and \
                    os.pread(fd, len(data) + 1, 0) == data:
                return False
        except OSError:
            pass
        finally:
            os.close(fd)
    write_atomic(data, target, temp_dir=temp_dir, mode=mode)
    return True
