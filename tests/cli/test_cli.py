"""The command line as office staff use it: Chinese help, default output place."""

from __future__ import annotations

import os
import subprocess

import pytest
from pypdf import PdfReader

from tests.helpers import SEED_ISSUE, copy_project, exe, run_cli


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["import"]])
def test_help_is_in_chinese(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：weekly-pdf")
    assert "显示本帮助并退出" in result.stdout and "\n选项：\n" in result.stdout
    assert "选项:" not in result.stdout and "参数:" not in result.stdout
    assert "usage:" not in result.stdout and "options:" not in result.stdout


def test_help_lists_the_commands_right_under_their_heading():
    lines = run_cli("--help").stdout.splitlines()
    heading = lines.index("可用的命令：")
    assert lines[heading + 1].split()[0] == "new"  # no line naming the placeholder first
    listed = {line.split()[0] for line in lines[heading + 1:] if line.startswith("    ")
              and not line.startswith("     ")}
    assert {"new", "check", "build", "watch", "preview", "fonts", "build-all", "volume",
            "import", "layouts", "verify"} <= listed


@pytest.mark.parametrize("args, words", [
    (["build"], "weekly-pdf build：错误：缺少参数：ISSUE.yaml"),
    (["check", "a.yaml", "--bogus"], "weekly-pdf：错误：不认识的参数：--bogus"),
    (["build-all", "-j", "x"], "weekly-pdf build-all：错误：参数 -j/--jobs：“x”不是正整数"),
    (["build", "a.yaml", "-o"], "weekly-pdf build：错误：参数 -o/--output：需要一个值"),
])
def test_usage_errors_are_in_chinese(args, words):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("用法：weekly-pdf")
    assert words in result.stderr


def test_a_wrong_command_is_a_usage_error_in_chinese():
    result = run_cli("bulid", "x.yaml")
    assert result.returncode == 2
    assert "没有这个命令" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_build_writes_into_out_mirroring_issues(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_cli("build", "issues/2023/2023-20.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    pdf = root / "out" / "2023" / "2023-20.pdf"
    assert "已生成 out/2023/2023-20.pdf" in result.stdout
    assert PdfReader(pdf).metadata.title == "科协每周动态 2023年第20期（总第73期）"
    assert not list(pdf.parent.glob(".*.tmp"))


@pytest.mark.slow
def test_a_draft_outside_issues_gets_its_pdf_beside_it(tmp_path):
    root = copy_project(tmp_path / "project")
    draft = tmp_path / "draft.yaml"
    draft.write_text((root / "issues" / "2023" / "2023-20.yaml").read_text(encoding="utf-8")
                     + (root / "issues" / "publication.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    result = run_cli("build", draft, cwd=root)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "draft.pdf").is_file()


@pytest.mark.slow
def test_an_output_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    result = run_cli("build", "issues/2023/2023-20.yaml", "-o", blocker / "x.pdf")
    assert result.returncode == 1
    assert "无法写入" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_building_an_unfilled_template_says_what_is_left(tmp_path):
    root = copy_project(tmp_path / "project")
    made = run_cli("new", "issues", cwd=root)
    assert made.returncode == 0, made.stderr
    result = run_cli("build", "issues/2023/2023-21.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "“（请填写……）”没有填写：第 " in result.stdout


def test_a_reader_that_leaves_the_pipe_early_is_no_internal_error(tmp_path):
    """``weekly-pdf build … | head -1`` style: the work is done, nothing to report."""
    read_end, write_end = os.pipe()
    os.close(read_end)                      # the reader is gone before we print
    out = tmp_path / "seed.pdf"
    result = subprocess.run([exe(), "build", str(SEED_ISSUE), "-o", str(out)],
                            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
    os.close(write_end)
    assert result.returncode == 141, result.stderr
    assert result.stderr == ""              # no 内部错误, no Python complaint
    assert PdfReader(out).pages             # the PDF was written all the same
