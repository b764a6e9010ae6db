"""Lines of a back issue → the fields of an issue file.

The issue is read in four regions, in print order: the masthead (报头), the
contents block (目录提要), the columns with their articles, and the closing
block (版记). Whatever cannot be placed is kept as a :class:`Leftover` with
where it came from; nothing is silently dropped except page numbers and
running heads.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from ..fields import EMAIL_RE
from ..textjoin import join_text
from ..wording import CHINESE_NUMERAL, DEFAULT_TOC_TITLE, read_chinese_number
from ..punctuation import NO_START as NEVER_STARTS_A_PRINTED_LINE
from .lines import SourceLine, norm
from .records import Article, Section, place_footnotes, put_back, take_note

COLUMN_RE = re.compile(r"^\s*[【〖\[]\s*(?P<name>[^】〗\]]+?)\s*[】〗\]]\s*$")
TOC_HEADING_RE = re.compile(r"^(目录提要|目录|本期目录|本期要目|要目|内容提要|本期导读)$")
BULLET_RE = re.compile(r"^\s*(?:[-–—•·◆◇■□●○★☆▪►▶*]+|\d{1,2}[.、．)）])\s*")
PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–−_~·\s]*\d{1,3}[-—–−_~·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3})$")
FOOTER_LABELS = {
    "email": r"信息报送邮箱|报送邮箱|投稿邮箱|电子邮箱|邮箱|E-?mail",
    "editor": r"责任编辑|编\s*辑",
    "reviewer": r"审\s*核|审\s*稿",
    "distribution": r"分\s*送|抄\s*送|发\s*送",
}
FOOTER_LABEL_RE = re.compile(
    "(?:" + "|".join(f"(?P<{key}>{pattern})" for key, pattern in FOOTER_LABELS.items())
    + r")\s*[:：]", re.IGNORECASE)
FOOTER_START_RE = re.compile(r"^\s*(?:" + "|".join(FOOTER_LABELS.values()) + r")\s*[:：]",
                             re.IGNORECASE)
NUMBER_ONLY_RE = re.compile(r"(?<!总)第\s*(\d{1,4})\s*期")
ISSUE_RE = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,4})\s*期")
TOTAL_RE = re.compile(r"[(]?\s*总\s*第\s*(\d{1,5})\s*期\s*[)]?")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
#: Markings printed in a masthead that are no field of the contract (内部资料…).
CLASSIFICATION_RE = re.compile(r"内部|注意保存|秘密|机密|外传|绝密|仅供")
#: How a news item's first paragraph usually opens: a date, 近日, 日前….
LEAD_RE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日|^(?:近日|日前|近期|当天|今年)")
ENUM_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")
ITEM_RE = re.compile(r"^[一二三四五六七八九十]是|^(?:第[一二三四五六七八九十]+|首先|其次|最后)[，,]")
CONTRIBUTOR_RE = re.compile(r"^[（(](?P<name>[^（）()，,。；;：:]{2,30})[）)]$")
SOURCE_TAIL_RE = re.compile(
    r"^(?P<body>.*[。！？!?…”’」』])\s*[（(](?P<name>[^（）()，,。；;：:]{2,30})[）)]$", re.S)

#: A paragraph that ends with one of these is complete.
TERMINAL = "。！？!?…；;"
#: Closing marks: complete only when what they close ends a sentence.
CLOSERS = "”’」』\""
#: A line that starts with one of these continues the line before it: what no
#: printed line starts with (the typesetter's 禁则) and a full stop, but not a
#: dash or a middle dot, which may begin a line of a text source (——subtitle, · item).
NO_START = (NEVER_STARTS_A_PRINTED_LINE | {"."}) - {"—", "·", "・"}


class NotAnIssue(Exception):
    """The source holds nothing that looks like an issue; nothing is written."""


@dataclass(frozen=True)
class Leftover:
    """Text the importer could not place, and why."""

    where: str
    text: str
    why: str


@dataclass
class Parsed:
    """The fields found (in contract order; ``sections`` as a list of
    :class:`~.records.Section`) and what needs a person's look."""

    fields: dict = field(default_factory=dict)
    leftovers: list[Leftover] = field(default_factory=list)
    #: Problems that need a look but belong to no line (a missing field, say).
    problems: list[str] = field(default_factory=list)
    #: Things worth knowing that need no action.
    notes: list[str] = field(default_factory=list)
    #: Fields the source did not give (contract names).
    missing: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.leftovers or self.problems)


