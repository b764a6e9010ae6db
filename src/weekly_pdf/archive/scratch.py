"""A scratch folder per batch, for what the renderers write to disk.

WeasyPrint's FontConfiguration copies every @font-face font (≈ 110 MB here)
into a fresh temporary folder and deletes it in ``__del__`` — which never runs
in a worker process (workers leave through ``os._exit``) nor after kill -9.
So each batch points its workers' :mod:`tempfile` at a folder of its own,
``<tmp>/weekly-pdf-batch-<pid>-<random>``, deletes it when it ends, and deletes
those left by batches whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PREFIX = "weekly-pdf-batch-"


def create() -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_stale() -> int:
    """Delete the scratch folders of batches that no longer run; return how many."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            pid = int(folder.name[len(PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if folder.is_dir() and pid != os.getpid() and not _alive(pid):
            remove(folder)
            removed += 1
    return removed
