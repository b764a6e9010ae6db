"""Input that would print something else than what was written, or cost unbounded
work, is refused by the loader with one clear Chinese message naming the line,
column and field (issue 9: items 7a, 10, 11, 12, 17)."""

from __future__ import annotations


import pytest

from tests.helpers import run_cli, write_issue_text as write
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.load import load_issue
from weekly_pdf.source import limits

HEAD = "year: 2023\nnumber: 20\ntotal: 73\ndate: 2023-07-07\n"


def issue(title="市科协召开会议", body="          会议召开。\n", column="主题教育", extra=""):
    return (HEAD + extra + "sections:\n"
            f"  - column: {column}\n"
            "    articles:\n"
            f"      - title: {title}\n"
            "        body: |\n" + body)


def only_error(path):
    with pytest.raises(IssueErrors) as info:
        load_issue(path)
    errors = info.value.errors
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# --- 11: Unicode classes -------------------------------------------------------

@pytest.mark.parametrize("written,code,words", [
    ('"响铃\\a字符"', "U+0007", "控制字符"),
    ('"空\\0字符"', "U+0000", "控制字符"),
    ('"转义\\e字符"', "U+001B", "控制字符"),
    ('"C1\\x9b字符"', "U+009B", "控制字符"),
    ('"\\u202e反转的标题"', "U+202E", "双向文字控制符"),
    ('"隔离\\u2067字符"', "U+2067", "双向文字控制符"),
    ('"孤\\ud800立"', "U+D800", "单独的代理项"),
])
def test_control_bidi_and_surrogate_characters_are_refused_once_with_their_code_point(
        issues_dir, written, code, words):
    error = only_error(write(issues_dir, issue(title=written)))
    assert (error.line, error.path) == (8, "sections[0].articles[0].title")
    assert code in error.message and words in error.message


def test_a_raw_control_or_bidi_character_is_named_at_its_own_column(issues_dir):
    error = only_error(write(issues_dir, issue(title="市科协\u202e召开会议")))
    assert (error.line, error.column) == (8, 19) and "U+202E" in error.message
    raw = write(issues_dir, issue(body="          会议\x1b召开。\n"))
    result = run_cli("check", raw)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "第 10 行第 13 列" in result.stderr and "U+001B" in result.stderr
    assert "unacceptable" not in result.stderr  # PyYAML's English is not shown


def test_a_control_character_in_the_body_is_refused_at_its_place(issues_dir):
    error = only_error(write(issues_dir, issue(body="          第一段。\n\n          第二\u0007段。\n")))
    assert (error.line, error.column) == (12, 13) and "U+0007" in error.message
    error = only_error(write(issues_dir, issue(body="          第一段。\n\n          第二\u202d段。\n")))
    assert (error.line, error.column, error.path) == (12, 13, "sections[0].articles[0].body")
    assert "U+202D" in error.message


@pytest.mark.parametrize("title", ['"\\u200b"', '"\\u200b\\u200d\\u2060 \\ufeff"', '"\\u00ad"'])
def test_a_field_of_invisible_characters_only_counts_as_empty(issues_dir, title):
    error = only_error(write(issues_dir, issue(title=title)))
    assert error.path == "sections[0].articles[0].title"
    assert "不能为空" in error.message and "看不见" in error.message


def test_a_paragraph_of_invisible_characters_only_is_an_error(issues_dir):
    error = only_error(write(issues_dir, issue(body="          第一段。\n\n          \u200b\u200b\n")))
    assert error.path == "sections[0].articles[0].body[1]" and error.line == 12


@pytest.mark.parametrize("mark", ["\u1ab0", "\u20d0", "\u0489"])
def test_a_combining_mark_no_font_has_is_an_error_not_an_empty_box(issues_dir, mark):
    path = write(issues_dir, issue(title=f"组合{mark}符号"))
    result = run_cli("check", path)
    assert result.returncode == 1
    assert f"U+{ord(mark):04X}" in result.stderr and "字体里都没有" in result.stderr
    # named once, though the title is printed twice (article and contents)
    assert result.stderr.count("字体里都没有") == 1


# --- 12: a date outside its year -------------------------------------------------

def test_a_date_outside_the_year_is_an_error(issues_dir):
    error = only_error(write(issues_dir, issue().replace("2023-07-07", "2032-01-26")))
    assert (error.line, error.path) == (4, "date")
    assert "2032-01-26" in error.message and "2023" in error.message


def test_new_never_makes_a_folder_for_another_year(issues_dir):
    write(issues_dir, issue().replace("2023-07-07", "2032-01-26"))
    result = run_cli("new", issues_dir)
    assert result.returncode == 1 and "不在本期的年份" in result.stderr
    assert not (issues_dir / "2032").exists() and not (issues_dir / "2023" / "2023-21.yaml").exists()


# --- 10: a number too long to be a number -----------------------------------------

