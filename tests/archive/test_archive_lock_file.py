"""What a batch finds at out/.weekly-pdf.lock is never truncated unless it is
the batch's own lock: a link to any file, a hard link, a folder, a pipe or a
file with other content is refused by name, and left as it was."""

from __future__ import annotations

import os
import stat

import pytest

from tests.archive.archive_tools import build_all, new_archive
from weekly_pdf.archive.state import LOCK_NAME, BatchLock
from weekly_pdf.atomic import write_if_changed
from weekly_pdf.errors import EnvironmentProblem

PRECIOUS = b"root:x:0:0:root:/root:/bin/bash\n" * 3
AGAIN = "为安全起见不使用它，也不改动它指向或占用的东西。请把它删去（或移走），再运行"


@pytest.fixture
def archive(tmp_path):
    """An issues/ folder with no issue in it (the batch still takes its lock),
    its out/ and a file of someone else's beside them."""
    issues = new_archive(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "passwd"
    victim.write_bytes(PRECIOUS)
    return issues, out, victim


def test_a_link_planted_as_the_lock_is_refused_and_its_target_untouched(archive):
    issues, out, victim = archive
    (out / LOCK_NAME).symlink_to(victim)
    result = build_all(issues, out)
    assert result.returncode == 1
    assert result.stderr == (f"错误：锁文件 out/{LOCK_NAME} 是一个链接（symlink），"
                             f"不是本程序建立的锁文件；{AGAIN}\n")
    assert victim.read_bytes() == PRECIOUS
    assert (out / LOCK_NAME).is_symlink()


def test_a_dangling_link_as_the_lock_makes_no_file_where_it_points(archive):
    issues, out, victim = archive
    target = victim.parent / "created-through-the-link"
    (out / LOCK_NAME).symlink_to(target)
    result = build_all(issues, out)
    assert result.returncode == 1 and "是一个链接（symlink）" in result.stderr
    assert not target.exists()


def test_a_hard_link_as_the_lock_is_refused_and_the_file_untouched(archive):
    issues, out, victim = archive
    os.link(victim, out / LOCK_NAME)
    result = build_all(issues, out)
    assert result.returncode == 1
    assert result.stderr == (f"错误：锁文件 out/{LOCK_NAME} 还有别的名字（硬链接，共 2 个），"
                             f"可能就是别处的某个文件；{AGAIN}\n")
    assert victim.read_bytes() == PRECIOUS


def test_a_lock_that_is_a_folder_is_named_not_the_output_folder(archive):
    issues, out, _ = archive
    (out / LOCK_NAME).mkdir()
    result = build_all(issues, out)
    assert result.returncode == 1
    assert result.stderr == (f"错误：锁文件 out/{LOCK_NAME} 是一个文件夹，不是文件；批量生成要在这里"
                             f"建立锁文件。请把这个文件夹删去（或改名），再运行\n")


def test_a_pipe_as_the_lock_is_refused_without_waiting_for_it(archive):
    issues, out, _ = archive
    os.mkfifo(out / LOCK_NAME)
    result = build_all(issues, out, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"错误：锁文件 out/{LOCK_NAME} 是命名管道，不是普通文件；{AGAIN}\n"
    assert stat.S_ISFIFO((out / LOCK_NAME).lstat().st_mode)


@pytest.mark.parametrize("content", [PRECIOUS, b"12345\nnotes"], ids=["large", "not a pid"])
def test_a_file_of_other_content_as_the_lock_is_refused_and_kept(archive, content):
    issues, out, _ = archive
    (out / LOCK_NAME).write_bytes(content)
    result = build_all(issues, out)
    assert result.returncode == 1
    if len(content) > 32:
        words = f"有 {len(content)} 字节，锁文件只记一个进程号"
    else:
        words = "里面有别的内容，锁文件只记一个进程号"
    assert result.stderr == (f"错误：out/{LOCK_NAME} 不是本程序的锁文件（{words}）；"
                             f"为安全起见不改动它。请把它移走或删去，再运行\n")
    assert (out / LOCK_NAME).read_bytes() == content


def test_the_batchs_own_lock_is_used_again(archive):
    issues, out, _ = archive
    first = build_all(issues, out)
    assert first.returncode == 0, first.stderr
    lock = out / LOCK_NAME
    assert lock.read_text().strip().isdigit()  # the last batch's pid
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    again = build_all(issues, out)
    assert again.returncode == 0, again.stderr
    lock.write_bytes(b"")  # an empty lock (a batch killed between truncate and write)
    assert build_all(issues, out).returncode == 0


def test_the_lock_refuses_a_link_also_when_taken_in_process(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(PRECIOUS)
    (tmp_path / LOCK_NAME).symlink_to(victim)
    with pytest.raises(EnvironmentProblem):
        with BatchLock(tmp_path):
            pass
    assert victim.read_bytes() == PRECIOUS


def test_a_catalog_linked_to_dev_zero_is_replaced_not_read(archive):
    """The catalog is rewritten through a temporary file and a rename: a link
    planted in its place (to /dev/zero, which never ends) is replaced unread."""
    issues, out, _ = archive
    (out / "catalog.json").symlink_to("/dev/zero")
    result = build_all(issues, out, timeout=60)
    assert result.returncode == 0, result.stderr
    catalog = out / "catalog.json"
    assert not catalog.is_symlink() and catalog.read_text(encoding="utf-8").startswith("{")


def test_write_if_changed_rewrites_a_link_holding_the_same_bytes(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"{}")
    target = tmp_path / "state.json"
    target.symlink_to(victim)
    assert write_if_changed(b"{}", target) is True   # written: the link is not ours
    assert not target.is_symlink() and target.read_bytes() == b"{}"
    assert victim.read_bytes() == b"{}"
    assert write_if_changed(b"{}", target) is False  # our regular file, same bytes
