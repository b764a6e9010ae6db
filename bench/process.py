"""A whole process timed from outside: wall time and peak memory (bench/ scripts)."""

from __future__ import annotations

import os
import subprocess
import sys
import time


def run_measured(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time and the peak RSS (KB) of the largest process the command ran
    (itself or any child it waited for: the batch's workers); ``env``: its
    environment (this process's when None)."""
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execve(command[0], command, env or os.environ)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return seconds, usage.ru_maxrss
