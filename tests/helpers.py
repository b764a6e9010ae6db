"""What the tests share besides fixtures: the project's paths, the command as a
user runs it, and a copy of the project to change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The reference issue's text as the office published it (the seed), and its issue file.
SEED_TEXT = ROOT / "tests" / "data" / "seed-2023-20.txt"
SEED_ISSUE = ROOT / "issues" / "2023" / "2023-20.yaml"


def exe() -> str:
    """The installed ``weekly-pdf`` command of the running interpreter."""
    return str(Path(sys.executable).parent / "weekly-pdf")


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
    """Run the installed ``weekly-pdf`` command as a user would (``env``: changes to
    the environment)."""
    return subprocess.run([exe(), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, **env} if env else None,
                          timeout=600)


def copy_project(dest: Path) -> Path:
    """A copy of the project (layouts/, issues/, fonts/) at ``dest``; font files
    are hard-linked where the file system allows, to keep it cheap."""
    shutil.copytree(ROOT / "layouts", dest / "layouts")
    shutil.copytree(ROOT / "issues", dest / "issues")
    shutil.copytree(ROOT / "fonts", dest / "fonts", copy_function=_link_or_copy,
                    ignore=shutil.ignore_patterns("local"))
    (dest / "fonts" / "local").mkdir()
    return dest


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def write_issue_text(issues_dir: Path, text: str, name: str = "2023-20.yaml") -> Path:
    """Write ``text`` as issues_dir/2023/``name`` and return the path."""
    path = issues_dir / "2023" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pdfa_options(level: str | None):
    """The BuildOptions of ``--pdfa=LEVEL`` ("1b", "2b"), of ``--no-pdfa``
    ("none") or of no flag (None)."""
    from weekly_pdf.options import PLAIN, BuildOptions, parse_level
    if level is None:
        return BuildOptions()
    return BuildOptions(pdfa=parse_level(level) or PLAIN)
