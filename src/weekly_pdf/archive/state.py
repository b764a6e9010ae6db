"""What the last batches built, kept in OUT_DIR, and the lock between batches.

``OUT_DIR/.weekly-pdf-state.json`` maps each issue file (its path below the
issues folder) to the key of the inputs it was built from, the PDF's size,
modification time and sha256, and its catalog record. It is rewritten
atomically, so an interrupted batch leaves either the old or the new state.

``OUT_DIR/.weekly-pdf.lock`` is held (``flock``) for the whole batch: a second
batch on the same folder waits for the first to finish, and the lock is
released by the kernel when a batch dies, even by ``kill -9``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
import time
from pathlib import Path

from ..atomic import os_reason, write_if_changed
from ..errors import EnvironmentProblem, WeeklyPdfError, display_path

STATE_NAME = ".weekly-pdf-state.json"
LOCK_NAME = ".weekly-pdf.lock"
FORMAT = 1


class State:
    """The state file of one output folder."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / STATE_NAME
        self.fonts: dict = {}
        self.issues: dict[str, dict] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return  # no state or an unreadable one: everything is rebuilt
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return
        self.fonts = data.get("fonts") or {}
        self.issues = {k: v for k, v in (data.get("issues") or {}).items() if isinstance(v, dict)}

    def save(self) -> None:
        data = {"format": FORMAT, "fonts": self.fonts,
                "issues": dict(sorted(self.issues.items()))}
        write_if_changed(json.dumps(data, ensure_ascii=False).encode("utf-8"), self.path)


def pdf_unchanged(entry: dict, pdf: Path) -> bool:
    """Whether ``pdf`` is still the file this state entry recorded."""
    try:
        stat = pdf.stat()
    except OSError:
        return False
    return stat.st_size == entry.get("size") and stat.st_mtime_ns == entry.get("mtime_ns")


class BatchLock:
    """An exclusive lock on one output folder, waited for when taken."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "BatchLock":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise EnvironmentProblem(f"无法使用输出文件夹 {display_path(self.path.parent)}"
                                     f"（{os_reason(exc)}）") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise WeeklyPdfError(f"无法锁定输出文件夹 {self.path.parent}（{exc.strerror}）")
            print(f"另一个批量生成正在使用 {self.path.parent}，等它结束后再继续……",
                  file=sys.stderr, flush=True)
            started = time.monotonic()
            fcntl.flock(fd, fcntl.LOCK_EX)
            print(f"已等待 {time.monotonic() - started:.1f} 秒，继续。", file=sys.stderr)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None
