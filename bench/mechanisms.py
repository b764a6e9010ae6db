"""What each of weekly-pdf's speed mechanisms saves on the seed (not a test).

    .venv/bin/python bench/mechanisms.py [-n 7]

Each mechanism is switched off in a run of its own by a small driver that
patches it out (through public names of our own modules and ``atexit``), and
compared, in the same run and alternating, with a run that keeps it:

whole ``weekly-pdf build`` of the seed (median of N, peak memory):
  * aside — the issue checked and typeset in a forked process while WeasyPrint loads;
  * GC pause — no cyclic garbage collection during a build;
  * quick exit — the process ends without the interpreter's teardown;
  * library search — ctypes.util.find_library switched off while WeasyPrint loads;
  * late font reading — font files read when subset, not when first drawn;
  * font metrics cache — advances and cmaps read from the cache folder, not the fonts;
  * compiled templates — the layout's templates loaded as an earlier process compiled them;

a warm rebuild after a one-character edit (what ``watch`` does; median of 10):
  * GC pause — as in a whole build, but in a warm process, whose heap is larger;
  * typeset cache — paragraphs and titles set before;
  * template cache — the compiled Jinja2 templates of a layout, kept in the process
    (switched off with the compiled templates of the cache folder);
  * font program caches — the last font subsets made and their dense CFF
    programs with Flate encodings (two steps of the same font program: alone
    each saved 0.036 s and 0.047 s, and they are measured together).

A mechanism that saves under 0.05 s (and no memory worth having) does not
earn its keep: the layout.toml cache was removed so (README, Measurements).
``bench/speed.py`` prints this table too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: bench/ is a package of the project's root

from bench.process import compiled, run_measured as _run  # noqa: E402
SEED = ROOT / "issues" / "2023" / "2023-20.yaml"

#: The GC pause switched off (a build and the warm driver's timing use it).
GC_OFF = ("import contextlib, weekly_pdf.build as m; "
          "m.cyclic_gc_paused = contextlib.nullcontext")

#: Patches that switch one mechanism off, run before the command (Python source).
COLD = {
    "aside": "import weekly_pdf.aside as m; m.worthwhile = lambda: False",
    "quick exit": "import atexit, weekly_pdf.cli as m; atexit.unregister(m._quick_exit)",
    "GC pause": GC_OFF,
    "library search": ("import contextlib, weekly_pdf.pdf.engine.hermetic as m; "
                       "m.no_library_search = contextlib.nullcontext"),
    "late font reading": ("import weekly_pdf.pdf.engine.fonts as m; "
                          "m.read_font_files_late = lambda: None"),
    "font metrics cache": None,  # an empty cache folder instead
    "compiled templates": "import weekly_pdf.render.html as m; m.TEMPLATE_CACHE = None",
}

WARM = {
    "GC pause": GC_OFF,
    "typeset cache": "import weekly_pdf.typeset.setting as m; m.REMEMBERED = 0",
    "template cache": ("import weekly_pdf.render.html as m; "
                       "m.environment = m.environment.__wrapped__; m.TEMPLATE_CACHE = None"),
    "font program caches": ("import weekly_pdf.pdf.engine.fonts as f, "
                            "weekly_pdf.pdf.engine.finish as d, weekly_pdf.recent as r; "
                            "f._subsets = r.Recent(0); d._made = r.Recent(0)"),
}

DRIVER = """
import sys
patch = sys.argv.pop(1)
if patch:
    exec(patch)
from weekly_pdf.cli import entry
sys.argv[0] = "weekly-pdf"
entry()
"""

WARM_DRIVER = """
import shutil, statistics, sys, time
from pathlib import Path
patch = sys.argv[4]
if patch:
    exec(patch)
from weekly_pdf.build import Builder, cyclic_gc_paused
from weekly_pdf.project import find_project
seed, work, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
issue = work / "issues" / "2023" / seed.name
issue.parent.mkdir(parents=True, exist_ok=True)
shutil.copy(seed.parent.parent / "publication.yaml", work / "issues" / "publication.yaml")
text = seed.read_text(encoding="utf-8")
builder = Builder(find_project(seed))
builder.warm()
issue.write_text(text, encoding="utf-8")
builder.build(issue, work / "warm.pdf")
times = []
for edit in "述论究读议评说谈话语"[:n]:
    issue.write_text(text.replace("学习研讨（扩大）", f"学习研{edit}（扩大）", 1), encoding="utf-8")
    with cyclic_gc_paused():
        started = time.perf_counter()
        builder.build(issue, work / "warm.pdf")
        times.append(time.perf_counter() - started)
print(statistics.median(times))
"""


def cold(n: int, out: Path) -> list[tuple[str, float, float, int, int]]:
    """(mechanism, seconds with it, seconds without, KB with, KB without)."""
    rows = []
    build = ["build", str(SEED), "-o", str(out)]
    for name, patch in COLD.items():
        on, off = [], []
        for _ in range(n):
            on.append(_run([sys.executable, "-c", DRIVER, "", *build]))
            if patch is None:  # the metrics cache: an empty cache folder each time
                empty = tempfile.mkdtemp()
                env = {**os.environ, "WEEKLY_PDF_CACHE": empty}
                off.append(_run([sys.executable, "-c", DRIVER, "", *build], env))
                shutil.rmtree(empty)
            else:
                off.append(_run([sys.executable, "-c", DRIVER, patch, *build]))
        rows.append((name, statistics.median(t for t, _ in on), statistics.median(t for t, _ in off),
                     max(m for _, m in on), max(m for _, m in off)))
    return rows


def warm(rounds: int) -> list[tuple[str, float, float]]:
    """(mechanism, warm rebuild seconds with it, without it)."""
    rows = []
    for name, patch in WARM.items():
        on, off = [], []
        for _ in range(rounds):
            for which, patched in ((on, ""), (off, patch)):
                work = tempfile.mkdtemp()
                try:
                    result = subprocess.run(
                        [sys.executable, "-c", WARM_DRIVER, str(SEED), work, "10", patched],
                        capture_output=True, text=True, check=True)
                finally:
                    shutil.rmtree(work)
                which.append(float(result.stdout.split()[-1]))
        rows.append((name, statistics.median(on), statistics.median(off)))
    return rows


def report(n: int = 7, rounds: int = 3) -> str:
    with tempfile.TemporaryDirectory() as folder:
        cold_rows = cold(n, Path(folder) / "seed.pdf")
    warm_rows = warm(rounds)
    lines = ["| mechanism | with | without | saves | peak memory with → without |",
             "|---|---|---|---|---|"]
    for name, with_, without, kb_with, kb_without in cold_rows:
        lines.append(f"| {name} (whole build) | {with_:.3f} s | {without:.3f} s | "
                     f"{without - with_:+.3f} s | {kb_with // 1024} → {kb_without // 1024} MB |")
    for name, with_, without in warm_rows:
        lines.append(f"| {name} (warm rebuild) | {with_:.3f} s | {without:.3f} s | "
                     f"{without - with_:+.3f} s | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=7, help="whole builds per figure (median)")
    parser.add_argument("--rounds", type=int, default=3, help="warm processes per figure")
    args = parser.parse_args()
    compiled()
    print(f"load average {os.getloadavg()[0]:.2f}, {len(os.sched_getaffinity(0))} cores")
    print(report(args.n, args.rounds))


if __name__ == "__main__":
    main()
