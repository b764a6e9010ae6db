"""A render reads only layouts/, fonts/ and the issue's folder, and never the network."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import ROOT, SEED_ISSUE
from weekly_pdf.build import Builder
from weekly_pdf.errors import WeeklyPdfError
from weekly_pdf.pdf.engine import ForbiddenResource, LockedFetcher
from weekly_pdf.project import Project


def test_the_fetcher_reads_files_below_its_roots(tmp_path):
    (tmp_path / "a.css").write_text("p {}")
    response = LockedFetcher([tmp_path]).fetch((tmp_path / "a.css").as_uri())
    assert response.read() == b"p {}"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.css",
    "https://example.org/font.woff",
    "ftp://example.org/x",
])
def test_the_fetcher_refuses_everything_else(tmp_path, url):
    with pytest.raises(ForbiddenResource):
        LockedFetcher([tmp_path]).fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out(tmp_path):
    (tmp_path / "inside").mkdir()
    with pytest.raises(ForbiddenResource):
        LockedFetcher([tmp_path / "inside"]).fetch((tmp_path / "inside").as_uri() + "/../secret")


@pytest.mark.parametrize("rule", [
    '@import url("file:///etc/hostname");',
    'body { background: url("http://127.0.0.1:9/x.png"); }',
])
def test_a_layout_that_reaches_out_stops_the_build(tmp_path, rule):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "layouts", root / "layouts")
    (root / "fonts").symlink_to(ROOT / "fonts")
    css = root / "layouts" / "bulletin" / "style.css"
    css.write_text(rule + "\n" + css.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.pdf"
    with pytest.raises(WeeklyPdfError, match="不允许读取的地址"):
        Builder(Project(root)).build(SEED_ISSUE, out)
    assert not out.exists()
