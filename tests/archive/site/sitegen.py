"""Archives made up for the site and search tests: issue files only.

``write_search_archive`` writes a small archive whose words are known: which
article holds 碳中和, which title holds 科普, where the full-width digits, the
capital letters, the soft hyphen and the table cells are. The expected results
of the tests are written out by hand from this text, not computed by the code
under test.
"""

from __future__ import annotations

import datetime
import random
import shutil
from pathlib import Path

from tests.helpers import ROOT, SEED_ISSUE
from tests.issuegen import issue_dict, mixed_issue_dict, write_issue

FOOTER = {"editor": "张红波", "reviewer": "李金涛", "distribution": ["市科协驻会领导"]}


def _issue(year: int, number: int, date: datetime.date, sections: list, **extra) -> dict:
    data = {"year": year, "number": number, "date": date, "sections": sections, "footer": FOOTER}
    if extra.get("series"):
        data["series"] = extra.pop("series")
    else:
        data["total"] = extra.pop("total")
    data.update(extra)
    return data


def _article(title: str, *body, source: str | None = None, note: str | None = None) -> dict:
    item: dict = {"title": title, "body": list(body) if len(body) > 1 or not isinstance(
        body[0], str) else body[0]}
    if source:
        item["source"] = source
    if note:
        item["note"] = note
    return item


#: (issue, article no) of every article that holds a word, by word; the issue as
#: the site names it. Written by hand from the text below.
HOLDERS = {
    "碳中和": [("2024年第2期", 1), ("2023年第41期", 2), ("2024年增刊第1期", 1)],
    "科普": [("2023年第40期", 1), ("2024年第1期", 1), ("2024年第2期", 2), ("2024年增刊第1期", 2),
           ("2023年第41期", 1)],
}


def search_issues() -> list[dict]:
    """Five issues over two years, a supplement among them, with the words of HOLDERS."""
    return [
        _issue(2023, 40, datetime.date(2023, 10, 13), total=93, sections=[
            {"column": "科普工作", "articles": [
                _article("科普讲解大赛在京举办", "10月10日，讲解大赛决赛举行，28名选手同台竞技。",
                         source="北京科技馆"),
            ]},
            {"column": "学会动态", "articles": [
                _article("学会召开理事会", "会议审议了年度工作报告。ChatGPT 等新技术受到关注。",
                         source="北京制冷学会"),
            ]},
        ]),
        _issue(2023, 41, datetime.date(2023, 10, 20), total=94, sections=[
            {"column": "基层动态", "articles": [
                _article("区科协开展科\u00ad普进社区活动", "活动覆盖１２个街道，发放资料３００余份。",
                         source="昌平区科协"),
                _article("绿色发展座谈会召开", "与会专家围绕“碳中和”目标交流研讨……会后形成建议。",
                         source="东城区科协"),
            ]},
        ]),
        _issue(2024, 1, datetime.date(2024, 1, 5), total=95, sections=[
            {"column": "科普工作", "articles": [
                _article("青少年科学营开营", "本届科学营以“科普点亮未来”为主题，2024年共有120名学生参加。",
                         {"heading": "一、活动安排"},
                         {"table": [["项目", "人数"], ["量子实验", "40"], ["天文观测", "80"]],
                          "caption": "表1 分组情况"},
                         source="北京科技馆",
                         note="本期刊发科学营开营情况，供参考。"),
            ]},
        ]),
        _issue(2024, 2, datetime.date(2024, 1, 12), total=96, sections=[
            {"column": "科创工作", "articles": [
                _article("推进碳中和技术攻关", "会议部署了能源领域重点任务，AI for Science 受到重视。",
                         source="北京制冷学会"),
                _article("院士专家工作站授牌", "新建工作站５家，涵盖医药、科普和智能制造领域。",
                         source="东城区科协"),
            ]},
        ]),
        _issue(2024, 1, datetime.date(2024, 1, 12), series="增刊", sections=[
            {"column": "专题调研", "articles": [
                _article("关于碳中和路径的调研报告", "调研组走访了12家企业。"),
                _article("科技志愿服务情况", "志愿者开展科普宣讲２００余场，ＡＩ课程受欢迎。",
                         source="昌平区科协"),
            ]},
        ]),
    ]


def write_search_archive(issues_dir: Path) -> list[Path]:
    """The issues of :func:`search_issues` below ``issues_dir`` (with publication.yaml)."""
    issues_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues_dir / "publication.yaml")
    paths = []
    for data in search_issues():
        if data.get("series"):
            path = issues_dir / str(data["year"]) / f"{data['year']}-s{data['number']:02d}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            import yaml
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            paths.append(path)
        else:
            paths.append(write_issue(issues_dir, data))
    return paths


def write_seed(issues_dir: Path) -> Path:
    target = issues_dir / "2023" / "2023-20.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_ISSUE, target)
    return target


#: Text with what folding has to see through, for the terminal-versus-page comparison.
ODD = ("ＡＩ", "ChatGPT", "chatgpt", "２０２３年", "……", "①", "ﬁ", "Ⅻ", "㎡", "科\u200b技",
       "ＳＣＩＥＮＣＥ", "İstanbul", "Straße", "ΣΟΦΊΑ", "𠮷野家")


#: A unit list for the site tests: categories, aliases.
UNITS_YAML = """\
categories: [区科协, 学会, 机关部门]
units:
  - name: 海淀区科协
    category: 区科协
    aliases: [海淀区科学技术协会]
  - name: 昌平区科协
    category: 区科协
  - name: 东城区科协
    category: 区科协
    aliases: [东城区科学技术协会]
  - name: 北京制冷学会
    category: 学会
    aliases: [北京市制冷学会]
  - name: 中关村科学城管委会
    category: 机关部门
"""

