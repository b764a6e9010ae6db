"""``weekly-pdf build --pdfa`` and the ``pdfa:`` setting of publication.yaml."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.helpers import run_cli
from tests.issuegen import issue_dict, write_issue


def _part(pdf) -> str | None:
    """The pdfaid:part the PDF's XMP declares, or None."""
    text = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    if "<pdfaid:part>" not in text:
        return None
    return text.split("<pdfaid:part>", 1)[1].split("<", 1)[0]


@pytest.fixture
def small_issue(issues_dir):
    return write_issue(issues_dir, issue_dict(11, number=23, articles=2))


def _set_default(issues_dir, value: str) -> None:
    defaults = issues_dir / "publication.yaml"
    defaults.write_text(defaults.read_text(encoding="utf-8") + f"\npdfa: {value}\n",
                        encoding="utf-8")


@pytest.mark.slow
def test_pdfa_flag_before_the_issue_file_builds_pdfa_1b(small_issue, tmp_path):
    out = tmp_path / "a.pdf"
    result = run_cli("build", "--pdfa", small_issue, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "PDF/A-1b" in result.stdout
    assert _part(out) == "1"


@pytest.mark.slow
def test_publication_default_and_no_pdfa_override(issues_dir, small_issue, tmp_path):
    _set_default(issues_dir, "2b")
    archival, plain = tmp_path / "archival.pdf", tmp_path / "plain.pdf"
    result = run_cli("build", small_issue, "-o", archival)
    assert result.returncode == 0, result.stderr
    assert "PDF/A-2b" in result.stdout
    assert _part(archival) == "2"
    result = run_cli("build", small_issue, "--no-pdfa", "-o", plain)
    assert result.returncode == 0, result.stderr
    assert "PDF/A" not in result.stdout
    assert _part(plain) is None
    assert PdfReader(plain).metadata.title == PdfReader(archival).metadata.title


def test_unknown_level_in_publication_yaml_is_a_chinese_error(issues_dir, small_issue, tmp_path):
    _set_default(issues_dir, "3x")
    out = tmp_path / "never.pdf"
    result = run_cli("build", small_issue, "-o", out)
    assert result.returncode == 1
    assert "publication.yaml" in result.stderr and "pdfa" in result.stderr
    assert "3x" in result.stderr and "1b" in result.stderr and "2b" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("argument", ["--pdfa=3b", "--pdfa=foo"])
def test_unknown_level_on_the_command_line_is_a_usage_error(small_issue, tmp_path, argument):
    result = run_cli("build", small_issue, argument, "-o", tmp_path / "never.pdf")
    assert result.returncode == 2
    assert "错误" in result.stderr and "Traceback" not in result.stderr
    assert "ignored" not in result.stderr
    assert not (tmp_path / "never.pdf").exists()


@pytest.mark.slow
def test_cli_archival_build_is_byte_identical_to_another_process(builder, tmp_path_factory,
                                                                   tmp_path):
    """Two runs in two processes (each with its own hash seed) give the same bytes."""
    from tests.pdf.pdfa.archival_builds import SEED_ISSUE, built
    out = tmp_path / "again.pdf"
    result = run_cli("build", SEED_ISSUE, "--pdfa", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == built("seed-1b", builder, tmp_path_factory).read_bytes()
