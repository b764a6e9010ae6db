"""Where a title may wrap, as an editor sees it: what each break costs.

GB/T 9704 asks a title that wraps to keep 词意完整 as well as 排列对称. Every
place between two characters of a title gets a class:

* :data:`CLAUSE` — between clauses: at a space (after an ideographic one),
  after ，：；！？ or a dash;
* :data:`PHRASE` — between phrases: after 、, 的 or a closing quote or
  bracket, before a word that starts a predicate or a phrase (开展, 召开,
  与, 在 …: :data:`HEADS`);
* :data:`WORD` — between two other words that the segmenter found
  (:mod:`.segmenter`: jieba, with the office's terms); before an opening
  quote too, which mostly joins a verb and its object (开展/“…”);
* :data:`HANGING` — after a one-character preposition or conjunction
  (与, 在, 对 …), which belongs at the start of the next line: avoided
  like a break inside a word;
* :data:`IN_WORD` — inside a word (全/国);

and :data:`IN_TERM` is added to the class of a place inside what must stay
whole: a quoted term (“…”, 《…》, 「…」, 『…』, 〈…〉, ‘…’) that fits on a
line, an office term (a unit or programme name from the term lists) and a
number with its unit (2023年7月12日, 500余人, 第十届, 3.5亿元). A term that
must break after all then breaks between its own words where it can (as
jieba cuts it without the terms).

The breaker (:func:`.breaking.balanced_lines`) avoids a break inside a term
first, then one inside a word (or HANGING), whatever the balance: they are
taken only when no break of the same number of lines keeps the lines even
enough. Between CLAUSE, PHRASE and WORD it weighs balance against a few
characters (:data:`.breaking.TITLE_COSTS`).
"""

from __future__ import annotations

import re

from .segmenter import all_terms, words

CLAUSE, PHRASE, WORD, HANGING, IN_WORD = 0, 1, 2, 3, 4
#: Added to the class of a place inside a term.
IN_TERM = 5

#: Marks after which a title may wrap between clauses (a space is one too).
PAUSES = frozenset("，：；！？,:;!? \u3000—…―")
#: Words before which a title may wrap between phrases: verbs, prepositions
#: and conjunctions that start the predicate or a phrase of a news headline.
HEADS = ("与", "和", "及", "暨", "并", "在", "为", "对", "赴", "到", "于", "向", "同", "就",
         "关于", "围绕", "聚焦", "开展", "参加", "举办", "召开", "举行", "邀请", "启动", "推进",
         "助力", "走进", "深入", "调研", "出席", "发布", "荣获", "入选", "获批", "签署", "走访",
         "慰问", "看望", "会见", "考察", "揭牌", "成立", "组织开展", "圆满", "顺利", "成功")
#: Heads of two characters or more: a word that begins with one starts a phrase too.
LONG_HEADS = tuple(head for head in HEADS if len(head) > 1)
#: Opening and closing marks of quoted terms, in pairs.
QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "〈": "〉", "‘": "’"}
#: Marks after which a title may wrap between phrases: a list's comma, closing
#: quotes and brackets.
PHRASE_ENDS = frozenset("、”’》」』〉）】〕)]")

_DIGITS = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: Chinese digits of a count: source.wording.CHINESE_NUMERAL (dates, numbers) and 千万亿
#: (三千余人, 两万名).
_HAN_DIGITS = r"[零〇一二三四五六七八九十百千万亿两]"
#: Units and measure words that go with a number (longest first: 千米 before 千).
UNITS = ("周年", "年度", "年", "个月", "月", "日", "号", "时", "点", "分钟", "分", "秒", "周", "天",
         "岁", "人次", "万人", "人", "名", "位", "个", "家", "所", "项", "次", "届", "期", "季", "场",
         "篇", "部", "本", "件", "台", "套", "份", "批", "支", "条", "类", "种", "门", "级", "倍",
         "元", "万元", "亿元", "万", "亿", "千", "百", "平方米", "平方公里", "公里", "千米", "米",
         "亩", "吨", "公斤", "千克", "克", "度", "%", "％", "‰", "℃", "GB", "MB", "TB", "km", "kg")
