"""What the last batches built, kept in OUT_DIR, and the lock between batches.

``OUT_DIR/.weekly-pdf-state.json`` (mode 0600) maps each issue file (its path
below the issues folder) to an :class:`IssueState`: the last PDF built (the key
of its inputs, its size, modification time, sha256 and catalog record) and, when
the last attempt failed because of the input, that attempt's key and errors.
A failure caused by the system (disk full, read-only, a time limit) is not
kept: the next batch tries again. The file is rewritten atomically, so an
interrupted batch leaves either the old or the new state.

``OUT_DIR/.weekly-pdf.lock`` is held (``flock``) for the whole batch by the
batch process alone (workers close their copy of the descriptor): a second
batch on the same folder waits for the first to finish, and the lock is
released by the kernel when a batch dies, even by ``kill -9``. The lock file
is opened without following links and used only when it is a regular file of
ours (one name, nothing in it but a process id): a link planted there, to any
file of the machine, is refused, never truncated.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic import os_reason, write_if_changed
from ..errors import EnvironmentProblem, IssueError, IssueErrors, display_path
from ..fonts.fontset import file_sha256
from ..project import as_given
from ..source.inputfile import special_kind
from ..source.schema.json_reading import check_json, explain, load_json
from ..source.schema.kinds import (Field, Refused, entries, entry_path, integer, json_object,
                                   plain_of, record, sequence, string)
from .catalog import RECORD, SHA256, IssueRecord

STATE_NAME = ".weekly-pdf-state.json"
LOCK_NAME = ".weekly-pdf.lock"
FORMAT = 2


@dataclass(frozen=True)
class BuiltOfd:
    """The OFD a batch wrote beside a PDF (``build-all --ofd``)."""

    ofd: str
    size: int
    mtime_ns: int
    sha256: str

    def unchanged(self, ofd: Path) -> bool:
        return _unchanged(ofd, self.size, self.mtime_ns, self.sha256)

    def to_json(self) -> dict:
        return {"ofd": self.ofd, "size": self.size, "mtime_ns": self.mtime_ns,
                "sha256": self.sha256}


@dataclass(frozen=True)
class BuiltPdf:
    """A PDF a batch wrote, and from which inputs."""

    key: str
    pdf: str
    size: int
    mtime_ns: int
    sha256: str
    pages: int
    record: IssueRecord
    ofd: BuiltOfd | None = None

    def unchanged(self, pdf: Path) -> bool:
        """Whether ``pdf`` is still the file this entry recorded: the same size
        and modification time, or the same bytes (``weekly-pdf build`` of an
        unchanged issue writes the file again, byte for byte)."""
        return _unchanged(pdf, self.size, self.mtime_ns, self.sha256)


def _unchanged(path: Path, size: int, mtime_ns: int, sha256: str) -> bool:
    try:
        stat = path.stat()
        if stat.st_size != size:
            return False
        return stat.st_mtime_ns == mtime_ns or file_sha256(path) == sha256
    except OSError:
        return False


@dataclass(frozen=True)
class IssueState:
    """What the state knows about one issue file."""

    built: BuiltPdf | None = None
    failed_key: str | None = None   # the inputs of the last attempt, when the input was wrong
    errors: tuple[str, ...] = ()

    def to_json(self) -> dict:
        data: dict = {}
        if self.built:
            b = self.built
            data["built"] = {"key": b.key, "pdf": b.pdf, "size": b.size, "mtime_ns": b.mtime_ns,
                             "sha256": b.sha256, "pages": b.pages, "record": b.record.to_json()}
            if b.ofd:
                data["built"]["ofd"] = b.ofd.to_json()
        if self.failed_key:
            data["failed"] = {"key": self.failed_key, "errors": list(self.errors)}
        return data


# -- reading the state back: the declarations ------------------------------------------

_OFD_FIELDS = {
    "ofd": Field(string("OFD 文件，相对于输出文件夹"), required=True),
    "size": Field(integer("OFD 的大小（字节）", 0, 2 ** 63), required=True),
    "mtime_ns": Field(integer("OFD 的修改时间（纳秒）", -2 ** 63, 2 ** 63), required=True),
    "sha256": Field(SHA256, required=True),
}
_BUILT_FIELDS = {
    "key": Field(SHA256, required=True),
    "pdf": Field(string("PDF 文件，相对于输出文件夹"), required=True),
    "size": Field(integer("PDF 的大小（字节）", 0, 2 ** 63), required=True),
    "mtime_ns": Field(integer("PDF 的修改时间（纳秒）", -2 ** 63, 2 ** 63), required=True),
    "sha256": Field(SHA256, required=True),
    "pages": Field(integer("页数", 1, example=8), required=True),
    "record": Field(RECORD, required=True),
    "ofd": Field(record(_OFD_FIELDS, "同时生成的 OFD", lambda v: BuiltOfd(**v))),
}
_FAILED_FIELDS = {
    "key": Field(SHA256, required=True),
    "errors": Field(sequence(string("一条错误信息"), "错误信息", min_items=0), required=True),
}
#: One issue's entry (built, failed or both), read back.
ISSUE_STATE = record({
    "built": Field(record(_BUILT_FIELDS, "上次生成的 PDF", lambda v: BuiltPdf(**v))),
    "failed": Field(record(_FAILED_FIELDS, "上次失败的检查", lambda v: (v["key"], v["errors"]))),
}, "一期的记录", lambda v: IssueState(v.get("built"), *v.get("failed", (None, ()))))

#: The whole file; each issue's entry is checked on its own (:data:`ISSUE_STATE`), so
#: that one damaged entry costs that issue's rebuild, not the archive's.
STATE = record({
    "format": Field(integer("格式版本", 1, example=FORMAT), required=True),
    "fonts": Field(json_object("字体摘要的缓存（见 archive/inputs.py）")),
    "issues": Field(entries(json_object("一期的记录"), "各期的记录"), required=True),
}, "批量生成的记录", lambda v: v)

#: Largest state file read back (about 60 000 issues).
MAX_STATE_BYTES = 64 * 1024 * 1024
REBUILT = ("这个文件只是批量生成的记录（哪些期已经生成、用的是哪些输入），可以重建："
           "{which}会重新生成，结束时写好新的记录。")


class State:
    """The state file of one output folder."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / STATE_NAME
        self.fonts: dict = {}
        self.issues: dict[str, IssueState] = {}
        self._load()

    def _load(self) -> None:
        """Read the state back. What cannot be read is said (except a missing
        file, or one of another format version) and rebuilt: all issues when
        the file is unreadable, a link, too large or not a state file; one
        issue when only its entry is damaged."""
        if not os.path.lexists(self.path):
            return
        try:
            data, text = load_json(self.path, what="批量生成记录", limit=MAX_STATE_BYTES)
            if isinstance(data, dict) and data.get("format") != FORMAT:
                return  # written by another version: everything is rebuilt
            document = check_json(self.path, text, data, STATE)
        except IssueErrors as exc:
            _warn(exc.errors, REBUILT.format(which="这次所有期都"))
            return
        self.fonts = document.get("fonts", {})
        check_issue = plain_of(ISSUE_STATE)
        damaged = []
        for name, entry in document["issues"].items():
            try:
                self.issues[name] = check_issue(entry)
            except Refused:
                damaged.append(name)
        if damaged:
            errors = explain(self.path, text, ISSUE_STATE,
                             [(("issues", name), entry_path("issues", name)) for name in damaged])
            _warn(errors, REBUILT.format(which="这些期"))

    def save(self, temp_dir: Path | None = None) -> None:
        data = {"format": FORMAT, "fonts": self.fonts,
                "issues": {name: self.issues[name].to_json() for name in sorted(self.issues)}}
        write_if_changed(json.dumps(data, ensure_ascii=False).encode("utf-8"), self.path,
                         temp_dir=temp_dir, mode=0o600)


