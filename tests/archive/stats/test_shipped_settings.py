"""The shipped unit list and both shipped scoring schemes are read as the docs
describe them, and the editors' schemas accept them."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction

import jsonschema
import yaml

from tests.helpers import ROOT, run_cli


def _schema(name):
    return jsonschema.Draft202012Validator(
        json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")))


def test_scheme_one_scores_by_where_an_item_was_used():
    from weekly_pdf.source.scoring import EACH, HIGHEST, read_scoring
    scoring = read_scoring(ROOT / "issues" / "scoring.toml")
    assert scoring.points_for("工作动态", "正刊") == 5
    assert scoring.points_for("工作动态", "增刊") == 10
    assert scoring.points_for("要情专报", "增刊") == 30
    assert (scoring.joint, scoring.count) == (EACH, HIGHEST)
    assert scoring.bonus_for(["区级", "市级"]) == 20
    assert scoring.bonus_for(["省级"]) == 40 and scoring.bonus_for(["国家级"]) == 0


def test_scheme_two_scores_by_column_and_shares_joint_articles():
    from weekly_pdf.source.scoring import EVERY, SHARED, read_scoring
    scoring = read_scoring(ROOT / "docs" / "stats" / "scoring-by-column.toml")
    assert [scoring.points_for(c, "正刊") for c in ("主题教育", "科普工作", "学会动态", "其他")] == \
        [8, 6, 4, 3]
    assert (scoring.joint, scoring.count) == (SHARED, EVERY)
    assert scoring.bonus_for(["区级", "市级"]) == Fraction(15)
    # The same scheme is written out, commented, in issues/scoring.toml.
    shipped = (ROOT / "issues" / "scoring.toml").read_text(encoding="utf-8")
    commented = [line[2:] for line in shipped.split("# 方案二", 1)[1].splitlines()[2:]
                 if line.startswith("# ")]
    assert tomllib.loads("\n".join(commented)) == tomllib.loads(
        (ROOT / "docs" / "stats" / "scoring-by-column.toml").read_text(encoding="utf-8"))


def test_the_editor_schemas_accept_the_shipped_files():
    assert list(_schema("units.schema.json").iter_errors(
        yaml.safe_load((ROOT / "issues" / "units.yaml").read_text(encoding="utf-8")))) == []
    for path in (ROOT / "issues" / "scoring.toml", ROOT / "docs" / "stats" / "scoring-by-column.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert list(_schema("scoring.schema.json").iter_errors(data)) == [], path
    bad = {"points": {"default": 5, "rules": [{"columns": ["x"], "points": -1}]}, "joint": "x"}
    assert len(list(_schema("scoring.schema.json").iter_errors(bad))) == 2


def test_the_seed_project_is_counted_with_the_shipped_files():
    result = run_cli("stats", "2023-07", "--formats", "none")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "关于2023年7月信息报送采用情况的通报（2023年7月1日至7月31日）"
    rows = [line.split() for line in lines[4:7]]
    # 北京制冷学会, 昌平区科协, 东城区科协: 5 points each, tied, in units.yaml's order.
    assert rows == [["1", "东城区科协", "区科协", "1", "5", "0", "5"],
                    ["1", "昌平区科协", "区科协", "1", "5", "0", "5"],
                    ["1", "北京制冷学会", "学会", "1", "5", "0", "5"]]
