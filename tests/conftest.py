"""Fixtures of every test folder: the real project (layouts/, fonts/), its
builder, the seed built once. Plain helpers live in :mod:`tests.helpers`."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE
from tests.render.layout_builds import built
from tests.built_once import build_once


def pytest_configure(config):
    """Let the commands under test feel Ctrl-C as a user's terminal sends it.

    A shell starts a background job with SIGINT ignored, and an ignored signal
    stays ignored in every child: tests that press Ctrl-C (watch, build-all)
    would then wait for nothing. A handled signal is reset to its default in
    the children, so handling it here gives them the terminal's behaviour.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def project():
    from weekly_pdf.project import Project
    return Project(ROOT)


@pytest.fixture(scope="session")
def builder(project):
    from weekly_pdf.build import Builder
    return Builder(project)


@pytest.fixture(scope="session")
def seed_pdf(builder, tmp_path_factory) -> Path:
    """The seed issue built once for the whole session."""
    out = tmp_path_factory.mktemp("seed") / "2023-20.pdf"
    build_once(builder, tmp_path_factory, SEED_ISSUE, out)
    return out


@pytest.fixture
def issues_dir(tmp_path) -> Path:
    """An issues/ folder with the real publication.yaml, for made-up issues."""
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    return folder


# The page-look builds (tests/render/layout_builds.py), built once per session,
# shared by the render, typeset and pdf tests.

@pytest.fixture(scope="session")
def seed(builder, tmp_path_factory):
    return built("seed", builder, tmp_path_factory)


@pytest.fixture(scope="session")
def mixed(builder, tmp_path_factory):
    return built("mixed", builder, tmp_path_factory)


@pytest.fixture(scope="session")
def overflow(builder, tmp_path_factory):
    return built("overflow", builder, tmp_path_factory)


@pytest.fixture(scope="session")
def duplex(builder, tmp_path_factory):
    return built("overflow-duplex", builder, tmp_path_factory)
