"""Round trips of generated issues: issue file → PDF → import, and issue file →
seed-style text (page breaks in other places) → import, give the issue back.

The PDF round trips compare the whole issue (:func:`importcheck.full_key`:
every field, paragraph, heading, table, picture caption and printed size,
contributor and contents entry) for issues whose lines hold everything our
layout sets: opening marks hung half a cell into the margin, characters a
fallback font draws (a line of nothing else but them and a full stop too),
headings and captions over two lines, pictures sized and not, a picture
right above a captioned table, two tables one under the other, a table
going on over a page break under its repeated header, a contributor on a
line of its own at the top of a page, 编者按, contents entries under their
own text, a contents title of its own. Four of them have pictures and tables
placed again to fill a page (weekly_pdf.pdf.placement): moved after the
text that follows them or raised before it, paragraphs cut by them, pictures
shrunk; the PDF names each (weekly_pdf.source.placemarks) and the import
puts them back (more in test_import_placed.py).
"""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import ROOT
from tests.source.importer.importcheck import differences, full_key, model_key
from tests.source.importer.richgen import FALLBACK, write_rich_issue
from tests.issuegen import issue_dict, mixed_issue_dict, punctuated_issue_dict, write_issue
from tests.source.importer.textgen import realistic, seed_style_text
from weekly_pdf.source.importer import import_file
from weekly_pdf.source.load import load_issue
from tests.built_once import build_many

#: Two generated issues built to PDF (once per session): several columns,
#: titles that wrap over two lines, contributors, some articles not listed.
GENERATED = (dict(seed=11, number=7, articles=5), dict(seed=23, number=31, articles=3))


@pytest.fixture(scope="module")
def generated_pdfs(builder, tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
    pairs = []
    for spec in GENERATED:
        data = issue_dict(spec["seed"], number=spec["number"], articles=spec["articles"])
        issue_file = write_issue(root, data)
        pairs.append((issue_file, root / f"{issue_file.stem}.pdf"))
    build_many(builder, tmp_path_factory, pairs)
    return pairs


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(GENERATED)))
def test_generated_pdf_imports_back_into_its_issue(index, generated_pdfs, tmp_path):
    issue_file, pdf = generated_pdfs[index]
    result = import_file(pdf, tmp_path)
    assert result.output.name == issue_file.name
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = model_key(load_issue(result.output)), model_key(load_issue(issue_file))
    assert got == expected, "\n".join(differences(got, expected))


#: Rich issues (tests/source/importer/richgen.py) by seed, chosen so that together
#: they hold every feature (test_the_rich_issues_hold_every_feature).
RICH = (5, 6, 9, 11, 18, 45)
#: Issues of text only: Han with Latin, digits and URLs; dense punctuation.
TEXT = (("mixed", 3), ("punctuated", 5), ("punctuated", 6))


@pytest.fixture(scope="module")
def rich_pdfs(builder, tmp_path_factory):
    pairs = {}
    for seed in RICH:
        root = tmp_path_factory.mktemp(f"rich{seed}")
        shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
        issue_file = write_rich_issue(root, seed, number=seed % 40 + 1)
        pairs[seed] = (issue_file, root / f"{issue_file.stem}.pdf")
    for kind, seed in TEXT:
        root = tmp_path_factory.mktemp(f"{kind}{seed}")
        shutil.copy(ROOT / "issues" / "publication.yaml", root / "publication.yaml")
        make = mixed_issue_dict if kind == "mixed" else punctuated_issue_dict
        issue_file = write_issue(root, make(seed, number=seed % 40 + 1))
        pairs[(kind, seed)] = (issue_file, root / f"{issue_file.stem}.pdf")
    build_many(builder, tmp_path_factory, list(pairs.values()))
    return pairs


