"""The glyph check checks what the layout's templates print, nothing more and
nothing less: a character no font has is refused in every field the layout
prints, named by its field and place, and accepted in a field it does not
print (the bulletin prints no mark:, the briefing no contents).
"""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import ROOT, SEED_ISSUE
from weekly_pdf.errors import IssueErrors

NONE = "\U00013000"  # an Egyptian hieroglyph: no bundled font has it


def _seed(issues_dir, layout: str, edit=lambda text: text, extra: str = ""):
    issue = issues_dir / "2023" / SEED_ISSUE.name
    issue.parent.mkdir(exist_ok=True)
    issue.write_text(edit(SEED_ISSUE.read_text(encoding="utf-8")) + f"\nlayout: {layout}\n"
                     + extra, encoding="utf-8")
    return issue


def _refused(builder, issue) -> list:
    with pytest.raises(IssueErrors) as caught:
        builder.check(issue)
    return caught.value.errors


#: (field path, what to write in the seed, layouts that print it)
FIELDS = [
    ("sections[0].articles[0].title", lambda t: t.replace("- title: 市科协党组", f"- title: 市{NONE}科协党组", 1),
     ("bulletin", "briefing")),
    ("sections[0].column", lambda t: t.replace("column: 主题教育", f"column: 主题{NONE}教育", 1),
     ("bulletin", "briefing")),
    ("publisher", lambda t: t + f"publisher: 北京市科协{NONE}办公室\n", ("bulletin", "briefing")),
    ("mark", lambda t: t + f"mark: 内部{NONE}资料\n", ("briefing",)),
    ("toc_title", lambda t: t + f"toc_title: 目录{NONE}\n", ("bulletin",)),
    ("footer.email", lambda t: t + f"footer:\n  email: a{NONE}@example.org\n", ("bulletin",)),
]


@pytest.mark.parametrize("layout", ["bulletin", "briefing"])
@pytest.mark.parametrize("path, edit, printed_by", FIELDS, ids=[f[0] for f in FIELDS])
def test_a_character_no_font_has_is_refused_where_the_layout_prints_it(
        builder, issues_dir, layout, path, edit, printed_by):
    issue = _seed(issues_dir, layout, edit)
    if layout not in printed_by:
        builder.check(issue)  # not printed: nothing to draw
        return
    error, = _refused(builder, issue)
    assert error.path == path
    assert f"字 “{NONE}”（U+13000） 在所有可用字体里都没有" in error.message
    lines = issue.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if NONE in text)
    assert (error.file.name, error.line) == (issue.name, line)


def test_a_label_is_checked_where_its_template_prints_it(issues_dir, tmp_path):
    """labels.print_run is printed by the briefing only, in the footer's font;
    a character of it no font has is named in the layout.toml that writes it."""
    from weekly_pdf.build import Builder
    from weekly_pdf.project import Project
    root = tmp_path / "project"
    root.mkdir()
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    shutil.copytree(issues_dir, root / "issues")
    toml = root / "layouts" / "briefing" / "layout.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "（共印{count}份）", f"（共印{{count}}{NONE}份）"), encoding="utf-8")
    local = Builder(Project(root))
    local.check(_seed(root / "issues", "briefing"))  # no print_run: the label is not printed
    error, = _refused(local, _seed(root / "issues", "briefing", extra="print_run: 120\n"))
    assert error.path == "briefing/layout.toml labels.print_run"
    local.check(_seed(root / "issues", "bulletin", extra="print_run: 120\n"))


def test_the_characters_the_stylesheet_prints_are_checked_too(builder):
    from weekly_pdf.render.html import printed_texts
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.source.load import load_issue
    texts = printed_texts(load_issue(SEED_ISSUE), read_layout(ROOT / "layouts" / "briefing"),
                          builder.fontset)
    assert ("style.css", "—0123456789", "song") in texts  # the page numbers
    # the briefing prints its number in the masthead from its own template
    assert ("briefing/issue.html", "第20期", "body") in texts
