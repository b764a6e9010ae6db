"""Input and environment errors get a precise Chinese message and exit 1 (or 2), never 3."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.helpers import SEED_ISSUE, copy_project, run_cli

#: Each case runs the command line in a process of its own.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "project")


def build(root, *args):
    return run_cli("build", "issues/2023/2023-20.yaml", "-o", "x.pdf", *args, cwd=root)


LOCAL = "错误：文件 fonts/local/fonts.toml，"
FONT_NAME = '需要一段文字（字体文件名，放在 fonts/local/ 里，例如 "FZXBSJW.TTF"），'


@pytest.mark.parametrize("content, message", [
    (b'[roles]\ntitle = 3\n',
     LOCAL + f"第 2 行第 9 列，字段 roles.title：{FONT_NAME}这里是整数“3”；文字要写在英文双引号里\n"),
    (b'[roles]\nbody = ["a.ttf"]\n',
     LOCAL + f"第 2 行第 8 列，字段 roles.body：{FONT_NAME}这里是数组\n"),
    ('[roles]\ntitle = "方正小标宋.ttf"\n'.encode("gbk"),
     LOCAL + "第 2 行：文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）\n"),
    (b'roles = "title"\n',
     LOCAL + "第 1 行第 9 列，字段 roles：需要一个表（本单位字体的角色，写成 [roles] 下面的几行“键 = 值”），"
             "这里是文字“title”\n"),
    (b'[roles]\ntitle = "../../../../etc/passwd"\n',
     LOCAL + "第 2 行第 9 列，字段 roles.title：字体文件 ../../../../etc/passwd 在 fonts/local/ 之外"
             "（或是指向外面的链接），不能使用\n"),
    (b'[roles]\ntitle: "FZ.ttf"\n',
     LOCAL + '第 2 行第 6 列：TOML 写法有误：键和值之间要用“=”，不用冒号（TOML 不是 YAML）：title = "FZ.ttf"\n'),
    (b'[roles]\ntitel = "FZ.ttf"\n',
     LOCAL + "第 2 行第 1 列，字段 roles.titel：不认识的字段 titel，是不是想写 title？"
             "本单位字体的角色可以有的字段：title、body、heading、kai、song\n"),
])
def test_a_bad_local_fonts_toml_is_an_input_error(root, content, message):
    (root / "fonts" / "local" / "fonts.toml").write_bytes(content)
    result = build(root)
    assert result.returncode == 1
    assert result.stderr == message


def test_a_truncated_local_font_is_named(root):
    local = root / "fonts" / "local"
    (local / "FZ.otf").write_bytes((root / "fonts" / "FandolSong-Bold.otf").read_bytes()[:5000])
    (local / "fonts.toml").write_text('[roles]\ntitle = "FZ.otf"\n', encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：字体文件 fonts/local/FZ.otf 已损坏或不是字体文件，无法读取（")
    assert "请换用完整的字体文件" in result.stderr


@pytest.mark.parametrize("damage", ["truncated", "swapped"])
def test_a_damaged_or_swapped_bundled_font_is_named_by_its_checksum(root, damage):
    body = root / "fonts" / "FandolFang-Regular.otf"
    other = (root / "fonts" / "FandolKai-Regular.otf").read_bytes()
    data = body.read_bytes()[:100_000] if damage == "truncated" else other
    body.unlink()  # hard-linked to the checkout's: replace, never write through
    body.write_bytes(data)
    for command in ("build", "check"):
        result = run_cli(command, "issues/2023/2023-20.yaml", cwd=root) if command == "check" \
            else build(root)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(
            "错误：字体文件 fonts/FandolFang-Regular.otf 与 fonts/manifest.toml 记录的校验值（sha256）不符")
    assert not (root / "x.pdf").exists()


def test_build_into_a_read_only_place_is_an_environment_error():
    result = run_cli("build", SEED_ISSUE, "-o", "/sys/weekly-pdf-test.pdf")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：无法写入 /sys/weekly-pdf-test.pdf（")
    result = run_cli("build-all", SEED_ISSUE.parent.parent, "-o", "/sys/weekly-pdf-out")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：无法使用输出文件夹 /sys/weekly-pdf-out（")


def test_new_after_the_last_day_of_the_calendar_says_so(tmp_path):
    issues = tmp_path / "issues"
    shutil.copytree(SEED_ISSUE.parent.parent, issues)
    last = issues / "2100" / "2100-52.yaml"
    last.parent.mkdir()
    text = SEED_ISSUE.read_text(encoding="utf-8")
    for key, value in (("year", "2100"), ("number", "52"), ("date", "9999-12-31")):
        text = "\n".join(f"{key}: {value}" if line.startswith(f"{key}:") else line
                         for line in text.splitlines()) + "\n"
    last.write_text(text, encoding="utf-8")
    result = run_cli("new", issues, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    # The loader refuses a date outside its year; the calendar's end is caught behind it too.
    assert result.stderr.startswith("错误：最新一期 issues/2100/2100-52.yaml ")
    assert "9999-12-31" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in last.parent.iterdir()) == ["2100-52.yaml"]


@pytest.mark.parametrize("change, words", [
    (lambda e: e.pop("number"), "字段 issues[0].number：缺少必填字段 number（期刊条目里）"),
    (lambda e: e.update(columns="x"), "字段 issues[0].columns：需要一个数组（栏目），这里是文字“x”"),
    (lambda e: e.update(date="2023-13-45"), "字段 issues[0].date：日期 2023-13-45 不存在"),
    (lambda e: e.update(pdf="../../etc/passwd"),
     "字段 issues[0].pdf：../../etc/passwd 不是输出文件夹里的 PDF 文件"),
    (lambda e: e.update(year=True), "字段 issues[0].year：需要一个整数（年份，用半角阿拉伯数字，例如 2023），"
                                    "这里是真假值“true”"),
])
def test_a_malformed_catalog_entry_in_volume_is_named(tmp_path, change, words):
    out = tmp_path / "out"
    built = run_cli("build", SEED_ISSUE, "-o", out / "2023" / "2023-20.pdf")
    assert built.returncode == 0, built.stderr
    entry = {"year": 2023, "number": 20, "total": 1000, "date": "2023-07-07", "title": "t",
             "publication": "p", "publisher": "q", "columns": [{"column": "c", "articles": ["a"]}],
             "pages": 8, "pdf": "2023/2023-20.pdf", "sha256": "0" * 64, "source": "2023/2023-20.yaml"}
    change(entry)
    (out / "catalog.json").write_text(json.dumps({"count": 1, "issues": [entry]}), encoding="utf-8")
    result = run_cli("volume", "2023", "--out-dir", out, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("错误：文件 out/catalog.json，第 1 行第 ")
    assert words in result.stderr
    assert result.stderr.endswith("\ncatalog.json 由 weekly-pdf build-all 生成：运行 weekly-pdf build-all "
                                  "会重新写好它。\n")


def test_a_catalog_that_is_not_json_is_named(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "catalog.json").write_bytes(b"\xff\xfe{")
    result = run_cli("volume", "2023", "--out-dir", out, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：文件 out/catalog.json，第 1 行：文件不是 UTF-8 编码")
    (out / "catalog.json").write_text('{"count": 1, "issues": [}', encoding="utf-8")
    result = run_cli("volume", "2023", "--out-dir", out, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("错误：文件 out/catalog.json，第 1 行第 25 列：不是有效的 JSON："
                             "这里缺少一个值（或者多了一个逗号）\n"
                             "catalog.json 由 weekly-pdf build-all 生成：运行 weekly-pdf build-all "
                             "会重新写好它。\n")


def test_a_bundled_font_linked_outside_fonts_is_refused(root, tmp_path):
    body = root / "fonts" / "FandolFang-Regular.otf"
    outside = tmp_path / "FandolFang-Regular.otf"
    body.rename(outside)
    body.symlink_to(outside)
    result = build(root)
    assert result.returncode == 1
    assert result.stderr == ("错误：文件 fonts/manifest.toml，第 21 行第 8 列，"
                             "字段 fonts.FandolFang-Regular.file：字体文件 FandolFang-Regular.otf "
                             "在 fonts/ 之外（或是指向外面的链接），不能使用\n")
