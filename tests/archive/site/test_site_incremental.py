"""A site build rewrites only the pages whose bytes change, removes only the
files it made, and does not read an unchanged PDF again."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from tests.archive.site.sitegen import write_seed
from tests.archive.site.sitepages import page
from tests.helpers import ROOT, copy_project
from tests.issuegen import issue_dict, write_archive, write_issue
from weekly_pdf.archive.inputs import layouts_digest
from weekly_pdf.archive.site import build_site
from weekly_pdf.project import Project


@pytest.fixture
def archive(issues_dir) -> Path:
    """Six issues of 2024, no PDFs (a site does not need them)."""
    write_archive(issues_dir, 6, year=2024, total=100)
    return issues_dir


def build(issues: Path):
    return build_site(Project(ROOT), issues, issues.parent / "out",
                      issues.parent / "out" / "site")


def stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file() and not p.name.startswith(".")}


def unit_pages_of(site: Path, page_name: str) -> set[str]:
    root = page(site / page_name)
    return {os.path.normpath(os.path.join("2024", href)) for href in
            root.xpath("//p[@class='src']/a/@href")}


def test_one_new_issue_rewrites_only_the_pages_that_change(archive):
    first = build(archive)
    site = first.site_dir
    assert first.issues == 6 and not first.failures
    before = stamps(site)
    write_issue(archive, issue_dict(2024007, year=2024, number=7, total=106,
                                    date=datetime.date(2024, 2, 17)))
    second = build(archive)
    units = unit_pages_of(site, "2024/2024-07.html")
    expected = {"2024/2024-07.html",   # the new issue
                "2024/2024-06.html",   # its "下一期" link
                "2024/index.html",     # the year lists it
                "index.html",          # newest issue, counts
                "data/2024.js",        # its words for the search
                } | units          # the pages of its units, and their counts:
    if units:
        expected.add("units/index.html")
    assert units   # (the generated issue has contributors)
    assert set(second.written) == expected
    after = stamps(site)
    untouched = {name for name in before if name not in expected}
    assert untouched and all(after[name] == before[name] for name in untouched)
    assert second.removed == [] and second.unchanged == len(after) - len(expected)


def test_a_build_with_nothing_changed_writes_nothing(archive):
    site = build(archive).site_dir
    before = stamps(site)
    again = build(archive)
    assert again.written == [] and again.removed == []
    assert stamps(site) == before


def test_a_lost_state_file_rewrites_nothing_that_has_the_same_bytes(archive):
    site = build(archive).site_dir
    before = stamps(site)
    (site / ".weekly-pdf-site.json").unlink()
    again = build(archive)
    assert again.written == [] and stamps(site) == before


def test_a_page_changed_by_hand_is_written_again(archive):
    site = build(archive).site_dir
    (site / "2024" / "2024-03.html").write_text("改坏了", encoding="utf-8")
    again = build(archive)
    assert again.written == ["2024/2024-03.html"]
    assert "第3期" in (site / "2024" / "2024-03.html").read_text(encoding="utf-8")


def test_a_removed_issue_loses_its_page_and_only_files_the_site_made_are_removed(archive):
    site = build(archive).site_dir
    (site / "说明.txt").write_text("本单位自己放的文件", encoding="utf-8")
    (archive / "2024" / "2024-06.yaml").unlink()
    again = build(archive)
    assert "2024/2024-06.html" in again.removed
    assert not (site / "2024" / "2024-06.html").exists()
    assert (site / "说明.txt").read_text(encoding="utf-8") == "本单位自己放的文件"
    assert set(again.removed) <= {"2024/2024-06.html"} | {
        p for p in again.removed if p.startswith("units/u")}
    for gone in archive.glob("2024/*.yaml"):
        assert (site / "2024" / gone.with_suffix(".html").name).exists()


def test_an_issue_of_a_year_that_goes_away_takes_the_year_with_it(archive):
    write_issue(archive, issue_dict(2025001, year=2025, number=1, total=106,
                                    date=datetime.date(2025, 1, 3)))
    site = build(archive).site_dir
    assert (site / "2025" / "index.html").exists() and (site / "data" / "2025.js").exists()
    (archive / "2025" / "2025-01.yaml").unlink()
    again = build(archive)
    assert {"2025/2025-01.html", "2025/index.html", "data/2025.js"} <= set(again.removed)
    assert not (site / "2025").exists()


def test_an_unchanged_pdf_is_not_read_again(issues_dir, seed_pdf):
    write_seed(issues_dir)
    out = issues_dir.parent / "out"
    pdf = out / "2023" / "2023-20.pdf"
    pdf.parent.mkdir(parents=True)
    shutil.copy2(seed_pdf, pdf)
    site = build(issues_dir).site_dir
    links = page(site / "2023" / "2023-20.html").xpath("//article/a/@href")
    assert links[1].endswith("2023-20.pdf#page=3")
    # The same size and time, other bytes: the site keeps what it read (no re-reading).
    stat = pdf.stat()
    pdf.write_bytes(b"%" * stat.st_size)
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = build(issues_dir)
    assert again.written == []
    # A new time: the file is hashed, found changed, read: no outline, no page links.
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    third = build(issues_dir)
    assert "2023/2023-20.html" in third.written
    root = page(site / "2023" / "2023-20.html")
    assert root.xpath("//article/a[contains(@href, '#page=')]") == []
    assert root.xpath("//p[@class='pdf']/a/@href") == ["../../2023/2023-20.pdf"]


def test_a_change_of_the_site_look_does_not_touch_what_the_pdfs_depend_on(tmp_path):
    project = copy_project(tmp_path / "project")
    before = layouts_digest(project / "layouts")
    css = project / "layouts" / "bulletin" / "site" / "assets" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 改了 */\n", encoding="utf-8")
    (project / "layouts" / "bulletin" / "site" / "issue.html").write_text("{# 改了 #}",
                                                                         encoding="utf-8")
    assert layouts_digest(project / "layouts") == before
