"""Fonts: the manifest is true, only bundled (or office) fonts are used, and a
character no font has is an error, never a blank box."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

from tests.helpers import ROOT, copy_project, run_cli
from weekly_pdf.errors import IssueErrors
from weekly_pdf.fonts.fontset import file_sha256, load_fontset
from weekly_pdf.fonts.manifest import ROLES

ISSUE = textwrap.dedent("""\
    year: 2023
    number: 20
    total: 73
    date: 2023-07-07
    sections:
      - column: 主题教育
        articles:
          - title: 标题
            body: |
              正文{char}一段。
    """)


def test_the_manifest_matches_every_bundled_file():
    fontset = load_fontset(ROOT / "fonts")
    for name, entry in fontset.manifest.fonts.items():
        assert entry.path.parent == ROOT / "fonts", name
        assert file_sha256(entry.path) == entry.sha256, name
        assert (ROOT / "fonts" / entry.license).is_file(), name
        assert entry.package and entry.version


def test_every_role_has_a_font_and_a_fallback():
    fontset = load_fontset(ROOT / "fonts")
    assert set(fontset.roles) == set(ROLES)
    for role, chain in fontset.roles.items():
        assert len(chain) >= 2, role


def test_a_character_no_font_has_is_an_error_naming_it(issues_dir):
    path = issues_dir / "2023" / "2023-20.yaml"
    path.parent.mkdir()
    path.write_text(ISSUE.format(char="\U00013000"), encoding="utf-8")   # 𓀀
    result = run_cli("check", path)
    assert result.returncode == 1
    assert "U+13000" in result.stderr
    assert "sections[0].articles[0].body[0]" in result.stderr
    assert "2023-20.yaml" in result.stderr and "第 10 行" in result.stderr


def test_fontset_check_lists_fallback_characters():
    fontset = load_fontset(ROOT / "fonts")
    fallbacks = fontset.check([("x.title", "标题喆", "title"), ("x.body", "王玥", "body")], None)
    assert {(f.char, f.font) for f in fallbacks} == {
        ("喆", "NotoSerifCJKsc-Bold"), ("玥", "NotoSerifCJKsc-Regular")}
    with pytest.raises(IssueErrors):
        fontset.check([("x.body", "\U00013000", "body")], None)


@pytest.fixture
def office_project(tmp_path):
    """A copy of the project whose office dropped a licensed font into fonts/local/."""
    root = copy_project(tmp_path / "project")
    local = root / "fonts" / "local"
    # Stand-in for a licensed 仿宋_GB2312: any font file the office owns.
    shutil.copy(ROOT / "fonts" / "LXGWWenKai-Regular.ttf", local / "OfficeFangSong.ttf")
    (local / "fonts.toml").write_text('[roles]\nbody = "OfficeFangSong.ttf"\n', encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_font_in_fonts_local_takes_over_its_role(office_project, tmp_path):
    out = tmp_path / "office.pdf"
    result = run_cli("build", office_project / "issues" / "2023" / "2023-20.yaml", "-o", out,
                     cwd=office_project)
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "local-LXGWWenKai-Regular" in fonts
    assert "FandolFang-Regular" not in fonts     # every body character is in the office font
