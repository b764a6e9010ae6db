"""The archive search's rules (weekly_pdf.archive.search), on issues read from
their files: exact substrings, every word, the order, the snippets, the filters."""

from __future__ import annotations

import unicodedata

import pytest

from tests.archive.site.sitegen import HOLDERS, write_search_archive, write_seed
from weekly_pdf.archive.search import (SNIPPET_LENGTH, fold, search, snippet, words)
from weekly_pdf.archive.texts import read_texts
from weekly_pdf.project import Project
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    issues = tmp_path_factory.mktemp("search") / "issues"
    write_search_archive(issues)
    write_seed(issues)
    texts = read_texts(Project(ROOT), issues, issues.parent / "out")
    assert texts.failures == []
    return [entry for item in texts.issues for entry in item.text.entries()]


def found(entries, *query, **filters):
    return [(hit.entry.issue, hit.entry.no) for hit in search(entries, query, **filters)]


def test_a_word_finds_exactly_the_articles_that_contain_it_title_hits_first_then_newest(entries):
    # 科普: two titles (one with a soft hyphen inside the word), four bodies (the
    # seed's 全国科普日 the oldest); a column named 科普工作 does not count. On the
    # same date the supplement is the later issue.
    assert found(entries, "科普") == [("2023年第41期", 1), ("2023年第40期", 1),
                                     ("2024年增刊第1期", 2), ("2024年第2期", 2), ("2024年第1期", 1),
                                     ("2023年第20期", 1)]
    assert found(entries, "碳中和") == [("2024年增刊第1期", 1), ("2024年第2期", 1),
                                      ("2023年第41期", 2)]
    assert sorted(found(entries, "科普")) == sorted(HOLDERS["科普"] + [("2023年第20期", 1)])


def test_every_seed_article_that_contains_a_word_is_found_and_no_other(entries):
    seed = [e for e in entries if e.issue == "2023年第20期"]
    for word in ("科普", "科协", "学会", "沈洁", "主题教育", "102周年", "“千万工程”"):
        holders = {e.no for e in seed if word in e.title or word in e.body}
        assert {no for issue, no in found(entries, word) if issue == "2023年第20期"} == holders
    assert found(entries, "全国科普日") == [("2023年第20期", 1)]


def test_several_words_find_the_articles_that_contain_all_of_them(entries):
    assert found(entries, "科普", "昌平") == [("2023年第41期", 1), ("2024年增刊第1期", 2)]
    assert found(entries, "科普 昌平") == found(entries, "科普", "昌平")   # one argument, a space
    assert found(entries, "科普\u3000昌平") == found(entries, "科普", "昌平")  # an ideographic space
    assert found(entries, "碳中和", "昌平") == []
    # The title counts words found in it: both words in the title come before one.
    assert found(entries, "碳中和", "报告")[:1] == [("2024年增刊第1期", 1)]


def test_words_are_found_inside_other_words_and_across_nothing_else(entries):
    assert found(entries, "讲解大") == [("2023年第40期", 1)]
    # The body's pieces are joined by line feeds: no match runs from a note into the body.
    assert found(entries, "供参考。本届") == []
    assert found(entries, "供参考。") == [("2024年第1期", 1)]


def test_full_width_and_half_width_digits_and_letters_are_the_same(entries):
    assert found(entries, "12个街道") == [("2023年第41期", 1)]          # text: １２个街道
    assert found(entries, "２００余场") == found(entries, "200余场") == [("2024年增刊第1期", 2)]
    assert found(entries, "ai") == found(entries, "ＡＩ") == [("2024年增刊第1期", 2), ("2024年第2期", 1)]
    assert found(entries, "chatgpt") == found(entries, "CHATGPT") == [("2023年第40期", 2)]
    assert found(entries, "...") == found(entries, "……") == [("2023年第41期", 2)]


def test_headings_tables_notes_and_units_are_searched(entries):
    assert found(entries, "活动安排") == [("2024年第1期", 1)]   # a heading
    assert found(entries, "天文观测") == [("2024年第1期", 1)]   # a table cell
    assert found(entries, "分组情况") == [("2024年第1期", 1)]   # a table caption
    assert found(entries, "刊发科学营") == [("2024年第1期", 1)]  # the 编者按
    assert [hit.entry.units for hit in search(entries, ["北京科技馆"])] == [("北京科技馆",)] * 2


