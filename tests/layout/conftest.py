"""The layout tests' PDFs as fixtures (built once per session, see layout_builds.py)."""

from __future__ import annotations

import pytest

from tests.layout.layout_builds import built


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
