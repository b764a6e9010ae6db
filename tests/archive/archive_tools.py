"""Helpers of the archive tests: run build-all and look at what it left."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from tests.helpers import ROOT, run_cli


def new_archive(tmp: Path) -> Path:
    """An empty issues/ folder with the project's publication.yaml."""
    issues = tmp / "issues"
    issues.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
    return issues


def build_all(issues: Path, out: Path, *args: str, timeout: int = 600
              ) -> subprocess.CompletedProcess:
    """``weekly-pdf build-all ISSUES -o OUT ARGS`` run from the archive's folder
    (:func:`tests.helpers.run_cli`: a process of its own, forked from this one)."""
    return run_cli("build-all", issues, "-o", out, *args, cwd=issues.parent)


def pdfs(out: Path) -> dict[str, Path]:
    """Every PDF of an output folder (the annual volume aside), by path below it."""
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.pdf"))
            if "合订本" not in p.name}


def snapshot(out: Path) -> dict[str, tuple[int, str]]:
    """Each PDF's modification time and sha256."""
    return {name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for name, p in pdfs(out).items()}


def rendered(result: subprocess.CompletedProcess, out: str = "out") -> list[str]:
    """The issues a batch reports it rendered: its progress lines on stderr name
    each PDF (out/2023/2023-01.pdf, as seen from the batch's working folder),
    given back as the issue file's path below issues/ (2023/2023-01.yaml)."""
    names = [line.split("已生成 ", 1)[1].split("（")[0] for line in result.stderr.splitlines()
             if "] 已生成 " in line or line.startswith("已生成 ")]
    return [name.removeprefix(f"{out}/").removesuffix(".pdf") + ".yaml" for name in names]


def catalog(out: Path) -> dict:
    return json.loads((out / "catalog.json").read_text(encoding="utf-8"))


def temp_files(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*.tmp")]
