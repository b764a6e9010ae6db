"""``weekly-pdf site`` and ``build-all --site`` as office staff run them."""

from __future__ import annotations

import pytest

from tests.archive.archive_tools import build_all
from tests.archive.site.sitegen import write_search_archive
from tests.helpers import run_cli
from tests.issuegen import break_issue, write_archive


def test_site_writes_the_site_beside_the_pdfs_and_says_where(tmp_path):
    issues = tmp_path / "issues"
    write_search_archive(issues)
    result = run_cli("site", issues, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("档案网站：out/site/index.html（5 期，9 篇文章）；写入 ")
    assert "用浏览器打开 index.html 即可浏览和搜索" in lines[1]
    assert lines[2] == ("提示：5 期（2023年第40期、2023年第41期、2024年第1期、2024年第2期、"
                        "2024年增刊第1期）还没有 PDF，网页里暂无 PDF 链接；"
                        "运行 weekly-pdf build-all --site 可一并生成。")
    assert (tmp_path / "out" / "site" / "2024" / "2024-s01.html").is_file()
    again = run_cli("site", issues, cwd=tmp_path)
    assert "写入 0 个文件" in again.stdout and again.returncode == 0


def test_an_issue_file_with_errors_is_named_and_the_others_still_get_their_pages(tmp_path):
    issues = tmp_path / "issues"
    paths = write_search_archive(issues)
    break_issue(paths[1])
    result = run_cli("site", issues, "-o", tmp_path / "网站", cwd=tmp_path)
    assert result.returncode == 1
    assert "失败：issues/2023/2023-41.yaml（这一期不在网站里）" in result.stderr
    assert "字段 number" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "网站" / "2023" / "2023-40.html").is_file()
    assert not (tmp_path / "网站" / "2023" / "2023-41.html").exists()
    assert "（4 期，7 篇文章）" in result.stdout


def test_two_files_of_one_issue_give_one_page_from_the_file_named_after_it(tmp_path):
    issues = tmp_path / "issues"
    paths = write_search_archive(issues)
    draft = issues / "草稿" / "改稿.yaml"
    draft.parent.mkdir()
    draft.write_text(paths[0].read_text(encoding="utf-8").replace("讲解大赛", "讲解比赛"),
                     encoding="utf-8")
    result = run_cli("site", issues, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("注意：issues/草稿/改稿.yaml 与 issues/2023/2023-40.yaml 是同一期，"
                             "网站里用后者。\n")
    html = (tmp_path / "out" / "site" / "2023" / "2023-40.html").read_text(encoding="utf-8")
    assert "讲解大赛" in html and "讲解比赛" not in html
    found = run_cli("search", "讲解比赛", "--issues-dir", issues, cwd=tmp_path)
    assert found.returncode == 1


def test_the_site_is_never_written_into_the_layouts_or_fonts(tmp_path):
    issues = tmp_path / "issues"
    write_archive(issues, 1)
    for inside in ("layouts/bulletin/site", "fonts"):
        result = run_cli("site", issues, "-o", inside)
        assert result.returncode == 2
        assert f"输出位置 {inside} 在" in result.stderr and "请换一个位置" in result.stderr


def test_a_file_where_the_site_folder_should_be_is_refused(tmp_path):
    issues = tmp_path / "issues"
    write_archive(issues, 1)
    (tmp_path / "site").write_text("", encoding="utf-8")
    result = run_cli("site", issues, "-o", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and "site" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_all_with_site_builds_the_pdfs_then_the_site(tmp_path):
    issues = tmp_path / "issues"
    write_archive(issues, 2, year=2024)
    result = build_all(issues, tmp_path / "out", "--site", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert "完成：共 2 期，生成 2 期" in result.stdout
    assert "档案网站：" in result.stdout and "（2 期，" in result.stdout
    html = (tmp_path / "out" / "site" / "2024" / "2024-01.html").read_text(encoding="utf-8")
    assert 'href="../../2024/2024-01.pdf#page=1"' in html
