"""Links that lead out of the project are never followed; what is kept stays private."""

from __future__ import annotations

import json
import stat

import pytest

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs
from tests.helpers import run_cli
from tests.issuegen import write_archive

#: Each case runs the command line in a process of its own.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow

SECRET = "root:$6$TOPSECRET$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"


def secret_file(tmp_path):
    path = tmp_path / "elsewhere" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def test_an_issue_linked_to_a_file_outside_is_refused_unread_everywhere(tmp_path):
    issues = new_archive(tmp_path / "archive")
    write_archive(issues, 2, articles=2)
    link = issues / "2023" / "2023-03.yaml"
    link.symlink_to(secret_file(tmp_path))
    out = tmp_path / "archive" / "out"
    result = build_all(issues, out, "-j", "2")
    assert result.returncode == 1
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert "issues/2023/2023-03.yaml 是指向 issues 之外的链接；为安全起见不读取它" in result.stderr
    assert set(pdfs(out)) == {"2023/2023-01.pdf", "2023/2023-02.pdf"}
    state = out / ".weekly-pdf-state.json"
    assert "TOPSECRET" not in state.read_text(encoding="utf-8")
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    for command in (["check", "issues"], ["check", "issues/2023/2023-03.yaml"],
                    ["build", "issues/2023/2023-03.yaml", "-o", "x.pdf"]):
        checked = run_cli(*command, cwd=tmp_path / "archive")
        assert checked.returncode == 1
        assert "TOPSECRET" not in checked.stdout + checked.stderr
        assert "2023-03.yaml 是指向" in checked.stderr and "之外的链接" in checked.stderr


def test_a_publication_yaml_linked_outside_is_refused(tmp_path):
    issues = new_archive(tmp_path / "archive")
    write_archive(issues, 1, articles=2)
    (issues / "publication.yaml").unlink()
    (issues / "publication.yaml").symlink_to(secret_file(tmp_path))
    result = build_all(issues, tmp_path / "archive" / "out", "-j", "1")
    assert result.returncode == 1
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert "issues/publication.yaml 是指向" in result.stderr


def test_links_inside_the_issues_folder_are_fine(tmp_path):
    issues = new_archive(tmp_path / "archive")
    write_archive(issues, 1, articles=2)
    store = issues / ".store"      # a hidden folder: its files are not issues themselves
    [kept] = write_archive(store, 1, first=2, articles=2)
    (issues / "2023" / "2023-02.yaml").symlink_to(kept)
    out = tmp_path / "archive" / "out"
    result = build_all(issues, out, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert catalog(out)["count"] == 2


def test_a_link_to_another_issue_file_is_that_issue_twice(tmp_path):
    """drafts/week.yaml linked to 2023/2023-01.yaml is issue 1 twice: the
    volume would bind it twice, so the batch says so (both PDFs are whole)."""
    issues = new_archive(tmp_path / "archive")
    paths = write_archive(issues, 1, articles=2)
    drafts = issues / "drafts"
    drafts.mkdir()
    (drafts / "week.yaml").symlink_to(paths[0])
    out = tmp_path / "archive" / "out"
    result = build_all(issues, out, "-j", "1")
    assert result.returncode == 1
    assert ("  issues/drafts/week.yaml 与 issues/2023/2023-01.yaml 写的都是2023年第1期；目录和合订本里"
            "一期只能出现一次，请改正期号（year、number），或删去多余的文件") in result.stderr.splitlines()
    assert catalog(out)["count"] == 2


def test_new_does_not_read_a_latest_issue_linked_outside(tmp_path):
    issues = new_archive(tmp_path / "archive")
    write_archive(issues, 1, articles=2)
    (issues / "2023" / "2023-09.yaml").symlink_to(secret_file(tmp_path))
    result = run_cli("new", issues, cwd=tmp_path / "archive")
    assert result.returncode == 1
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert "最新一期 issues/2023/2023-09.yaml 是指向 issues 之外的链接" in result.stderr
    assert json.dumps(sorted(p.name for p in (issues / "2023").iterdir())) == json.dumps(
        ["2023-01.yaml", "2023-09.yaml"])
