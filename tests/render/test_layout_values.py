"""The values the typesetter and the stylesheet share come from layout.toml only.

A layout that extends the bulletin with thicker table rules, wider cell
padding and a lower picture limit is built with the block issue: the PDF's
rules have the new width, a six-character name still fits its column on one
line (the column widths count the padding and rules the CSS draws), and no
picture frame is taller than the new limit.
"""

from __future__ import annotations

import shutil

import pytest

from tests import plumbed
from tests.render.test_blocks_pdf import ISSUE, _cell_lines
from tests.helpers import ROOT

RULE, PADDING_EM, MAX_LINES = 2.0, 1.0, 6
PITCH, PAD = 28.99, 3.0


@pytest.fixture(scope="module")
def thick(tmp_path_factory):
    from weekly_pdf.build import Builder
    from weekly_pdf.project import Project
    root = tmp_path_factory.mktemp("thick")
    (root / "fonts").symlink_to(ROOT / "fonts")
    (root / "layouts").mkdir()
    shutil.copytree(ROOT / "layouts" / "bulletin", root / "layouts" / "bulletin")
    (root / "layouts" / "thick").mkdir()
    (root / "layouts" / "thick" / "layout.toml").write_text(
        f'[layout]\nextends = "bulletin"\ndescription = "粗线表格"\n'
        f'[table]\nrule_pt = {RULE}\ncell_padding_em = {PADDING_EM}\n'
        f'[image]\nmax_lines = {MAX_LINES}\n', encoding="utf-8")
    issues = root / "issues"
    shutil.copytree(ISSUE.parent.parent, issues)
    shutil.copy(ROOT / "issues" / "publication.yaml", issues)
    issue = issues / "2023" / ISSUE.name
    issue.write_text(issue.read_text(encoding="utf-8") + "\nlayout: thick\n", encoding="utf-8")
    pdf = root / "out.pdf"
    Builder(Project(root)).build(issue, pdf)
    return pdf


def test_the_table_rules_have_the_layouts_width(thick):
    """A cell's border is painted as its outer box less its inner one: the
    left border's width is the gap between the two."""
    widths = set()
    with plumbed.open(str(thick)) as doc:
        for page in doc.pages:
            rects = page.rects
            for outer in rects:
                for inner in rects:
                    if inner is not outer and abs(inner["x1"] - outer["x1"]) < 0.01 \
                            and 0 < inner["x0"] - outer["x0"] < 5 \
                            and abs((inner["top"] - outer["top"]) - RULE) < 0.01:
                        widths.add(round(inner["x0"] - outer["x0"], 2))
    assert widths == {RULE}


def test_a_six_character_name_keeps_one_line_in_its_column(thick):
    lines = [line for column in _cell_lines(thick) for line in column]
    assert "北京制冷学会" in lines and "市科协机关" in lines


def test_no_picture_is_taller_than_the_layouts_limit(thick):
    with plumbed.open(str(thick)) as doc:
        heights = [image["height"] for page in doc.pages for image in page.images]
    assert heights and max(heights) <= MAX_LINES * PITCH - 2 * PAD + 0.01
    # the bulletin's own limit (19 lines) lets the tallest picture be taller
    assert max(heights) > MAX_LINES * PITCH - 2 * PAD - 1
