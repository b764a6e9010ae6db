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


MIXED = (
    "2023年7月7日，北京市科协发布《2023年度首都科技创新报告》，全文见https://www.bast.net.cn/"
    "col/col6003/index.html，咨询邮箱skxxxbs@bast.net.cn，电话010-68512345。",
    "会议指出，要围绕AI for Science、5G+工业互联网和ChatGPT等新技术，推动GDP增长3.5%以上——"
    "这是今年的重点任务之一……各单位要认真落实。",
    "“科学家精神”传播活动（第2期）在京举办，吸引了来自Tsinghua University、Peking University"
    "等高校的1200余名师生参加；活动共设置12个展区、36项互动体验。",
    "据统计，北京地区R&D经费投入强度达6.53%，每万人口高价值发明专利拥有量112件，"
    "技术合同成交额7947.5亿元，同比增长13.5%。",
)


def mixed_issue_dict(seed: int, *, number: int = 30, long_titles: bool = True) -> dict:
    """An issue whose paragraphs mix Han text with digits, Latin words, URLs,
    e-mail addresses, ——, …… and paired marks, with titles of several lines."""
    data = issue_dict(seed, number=number, articles=4)
    rng = random.Random(seed)
    for s, section in enumerate(data["sections"]):
        for a, article in enumerate(section["articles"]):
            paras = [paragraph(rng, rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
            for i in range(len(paras)):
                cut = rng.randint(0, len(paras[i]))
                paras[i] = paras[i][:cut] + rng.choice(MIXED) + paras[i][cut:]
            article["body"] = "\n\n".join(paras) + "\n"
            if long_titles and (s + a) % 2 == 0:
                article["title"] = sentence(rng, 26, 44).rstrip("。")
    return data


#: Phrases that bring punctuation in every combination: quotations, book
#: titles, brackets, pairs of marks (”， 。” 》《 ）、 ，“ …).
MARKED = ("“{w}”", "《{w}》", "（{w}）", "【{w}】", "“{w}”，", "《{w}》、", "（{w}）。", "“{w}。”",
          "《{w}》《{w}》", "，“{w}”", "：“{w}？”", "！（{w}）", "；《{w}》", "“{w}”“{w}”")


def punctuated_paragraph(rng: random.Random, sentences: int = 4) -> str:
    """A paragraph dense with marks, in every position a line may put them."""
    out = []
    for _ in range(sentences):
        chars = []
        while len("".join(chars)) < rng.randint(16, 60):
            if rng.random() < 0.35:
                word = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 7)))
                chars.append(rng.choice(MARKED).format(w=word))
            else:
                chars.append("".join(rng.choice(HAN) for _ in range(rng.randint(1, 6))))
                if rng.random() < 0.3:
                    chars.append(rng.choice("，、；"))
        out.append("".join(chars).rstrip("，、；") + rng.choice("。。。！？"))
    return "".join(out)


def punctuated_issue_dict(seed: int, *, number: int = 40) -> dict:
    """An issue whose paragraphs are dense with punctuation (a held-out text
    for the punctuation rules: nothing here is tuned on it)."""
    data = issue_dict(seed, number=number, articles=4)
    rng = random.Random(seed * 7 + 1)
    for section in data["sections"]:
        for article in section["articles"]:
            article["body"] = "\n\n".join(punctuated_paragraph(rng, rng.randint(3, 6))
                                            for _ in range(rng.randint(2, 4))) + "\n"
    return data


def write_archive(folder: Path, count: int = 30, *, year: int = 2023, first: int = 1,
                  total: int | None = None, articles: int = 4) -> list[Path]:
    """``count`` consecutive issues of one year, a week apart, running totals
    continuing from ``total`` (default 53 + ``first``); returns their paths."""
    start_total = total if total is not None else 53 + first
    start_date = datetime.date(year, 1, 6) + datetime.timedelta(weeks=first - 1)
    paths = []
    for i in range(count):
        number = first + i
        paths.append(write_issue(folder, issue_dict(
            1000 * year + number, year=year, number=number, total=start_total + i,
            date=start_date + datetime.timedelta(weeks=i), articles=articles)))
    return paths


def break_issue(path: Path) -> str:
    """Make ``path`` invalid (a number written in words); return the field broken."""
    text = Path(path).read_text(encoding="utf-8")
    lines = [("number: 二十" if line.startswith("number:") else line) for line in text.splitlines()]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "number"
