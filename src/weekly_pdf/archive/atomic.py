"""Small files written whole or not at all, and the leftovers of interrupted writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Temporary files of an interrupted write: ``.<name>.<random>.tmp`` (see
#: :func:`weekly_pdf.pdf.write_atomic` and :func:`write_bytes_atomic`).
TEMP_GLOB = ".*.tmp"


def write_bytes_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    Same contract as :func:`weekly_pdf.pdf.write_atomic`, without importing
    WeasyPrint (the catalog and the state are written on every batch).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
    write_bytes_atomic(data, target)
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
