"""Speed of weekly-pdf beside Typst, in one run (not a test).

    .venv/bin/pip install -e '.[bench]'          # the pinned typst package
    .venv/bin/python bench/speed.py [-n 5] [--issues 60] [-j 2] [--articles 8]

Measures, on this machine and in this one run:

1. the seed (issues/2023/2023-20.yaml) built by ``weekly-pdf build`` as a whole
   process, median of N, with its peak memory;
2. the same issue rebuilt in a warm process (what ``weekly-pdf watch`` does)
   after an edit of one character of one paragraph, a different one each
   time, median of 10 (the collector's pass after a rebuild, once its PDF is
   written, is not counted: watch runs it after announcing the PDF);
3. the Typst reference: the same text and the same bundled fonts, laid out
   roughly like our layout (bench/typst_reference.py), compiled by the typst
   package in a whole process, median of N; its embedded fonts are checked;
4. a generated archive of ``--issues`` seed-size issues built by
   ``weekly-pdf build-all -j J`` from cold: issues per second, and the peak
   memory of its largest process (the batch or one of its workers);

weekly_pdf's modules are compiled to bytecode first (bench.process.compiled),
as a user's installation holds them after its first run; then prints the
ratios against the targets of issue 13, and (unless
``--no-mechanisms``) what each speed mechanism saves on the seed
(bench/mechanisms.py: each one switched off in runs of its own).
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
sys.path.insert(0, str(ROOT))  # run as a script: tests/ and bench/ are beside each other

from bench.process import compiled, run_measured  # noqa: E402
from bench.typst_reference import check_fonts, typst_source  # noqa: E402
from tests.issuegen import write_archive  # noqa: E402

SEED = ROOT / "issues" / "2023" / "2023-20.yaml"
BIN = Path(sys.executable).parent

#: Targets of issue 13.
SINGLE_RATIO = 10.0       # whole process, ours / Typst
BATCH_RATE = 2.5          # seed-size issues per second on 2 workers
WORKER_MB = 150           # peak memory per worker
WARM_SECONDS = 0.45       # a watch rebuild of the seed


def median_run(command: list[str], n: int) -> tuple[float, int]:
    runs = [run_measured(command) for _ in range(n)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


WARM = """
import shutil, statistics, sys, time
from pathlib import Path
from weekly_pdf.build import Builder, cyclic_gc_paused
from weekly_pdf.project import find_project
seed, work, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
# A copy of the seed in an issues/ folder of its own, edited before every rebuild.
issue = work / "issues" / "2023" / seed.name
issue.parent.mkdir(parents=True)
shutil.copy(seed.parent.parent / "publication.yaml", work / "issues" / "publication.yaml")
text = seed.read_text(encoding="utf-8")
builder = Builder(find_project(seed))
builder.warm()
issue.write_text(text, encoding="utf-8")
builder.build(issue, work / "warm.pdf")          # the first build of a watch
times = []
for edit in "述论究读议评说谈话语":
    # What a user does between two saves: one character of one paragraph changed.
    issue.write_text(text.replace("学习研讨（扩大）", f"学习研{edit}（扩大）", 1), encoding="utf-8")
    # As watch does: the rebuild's garbage is collected once the PDF is written.
    with cyclic_gc_paused():
        started = time.perf_counter()
        builder.build(issue, work / "warm.pdf")
        times.append(time.perf_counter() - started)
