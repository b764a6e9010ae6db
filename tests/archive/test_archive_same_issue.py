"""Two files of one issue are never both bound: build-all and volume refuse and
name both files; names that Windows makes look like issue files are pointed
out; the progress line names the PDF it wrote."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs, rendered
from tests.helpers import run_cli
from tests.issuegen import write_archive

SAME_NAME = ("issues/2023/{a} 与 issues/2023/{b} 都是2023年第5期（文件名里的期号相同）；"
             "一期只能有一个期刊文件，请删去或改名其中一个（这几个文件都没有生成 PDF）")
SAME_CONTENT = ("issues/2023/{a} 与 issues/2023/{b} 写的都是2023年第5期；目录和合订本里"
                "一期只能出现一次，请改正期号（year、number），或删去多余的文件")


def test_2023_5_beside_2023_05_is_refused_naming_both(tmp_path):
    issues = new_archive(tmp_path)
    [five] = write_archive(issues, 1, first=5)
    shutil.copy(five, five.with_name("2023-5.yaml"))
    out = tmp_path / "out"
    result = build_all(issues, out)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "  " + SAME_NAME.format(a="2023-5.yaml", b="2023-05.yaml") in lines
    assert "  " + SAME_NAME.format(a="2023-05.yaml", b="2023-5.yaml") in lines
    assert lines[-1] == "有 2 期没有生成：issues/2023/2023-05.yaml、issues/2023/2023-5.yaml"
    assert pdfs(out) == {} and catalog(out)["count"] == 0


@pytest.mark.slow
def test_a_copy_of_an_issue_is_built_but_reported_and_the_volume_refuses_it(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 2, first=4, articles=2)
    copy = issues / "2023" / "2023-05 (2).yaml"     # what Windows calls a copy
    shutil.copy(issues / "2023" / "2023-05.yaml", copy)
    out = tmp_path / "out"
    result = build_all(issues, out, "-j", "2")
    assert result.returncode == 1
    # The progress lines name the PDFs written, not the issue files.
    assert sorted(line.split("] ", 1)[1].split("（")[0] for line in result.stderr.splitlines()
                  if line.startswith("[")) == [
        "已生成 out/2023/2023-04.pdf", "已生成 out/2023/2023-05 (2).pdf", "已生成 out/2023/2023-05.pdf"]
    assert sorted(rendered(result)) == ["2023/2023-04.yaml", "2023/2023-05 (2).yaml",
                                        "2023/2023-05.yaml"]
    lines = result.stderr.splitlines()
    assert "失败：issues/2023/2023-05.yaml（PDF 已生成，但要改正）" in lines
    assert "  " + SAME_CONTENT.format(a="2023-05.yaml", b="2023-05 (2).yaml") in lines
    assert "  " + SAME_CONTENT.format(a="2023-05 (2).yaml", b="2023-05.yaml") in lines
    assert lines[-1] == ("有 2 期已生成，但期号与别的文件重复：issues/2023/2023-05.yaml、"
                         "issues/2023/2023-05 (2).yaml")
    assert "失败 0 期，期号重复 2 期；" in result.stdout

    volume = run_cli("volume", "2023", "--out-dir", out, cwd=tmp_path)
    assert volume.returncode == 1
    assert volume.stderr == (
        "错误：目录 catalog.json 里有两个2023年第5期：2023/2023-05.yaml 和 2023/2023-05 (2).yaml"
        "（期刊文件夹里的文件名）；合订本里一期只能出现一次。请删去或改正其中一个（weekly-pdf check "
        "issues/ 会指出重复的期号），再运行 weekly-pdf build-all 和 volume\n")
    assert not (out / "2023年合订本.pdf").exists()

    again = build_all(issues, out)  # nothing changed: still reported, still exit 1
    assert again.returncode == 1 and "写的都是2023年第5期" in again.stderr
    copy.unlink()
    fixed = build_all(issues, out)
    assert fixed.returncode == 0, fixed.stderr
    assert catalog(out)["count"] == 2
    bound = run_cli("volume", "2023", "--out-dir", out, cwd=tmp_path)
    assert bound.returncode == 0, bound.stderr


def _entry(number: int, source: str) -> dict:
    return {"year": 2023, "number": number, "total": 50 + number, "date": "2023-02-03",
            "title": "科协每周动态", "publication": "科协每周动态", "publisher": "北京市科协办公室",
            "layout": None, "series": None, "columns": [{"column": "主题教育", "articles": ["x"]}],
            "pages": 1, "pdf": source.replace(".yaml", ".pdf"), "sha256": "0" * 64,
            "source": source}


def test_volume_refuses_a_catalog_that_holds_an_issue_twice(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    entries = [_entry(4, "2023/2023-04.yaml"), _entry(5, "2023/2023-05.yaml"),
               _entry(5, "2023/draft.yaml")]
    (out / "catalog.json").write_text(json.dumps({"count": 3, "issues": entries}),
                                      encoding="utf-8")
    result = subprocess_volume(out, tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "错误：目录 catalog.json 里有两个2023年第5期：2023/2023-05.yaml 和 2023/draft.yaml"
        "（期刊文件夹里的文件名）；合订本里一期只能出现一次。请删去或改正其中一个（weekly-pdf check "
        "issues/ 会指出重复的期号），再运行 weekly-pdf build-all 和 volume\n")


def subprocess_volume(out, cwd):
    return run_cli("volume", "2023", "--out-dir", out, cwd=cwd)


HIDDEN = ("提示：没有读取 issues/2023/{name}：它的名字以 {ending} 结尾，不是 .yaml（Windows 默认隐藏"
          "扩展名，所以看起来像 {looks}）；如果它是期刊文件，请改名为 {proper}")
NOT_YAML = ("提示：没有读取 issues/2023/{name}：期刊文件的名字要以 .yaml 结尾；"
            "如果它是期刊文件，请改名为 {proper}")


def test_names_that_look_like_issue_files_are_pointed_out(tmp_path):
    issues = new_archive(tmp_path)
    year = issues / "2023"
    year.mkdir()
    for name in ("2023-22.yaml.txt", "2023-23.YML.TXT", "2023-24.txt", "2023-25.ymal",
                 "notes.txt", "2023-20.yaml.bak", ".2023-26.yaml.txt", "2023-27.yaml~"):
        (year / name).write_text("year: 2023\n", encoding="utf-8")
    expected = [
        HIDDEN.format(name="2023-22.yaml.txt", ending=".txt", looks="2023-22.yaml",
                      proper="2023-22.yaml"),
        HIDDEN.format(name="2023-23.YML.TXT", ending=".TXT", looks="2023-23.YML",
                      proper="2023-23.yaml"),
        NOT_YAML.format(name="2023-24.txt", proper="2023-24.yaml"),
        NOT_YAML.format(name="2023-25.ymal", proper="2023-25.yaml"),
    ]
    result = build_all(issues, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == expected
    assert "issues 里没有期刊文件。" in result.stdout
    check = run_cli("check", "issues", cwd=tmp_path)
    assert [line for line in check.stderr.splitlines() if line.startswith("提示")] == expected
