"""The work one render process does: one Builder, reused for every issue it gets.

Each worker keeps one :class:`weekly_pdf.build.Builder`, hence one WeasyPrint
FontConfiguration, for all the issues it renders. A worker ignores Ctrl-C (the
batch decides what to do) and dies with the batch that started it, so no
orphan keeps writing into the output folder.
"""

from __future__ import annotations

import ctypes
import os
import signal
import time
from pathlib import Path

from ..errors import WeeklyPdfError, internal_error
from ..project import Project
from ..fonts import file_sha256

_builder = None
_options: dict = {}

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the batch process dies (kill -9 included)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphans finish their current issue and exit with the pool


def start(root: str, options: dict, parent: int | None = None) -> None:
    """Initialise a worker process (also usable in the batch process itself):
    WeasyPrint started (:func:`weekly_pdf.pdf.start`) and one Builder."""
    global _builder, _options
    if parent is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
        if os.getppid() != parent:  # the batch died before we asked
            os._exit(1)
    from ..build import Builder
    from ..pdf import start as start_engine
    start_engine()
    _builder = Builder(Project(Path(root)))
    _options = dict(options)


def stop() -> None:
    """Drop this process's Builder (and so its font configuration)."""
    global _builder
    _builder = None


def record_of(issue) -> dict:
    """What the catalog lists about an issue model."""
    return {
        "year": issue.year, "number": issue.number, "total": issue.total,
        "date": issue.date.isoformat(), "title": issue.title,
        "publication": issue.publication, "publisher": issue.publisher, "layout": issue.layout,
        "series": issue.series,
        "columns": [{"column": s.column, "articles": [a.title for a in s.articles]}
                    for s in issue.sections],
    }


def render(name: str, source: str, output: str) -> dict:
    """Build one issue; never raises: a failure is reported in the result."""
    started = time.monotonic()
    result: dict = {"name": name, "ok": False}
    try:
        built = _builder.build(Path(source), Path(output), **_options)
        stat = Path(output).stat()
        result.update(
            ok=True, pages=built.pages, size=stat.st_size, mtime_ns=stat.st_mtime_ns,
            sha256=file_sha256(Path(output)), record=record_of(built.issue),
            fallbacks=len(built.fallbacks))
    except WeeklyPdfError as exc:
        errors = getattr(exc, "errors", None) or [exc]
        result.update(error=[str(e) for e in errors])
    except Exception as exc:  # a bug of ours, the same for the same inputs: reported as such
        result.update(error=[internal_error(exc, "")])
    result["seconds"] = time.monotonic() - started
    return result