print(statistics.median(times))
"""

TYPST = """
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs per single-issue figure (median)")
    parser.add_argument("--issues", type=int, default=60)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--articles", type=int, default=8,
                        help="articles per generated issue (8: about the seed's 8 pages)")
    parser.add_argument("--no-mechanisms", action="store_true",
                        help="skip the table of what each speed mechanism saves")
    args = parser.parse_args()
    compiled()
    try:
        import typst  # noqa: F401
    except ImportError:
        sys.exit("the typst package is missing: .venv/bin/pip install -e '.[bench]'")
    from pypdf import PdfReader

    from weekly_pdf.source.load import load_issue

    tmp = Path(tempfile.mkdtemp(prefix="weekly-pdf-speed-"))
    try:
        ours_pdf, typst_pdf, typ = tmp / "ours.pdf", tmp / "typst.pdf", tmp / "seed.typ"
        # 1. ours, whole process
        ours_s, ours_kb = median_run([str(BIN / "weekly-pdf"), "build", str(SEED),
                                      "-o", str(ours_pdf)], args.n)
        # 2. warm rebuild (watch)
        warm = subprocess.run([sys.executable, "-c", WARM, str(SEED), str(tmp / "warm"),
                               str(args.n)], capture_output=True, text=True, check=True)
        warm_s = float(warm.stdout.strip().splitlines()[-1])
        # 3. Typst, whole process
        typ.write_text(typst_source(load_issue(SEED)), encoding="utf-8")
        typst_s, _ = median_run([sys.executable, "-c", TYPST, str(typ), str(typst_pdf),
                                 str(ROOT / "fonts")], args.n)
        check_fonts(typst_pdf)
        # 4. batch
        issues, out = tmp / "issues", tmp / "out"
        issues.mkdir()
        shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
        # At most 50 issues a year (an issue's date must lie in its year).
        done, year = 0, 2023
        while done < args.issues:
            count = min(50, args.issues - done)
            write_archive(issues, count, year=year, total=54 + done, articles=args.articles)
            done, year = done + count, year + 1
        batch_s, batch_kb = run_measured([str(BIN / "weekly-pdf"), "build-all", str(issues),
                                          "-o", str(out), "-j", str(args.jobs)])
        built = sorted(out.rglob("*.pdf"))
        if len(built) != args.issues:
            sys.exit(f"build-all made {len(built)} PDFs of {args.issues}")
        pages = statistics.mean(len(PdfReader(p).pages) for p in built)
        seed_pages = len(PdfReader(ours_pdf).pages)
        typst_pages = len(PdfReader(typst_pdf).pages)
        rate = args.issues / batch_s
        ours_kb_size, typst_kb_size = ours_pdf.stat().st_size / 1024, typst_pdf.stat().st_size / 1024

        print(f"weekly-pdf beside Typst {typst.__version__}, load average "
              f"{os.getloadavg()[0]:.1f}, {len(os.sched_getaffinity(0))} cores, median of {args.n}")
        print(f"  seed, weekly-pdf build (whole process)  {ours_s:6.2f} s  peak {ours_kb / 1024:5.0f} MB"
              f"  {seed_pages} pages  {ours_kb_size:5.0f} KB")
        print(f"  seed, Typst (whole process)             {typst_s:6.2f} s"
              f"                {typst_pages} pages  {typst_kb_size:5.0f} KB")
        print(f"  seed, warm rebuild (weekly-pdf watch)   {warm_s:6.2f} s")
        print(f"  build-all -j {args.jobs}, {args.issues} issues of {pages:.1f} pages "
              f"{batch_s:6.2f} s  {rate:.2f} issues/s  peak {batch_kb / 1024:.0f} MB per process")
        print("targets (issue 13):")
        ratio = ours_s / typst_s
        rows = [
            (f"single issue ours/Typst {ratio:.1f}× (≤ {SINGLE_RATIO:.0f}×)", ratio <= SINGLE_RATIO),
            (f"batch {rate:.2f} issues/s (≥ {BATCH_RATE} on 2 workers)", rate >= BATCH_RATE),
            (f"peak memory {batch_kb / 1024:.0f} MB per process (≤ {WORKER_MB} MB)",
             batch_kb / 1024 <= WORKER_MB),
            (f"PDF size ours/Typst {ours_kb_size / typst_kb_size:.2f} (≤ 1)",
             ours_kb_size <= typst_kb_size),
            (f"warm rebuild {warm_s:.2f} s (≤ {WARM_SECONDS} s)", warm_s <= WARM_SECONDS),
        ]
        for text, met in rows:
            print(f"  {'met   ' if met else 'MISSED'}  {text}")
        if not args.no_mechanisms:
            from bench import mechanisms
            print("what each speed mechanism saves (bench/mechanisms.py):")
            print(mechanisms.report(args.n))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
