"""Catalog and state files rewritten only when they change, and the leftovers of
interrupted writes."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic

#: Temporary files of an interrupted write: ``.<name>.<random>.tmp`` (see
#: :func:`weekly_pdf.atomic.write_atomic`).
TEMP_GLOB = ".*.tmp"


def write_if_changed(data: bytes, target: Path) -> bool:
    """Write ``data`` atomically unless ``target`` already holds exactly it.

    A batch with nothing to do then regenerates its catalog and state without
    a single write (and fsync). Returns whether the file was written.
    """
    try:
        if Path(target).read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(data, target)
    return True


def clear_temp_files(folder: Path) -> list[Path]:
    """Delete the temporary files interrupted writes left below ``folder``.

    Call it only while holding the batch lock: a running batch's own
    temporary files look the same.
    """
    removed = []
    if not Path(folder).is_dir():
        return removed
    for path in Path(folder).rglob(TEMP_GLOB):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
