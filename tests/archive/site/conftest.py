"""Fixtures of the site tests: an archive built into PDFs once, its site, a browser."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from tests.archive.archive_tools import build_all
from tests.archive.site.browser import Browser
from tests.archive.site.sitegen import write_search_archive, write_seed
from tests.helpers import run_cli
from tests.issuegen import issue_dict, write_issue

#: The issue of the archive written after its PDFs were built: it has none.
WITHOUT_PDF = "2024年第3期"


@pytest.fixture(scope="session")
def pdf_archive(tmp_path_factory) -> Path:
    """issues/ (the search archive and the seed) built into out/ with build-all,
    the seed's page previews drawn; then one more issue, without a PDF."""
    root = tmp_path_factory.mktemp("site-archive")
    issues = root / "issues"
    write_search_archive(issues)
    write_seed(issues)
    result = build_all(issues, root / "out", "-j", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    preview = run_cli("preview", root / "out" / "2023" / "2023-20.pdf")
    assert preview.returncode == 0, preview.stderr
    write_issue(issues, issue_dict(3, year=2024, number=3, total=97,
                                   date=datetime.date(2024, 1, 19)))
    return root


@pytest.fixture(scope="session")
def site(pdf_archive) -> Path:
    """The site of :func:`pdf_archive`, built by ``weekly-pdf site`` into out/site."""
    result = run_cli("site", pdf_archive / "issues", cwd=pdf_archive)
    assert result.returncode == 0, result.stdout + result.stderr
    return pdf_archive / "out" / "site"


@pytest.fixture
def archive_copy(pdf_archive, tmp_path) -> Path:
    """A copy of :func:`pdf_archive` (issues/ and out/ without the site) to change."""
    shutil.copytree(pdf_archive / "issues", tmp_path / "issues")
    shutil.copytree(pdf_archive / "out", tmp_path / "out", ignore=shutil.ignore_patterns("site"))
    return tmp_path


@pytest.fixture(scope="module")
def browser():
    chrome = Browser()
    yield chrome
    chrome.quit()
