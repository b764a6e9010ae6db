"""Benchmark of ``weekly-pdf build-all`` on a generated archive (not a test).

    .venv/bin/python bench/archive.py [--issues 30] [-j 2] [--articles 4] [--keep DIR]

Reports, for the same archive: a cold batch (empty output folder), a no-op
batch (nothing changed), a warm batch after touching one issue file, and a
--force batch; each as wall time through the real command line, and the
rendering throughput in issues per second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the tests package is beside bench/

from tests.issuegen import write_archive  # noqa: E402


def batch(issues: Path, out: Path, jobs: int, *extra: str) -> tuple[float, int]:
    """Wall time of one build-all and how many issues it rendered."""
    exe = Path(sys.executable).parent / "weekly-pdf"
    started = time.perf_counter()
    result = subprocess.run([str(exe), "build-all", str(issues), "-o", str(out), "-j", str(jobs),
                             *extra], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build-all failed:\n{result.stdout}\n{result.stderr}")
    return seconds, result.stderr.count("已生成")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=30)
    parser.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--articles", type=int, default=4, help="articles per issue (issuegen)")
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="weekly-pdf-bench-"))
    issues, out = tmp / "issues", tmp / "out"
    shutil.rmtree(tmp, ignore_errors=True)
    issues.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
    paths = write_archive(issues, args.issues, articles=args.articles)
    rows = []
    seconds, n = batch(issues, out, args.jobs)
    rows.append(("cold batch", seconds, n))
    noop = [batch(issues, out, args.jobs)[0] for _ in range(5)]
    rows.append(("no-op batch (best of 5)", min(noop), 0))
    touched = paths[len(paths) // 2]
    os.utime(touched)
    seconds, n = batch(issues, out, args.jobs)
    rows.append(("warm: one issue touched", seconds, n))
    seconds, n = batch(issues, out, args.jobs, "--force")
    rows.append(("warm: --force (all)", seconds, n))
    print(f"weekly-pdf build-all, {args.issues} issues ({args.articles} articles each), "
          f"-j {args.jobs}, load average {os.getloadavg()[0]:.1f}")
    for name, seconds, n in rows:
        speed = f"{n / seconds:6.2f} issues/s" if n else ""
        print(f"  {name:<26} {seconds:7.2f} s  rendered {n:3d}  {speed}")
    print(f"  cold / no-op ratio: {rows[0][1] / rows[1][1]:.0f}×")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
