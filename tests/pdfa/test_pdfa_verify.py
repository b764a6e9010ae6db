"""``weekly-pdf verify``: PDFBox Preflight's verdict on each file, in Chinese."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import run_cli
from tests.pdfa.archival_builds import built
from weekly_pdf.pdf.pdfa.preflight import INSTALL, PreflightMissing, classpath


@pytest.mark.slow
def test_verify_names_valid_and_invalid_files_and_fails_unless_all_are_valid(
        builder, tmp_path_factory, seed_pdf, tmp_path):
    folder = tmp_path / "归档 2023"
    folder.mkdir()
    valid = folder / "2023年第20期.pdf"     # a Chinese name in a folder with a space
    shutil.copy(built("seed-1b", builder, tmp_path_factory), valid)
    plain = tmp_path / "2023-20.pdf"
    shutil.copy(seed_pdf, plain)
    result = run_cli("verify", valid, plain, tmp_path / "nope.pdf", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "符合 PDF/A-1b：归档 2023/2023年第20期.pdf" in result.stdout
    assert "不符合 PDF/A-1b：2023-20.pdf" in result.stdout
    assert "3.1.11 Invalid Font definition" in result.stdout      # PDFBox's own finding
    assert "找不到文件 nope.pdf" in result.stderr
    assert "共核对 3 个文件，1 个符合，2 个不符合或无法核对。" in result.stdout

    alone = run_cli("verify", valid, cwd=tmp_path)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert alone.stdout.strip() == "符合 PDF/A-1b：归档 2023/2023年第20期.pdf"


def test_without_java_verify_says_how_to_install_it(seed_pdf, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli("verify", seed_pdf, env={"PATH": str(empty)})
    assert result.returncode == 1
    assert "没有找到 Java 运行环境" in result.stderr
    assert ("apt-get install default-jre-headless libpdfbox2-java libactivation-java "
            "libjaxb-api-java") in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_without_pdfbox_the_missing_jars_are_named(tmp_path):
    if shutil.which("java") is None:
        pytest.skip("no java here: the message about Java comes first")
    with pytest.raises(PreflightMissing) as caught:
        classpath(tmp_path)
    assert "preflight.jar" in str(caught.value) and INSTALL in str(caught.value)
