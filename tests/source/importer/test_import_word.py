"""Word files: a submitted article appended to an issue (its fields, headings,
table, picture and contributor back where they came from, the user's text
kept), a whole back issue made in Word, .doc through LibreOffice.

The documents in data/ were written by LibreOffice Writer (see
data/make_word_docs.py); word_expected.py holds what they contain.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import SEED_ISSUE, run_cli
from tests.source.importer import word_expected as want
from tests.source.importer.importcheck import differences, model_key
from weekly_pdf.source.importer.word_source import format_number, soffice, split_soft_breaks
from weekly_pdf.source.load import load_issue

#: Reads real word-processor files and runs the command line.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


@pytest.fixture
def issue_file(issues_dir) -> Path:
    folder = issues_dir / "2023"
    folder.mkdir()
    shutil.copy(SEED_ISSUE, folder / "2023-20.yaml")
    return folder / "2023-20.yaml"


def column(data: dict, name: str) -> dict:
    return next(s for s in data["sections"] if s["column"] == name)


#: The test pictures (96 × 64 px, no resolution: 72 dpi) are shown 96 pt wide in
#: the Word files: 96 / 442.2 of the type width (156 mm).
PICTURE_WIDTH = 0.217


def expected_body(body: list, image: str) -> list:
    return [dict(item, image=image, width=PICTURE_WIDTH) if isinstance(item, dict) and "image" in item
            else item for item in body]


def assert_only_added(before: str, after: str) -> list[str]:
    """``after`` is ``before`` with one run of lines inserted; return that run."""
    old, new = before.splitlines(), after.splitlines()
    k = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), len(old))
    added = len(new) - len(old)
    assert added > 0 and new[:k] == old[:k] and new[k + added:] == old[k:]
    return new[k:k + added]


def test_styled_article_lands_in_its_fields(issue_file):
    before = issue_file.read_text(encoding="utf-8")
    result = run_cli("import", DATA / "styled-article.docx", "--into", issue_file,
                     "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    inserted = assert_only_added(before, issue_file.read_text(encoding="utf-8"))
    assert inserted[1].strip() == f"- title: {want.STYLED['title']}"
    article = column(yaml.safe_load(issue_file.read_text(encoding="utf-8")), "基层动态")["articles"][-1]
    assert article["title"] == want.STYLED["title"]
    assert article["source"] == want.STYLED["source"]
    assert article["body"] == expected_body(want.STYLED_BODY, "images/2023-20-1.png")
    from PIL import Image
    with Image.open(issue_file.parent / "images" / "2023-20-1.png") as picture:
        assert picture.size == (96, 64)
    check = run_cli("check", issue_file)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("suffix", [
    ".docx", pytest.param(".doc", marks=[needs_soffice, pytest.mark.slow])])
def test_plain_article_makes_a_new_column(issue_file, suffix):
    result = run_cli("import", DATA / f"plain-article{suffix}", "--into", issue_file,
                     "--column", "学会动态")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "新建的栏目【学会动态】" in result.stdout
    data = yaml.safe_load(issue_file.read_text(encoding="utf-8"))
    assert data["sections"][-1]["column"] == "学会动态"
    (article,) = data["sections"][-1]["articles"]
    assert (article["title"], article["source"]) == (want.PLAIN["title"], want.PLAIN["source"])
    assert article["body"] == expected_body(want.PLAIN_BODY, "images/2023-20-1.jpg")
    assert (issue_file.parent / "images" / "2023-20-1.jpg").read_bytes()[:2] == b"\xff\xd8"
    check = run_cli("check", issue_file)
    assert check.returncode == 0, check.stdout + check.stderr


def test_article_without_blocks_keeps_the_block_scalar_body(issue_file, tmp_path):
    """Paragraphs only: the body is written as `body: |`, as the office writes it.
    A field's instruction and a deleted revision are not text."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = Document()
    document.add_paragraph("海淀区科协举办科普讲座")
    document.add_paragraph("\u3000\u30007月2日，海淀区科协举办科普讲座，\n邀请专家讲解人工智能。")
    p = document.add_paragraph("\u3000\u3000讲座吸引了")
    w = nsdecls("w")
    for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {w}><w:instrText xml:space="preserve"> QUOTE "百余" </w:instrText></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {w}><w:t>百余</w:t></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
                f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>多</w:delText></w:r></w:del>',
                f'<w:fldSimple {w} w:instr=" MERGEFIELD 人 "><w:r><w:t>名居民</w:t></w:r></w:fldSimple>'):
        p._p.append(parse_xml(xml))
    p.add_run("参加。")
    document.add_paragraph("（海淀区科协）")
    source = tmp_path / "稿件.docx"
    document.save(source)
    result = run_cli("import", source, "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    text = issue_file.read_text(encoding="utf-8")
    assert ("      - title: 海淀区科协举办科普讲座\n        body: |\n"
            "          7月2日，海淀区科协举办科普讲座，邀请专家讲解人工智能。\n\n"
            "          讲座吸引了百余名居民参加。\n        source: 海淀区科协\n") in text
    article = load_issue(issue_file).sections[-1].articles[-1]
    assert article.title == "海淀区科协举办科普讲座"
    assert article.source == "海淀区科协"
    assert run_cli("check", issue_file).returncode == 0


def test_back_issue_made_in_word_imports_like_the_seed(tmp_path):
    result = run_cli("import", DATA / "back-issue.docx", "-o", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    got = model_key(load_issue(tmp_path / "2023-20.yaml", defaults=False))
    expected = model_key(load_issue(SEED_ISSUE))
    assert not differences(got, expected), "\n".join(differences(got, expected))


def test_doc_without_libreoffice_says_how_to_install_it(issue_file, tmp_path):
    before = issue_file.read_text(encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    result = run_cli("import", DATA / "plain-article.doc", "--into", issue_file,
                     "--column", "基层动态", env={"PATH": str(bin_dir)})
    assert result.returncode == 1
    assert "需要 LibreOffice，本机没有安装" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert issue_file.read_text(encoding="utf-8") == before


def test_a_broken_issue_file_is_left_alone(issue_file):
    text = issue_file.read_text(encoding="utf-8").replace("date: 2023-07-07\n", "")
    issue_file.write_text(text, encoding="utf-8")
    result = run_cli("import", DATA / "styled-article.docx", "--into", issue_file,
                     "--column", "基层动态")
    assert result.returncode == 1
    assert "请先改正再导入文章" in result.stderr
    assert issue_file.read_text(encoding="utf-8") == text
    assert not (issue_file.parent / "images").exists()


@pytest.mark.parametrize("args", [["--into", "x.yaml"], ["--column", "基层动态"]])
def test_into_and_column_go_together(args, tmp_path):
    result = run_cli("import", DATA / "styled-article.docx", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert "--into 和 --column 要一起用" in result.stderr


def test_not_a_word_file(issue_file, tmp_path):
    fake = tmp_path / "稿件.docx"
    fake.write_text("只是文字", encoding="utf-8")
    result = run_cli("import", fake, "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 1
    assert "这不是有效的 Word 文件" in result.stderr


def test_list_numbers_and_soft_breaks():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 21)] == \
        ["一", "十", "十二", "二十", "二十一"]
    assert format_number(3, "taiwaneseCountingThousand") == "三"  # what LibreOffice writes
    assert format_number(2, "decimal") == "2"
    assert split_soft_breaks("\u3000\u3000会议指出，各党支部\n要抓好落实。\n\u3000\u3000第二段。") == \
        ["会议指出，各党支部要抓好落实。", "第二段。"]


@pytest.fixture(scope="module")
def tables_import(tmp_path_factory):
    """The back issue whose masthead and closing block are laid out in tables
    and whose first article has a picture, imported into an issues/ folder."""
    out = tmp_path_factory.mktemp("tables") / "issues" / "2023"
    result = run_cli("import", DATA / "back-issue-tables.docx", "-o", out)
    return result, out / "2023-20.yaml"


def test_tables_for_layout_are_read_as_text_and_pictures_kept(tables_import):
    result, issue_file = tables_import
    assert issue_file.exists(), result.stdout + result.stderr
    data = yaml.safe_load(issue_file.read_text(encoding="utf-8"))
    seed = load_issue(SEED_ISSUE)
    assert (data["publisher"], data["date"]) == (seed.publisher, seed.date)
    assert data["footer"] == {"email": seed.footer.email, "editor": seed.footer.editor,
                              "reviewer": seed.footer.reviewer,
                              "distribution": list(seed.footer.distribution)}
    first = data["sections"][0]["articles"][0]
    paragraphs = list(seed.sections[0].articles[0].paragraphs)
    assert first["body"] == [paragraphs[0],
                             {"image": "images/2023-20-1.jpg", "caption": want.BACK_ISSUE_CAPTION,
                              "width": PICTURE_WIDTH},
                             *paragraphs[1:]]
    assert (issue_file.parent / "images" / "2023-20-1.jpg").read_bytes()[:2] == b"\xff\xd8"
    rest = [(a["title"], a["body"]) for s in data["sections"] for a in s["articles"]][1:]
    assert rest == [(a.title, "\n\n".join(a.paragraphs) + "\n")
                    for s in seed.sections for a in s.articles][1:]


def test_back_issue_with_a_picture_needs_no_review(tables_import):
    result, issue_file = tables_import
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_cli("check", issue_file).returncode == 0


def _article(tmp_path, *paragraphs: str, last_right: bool = False):
    """A Word document of ``paragraphs`` (the last one right-aligned when
    ``last_right``), read as one article: (article, problems)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from weekly_pdf.source.importer.word import article_from_word
    from weekly_pdf.source.importer.word_source import read_word
    document = Document()
    for text in paragraphs:
        p = document.add_paragraph(text)
    if last_right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(tmp_path / "a.docx")
    return article_from_word(read_word(tmp_path / "a.docx")[0])


@pytest.mark.parametrize("last, right", [("（北京制冷学会）", False), ("（供稿：北京制冷学会）", False),
                                         ("供稿单位：北京制冷学会", False), ("北京制冷学会", True)])
def test_contributor_lines(last, right, tmp_path):
    article, problems = _article(tmp_path, "学会开展联学共建", "\u3000\u30006月26日，学会开展联学共建活动。",
                                 last, last_right=right)
    assert (article.source, article.body, problems) == \
        ("北京制冷学会", ["6月26日，学会开展联学共建活动。"], [])


def test_a_last_line_flush_left_without_brackets_stays_text(tmp_path):
    article, problems = _article(tmp_path, "学会开展联学共建", "\u3000\u30006月26日，学会开展联学共建活动。",
                                 "北京制冷学会")
    assert article.source is None and article.body[-1] == "北京制冷学会"
    assert problems == ["没有找到供稿单位（文末单独一行的“（……）”），文件里没有写 source"]


def test_editors_note_goes_to_note(issue_file, tmp_path):
    """A 编者按 right under the title is the article's note, not its first paragraph."""
    from docx import Document
    document = Document()
    document.add_paragraph("西城区科协开展科普进校园活动", style="Title")
    document.add_paragraph("编者按：科普进校园是区科协的品牌活动，本期刊发其做法，供各区参考。")
    document.add_paragraph("\u3000\u30007月3日，西城区科协走进辖区小学开展科普活动。")
    document.add_paragraph("（西城区科协）")
    document.save(tmp_path / "稿件.docx")
    result = run_cli("import", tmp_path / "稿件.docx", "--into", issue_file, "--column", "基层动态")
    assert result.returncode == 0, result.stdout + result.stderr
    article = load_issue(issue_file).sections[-1].articles[-1]
    assert article.note == "科普进校园是区科协的品牌活动，本期刊发其做法，供各区参考。"
    assert article.paragraphs == ("7月3日，西城区科协走进辖区小学开展科普活动。",)
    assert run_cli("check", issue_file).returncode == 0


def test_a_column_name_above_the_title_is_not_the_title(tmp_path):
    article, problems = _article(tmp_path, "【基层动态】", "学会开展联学共建",
                                 "\u3000\u30006月26日，学会开展联学共建活动。（北京制冷学会）")
    assert (article.title, article.body, article.source) == \
        ("学会开展联学共建", ["6月26日，学会开展联学共建活动。"], "北京制冷学会")
    assert problems == ["稿件开头的“【基层动态】”没有导入（栏目由 --column 指定）"]
