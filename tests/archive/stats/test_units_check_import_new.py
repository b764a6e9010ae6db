"""The unit list outside ``stats``: ``check`` warns about a source it does not
hold and suggests the nearest name (an error with --strict); ``import`` and
``new`` write canonical names; build-all and check leave units.yaml alone."""

from __future__ import annotations

from tests.helpers import ROOT, SEED_ISSUE, SEED_TEXT, run_cli
from tests.archive.stats.statsgen import new_issues_dir

REAL_UNITS = (ROOT / "issues" / "units.yaml").read_text(encoding="utf-8")


def _seed_with(issues, old, new):
    text = SEED_ISSUE.read_text(encoding="utf-8")
    assert old in text
    path = issues / "2023" / "2023-20.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                      if new in line)


def test_check_warns_of_a_unit_not_in_the_list_and_suggests_the_nearest(tmp_path):
    issues = new_issues_dir(tmp_path, units=REAL_UNITS, scoring=None)
    path, line = _seed_with(issues, "source: 北京制冷学会", "source: 北京市冷学会")
    result = run_cli("check", path, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("无误：issues/2023/2023-20.yaml")
    assert result.stderr == (
        f"警告：文件 issues/2023/2023-20.yaml，第 {line} 行第 17 列，字段 sections[3].articles[0].source："
        f"供稿单位“北京市冷学会”不在单位名录 issues/units.yaml 里，是不是 北京制冷学会？请改用规范名称，"
        f"或者把它作为新单位（或某个单位的别名）加进名录\n")
    strict = run_cli("check", "--strict", path, cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr == result.stderr.replace("警告：", "错误：")
    assert "无误" not in strict.stdout


def test_an_alias_and_a_joint_source_of_known_units_pass_quietly(tmp_path):
    issues = new_issues_dir(tmp_path, units=REAL_UNITS, scoring=None)
    path, _ = _seed_with(issues, "source: 北京制冷学会", "source: 北京市制冷学会、海淀区科协")
    result = run_cli("check", "--strict", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_strict_without_a_unit_list_says_what_is_missing(tmp_path):
    issues = new_issues_dir(tmp_path, units=None, scoring=None)
    path, _ = _seed_with(issues, "source: 北京制冷学会", "source: 北京制冷学会")
    result = run_cli("check", "--strict", path, cwd=tmp_path)
    assert result.returncode == 1
    assert "但本期文件旁边和上一级文件夹里都没有 units.yaml" in result.stderr


def test_check_of_a_folder_reads_its_unit_list_and_scoring_rules_not_as_issues(tmp_path):
    issues = new_issues_dir(tmp_path, units=REAL_UNITS)
    _seed_with(issues, "source: 北京制冷学会", "source: 北京制冷学会")
    result = run_cli("check", issues, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "units.yaml" not in result.stdout and "scoring.toml" not in result.stdout
    (issues / "scoring.toml").write_text('joint = "全分"\n[points]\ndefault = 5\n', encoding="utf-8")
    result = run_cli("check", issues, cwd=tmp_path)
    assert result.returncode == 1
    assert "错误：文件 issues/scoring.toml，第 1 行第 9 列，字段 joint：联合供稿的计分方法应当是 各计全分、平分 之一，" \
           "这里是文字“全分”，是不是想写 各计全分？" in result.stderr


def test_import_writes_the_canonical_names_of_aliases(tmp_path):
    issues = new_issues_dir(tmp_path, units=REAL_UNITS, scoring=None)
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert "（北京制冷学会）" in text and "（昌平区科协）" in text
    source = tmp_path / "2023年第20期.txt"
    source.write_text(text.replace("（北京制冷学会）", "（北京市制冷学会）")
                      .replace("（昌平区科协）", "（北京市昌平区科学技术协会）"), encoding="utf-8")
    result = run_cli("import", source, "-o", issues / "2023", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = (issues / "2023" / "2023-20.yaml").read_text(encoding="utf-8")
    assert "source: 北京制冷学会\n" in written and "source: 昌平区科协\n" in written
    assert "北京市制冷学会" not in written


def test_new_lists_the_canonical_names_to_copy(tmp_path):
    issues = new_issues_dir(tmp_path, units=REAL_UNITS, scoring=None)
    _seed_with(issues, "source: 北京制冷学会", "source: 北京制冷学会")
    result = run_cli("new", issues, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (issues / "2023" / "2023-21.yaml").read_text(encoding="utf-8")
    assert "# 供稿单位（source）请照抄单位名录 units.yaml 里的规范名称" in text
    assert "#   学会：北京制冷学会、北京力学会、" in text
    # The new issue, placeholders and all, checks without a unit warning.
    check = run_cli("check", "--strict", issues / "2023" / "2023-21.yaml", cwd=tmp_path)
    assert check.returncode == 0 and "警告" not in check.stderr, check.stderr