#: What the varied archive's articles name: a unit, an alias, joint sources
#: (、 ， and a space between known units), a unit the list does not hold.
VARIED_SOURCES = ("北京制冷学会", "北京市制冷学会", "昌平区科协", "海淀区科学技术协会",
                  "海淀区科协、中关村科学城管委会", "昌平区科协，北京市制冷学会",
                  "东城区科协 海淀区科协", "东城区科学技术协会、东城区科协", "北京某研究所",
                  "北京某研究所、昌平区科协")


def write_varied_archive(issues_dir: Path, count: int = 12, seed: int = 7) -> list[Path]:
    """``count`` generated issues over 2022–2024, the odd text of ODD sprinkled
    in, the sources of VARIED_SOURCES, the unit list UNITS_YAML."""
    issues_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues_dir / "publication.yaml")
    (issues_dir / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        year = 2022 + i * 3 // count
        number = i + 1
        data = (mixed_issue_dict if i % 2 else issue_dict)(seed * 100 + i, number=number)
        data["year"] = year
        data["total"] = 100 + i
        data["date"] = datetime.date(year, 1, 3) + datetime.timedelta(weeks=number)
        for section in data["sections"]:
            for article in section["articles"]:
                if rng.random() < 0.5:
                    cut = rng.randint(0, len(article["body"]) - 1)
                    article["body"] = (article["body"][:cut] + rng.choice(ODD)
                                       + article["body"][cut:])
                if rng.random() < 0.2:
                    article["title"] = article["title"][:6] + rng.choice(ODD) + article["title"][6:]
                if rng.random() < 0.7:
                    article["source"] = rng.choice(VARIED_SOURCES)
        paths.append(write_issue(issues_dir, data))
    return paths


def _units_issue(year: int, number: int, date: datetime.date, articles: list[dict]) -> dict:
    return _issue(year, number, date, total=number + 80,
                  sections=[{"column": "工作动态", "articles": articles}])


def units_issues() -> list[dict]:
    """Three issues whose sources name units by name, by alias, jointly, not
    at all, by a name UNITS_YAML does not hold, and by the placeholder that
    ``weekly-pdf new`` writes; UNIT_ARTICLES says which articles each unit has."""
    return [
        _units_issue(2023, 10, datetime.date(2023, 3, 10), [
            _article("制冷学会举办年会", "年会在京召开。", source="北京制冷学会"),
            _article("海淀区科协开展科普活动", "活动走进校园。", source="海淀区科学技术协会"),
        ]),
        _units_issue(2023, 11, datetime.date(2023, 3, 17), [
            _article("海淀与中关村联合推进科技服务", "双方签署协议。",
                     source="海淀区科协、中关村科学城管委会"),
            _article("制冷学会开展培训", "培训覆盖百余人。", source="北京市制冷学会"),
            _article("一篇没有供稿单位的文章", "正文。"),
        ]),
        _units_issue(2024, 1, datetime.date(2024, 1, 5), [
            _article("昌平区科协与制冷学会合办讲座", "讲座座无虚席。",
                     source="昌平区科协，北京市制冷学会"),
            _article("研究所发布报告", "报告发布。", source="北京某研究所"),
            _article("两区联合开展调研", "调研历时一月。", source="海淀区科协 昌平区科协"),
            _article("待补供稿单位的文章", "正文。", source="（请填写供稿单位）"),
        ]),
    ]


#: Unit → (issue, article no) of every article that names it, with UNITS_YAML.
#: Written by hand from the sources above.
UNIT_ARTICLES = {
    "海淀区科协": {("2023年第10期", 2), ("2023年第11期", 1), ("2024年第1期", 3)},
    "昌平区科协": {("2024年第1期", 1), ("2024年第1期", 3)},
    "北京制冷学会": {("2023年第10期", 1), ("2023年第11期", 2), ("2024年第1期", 1)},
    "中关村科学城管委会": {("2023年第11期", 1)},
    "北京某研究所": {("2024年第1期", 2)},
}
#: The units index with UNITS_YAML: (category, units, articles) and its units in order.
UNIT_INDEX = [
    ("区科协", 2, 5, ["海淀区科协", "昌平区科协"]),
    ("学会", 1, 3, ["北京制冷学会"]),
    ("机关部门", 1, 1, ["中关村科学城管委会"]),
    ("未列入名录", 1, 1, ["北京某研究所"]),
]
#: The same archive without a unit list: the names as written, split.
UNIT_ARTICLES_AS_WRITTEN = {
    "北京制冷学会": {("2023年第10期", 1)},
    "海淀区科学技术协会": {("2023年第10期", 2)},
    "海淀区科协": {("2023年第11期", 1)},
    "中关村科学城管委会": {("2023年第11期", 1)},
    "北京市制冷学会": {("2023年第11期", 2), ("2024年第1期", 1)},
    "昌平区科协": {("2024年第1期", 1)},
    "北京某研究所": {("2024年第1期", 2)},
    "海淀区科协 昌平区科协": {("2024年第1期", 3)},
}


def write_units_archive(issues_dir: Path, units: str | None = UNITS_YAML) -> list[Path]:
    """The issues of :func:`units_issues` below ``issues_dir``, with the unit list ``units``."""
    issues_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues_dir / "publication.yaml")
    if units is not None:
        (issues_dir / "units.yaml").write_text(units, encoding="utf-8")
    return [write_issue(issues_dir, data) for data in units_issues()]
