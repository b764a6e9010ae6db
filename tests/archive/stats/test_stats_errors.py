"""What ``stats`` says when it cannot count: an empty period, a unit the list
does not hold under --strict, a bad scoring file or unit list, a bad issue
file, a period it cannot read; and that nothing is written then."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli
from tests.archive.stats.statsgen import SCORING_EACH, UNITS_YAML, known_archive


@pytest.fixture
def archive(tmp_path):
    return known_archive(tmp_path)


def _stats(issues, *args):
    return run_cli("stats", *args, "--issues", issues, cwd=issues.parent)


def _nothing_written(issues):
    out = issues.parent / "out" / "stats"
    assert not out.exists() or not any(out.iterdir())


def test_an_empty_period_is_named_with_the_years_the_archive_holds(archive):
    result = _stats(archive, "2022")
    assert result.returncode == 1
    assert result.stderr == ("错误：2022年度（2022年1月1日至12月31日）没有期刊：issues 里的期刊是 "
                             "2023 年的，这段时间里没有出刊的一期；请检查统计期，或用 --issues 指定期刊文件夹\n")
    _nothing_written(archive)


def test_a_period_whose_issues_name_no_unit_says_so(archive, tmp_path):
    issue = archive / "2023" / "2023-40.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("source: 西城区科协\n", ""),
                     encoding="utf-8")
    result = _stats(archive, "2023-10")
    assert result.returncode == 1
    assert "2023年10月（2023年10月1日至10月31日）的 1 期里没有一篇文章写了供稿单位（source）" \
        in result.stderr
    _nothing_written(archive)


def test_an_unknown_unit_under_strict_is_an_error_naming_file_line_and_the_nearest_name(archive):
    issue = archive / "2023" / "2023-31.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("source: 西城区科协",
                                                               "source: 北京市西城区科协会"),
                     encoding="utf-8")
    line = next(n for n, text in enumerate(issue.read_text(encoding="utf-8").splitlines(), 1)
                if "北京市西城区科协会" in text)
    result = _stats(archive, "2023-Q3", "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"错误：文件 issues/2023/2023-31.yaml，第 {line} 行第 13 列，字段 sections[0].articles[2]"
        f".source：供稿单位“北京市西城区科协会”不在单位名录 issues/units.yaml 里，是不是 西城区科协？"
        f"请改用规范名称，或者把它作为新单位（或某个单位的别名）加进名录")
    _nothing_written(archive)
    # Without --strict it is a warning, and the name counts as written, unlisted.
    result = _stats(archive, "2023-Q3", "--formats", "none")
    assert result.returncode == 0
    assert result.stderr.startswith(f"警告：文件 issues/2023/2023-31.yaml，第 {line} 行第 13 列")
    assert any(line.split()[1:3] == ["北京市西城区科协会", "未列入名录"]
               for line in result.stdout.splitlines() if line.split())


@pytest.mark.parametrize("change, message", [
    (('joint = "各计全分"', 'joint = "平均"'),
     "文件 issues/scoring.toml，第 2 行第 9 列，字段 joint：联合供稿的计分方法应当是 各计全分、平分 之一，"
     "这里是文字“平均”，是不是想写 平分？"),
    (("default = 5", "default = 五"),
     "文件 issues/scoring.toml，第 5 行第 11 列：TOML 写法有误：值的写法不对；文字要写在英文双引号里："
     "default = \"五\""),
    (('"市级" = 20', '"市" = 20'),
     "文件 issues/scoring.toml，第 20 行第 1 列，字段 instructions.points.市：不认识的字段 市，"
     "是不是想写 市级？各级领导批示的加分可以有的字段：区级、市级、省级、国家级"),
    (("points = 30", "points = -30"),
     "文件 issues/scoring.toml，第 9 行第 10 列，字段 points.rules[0].points：这条规则的分数应当在 "
     "0 到 10000 分之间，这里是 -30"),
    (('columns = ["要情专报"]\n', ''),
     "文件 issues/scoring.toml，第 8 行第 10 列，字段 points.rules[0].points：规则要写 columns（栏目）"
     "或 kinds（正刊、增刊），或两者都写；对所有文章都适用的分数请写成 [points] 下的 default"),
])
def test_a_bad_scoring_file_is_named_with_line_and_column(archive, change, message):
    old, new = change
    assert old in SCORING_EACH
    (archive / "scoring.toml").write_text(SCORING_EACH.replace(old, new, 1), encoding="utf-8")
    result = _stats(archive, "2023-Q3")
    assert result.returncode == 1
    assert result.stderr == f"错误：{message}\n"
    _nothing_written(archive)


@pytest.mark.parametrize("change, message", [
    (("    category: 学会\n    aliases: [北京市制冷学会]", "    category: 学术团体\n    aliases: [北京市制冷学会]"),
     "文件 issues/units.yaml，第 12 行第 15 列，字段 units[3].category：类别“学术团体”不在 categories 里；"
     "可用的类别：区科协、学会、机关部门（新的类别请先加进 categories）"),
    (("aliases: [北京市制冷学会]", "aliases: [北京市制冷学会, 东城区科协]"),
     "文件 issues/units.yaml，第 13 行第 24 列，字段 units[3].aliases[1]：“东城区科协”已经是单位“东城区科协”"
     "的名称或别名（第 3 行），一个名称只能指一个单位"),
    (("  - name: 北京力学会", "  - name: 北京力学会、北京电子学会"),
     "文件 issues/units.yaml，第 14 行第 11 列，字段 units[4].name：名称“北京力学会、北京电子学会”里有“、”："
     "联合供稿时用它分隔几个单位，单位名称里不能有它"),
    (("  - name: 西城区科协\n", "  - nmae: 西城区科协\n"),
     "文件 issues/units.yaml，第 6 行第 5 列，字段 units[1].nmae：不认识的字段 nmae，是不是想写 name？"
     "单位可以有的字段：name、category、aliases"),
])
def test_a_bad_unit_list_is_named_with_line_and_column(archive, change, message):
    old, new = change
    assert old in UNITS_YAML
    (archive / "units.yaml").write_text(UNITS_YAML.replace(old, new, 1), encoding="utf-8")
    result = _stats(archive, "2023-Q3")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"错误：{message}"
    _nothing_written(archive)


def test_a_bad_issue_file_stops_the_count_and_is_named(archive):
    issue = archive / "2023" / "2023-31.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("date: 2023-08-04", "date: 2023-08-32"),
                     encoding="utf-8")
    result = _stats(archive, "2023-Q3")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("错误：文件 issues/2023/2023-31.yaml，第 4 行第 7 列，字段 date：日期 2023-08-32 不存在")
    assert lines[-1] == "统计要用到这些期刊文件；请先改正上面的错误（weekly-pdf check issues/ 可以检查整个档案）。"


def test_an_instruction_of_an_unknown_level_is_refused_like_any_field(archive):
    issue = archive / "2023" / "2023-27.yaml"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("level: 市级", "level: 副市级", 1), encoding="utf-8")
    result = run_cli("check", issue, cwd=archive.parent)
    assert result.returncode == 1
    assert "字段 sections[0].articles[1].instructions[0].level：批示级别应当是 区级、市级、省级、国家级 之一，" \
           "这里是文字“副市级”，是不是想写 市级？" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("2023-Q5",), "统计期“2023-Q5”的写法不对；可以写 2023（全年）、2023-H1（上半年）、2023-Q3（第三季度）、"
                   "2023-07（7月），或用 --from/--to 给出起止日期"),
    (("2023-13",), "统计期“2023-13”的月份 13 不在 1 到 12 之间"),
    (("--from", "2023-09-01", "--to", "2023-08-01"),
     "--to 2023-08-01 早于 --from 2023-09-01；结束日期不能早于开始日期"),
    (("2023", "--from", "2023-09-01", "--to", "2023-10-01"),
     "统计期只能用一种写法：PERIOD（如 2023-Q3），或 --from 和 --to"),
    ((), "请写出统计期，例如 weekly-pdf stats 2023-Q3，或 weekly-pdf stats --from 2023-07-01 --to 2023-09-30"),
])
def test_a_period_that_cannot_be_read_is_a_usage_error(archive, args, message):
    result = _stats(archive, *args)
    assert result.returncode == 2
    assert result.stderr == f"错误：{message}\n"
