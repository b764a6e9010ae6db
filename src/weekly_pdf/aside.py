"""Run a function in a forked process while this one goes on with other work.

A single build spends its first fifth loading WeasyPrint, and about a tenth
reading, checking and typesetting the issue; neither needs the other. On a
machine with two or more cores, :func:`start` forks a process that does the
second while this one does the first, and :meth:`Aside.result` brings back
what it made (pickled through a pipe). The child writes nothing but the pipe
and ends with ``os._exit``.

Whatever goes wrong with the child (it cannot be forked, it dies, its result
cannot be read back) makes :meth:`Aside.result` return None: the caller then
does the work itself, and the user sees nothing but the time. An error the
function raises on purpose (:class:`~weekly_pdf.errors.WeeklyPdfError`, a bad
issue file) is raised again here, as it would have been.
"""

from __future__ import annotations

import copyreg
import os
import pickle
import types
from typing import Callable, Generic, TypeVar

from . import signals
from .errors import WeeklyPdfError

T = TypeVar("T")


def _read_only(mapping: dict) -> types.MappingProxyType:
    return types.MappingProxyType(mapping)


def _mappingproxy(proxy: types.MappingProxyType):
    return _read_only, (dict(proxy),)


def worthwhile() -> bool:
    """Forking pays only with a second core to run on (and where fork exists)."""
    if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return False
    return len(os.sched_getaffinity(0)) > 1


class Aside(Generic[T]):
    """A function running in a forked child; :meth:`result` waits for it."""

    def __init__(self, pid: int, pipe: int):
        self._pid = pid
        self._pipe = pipe

    def result(self) -> T | None:
        """What the function returned, or None when the child failed; an
        error the function raised is raised again."""
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()
        finally:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:  # reaped already: SIGCHLD is ignored in this process
                pass
        try:
            kind, value = pickle.loads(data)
        except Exception:  # died before writing it all, or an unreadable result
            return None
        if kind == "error":
            raise value
        return value


def start(function: Callable[[], T]) -> Aside[T] | None:
    """``function()`` running in a forked child, or None when it cannot be."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return Aside(pid, read)
    # The child: Ctrl-C ends it at once (the parent reports the interruption).
    code = 1
    try:
        os.close(read)
        signals.child_defaults()
        try:
            payload = ("ok", function())
        except WeeklyPdfError as exc:
            payload = ("error", exc)
        # The model's read-only mappings travel as plain ones and come back read-only.
        copyreg.pickle(types.MappingProxyType, _mappingproxy)
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
