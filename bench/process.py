"""A whole process timed from outside: wall time and peak memory (bench/ scripts)."""

from __future__ import annotations

import compileall
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path


def compiled() -> Path:
    """Compile weekly_pdf's modules to bytecode, as a user's first run leaves them.

    A command run by a user reads its modules' cached bytecode; one run
    where PYTHONDONTWRITEBYTECODE is set (or nothing was ever run) compiles
    every module from source on every start, about 0.13 s on the seed's
    build. The package measured is the one the commands import (PYTHONPATH
    included); returns its folder."""
    spec = importlib.util.find_spec("weekly_pdf")
    folder = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(folder, quiet=1)
    return folder


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time and the peak RSS (KB) of the largest process the command ran
    (itself or any child it waited for: the batch's workers); ``env``: its
    environment (this process's when None)."""
    with tempfile.TemporaryFile() as errors:  # what the run said, shown if it fails
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(errors.fileno(), 2)
                os.execve(command[0], command, env or os.environ)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            said = errors.read().decode(errors="replace")
            sys.exit(f"{' '.join(command)} failed ({os.waitstatus_to_exitcode(status)}):\n{said}")
    return seconds, usage.ru_maxrss
