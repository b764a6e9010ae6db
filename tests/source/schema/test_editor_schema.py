"""The editors' JSON Schema: derived from the loader's schema, shipped current,
and it agrees with the loader on the seed and on the contract's bad cases."""

from __future__ import annotations

import datetime
import re
import json

import jsonschema
import pytest
import yaml

from tests.helpers import ROOT, SEED_ISSUE, run_cli

SCHEMA_DIR = ROOT / "schema"


def _yaml(text: str):
    """The YAML as an editor's language server sees it: dates are text."""
    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value
    return plain(yaml.safe_load(text))


def _errors(schema_name: str, text: str) -> list[str]:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(_yaml(text))]


def test_the_shipped_schemas_are_the_generated_ones():
    from weekly_pdf.source.schema.editor import rendered
    for name, text in rendered().items():
        shipped = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert shipped == text, f"schema/{name} is stale: python -m weekly_pdf.source.schema.editor"


def test_the_schemas_are_valid_json_schema():
    for name in ("issue.schema.json", "publication.schema.json"):
        jsonschema.Draft202012Validator.check_schema(
            json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def test_the_seed_and_publication_yaml_are_accepted():
    assert _errors("issue.schema.json", SEED_ISSUE.read_text(encoding="utf-8")) == []
    publication = ROOT / "issues" / "publication.yaml"
    assert _errors("publication.schema.json", publication.read_text(encoding="utf-8")) == []


SEED = SEED_ISSUE.read_text(encoding="utf-8")


@pytest.mark.parametrize("change, where, loader_says", [
    (("total: 73\n", ""), "", "缺少必填字段 total"),
    (("number: 20", "number: 二十"), "number", "需要一个整数"),
    (("date: 2023-07-07", "date: 2023/07/07"), "date", "需要一个日期"),
    (("        body: |\n          6月28日", "        body: 42\n        x: |\n          6月28日"),
     "sections/0/articles/0", "不认识的字段 x"),
    (("      - title: 市科协党组", "      - titel: 市科协党组"), "sections/0/articles/0",
     "不认识的字段 titel"),
    (("    articles:\n", "    articles: []\n    x:\n"), "sections/0", "列表不能为空"),
])
def test_the_contracts_bad_cases_are_refused_by_schema_and_loader(tmp_path, change, where,
                                                                  loader_says):
    old, new = change
    assert old in SEED
    text = SEED.replace(old, new, 1)
    errors = _errors("issue.schema.json", text)
    assert errors and any(e.startswith(where) for e in errors), errors
    # The loader refuses the same file (the schema never accepts less than it).
    issue = tmp_path / "issues" / "2023" / "2023-20.yaml"
    issue.parent.mkdir(parents=True)
    (tmp_path / "issues" / "publication.yaml").write_text(
        (ROOT / "issues" / "publication.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    issue.write_text(text, encoding="utf-8")
    result = run_cli("check", issue)
    assert result.returncode == 1 and loader_says in result.stderr


def test_a_field_added_to_the_loader_appears_in_the_schema():
    from weekly_pdf.source.schema.kinds import Field, integer, object_schema, text
    schema = object_schema({"title": Field(text("标题"), required=True),
                            "pages": Field(integer("页数", 1))}, "测试")
    assert schema["required"] == ["title"]
    assert schema["properties"]["pages"]["anyOf"][0] == {
        "type": "integer", "minimum": 1, "description": "页数"}
    assert schema["additionalProperties"] is False


def test_new_writes_the_editor_schema_comment(tmp_path):
    import shutil

    from tests.helpers import copy_project
    root = copy_project(tmp_path / "project")
    shutil.copytree(SCHEMA_DIR, root / "schema")
    result = run_cli("new", cwd=root)
    assert result.returncode == 0, result.stderr
    new = root / result.stdout.strip()
    modeline = [line for line in new.read_text(encoding="utf-8").splitlines()
                if line.startswith("# yaml-language-server: $schema=")]
    assert modeline == ["# yaml-language-server: $schema=../../schema/issue.schema.json"]
    assert (new.parent / "../../schema/issue.schema.json").resolve().is_file()


def test_body_blocks_are_in_the_schema():
    import copy
    schema = json.loads((SCHEMA_DIR / "issue.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    issue = _yaml(SEED)
    article = issue["sections"][0]["articles"][0]
    article["note"] = "编者按的文字"
    article["body"] = [{"heading": "一、总体情况"},
                       {"table": [["项目", "数量"], ["活动", 12]], "caption": "表一"},
                       {"image": "images/1.jpg", "width": 0.8},
                       "第一段正文。"]
    assert list(validator.iter_errors(issue)) == []
    one_row = copy.deepcopy(issue)
    one_row["sections"][0]["articles"][0]["body"][1]["table"].pop()
    assert list(validator.iter_errors(one_row))
    unknown = copy.deepcopy(issue)
    unknown["sections"][0]["articles"][0]["body"][0] = {"headline": "一、总体情况"}
    assert list(validator.iter_errors(unknown))
    too_wide = copy.deepcopy(issue)
    too_wide["sections"][0]["articles"][0]["body"][2]["width"] = 1.5
    assert list(validator.iter_errors(too_wide))


# -- TOML files: the fonts manifests, from fonts/manifest.py's declarations ---------------

def _toml_errors(schema_name: str, text: str) -> list[str]:
    import tomllib
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(tomllib.loads(text))]


def test_the_toml_schemas_are_shipped_valid_and_listed():
    from weekly_pdf.source.schema.editor import TOML_FILES, rendered
    names = {file.name for file in TOML_FILES}
    assert {"fonts-manifest.schema.json", "fonts-local.schema.json"} <= names <= set(rendered())
    for name in names:
        jsonschema.Draft202012Validator.check_schema(
            json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def test_the_bundled_manifest_and_an_office_manifest_are_accepted():
    manifest = (ROOT / "fonts" / "manifest.toml").read_text(encoding="utf-8")
    assert _toml_errors("fonts-manifest.schema.json", manifest) == []
    assert _toml_errors("fonts-local.schema.json", '[roles]\ntitle = "FZXBSJW.TTF"\n') == []


MANIFEST = (ROOT / "fonts" / "manifest.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, where, reader_says", [
    ("[roles.kai]", "[roles.kaiti]", "roles", "不认识的字段 kaiti，是不是想写 kai？"),
    ('file = "FandolSong-Bold.otf"', "file = 3", "fonts/FandolSong-Bold/file", "需要一段文字"),
    ('sha256 = "ffa7', 'sha256 = "zzz7', "fonts/FandolSong-Bold/sha256", "校验值（sha256，64 位十六进制数）的写法不对"),
    ('fallback = ["NotoSerifCJKsc-Bold"]', 'fallback = "NotoSerifCJKsc-Bold"', "roles/title/fallback",
     "需要一个数组（后备字体"),
    ('package = "texlive-lang-chinese"\nversion', 'packages = "x"\nversion', "fonts/FandolSong-Bold",
     "不认识的字段 packages，是不是想写 package？"),
])
def test_a_bad_manifest_is_refused_by_schema_and_reader(tmp_path, old, new, where, reader_says):
    from weekly_pdf.errors import IssueErrors
    from weekly_pdf.fonts.manifest import read_manifest
    from tests.helpers import copy_project
    assert old in MANIFEST
    text = MANIFEST.replace(old, new, 1)
    errors = _toml_errors("fonts-manifest.schema.json", text)
    assert errors and any(e.startswith(where) for e in errors), errors
    fonts = copy_project(tmp_path / "project") / "fonts"
    (fonts / "manifest.toml").unlink()  # a hard link to the checkout's: replace it
    (fonts / "manifest.toml").write_text(text, encoding="utf-8")
    with pytest.raises(IssueErrors, match=re.escape(reader_says)):
        read_manifest(fonts)


def test_a_toml_file_is_declared_once_for_reader_and_schema():
    """A field added to the declaration appears in the generated schema."""
    from weekly_pdf.source.schema.editor import TomlFile, toml_schema
    schema = toml_schema(TomlFile("x.schema.json", "测试", "weekly_pdf.fonts.manifest:LOCAL_KIND"))
    assert schema["title"] == "测试"
    roles = schema["properties"]["roles"]
    assert set(roles["properties"]) == {"title", "body", "heading", "kai", "song"}
    assert "null" not in json.dumps(schema)  # TOML has no null: optional keys are left out


# -- layout.toml, from source/layout.py's declaration --------------------------------------

BULLETIN = (ROOT / "layouts" / "bulletin" / "layout.toml").read_text(encoding="utf-8")


def test_the_layout_schema_is_listed_and_the_bundled_layouts_point_at_it():
    from weekly_pdf.source.schema.editor import TOML_FILES
    assert "layout.schema.json" in {file.name for file in TOML_FILES}
    jsonschema.Draft202012Validator.check_schema(
        json.loads((SCHEMA_DIR / "layout.schema.json").read_text(encoding="utf-8")))
    for name in ("bulletin", "briefing"):
        toml = ROOT / "layouts" / name / "layout.toml"
        first = toml.read_text(encoding="utf-8").splitlines()[0]
        assert first == "#:schema ../../schema/layout.schema.json"
        assert (toml.parent / first.split()[1]).resolve() == SCHEMA_DIR / "layout.schema.json"
        assert _toml_errors("layout.schema.json", toml.read_text(encoding="utf-8")) == [], name


def test_a_layout_that_extends_another_needs_only_what_differs():
    child = '[layout]\nextends = "bulletin"\ndescription = "窄版"\n[page]\nmargin_left_mm = 20\n'
    assert _toml_errors("layout.schema.json", child) == []
    # without extends, every required field is asked for
    alone = child.replace('extends = "bulletin"\n', "")
    errors = _toml_errors("layout.schema.json", alone)
    assert ": 'body' is a required property" in errors
    assert "page: 'margin_top_mm' is a required property" in errors


@pytest.mark.parametrize("old, new, where, reader_says", [
    ("[colors]", "[colours]", "", "不认识的字段 colours，是不是想写 colors？"),
    ('size = "A4"', 'size = "A6"', "page/size", "纸张应当是 A3、A4、A5、B5、16K 之一"),
    ("margin_left_mm = 28", 'margin_left_mm = "28"', "page/margin_left_mm", "需要一个数（左边距"),
    ("keep_rows = 6", "keep_rows = 6.5", "table/keep_rows", "需要一个整数（不拆开的表格"),
    ('page_number = "song"', 'page_number = "宋体"', "roles/page_number", "是不是想写 song？"),
    ("char_pitch = [14, 18]", "char_pitch = [14]", "style_bounds/char_pitch",
     "正文字距的范围应当是 [最小, 最大] 两个数"),
    ("smaller_sizes_pt = [12, 10.5, 9]", "smaller_sizes_pt = [12, 50]", "table/smaller_sizes_pt/1",
     "较小的表格字号应当在 6 到 48 磅之间，这里是 50"),
    ('class = "closing"', 'class = "1closing"', "closing/class", "class 名应当以英文字母开头"),
])
def test_a_bad_layout_is_refused_by_schema_and_reader(tmp_path, old, new, where, reader_says):
    import shutil

    from weekly_pdf.errors import IssueErrors
    from weekly_pdf.source.layout import read_layout
    assert old in BULLETIN
    text = BULLETIN.replace(old, new, 1)
    errors = _toml_errors("layout.schema.json", text)
    assert errors and any(e.startswith(f"{where}:") for e in errors), errors
    shutil.copytree(ROOT / "layouts" / "bulletin", tmp_path / "bulletin")
    (tmp_path / "bulletin" / "layout.toml").write_text(text, encoding="utf-8")
    with pytest.raises(IssueErrors, match=re.escape(reader_says)):
        read_layout(tmp_path / "bulletin")
