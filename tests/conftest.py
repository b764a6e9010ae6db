"""Shared fixtures: the real project (layouts/, fonts/), its builder, the seed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seeds" / "000_a4e0f7d7b1c973fd.txt"
SEED_ISSUE = ROOT / "issues" / "2023" / "2023-20.yaml"
TEXTCHECK = SHARED / "tools" / "pdf-textcheck"

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def project():
    from weekly_pdf.project import Project
    return Project(ROOT)


@pytest.fixture(scope="session")
def builder(project):
    from weekly_pdf.build import Builder
    return Builder(project)


@pytest.fixture(scope="session")
def seed_pdf(builder, tmp_path_factory) -> Path:
    """The seed issue built once for the whole session."""
    out = tmp_path_factory.mktemp("seed") / "2023-20.pdf"
    builder.build(SEED_ISSUE, out)
    return out


@pytest.fixture
def issues_dir(tmp_path) -> Path:
    """An issues/ folder with the real publication.yaml, for made-up issues."""
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    return folder


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``weekly-pdf`` command as a user would."""
    exe = Path(sys.executable).parent / "weekly-pdf"
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=600)


def textcheck(pdf: Path, mode: str, source: Path) -> subprocess.CompletedProcess:
    """../shared/tools/pdf-textcheck on a PDF (--seed TEXT or --yaml ISSUE)."""
    return subprocess.run([sys.executable, str(TEXTCHECK), str(pdf), mode, str(source)],
                          capture_output=True, text=True, timeout=120)


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
