"""Issue files made up for tests: deterministic, written to the contract.

Helpers here only write YAML text; the code under test reads it back.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import yaml

HAN = ("科协组织开展学习研讨会议围绕创新驱动发展战略推进首都科技工作者服务平台建设"
       "人才培养基础研究青年学会企业调研交流合作机制完善提升能力水平")
COLUMNS = ("主题教育", "科创工作", "科普工作", "基层动态", "学会动态")


def sentence(rng: random.Random, low: int = 12, high: int = 40) -> str:
    n = rng.randint(low, high)
    chars = [rng.choice(HAN) for _ in range(n)]
    for i in range(6, n - 2, rng.randint(7, 13)):
        chars[i] = rng.choice("，、")
    return "".join(chars) + "。"


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


def issue_dict(seed: int, *, year: int = 2023, number: int = 20, total: int | None = None,
               date: datetime.date | None = None, articles: int = 4) -> dict:
    """A plausible issue: columns with articles, some listed in the contents."""
    rng = random.Random(seed)
    sections = []
    for s in range(rng.randint(2, 3)):
        items = []
        for a in range(max(1, articles // 2)):
            item = {"title": sentence(rng, 8, 20).rstrip("。"), "toc": rng.random() < 0.7,
                    "body": "\n\n".join(paragraph(rng, rng.randint(2, 5))
                                        for _ in range(rng.randint(1, 4))) + "\n"}
            if rng.random() < 0.4:
                item["source"] = rng.choice(("北京制冷学会", "昌平区科协", "东城区科协"))
            items.append(item)
        sections.append({"column": COLUMNS[s % len(COLUMNS)], "articles": items})
    return {
        "publication": "科协每周动态", "publisher": "北京市科协办公室",
        "year": year, "number": number, "total": total if total is not None else 53 + number,
        "date": date or datetime.date(year, 1, 6) + datetime.timedelta(weeks=number - 1),
        "sections": sections,
        "footer": {"email": "skxxxbs@bast.net.cn", "editor": "张红波", "reviewer": "李金涛",
                   "distribution": ["市科协第十届委员会主席、副主席、常委、委员", "市科协驻会领导"]},
    }


def write_issue(folder: Path, data: dict) -> Path:
    """Write ``data`` as <folder>/<year>/<year>-<number>.yaml and return the path."""
    path = Path(folder) / str(data["year"]) / f"{data['year']}-{data['number']:02d}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
