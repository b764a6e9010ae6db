"""What ``--ofd`` costs: time added to a build, and the OFD's size beside the PDF (not a test).

    .venv/bin/python bench/ofd.py [-n 5] [--issues 20]

Measures, on this machine and in this one run:

1. the seed built by ``weekly-pdf build`` as a whole process: without ``--ofd``,
   with it and the converted-glyph cache warm (the everyday case), and with it
   and that cache empty (the first OFD of a font on a machine); alternating,
   median of N of the wall and CPU time, and the peak memory (/usr/bin/time);
2. the conversion alone: ``pdf_to_ofd`` of the seed's PDF with an empty glyph
   cache, a second time in that process (as in a batch worker or ``watch``),
   and in a fresh process with the cache on disk;
3. sizes: the seed's PDF and OFD, and the OFD's parts (fonts, page XML);
4. ``build-all -j 2`` of ``--issues`` generated seed-size issues, with and
   without ``--ofd`` (issues per second).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: tests/ and bench/ are beside each other

from tests.issuegen import write_archive  # noqa: E402
from weekly_pdf.fonts.metrics import cache_root  # noqa: E402

SEED = ROOT / "issues" / "2023" / "2023-20.yaml"
BIN = Path(sys.executable).parent
TIME = Path("/usr/bin/time")


def cold_glyphs(folder: Path) -> dict:
    """An environment whose cache holds the fonts' metrics but no converted glyphs."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if (cache_root() / "metrics").is_dir():
        shutil.copytree(cache_root() / "metrics", folder / "metrics")
    return {**os.environ, "WEEKLY_PDF_CACHE": str(folder)}


def whole_build(out: Path, ofd: bool, env: dict | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak kilobytes of one
    ``weekly-pdf build`` process (CPU time is what a busy machine disturbs least)."""
    command = [str(TIME), "-f", "%U %S %M", str(BIN / "weekly-pdf"), "build", str(SEED),
               "-o", str(out)]
    if ofd:
        command.append("--ofd")
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    seconds = time.perf_counter() - started
    user, system, peak = result.stderr.strip().splitlines()[-1].split()
    return seconds, float(user) + float(system), int(peak)


def conversion(pdf: Path, env: dict) -> tuple[float, float]:
    code = (
        "import time, sys\n"
        "from pathlib import Path\n"
        "from weekly_pdf.pdf.ofd import pdf_to_ofd\n"
        f"data = Path({str(pdf)!r}).read_bytes()\n"
        "t = time.perf_counter(); pdf_to_ofd(data); first = time.perf_counter() - t\n"
        "t = time.perf_counter(); pdf_to_ofd(data); second = time.perf_counter() - t\n"
        "print(first, second)\n")
    first, second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   check=True, env=env).stdout.split()
    return float(first), float(second)


def batch(issues: Path, out: Path, ofd: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(BIN / "weekly-pdf"), "build-all", str(issues), "-o", str(out), "-j", "2"]
    if ofd:
        command.append("--ofd")
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=5)
    parser.add_argument("--issues", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        whole_build(work / "seed.pdf", True)  # the default cache: warm from here on
        plain, with_ofd, cold = [], [], []
        for _ in range(args.n):
            plain.append(whole_build(work / "plain.pdf", False))
            with_ofd.append(whole_build(work / "seed.pdf", True))
            cold.append(whole_build(work / "cold.pdf", True, cold_glyphs(work / "cache")))
        median = statistics.median
        print(f"seed, whole process (median of {args.n}):")
        for label, runs in (("build", plain), ("build --ofd", with_ofd),
                            ("build --ofd, glyph cache empty", cold)):
            print(f"  {label:32} {median(r[0] for r in runs):.2f} s wall, "
                  f"{median(r[1] for r in runs):.2f} s CPU, peak {max(r[2] for r in runs) // 1024} MB")
        first, second = conversion(work / "seed.pdf", cold_glyphs(work / "cache"))
        warm, _ = conversion(work / "seed.pdf", dict(os.environ))
        print(f"  conversion alone (pdf_to_ofd): {first:.2f} s with an empty glyph cache, "
              f"{second:.2f} s again in that process, {warm:.2f} s with the cache on disk")
        pdf, ofd = work / "seed.pdf", work / "seed.ofd"
        print(f"sizes: PDF {pdf.stat().st_size / 1024:.0f} KB, OFD {ofd.stat().st_size / 1024:.0f} KB"
              f" ({ofd.stat().st_size / pdf.stat().st_size:.2f} of the PDF)")
        with zipfile.ZipFile(ofd) as package:
            fonts = sum(i.compress_size for i in package.infolist() if i.filename.endswith(".ttf"))
            xml = sum(i.compress_size for i in package.infolist() if i.filename.endswith(".xml"))
        print(f"  in the OFD (compressed): fonts {fonts / 1024:.0f} KB, XML {xml / 1024:.0f} KB")
        if args.issues:
            issues = work / "issues"
            issues.mkdir()
            shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
            write_archive(issues, args.issues)
            seconds = batch(issues, work / "out-plain", False)
            seconds_ofd = batch(issues, work / "out-ofd", True)
            print(f"build-all -j 2, {args.issues} generated issues: {seconds:.2f} s "
                  f"({args.issues / seconds:.2f} issues/s); with --ofd {seconds_ofd:.2f} s "
                  f"({args.issues / seconds_ofd:.2f} issues/s)")
            catalog = json.loads((work / "out-ofd" / "catalog.json").read_text(encoding="utf-8"))
            assert all(entry.get("ofd") for entry in catalog["issues"])


if __name__ == "__main__":
    main()
