"""A stop asked for by Ctrl-C or SIGTERM, kept until the work acts on it.

The signal handlers raise KeyboardInterrupt wherever the signal lands. When
that is inside code whose exceptions Python only reports and drops (a weakref
callback of the import machinery, a ``__del__``), the interrupt is lost and
the command would run to its end. So the handlers also record the request
here, and the work checks it where stopping is clean: before a build writes
its PDF (:meth:`weekly_pdf.build.Builder.build`) and on every turn of the
batch's loop.
"""

from __future__ import annotations

_requested = False


def request() -> None:
    """Record that a signal asked the command to stop."""
    global _requested
    _requested = True


def requested() -> bool:
    return _requested


def reset() -> None:
    """Forget a request (a command starting in a process that ran one before)."""
    global _requested
    _requested = False


def check() -> None:
    """Raise KeyboardInterrupt when a stop was asked for (and maybe lost)."""
    if _requested:
        raise KeyboardInterrupt
