"""Archives made up for the statistics tests, with their tallies known.

:func:`known_archive` is small and written out by hand: every count, score,
rank and tie below was worked out on paper from the rules in docs/stats.md,
not by the code under test. :func:`random_archive` is larger and generated;
its tally is computed by :func:`reference_tally`, a plain restatement of the
rules (a loop per article), independent of weekly_pdf.archive.stats.
"""

from __future__ import annotations

import datetime
import random
import shutil
from fractions import Fraction
from pathlib import Path

import yaml

from tests.helpers import ROOT
from tests.issuegen import paragraph

UNITS_YAML = """\
categories: [区科协, 学会, 机关部门]
units:
  - name: 东城区科协
    category: 区科协
    aliases: [东城区科学技术协会]
  - name: 西城区科协
    category: 区科协
  - name: 海淀区科协
    category: 区科协
    aliases: [北京市海淀区科协]
  - name: 北京制冷学会
    category: 学会
    aliases: [北京市制冷学会]
  - name: 北京力学会
    category: 学会
  - name: 中关村科学城管委会
    category: 机关部门
"""

#: 5 points an article, 30 in 【要情专报】, 10 in a supplement; 区/市/省级 +10/+20/+40,
#: the highest instruction of an article only; joint articles in full for each unit.
SCORING_EACH = """\
name = "按采用位置计分"
joint = "各计全分"

[points]
default = 5

[[points.rules]]
columns = ["要情专报"]
points = 30

[[points.rules]]
kinds = ["增刊"]
points = 10

[instructions]
count = "最高一条"

[instructions.points]
"区级" = 10
"市级" = 20
"省级" = 40

[report]
to = "各区科协，各市级学会，机关各部门："
"""

SCORING_SHARED = SCORING_EACH.replace('joint = "各计全分"', 'joint = "平分"')
SCORING_EVERY = SCORING_EACH.replace('count = "最高一条"', 'count = "每条"')


def _article(rng: random.Random, title: str, source: str | None = None,
             instructions: list[dict] | None = None) -> dict:
    item = {"title": title, "body": paragraph(rng, 2) + "\n"}
    if source:
        item["source"] = source
    if instructions:
        item["instructions"] = instructions
    return item


def _issue(year, number, date, sections, *, total=None, series=None) -> dict:
    data = {"year": year, "number": number}
    if series:
        data["series"] = series
    else:
        data["total"] = total if total is not None else 50 + number
    data["date"] = date
    data["sections"] = [{"column": column, "articles": articles} for column, articles in sections]
    return data


def write(folder: Path, data: dict, name: str | None = None) -> Path:
    stem = name or f"{data['year']}-{data['number']:02d}"
    path = Path(folder) / str(data["year"]) / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def new_issues_dir(tmp: Path, *, units: str | None = UNITS_YAML,
                   scoring: str | None = SCORING_EACH) -> Path:
    issues = Path(tmp) / "issues"
    issues.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
    if units is not None:
        (issues / "units.yaml").write_text(units, encoding="utf-8")
    if scoring is not None:
        (issues / "scoring.toml").write_text(scoring, encoding="utf-8")
    return issues


def known_archive(tmp: Path, scoring: str = SCORING_EACH) -> Path:
    """Six issues around 2023's third quarter (four inside it); see KNOWN_* below."""
    issues = new_issues_dir(tmp, scoring=scoring)
    rng = random.Random(20)
    d = datetime.date
    write(issues, _issue(2023, 26, d(2023, 6, 30), [
        ("工作动态", [_article(rng, "六月底的一篇", "东城区科协")])]))
    write(issues, _issue(2023, 27, d(2023, 7, 7), [
        ("工作动态", [_article(rng, "东城区科协开展科普活动", "东城区科协"),
                      _article(rng, "制冷学会举办学术年会", "北京市制冷学会",
                               [{"level": "市级", "by": "某副市长", "date": "2023-07-20"}])]),
        ("要情专报", [_article(rng, "海淀区与中关村科学城联合推进科技服务",
                               "海淀区科协、中关村科学城管委会",
                               [{"level": "区级", "by": "海淀区区长"},
                                {"level": "市级", "by": "某副市长", "date": "2023-07-21"}])]),
    ]))
    write(issues, _issue(2023, 31, d(2023, 8, 4), [
        ("工作动态", [_article(rng, "海淀区科协召开座谈会", "海淀区科协"),
                      _article(rng, "一篇没有供稿单位的文章"),
                      _article(rng, "西城区科协开展调研", "西城区科协")])]))
    write(issues, _issue(2023, 1, d(2023, 8, 11), [
        ("专题", [_article(rng, "力学会服务重大工程", "北京力学会",
                           [{"level": "省级", "by": "某部长"}]),
                  _article(rng, "东城区科学技术协会专题报告", "东城区科学技术协会")])],
        series="增刊"), name="2023-s01")
    write(issues, _issue(2023, 39, d(2023, 9, 29), [
        ("工作动态", [_article(rng, "东城区科协两个名称同一单位", "东城区科协、东城区科学技术协会"),
                      _article(rng, "西城区科协举办论坛", "西城区科协"),
                      _article(rng, "制冷学会开展培训", "北京制冷学会")])]))
    write(issues, _issue(2023, 40, d(2023, 10, 6), [
        ("工作动态", [_article(rng, "十月的一篇", "西城区科协")])]))
    return issues


