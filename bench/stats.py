"""Benchmark of ``weekly-pdf stats`` on a generated archive of 500 issues (not a test).

    .venv/bin/python bench/stats.py [--issues 500] [--rounds 5] [--keep DIR]

Writes ten years of weekly issues (50 a year, seed-sized: 4 to 12 articles
with real paragraphs, most with a contributor by canonical name or alias,
some joint, some with leaders' instructions) beside the project's unit list
and scoring rules, then times the real command line over all of them
(``--from``/``--to`` the ten years):

* cold: no cache, every issue file read and checked by the loader;
* warm: the per-file cache (out/.weekly-pdf-stats-cache.json) hit for every file;
  terminal, CSV and XLSX over the ten years; then the 通报 PDF as well, of one
  year (every file still hashed) and of the ten years (a long list of
  instructed articles: some 30 pages);
* one issue edited: the cache hit for every file but that one.

It then proves the cache changes nothing: the CSV and XLSX of a cached run and
of a ``--no-cache`` run are byte for byte the same.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the tests package is beside bench/

import yaml  # noqa: E402

from tests.issuegen import issue_dict  # noqa: E402

NAMES = ["东城区科协", "西城区科协", "朝阳区科协", "海淀区科协", "丰台区科协", "昌平区科协",
         "北京制冷学会", "北京市制冷学会", "北京力学会", "北京电子学会", "市科协学会学术部",
         "清华大学科协", "北汽集团科协", "中关村科学城管委会", "北京市海淀区科协"]
COLUMNS = ["主题教育", "科创工作", "科普工作", "基层动态", "学会动态", "要情专报"]


def write_archive(issues: Path, count: int) -> list[Path]:
    rng = random.Random(500)
    paths = []
    per_year = 50
    for i in range(count):
        year, number = 2014 + i // per_year, i % per_year + 1
        data = issue_dict(year * 100 + number, year=year, number=number, total=i + 1,
                          date=datetime.date(year, 1, 3) + datetime.timedelta(weeks=number - 1),
                          articles=rng.choice((4, 6, 8)))
        for section in data["sections"]:
            section["column"] = rng.choice(COLUMNS)
            for article in section["articles"]:
                article.pop("source", None)
                if rng.random() < 0.85:
                    article["source"] = "、".join(rng.sample(NAMES, rng.choice((1, 1, 1, 2))))
                if rng.random() < 0.1:
                    article["instructions"] = [{"level": rng.choice(("区级", "市级", "省级")),
                                                "by": "某领导"}]
        data.pop("publication"), data.pop("publisher"), data.pop("footer")
        path = issues / str(year) / f"{year}-{number:02d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


ALL = ("--from", "2014-01-01", "--to", "2023-12-31")


def run(issues: Path, *extra: str, period=ALL) -> float:
    exe = Path(sys.executable).parent / "weekly-pdf"
    started = time.perf_counter()
    result = subprocess.run([str(exe), "stats", *period, "--issues", str(issues), *extra],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"stats failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def digests(folder: Path, suffixes=(".csv", ".xlsx")) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.suffix in suffixes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the archive here and keep it")
    args = parser.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="weekly-pdf-stats-bench-"))
    shutil.rmtree(tmp, ignore_errors=True)
    issues = tmp / "issues"
    issues.mkdir(parents=True)
    for name in ("publication.yaml", "units.yaml", "scoring.toml"):
        shutil.copy(ROOT / "issues" / name, issues / name)
    paths = write_archive(issues, args.issues)
    size = sum(p.stat().st_size for p in paths)
    out = tmp / "out" / "stats"
    tables = ("--formats", "csv,xlsx")
    cold = run(issues, *tables, "--no-cache")
    first = run(issues, *tables)  # writes the cache
    warm = statistics.median(run(issues, *tables) for _ in range(args.rounds))
    warm_pdf = statistics.median(run(issues, period=("2023",)) for _ in range(args.rounds))
    whole_pdf = run(issues)
    cached = digests(out)
    run(issues, *tables, "--no-cache")
    same = digests(out) == cached
    edited = paths[len(paths) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    one = run(issues, *tables)
    print(f"{len(paths)} issues ({size / 1e6:.1f} MB of YAML), {tmp}")
    print(f"cold, no cache (terminal + CSV + XLSX):         {cold:6.2f} s")
    print(f"first run, writing the cache:                   {first:6.2f} s")
    print(f"warm, cache hit (terminal + CSV + XLSX), median: {warm:6.2f} s")
    print(f"warm, the year 2023 (50 issues) with the 通报 PDF, median: {warm_pdf:6.2f} s")
    print(f"warm, all ten years with the 通报 PDF (one run):  {whole_pdf:6.2f} s")
    print(f"one issue edited (one file read again):         {one:6.2f} s")
    print(f"cached and uncached CSV/XLSX byte-identical:    {'yes' if same else 'NO'}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
