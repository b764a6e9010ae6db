"""The batch's own work folder: ``OUT_DIR/.weekly-pdf-work``.

Everything a batch writes before it is complete goes there: the temporary
files of its PDFs, catalog and state (renamed into place when whole) and
WeasyPrint's copies of fonts a layout declares with @font-face. The batch
holds the output folder's lock while it works, so a work folder found when the
lock is taken was left by a batch that died (kill -9, power cut): it is
deleted, and with it nothing but what this program made. Files of the user's
elsewhere below OUT_DIR, whatever their names, are never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..atomic import os_reason
from ..errors import EnvironmentProblem, display_path

NAME = ".weekly-pdf-work"


def create(out_dir: Path) -> tuple[Path, int]:
    """A fresh, empty work folder (call it holding the lock) and how many
    files an interrupted batch had left in the old one."""
    folder = Path(out_dir) / NAME
    left = 0
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        left = sum(1 for p in folder.rglob("*") if not p.is_dir())
        shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise EnvironmentProblem(f"无法在输出文件夹 {display_path(Path(out_dir))} 里工作"
                                 f"（{os_reason(exc)}）") from None
    return folder, left


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