F = Fraction
#: The known tally of 2023-Q3 with SCORING_EACH: (rank, unit, category, articles,
#: points, bonus, total), in table order. 北京力学会 and 中关村科学城管委会 tie
#: at 50 and share rank 2, listed in units.yaml's order (力学会 comes first).
KNOWN_EACH = [
    (1, "海淀区科协", "区科协", 2, F(35), F(20), F(55)),
    (2, "北京力学会", "学会", 1, F(10), F(40), F(50)),
    (2, "中关村科学城管委会", "机关部门", 1, F(30), F(20), F(50)),
    (4, "北京制冷学会", "学会", 2, F(10), F(20), F(30)),
    (5, "东城区科协", "区科协", 3, F(20), F(0), F(20)),
    (6, "西城区科协", "区科协", 2, F(10), F(0), F(10)),
]
KNOWN_EACH_TOTAL = (11, F(115), F(100), F(215))
#: With SCORING_SHARED: the joint article's 30 points and 20 bonus are halved.
KNOWN_SHARED = [
    (1, "北京力学会", "学会", 1, F(10), F(40), F(50)),
    (2, "海淀区科协", "区科协", 2, F(20), F(10), F(30)),
    (2, "北京制冷学会", "学会", 2, F(10), F(20), F(30)),
    (4, "中关村科学城管委会", "机关部门", 1, F(15), F(10), F(25)),
    (5, "东城区科协", "区科协", 3, F(20), F(0), F(20)),
    (6, "西城区科协", "区科协", 2, F(10), F(0), F(10)),
]
KNOWN_SHARED_TOTAL = (11, F(85), F(80), F(165))
#: With SCORING_EVERY: the joint article's two instructions both count (10 + 20).
KNOWN_EVERY = [
    (1, "海淀区科协", "区科协", 2, F(35), F(30), F(65)),
    (2, "中关村科学城管委会", "机关部门", 1, F(30), F(30), F(60)),
    (3, "北京力学会", "学会", 1, F(10), F(40), F(50)),
    (4, "北京制冷学会", "学会", 2, F(10), F(20), F(30)),
    (5, "东城区科协", "区科协", 3, F(20), F(0), F(20)),
    (6, "西城区科协", "区科协", 2, F(10), F(0), F(10)),
]
#: By category with SCORING_EACH: (category, units, articles, points, bonus, total).
KNOWN_CATEGORIES = [
    ("区科协", 3, 7, F(65), F(20), F(85)),
    ("学会", 2, 3, F(20), F(60), F(80)),
    ("机关部门", 1, 1, F(30), F(20), F(50)),
]
#: By month with SCORING_EACH: (month, rank, unit, category, articles, points, bonus, total).
KNOWN_MONTHS = [
    ("2023年7月", 1, "海淀区科协", "区科协", 1, F(30), F(20), F(50)),
    ("2023年7月", 1, "中关村科学城管委会", "机关部门", 1, F(30), F(20), F(50)),
    ("2023年7月", 3, "北京制冷学会", "学会", 1, F(5), F(20), F(25)),
    ("2023年7月", 4, "东城区科协", "区科协", 1, F(5), F(0), F(5)),
    ("2023年8月", 1, "北京力学会", "学会", 1, F(10), F(40), F(50)),
    ("2023年8月", 2, "东城区科协", "区科协", 1, F(10), F(0), F(10)),
    ("2023年8月", 3, "西城区科协", "区科协", 1, F(5), F(0), F(5)),
    ("2023年8月", 3, "海淀区科协", "区科协", 1, F(5), F(0), F(5)),
    ("2023年9月", 1, "东城区科协", "区科协", 1, F(5), F(0), F(5)),
    ("2023年9月", 1, "西城区科协", "区科协", 1, F(5), F(0), F(5)),
    ("2023年9月", 1, "北京制冷学会", "学会", 1, F(5), F(0), F(5)),
]


