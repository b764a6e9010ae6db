"""The line breaker and justifier on their own, with the real bundled fonts."""

from __future__ import annotations

import re

import pytest

from weekly_pdf.source.layout import read_layout
from weekly_pdf.typeset import Typesetter
from weekly_pdf.typeset.rules import NO_END, NO_START, atoms, units, violations
from weekly_pdf.typeset.justify import line_layout

HAN = "科协组织开展学习研讨会议围绕创新驱动发展战略推进首都科技工作者服务平台建设人才培养"


@pytest.fixture(scope="module")
def bulletin(project):
    return read_layout(project.layout_dir("bulletin"))


@pytest.fixture(scope="module")
def setter(builder, bulletin):
    return Typesetter(builder.fontset, bulletin)


def _texts(setter, text):
    return [line.text for line in setter.paragraph(text).lines]


def test_a_pure_han_paragraph_takes_26_then_28_characters_a_line(setter):
    lines = _texts(setter, HAN * 3)
    assert [len(line) for line in lines[:-1]] == [26] + [28] * (len(lines) - 2)
    assert "".join(lines) == HAN * 3


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(setter):
    for mark in "、，。；：？！）】〕」』”’》〉":
        for shift in range(3):
            text = HAN[:25 + shift] + mark + "（" + HAN[:40] + "）。"
            lines = _texts(setter, text)
            assert violations(lines) == [], (mark, shift, lines)
            assert "".join(lines) == text


@pytest.mark.parametrize("pair", ["——", "……"])
def test_double_dashes_and_ellipses_never_split(setter, pair):
    for shift in range(24, 29):
        text = HAN[:shift] + pair + HAN[:30]
        lines = _texts(setter, text)
        assert all(not line.endswith(pair[0]) or line.endswith(pair) for line in lines[:-1])
        assert not any(line.startswith(pair[0]) for line in lines[1:])


def test_a_closing_mark_is_pushed_in_when_the_lines_punctuation_can_give_way(setter):
    # 26 cells after the indent: 25 characters with two commas, then 进。
    head = "科协组织，开展学习研讨，会议围绕创新驱动发展战略推"
    assert len(head) == 25
    paragraph = setter.paragraph(head + "进。" + HAN)
    first = paragraph.lines[0]
    assert first.text == head + "进。"  # 27 characters in 26 cells: pushed in
    assert first.pushed_in


def test_a_line_of_ideographs_pushes_one_mark_in_by_its_blank_half(setter):
    # The mark at the end gives up its blank half (set half width, its ink on
    # the edge), the 25 gaps give the rest: about 0.3 pt each.
    paragraph = setter.paragraph(HAN[:26] + "。" + HAN)
    first = paragraph.lines[0]
    assert first.text == HAN[:26] + "。" and first.pushed_in
    spacing = [run.spacing for run in paragraph.runs[0] for _ in run.text][:-1]
    assert all(-0.21 - 0.4 <= gap < -0.21 for gap in spacing)


def test_a_mark_is_pushed_out_when_nothing_can_give_way(setter):
    paragraph = setter.paragraph(HAN[:26] + "。”" + HAN)
    first = paragraph.lines[0]
    assert first.text == HAN[:25] and not first.pushed_in
    assert paragraph.lines[1].text.startswith(HAN[25] + "。”")


def test_single_marks_keep_three_quarters_of_an_em_when_a_line_is_squeezed(setter):
    # Four marks in the line: pushing in 。” needs more than the quiet squeeze.
    head = "科协组织，开展学习，研讨会议，围绕创新、驱动发展推"
    assert len(head) == 25
    paragraph = setter.paragraph(head + "进。”" + HAN)
    first = paragraph.lines[0]
    assert first.text == head + "进。”" and first.pushed_in
    widths = setter.body.widths(first.text)
    spacing = [run.spacing for run in paragraph.runs[0] for _ in run.text]
    for i, char in enumerate(first.text[:-2]):
        if char in "，、":
            assert widths[i] + spacing[i] >= 0.75 * 16, (char, spacing[i])


def test_percent_and_latin_words_keep_together(setter):
    text = HAN[:24] + "增长13.5%，" + "见https://www.example.org/news/2023/index.html了解。" + HAN
    lines = _texts(setter, text)
    assert violations(lines) == []
    assert not any(line.startswith("%") for line in lines)
    joined = "".join(lines)
    assert "https://www.example.org/news/2023/index.html" in joined


