"""A layout that reaches outside the allowed folders: a Chinese error, never a traceback.

The whole program runs as a user runs it (the installed command), and in
build-all only the issue that uses such a layout fails.
"""

from __future__ import annotations

import os
import shutil

import pytest

import json

from tests.helpers import copy_project, run_cli
from tests.issuegen import issue_dict, write_issue

#: Each case runs the command line in a process of its own.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "project")


def add_link(layout, href):
    html = layout / "issue.html"
    text = html.read_text(encoding="utf-8")
    html.write_text(text.replace('<link rel="stylesheet"', f'<link rel="attachment" href="{href}">'
                                 '\n<link rel="stylesheet"', 1), encoding="utf-8")


@pytest.mark.parametrize("href", ["file:///etc/passwd", "../../../../../../etc/hostname",
                                  "../../fonts/../../secret.txt", "http://127.0.0.1:9/x.pdf"])
def test_an_attachment_outside_the_allowed_folders_is_a_chinese_error(root, href):
    (root.parent / "secret.txt").write_text("TOP-SECRET-CONTENT")
    add_link(root / "layouts" / "bulletin", href)
    result = run_cli("build", "issues/2023/2023-20.yaml", "-o", "x.pdf", cwd=root)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("错误：版式 bulletin 引用了不允许读取的地址 ")
    assert "Traceback" not in result.stderr and "TOP-SECRET" not in result.stderr
    assert not (root / "x.pdf").exists()


def test_a_named_pipe_in_the_layout_is_refused_without_waiting(root):
    layout = root / "layouts" / "bulletin"
    os.mkfifo(layout / "notes.txt")
    add_link(layout, "notes.txt")
    result = run_cli("build", "issues/2023/2023-20.yaml", "-o", "x.pdf", cwd=root)
    assert result.returncode == 1
    assert "notes.txt 不是普通文件（命名管道、设备文件或文件夹），不能读取" in result.stderr


def test_a_layout_folder_linked_from_outside_the_project_is_refused(root, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(root / "layouts" / "bulletin", elsewhere)
    (root / "layouts" / "bulletin").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("build", "issues/2023/2023-20.yaml", "-o", "x.pdf", cwd=root)
    assert result.returncode == 1
    assert result.stderr == ("错误：版式文件夹 layouts/bulletin 是指向 layouts/ 之外的链接，不能使用；"
                             "请把版式文件夹本身复制到 layouts/ 里\n")


def test_a_template_linked_to_a_file_outside_is_never_read(root, tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("{{ secret line }}\nroot:$6$hash\n")
    style = root / "layouts" / "bulletin" / "style.css"
    style.unlink()
    style.symlink_to(secret)
    result = run_cli("build", "issues/2023/2023-20.yaml", "-o", "x.pdf", cwd=root)
    assert result.returncode == 1
    assert "版式文件 layouts/bulletin/style.css 是指向版式文件夹之外的链接" in result.stderr
    assert "root:" not in result.stderr


def test_in_build_all_only_the_issue_with_the_escaping_layout_fails(root):
    evil = root / "layouts" / "evil"
    shutil.copytree(root / "layouts" / "bulletin", evil)
    add_link(evil, "file:///etc/passwd")
    issues = root / "issues"
    write_issue(issues, issue_dict(1, number=21, total=1001, articles=2))
    data = issue_dict(2, number=22, total=1002, articles=2)
    data["layout"] = "evil"
    write_issue(issues, data)
    out = root / "out"
    for _ in range(2):  # every run: the batch goes on
        result = run_cli("build-all", issues, "-o", out, "-j", "2", cwd=root)
        assert result.returncode == 1
        assert "失败：issues/2023/2023-22.yaml" in result.stderr
        assert "版式 evil 引用了不允许读取的地址 file:///etc/passwd" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        listed = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["issues"]
        assert {e["source"] for e in listed} == {
            "2023/2023-20.yaml", "2023/2023-21.yaml"}
