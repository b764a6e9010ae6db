"""The OFD tests' builds: each issue built once per session, its PDF and OFD side by side."""

from __future__ import annotations

import pytest

from tests.helpers import SEED_ISSUE
from tests.pdf.ofd.builds import WITH_OFD
from tests.pdf.pdfa.archival_builds import BLOCKS_ISSUE
from tests.built_once import build_once


@pytest.fixture(scope="session")
def seed_built(builder, tmp_path_factory):
    """The seed built with its OFD (weekly_pdf.build.Built: .output, .ofd)."""
    return build_once(builder, tmp_path_factory, SEED_ISSUE, tmp_path_factory.mktemp("ofd-seed") / "2023-20.pdf",
                         WITH_OFD)


@pytest.fixture(scope="session")
def blocks_built(builder, tmp_path_factory):
    """The issue with headings, pictures and tables (tests/data/blocks), with its OFD."""
    return build_once(builder, tmp_path_factory, BLOCKS_ISSUE, tmp_path_factory.mktemp("ofd-blocks") / "2023-21.pdf",
                         WITH_OFD)


@pytest.fixture(scope="session", params=["seed", "blocks"])
def built(request):
    """Each of the two builds in turn."""
    return request.getfixturevalue(f"{request.param}_built")
