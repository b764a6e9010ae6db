"""Ctrl-C and SIGTERM, in one place: how each kind of process treats them.

A command stops on the first Ctrl-C or SIGTERM and is deaf to the ones that
follow, so that the clean-up the first one started (temporary files removed,
a batch's state and catalog saved, its lock released) runs to its end and the
user sees one short message, never a traceback:

* :func:`install` — the command line (``weekly-pdf``): the first signal raises
  KeyboardInterrupt where it lands, later ones are ignored;
* :func:`stop_once` — the same for a block of work run without the command
  line (a batch started from Python), restoring the handlers after it;
* :func:`child_defaults` — a forked helper that must simply die on a signal
  (:mod:`weekly_pdf.aside`);
* :func:`worker_defaults` — a batch's worker process: Ctrl-C is the batch's
  to handle (it kills its workers), SIGTERM kills, and the worker dies with
  the batch (Linux: PR_SET_PDEATHSIG).

The handlers also record the request (:func:`request`). When the interrupt
lands inside code whose exceptions Python only reports and drops (a weakref
callback of the import machinery, a ``__del__``), it would be lost and the
command would run to its end; so the work checks the record where stopping is
clean (:func:`check`): before a build writes its PDF and on every turn of a
batch's loop, and the command line once the command has returned.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
STOPPING = (signal.SIGINT, signal.SIGTERM)

_requested = False


def request() -> None:
    """Record that a signal asked the command to stop."""
    global _requested
    _requested = True


def requested() -> bool:
    return _requested


def reset() -> None:
    """Forget a request (a command starting in a process that ran one before;
    ``watch``, which Ctrl-C ends normally)."""
    global _requested
    _requested = False


def check() -> None:
    """Raise KeyboardInterrupt when a stop was asked for (and maybe lost)."""
    if _requested:
        raise KeyboardInterrupt


def _stop_once(signum, frame):
    """Raise KeyboardInterrupt for the first stop signal, nothing for later ones."""
    if _requested:
        return
    request()
    raise KeyboardInterrupt


def _unraisable(report) -> None:
    """Python's report of an exception it had to drop, except for an
    interrupt: that one is recorded and acted on, not printed as a traceback."""
    if isinstance(report.exc_value, KeyboardInterrupt) and _requested:
        return
    sys.__unraisablehook__(report)


def install() -> None:
    """The command line's handling: SIGTERM stops a command as Ctrl-C does
    (temporary files removed on the way out), once."""
    reset()
    sys.unraisablehook = _unraisable
    signal.signal(signal.SIGTERM, _stop_once)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not an ignoring job
        signal.signal(signal.SIGINT, _stop_once)


@contextmanager
def stop_once():
    """Inside the block, the first Ctrl-C or SIGTERM raises KeyboardInterrupt
    and later ones are ignored; after it, a process that was stopped stays
    deaf (more signals must not cut its report short). Only in the main thread
    (elsewhere the block runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _stop_once) for sig in STOPPING}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_IGN if _requested else old)


def child_defaults() -> None:
    """A forked helper process: Ctrl-C and SIGTERM end it at once (its parent
    reports the interruption)."""
    for sig in STOPPING:
        signal.signal(sig, signal.SIG_DFL)


def worker_defaults() -> None:
    """A batch's worker: Ctrl-C ignored (the batch decides, and kills its
    workers), SIGTERM kills, and the worker dies with the batch that started
    it (kill -9 included), so no orphan keeps writing into the output folder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphans notice the closed pipe after their current issue
