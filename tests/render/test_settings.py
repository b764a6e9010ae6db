"""The settings an office may change (style: in publication.yaml), end to end."""

from __future__ import annotations

import pytest

from tests.render import pdfmeasure as m
from tests.render.layout_builds import OFFICE_RED, built
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.model import Style
from weekly_pdf.typeset import Typesetter

from tests.issuegen import issue_dict, write_issue

HAN = "科协组织开展学习研讨会议围绕创新驱动发展战略推进首都科技工作者服务平台建设人才培养"


def _issue(issues_dir, style: str):
    (issues_dir / "publication.yaml").write_text(
        (issues_dir / "publication.yaml").read_text(encoding="utf-8") + style, encoding="utf-8")
    return write_issue(issues_dir, issue_dict(5))


def test_style_settings_are_read_and_merged(issues_dir):
    issue = load_issue(_issue(issues_dir, "\nstyle:\n  char_pitch: 16\n  duplex: true\n"))
    assert issue.style.char_pitch == 16 and issue.style.duplex
    assert issue.style.compress_punctuation is True and issue.style.red is None
    assert issue.style.opening_half_width is True


def test_bad_style_settings_are_named_in_chinese(issues_dir):
    path = _issue(issues_dir, "\nstyle:\n  char_pitch: 30\n  red: red\n  duplex: 1\n  pitch: 2\n")
    with pytest.raises(IssueErrors) as caught:
        load_issue(path)
    text = str(caught.value)
    for expected in ("style.red", "#RRGGBB", "style.duplex", "true 或 false", "不认识的字段 pitch"):
        assert expected in text


def test_a_pitch_outside_the_layouts_style_bounds_is_named_with_its_line(issues_dir, project):
    """The range of each style: pitch is the issue's layout's ([style_bounds]
    in layout.toml), checked where the two meet."""
    path = _issue(issues_dir, "\nstyle:\n  char_pitch: 30\n  line_pitch: 28\n")
    issue = load_issue(path)
    line = (issues_dir / "publication.yaml").read_text(encoding="utf-8").splitlines().index(
        "  char_pitch: 30") + 1
    with pytest.raises(IssueErrors) as caught:
        read_layout(project.layout_dir("bulletin")).styled(issue.style, issue.positions)
    error, = caught.value.errors
    assert (error.line, error.path) == (line, "style.char_pitch")
    assert error.file.name == "publication.yaml"
    assert "正文字距（磅）应当在 14.0 到 18.0 之间，这里是 30" in error.message
    assert "[style_bounds]" in error.message
    # any layout's own range is checked when the file is read
    publication = issues_dir / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8").replace(
        "char_pitch: 30", "char_pitch: 200"), encoding="utf-8")
    with pytest.raises(IssueErrors) as caught:
        load_issue(path)
    assert "正文字距（磅）应当在 6.0 到 60.0 之间" in str(caught.value)


def test_a_layout_with_other_style_bounds_accepts_what_the_bulletin_refuses(issues_dir, project):
    import dataclasses
    from weekly_pdf.source.layout import Frozen
    issue = load_issue(_issue(issues_dir, "\nstyle:\n  char_pitch: 20\n"))
    bulletin = read_layout(project.layout_dir("bulletin"))
    wide = dataclasses.replace(bulletin, style_bounds=Frozen(
        {"char_pitch": (14.0, 24.0), "line_pitch": (20.0, 40.0)}))
    assert wide.styled(issue.style).char_pitch == 20
    with pytest.raises(IssueErrors):
        bulletin.styled(issue.style)


def test_a_wider_character_pitch_sets_fewer_characters_a_line(builder, project):
    layout = read_layout(project.layout_dir("bulletin")).styled(Style(char_pitch=16.0))
    wide = Typesetter(builder.fontset, layout).paragraph(HAN * 2).lines
    assert len(wide[1].text) == 27


def test_the_office_red_colours_the_masthead(builder, tmp_path_factory):
    doc = built("overflow-duplex", builder, tmp_path_factory)
    red = tuple(int(OFFICE_RED[i:i + 2], 16) / 255 for i in (1, 3, 5))
    rule = m.horizontal_rules(doc.pages[0])[0]
    assert m._rgb(rule["non_stroking_color"]) == pytest.approx(red, abs=0.003)
    title = next(line for line in doc.pages[0].lines if line.size == 42)
    assert tuple(title.chars[0]["non_stroking_color"]) == pytest.approx(red, abs=0.003)
