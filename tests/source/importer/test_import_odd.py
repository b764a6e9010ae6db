"""Odd back issues, and the command's promises: nothing lost, nothing overwritten,
an exit code that says whether a person has to look."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import ROOT, SEED_ISSUE, SEED_TEXT, run_cli
from tests.source.importer.importcheck import differences, model_key
from weekly_pdf.source.load import load_issue

#: Each case imports a generated back issue through the command line.
#: The quick loop (-m "not slow") leaves them to the full suite.
pytestmark = pytest.mark.slow

SEED = SEED_TEXT.read_text(encoding="utf-8")


def expected(**changes) -> dict:
    key = model_key(load_issue(SEED_ISSUE))
    key.update(changes)
    return key


def import_text(tmp_path, text: str | bytes, *args: str, name: str = "back.txt"):
    source = tmp_path / name
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8", newline="")
    return run_cli("import", source, *args, cwd=tmp_path)


@pytest.mark.parametrize("variant", ["crlf", "fullwidth-date", "gbk", "chinese-numerals"])
def test_encodings_line_endings_and_full_width_digits(variant, tmp_path):
    text = {"crlf": SEED.replace("\n", "\r\n"),
            "fullwidth-date": SEED.replace("2023年7月7日", "２０２３年７月７日"),
            "gbk": SEED.encode("gb18030"),
            "chinese-numerals": SEED.replace("2023年7月7日", "二〇二三年七月七日")
                                    .replace("2023年 第20期", "第二十期")}[variant]
    result = import_text(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    got = model_key(load_issue(tmp_path / "2023-20.yaml"))
    assert got == expected(), "\n".join(differences(got, expected()))
    if variant == "gbk":
        assert "GBK" in result.stdout


def test_missing_contents_block(tmp_path):
    text = SEED[:SEED.index("目录提要")] + SEED[SEED.index("【主题教育】"):]
    result = import_text(tmp_path, text)
    assert result.returncode == 0 and "没有目录提要" in result.stdout
    issue = load_issue(tmp_path / "2023-20.yaml")
    assert all(a.toc is None for s in issue.sections for a in s.articles)
    got = model_key(issue)
    assert {k: v for k, v in got.items() if k != "toc"} == \
        {k: v for k, v in expected().items() if k != "toc"}


def test_no_closing_block_needs_a_look_and_takes_the_defaults(tmp_path):
    folder = tmp_path / "issues" / "2023"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "issues" / "publication.yaml", tmp_path / "issues")
    result = import_text(tmp_path, SEED[:SEED.index("信息报送邮箱")], "-o", folder)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "没有找到版记" in result.stdout
    issue_file = folder / "2023-20.yaml"
    assert "待人工核对" in issue_file.read_text(encoding="utf-8")
    assert model_key(load_issue(issue_file)) == expected()  # footer from publication.yaml


def test_a_column_with_one_article_and_stray_spaces_in_headings(tmp_path):
    text = SEED.replace("【科普工作】", "【  科普工作 】")
    result = import_text(tmp_path, text)
    assert result.returncode == 0
    sections = load_issue(tmp_path / "2023-20.yaml").sections
    assert [(s.column, len(s.articles)) for s in sections] == \
        [("主题教育", 2), ("科创工作", 1), ("科普工作", 1), ("基层动态", 3)]


def test_what_cannot_be_placed_is_kept_and_listed_with_line_numbers(tmp_path):
    lines = SEED.split("\n")
    at = lines.index("【科普工作】") + 1
    lines[at:at] = ["", "本栏目由科普部供稿，，"]
    lines[lines.index("(总第73期)") + 1:lines.index("(总第73期)") + 1] = ["", "内部资料　注意保存"]
    result = import_text(tmp_path, "\n".join(lines))
    assert result.returncode == 4, result.stdout + result.stderr
    junk_line = lines.index("本栏目由科普部供稿，，") + 1
    assert f"第 {junk_line} 行" in result.stdout and "本栏目由科普部供稿" in result.stdout
    assert "内部资料　注意保存" in result.stdout
    issue_file = tmp_path / "2023-20.yaml"
    text = issue_file.read_text(encoding="utf-8")
    review = text[text.index("# ======== 待人工核对 ========"):]
    assert "本栏目由科普部供稿，，" in review and "内部资料　注意保存" in review
    got = model_key(load_issue(issue_file))  # the file still loads, with the right fields
    assert got == expected(), "\n".join(differences(got, expected()))


def test_never_overwrites_without_force(tmp_path):
    target = tmp_path / "2023-20.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    result = import_text(tmp_path, SEED)
    assert result.returncode == 1 and "已经存在" in result.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    result = import_text(tmp_path, SEED, "--force")
    assert result.returncode == 0
    assert model_key(load_issue(target)) == expected()


def test_not_an_issue_is_refused_and_nothing_is_written(tmp_path):
    result = import_text(tmp_path, "\n\n   \n", name="empty.txt")
    assert result.returncode == 1 and "没有读到任何文字" in result.stderr
    assert "Traceback" not in result.stderr
    result = import_text(tmp_path, "随便写的一段话，不是周报。\n", name="note.txt")
    assert result.returncode == 1 and "不像是一期周报" in result.stderr
    assert not list(tmp_path.glob("*.yaml"))


def test_folder_import_with_summary(tmp_path):
    sources = tmp_path / "back-issues"
    sources.mkdir()
    (sources / "a.txt").write_text(SEED, encoding="utf-8")
    (sources / "b.txt").write_text(SEED.replace("第20期", "第21期").replace("总第73期", "总第74期")
                                   .replace("编辑：张红波", "编辑：张红波\n\n内部资料"),
                                   encoding="utf-8")
    (sources / "c.txt").write_text(SEED, encoding="utf-8")  # the same issue again
    (sources / "notes.md").write_text("not a source", encoding="utf-8")
    out = tmp_path / "issues" / "2023"
    result = run_cli("import", sources, "-o", out, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "共 3 个文件：1 个导入完成，1 个已导入但需要人工核对，1 个没能导入。" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["2023-20.yaml", "2023-21.yaml"]
    assert "同一期" in result.stderr
    assert load_issue(out / "2023-21.yaml").total == 74


def test_page_furniture_shared_lines_and_unmarked_contents(tmp_path):
    """Page numbers and running heads inside a cut paragraph, contents entries
    without "- ", masthead and closing items sharing a line, a contributor on
    a line of its own, and a headline with a comma (told by its dated lead)."""
    text = (SEED.replace("市科协领导赴国家行政学院音像出版社调研", "市科协领导赴音像出版社，开展调研")
            .replace("处理\n\n反馈", "处理\n\n— 2 —\n\n科协每周动态 2023年第20期\n\n反馈")
            .replace("在网\n\n络教学", "在网\n\n- 3 -\n\n科协每周动态\n\n络教学")
            .replace("编辑：张红波\n\n审核：李金涛", "编辑：张红波　　审核：李金涛")
            .replace("北京市科协办公室\n\n2023年7月7日", "北京市科协办公室　　2023年7月7日")
            .replace("2023年 第20期\n\n(总第73期)", "2023年第20期（总第73期）")
            .replace("\n- ", "\n")
            .replace("提高境界。（北京制冷学会）", "提高境界。\n\n(北京制冷学会)"))
    result = import_text(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    got = model_key(load_issue(tmp_path / "2023-20.yaml"))
    sections = expected()["sections"]
    first = sections[0][1]
    first[1] = ("市科协领导赴音像出版社，开展调研", *first[1][1:])
    want = expected(sections=sections)
    assert got == want, "\n".join(differences(got, want))


def test_editors_note_of_a_back_issue(tmp_path):
    """编者按：… right under a title is that article's note."""
    note = "编者按：联学共建是主题教育的有效载体，现将有关做法刊发如下。"
    title = "中国制冷学会、北京制冷学会与中信和业开展联学共建"
    text = SEED.replace(f"\n{title}\n", f"\n{title}\n{note}\n", 1)
    assert text.count(note) == 1
    result = import_text(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    issue = load_issue(tmp_path / "2023-20.yaml", defaults=False)
    article = next(a for s in issue.sections for a in s.articles if a.title == title)
    assert article.note == note.removeprefix("编者按：")
    assert model_key(issue) == expected()  # the body as before
