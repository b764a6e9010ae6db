"""What the archive site shows: a page per issue with every article in full and
the PDF page where it starts, year pages, unit pages, previews; links that lead
somewhere, nothing from the network, Chinese words around the issues' own."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import plumbed
from tests.archive.site.conftest import WITHOUT_PDF
from tests.archive.site.sitepages import latin_words, links, page, target, text
from tests.helpers import run_cli
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import Heading, Image, Table
from weekly_pdf.source.printable import is_invisible

pytestmark = pytest.mark.slow


def issues_of(archive: Path):
    """Every issue file of the archive, read by the loader: (page path, model)."""
    out = []
    for path in sorted((archive / "issues").rglob("20*.yaml")):
        issue = load_issue(path)
        out.append((f"{issue.year}/{issue.stem}.html", issue))
    return out


def squeeze(value: str) -> str:
    """``value`` without white space and the invisible characters print leaves out."""
    return "".join(char for char in value if not char.isspace() and not is_invisible(char))


def article_texts(article) -> list[str]:
    """Every piece of text an article prints."""
    pieces = [article.title] + ([article.note] if article.note else [])
    for item in article.body:
        if isinstance(item, str):
            pieces.append(item)
        elif isinstance(item, Heading):
            pieces.append(item.text)
        elif isinstance(item, Image) and item.caption:
            pieces.append(item.caption)
        elif isinstance(item, Table):
            pieces += [cell for row in item.rows for cell in row if cell]
    return pieces + ([article.source] if article.source else [])


def test_every_issue_has_a_page_with_its_masthead_and_every_article_in_full(site, pdf_archive):
    for name, issue in issues_of(pdf_archive):
        root = page(site / name)
        masthead = squeeze(text(root.find_class("masthead")[0]))
        for fact in (issue.publication, issue.publisher, issue.date_text, issue.number_text,
                     issue.total_line):
            assert squeeze(fact) in masthead, (name, fact)
        articles = root.xpath("//article")
        assert len(articles) == sum(len(s.articles) for s in issue.sections)
        for element, (s, _, article) in zip(articles, issue.articles()):
            shown = text(element)
            assert element.xpath("string(h3)") == article.title
            assert element.xpath("string(preceding::h2[@class='col'][1])") == \
                issue.sections[s].heading
            for piece in article_texts(article):
                assert piece in shown, (name, piece[:20])
            if article.source:
                assert f"（{article.source}）" in shown
        toc = [a.text_content() for a in root.xpath("//nav[@class='toc']//a")]
        assert toc == [article.title for _, _, article in issue.articles()]


def test_each_article_links_to_the_pdf_page_where_it_starts(site, pdf_archive):
    checked = 0
    for name, issue in issues_of(pdf_archive):
        if issue.number_text == "第3期" and issue.year == 2024:
            continue  # no PDF yet
        root = page(site / name)
        pdf_links = root.xpath("//article/a[contains(@href, '.pdf#page=')]")
        assert len(pdf_links) == len(list(issue.articles()))
        for link, (_, _, article) in zip(pdf_links, issue.articles()):
            pdf, fragment = target(site / name, link.get("href"))
            assert pdf == (pdf_archive / "out" / name).with_suffix(".pdf").resolve()
            number = int(fragment.removeprefix("page="))
            assert link.text_content() == f"PDF 第 {number} 页"
            # pypdf's reading of the outline agrees ...
            reader = PdfReader(pdf)
            starts = [reader.get_destination_page_number(item) + 1
                      for column in reader.outline[1] if isinstance(column, list)
                      for item in column]
            assert number in starts
            # ... and the page really holds the title.
            with plumbed.open(pdf) as document:
                printed = squeeze(document.pages[number - 1].extract_text())
            assert squeeze(article.title) in printed, (name, article.title)
            checked += 1
    assert checked >= 15


def test_an_issue_without_a_pdf_gets_its_page_without_pdf_links(site):
    root = page(site / "2024" / "2024-03.html")
    assert root.xpath("//a[contains(@href, '.pdf')]") == []
    assert "本期尚未生成 PDF 文件。" in text(root)
    assert len(root.xpath("//article")) >= 2
    card = [c for c in page(site / "2024" / "index.html").find_class("card")
            if "第3期" in c.xpath("string(h2)")][0]
    assert "尚未生成 PDF" in text(card)
    assert WITHOUT_PDF == "2024年第3期"


def test_year_pages_list_every_issue_with_its_facts_pdf_and_titles(site, pdf_archive):
    for year in (2023, 2024):
        root = page(site / str(year) / "index.html")
        cards = root.find_class("card")
        issues = [(name, issue) for name, issue in issues_of(pdf_archive) if issue.year == year]
        assert len(cards) == len(issues)
        # Newest first.
        shown = [c.xpath("string(h2/a)") for c in cards]
        assert shown == [issue.number_text for _, issue in
                         sorted(issues, key=lambda x: (x[1].date, x[1].is_supplement),
                                reverse=True)]
        for card in cards:
            name, issue = next((n, i) for n, i in issues if i.number_text == card.xpath("string(h2/a)"))
            facts = text(card)
            assert issue.date_text in facts and issue.total_line in facts
            assert [a.text_content() for a in card.xpath(".//li/a")] == \
                [article.title for _, _, article in issue.articles()]
            pdf = (pdf_archive / "out" / name).with_suffix(".pdf")
            if pdf.exists():
                pages = len(PdfReader(pdf).pages)
                assert f"{pages} 页" in facts
                assert f"{round(pdf.stat().st_size / 1024)} KB" in facts
                href = card.xpath(".//a[text()='PDF 文件']/@href")[0]
                assert target(site / str(year) / "index.html", href)[0] == pdf.resolve()


def test_unit_pages_list_exactly_the_articles_of_their_unit(site, pdf_archive):
    expected: dict[str, set] = {}
    for name, issue in issues_of(pdf_archive):
        for _, _, article in issue.articles():
            if article.source:
                expected.setdefault(article.source, set()).add((issue.title, article.title))
    units = page(site / "units" / "index.html")
    listed = {a.text_content(): a.get("href") for a in units.xpath("//ul[@class='list']/li/a")}
    assert set(listed) == set(expected)
    for unit, href in listed.items():
        path, _ = target(site / "units" / "index.html", href)
        root = page(path)
        assert root.xpath("string(//h1)") == f"{unit}（{len(expected[unit])} 篇）"
        found = set()
        for item in root.xpath("//ol[@class='list']/li"):
            article_page, anchor = target(path, item.xpath("a/@href")[0])
            issue_root = page(article_page)
            article = issue_root.get_element_by_id(anchor)
            assert f"（{unit}）" in text(article)
            found.add((issue_root.xpath("string(//title)").split(" · ")[0],
                       article.xpath("string(h3)")))
        assert {title for _, title in found} == {title for _, title in expected[unit]}
        assert len(found) == len(expected[unit])


def test_the_previews_of_an_issue_are_shown_when_they_exist(site, pdf_archive):
    pictures = page(site / "2023" / "2023-20.html").xpath("//section[@class='previews']//img")
    assert len(pictures) == 8
    for number, picture in enumerate(pictures, start=1):
        file, _ = target(site / "2023" / "2023-20.html", picture.get("src"))
        assert file == (pdf_archive / "out" / "2023" / "2023-20-preview" /
                        f"page-{number:02d}.png").resolve()
        assert picture.get("alt") == f"第 {number} 页"
    assert page(site / "2024" / "2024-01.html").xpath("//section[@class='previews']") == []


def test_every_link_of_the_site_leads_to_a_file_and_an_anchor_that_exist(site):
    count = 0
    for path, element, name, value in links(site):
        if value.startswith("data:") or (name == "action"):
            if name == "action":
                assert target(path, value)[0] == (site / "index.html").resolve()
            continue
        file, fragment = target(path, value)
        assert file.is_file(), (path, value)
        if fragment and file.suffix == ".html":
            assert page(file).xpath(f"//*[@id='{fragment}']"), (path, value)
        count += 1
    assert count > 200


def test_nothing_on_the_site_points_to_the_network(site):
    for path, element, name, value in links(site):
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", value) or value.startswith("data:"), value
        assert not value.startswith("//"), value
    scheme = re.compile(r"\b(?:https?|ftp|wss?):", re.I)
    for path in site.rglob("*"):
        if path.suffix in (".css", ".js", ".html") and path.parent.name != "data":
            content = path.read_text(encoding="utf-8")
            assert not scheme.search(content), path
            assert "@import" not in content, path
            assert all(u.startswith(("data:", '"data:', "'data:"))
                       for u in re.findall(r"url\(\s*([^)]*)\)", content)), path


def test_every_word_the_site_shows_around_the_issues_is_chinese(site):
    """Titles, labels, buttons, placeholders, messages: Chinese (PDF, KB aside)."""
    issue_text = ("//article", "//nav[@class='toc']", "//section[@class='card']/ul",
                  "//ol[@class='list']/li/a", "//select/option")
    for path in sorted(site.rglob("*.html")):
        root = page(path)
        for xpath in issue_text:
            for element in root.xpath(xpath):
                element.drop_tree()
        for script in root.xpath("//script"):
            script.drop_tree()
        shown = text(root) + " ".join(root.xpath("//@placeholder | //@aria-label | //@alt"))
        assert latin_words(shown) == set(), (path, latin_words(shown))
    script = (site / "assets" / "search.js").read_text(encoding="utf-8")
    messages = re.findall(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"', script)
    assert len(messages) >= 8
    assert all(latin_words(m) == set() for m in messages), messages


def test_the_same_inputs_give_byte_identical_sites(site, pdf_archive):
    again = pdf_archive / "out" / "site-again"   # beside the first: the same links to the PDFs
    result = run_cli("site", pdf_archive / "issues", "-o", again)
    try:
        assert result.returncode == 0, result.stderr
        assert _differences(filecmp.dircmp(site, again)) == []
    finally:
        shutil.rmtree(again)


def _differences(comparison) -> list[str]:
    names = [n for n in comparison.left_only + comparison.right_only + comparison.diff_files
             if not n.startswith(".weekly-pdf")]
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right,
                                           comparison.common_files, shallow=False)
    names += [n for n in mismatch + errors if not n.startswith(".weekly-pdf")]
    for sub in comparison.subdirs.values():
        names += _differences(sub)
    return names
