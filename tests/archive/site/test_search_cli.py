"""``weekly-pdf search``: one line per article found, exit 1 when none is."""

from __future__ import annotations

import pytest

from tests.archive.site.sitegen import write_search_archive
from tests.helpers import run_cli
from tests.issuegen import break_issue


@pytest.fixture(scope="module")
def issues(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search-cli") / "issues"
    write_search_archive(folder)
    return folder


def search(issues, *args):
    return run_cli("search", *args, "--issues-dir", issues)


def test_each_article_found_is_one_line_issue_title_snippet_in_the_search_order(issues):
    result = search(issues, "碳中和")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2024年增刊第1期\t关于碳中和路径的调研报告\t调研组走访了12家企业。",
        "2024年第2期\t推进碳中和技术攻关\t会议部署了能源领域重点任务，AI for Science 受到重视。 北京制冷学会",
        "2023年第41期\t绿色发展座谈会召开\t与会专家围绕“碳中和”目标交流研讨……会后形成建议。 东城区科协",
    ]
    assert result.stderr == "找到 3 篇文章（共搜索 5 期、9 篇）。\n"


def test_several_words_and_filters(issues):
    result = search(issues, "科普", "ＡＩ", "--year", "2024")
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [
        ["2024年增刊第1期", "科技志愿服务情况"]]
    result = search(issues, "科普", "--unit", "昌平区科协", "--column", "基层动态")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["2023年第41期"]


def test_nothing_found_exits_1_and_says_so(issues):
    result = search(issues, "量子纠缠")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "没有找到包含“量子纠缠”的文章。\n"


def test_a_filter_that_names_nothing_lists_what_there_is(issues):
    result = search(issues, "科普", "--column", "科普")
    assert result.returncode == 1
    assert result.stderr == ("没有栏目为“科普”的文章。现有的栏目：专题调研、基层动态、学会动态、"
                             "科创工作、科普工作\n")


def test_a_long_body_is_cut_around_the_first_word(tmp_path):
    folder = tmp_path / "issues"
    paths = write_search_archive(folder)
    text = paths[0].read_text(encoding="utf-8").replace(
        "讲解大赛决赛举行", "讲解大赛决赛举行" + "，" + "甲" * 60 + "冬奥" + "乙" * 80)
    paths[0].write_text(text, encoding="utf-8")
    result = search(folder, "冬奥")
    issue, title, snippet = result.stdout.rstrip("\n").split("\t")
    assert snippet == "…" + "甲" * 20 + "冬奥" + "乙" * 58 + "…"


def test_an_issue_file_with_errors_is_named_and_the_rest_is_searched(tmp_path):
    folder = tmp_path / "issues"
    paths = write_search_archive(folder)
    break_issue(paths[0])
    result = search(folder, "碳中和")
    assert result.returncode == 0
    assert "注意：" in result.stderr and "2023-40.yaml 有错误，没有搜索这一期" in result.stderr
    assert len(result.stdout.splitlines()) == 3


def test_words_of_nothing_but_spaces_are_a_usage_error(issues):
    result = search(issues, "\u3000")
    assert result.returncode == 2
    assert result.stderr == "错误：没有要找的词（只写了空格或看不见的字符）\n"