def test_every_full_line_is_spaced_to_fill_the_measure_exactly(setter):
    text = (HAN + "，2023年GDP增长5.2%，见https://www.bast.net.cn/。" + HAN) * 2
    paragraph = setter.paragraph(text)
    for line, runs in zip(paragraph.lines, paragraph.runs):
        if not line.last:
            assert _right_edge(setter, line, runs) == pytest.approx(line.width, abs=0.01), \
                line.text
        assert "".join(run.text for run in runs) == line.text
    assert paragraph.lines[0].width == pytest.approx(setter.layout.type_width - setter.indent)


def _right_edge(setter, line, runs):
    """Where the line's ink ends as justified (before the spacing is rounded
    to what the PDF writer draws; the layout tests measure the PDF), in pt
    from the left edge of the measure: a mark set out at the start, or half
    width at the end, counts from its ink half."""
    lead, gaps = line_layout(line, setter.body)
    assert lead == runs[0].lead
    spacing = [run.spacing for run in runs for _ in run.text][:-1]
    assert max((abs(a - b) for a, b in zip(gaps, spacing)), default=0) < 0.2
    ink = sum(setter.body.widths(line.text)) + sum(gaps) - lead
    if line.pushed_in:
        ink -= setter.body.trail(line.text)
    return ink


def test_compressed_punctuation_fits_more_on_a_line(builder, bulletin):
    text = "《科学》、《自然》、“科学家”，（一）、（二）" * 6
    full = Typesetter(builder.fontset, bulletin, compress=False).paragraph(text).lines
    compressed = Typesetter(builder.fontset, bulletin).paragraph(text).lines
    assert len(compressed[1].text) > len(full[1].text)


def test_adjacent_marks_are_compressed_the_same_way_every_time(setter):
    text = ("勇于攀登科技高峰》《着力实施创新驱动发展战略》《重视科学" * 4 + "，“国际科技”。（北京）") * 3
    paragraph = setter.paragraph(text)
    pair_gaps = set()
    for line, runs in zip(paragraph.lines, paragraph.runs):
        spacing = [run.spacing for run in runs for _ in run.text]
        for i, (a, b) in enumerate(zip(line.text, line.text[1:])):
            if a + b in ("》《", "，“", "。（", "”。"):
                pair_gaps.add(spacing[i])
    # every pair: half an em less than the grid, less a little (MIN_GAP, and the
    # values the PDF writer can draw)
    assert pair_gaps and all(-8.0 < gap < -7.7 for gap in pair_gaps), pair_gaps


def test_an_opening_mark_starts_a_line_half_width(builder, bulletin):
    text = "科协组织开展学习研讨会议围绕创新驱动发展战略推进首“科学家精神”传播活动" + HAN
    half = Typesetter(builder.fontset, bulletin).paragraph(text)
    full = Typesetter(builder.fontset, bulletin, opening_half=False).paragraph(text)
    assert half.lines[1].text.startswith("“") and full.lines[1].text.startswith("“")
    assert half.runs[1][0].lead == 8 and full.runs[1][0].lead == 0
    # the half em gained holds part of the next character
    assert len(half.lines[1].text) >= len(full.lines[1].text)


def test_titles_break_into_balanced_lines(setter):
    title = "科协组织开展学习研讨会议围绕创新驱动发展战略推进"
    assert setter.title(title) == ("科协组织开展学习研讨会议", "围绕创新驱动发展战略推进")
    long = HAN[:45]
    lines = setter.title(long)
    # even, give or take the few characters that keep phrases whole (开展, 围绕 …)
    assert len(lines) == 3 and max(map(len, lines)) - min(map(len, lines)) <= 3
    assert lines == ("科协组织开展学习研讨会议", "围绕创新驱动发展战略推进首都", "科技工作者服务平台建设人才培养")
    assert setter.title("科学文化教育节目《大先生》第二季启动") == ("科学文化教育节目《大先生》第二季启动",)


def test_units_glue_marks_to_their_neighbours():
    assert units("见“科学”。") == [["见"], ["“", "科"], ["学", "”", "。"]]
    assert units("一——二") == [["一", "——"], ["二"]]
    # Short Latin words never break; long runs (URLs, addresses) at / . @ only.
    assert atoms("共计GDP增长13.5%。")[2:4] == ["GDP", "增"]
    assert atoms("邮箱skxxxbs@bast.net.cn。")[2:-1] == ["skxxxbs", "@bast", ".net", ".cn"]
    assert atoms("见https://a.example.org/x/y/index.html")[1:] == [
        "https://", "a.example", ".org/", "x/", "y/", "index", ".html"]
    assert NO_END & NO_START == {"\u00a0", "\u2060"}  # glue on both sides


