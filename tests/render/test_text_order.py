"""Justified lines stay extractable and copyable in reading order."""

from __future__ import annotations

import re
import subprocess


from tests.textcheck import issue_in_order, seed_in_order


def _pdftotext(pdf) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_textcheck_finds_every_seed_line_in_order(seed):
    result = seed_in_order(seed.pdf)
    assert result.ok, result
    assert result.found == result.total == 53


def test_textcheck_finds_every_piece_of_a_mixed_issue_in_order(mixed):
    result = issue_in_order(mixed.pdf, mixed.issue)
    assert result.ok, result


def test_copied_lines_read_as_written(seed, mixed):
    seed_text = _pdftotext(seed.pdf)
    # one justified line of the seed, copied: the characters, in order, nothing between
    assert "6月28日上午，市科协党组理论学习中心组召开主题教育学" in seed_text.replace(" ", "")
    text = re.sub(r"\s+", "", _pdftotext(mixed.pdf))
    assert "https://www.bast.net.cn/col/col6003/index.html" in text
    assert "skxxxbs@bast.net.cn" in text
    assert "TsinghuaUniversity" in text or "Tsinghua University" in _pdftotext(mixed.pdf)
