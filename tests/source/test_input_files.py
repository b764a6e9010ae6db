"""Only regular files are read as issues, and never beyond the size limit."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest

from tests.helpers import run_cli


def test_a_device_file_is_refused_without_reading_it(tmp_path):
    os.mknod(tmp_path / "2023-20.yaml", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero
    for command in ("check", "build"):
        result = run_cli(command, "2023-20.yaml", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert result.stderr == ("错误：文件 2023-20.yaml：这不是普通文件（是设备文件），"
                                 "期刊文件必须是保存在磁盘上的文本文件\n")


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_without_reading_it(tmp_path, target):
    issues = tmp_path / "issues"
    (issues / "2023").mkdir(parents=True)
    (issues / "2023" / "2023-20.yaml").symlink_to(target)
    for command in ("check", "build"):
        result = run_cli(command, "issues/2023/2023-20.yaml", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "这不是普通文件" in result.stderr or "之外的链接" in result.stderr
        assert "MemoryError" not in result.stderr


def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "2023-20.yaml")
    for command in ("check", "build"):
        result = run_cli(command, "2023-20.yaml", cwd=tmp_path)
        assert result.returncode == 1
        assert "这不是普通文件（是命名管道）" in result.stderr


def test_a_fifo_with_a_writer_that_never_stops_is_refused(tmp_path):
    fifo = tmp_path / "2023-20.yaml"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"yes 'year: 2023' > '{fifo}'"])
    try:
        result = run_cli("check", fifo, cwd=tmp_path)
    finally:
        writer.kill()
        writer.wait()
    assert result.returncode == 1
    assert "这不是普通文件（是命名管道）" in result.stderr


def test_a_sparse_huge_file_is_refused_by_its_size(tmp_path):
    huge = tmp_path / "2023-20.yaml"
    with huge.open("wb") as f:
        f.truncate(8 << 30)  # 8 GB that take no disk: reading it would not end well
    result = run_cli("check", huge, cwd=tmp_path)
    assert result.returncode == 1
    assert "文件太大（8388608 KB），一期最多 512 KB" in result.stderr


def test_a_link_out_of_the_project_names_the_project_folder(tmp_path):
    from tests.helpers import copy_project
    root = copy_project(tmp_path / "project")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((root / "issues" / "2023" / "2023-20.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    (root / "issues" / "2023" / "2023-21.yaml").symlink_to(outside)
    result = run_cli("check", "issues/2023/2023-21.yaml", cwd=root)
    assert result.returncode == 1
    assert result.stderr == (f"错误：issues/2023/2023-21.yaml 是指向项目文件夹（{root}）之外的链接；"
                             f"为安全起见不读取它。请把文件本身放在这里，不要用链接\n")


def test_a_units_list_too_big_is_named_as_the_units_list(tmp_path):
    """issues/units.yaml goes through the same reader as an issue file; its
    messages name it, not an issue (期刊文件, 一期)."""
    issues = tmp_path / "issues"
    issues.mkdir()
    with (issues / "units.yaml").open("wb") as f:
        f.truncate(8 << 30)
    result = run_cli("stats", "2023", "--issues", issues, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("错误：文件 issues/units.yaml：文件太大（8388608 KB），"
                             "单位名单（units.yaml）最多 512 KB\n")