@pytest.mark.slow
@pytest.mark.parametrize("which", [*RICH, *TEXT], ids=str)
def test_our_pdf_imports_back_into_exactly_its_issue(which, rich_pdfs, tmp_path):
    issue_file, pdf = rich_pdfs[which]
    result = import_file(pdf, tmp_path / "issues" / "2023")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = full_key(load_issue(result.output)), full_key(load_issue(issue_file))
    assert got == expected, "\n".join(differences(got, expected))


def _features(issue) -> set[str]:
    """What an issue's articles hold, by name (see the module's docstring)."""
    from weekly_pdf.source.model import Heading, Image, Table
    found = set()
    if issue.toc_title != "目录提要":
        found.add("contents title")
    for section in issue.sections:
        for article in section.articles:
            found |= {"note"} if article.note else set()
            found |= {"contents text"} if isinstance(article.toc, str) else set()
            found |= {"fallback in a title"} if set(article.title) & set(FALLBACK) else set()
            if article.source and not article.ends_in_paragraph:
                found.add("contributor after a block")
            for before, item in zip((None, *article.body), article.body):
                if isinstance(item, str) and set(item) & set(FALLBACK):
                    found.add("fallback in a paragraph")
                elif isinstance(item, Heading):
                    found.add(item.key)
                    found |= {"heading over two lines"} if len(item.text) > 28 else set()
                elif isinstance(item, Image):
                    found.add("picture with a width" if item.width else "picture at its size")
                    found |= {"caption over two lines"} if len(item.caption or "") > 32 else set()
                elif isinstance(item, Table):
                    found.add("table with a caption" if item.caption else "table")
                    found |= {"table over a page break"} if len(item.rows) > 18 else set()
                    found |= {"picture above a table"} if isinstance(before, Image) else set()
                    found |= {"two tables in a row"} if isinstance(before, Table) else set()
    return found


@pytest.mark.slow
def test_the_rich_issues_hold_every_feature(rich_pdfs):
    """The round trips above are only worth what their issues hold: every
    feature in some issue file, and in the PDFs opening marks hung into the
    margin and characters drawn by a fallback font."""
    from tests import plumbed
    found = set()
    hung = fallback = 0
    for issue_file, pdf in rich_pdfs.values():
        found |= _features(load_issue(issue_file))
        with plumbed.open(pdf) as document:
            for page in document.pages:
                fallback += sum("Noto" in char["fontname"] for char in page.chars)
                starts = {}
                for char in page.chars:
                    starts.setdefault(round(char["top"]), char)
                hung += sum(char["text"] in "“《（【" and char["x0"] < 79  # left of the margin
                            and "FandolFang" in char["fontname"] for char in starts.values())
    assert found == {"contents title", "note", "contents text", "fallback in a title",
                     "contributor after a block", "fallback in a paragraph", "heading",
                     "subheading", "heading over two lines", "picture with a width",
                     "picture at its size", "caption over two lines", "table with a caption",
                     "table", "table over a page break", "picture above a table",
                     "two tables in a row"}
    assert hung >= 10 and fallback >= 50, (hung, fallback)


@pytest.mark.parametrize("seed", range(40, 54))
def test_seed_style_text_imports_back_into_its_issue(seed, tmp_path):
    """Page breaks in other places; every other one without 目录提要; every
    third with titles over two lines."""
    data = realistic(issue_dict(seed, number=seed % 50 + 1, articles=2 + seed % 6))
    issue_file = write_issue(tmp_path / "issues", data)
    source = tmp_path / "back-issue.txt"
    with_toc = seed % 2 == 0
    source.write_text(seed_style_text(data, seed, page_breaks=5, toc=with_toc,
                                      wrap_titles=seed % 3 == 0), encoding="utf-8")
    result = import_file(source, tmp_path / "out")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = model_key(load_issue(result.output)), model_key(load_issue(issue_file))
    if not with_toc:  # nothing to tell which articles were listed
        del got["toc"], expected["toc"]
    assert got == expected, "\n".join(differences(got, expected))
