"""A PDF in which pictures and tables were placed again to fill its pages
imports back into exactly its issue.

When a block does not fit where it falls, weekly_pdf.pdf.placement shrinks
it, moves the text after it before it (cutting the last paragraph at the
foot of the page and going on under the block), or raises it before its
article's lines on the page; a long table's rows of several lines split
over page breaks. Each issue of tests/pdf/placegen.py's RULES forces one of
these: the tests first check, on the printed pages, that it did happen
(printed order, sizes), then import the PDF and compare the whole issue
(importcheck.full_key: every paragraph, heading, picture with its caption
and printed size, table with its rows and caption, in the issue's order).
Generated issues full of pictures and tables (placegen's picture and table
issues, the split-table issue of test_placement) go the same way.

Only what was placed again is named in the PDF: an issue whose blocks all
stand where the issue puts them has no name of the kind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from tests import plumbed
from tests.helpers import ROOT
from tests.issuegen import write_issue
from tests.pdf.placegen import RULES, picture_issue, rule_issue, table_issue
from tests.render import pdfmeasure as m
from tests.source.importer.importcheck import differences, full_key
from weekly_pdf.source.importer import import_file
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import Image, ItemList, Table
from tests.built_once import build_many


def _root(tmp_path_factory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name)
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
    return root


@pytest.fixture(scope="module")
def rule_pdfs(builder, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = {}
    for n, rule in enumerate(RULES):
        root = _root(tmp_path_factory, f"rule{n}")
        issue = write_issue(root, rule_issue(root / "2023", rule))
        out[rule] = issue, root / "out.pdf"
    build_many(builder, tmp_path_factory, list(out.values()))
    return out


def _names(pdf: Path) -> list[str]:
    """The named destinations of weekly-pdf's place marks (wp-…)."""
    return sorted(name for name in pypdf.PdfReader(str(pdf)).named_destinations
                  if name.startswith("wp-"))


class _Printed:
    """Where the items of an issue's first article are printed: (page, top)."""

    def __init__(self, issue_file: Path, pdf: Path):
        self.article = load_issue(issue_file).sections[0].articles[0]
        lines = m.body_lines(m.read(pdf))
        self.text = "".join(line.text for line in lines)
        self.owner = [line for line in lines for _ in line.text]  # the line of each character
        with plumbed.open(str(pdf)) as document:
            self.pictures = [(page.page_number, image["top"], image["height"])
                             for page in document.pages for image in page.images]
            self.captions = [(page.page_number, word["top"]) for page in document.pages
                             for word in page.extract_words() if word["text"].startswith("表1")]

    def _at(self, offset: int) -> tuple[int, float]:
        line = self.owner[offset]
        return line.page, line.top

    def _text(self, index: int) -> str:
        item = self.article.body[index]
        return "".join(item.printed) if isinstance(item, ItemList) else item

    def start(self, index: int) -> tuple[int, float]:
        """Where paragraph (or list) ``index`` of the body starts."""
        return self._at(self.text.index(self._text(index)))

    def end(self, index: int) -> tuple[int, float]:
        """Where its last line is."""
        text = self._text(index)
        return self._at(self.text.index(text) + len(text) - 1)

    def block(self, index: int) -> tuple[int, float]:
        """Where block ``index`` (the article's only picture or table) is."""
        item = self.article.body[index]
        if isinstance(item, Table):
            (where,) = self.captions
            return where
        page, top, _ = self.pictures[0]
        return page, top


def _blocks(article) -> list[int]:
    return [k for k, item in enumerate(article.body) if isinstance(item, (Image, Table))]