def test_filters_keep_the_year_the_column_and_the_unit(entries):
    assert found(entries, "科普", year=2024) == [("2024年增刊第1期", 2), ("2024年第2期", 2),
                                                ("2024年第1期", 1)]
    assert found(entries, "科普", column="科普工作") == [("2023年第40期", 1), ("2024年第1期", 1)]
    assert found(entries, "科普", unit="昌平区科协") == [("2023年第41期", 1), ("2024年增刊第1期", 2)]
    assert found(entries, "科普", year=2023, column="基层动态", unit="昌平区科协") == [
        ("2023年第41期", 1)]
    assert found(entries, "科普", column="科普") == []   # a column is compared whole


def test_without_words_the_filters_list_every_article_newest_first(entries):
    assert found(entries, unit="北京制冷学会") == [("2024年第2期", 1), ("2023年第40期", 2),
                                                  ("2023年第20期", 5)]


def test_a_snippet_shows_the_words_in_context_and_marks_every_occurrence():
    body = "甲" * 50 + "科普活动" + "乙" * 10 + "科普" + "丙" * 100
    cut = snippet(body, words(["科普"]))
    assert cut.cut_before and cut.cut_after
    assert len(cut.text) == SNIPPET_LENGTH and cut.text.startswith("甲" * 20 + "科普活动")
    assert [cut.text[s:e] for s, e in cut.marks] == ["科普", "科普"]
    assert cut.plain() == "…" + cut.text + "…"
    # Near the end the window moves back to stay full; no word: the start.
    late = snippet("丁" * 200 + "科普", words(["科普"]))
    assert late.text.endswith("科普") and len(late.text) == SNIPPET_LENGTH and not late.cut_after
    assert snippet("短文。", words(["无"])).plain() == "短文。"


def test_a_snippet_marks_the_characters_as_written_not_as_folded():
    body = "活动覆盖１２个街道……会后ＡＩ课程"
    cut = snippet(body, words(["12个", "...", "ai"]))
    assert [cut.text[s:e] for s, e in cut.marks] == ["１２个", "……", "ＡＩ"]
    soft = snippet("开展科\u00ad普进社区", words(["科普"]))
    assert [soft.text[s:e] for s, e in soft.marks] == ["科\u00ad普"]


def test_folding_is_nfc_then_nfkc_and_lower_case_per_character():
    assert fold("ＡＢＣ１２３，") == "abc123,"
    assert fold("e\u0301") == fold("é") == "é"            # composed first
    assert fold("①ﬁ㎡") == "1fim2"
    assert fold("科\u200b技\u00ad") == "科技"               # invisible characters fold away
    assert fold("ΣΟΦΊΑ") == "σοφία"                        # each letter on its own: no final ς
    assert fold("İ") == "i\u0307"
    assert words(["  科普  ", "科普", "ＡＩ ai"]) == ("科普", "ai")
    assert words(["\u200b"]) == ()
    for char in "科协学会，。、“”《》":
        assert fold(char) == unicodedata.normalize("NFKC", char)


def test_the_items_of_a_list_are_searched_as_printed_with_their_markers(tmp_path):
    import shutil

    from tests.issuegen import issue_dict, write_issue

    issues = tmp_path / "issues"
    issues.mkdir()
    shutil.copy(ROOT / "issues" / "publication.yaml", issues / "publication.yaml")
    data = issue_dict(3, number=5)
    data["sections"][0]["articles"][0]["body"] = [
        "会议提出两点要求：", {"list": ["加强组织领导。", "推进碳达峰行动。"]},
        {"list": ["读书班安排。"], "marker": "bullet"}]
    write_issue(issues, data)
    texts = read_texts(Project(ROOT), issues, tmp_path / "out")
    assert texts.failures == []
    entries = [entry for item in texts.issues for entry in item.text.entries()]
    assert found(entries, "碳达峰") == [("2023年第5期", 1)]
    body = search(entries, ("碳达峰",))[0].entry.body
    assert "会议提出两点要求：\n1.加强组织领导。\n2.推进碳达峰行动。\n●读书班安排。" in body