def test_invisible_characters_take_no_room_and_no_break_spaces_hold(setter):
    text = HAN[:20] + "\u200b" + HAN[20:30] + "Windows\u00a011" + HAN * 2
    lines = _texts(setter, text)
    assert "\u200b" in lines[0] and len(lines[0].replace("\u200b", "")) == 26
    assert any("Windows\u00a011" in line for line in lines)


def test_random_paragraphs_keep_every_rule(setter):
    """Generated paragraphs with marks, Latin runs and numbers in every position."""
    import random

    rng = random.Random(20230707)
    pieces = list(HAN) + list("，。、；：？！“”（）《》【】") + [
        "——", "……", "2023年", "13.5%", "GDP", "AI for Science", "skxxxbs@bast.net.cn",
        "https://www.bast.net.cn/col/col6003/index.html", "Tsinghua University"]
    for _ in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(20, 160)))
        paragraph = setter.paragraph(text)
        lines = [line.text for line in paragraph.lines]
        assert violations(lines) == [], lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line, runs in zip(paragraph.lines, paragraph.runs):
            ink = _right_edge(setter, line, runs)
            if not line.last and len(line.text) > 1:
                assert ink == pytest.approx(line.width, abs=0.01), line.text
            assert ink <= line.width + 0.01, line.text


@pytest.mark.parametrize("title,lines", [
    # The seed's titles of two lines: a few characters of balance buy whole words.
    ("市科协党组理论学习中心组开展主题教育学习研讨", ("市科协党组理论学习中心组", "开展主题教育学习研讨")),
    ("中国制冷学会、北京制冷学会与中信和业开展联学共建",
     ("中国制冷学会、北京制冷学会", "与中信和业开展联学共建")),
    ("东城区科协邀请两新组织党员参加七一主题党日", ("东城区科协邀请两新组织党员", "参加七一主题党日")),
])
def test_titles_wrap_between_words_when_that_costs_little(setter, title, lines):
    assert setter.title(title) == lines


def test_a_title_with_no_word_break_in_reach_stays_balanced(setter):
    # The only word-aware break (before 开展) would leave a stub: balance wins.
    lines = setter.title("首都科技工作者服务平台建设工作会议青年人才培养座谈开展")
    assert max(map(len, lines)) - min(map(len, lines)) <= 1


def test_runs_are_few_and_styled_by_classes(builder, bulletin):
    """A line is a few runs of one letter-spacing each (a pure Han line: four),
    styled by classes from one generated <style> block, the same every time."""
    from tests.helpers import SEED_ISSUE
    from weekly_pdf.render.html import ClosingPlacement
    from weekly_pdf.source.load import load_issue
    from weekly_pdf.render.html import render_html
    from weekly_pdf.typeset import run_styles, set_articles

    issue = load_issue(SEED_ISSUE)
    setter = Typesetter(builder.fontset, bulletin)
    articles = set_articles(issue, setter)
    lines = [(line, runs) for article in articles.values() for block in article.blocks
             if hasattr(block, "paragraph")
             for line, runs in zip(block.paragraph.lines, block.paragraph.runs)]
    # Han characters and single marks, not pushed in: one spacing for the line
    pure = [runs for line, runs in lines if not line.last and not line.pushed_in
            and not any(setter.body.pair(a, b) for a, b in zip(line.text, line.text[1:]))
            and all(not c.isascii() for c in line.text)]
    assert pure and all(len(runs) <= 4 for runs in pure)
    assert sum(len(runs) for _, runs in lines) / len(lines) < 6

    def html():
        return render_html(issue, bulletin, builder.fontset,
                           articles=set_articles(issue, setter), closing=ClosingPlacement())

    first = html()
    assert first == html()
    assert "letter-spacing" not in first.split("</head>", 1)[1]
    styles = run_styles(articles)
    block = re.search(r"<style>(\.[os][^<]*)</style>", first).group(1)
    assert block.count("{") == len(styles) < 200
    main = first.split("<main>", 1)[1].split("</main>", 1)[0]
    used = set(re.findall(r"<span class=\"([^\"]+)\">", main))
    assert {c for classes in used for c in classes.split()} == {name for name, _ in styles}