# --- small predicates ---------------------------------------------------------

def is_complete(text: str) -> bool:
    """Does a paragraph end here (rather than run on over a page break)?"""
    text = text.rstrip()
    if not text:
        return True
    last = text[-1]
    if last in TERMINAL:
        return True
    if last in CLOSERS:
        return len(text) > 1 and text[-2] in TERMINAL
    if last in "）)":
        opener = max(text.rfind("（"), text.rfind("("))
        return opener == 0 or (opener > 0 and is_complete(text[:opener])
                               and text[opener - 1] not in "，、")
    return False


def title_like(text: str, *, commas: bool = False) -> bool:
    """Could this line be an article title (short, no sentence in it)?

    Headlines carry no comma; a line that has one is more likely the first
    part of a paragraph cut by a page break, unless ``commas`` (the line is
    known to be set as a title, or the contents block names it).
    """
    n = norm(text)
    return (0 < len(n) <= 60 and n[-1] not in TERMINAL + "，,、：:" and "。" not in n
            and (commas or not re.search(r"[，,；;]", n))
            and not ENUM_RE.match(n) and not CONTRIBUTOR_RE.match(n)
            and not COLUMN_RE.match(n))


def similarity(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if a in b or b in a:
        ratio = max(ratio, 0.8)
    return ratio


def in_order_share(entry: str, title: str) -> float:
    """The share of ``entry``'s characters found in ``title`` in the same
    order (a longest common subsequence): 1.0 when a contents entry only
    leaves words of the title out. Entries under 6 characters give 0."""
    a, b = norm(entry), norm(title)
    if len(a) < 6 or len(a) >= len(b):
        return 0.0
    row = [0] * (len(b) + 1)
    for char in a:
        diagonal = 0
        for j, other in enumerate(b, 1):
            above = row[j]
            row[j] = diagonal + 1 if char == other else max(row[j], row[j - 1])
            diagonal = above
    share = row[-1] / len(a)
    return share if share >= 0.85 else 0.0


_CN_NUMBER_RE = re.compile(CHINESE_NUMERAL + "(?=[年月日期])")


def _digits(text: str) -> str:
    """Text for reading numbers: NFKC (full-width digits and brackets → ASCII)
    and Chinese numerals before 年/月/日/期 as digits (二〇二三年七月七日)."""
    text = unicodedata.normalize("NFKC", text)
    return _CN_NUMBER_RE.sub(lambda m: str(read_chinese_number(m.group(0))), text)


def hard_wrap_width(lines: list[SourceLine]) -> int:
    """Characters per line when a text keeps the printed line breaks (as
    pdftotext writes it), else 0. Such a text has most of its longer lines
    within a few characters of one length; the seed's style (one line per
    paragraph) never does."""
    lengths = [len(norm(line.text)) for line in lines if len(norm(line.text)) >= 16
               and not BULLET_RE.match(line.text) and not COLUMN_RE.match(line.text)]
    if len(lengths) < 12:
        return 0
    mode = max(set(lengths), key=lambda n: (lengths.count(n), n))  # the full printed line
    near = sum(mode - 3 <= m <= mode + 1 for m in lengths)
    longer = sum(m > mode + 4 for m in lengths)  # a paragraph on one line: not wrapped
    return mode if (20 <= mode <= 60 and near >= 0.6 * len(lengths)
                    and longer <= 0.05 * len(lengths)) else 0


# --- the parser ---------------------------------------------------------------

@dataclass
class _BodyState:
    """Where :meth:`_Parser.read_body` is."""

    section: Section | None = None
    article: Article | None = None
    #: The last paragraph may run on to the next line (text sources).
    open_para: bool = False
    #: Its last line filled the printed line (hard-wrapped text).
    last_full: bool = False


class _At:
    """One line of the body with the two after it."""

    def __init__(self, parser: _Parser, line: SourceLine, following: SourceLine | None,
                 after: SourceLine | None):
        self.parser, self.line, self.following, self.after = parser, line, following, after
        self.text = line.text.strip()

    @functools.cached_property
    def head(self) -> bool:
        """The first line of a title wrapped after a 、 (see :meth:`_Parser.title_head`)."""
        return not self.parser.is_full(self.text) and self.parser.title_head(
            self.text, self.following, self.after)


class _Parser:
    def __init__(self, lines: list[SourceLine]):
        self.wrap_width = 0  # characters per printed line, when the text is hard-wrapped
        self.out = Parsed()
        self.lines = [line for line in lines if line.text.strip()]
        self.masthead: dict = {}
        self.toc_title: str | None = None
        self.toc: list[tuple[str, SourceLine]] = []
        self.sections: list[Section] = []
        self.footer: dict = {}

    def leftover(self, line: SourceLine, why: str) -> None:
        self.out.leftovers.append(Leftover(line.where, line.text.strip(), why))

    # The regions -----------------------------------------------------------

    def run(self) -> Parsed:
        lines = [line for line in self.lines
                 if not PAGE_NUMBER_RE.match(_digits(line.text.strip()))]
        if not lines:
            raise NotAnIssue("没有读到任何文字")
        self.wrap_width = hard_wrap_width([line for line in lines if line.kind == "raw"])
        if self.wrap_width:
            self.out.notes.append(f"文字稿是按行折断的（每行约 {self.wrap_width} 字），"
                                  "已按行长把各段接回，请核对分段")
        i = self.read_masthead(lines)
        lines = lines[:i] + [line for line in lines[i:] if not self.is_running_head(line)]
        i = self.read_toc(lines, i)
        end = next((k for k in range(i, len(lines))
                    if FOOTER_START_RE.match(lines[k].text)), len(lines))
        self.read_body(lines[i:end])
        self.read_footer(lines[end:])
        if not {"issue", "number", "total", "date"} & set(self.masthead) and not self.sections:
            raise NotAnIssue("不像是一期周报：既没有找到报头（年份期号、日期），也没有找到【栏目】")
        self.place_toc()
        self.finish()
        return self.out

    def read_masthead(self, lines: list[SourceLine]) -> int:
        """Read the masthead; return the index of the first line after it."""
        names: list[SourceLine] = []
        spots: dict[int, int] = {}  # id(name) → index of its line
        positions: dict[str, int] = {}
        i = 0
        while i < len(lines) and i < 12:
            line = lines[i]
            n = norm(line.text)
            if (TOC_HEADING_RE.match(n) or COLUMN_RE.match(line.text) or BULLET_RE.match(line.text)
                    or FOOTER_START_RE.match(line.text)):
                break
            if len(n) > 40 and "date" in self.masthead:
                break
            rest = _digits(line.text)
            found = False
            if re.fullmatch(r"\s*\d{4}\s*年\s*", rest) and i + 1 < len(lines) \
                    and NUMBER_ONLY_RE.match(_digits(lines[i + 1].text).strip()):
                # 2023年 / 第20期 broken over two lines (a wide space between them)
                i += 1
                rest = rest.strip() + _digits(lines[i].text)
            for key, regex in (("issue", ISSUE_RE), ("total", TOTAL_RE), ("date", DATE_RE)):
                match = regex.search(rest)
                if match and key not in self.masthead:
                    self.masthead[key] = (match, line)
                    positions[key] = i
                    rest = rest[:match.start()] + " " + rest[match.end():]
                    found = True
            if "issue" not in self.masthead and "number" not in self.masthead:
                match = NUMBER_ONLY_RE.search(rest)
                if match:  # 第20期 without the year: the year comes from the date
                    self.masthead["number"] = (match, line)
                    rest = rest[:match.start()] + " " + rest[match.end():]
                    found = True
            rest = rest.strip(" \t\u3000()（）·|-—")
            if rest:
                if not found:
                    rest = line.text.strip()
                else:  # keep the original characters of the name
                    rest = next((p for p in re.split(r"\s{1,}|\u3000", line.text.strip())
                                 if norm(p) == norm(rest)), rest.strip())
                names.append(SourceLine(rest, line.where, line.lineno, line.kind))
                spots[id(names[-1])] = i
            i += 1
        if not self.masthead and not names:
            self.out.problems.append("没有找到报头（刊名、年份期号、总期号、编发单位、日期）")
        # The masthead title is the line in the largest type, else the first
        # name; the publisher is the name nearest the date (on its line or
        # beside it), else the next name.
        names.sort(key=lambda line: (line.kind != "title", bool(CLASSIFICATION_RE.search(line.text))))
        if names and not CLASSIFICATION_RE.search(names[0].text):
            self.masthead["publication"] = names.pop(0)
        candidates = [line for line in names if not CLASSIFICATION_RE.search(line.text)]
        if candidates:
            anchor = positions.get("date", positions.get("total", len(lines)))
            publisher = min(candidates, key=lambda line: abs(spots[id(line)] - anchor))
            self.masthead["publisher"] = publisher
            names.remove(publisher)
        for extra in names:
            self.leftover(extra, "报头里多出的一行，不知道放在哪个字段")
        return i

    def is_running_head(self, line: SourceLine) -> bool:
        """A page's running head: the publication and/or the issue line again."""
        n = _digits(norm(line.text))
        pub = self.masthead.get("publication")
        pub = norm(pub.text) if pub else "科协每周动态"
        if n == pub:
            return True
        pattern = (rf"(?:{re.escape(pub)})?(?:\d{{4}}年第\d+期)?(?:\(总第\d+期\))?"
                   rf"(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日)?")
        return bool(re.fullmatch(pattern, n)) and bool(re.search(r"期", n))

    def read_toc(self, lines: list[SourceLine], i: int) -> int:
        """Read the contents block if there is one; return the index after it."""
        if i < len(lines) and TOC_HEADING_RE.match(norm(lines[i].text)):
            self.toc_title = norm(lines[i].text)
            i += 1
        elif not (i < len(lines) and BULLET_RE.match(lines[i].text)
                  and not COLUMN_RE.match(lines[i].text)):
            return i
        start = i
        while i < len(lines) and not COLUMN_RE.match(lines[i].text) \
                and not FOOTER_START_RE.match(lines[i].text):
            i += 1
        block = lines[start:i]
        marked = sum(bool(BULLET_RE.match(line.text)) for line in block)
        for line in block:
            bullet = BULLET_RE.match(line.text)
            text = line.text[bullet.end():].strip() if bullet else line.text.strip()
            if marked and not bullet and self.toc:
                previous, where = self.toc[-1]
                self.toc[-1] = (join_text(previous, text), where)
            elif text:
                self.toc.append((text, line))
        return i

    def read_body(self, lines: list[SourceLine]) -> None:
        """Read the columns and their articles, one line at a time.

        Each line goes to the first of the steps below that takes it (each
        step's docstring says when it does); the state they share is where
        the reading is (the open column and article) and whether the last
        paragraph may still run on.
        """
        state = _BodyState()
        steps = (self.column_line, self.line_before_any_column, self.block_line,
                 self.stray_line_under_column, self.first_title, self.title_continues,
                 self.paragraph_runs_on, self.contributor_line, self.next_title,
                 self.paragraph)
        # Footnotes (Word) are read beside the text: each joins the article
        # of the line it follows, and is no line of the text itself.
        text_lines: list[SourceLine] = []
        notes: dict[int, list[SourceLine]] = {}
        for line in lines:
            if line.kind == "footnote":
                notes.setdefault(len(text_lines) - 1, []).append(line)
            else:
                text_lines.append(line)
        for note in notes.pop(-1, []):
            self.leftover(note, "脚注出现在第一篇文章之前，不知道属于哪篇文章")
        for k, line in enumerate(text_lines):
            at = _At(self, line, text_lines[k + 1] if k + 1 < len(text_lines) else None,
                     text_lines[k + 2] if k + 2 < len(text_lines) else None)
            next(step for step in steps if step(state, at))
            for note in notes.get(k, []):
                if state.article is None:
                    self.leftover(note, "脚注不在任何一篇文章里，不知道属于哪篇文章")
                else:
                    state.article.footnotes.append(note.text.strip())

    def column_line(self, state: _BodyState, at: _At) -> bool:
        """【column】 opens a column (a block never does)."""
        column = COLUMN_RE.match(at.text) if at.line.kind != "block" else None
        if not column:
            return False
        state.section = Section(column["name"].strip(), at.line)
        self.sections.append(state.section)
        state.article, state.open_para = None, False
        return True

    def line_before_any_column(self, state: _BodyState, at: _At) -> bool:
        """Text before the first column belongs nowhere."""
        if state.section is not None:
            return False
        self.leftover(at.line, "出现在第一个栏目（【栏目名】）之前，不知道属于哪一栏")
        return True

    def block_line(self, state: _BodyState, at: _At) -> bool:
        """A heading, table or picture (Word sources) joins the open article."""
        if at.line.kind != "block":
            return False
        if state.article is None:
            self.leftover(at.line, "栏目名下面、文章标题之前的表格或图片，不知道属于哪篇文章")
        else:
            state.article.body.append(at.line.block)
            if at.line.place is not None and at.line.place.moved:
                state.article.placed.append((at.line.block, at.line.place.index))
            state.open_para = False
        return True

    def stray_line_under_column(self, state: _BodyState, at: _At) -> bool:
        """Right under a column name, a line that is no title but is followed
        by one (a note such as 本栏目由科普部供稿) is left over."""
        if state.article is not None or at.line.kind == "title" \
                or title_like(at.text, commas=True) or at.head or at.following is None \
                or not title_like(at.following.text, commas=True):
            return False
        self.leftover(at.line, "栏目名下面的这一行既不像标题也不像正文")
        return True

    def first_title(self, state: _BodyState, at: _At) -> bool:
        """The first line under a column is a title; so is a line set as a
        title once the article has a body."""
        if state.article is not None and not (at.line.kind == "title" and state.article.body):
            return False
        self.start_article(state, at)
        return True

    def title_continues(self, state: _BodyState, at: _At) -> bool:
        """Right after a title, a second title-like line is the title wrapping."""
        article = state.article
        if article.body:
            return False
        following = at.following
        wraps = at.line.kind == "title" or (
            at.line.kind != "para" and title_like(at.text) and not self.is_full(at.text)
            and len(norm(article.title + at.text)) <= 50
            and following is not None and following.text.strip()[:1] not in NO_START
            and (self.is_full(following.text) or not title_like(following.text))
            and not COLUMN_RE.match(following.text))
        if wraps:
            article.title = join_text(article.title, at.text)
        return wraps

    def paragraph_runs_on(self, state: _BodyState, at: _At) -> bool:
        """In a text source, a line continues the open paragraph when that
        one was cut (by a page break or the printed line's end)."""
        body = state.article.body
        if not (state.open_para and body and isinstance(body[-1], str)
                and at.line.kind != "para"):
            return False
        if self.wrap_width:
            # A full printed line: the paragraph goes on, unless that line
            # closed a sentence and this one is a line short, like a first
            # line with its two-character indent.
            runs_on = state.last_full and not (
                body[-1][-1:] in "。！？!?" and len(norm(at.text)) <= self.wrap_width - 2)
        else:
            runs_on = not self.ends_paragraph(body[-1], at.text)
        if not (runs_on or at.text[0] in NO_START):
            return False
        if title_like(at.text, commas=True) and self.toc_similarity(at.text) >= 0.8:
            return False  # a title the contents list names
        body[-1] = join_text(body[-1], at.text)
        state.last_full = self.is_full(at.text)
        return True

    def contributor_line(self, state: _BodyState, at: _At) -> bool:
        """（北京制冷学会） on a line of its own after the body: the source."""
        article = state.article
        match = CONTRIBUTOR_RE.match(norm(at.text))
        if not (article.body and match and article.source is None):
            return False
        article.source = match["name"]
        state.open_para = False
        return True

    def next_title(self, state: _BodyState, at: _At) -> bool:
        """After a body, a title-like line followed by text starts the next
        article (a whole PDF paragraph only when the contents list names it)."""
        if not state.article.body:
            return False
        if at.line.kind == "para":
            starts = self.toc_similarity(at.text) >= 0.6 and self.starts_article(at.text, at.following)
        else:
            starts = at.head or self.starts_article(at.text, at.following)
        if starts:
            self.start_article(state, at)
        return starts

    def paragraph(self, state: _BodyState, at: _At) -> bool:
        """Anything else is a paragraph of the open article."""
        state.article.body.append(at.text)
        state.open_para = at.line.kind != "para"
        state.last_full = self.is_full(at.text)
        return True

    def start_article(self, state: _BodyState, at: _At) -> None:
        state.article = Article(at.text, at.line)
        state.section.articles.append(state.article)
        state.open_para = False

    def is_full(self, text: str) -> bool:
        """Does this line of a hard-wrapped text fill the printed line?"""
        return bool(self.wrap_width) and len(norm(text)) >= self.wrap_width - 3

    @staticmethod
    def ends_paragraph(text: str, following: str) -> bool:
        """Does ``text`` end its paragraph, given the line after it?

        A line ending in ；or ： ends one only when the next line opens an
        enumerated item (二是…, （二）…); a short enumerated subheading with no
        punctuation (一、加强组织领导) is a paragraph of its own.
        """
        stripped = text.rstrip()
        if stripped and stripped[-1] in "；;：:":
            return bool(ENUM_RE.match(following) or ITEM_RE.match(following))
        if not is_complete(text):
            n = norm(text)
            return bool(ENUM_RE.match(n)) and len(n) <= 30 and not re.search(r"[，,]", n)
        return True

    def title_head(self, text: str, following: SourceLine | None, after: SourceLine | None) -> bool:
        """The first line of a title wrapped after a 、 (中国制冷学会、/北京制冷学会…):
        a headline but for the 、, followed by the headline's rest, then text."""
        n = norm(text)
        if not n.endswith("、") or len(n) > 30 or following is None or after is None:
            return False
        rest = norm(following.text)
        return (title_like(n[:-1]) and title_like(rest) and len(n + rest) <= 50
                and (self.is_full(after.text) or not title_like(after.text))
                and not COLUMN_RE.match(following.text))

    def starts_article(self, text: str, following: SourceLine | None) -> bool:
        """A title-like line followed by text (not by a heading or the end)."""
        if following is None or self.is_full(text):
            return False  # a full printed line of a hard-wrapped text is body text
        commas = self.toc_similarity(text) >= 0.6 or (
            len(norm(text)) <= 40 and bool(LEAD_RE.match(_digits(following.text.strip()))))
        if not title_like(text, commas=commas):
            return False
        if following.text.strip()[:1] in NO_START:
            return False  # the next line continues this one: a cut paragraph
        return not COLUMN_RE.match(following.text) and not FOOTER_START_RE.match(following.text)

    def toc_similarity(self, text: str) -> float:
        return max((similarity(text, entry) for entry, _ in self.toc), default=0.0)

    def read_footer(self, lines: list[SourceLine]) -> None:
        if not lines:
            self.out.problems.append("没有找到版记（信息报送邮箱、编辑、审核、分送）")
            return
        in_distribution = False
        for line in lines:
            text = line.text.strip()
            labels = list(FOOTER_LABEL_RE.finditer(text))
            if not labels or labels[0].start() > 0 and text[:labels[0].start()].strip():
                if in_distribution and not re.search(r"共印|印发", text):
                    entries = self.footer.setdefault("distribution", [])
                    if entries and entries[-1][-1] in "，、,":  # a line cut by a page break
                        entries[-1] += text
                    else:
                        entries.append(text)
                else:
                    self.leftover(line, "版记里不认识的一行")
                continue
            in_distribution = False
            for n, label in enumerate(labels):
                key = label.lastgroup
                end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
                value = text[label.end():end].strip(" \t\u3000")
                if key == "distribution":
                    in_distribution = True
                    if value:
                        self.footer.setdefault("distribution", []).append(value)
                    continue
                if key in self.footer:
                    self.leftover(line, f"版记里“{label.group(0)}”出现了两次")
                elif key == "email" and not EMAIL_RE.match(value):
                    self.leftover(line, "信息报送邮箱看起来不是邮箱地址")
                elif value:
                    self.footer[key] = value
                else:
                    self.leftover(line, f"“{label.group(0)}”后面是空的")

    # Putting it together -----------------------------------------------------

    def place_toc(self) -> None:
        """Give each contents entry to the article it names.

        The contents list the articles in print order, so entries and
        articles are paired in order: first the pairs a link proves (a PDF's
        contents entry pointing at a title), then the most alike pairs, each
        taken only when it keeps the order of the pairs taken before it.
        Alike is :func:`similarity`, or, for a short entry whose characters
        all appear in the title in order (市科协召开专题读书班推进会 for
        市科协召开“学思想……”专题读书班暨……推进会), :func:`in_order_share`.
        """
        articles = [a for s in self.sections for a in s.articles]
        if self.toc_title is None and not self.toc:
            if articles:
                self.out.notes.append("没有目录提要：文件里不写 toc，排版时目录会列出全部文章")
            return
        if not self.toc:
            for article in articles:
                article.toc = False
            self.out.notes.append("目录提要下面没有条目：所有文章都写成 toc: false")
            return
        pairs = []
        for e, (entry, line) in enumerate(self.toc):
            for k, article in enumerate(articles):
                if line.target is not None and line.target == article.line.target:
                    score = 2.0
                else:
                    score = max(similarity(entry, article.title),
                                0.9 * in_order_share(entry, article.title))
                if score >= 0.5:
                    pairs.append((score, e, k))
        taken: dict[int, int] = {}  # entry → article
        for score, e, k in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if e in taken or k in taken.values():
                continue
            if any((e2 < e) != (k2 < k) for e2, k2 in taken.items()):
                continue  # out of order with a pair already taken
            taken[e] = k
        for e, k in taken.items():
            entry = self.toc[e][0]
            articles[k].toc = True if norm(entry) == norm(articles[k].title) else entry
        for e, (entry, line) in enumerate(self.toc):
            if e not in taken:
                self.out.leftovers.append(Leftover(
                    line.where, entry, "目录提要里的这一条找不到对应的文章"))

    def finish(self) -> None:
        out, fields = self.out, self.out.fields
        for key in ("publication", "publisher"):
            if key in self.masthead:
                fields[key] = self.masthead[key].text.strip()
        if "issue" in self.masthead:
            match = self.masthead["issue"][0]
            fields["year"], fields["number"] = int(match[1]), int(match[2])
        if "total" in self.masthead:
            fields["total"] = int(self.masthead["total"][0][1])
        if "date" in self.masthead:
            match, line = self.masthead["date"]
            parts = [int(p) for p in match.groups() if p is not None]
            try:
                fields["date"] = datetime.date(*parts)
            except ValueError:
                self.leftover(line, "日期不存在（请核对月份和日子）")
        if "number" in self.masthead and "year" not in fields:
            fields["number"] = int(self.masthead["number"][0][1])
            if "date" in fields:
                fields["year"] = fields["date"].year
                self.out.notes.append("报头里的期号没有写年份，年份按日期取")
        if "date" in fields and "year" in fields and fields["date"].year != fields["year"] \
                and "issue" in self.masthead:
            out.problems.append(f"报头的年份（{fields['year']}年）与日期（{fields['date']}）不一致，请核对")
        if self.toc_title and self.toc_title != DEFAULT_TOC_TITLE:
            fields["toc_title"] = self.toc_title
        sections = []
        for section in self.sections:
            articles = []
            for article in section.articles:
                body = article.body
                take_note(article)  # the note is no body item: put_back's indexes skip it
                put_back(article)
                if article.source is None and body and isinstance(body[-1], str):
                    tail = SOURCE_TAIL_RE.match(body[-1])
                    if tail:
                        body[-1] = tail["body"].rstrip()
                        article.source = tail["name"].strip()
                if place_footnotes(article):
                    self.out.notes.append(f"《{article.title}》有脚注：供稿单位写在正文最后一段末尾"
                                          "（不写 source），脚注排在它后面")
                if not body:
                    self.leftover(article.line, "这一行被当作文章标题，但后面没有正文")
                    continue
                articles.append(article)
            if articles:
                section.articles = articles
                sections.append(section)
            else:
                self.leftover(section.line, "这个栏目下面没有文章")
        if sections:
            fields["sections"] = sections
        footer = {k: self.footer[k] for k in ("email", "editor", "reviewer", "distribution")
                  if self.footer.get(k)}
        if footer:
            fields["footer"] = footer
        names = {"publication": "刊名（报头名称）", "publisher": "编发单位", "year": "年份",
                 "number": "期号", "total": "总期号", "date": "日期", "sections": "栏目和文章"}
        for key, what in names.items():
            if key not in fields:
                out.missing.append(key)
                out.problems.append(f"没有找到{what}（{key}）")
        if footer:
            for key, what in (("editor", "编辑"), ("reviewer", "审核"),
                              ("distribution", "分送")):
                if key not in footer:
                    out.missing.append(f"footer.{key}")
                    out.problems.append(f"版记里没有找到{what}（footer.{key}）")
        elif "footer" not in out.missing:
            out.missing.append("footer")


def parse_lines(lines: list[SourceLine]) -> Parsed:
    """Read the lines of one back issue into issue-file fields."""
    return _Parser(lines).run()
