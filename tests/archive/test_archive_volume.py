"""weekly-pdf volume: a year's PDFs behind a cover and contents, with outline and labels."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from tests.helpers import run_cli
from tests.archive.archive_tools import build_all, catalog, new_archive
from tests.issuegen import write_archive


def _titles(items):
    """The outline as nested (title, children) pairs."""
    tree = []
    for item in items:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], _titles(item))
        else:
            tree.append((str(item.title), []))
    return tree


@pytest.mark.slow
def test_volume_binds_the_years_issues(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 3, first=10, articles=2)
    write_archive(issues, 1, year=2024, first=1, total=100, articles=2)   # another year: left out
    out = tmp_path / "out"
    built = build_all(issues, out, "-j", "2")
    assert built.returncode == 0, built.stderr
    target = tmp_path / "vol.pdf"
    result = run_cli("volume", "2023", "--out-dir", out, "-o", target)
    assert result.returncode == 0, result.stderr
    entries = [e for e in catalog(out)["issues"] if e["year"] == 2023]
    reader = PdfReader(target)
    issue_pages = sum(e["pages"] for e in entries)
    front = len(reader.pages) - issue_pages
    assert front >= 2                                      # cover + contents
    labels = reader.page_labels
    assert labels[:front] == ["i", "ii", "iii", "iv"][:front]
    assert labels[front:] == [str(n) for n in range(1, issue_pages + 1)]
    # outline: contents, then issue → column → article, from each issue's own outline
    tree = _titles(reader.outline)
    issues_tree = [t for t in tree if "期（总第" in t[0]]
    assert [t[0] for t in issues_tree] == [f"2023年第{e['number']}期（总第{e['total']}期）"
                                            for e in entries]
    for (_, columns), e in zip(issues_tree, entries):
        assert [c[0] for c in columns] == [f"【{c['column']}】" for c in e["columns"]]
        assert [[a[0] for a in c[1]] for c in columns] == [c["articles"] for c in e["columns"]]
    # each issue entry points at the issue's first page
    first_pages = [reader.get_destination_page_number(i) for i in reader.outline
                   if not isinstance(i, list) and "期（总第" in str(i.title)]
    starts, page = [], front
    for e in entries:
        starts.append(page)
        page += e["pages"]
    assert first_pages == starts
    # cover and contents are real text in the project's fonts
    text = subprocess.run(["pdftotext", "-f", "1", "-l", str(front), str(target), "-"],
                          capture_output=True, text=True).stdout
    assert "2023年合订本" in text and "目" in text and "第10期" in text and "第12期" in text
    assert "2024" not in text.split("目")[1] if "目" in text else True
    # same inputs, same bytes
    again = tmp_path / "vol2.pdf"
    assert run_cli("volume", "2023", "--out-dir", out, "-o", again).returncode == 0
    assert again.read_bytes() == target.read_bytes()


def test_volume_without_a_catalog_says_to_build_first(tmp_path):
    result = run_cli("volume", "2023", "--out-dir", tmp_path)
    assert result.returncode == 1 and "build-all" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_volume_outline_falls_back_to_the_catalog(tmp_path):
    """An issue PDF without an outline (an older build) still gets column → article entries."""
    import hashlib
    import json

    from pypdf import PdfWriter

    issues = new_archive(tmp_path)
    write_archive(issues, 2, first=30, articles=2)
    out = tmp_path / "out"
    assert build_all(issues, out, "-j", "2").returncode == 0
    data = catalog(out)
    plain = data["issues"][0]
    writer = PdfWriter()
    writer.append(PdfReader(out / plain["pdf"]), import_outline=False)
    with open(out / plain["pdf"], "wb") as f:
        writer.write(f)
    assert not PdfReader(out / plain["pdf"]).outline
    plain["sha256"] = hashlib.sha256((out / plain["pdf"]).read_bytes()).hexdigest()
    (out / "catalog.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "vol.pdf"
    result = run_cli("volume", "2023", "--out-dir", out, "-o", target)
    assert result.returncode == 0, result.stderr
    tree = [t for t in _titles(PdfReader(target).outline) if "期（总第" in t[0]]
    for (_, columns), e in zip(tree, data["issues"]):
        assert [c[0] for c in columns] == [f"【{c['column']}】" for c in e["columns"]]
        assert [[a[0] for a in c[1]] for c in columns] == [c["articles"] for c in e["columns"]]


def test_the_front_matters_glyph_check_covers_every_text_its_template_prints():
    """What the volume's glyph check checks comes from volume.html itself: its
    own words (目　录, the table head) and the catalog's, each in the role
    [volume_roles] gives the element that prints it."""
    from tests.helpers import ROOT
    from weekly_pdf.archive.catalog import Column, IssueRecord
    from weekly_pdf.archive.volume import front_matter
    from weekly_pdf.source.layout import read_layout

    layout = read_layout(ROOT / "layouts" / "bulletin")
    record = IssueRecord(2023, 20, 73, "2023-07-07", "2023年第20期", "科协每周动态",
                         "北京市科协办公室", (Column("喆栏", ("标题",)),))
    _, texts = front_matter(layout, 2023, [record], [3], 12, "科协每周动态", "北京市科协办公室")
    roles = {text: role for _, text, role in texts}
    assert roles["目　录"] == layout.volume_roles["contents_title"]
    assert roles["期号"] == layout.volume_roles["contents_head"]
    assert roles["科协每周动态"] == layout.volume_roles["cover_title"]
    assert roles["喆栏"] == layout.volume_roles["columns"]
    assert roles["2023年合订本"] == layout.volume_roles["cover_year"]
    assert roles["3"] == layout.volume_roles["pages"]
