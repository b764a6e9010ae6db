"""Two issue files that would write the same PDF: an error naming both, neither built."""

from __future__ import annotations

import shutil

import pytest

from tests.archive.archive_tools import build_all, catalog, new_archive, pdfs
from tests.issuegen import write_archive

#: Each test runs build-all (twice) through the command.
pytestmark = pytest.mark.slow


def test_two_sources_for_one_pdf_name_both_and_build_neither(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 3, articles=2)
    out = tmp_path / "out"
    first = build_all(issues, out, "-j", "2")
    assert first.returncode == 0, first.stderr
    built = (out / "2023" / "2023-02.pdf").read_bytes()
    twin = paths[1].with_suffix(".yml")
    shutil.copy(paths[2], twin)  # another issue's text under 2023-02.yml
    for run in range(2):  # the same answer every run: no alternating PDF
        result = build_all(issues, out, "-j", "2")
        assert result.returncode == 1
        assert ("2023-02.yaml 与 issues/2023/2023-02.yml 都会生成 2023/2023-02.pdf；"
                "一个 PDF 只能来自一个期刊文件") in result.stderr
        assert "2023-02.yml 与 issues/2023/2023-02.yaml 都会生成" in result.stderr
        assert (out / "2023" / "2023-02.pdf").read_bytes() == built
        listed = catalog(out)["issues"]
        assert [e["source"] for e in listed] == ["2023/2023-01.yaml", "2023/2023-02.yaml",
                                                 "2023/2023-03.yaml"]
        assert len(listed) == len(pdfs(out)) == 3
    twin.unlink()
    again = build_all(issues, out, "-j", "2")
    assert again.returncode == 0, again.stderr


def test_names_differing_only_in_case_clash_too(tmp_path):
    issues = new_archive(tmp_path)
    paths = write_archive(issues, 1, articles=2)
    draft = issues / "drafts" / "Week.yaml"
    draft.parent.mkdir()
    shutil.copy(paths[0], draft)
    shutil.copy(paths[0], draft.with_name("week.YAML"))
    result = build_all(issues, tmp_path / "out", "-j", "1")
    assert result.returncode == 1
    assert "Week.yaml 与 issues/drafts/week.YAML 都会生成 drafts/Week.pdf" in result.stderr
    assert set(pdfs(tmp_path / "out")) == {"2023/2023-01.pdf"}
