"""Build time of the worst issue files the loader's limits accept (not a test).

    .venv/bin/python bench/limits.py [--case NAME ...]

Each case is an issue file at the edge of src/weekly_pdf/load/limits.py:

- ``chars``:      the most body text an issue may hold, in paragraphs of the
                  largest size allowed;
- ``paragraphs``: the most paragraphs an issue may hold (short ones);
- ``titles``:     the most articles an issue may hold, each with a title of the
                  longest length allowed (mixed Han, Latin and pauses);
- ``seed``:       the reference issue, for scale.

Each is built by ``weekly-pdf build`` as a whole process; the wall time, the
page count and the peak memory (of the process and its children) are printed.
These bound what one issue can cost a build-all worker.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from weekly_pdf.source import limits  # noqa: E402

HAN = "科协组织开展学习研讨会议围绕创新驱动发展战略推进首都科技工作者服务平台建设人才培养"
HEAD = "year: 2023\nnumber: 20\ntotal: 73\ndate: 2023-07-07\nsections:\n"


def _text(rng: random.Random, n: int) -> str:
    chars = [rng.choice(HAN) for _ in range(n)]
    for i in range(9, n - 1, 17):
        chars[i] = rng.choice("，、。")
    return "".join(chars)


def _issue(articles: list[tuple[str, list[str]]]) -> str:
    lines = [HEAD.rstrip("\n")]
    for start in range(0, len(articles), limits.MAX_SECTION_ARTICLES):
        lines += [f"  - column: 栏目{start // limits.MAX_SECTION_ARTICLES + 1}", "    articles:"]
        for title, paragraphs in articles[start:start + limits.MAX_SECTION_ARTICLES]:
            lines += [f"      - title: \"{title}\"", "        body: |"]
            for paragraph in paragraphs:
                lines += ["          " + paragraph, ""]
    return "\n".join(lines) + "\n"


def case_chars(rng: random.Random) -> str:
    size = limits.MAX_PARAGRAPH_CHARS
    count = limits.MAX_ISSUE_CHARS // size
    per_article = max(1, count // 4)
    paragraphs = [_text(rng, size) for _ in range(count)]
    return _issue([(f"第{a + 1}篇", paragraphs[a:a + per_article])
                   for a in range(0, count, per_article)])


def case_paragraphs(rng: random.Random) -> str:
    size = min(limits.MAX_ISSUE_CHARS // limits.MAX_ISSUE_PARAGRAPHS, 40)
    per_article = limits.MAX_ARTICLE_PARAGRAPHS
    total = limits.MAX_ISSUE_PARAGRAPHS
    paragraphs = [_text(rng, size) for _ in range(total)]
    return _issue([(f"第{a // per_article + 1}篇", paragraphs[a:a + per_article])
                   for a in range(0, total, per_article)])


def case_titles(rng: random.Random) -> str:
    pieces = list(HAN) + list("、，的") + ["开展", "AI", "for", " ", "Science", "GDP"]
    articles = []
    for _ in range(limits.MAX_ISSUE_ARTICLES):
        title = ""
        while len(title) < limits.MAX_TITLE_CHARS:
            title += rng.choice(pieces)
        articles.append((title[:limits.MAX_TITLE_CHARS].strip(), [_text(rng, 20)]))
    return _issue(articles)


CASES = {"seed": None, "chars": case_chars, "paragraphs": case_paragraphs,
         "titles": case_titles}


def build(issue: Path, out: Path) -> tuple[float, int, str]:
    exe = Path(sys.executable).parent / "weekly-pdf"
    start = time.perf_counter()
    proc = subprocess.run([str(exe), "build", str(issue), "-o", str(out)],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return wall, peak, (proc.stdout + proc.stderr).strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "issues"
        (folder / "2023").mkdir(parents=True)
        shutil.copy(ROOT / "issues" / "publication.yaml", folder)
        for name in args.case or list(CASES):
            make = CASES[name]
            if make is None:
                issue = ROOT / "issues" / "2023" / "2023-20.yaml"
            else:
                issue = folder / "2023" / "2023-20.yaml"
                issue.write_text(make(random.Random(name)), encoding="utf-8")
            size = issue.stat().st_size // 1024
            wall, peak, said = build(issue, Path(tmp) / f"{name}.pdf")
            print(f"{name:11} {size:4} KB  {wall:6.1f} s  peak ≤ {peak} MB  {said}", flush=True)


if __name__ == "__main__":
    main()
