"""weekly-pdf fonts: the role → font table, and an issue's fallback and missing characters."""

from __future__ import annotations

import shutil

from tests.helpers import ROOT, SEED_ISSUE, run_cli


def _fallback_char() -> str:
    """A character the body font lacks and its first fallback has."""
    from weekly_pdf.fonts.fontset import load_fontset
    own, fallback = load_fontset(ROOT / "fonts").roles["body"][:2]
    return next(chr(c) for c in range(0x4E00, 0xA000)
                if c not in own.cmap and c in fallback.cmap)


def test_fonts_lists_every_role_with_file_version_and_licence():
    result = run_cli("fonts")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for role in ("title", "body", "heading", "kai", "song"):
        assert f"（{role}）" in out
    body = out.split("（body）")[1].split("（heading）")[0]
    first, second = body.strip().splitlines()[:2]
    assert first.split()[:2] == ["本体", "FandolFang"]
    assert "fonts/FandolFang-Regular.otf" in first and "1.300" in first
    assert "GPL-3.0 + font exception" in first
    assert "随程序附带" in first
    assert second.strip().startswith("后备1") and "Noto Serif CJK SC" in second and "OFL-1.1" in second


def test_fonts_of_an_issue_names_the_fallback_character_and_where(issues_dir):
    char = _fallback_char()
    issue = issues_dir / "2023" / "2023-20.yaml"
    issue.parent.mkdir()
    text = SEED_ISSUE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    body = next(i for i, line in enumerate(lines) if line.lstrip().startswith("body:"))
    # The first body paragraph gets the character; find its line in the file.
    target = next(i for i in range(body + 1, len(lines)) if lines[i].strip())
    lines[target] = lines[target].rstrip("\n") + char + "\n"
    issue.write_text("".join(lines), encoding="utf-8")
    result = run_cli("fonts", issue)
    assert result.returncode == 0, result.stderr
    report = result.stdout.split("2023-20.yaml：")[1]
    assert f"“{char}”（U+{ord(char):04X}）正文（仿宋） → NotoSerifCJKsc-Regular" in report
    # The character's own line and column (the paragraph starts lines earlier).
    column = len(lines[target].rstrip("\n"))
    assert f"第 {target + 1} 行第 {column} 列，字段 sections[0].articles[0].body[0]" in report
    # build names the same place.
    built = run_cli("build", issue, "-o", issues_dir / "out.pdf")
    assert built.returncode == 0, built.stderr
    assert (f"“{char}”（U+{ord(char):04X}）正文（仿宋） → NotoSerifCJKsc-Regular，"
            f"见第 {target + 1} 行第 {column} 列，字段 sections[0].articles[0].body[0]") in built.stdout


def test_fonts_of_an_issue_names_a_character_no_font_has(issues_dir):
    issue = issues_dir / "2023" / "2023-20.yaml"
    issue.parent.mkdir()
    shutil.copy(SEED_ISSUE, issue)
    text = issue.read_text(encoding="utf-8").replace(
        "- title: 市科协党组", "- title: 市\U0002A6A5科协党组", 1)
    issue.write_text(text, encoding="utf-8")
    result = run_cli("fonts", issue)
    assert result.returncode == 1
    assert "无法印出" in result.stdout and "U+2A6A5" in result.stdout
    column = text.splitlines()[11].index("\U0002A6A5") + 1
    assert f"第 12 行第 {column} 列" in result.stdout
    assert "sections[0].articles[0].title" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fonts_marks_an_office_supplied_font_and_its_bundled_fallback(tmp_path):
    from tests.helpers import copy_project
    root = copy_project(tmp_path / "project")
    shutil.copy(ROOT / "fonts" / "FandolKai-Regular.otf", root / "fonts" / "local" / "office.otf")
    (root / "fonts" / "local" / "fonts.toml").write_text(
        '[roles]\ntitle = "office.otf"\n', encoding="utf-8")
    result = run_cli("fonts", cwd=root)
    assert result.returncode == 0, result.stderr
    title = result.stdout.split("（title）")[1].split("（body）")[0].strip().splitlines()
    assert title[0].split()[:2] == ["本体", "FandolKai"]
    assert "本单位自备" in title[0] and "fonts/local/office.otf" in title[0]
    assert title[1].strip().startswith("后备1  FandolSong Bold") and "随程序附带" in title[1]
