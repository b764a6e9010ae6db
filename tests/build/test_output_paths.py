"""`build` never writes its PDF over an input, nor anywhere that is not a .pdf file."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from tests.helpers import ROOT, SEED_ISSUE, copy_project, run_cli

#: Each case runs the command line in a process of its own.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow


@pytest.fixture
def issue(tmp_path):
    """A copy of the seed issue and its publication.yaml in a folder of its own."""
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(SEED_ISSUE, folder / "a.yaml")
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    return folder / "a.yaml"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("output", ["t/a.yaml", "t/../t/a.yaml", "t/publication.yaml",
                                    "t/a.YAML", "out.txt", "out", "t/a"])
def test_an_output_that_is_an_input_or_no_pdf_name_is_refused_and_nothing_changes(
        tmp_path, issue, output):
    before = {p.name: digest(p) for p in issue.parent.iterdir()}
    result = run_cli("build", issue, "-o", output, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "已生成" not in result.stdout
    assert result.stderr.startswith("错误：输出文件") and "Traceback" not in result.stderr
    assert {p.name: digest(p) for p in issue.parent.iterdir()} == before
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.txt").exists()


def test_a_pdf_named_link_to_the_issue_file_is_refused(tmp_path, issue):
    (tmp_path / "soft.pdf").symlink_to(issue)
    os.link(issue, tmp_path / "hard.pdf")
    before = digest(issue)
    for name in ("soft.pdf", "hard.pdf"):
        result = run_cli("build", issue, "-o", name, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert f"输出文件 {name} 就是输入文件 t/a.yaml" in result.stderr
    assert digest(issue) == before


def test_an_issue_file_named_like_its_pdf_is_not_replaced(tmp_path, issue):
    draft = issue.with_name("draft.pdf")
    issue.rename(draft)
    result = run_cli("build", draft, cwd=tmp_path)
    assert result.returncode == 2
    assert "就是输入文件" in result.stderr
    assert draft.read_bytes() == SEED_ISSUE.read_bytes()


def test_a_pdf_inside_layouts_or_fonts_is_refused(tmp_path):
    root = copy_project(tmp_path / "project")
    issue = root / "issues" / "2023" / "2023-20.yaml"
    for target, words in ((root / "layouts" / "bulletin" / "x.pdf", "版式文件夹 layouts/"),
                          (root / "fonts" / "x.pdf", "字体文件夹 fonts/"),
                          (root / "issues" / ".." / "fonts" / "local" / "x.pdf", "字体文件夹 fonts/")):
        result = run_cli("build", issue, "-o", target, cwd=root)
        assert result.returncode == 2, result.stderr
        assert words in result.stderr
        assert not target.exists()


def test_output_naming_a_folder_is_a_usage_error(tmp_path, issue):
    (tmp_path / "d.pdf").mkdir()
    result = run_cli("build", issue, "-o", "d.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "错误：输出位置 d.pdf 是一个文件夹；请写出 PDF 的文件名，例如 -o d.pdf/x.pdf\n"
    assert list((tmp_path / "d.pdf").iterdir()) == []


@pytest.mark.slow
def test_output_below_a_file_is_an_environment_error_not_an_internal_one(tmp_path, issue):
    (tmp_path / "f").write_text("mine")
    result = run_cli("build", issue, "-o", "f/x.pdf", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "错误：无法写入 f/x.pdf（路径中有同名的文件）\n"
    assert (tmp_path / "f").read_text() == "mine"


def test_build_all_into_a_file_or_below_one_is_an_environment_error(tmp_path, issue):
    (tmp_path / "f").write_text("mine")
    result = run_cli("build-all", issue.parent, "-o", "f", cwd=tmp_path)
    assert result.returncode == 1
    assert "输出位置 f 是一个文件，不是文件夹" in result.stderr
    result = run_cli("build-all", issue.parent, "-o", "f/out", cwd=tmp_path)
    assert result.returncode == 1
    assert "无法使用输出文件夹 f/out（路径中有一段不是文件夹）" in result.stderr
    assert (tmp_path / "f").read_text() == "mine"


def test_build_all_into_fonts_is_refused(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_cli("build-all", root / "issues", "-o", root / "fonts" / "out", cwd=root)
    assert result.returncode == 2
    assert "字体文件夹 fonts/ 里" in result.stderr
    assert not (root / "fonts" / "out").exists()


def test_a_pdf_output_in_capitals_is_accepted(tmp_path, issue):
    result = run_cli("build", issue, "-o", "A.PDF", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "A.PDF").read_bytes().startswith(b"%PDF-")
