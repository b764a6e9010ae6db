"""The work one render process does: one Builder, reused for every issue it gets.

Each worker keeps one :class:`weekly_pdf.build.Builder`, hence one WeasyPrint
font configuration, for all the issues it renders. It takes issues one at a
time from a pipe and answers each with an :class:`Outcome`. A worker ignores
Ctrl-C (the batch decides what to do: it kills its workers), does not hold the
batch's lock (it closes its inherited copy of the descriptor) and dies with
the batch that started it, so no orphan keeps writing into the output folder
or keeps the folder locked.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .. import signals
from ..errors import EnvironmentProblem, UsageError, WeeklyPdfError, internal_error
from ..fonts.fontset import file_sha256
from ..options import BuildOptions
from ..project import Project
from .catalog import IssueRecord

@dataclass(frozen=True)
class Rendered:
    """An issue's PDF was written."""

    name: str
    pages: int
    size: int
    mtime_ns: int
    sha256: str
    record: IssueRecord
    fallbacks: int
    seconds: float
    #: The OFD beside the PDF (``--ofd``): its size, modification time and sha256.
    ofd: tuple[int, int, str] | None = None


@dataclass(frozen=True)
class Refused:
    """An issue's PDF was not written: why, and whether to try again next run
    (True when the cause lies outside the issue's inputs)."""

    name: str
    errors: tuple[str, ...]
    retry: bool
    seconds: float = 0.0


Outcome = Rendered | Refused


def serve(conn, root: str, options: BuildOptions, work: str, parent: int,
          inherited: list[int]) -> None:
    """A worker process's life: render what arrives on ``conn`` until it closes.

    ``inherited``: descriptors of the batch to close at once (its lock, so
    that the lock dies with the batch; its ends of the workers' pipes).
    """
    signals.worker_defaults()
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    if os.getppid() != parent:  # the batch died before we asked
        os._exit(1)
    from ..build import Builder
    builder = Builder(Project(Path(root)), temp_dir=Path(work))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        conn.send(render(builder, options, *task))
    os._exit(0)


def render(builder, options: BuildOptions, name: str, source: str, output: str) -> Outcome:
    """Build one issue; never raises: a failure is reported in the outcome."""
    started = time.monotonic()
    try:
        built = builder.build(Path(source), Path(output), options)
        stat = Path(output).stat()
        ofd = None
        if built.ofd is not None:
            ofd_stat = built.ofd.stat()
            ofd = (ofd_stat.st_size, ofd_stat.st_mtime_ns, file_sha256(built.ofd))
        return Rendered(name, built.pages, stat.st_size, stat.st_mtime_ns,
                        file_sha256(Path(output)), IssueRecord.of(built.issue),
                        len(built.fallbacks), time.monotonic() - started, ofd)
    except (EnvironmentProblem, UsageError) as exc:
        return Refused(name, (str(exc),), True, time.monotonic() - started)
    except WeeklyPdfError as exc:
        errors = getattr(exc, "errors", None) or [exc]
        return Refused(name, tuple(str(e) for e in errors), False, time.monotonic() - started)
    except OSError as exc:  # the system refused somewhere we did not expect
        return Refused(name, (f"系统错误：{exc.strerror or exc}；下次运行会重试",), True,
                       time.monotonic() - started)
    except Exception as exc:  # a bug of ours (or memory): reported as such, tried again
        return Refused(name, (internal_error(exc, ""),), True, time.monotonic() - started)
