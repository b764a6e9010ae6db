"""Every PDF, normal or archival, carries the issue's metadata, an outline
(masthead → columns → articles) and working links."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.pdf.pdfa.archival_builds import ODD_PUBLISHER, RARE_TITLE, built, issue_file
from weekly_pdf import __version__
from weekly_pdf.source.load import load_issue

TITLE = "科协每周动态 2023年第20期（总第73期）"
COLUMNS = ["主题教育", "科创工作", "科普工作", "基层动态"]


@pytest.fixture(scope="module", params=[
    "normal", pytest.param("seed-1b", marks=pytest.mark.slow),
    pytest.param("seed-2b", marks=pytest.mark.slow)])
def seed_any(request, builder, tmp_path_factory, seed_pdf):
    """The seed issue as a normal PDF and as each archival level."""
    if request.param == "normal":
        return seed_pdf
    return built(request.param, builder, tmp_path_factory)


def test_information_dictionary(seed_any):
    meta = PdfReader(seed_any).metadata
    assert meta.title == TITLE
    assert meta.author == "北京市科协办公室"
    assert "2023年" in meta.subject and "第20期" in meta.subject
    assert meta["/Keywords"] == ", ".join(COLUMNS)
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20230707000000+08'00"
    assert meta.producer.startswith(f"weekly-pdf {__version__} ")


def test_xmp_mirrors_the_information_dictionary(seed_any):
    reader = PdfReader(seed_any)
    meta, xmp = reader.metadata, reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": TITLE}
    assert xmp.dc_creator == [meta.author]
    assert xmp.dc_description == {"x-default": meta.subject}
    assert xmp.dc_subject == COLUMNS
    assert xmp.dc_language == ["zh-CN"]
    assert xmp.pdf_producer == meta.producer
    assert xmp.pdf_keywords == meta["/Keywords"]
    assert xmp.xmp_creator_tool == meta.creator
    assert xmp.xmp_create_date.isoformat() == "2023-07-06T16:00:00"  # 00:00 +08:00, in UTC
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def _outline(reader: PdfReader):
    """[(level, title, page)] in outline order."""
    rows = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                rows.append((level, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 1)
    return rows


def _expected_outline(issue):
    rows = [(1, issue.publication)]
    for section in issue.sections:
        rows.append((2, section.heading))
        rows += [(3, article.title) for article in section.articles]
    return rows


def _squash(text: str) -> str:
    return "".join(text.split())


def test_outline_is_masthead_columns_articles_in_order(seed_any, builder):
    checked = builder.check(issue_file("seed", None))
    issue = checked.issue
    reader = PdfReader(seed_any)
    rows = _outline(reader)
    assert [(level, title) for level, title, _ in rows] == _expected_outline(issue)
    assert rows[0][2] == 0
    pages = [_squash(page.extract_text()) for page in reader.pages]
    for level, title, page in rows[1:]:
        assert _squash(title)[:8] in pages[page], (title, page)
    assert [page for *_, page in rows] == sorted(page for *_, page in rows)


def test_contents_entries_link_to_their_articles(seed_any, builder):
    checked = builder.check(issue_file("seed", None))
    issue, anchor = checked.issue, checked.layout.anchor
    reader = PdfReader(seed_any)
    links = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    dests = [str(a["/Dest"]) for a in links if "/Dest" in a]
    assert dests == [anchor(entry.section, entry.index) for entry in issue.toc_entries]
    named = reader.named_destinations
    article_page = {title: page for level, title, page in _outline(reader) if level == 3}
    for entry in issue.toc_entries:
        assert reader.get_destination_page_number(named[anchor(entry.section, entry.index)]) \
            == article_page[entry.article.title]


def test_closing_email_is_a_mailto_link(seed_any):
    reader = PdfReader(seed_any)
    uris = [(a.get_object().get("/A") or {}).get("/URI")
            for a in reader.pages[-1].get("/Annots") or []]
    assert "mailto:skxxxbs@bast.net.cn" in uris


@pytest.mark.slow
@pytest.mark.parametrize("name", ["rich-1b", "rich-plain"])
def test_generated_issue_metadata_and_outline(builder, tmp_path_factory, name):
    """Text that XML must escape survives into the XMP; the outline follows the issue."""
    path = issue_file("rich", tmp_path_factory)
    issue = load_issue(path)
    reader = PdfReader(built(name, builder, tmp_path_factory))
    assert reader.metadata.author == ODD_PUBLISHER
    assert reader.xmp_metadata.dc_creator == [ODD_PUBLISHER]
    assert reader.metadata.title == issue.title
    rows = _outline(reader)
    assert [(level, title) for level, title, _ in rows] == _expected_outline(issue)
    assert (3, RARE_TITLE) in [(level, title) for level, title, _ in rows]
