"""The archival tests' PDFs as fixtures (built once per session, see archival_builds.py)."""

from __future__ import annotations

import pytest

from tests.pdf.pdfa.archival_builds import built


@pytest.fixture(scope="session")
def seed_1b(builder, tmp_path_factory):
    return built("seed-1b", builder, tmp_path_factory)


@pytest.fixture(scope="session")
def seed_2b(builder, tmp_path_factory):
    return built("seed-2b", builder, tmp_path_factory)


@pytest.fixture(scope="session")
def rich_1b(builder, tmp_path_factory):
    return built("rich-1b", builder, tmp_path_factory)