# -- a larger generated archive and the rules restated ---------------------------------

UNIT_NAMES = ["东城区科协", "西城区科协", "海淀区科协", "北京制冷学会", "北京力学会", "中关村科学城管委会"]
ALIASES = {"东城区科学技术协会": "东城区科协", "北京市海淀区科协": "海淀区科协",
           "北京市制冷学会": "北京制冷学会"}
CATEGORY = {"东城区科协": "区科协", "西城区科协": "区科协", "海淀区科协": "区科协",
            "北京制冷学会": "学会", "北京力学会": "学会", "中关村科学城管委会": "机关部门"}
COLUMNS = ["工作动态", "要情专报", "基层动态"]
LEVELS = ["区级", "市级", "省级"]


def random_archive(tmp: Path, count: int, seed: int, scoring: str = SCORING_EACH,
                   year: int = 2023) -> tuple[Path, list[dict]]:
    """``count`` weekly issues of ``year`` (and a supplement every tenth week)
    whose articles name one to three units (by name or alias) and carry
    instructions now and then; returns the folder and the issue data written."""
    issues = new_issues_dir(tmp, scoring=scoring)
    rng = random.Random(seed)
    written = []
    names = UNIT_NAMES + list(ALIASES)
    supplement = 0
    for i in range(count):
        date = datetime.date(year, 1, 6) + datetime.timedelta(weeks=i)
        if date.year != year:
            break
        sections = []
        for column in rng.sample(COLUMNS, rng.randint(1, 3)):
            articles = []
            for a in range(rng.randint(1, 3)):
                source = None
                if rng.random() < 0.85:
                    source = "、".join(rng.sample(names, rng.choice((1, 1, 1, 2, 3))))
                instructions = [{"level": rng.choice(LEVELS), "by": "某领导"}
                                for _ in range(rng.choice((0, 0, 0, 0, 1, 2)))]
                articles.append(_article(rng, f"第{i + 1}周{column}第{a + 1}篇", source,
                                         instructions))
            sections.append((column, articles))
        data = _issue(year, i + 1, date, sections, total=100 + i)
        write(issues, data)
        written.append(data)
        if (i + 1) % 10 == 0:
            supplement += 1
            extra = _issue(year, supplement, date, [("专题", [_article(
                rng, f"增刊第{supplement}期", rng.choice(names),
                [{"level": "市级", "by": "某领导"}])])], series="增刊")
            write(issues, extra, name=f"{year}-s{supplement:02d}")
            written.append(extra)
    return issues, written


def reference_tally(written: list[dict], start: datetime.date, end: datetime.date, *,
                    shared: bool, every: bool) -> list[tuple]:
    """The ranked rows of the issues in [start, end] under SCORING_EACH's
    points and bonuses, restated plainly (the independent oracle)."""
    bonus_of = {"区级": 10, "市级": 20, "省级": 40}
    sums: dict[str, list] = {}
    for data in written:
        if not start <= data["date"] <= end:
            continue
        for section in data["sections"]:
            for article in section["articles"]:
                if not article.get("source"):
                    continue
                units = []
                for name in article["source"].split("、"):
                    unit = ALIASES.get(name, name)
                    if unit not in units:
                        units.append(unit)
                if section["column"] == "要情专报":
                    points = Fraction(30)
                elif data.get("series"):
                    points = Fraction(10)
                else:
                    points = Fraction(5)
                levels = [bonus_of[i["level"]] for i in article.get("instructions", [])]
                bonus = Fraction(sum(levels) if every else max(levels, default=0))
                if shared:
                    points, bonus = points / len(units), bonus / len(units)
                for unit in units:
                    entry = sums.setdefault(unit, [0, Fraction(0), Fraction(0)])
                    entry[0] += 1
                    entry[1] += points
                    entry[2] += bonus
    ordered = sorted(sums, key=lambda u: (-(sums[u][1] + sums[u][2]), UNIT_NAMES.index(u)))
    rows, previous, rank = [], None, 0
    for place, unit in enumerate(ordered, start=1):
        articles, points, bonus = sums[unit]
        if points + bonus != previous:
            rank, previous = place, points + bonus
        rows.append((rank, unit, CATEGORY[unit], articles, points, bonus, points + bonus))
    return rows
