"""Titles of any accepted length break in bounded work and never leave the type area."""

from __future__ import annotations

import random

import pytest

from weekly_pdf.source.layout import read_layout
from weekly_pdf.typeset import Typesetter
from weekly_pdf.typeset.measure import Measure

HAN = "科协组织开展学习研讨会议围绕创新驱动发展战略推进首都科技工作者服务平台建设人才培养"


class CountingMeasure(Measure):
    """A real Measure that counts the characters it measures."""

    measured = 0

    def widths(self, text):
        CountingMeasure.measured += len(text)
        return super().widths(text)


@pytest.fixture(scope="module")
def setter(builder, project):
    return Typesetter(builder.fontset, read_layout(project.layout_dir("bulletin")))


@pytest.mark.parametrize("length", [60, 200])
def test_title_breaking_measures_each_character_a_bounded_number_of_times(setter, length):
    # The old breaker measured every line candidate afresh (O(n^4) characters:
    # over a minute at 480); now every character is measured a few times.
    rng = random.Random(length)
    title = "".join(rng.choice(HAN + "、，的") for _ in range(length))
    measure = CountingMeasure(setter.advances, "title", setter.titles.size)
    CountingMeasure.measured = 0
    from weekly_pdf.typeset.breaking import balanced_lines
    lines = balanced_lines(title, measure, setter.width)
    assert "".join(lines) == title
    assert CountingMeasure.measured <= 6 * length
    assert all(setter.titles.ink(line) <= setter.width + 1e-6 for line in lines)
    widths = [len(line) for line in lines]
    assert len(lines) == -(-length // 20) and max(widths) - min(widths) <= 3


@pytest.mark.parametrize("title", [
    "见https://www.bast.net.cn/col/col6003/art/2023/index_subscription_list.html?from=weekly&id=20",
    "Supercalifragilisticexpialidociousandevenlongerwordsthatneverendinthistitle科协",
    "关于" + "A" * 80 + "的通知",
])
def test_a_long_latin_word_or_url_in_a_title_wraps_inside_the_type_area(setter, title):
    lines = setter.title(title)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert len(lines) > 1
    for line in lines:
        assert setter.titles.ink(line) <= setter.width + 1e-6, line


def test_a_url_wraps_at_its_punctuation_when_it_can(setter):
    lines = setter.title("市科协网站改版上线https://www.bast.net.cn/col/col6003/art/2023/"
                         "index_subscription_list.html")
    # Breaks after / - _ ? & = or before . @ (never inside a word of the URL).
    for line, following in zip(lines, lines[1:]):
        assert line[-1] in "/-_?&=上" or following[0] in ".@", lines