@pytest.mark.slow
def test_each_rule_happens_on_the_page(rule_pdfs):
    """What each issue is made to force is what the pages show."""
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.typeset.blocks import image_size

    for rule, (issue_file, pdf) in rule_pdfs.items():
        printed = _Printed(issue_file, pdf)
        names = _names(pdf)
        if rule == "split rows":
            continue  # below
        (block,) = _blocks(printed.article)
        where = printed.block(block)
        if rule == "shrink":
            # the picture is where the issue puts it, smaller than its size
            height = image_size(printed.article.body[block],
                                read_layout(ROOT / "layouts" / "bulletin")).height
            assert printed.end(block - 1) < where < printed.start(block + 1), rule
            assert printed.pictures[0][2] < height - 10, rule
            assert [n.split("-")[1] for n in names] == ["shrunk"], (rule, names)
        elif rule.startswith("defer"):
            # the text after the block starts before it, at the foot of the page before;
            # a paragraph cut for it ends after it
            kinds = [n.split("-")[1] for n in names]
            assert printed.start(block + 1) < where, (rule, where)
            assert where[0] == printed.start(block + 1)[0] + 1 and where[1] < m.TOP + 10, rule
            assert where < printed.end(block + 1), (rule, where)
            if rule == "defer a list":  # cut between two items: nothing goes on unindented
                assert kinds == ["moved"], (rule, names)
            else:
                assert kinds == ["continued", "moved"], (rule, names)
        else:
            # the article ends in the picture: it is printed before text that comes
            # before it in the issue, in the middle of a paragraph (at the top of the
            # page where that paragraph goes on) or before one that starts a page
            inside = [j for j in range(block) if printed.start(j) < where < printed.end(j)]
            before = [j for j in range(block) if where < printed.start(j)]
            if rule == "raise":
                assert inside and where[1] < m.TOP + 10, (rule, where)
                assert [n.split("-")[1] for n in names] == ["continued", "moved"], (rule, names)
            else:
                assert before and not inside and where[1] < m.TOP + 10, (rule, where)
                assert names == [f"wp-moved-0-0-{block}"], (rule, names)


@pytest.mark.slow
def test_a_split_row_goes_on_under_the_repeated_header(rule_pdfs):
    """The rows of several lines of the long table: at least one goes on on
    the next page, under the header (its short cells, 序号 and 单位, were
    all printed on the page before)."""
    from weekly_pdf.source.importer.pdf_page import read_pages

    _, pdf = rule_pdfs["split rows"]
    grids = [grid for page in read_pages(pdf) for grid in page.grids]
    assert len(grids) >= 3
    rests = [grid for grid in grids[1:] if grid.rows[0][0].text == "序号"
             and grid.rows[1][0].text == "" and grid.rows[1][2].text]
    assert rests, [[cell.text[:6] for cell in grid.rows[1]] for grid in grids]


@pytest.mark.slow
@pytest.mark.parametrize("rule", list(RULES))
def test_a_pdf_with_blocks_placed_again_imports_back_into_exactly_its_issue(rule, rule_pdfs,
                                                                           tmp_path):
    issue_file, pdf = rule_pdfs[rule]
    result = import_file(pdf, tmp_path / "issues" / "2023")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = full_key(load_issue(result.output)), full_key(load_issue(issue_file))
    assert got == expected, "\n".join(differences(got, expected))


#: Generated issues whose pictures and tables are placed again many times:
#: picture issues (some shrunk, moved and cut), a table issue (a row split
#: over a page break), the split-table issue of tests/pdf/test_placement.py.
GENERATED = (("pictures", 3), ("pictures", 10), ("tables", 1), ("split", 7))


@pytest.fixture(scope="module")
def generated_pdfs(builder, tmp_path_factory) -> dict:
    from tests.pdf.test_placement import _split_issue

    out = {}
    for kind, seed in GENERATED:
        root = _root(tmp_path_factory, f"{kind}{seed}")
        if kind == "pictures":
            data = picture_issue(root / "2023", seed, number=seed + 1)
        elif kind == "tables":
            data = table_issue(seed, number=seed + 1)
        else:
            data = _split_issue()[0]
        issue = write_issue(root, data)
        out[kind, seed] = issue, root / "out.pdf"
    build_many(builder, tmp_path_factory, list(out.values()))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("which", GENERATED, ids=lambda which: f"{which[0]}{which[1]}")
def test_a_generated_issue_full_of_blocks_imports_back_exactly(which, generated_pdfs, tmp_path):
    issue_file, pdf = generated_pdfs[which]
    assert _names(pdf), "nothing was placed again: the case tests nothing"
    result = import_file(pdf, tmp_path / "issues" / "2023")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = full_key(load_issue(result.output)), full_key(load_issue(issue_file))
    assert got == expected, "\n".join(differences(got, expected))


def test_a_pdf_with_nothing_placed_again_names_nothing(seed_pdf):
    """The seed (paragraphs only) carries its articles' anchors and no
    place mark: marks are only where something was moved."""
    names = list(pypdf.PdfReader(str(seed_pdf)).named_destinations)
    assert names and not [name for name in names if name.startswith("wp-")], names
