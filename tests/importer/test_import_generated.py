"""Round trips of generated issues: issue file → PDF → import, and issue file →
seed-style text (page breaks in other places) → import, give the issue back."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import ROOT
from tests.importer.importcheck import differences, model_key
from tests.issuegen import issue_dict, write_issue
from tests.importer.textgen import realistic, seed_style_text
from weekly_pdf.source.importer import import_file
from weekly_pdf.source.load import load_issue

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
        pdf = root / f"{issue_file.stem}.pdf"
        builder.build(issue_file, pdf)
        pairs.append((issue_file, pdf))
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
