"""Benchmark of the archive site and its search on 500 generated issues (not a test).

    .venv/bin/python bench/site.py [--issues 500] [-j 2] [--folder DIR] [--no-pdfs]

Generates an archive of ``--issues`` issues (50 a year, ten years back), with
text of realistic size and realistic compressibility (below), builds their
PDFs with ``weekly-pdf build-all`` (untimed; kept in ``--folder`` and reused by
the next run), then measures, through the real command line:

* the site build cold (no site, an empty text cache: every issue file parsed,
  every PDF hashed and its outline read), with nothing changed, and after one
  new issue (its PDF built first, untimed), with the files each rewrote;
* the site's weight against its text: "its text" is the UTF-8 bytes of every
  article's column, title, 编者按, paragraphs, headings, captions, table cells
  and 供稿单位 (``ArticleText.text_bytes``); the weight is every file of the site
  folder but the build's own hidden state and lock;
* the search in headless Chromium (Debian's, driven by Selenium as in the
  tests): time until the data is ready after opening index.html, and per
  query the time from submitting the form to the first 50 hits shown (the
  page's own ``WeeklySite.timing.total``: search, order, snippets, DOM), and
  the time of ``WeeklySite.search`` returning every hit with its snippet;
* ``weekly-pdf search`` in the terminal (whole process) for comparison.

The archive has a unit list (``issues/units.yaml``: categories, aliases), and
its sources name units as the office writes them: mostly one unit by its name,
now and then by an alias or jointly with a second unit (海淀区科协、北京制冷学会),
so that the unit pages and the unit filter count as they do on a real archive.

The generated text: words of one to four characters drawn from the 3755
characters of GB2312 level 1, the words then drawn with Zipf frequencies,
with Chinese punctuation, dates and numbers. It is tuned so that one issue
compresses like the real seed (zlib: the seed's text to 0.455 of its size;
the generated issues to about 0.47), a little worse rather than better: the
site's search data is compressed, so text that compresses too well would make
the site look lighter than it is.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "weekly-pdf"
COLUMNS = ("主题教育", "科创工作", "科普工作", "基层动态", "学会动态", "调研报告", "工作动态")
PUNCTUATION = "，，，，、、。；："

#: Common words (in most articles), rarer ones, several words, digits, one character,
#: filters, and a word that is nowhere.
QUERIES = [("科协", {}), ("学会", {}), ("创新", {}), ("院士专家", {}), ("工作 发展", {}),
           ("科协 学会 创新", {}), ("6月", {}), ("12月28日", {}), ("城", {}), ("国", {}),
           ("科协", {"year": "2020"}), ("学会", {"column": "科普工作"}),
           ("发展", {"unit": "北京制冷学会"}), ("科协", {"unit": "海淀区科协"}),
           ("科普", {"year": "2024", "column": "学会动态"}),
           ("不存在的词语组合", {})]


class Words:
    """A vocabulary of made-up Chinese words drawn with Zipf frequencies."""

    def __init__(self, rng: random.Random, size: int = 20000):
        chars = [bytes([0xB0 + i // 94, 0xA1 + i % 94]).decode("gb2312", "ignore")
                 for i in range((0xD8 - 0xB0) * 94)]
        chars = [c for c in chars if c]
        rng.shuffle(chars)
        by_char = list(_accumulate(1 / (r + 1) ** 0.9 for r in range(len(chars))))
        self.words = ["".join(rng.choices(chars, cum_weights=by_char,
                                          k=rng.choice((1, 2, 2, 2, 3, 4))))
                      for _ in range(size)]
        self.cumulative = list(_accumulate(1 / (r + 1) for r in range(size)))
        self.rng = rng
        # The words the benchmark searches for must occur.
        self.words[3:10] = ["科协", "学会", "创新", "科普", "院士专家", "工作", "发展"]

    def sentence(self, low: int, high: int) -> str:
        target = self.rng.randint(low, high)
        out = ""
        while len(out) < target:
            out += self.rng.choices(self.words, cum_weights=self.cumulative)[0]
            roll = self.rng.random()
            if roll < 0.08:
                out += self.rng.choice(PUNCTUATION[:-3])
            elif roll < 0.095:
                out += f"{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"
            elif roll < 0.105:
                out += f"{self.rng.randint(2, 300)}"
        return out + "。"

    def paragraph(self) -> str:
        return "".join(self.sentence(15, 60) for _ in range(self.rng.randint(2, 6)))


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


#: Other names of the named units (units.yaml aliases), as sources sometimes write them.
ALIASES = {"北京制冷学会": "北京市制冷学会", "昌平区科协": "昌平区科学技术协会",
           "东城区科协": "北京市东城区科协", "海淀区科协": "海淀区科学技术协会"}


def source(rng: random.Random, units: list[str], unit: str) -> str:
    """How an article names ``unit``: 75 % by its name, 10 % by an alias (when it
    has one), 15 % jointly with another unit."""
    roll = rng.random()
    if roll < 0.10 and unit in ALIASES:
        return ALIASES[unit]
    if roll > 0.85:
        return f"{unit}、{rng.choice([u for u in units if u != unit])}"
    return unit


def units_yaml(units: list[str]) -> str:
    lines = ["categories: [区科协, 学会, 其他]", "units:"]
    for unit in units:
        category = "区科协" if unit.endswith("区科协") else "学会" if unit.endswith("学会") else "其他"
        lines += [f"  - name: {json.dumps(unit, ensure_ascii=False)}", f"    category: {category}"]
        if unit in ALIASES:
            lines.append(f"    aliases: [{ALIASES[unit]}]")
    return "\n".join(lines) + "\n"


def issue(words: Words, rng: random.Random, units: list[str], year: int, number: int,
          total: int, date: datetime.date, naming: random.Random | None = None) -> dict:
    """One issue; ``naming`` draws how sources name their units (apart from
    ``rng``, so that the text stays the same whatever the sources say)."""
    naming = naming or random.Random(number)
    sections = []
    for column in rng.sample(COLUMNS, rng.randint(2, 4)):
        articles = []
        for _ in range(rng.randint(1, 3)):
            article = {"title": words.sentence(10, 26).rstrip("。"),
                       "body": "\n\n".join(words.paragraph() for _ in range(rng.randint(2, 5)))}
            if rng.random() < 0.6:
                article["source"] = source(naming, units, rng.choice(units))
            if rng.random() < 0.05:
                article["note"] = words.sentence(30, 60)
            articles.append(article)
        sections.append({"column": column, "articles": articles})
    return {"year": year, "number": number, "total": total, "date": date, "sections": sections}


def write_archive(folder: Path, count: int) -> list[Path]:
    rng = random.Random(20240101)
    words = Words(rng)
    units = ["北京制冷学会", "昌平区科协", "东城区科协", "海淀区科协", "北京科技馆", "北京科学中心"] + [
        words.sentence(4, 8).rstrip("。") + "学会" for _ in range(34)]
    # A unit's name holds no punctuation (、 would part it), and names differ.
    units = list(dict.fromkeys("".join(c for c in unit if c not in PUNCTUATION) for unit in units))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    (folder / "units.yaml").write_text(units_yaml(units), encoding="utf-8")
    naming = random.Random(20)
    paths = []
    years = -(-count // 50)
    for i in range(count):
        year, number = 2025 - years + i // 50, i % 50 + 1
        date = datetime.date(year, 1, 2) + datetime.timedelta(weeks=number - 1)
        paths.append(_write(folder, issue(words, rng, units, year, number, 100 + i, date,
                                          naming)))
    return paths


class _IssueDumper(yaml.SafeDumper):
    """Bodies as block scalars (``body: |``), the way issue files are written by hand."""


_IssueDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _write(folder: Path, data: dict) -> Path:
    path = folder / str(data["year"]) / f"{data['year']}-{data['number']:02d}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_IssueDumper, allow_unicode=True, sort_keys=False,
                     width=10**6)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def run(*args, env=None) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run([str(EXE), *map(str, args)], capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    return time.perf_counter() - started, result


def site_build(issues: Path, out: Path, env: dict) -> tuple[float, str]:
    seconds, result = run("site", issues, "--out-dir", out, env=env)
    if result.returncode != 0:
        sys.exit(f"weekly-pdf site failed:\n{result.stdout}\n{result.stderr}")
    line = result.stdout.splitlines()[0]
    return seconds, line[line.index("写入"):line.index("（用时")]


def weight(site: Path) -> dict[str, int]:
    parts = {"issue pages": 0, "search data": 0, "year, unit and index pages": 0, "assets": 0}
    for path in site.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = path.relative_to(site).as_posix()
        size = path.stat().st_size
        if relative.startswith("data/"):
            parts["search data"] += size
        elif relative.startswith("assets/"):
            parts["assets"] += size
        elif relative.endswith("index.html") or relative.startswith("units/"):
            parts["year, unit and index pages"] += size
        else:
            parts["issue pages"] += size
    return parts


def text_bytes(issues: Path, out: Path) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from weekly_pdf.archive.texts import read_texts
    from weekly_pdf.project import Project
    texts = read_texts(Project(ROOT), issues, out)
    return sum(a.text_bytes() for item in texts.issues for a in item.text.articles)


def browser_search(site: Path, rounds: int) -> tuple[float, list[tuple[str, int, float, float]]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    profile = Path(tempfile.mkdtemp(prefix="weekly-pdf-bench-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic",
                 f"--user-data-dir={profile}", "--window-size=1200,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_script_timeout(120)
    try:
        driver.get((site / "index.html").as_uri())
        ready = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "WeeklySite.ready().then(function () { done(performance.now()); });")
        rows = []
        for query, filters in QUERIES:
            shown, every = [], []
            for _ in range(rounds):
                shown.append(driver.execute_script(
                    "var query = arguments[0], filters = arguments[1];"
                    "document.getElementById('q').value = query;"
                    "['year', 'column', 'unit'].forEach(function (k) {"
                    "  document.getElementById(k).value = filters[k] || ''; });"
                    "document.getElementById('search-form')"
                    "  .dispatchEvent(new Event('submit', {cancelable: true}));"
                    "return WeeklySite.timing;", query, filters))
                every.append(driver.execute_async_script(
                    "var done = arguments[arguments.length - 1], t = performance.now();"
                    "WeeklySite.search(arguments[0], arguments[1]).then(function (h) {"
                    "  done([performance.now() - t, h.length]); });", query, filters))
            label = query + "".join(f" --{k} {v}" for k, v in filters.items())
            rows.append((label, shown[0]["hits"], statistics.median(s["total"] for s in shown),
                         statistics.median(e[0] for e in every)))
        return ready, rows
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--folder", type=Path, default=ROOT / ".cache" / "bench-site")
    parser.add_argument("--no-pdfs", action="store_true", help="a site without PDFs")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each search")
    args = parser.parse_args()
    issues, out = args.folder / "issues", args.folder / "out"
    for stale in sorted(issues.glob("*/*.yaml"))[args.issues:]:
        stale.unlink()
    paths = write_archive(issues, args.issues)
    if not args.no_pdfs:
        print(f"building the PDFs of {len(paths)} issues (untimed) ...", file=sys.stderr)
        seconds, result = run("build-all", issues, "-o", out, "-j", args.jobs)
        if result.returncode != 0:
            sys.exit(result.stderr)
        print(f"  {seconds:.0f} s", file=sys.stderr)
    sample = paths[len(paths) // 2].read_text(encoding="utf-8")
    seed = (ROOT / "tests" / "data" / "seed-2023-20.txt").read_bytes()
    cache = Path(tempfile.mkdtemp(prefix="weekly-pdf-bench-cache-"))
    env = {"WEEKLY_PDF_CACHE": str(cache)}
    shutil.rmtree(out / "site", ignore_errors=True)
    rows = []
    seconds, written = site_build(issues, out, env)
    rows.append(("cold (no site, empty text cache)", seconds, written))
    seconds, written = site_build(issues, out, env)
    rows.append(("nothing changed", seconds, written))
    # One new issue, a week after the last one.
    last = yaml.safe_load(paths[-1].read_text(encoding="utf-8"))
    rng = random.Random(1)
    new = issue(Words(random.Random(20240101)), rng, ["北京制冷学会", "昌平区科协"],
                last["year"], last["number"] + 1, last["total"] + 1,
                last["date"] + datetime.timedelta(weeks=1))
    new_path = _write(issues, new)
    if not args.no_pdfs:
        run("build-all", issues, "-o", out, "-j", args.jobs)
    seconds, written = site_build(issues, out, env)
    rows.append(("after one new issue", seconds, written))
    new_path.unlink()
    (out / new_path.relative_to(issues)).with_suffix(".pdf").unlink(missing_ok=True)
    site_build(issues, out, env)   # back to the archive of --issues issues

    parts = weight(out / "site")
    text = text_bytes(issues, out)
    print(f"## Archive site, {len(paths)} generated issues, {'with' if not args.no_pdfs else 'without'} PDFs")
    print()
    compressed = len(zlib.compress(sample.encode("utf-8"), 9)) / len(sample.encode("utf-8"))
    print(f"text compressibility (zlib -9, one issue file): generated {compressed:.3f}, "
          f"the seed's text {len(zlib.compress(seed, 9)) / len(seed):.3f}")
    print()
    print("| site build (`weekly-pdf site`, whole process) | seconds | files |")
    print("|---|---|---|")
    for label, seconds, written in rows:
        print(f"| {label} | {seconds:.2f} | {written} |")
    print()
    total = sum(parts.values())
    print("| weight | bytes | × text |")
    print("|---|---|---|")
    print(f"| text (article columns, titles, notes, bodies, units; UTF-8) | {text:,} | 1.00 |")
    for label, size in parts.items():
        print(f"| {label} | {size:,} | {size / text:.2f} |")
    print(f"| **site** | {total:,} | **{total / text:.2f}** |")
    print()
    ready, searches = browser_search(out / "site", args.rounds)
    print(f"Chromium: search data ready {ready:.0f} ms after opening index.html")
    print()
    print("| query | hits | form submitted → first 50 hits shown (median ms) | every hit with its snippet (median ms) |")
    print("|---|---|---|---|")
    for label, hits, shown, every in searches:
        print(f"| {label} | {hits} | {shown:.1f} | {every:.1f} |")
    print()
    print("| `weekly-pdf search` (whole process, warm cache) | seconds |")
    print("|---|---|")
    for query in ("科协", "科协 学会 创新", "不存在的词语组合"):
        seconds, result = run("search", *query.split(), "--issues-dir", issues, env=env)
        print(f"| {query} ({len(result.stdout.splitlines())} hits) | {seconds:.2f} |")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
