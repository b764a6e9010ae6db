"""The site and the search count units as the statistics do: each article's
source split into its units, each named as units.yaml names it (an alias is its
unit), joint articles under each of their units; the issue pages still print
the source as written, each unit in it linked to its page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.archive.site.sitegen import (UNIT_ARTICLES, UNIT_ARTICLES_AS_WRITTEN, UNIT_INDEX,
                                        UNITS_YAML, write_units_archive)
from tests.archive.site.sitepages import page, target, text
from tests.archive.stats.statsgen import random_archive
from tests.helpers import ROOT, run_cli
from weekly_pdf.archive.search import search
from weekly_pdf.archive.site import build_site
from weekly_pdf.archive.texts import read_texts
from weekly_pdf.project import Project


def build(issues: Path):
    return build_site(Project(ROOT), issues, issues.parent / "out", issues.parent / "out" / "site")


@pytest.fixture
def units_site(tmp_path) -> tuple[Path, Path]:
    issues = tmp_path / "issues"
    write_units_archive(issues)
    result = build(issues)
    assert result.failures == [] and result.issues == 3
    return issues, result.site_dir


def unit_index(site: Path) -> dict[str, Path]:
    """Unit → its page, as the units index links them."""
    index = site / "units" / "index.html"
    return {a.text_content(): target(index, a.get("href"))[0]
            for a in page(index).xpath("//ul[@class='list']/li/a")}


def listed_articles(unit_page: Path) -> set[tuple[str, int]]:
    """(issue, article no) of every article a unit page lists, read from the
    issue page each entry leads to."""
    found = set()
    for link in page(unit_page).xpath("//ol[@class='list']/li/a/@href"):
        issue_page, anchor = target(unit_page, link)
        issue = page(issue_page).xpath("string(//title)").split(" · ")[0]
        found.add((issue, int(anchor.removeprefix("a"))))
    return found


def test_each_unit_has_a_page_listing_every_article_that_names_it(units_site):
    _, site = units_site
    pages = unit_index(site)
    assert set(pages) == set(UNIT_ARTICLES)
    for unit, expected in UNIT_ARTICLES.items():
        root = page(pages[unit])
        assert root.xpath("string(//h1)") == f"{unit}（{len(expected)} 篇）"
        assert listed_articles(pages[unit]) == expected, unit
    # An alias and a joint source are said as written beside the article.
    shown = [text(li) for li in page(pages["北京制冷学会"]).xpath("//ol[@class='list']/li")]
    assert shown == ["昌平区科协与制冷学会合办讲座 2024年第1期 · 2024年1月5日 · 【工作动态】"
                     " · 供稿：昌平区科协，北京市制冷学会",
                     "制冷学会开展培训 2023年第11期 · 2023年3月17日 · 【工作动态】 · 供稿：北京市制冷学会",
                     "制冷学会举办年会 2023年第10期 · 2023年3月10日 · 【工作动态】"]
    assert page(pages["北京制冷学会"]).xpath("string(//p[@class='facts'])") == \
        "类别：学会　又写作：北京市制冷学会"
    assert page(pages["北京某研究所"]).xpath("string(//p[@class='facts'])") == "类别：未列入名录"


def test_the_units_index_groups_the_units_by_category_with_counts(units_site):
    _, site = units_site
    root = page(site / "units" / "index.html")
    assert root.xpath("string(//h1)") == "供稿单位（共 5 个）"
    groups = []
    for heading in root.xpath("//main/h2"):
        category, counts = heading.text, heading.xpath("string(small)")
        names = [a.text_content() for a in heading.xpath("following-sibling::ul[1]/li/a")]
        groups.append((category.strip(), counts, names))
    assert groups == [(category, f"{units} 个单位，{articles} 篇", names)
                      for category, units, articles, names in UNIT_INDEX]
    counts = [li.xpath("string(small)") for li in root.xpath("//ul[@class='list']/li")]
    assert counts[:2] == ["3 篇，最近一篇 2024年1月5日", "2 篇，最近一篇 2024年1月5日"]
    assert [a.text_content() for a in root.xpath("//p[@class='cats']/a")] == \
        [category for category, *_ in UNIT_INDEX]


def test_the_unit_filter_of_the_page_offers_the_units_by_category(units_site):
    _, site = units_site
    select = page(site / "index.html").get_element_by_id("unit")
    assert [(group.get("label"), [o.get("value") for o in group.xpath("option")])
            for group in select.xpath("optgroup")] == \
        [(category, names) for category, _, _, names in UNIT_INDEX]
    assert select.xpath("option/@value") == [""]
    assert "5 个单位" in text(page(site / "index.html"))


def test_an_issue_page_prints_the_source_as_written_and_links_each_unit_in_it(units_site):
    _, site = units_site
    pages = unit_index(site)
    issue_page = site / "2024" / "2024-01.html"
    root = page(issue_page)

    def source(no: int) -> tuple[str, list[tuple[str, Path]]]:
        element = root.get_element_by_id(f"a{no}").find_class("src")[0]
        return text(element), [(a.text_content(), target(issue_page, a.get("href"))[0])
                               for a in element.xpath("a")]

    assert source(1) == ("（昌平区科协，北京市制冷学会）",
                         [("昌平区科协", pages["昌平区科协"]), ("北京市制冷学会", pages["北京制冷学会"])])
    assert source(2) == ("（北京某研究所）", [("北京某研究所", pages["北京某研究所"])])
    assert source(3) == ("（海淀区科协 昌平区科协）",
                         [("海淀区科协", pages["海淀区科协"]), ("昌平区科协", pages["昌平区科协"])])
    assert source(4) == ("（（请填写供稿单位））", [])   # the placeholder of `new`: no unit
    alias = page(site / "2023" / "2023-10.html").get_element_by_id("a2").xpath("p[@class='src']/a")
    assert [(a.text_content(), target(site / "2023" / "2023-10.html", a.get("href"))[0])
            for a in alias] == [("海淀区科学技术协会", pages["海淀区科协"])]


def test_without_a_unit_list_the_names_are_split_and_kept_as_written(tmp_path):
    issues = tmp_path / "issues"
    write_units_archive(issues, units=None)
    site = build(issues).site_dir
    pages = unit_index(site)
    assert set(pages) == set(UNIT_ARTICLES_AS_WRITTEN)
    for unit, expected in UNIT_ARTICLES_AS_WRITTEN.items():
        assert listed_articles(pages[unit]) == expected, unit
    root = page(site / "units" / "index.html")
    assert root.xpath("//main/h2") == [] and root.find_class("cats") == []
    assert page(pages["北京制冷学会"]).find_class("facts") == []
    select = page(site / "index.html").get_element_by_id("unit")
    assert select.xpath("optgroup") == []
    assert set(select.xpath("option/@value")) == {""} | set(UNIT_ARTICLES_AS_WRITTEN)


def test_the_unit_filter_finds_an_article_under_each_of_its_units(tmp_path):
    issues = tmp_path / "issues"
    write_units_archive(issues)
    texts = read_texts(Project(ROOT), issues, tmp_path / "out")
    entries = texts.entries()
    for unit, expected in UNIT_ARTICLES.items():
        assert {(hit.entry.issue, hit.entry.no) for hit in search(entries, [], unit=unit)} == \
            expected, unit
    assert search(entries, [], unit="北京市制冷学会") == []   # an alias is no unit of its own
    assert search(entries, [], unit="海淀区科协、中关村科学城管委会") == []


def _terminal(issues: Path, *args: str) -> list[tuple[str, str]]:
    result = run_cli("search", *args, "--issues-dir", issues)
    assert result.returncode == 0, result.stderr
    return [tuple(line.split("\t")[:2]) for line in result.stdout.splitlines()]


def test_the_terminal_unit_filter_takes_a_unit_by_its_name_or_an_alias(tmp_path):
    issues = tmp_path / "issues"
    write_units_archive(issues)
    expected = [("2024年第1期", "昌平区科协与制冷学会合办讲座"), ("2023年第11期", "制冷学会开展培训"),
                ("2023年第10期", "制冷学会举办年会")]
    assert _terminal(issues, "。", "--unit", "北京制冷学会") == expected
    assert _terminal(issues, "。", "--unit", "北京市制冷学会") == expected
    assert _terminal(issues, "。", "--unit", "中关村科学城管委会") == [
        ("2023年第11期", "海淀与中关村联合推进科技服务")]
    result = run_cli("search", "。", "--unit", "朝阳区科协", "--issues-dir", issues)
    assert result.returncode == 1
    assert result.stderr == ("没有供稿单位为“朝阳区科协”的文章。现有的供稿单位：中关村科学城管委会、"
                             "北京制冷学会、北京某研究所、昌平区科协、海淀区科协\n")


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")}


def test_an_edited_unit_list_rewrites_exactly_the_pages_it_changes(tmp_path):
    issues = tmp_path / "issues"
    write_units_archive(issues, units=UNITS_YAML.replace("    aliases: [北京市制冷学会]\n", ""))
    first = build(issues)
    site = first.site_dir
    before = unit_index(site)
    assert len(listed_articles(before["北京市制冷学会"])) == 2   # unknown: a unit of its own
    old_page = before["北京市制冷学会"].relative_to(site.resolve()).as_posix()
    stamped = stamps(site)

    # The alias is added: 北京市制冷学会's articles move to 北京制冷学会.
    (issues / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    second = build(issues)
    refrigeration = before["北京制冷学会"].relative_to(site.resolve()).as_posix()
    assert set(second.written) == {
        "2023/2023-11.html", "2024/2024-01.html",   # their links lead to the other page
        refrigeration, "units/index.html",          # its articles; the index's counts
        "index.html",                               # the unit filter's list, the count of units
        "data/2023.js", "data/2024.js"}             # the articles' units for the search
    assert second.removed == [old_page]
    assert listed_articles(site / refrigeration) == UNIT_ARTICLES["北京制冷学会"]
    after = stamps(site)
    assert all(after[name] == stamped[name] for name in after
               if name not in second.written)

    # Only a category changes: the index, the filter's groups and the unit's page.
    (issues / "units.yaml").write_text(
        UNITS_YAML.replace("  - name: 中关村科学城管委会\n    category: 机关部门",
                           "  - name: 中关村科学城管委会\n    category: 学会"), encoding="utf-8")
    third = build(issues)
    assert set(third.written) == {"units/index.html", "index.html",
                                  before["中关村科学城管委会"].relative_to(site.resolve()).as_posix()}
    assert third.removed == []
    assert build(issues).written == []


def test_a_unit_list_with_an_error_is_named_and_the_site_is_left_as_it_was(tmp_path):
    issues = tmp_path / "issues"
    write_units_archive(issues)
    site = build(issues).site_dir
    stamped = stamps(site)
    (issues / "units.yaml").write_text(UNITS_YAML.replace("category: 机关部门", "category: 机关"),
                                       encoding="utf-8")
    result = run_cli("site", issues, cwd=tmp_path)
    message = ("错误：文件 issues/units.yaml，第 15 行第 15 列，字段 units[4].category：类别“机关”"
               "不在 categories 里，是不是想写 机关部门？可用的类别：区科协、学会、机关部门"
               "（新的类别请先加进 categories）\n"
               "单位名录 issues/units.yaml 有错，请先改正（网站和搜索按它归并供稿单位；写法见 docs/stats.md）\n")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message)
    assert stamps(site) == stamped
    searched = run_cli("search", "。", "--issues-dir", "issues", cwd=tmp_path)
    assert (searched.returncode, searched.stdout, searched.stderr) == (1, "", message)


def test_the_site_counts_each_unit_as_the_statistics_do(tmp_path):
    """A generated year of aliases and joint sources: each unit's articles and
    category on the site are the 采用篇数 and 类别 of ``weekly-pdf stats``."""
    issues, _ = random_archive(tmp_path, 30, seed=19)
    result = run_cli("stats", "2023", "--formats", "csv", "--issues", issues)
    assert result.returncode == 0, result.stderr
    with open(issues.parent / "out" / "stats" / "2023-按单位.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    stats = {row[header.index("单位")]: (row[header.index("类别")], int(row[header.index("采用篇数")]))
             for row in rows[1:] if row[header.index("单位")] != "合计"}
    site = build(issues).site_dir
    root = page(site / "units" / "index.html")
    shown = {}
    for heading in root.xpath("//main/h2"):
        for li in heading.xpath("following-sibling::ul[1]/li"):
            shown[li.xpath("string(a)")] = (heading.text.strip(),
                                            int(li.xpath("string(small)").split(" 篇")[0]))
    assert shown == stats and len(shown) == 6