_UNITS = "(?:" + "|".join(sorted(map(re.escape, UNITS), key=lambda u: (-len(u), u))) + ")"
#: A number with its unit: Arabic digits with a unit (余/多 between), a
#: chain of them (2023年7月12日), 第 with any number (第十届, 第二季, 第3期),
#: or Chinese digits with a unit, two or more or with 余/多 (二十周年, 十余家).
NUMBER_RE = re.compile(
    rf"(?:{_DIGITS}(?:余|多)?{_UNITS})+"
    rf"|第(?:{_DIGITS}|{_HAN_DIGITS}+){_UNITS}?"
    rf"|{_HAN_DIGITS}{{2,}}(?:余|多)?{_UNITS}|{_HAN_DIGITS}(?:余|多){_UNITS}")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted term, marks included; nested ones too.
    An opening mark without its closing one quotes nothing."""
    spans, stack = [], []
    for i, char in enumerate(text):
        if char in QUOTES:
            stack.append((char, i))
        elif stack and char == QUOTES[stack[-1][0]]:
            spans.append((stack.pop()[1], i + 1))
        elif any(char == QUOTES[opening] for opening, _ in stack):
            while stack and QUOTES[stack[-1][0]] != char:
                stack.pop()  # an unclosed inner mark
            spans.append((stack.pop()[1], i + 1))
    return sorted(spans)


def term_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of an office term (longest first where two overlap)."""
    spans = []
    for term in terms:
        start = text.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = text.find(term, start + 1)
    return spans


def number_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in NUMBER_RE.finditer(text)]


def break_classes(text: str, terms: tuple[str, ...] = (), fits=lambda span: True) -> list[int]:
    """The class of a break before each character of ``text`` (index 0: the
    start, never a break; index len(text): the end): CLAUSE, PHRASE, WORD,
    HANGING or IN_WORD, plus IN_TERM inside a term.

    ``terms``: the office's terms (the built-in ones are added); ``fits``:
    whether a quoted term (its text) fits on one line, so it can stay whole.
    """
    classes = _word_classes(text, words(text, terms))
    spans = term_spans(text, all_terms(terms))
    if spans:
        # Inside a term, the words jieba finds without it (a term broken after all).
        plain = _word_classes(text, words(text, terms, added=False))
        for a, b in spans:
            classes[a + 1:b] = plain[a + 1:b]
    whole = [(a, b) for a, b in quoted_spans(text) if fits(text[a:b])]
    inside = set()
    for a, b in whole + spans + number_spans(text):
        inside.update(range(a + 1, b))
    for k in inside:
        classes[k] += IN_TERM
    return classes


def _word_classes(text: str, cut: list[str]) -> list[int]:
    """The class of each place in ``text`` cut into the words ``cut``."""
    n = len(text)
    classes = [WORD] * (n + 1)
    #: The words that end and start at each position ("" inside a word).
    ending, starting = [""] * (n + 1), [""] * (n + 1)
    position = 0
    for word in cut:
        starting[position] = word
        for k in range(position + 1, position + len(word)):
            classes[k] = IN_WORD
        position += len(word)
        ending[position] = word
    for k in range(1, n):
        if classes[k] == WORD:
            classes[k] = _between_words(text[k - 1], text[k], ending[k], starting[k])
    return classes


def _between_words(before: str, after: str, ended: str, started: str) -> int:
    """The class of a place between two words: ``before`` and ``after`` the
    characters either side, ``ended`` and ``started`` the words."""
    if before in PAUSES or after == " ":
        return CLAUSE
    if ended in HEADS:
        return HANGING
    # A single-character head only as a word of its own (与, not 与会).
    if before in PHRASE_ENDS or ended == "的" or started in HEADS or \
            started.startswith(LONG_HEADS):
        return PHRASE
    return WORD