def _warn(errors: list[IssueError], then: str) -> None:
    """Say on stderr what was wrong with the state file and what happens now."""
    shown = [f"注意：{error}" for error in errors[:5]]
    if len(errors) > 5:
        shown.append(f"（还有 {len(errors) - 5} 处）")
    print("\n".join(shown + [then]), file=sys.stderr, flush=True)


class BatchLock:
    """An exclusive lock on one output folder, waited for when taken."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> "BatchLock":
        fd = open_lock_file(self.path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise EnvironmentProblem(f"无法锁定输出文件夹 {display_path(self.path.parent)}"
                                             f"（{os_reason(exc)}）") from None
                holder = _holder(fd)
                print(f"另一个批量生成（进程 {holder}）正在使用 {display_path(self.path.parent)}，"
                      f"等它结束后再继续……（按 Ctrl-C 放弃）", file=sys.stderr, flush=True)
                started = time.monotonic()
                fcntl.flock(fd, fcntl.LOCK_EX)
                print(f"已等待 {time.monotonic() - started:.1f} 秒，继续。", file=sys.stderr)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


#: The most a lock file of ours holds: a process id and a line feed.
_LOCK_MAX_BYTES = 32


def open_lock_file(path: Path) -> int:
    """A read-write descriptor of the lock file ``path``, made when missing.

    Refuses (:class:`EnvironmentProblem`, naming the lock file) a symbolic
    link, a folder, a pipe or device, a file with other names (hard links)
    and a file holding anything but a process id: a batch truncates its lock
    file, so that file must be nothing but the lock. Links are never
    followed (``O_NOFOLLOW``) and a special file is never opened (``lstat``
    first, then ``fstat`` of what was opened must be that same file).
    """
    shown = as_given(path)  # the link itself, not where it leads
    flags = os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(f"无法使用输出文件夹 {display_path(path.parent)}"
                                 f"（{os_reason(exc)}）") from None
    try:
        return os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise EnvironmentProblem(f"无法建立锁文件 {shown}（{os_reason(exc)}）") from None
    try:
        seen = os.lstat(path)
    except OSError as exc:
        raise EnvironmentProblem(f"无法使用锁文件 {shown}（{os_reason(exc)}）") from None
    _refuse_unless_lock(seen, path)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since lstat
            _refuse_unless_lock(os.lstat(path), path)
        raise EnvironmentProblem(f"无法使用锁文件 {shown}（{os_reason(exc)}）") from None
    try:
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) != (seen.st_dev, seen.st_ino):
            raise EnvironmentProblem(f"锁文件 {shown} 在打开时被换掉了；为安全起见不使用它，请重新运行")
        _refuse_unless_lock(info, path)
        text = os.pread(fd, _LOCK_MAX_BYTES + 1, 0)
        if not _LOCK_TEXT.fullmatch(text):
            raise EnvironmentProblem(
                f"{shown} 不是本程序的锁文件（里面有别的内容，锁文件只记一个进程号）；"
                f"为安全起见不改动它。请把它移走或删去，再运行")
    except BaseException:
        os.close(fd)
        raise
    return fd


_LOCK_TEXT = re.compile(rb"[0-9]{0,20}\n?")


def _refuse_unless_lock(info: os.stat_result, path: Path) -> None:
    """Raise unless ``info`` (an lstat or fstat) is a regular file with one name."""
    shown = as_given(path)
    again = "为安全起见不使用它，也不改动它指向或占用的东西。请把它删去（或移走），再运行"
    if stat.S_ISLNK(info.st_mode):
        raise EnvironmentProblem(f"锁文件 {shown} 是一个链接（symlink），不是本程序建立的锁文件；{again}")
    if stat.S_ISDIR(info.st_mode):
        raise EnvironmentProblem(f"锁文件 {shown} 是一个文件夹，不是文件；批量生成要在这里建立"
                                 f"锁文件。请把这个文件夹删去（或改名），再运行")
    if not stat.S_ISREG(info.st_mode):
        raise EnvironmentProblem(f"锁文件 {shown} 是{special_kind(info.st_mode)}，不是普通文件；{again}")
    if info.st_nlink > 1:
        raise EnvironmentProblem(f"锁文件 {shown} 还有别的名字（硬链接，共 {info.st_nlink} 个），"
                                 f"可能就是别处的某个文件；{again}")
    if info.st_size > _LOCK_MAX_BYTES:
        raise EnvironmentProblem(
            f"{shown} 不是本程序的锁文件（有 {info.st_size} 字节，锁文件只记一个进程号）；"
            f"为安全起见不改动它。请把它移走或删去，再运行")


def _holder(fd: int) -> str:
    """The process id the lock's holder wrote, as text ("?" when unknown)."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "?"
    return text if text.isdigit() else "?"
