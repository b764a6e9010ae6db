"""The seed issue: its text imports into the reference issue file, and its PDFs
(ours, one from a reworked layout, one typeset like the old Word files) import
back into the same issue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, SEED_ISSUE, SEED_TEXT, run_cli
from tests.source.importer.importcheck import differences, model_key
from tests.source.importer.wordlike import wordlike_html
from tests.textcheck import seed_in_order
from weekly_pdf.source.importer import import_file
from weekly_pdf.source.load import load_issue


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    """The seed text imported with the command into an issues/ folder that has
    no publication.yaml: the imported file must stand on its own."""
    folder = tmp_path_factory.mktemp("seed-import") / "issues" / "2023"
    folder.mkdir(parents=True)
    result = run_cli("import", SEED_TEXT, "-o", folder)
    return result, folder / "2023-20.yaml"


@pytest.fixture(scope="module")
def reworked_layout_pdf(tmp_path_factory) -> Path:
    """The seed built with a reworked layout: letter-spaced justified
    paragraphs, a wider indent, a narrow contents block whose entries wrap."""
    from weekly_pdf.build import Builder
    from weekly_pdf.project import Project

    root = tmp_path_factory.mktemp("reworked")
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    with (root / "layouts" / "bulletin" / "style.css").open("a", encoding="utf-8") as css:
        css.write("\nmain p { letter-spacing: 0.8pt; text-align: justify; text-indent: 2.5em; }\n"
                  ".toc li { width: 12em; }\n.article-title { letter-spacing: 2pt; }\n")
    out = root / "2023-20.pdf"
    Builder(Project(root)).build(SEED_ISSUE, out)
    return out


@pytest.fixture(scope="module")
def wordlike_pdf(builder, tmp_path_factory) -> Path:
    """The seed typeset like the old Word files (see wordlike.py)."""
    out = tmp_path_factory.mktemp("wordlike") / "2023年第20期.pdf"
    data, _ = builder.renderer.pdf_bytes(wordlike_html(load_issue(SEED_ISSUE)),
                                         base_dir=out.parent)
    out.write_bytes(data)
    return out


def test_seed_text_imports_with_nothing_left_over(seed_import):
    result, issue_file = seed_import
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 个栏目，7 篇文章" in result.stdout
    text = issue_file.read_text(encoding="utf-8")
    assert "待人工核对" not in text and "待人工核对" not in result.stdout


def test_seed_text_gives_the_reference_issue(seed_import):
    imported = load_issue(seed_import[1])  # no publication.yaml beside it
    reference = load_issue(SEED_ISSUE)
    got, expected = model_key(imported), model_key(reference)
    assert got == expected, "\n".join(differences(got, expected))
    # toc: listed articles say so, the short contents text is kept, others say nothing
    toc = [a.toc for s in imported.sections for a in s.articles]
    assert toc == [True, None, True, True, True, None, "东城区科协邀请两新组织党员参加党日活动"]


def test_imported_file_is_written_in_the_house_style(seed_import):
    text = seed_import[1].read_text(encoding="utf-8")
    assert text.startswith("# 科协每周动态 2023年第20期（总第73期）\n#")
    order = [text.index(f"\n{key}:") for key in
             ("publication", "publisher", "year", "number", "total", "date", "sections", "footer")]
    assert order == sorted(order)
    assert text.count("        body: |\n") == 7
    article = text[text.index("      - title: 中国制冷学会"):]
    assert [line.split(":")[0].strip() for line in article.splitlines()
            if line.startswith("        ") and not line.startswith("          ")][:3] \
        == ["toc", "body", "source"]
    # the page break inside 沈洁要求… is gone: one paragraph, one line
    assert "扎实做好各类问题的处理反馈。全员调研" in text


def test_seed_import_builds_into_a_pdf_that_passes_textcheck(builder, seed_import, tmp_path):
    pdf = tmp_path / "2023-20.pdf"
    builder.build(seed_import[1], pdf)
    check = seed_in_order(pdf)
    assert check.ok, check


@pytest.mark.parametrize("which", ["ours", "reworked", "wordlike"])
def test_seed_pdf_imports_back_into_the_seed_issue(which, request, tmp_path):
    pdf = request.getfixturevalue({"ours": "seed_pdf", "reworked": "reworked_layout_pdf",
                                   "wordlike": "wordlike_pdf"}[which])
    result = import_file(pdf, tmp_path / "2023-20.yaml")
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems,
                                     result.load_errors)
    got, expected = model_key(load_issue(result.output)), model_key(load_issue(SEED_ISSUE))
    assert got == expected, "\n".join(differences(got, expected))



def hard_wrap(text: str, width: int = 28, indent: int = 2) -> str:
    """The seed text as a plain extraction of the printed page shows it: each
    paragraph broken into printed lines (the first one short by the indent)."""
    out = []
    for line in text.splitlines():
        if len(line) <= width or line.startswith(("- ", "分送")):
            out.append(line)
            continue
        first = width - indent
        out.append(line[:first])
        out += [line[k:k + width] for k in range(first, len(line), width)]
    return "\n".join(out)


def test_hard_wrapped_text_imports_back(tmp_path):
    """A text that keeps the printed line breaks: paragraphs are re-flowed by
    line length (a full line runs on, a first line is short by its indent)."""
    source = tmp_path / "wrapped.txt"
    source.write_text(hard_wrap(SEED_TEXT.read_text(encoding="utf-8")), encoding="utf-8")
    result = import_file(source, tmp_path / "2023-20.yaml")
    assert "按行折断" in " ".join(result.parsed.notes)
    assert not result.needs_review, (result.parsed.leftovers, result.parsed.problems)
    got, expected = model_key(load_issue(result.output)), model_key(load_issue(SEED_ISSUE))
    assert got == expected, "\n".join(differences(got, expected))
