"""Templates and stylesheets inherit: a layout that extends the bulletin uses
its issue.html and style.css, overrides only the blocks and rules it writes,
and its stylesheet comes after the parent's in the cascade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE
from tests.render import pdfmeasure as m
from weekly_pdf.errors import WeeklyPdfError

RED = (1.0, 0.0, 0.0)


def _project(root: Path, layout: str, files: dict[str, str]) -> Path:
    """A project whose layouts/ holds the bulletin and ``layout`` (its files);
    returns the seed issue in it, set to that layout."""
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "layouts" / "bulletin", root / "layouts" / "bulletin")
    for name, text in files.items():
        (root / "layouts" / layout / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "layouts" / layout / name).write_text(text, encoding="utf-8")
    issue = root / "issues" / "2023" / SEED_ISSUE.name
    issue.parent.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "issues")
    issue.write_text(SEED_ISSUE.read_text(encoding="utf-8") + f"\nlayout: {layout}\n",
                     encoding="utf-8")
    return issue


def _build(issue: Path) -> Path:
    from weekly_pdf.build import Builder
    from weekly_pdf.project import find_project
    pdf = issue.parent / "out.pdf"
    Builder(find_project(issue)).build(issue, pdf)
    return pdf


def test_a_layout_of_one_line_prints_the_bulletin_byte_for_byte(tmp_path, seed_pdf):
    issue = _project(tmp_path, "same", {
        "layout.toml": '[layout]\nextends = "bulletin"\ndescription = "同周报"\n'})
    assert _build(issue).read_bytes() == seed_pdf.read_bytes()


@pytest.fixture(scope="module")
def child(tmp_path_factory):
    """A layout that drops the contents block and paints the masthead title
    black in its own stylesheet; everything else is the bulletin's."""
    issue = _project(tmp_path_factory.mktemp("child"), "child", {
        "layout.toml": '[layout]\nextends = "bulletin"\ndescription = "无目录"\n',
        "issue.html": '{% extends "bulletin/issue.html" %}\n{% block contents %}{% endblock %}\n',
        "style.css": ".masthead-title { color: #000; }\n"})
    return m.read(_build(issue))


def test_an_overridden_block_replaces_the_parents(child, seed_pdf):
    text = "".join(line.text for page in child for line in page.lines)
    assert "目录提要" not in text
    seed = m.read(seed_pdf)
    assert "目录提要" in "".join(line.text for line in seed[0].lines)
    # the articles are the bulletin's, set on the same grid
    body = [line.text for page in child for line in page.lines if m.is_body(line)]
    assert body == [line.text for page in seed for line in page.lines if m.is_body(line)]


def test_the_childs_stylesheet_wins_over_the_parents(child):
    title = next(line for line in child[0].lines if line.text.startswith("科协每周动态"))
    assert title.size == 42  # the bulletin's rule
    assert tuple(title.chars[0]["non_stroking_color"]) != pytest.approx(RED, abs=0.003)
    rule = m.horizontal_rules(child[0])[0]  # the bulletin's red rule is kept
    assert m._rgb(rule["non_stroking_color"]) == pytest.approx(RED, abs=0.003)


def test_stylesheets_are_linked_parent_first(builder):
    from weekly_pdf.render.html import ClosingPlacement, render_html
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.source.load import load_issue
    from weekly_pdf.typeset import typeset_issue
    issue = load_issue(SEED_ISSUE)
    layout = read_layout(ROOT / "layouts" / "briefing")
    html = render_html(issue, layout, builder.fontset, closing=ClosingPlacement(),
                       articles=typeset_issue(issue, layout, builder.fontset))
    assert html.index('href="../bulletin/style.css"') < html.index('href="style.css"')


def test_a_template_extending_no_ancestor_is_named(tmp_path):
    issue = _project(tmp_path, "lost", {
        "layout.toml": '[layout]\nextends = "bulletin"\ndescription = "迷路"\n',
        "issue.html": '{% extends "briefing/issue.html" %}\n'})
    with pytest.raises(WeeklyPdfError, match="版式 lost 找不到模板 briefing/issue.html"):
        _build(issue)


@pytest.mark.parametrize("name", ["bulletin", "briefing"])
def test_a_column_name_a_fallback_font_draws_keeps_the_line_pitch_in_every_layout(
        builder, name):
    """喆 is not in the heading font: the character is marked so that its
    fallback font's taller line box cannot push the page off the grid. (The
    briefing printed its column heads unmarked before it extended the bulletin.)"""
    import dataclasses
    from weekly_pdf.render.html import ClosingPlacement, render_html
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.source.load import load_issue
    from weekly_pdf.typeset import typeset_issue
    issue = load_issue(SEED_ISSUE)
    section = dataclasses.replace(issue.sections[0], column="张喆工作")
    issue = dataclasses.replace(issue, sections=(section, *issue.sections[1:]))
    layout = read_layout(ROOT / "layouts" / name)
    html = render_html(issue, layout, builder.fontset, closing=ClosingPlacement(),
                       articles=typeset_issue(issue, layout, builder.fontset))
    assert '【张<span class="fallback">喆</span>工作】</h2>' in html
