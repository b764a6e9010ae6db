"""The seed builds into the same bytes under every supported Python (3.11–3.13).

Each interpreter other than the running one gets its own virtual environment
under .cache/pythons/<version>/ (ignored by git, kept between runs), with the
pinned dependencies of pyproject.toml; the project itself runs from src/. An
environment is rebuilt only when the dependency list or the interpreter changed.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE

pytestmark = pytest.mark.slow

VERSIONS = ("3.11", "3.12", "3.13")
VENVS = ROOT / ".cache" / "pythons"


def _version_of(python: str) -> str | None:
    try:
        result = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def interpreters() -> dict[str, str]:
    """version → an interpreter of it: the running one, one on PATH, or pyenv's."""
    running = "%d.%d" % sys.version_info[:2]
    found = {running: sys.executable}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for version in VERSIONS:
        if version in found:
            continue
        candidates = [shutil.which(f"python{version}"),
                      *sorted(glob.glob(str(pyenv / f"{version}.*" / "bin" / f"python{version}")),
                              reverse=True)]
        for candidate in filter(None, candidates):
            if _version_of(candidate) == version:
                found[version] = candidate
                break
    return found


def _environment(version: str, python: str) -> Path:
    """The cached virtual environment of ``version``; its Python."""
    if python == sys.executable:
        return Path(python)
    folder = VENVS / version
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")
                                 )["project"]["dependencies"]
    wanted = json.dumps({"python": str(Path(python).resolve()), "dependencies": dependencies})
    stamp = folder / "weekly-pdf-dependencies.json"
    venv_python = folder / "bin" / "python"
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted
            and venv_python.is_file()):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(folder)], check=True, capture_output=True,
                       timeout=300)
        result = subprocess.run([str(venv_python), "-m", "pip", "install", "-q", *dependencies],
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"pip install for Python {version}:\n{result.stderr[-3000:]}"
        stamp.write_text(wanted, encoding="utf-8")
    return venv_python


def test_the_seed_is_byte_identical_under_every_supported_python(seed_pdf, tmp_path):
    found = interpreters()
    if len(found) < 2:
        pytest.skip(f"only Python {', '.join(found)} here; nothing to compare with")
    built = {}
    for version, python in sorted(found.items()):
        out = tmp_path / f"seed-{version}.pdf"
        result = subprocess.run(
            [str(_environment(version, python)), "-m", "weekly_pdf.cli", "build", str(SEED_ISSUE),
             "-o", str(out)],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        assert result.returncode == 0, f"Python {version}: {result.stderr[-2000:]}"
        built[version] = out.read_bytes()
    reference = seed_pdf.read_bytes()
    differing = [version for version, data in built.items() if data != reference]
    assert differing == [], (f"the seed differs from this run's build under Python "
                             f"{', '.join(differing)} (built with {', '.join(built)})")
