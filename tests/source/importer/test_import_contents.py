"""Contents entries that read very differently from the titles they list are
still given to the right article: the contents list the articles in order, and
a short entry keeps the title's words in order."""

from __future__ import annotations

import yaml

from tests.helpers import SEED_ISSUE, SEED_TEXT, run_cli

SEED = SEED_TEXT.read_text(encoding="utf-8")
FIRST = "市科协党组理论学习中心组开展主题教育学习研讨"
LONG = "市科协召开“学思想、强党性、重实践、建新功”专题读书班暨青年理论学习小组联学活动推进会"
SHORT = "市科协召开专题读书班推进会"


def imported(tmp_path, text: str) -> tuple[object, dict]:
    source = tmp_path / "back.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("import", source, "-o", tmp_path / "out.yaml", cwd=tmp_path)
    data = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    return result, data


def listed(data: dict) -> list[tuple[str, object]]:
    return [(a["title"], a.get("toc")) for s in data["sections"] for a in s["articles"]]


def test_short_contents_entry_finds_its_long_title(tmp_path):
    text = SEED.replace(f"- {FIRST}\n", f"- {SHORT}\n", 1)
    text = text.replace(f"\n{FIRST}\n", f"\n{LONG}\n", 1)
    assert text.count(SHORT) == 1 and text.count(LONG) == 1
    result, data = imported(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "待人工核对" not in result.stdout
    assert listed(data)[0] == (LONG, SHORT)
    _, untouched = imported(tmp_path, SEED)
    assert listed(data)[1:] == listed(untouched)[1:]


def test_entries_are_paired_in_order(tmp_path):
    """Two equal short entries, two long titles that both contain them: the
    first entry goes to the first article, the second to the later one."""
    second, second_long = "学会聚力赋能交流研讨活动在京举办", "市科协召开第二期专题读书班暨学会联学推进会"
    text = SEED.replace(f"- {FIRST}\n", f"- {SHORT}\n", 1).replace(f"\n{FIRST}\n", f"\n{LONG}\n", 1)
    text = text.replace(f"- {second}\n", f"- {SHORT}\n", 1).replace(f"\n{second}\n", f"\n{second_long}\n", 1)
    result, data = imported(tmp_path, text)
    assert result.returncode == 0, result.stdout
    pairs = listed(data)
    assert pairs[0] == (LONG, SHORT)
    assert pairs[2] == (second_long, SHORT)


def test_an_entry_with_words_out_of_order_is_left_for_review(tmp_path):
    text = SEED.replace(f"- {FIRST}\n", "- 推进会读书班专题召开市科协\n", 1)
    text = text.replace(f"\n{FIRST}\n", f"\n{LONG}\n", 1)
    result, data = imported(tmp_path, text)
    assert result.returncode == 4
    assert "目录提要里的这一条找不到对应的文章" in result.stdout
    assert listed(data)[0] == (LONG, None)


def test_our_pdf_links_pair_entries_whatever_their_text(builder, issues_dir, tmp_path):
    """In our own PDFs each contents entry links to its article: an entry
    with no word of the title in common is still paired by that link, and the
    short entry of a long title too."""
    from weekly_pdf.source.importer import import_file

    text = SEED_ISSUE.read_text(encoding="utf-8")
    text = text.replace(f"      - title: {FIRST}\n        toc: true\n",
                        f"      - title: {LONG}\n        toc: {SHORT}\n", 1)
    second = "学会聚力赋能交流研讨活动在京举办"
    text = text.replace(f"      - title: {second}\n        toc: true\n",
                        f"      - title: {second}\n        toc: 本期要闻之二\n", 1)
    assert text.count(SHORT) == 1 and text.count("本期要闻之二") == 1
    issue = issues_dir / "2023" / "2023-20.yaml"
    issue.parent.mkdir(parents=True)
    issue.write_text(text, encoding="utf-8")
    pdf = tmp_path / "2023-20.pdf"
    builder.build(issue, pdf)
    result = import_file(pdf, tmp_path / "out.yaml")
    assert not result.parsed.leftovers, result.parsed.leftovers
    assert not result.needs_review, (result.parsed.problems, result.load_errors)
    pairs = listed(yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8")))
    assert pairs[0] == (LONG, SHORT)
    assert pairs[2] == (second, "本期要闻之二")

