"""Rebuild an issue whenever one of its inputs changes, in one warm process.

The inputs are the issue file, the publication.yaml and the office's term
list (terms.txt) beside the year folders (or beside a loose draft), the
layouts/ folder and the fonts/ folder. Their
modification times and sizes are polled (no dependency, works on every file
system, including network shares). A change is acted on once two polls agree,
so an editor that saves in several writes is seen once. The Builder, with its
fonts, metrics and WeasyPrint, stays loaded: only a change of fonts or layouts
makes a new one.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .source.load import DEFAULTS_NAME
from .source.terms import TERMS_NAME
from .project import Project

#: Seconds between two looks at the inputs.
POLL = 0.3

Snapshot = dict[str, tuple[int, int]]


@dataclass(frozen=True)
class Inputs:
    """What one issue's build reads, split by what a change of it means."""

    issue: tuple[Path, ...]     # the issue file, its publication.yaml and terms.txt candidates
    program: tuple[Path, ...]   # layouts/ and fonts/: a change needs a new Builder

    @classmethod
    def of(cls, issue_file: Path, project: Project) -> "Inputs":
        issue_file = Path(issue_file)
        defaults = tuple(folder / name for name in (DEFAULTS_NAME, TERMS_NAME)
                         for folder in (issue_file.parent, issue_file.parent.parent))
        return cls((issue_file, *defaults), (project.layouts_dir, project.fonts_dir))


def snapshot(paths) -> Snapshot:
    """Modification time and size of every file at or below ``paths``."""
    seen: Snapshot = {}
    for path in paths:
        _scan(str(path), seen)
    return seen


def _scan(path: str, seen: Snapshot) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return
    if os.path.isdir(path):
        try:
            names = sorted(os.listdir(path))
        except OSError:
            return
        for name in names:
            if not name.startswith("."):  # editors' swap files, atomic writers' temp files
                _scan(os.path.join(path, name), seen)
    else:
        seen[path] = (stat.st_mtime_ns, stat.st_size)


def watch(inputs: Inputs, rebuild: Callable[[bool], None], *, poll: float = POLL,
          sleep=time.sleep) -> None:
    """Call ``rebuild(program_changed)`` now and after every change; runs until
    interrupted (KeyboardInterrupt goes to the caller)."""
    issue_state, program_state = snapshot(inputs.issue), snapshot(inputs.program)
    rebuild(False)
    while True:
        sleep(poll)
        issue_now, program_now = snapshot(inputs.issue), snapshot(inputs.program)
        if issue_now == issue_state and program_now == program_state:
            continue
        # Wait until two looks agree: the editor has finished saving.
        while True:
            sleep(poll)
            issue_again, program_again = snapshot(inputs.issue), snapshot(inputs.program)
            if issue_again == issue_now and program_again == program_now:
                break
            issue_now, program_now = issue_again, program_again
        program_changed = program_now != program_state
        issue_state, program_state = issue_now, program_now
        rebuild(program_changed)