def test_a_5000_digit_total_is_a_range_error_not_an_internal_error(issues_dir):
    path = write(issues_dir, issue().replace("total: 73", "total: " + "9" * 5000))
    result = run_cli("check", path)
    assert result.returncode == 1 and "内部错误" not in result.stderr
    assert "第 3 行" in result.stderr and "总期号应当不小于 1" in result.stderr
    assert "5000 位" in result.stderr and "9999" not in result.stderr


# --- 7a: limits on what is typeset ------------------------------------------------

def test_a_title_over_the_limit_is_refused(issues_dir):
    title = "科" * (limits.MAX_TITLE_CHARS + 1)
    error = only_error(write(issues_dir, issue(title=title)))
    assert (error.line, error.path) == (8, "sections[0].articles[0].title")
    assert f"{limits.MAX_TITLE_CHARS + 1} 个字" in error.message
    assert f"最多 {limits.MAX_TITLE_CHARS} 个字" in error.message
    load_issue(write(issues_dir, issue(title="科" * limits.MAX_TITLE_CHARS)))


def test_a_column_name_over_the_limit_is_refused(issues_dir):
    error = only_error(write(issues_dir, issue(column="栏" * (limits.MAX_COLUMN_CHARS + 1))))
    assert error.path == "sections[0].column" and "太长" in error.message


def test_a_paragraph_over_the_limit_is_refused_at_its_line(issues_dir):
    body = "          第一段。\n\n          " + "字" * (limits.MAX_PARAGRAPH_CHARS + 1) + "\n"
    error = only_error(write(issues_dir, issue(body=body)))
    assert (error.line, error.path) == (12, "sections[0].articles[0].body[1]")
    assert "请分段" in error.message


def test_too_many_paragraphs_in_an_article_are_refused(issues_dir):
    body = "\n".join(f"          第{i}段。\n" for i in range(limits.MAX_ARTICLE_PARAGRAPHS + 1))
    error = only_error(write(issues_dir, issue(body=body)))
    assert error.path == f"sections[0].articles[0].body[{limits.MAX_ARTICLE_PARAGRAPHS}]"
    assert "段落太多" in error.message


def test_too_many_distribution_lines_are_refused(issues_dir):
    extra = "footer:\n  distribution:\n" + "".join(
        f"    - 单位{i}\n" for i in range(limits.MAX_DISTRIBUTION + 1))
    error = only_error(write(issues_dir, issue(extra=extra)))
    assert error.path == f"footer.distribution[{limits.MAX_DISTRIBUTION}]"
    assert "太多" in error.message


def _big_issue(articles: int, paragraphs: int, chars: int) -> str:
    lines = [HEAD.rstrip("\n"), "sections:"]
    for s in range(0, articles, 10):
        lines += [f"  - column: 栏目{s // 10}", "    articles:"]
        for a in range(s, min(s + 10, articles)):
            lines += [f"      - title: 第{a}篇文章的标题", "        body: |"]
            for p in range(paragraphs):
                lines += ["          " + "字" * chars, ""]
    return "\n".join(lines) + "\n"


def test_a_50_page_issue_is_well_within_the_limits(issues_dir):
    # 50 pages of 22 lines of 28 characters: about 31,000 characters.
    issue_ = load_issue(write(issues_dir, _big_issue(articles=40, paragraphs=8, chars=100)))
    assert sum(len(p) for _, _, a in issue_.articles() for p in a.paragraphs) == 32_000


def test_the_issue_wide_limits_name_the_article_that_goes_over(issues_dir):
    over = limits.MAX_ISSUE_CHARS // (4 * 1000) + 1      # articles of 4 × 1000 characters
    error = only_error(write(issues_dir, _big_issue(articles=over, paragraphs=4, chars=1000)))
    assert error.path == f"sections[{(over - 1) // 10}].articles[{(over - 1) % 10}]"
    assert "正文字数太多" in error.message and "分成两期" in error.message
    error = only_error(write(issues_dir, _big_issue(articles=limits.MAX_ISSUE_ARTICLES + 1,
                                                    paragraphs=1, chars=5)))
    assert "文章太多" in error.message


# --- 17: slips of the Chinese input method ----------------------------------------

@pytest.mark.parametrize("text,line,column", [
    (issue().replace("year: 2023", "year：2023"), 1, 5),
    (issue().replace("      - title:", "      - title："), 8, 14),
])
def test_a_full_width_colon_gets_its_own_message(issues_dir, text, line, column):
    error = only_error(write(issues_dir, text))
    assert (error.line, error.column) == (line, column)
    assert "全角冒号" in error.message and "半角冒号" in error.message


@pytest.mark.parametrize("space,name", [("\u3000", "全角空格（U+3000）"),
                                        ("\u00a0", "不换行空格（U+00A0）")])
@pytest.mark.parametrize("where", ["  - column:", "        body:"])
def test_indentation_with_full_width_or_no_break_spaces_gets_its_own_message(
        issues_dir, space, name, where):
    width = len(where) - len(where.lstrip())
    text = issue().replace(where, space * width + where.lstrip())
    with pytest.raises(IssueErrors) as info:
        load_issue(write(issues_dir, text))
    messages = [e.message for e in info.value.errors]
    assert any(name in m and "只能用半角空格缩进" in m for m in messages), messages
