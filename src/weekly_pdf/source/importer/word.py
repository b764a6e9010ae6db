"""What a Word document's paragraphs, tables and pictures mean.

Two uses: one submitted article (:func:`article_from_word`, for
``import article.docx --into``), and a whole back issue made in Word
(:func:`lines_from_word`: its paragraphs as :class:`~.lines.SourceLine` s for
:func:`~.parse.parse_lines`, headings, tables and pictures as "block" lines).

Inside an article body:

- a heading: a short paragraph opening with 一、 (``heading``) or （一）
  (``subheading``), whether typed or given by a list definition; or a
  paragraph in a heading style (the shallowest level used in the body is
  ``heading``, deeper ones ``subheading``);
- a table's caption: a short paragraph opening with 表 right before or after
  it; a picture's caption: the paragraph after it when set in the Caption
  (题注) style, or short and opening with 图;
- a list: consecutive paragraphs of one Word list at its outer level,
  numbered 1. (also 1、 1．) or bulleted (:attr:`.word_source.ListMark.marker`),
  each an item without its number; a numbered list that starts after 1 keeps
  its ``start``. Items of a nested level or numbered otherwise (①, A., （1）)
  stay paragraphs with their numbers as text (the reader remarks on them), as
  does a list whose item still opens with a typed marker (the issue file
  refuses one);
- the contributor: a last paragraph （…）, or （…） closing the last sentence
  (or the last item of a list that ends the article).
"""

from __future__ import annotations

import dataclasses
import re

from ..blocks import TYPED_MARKER
from ..textjoin import join_text
from ..wording import HEADING_RE, SUBHEADING_RE, contributor
from .lines import SourceLine, norm
from .parse import COLUMN_RE, CONTRIBUTOR_RE, SOURCE_TAIL_RE, title_like
from .records import (Article, BodyItem, Heading, ItemList, Picture, Table, place_footnotes,
                      take_note)
from .word_source import Item
from .word_source import Paragraph as WordParagraph
from .word_source import Picture as WordPicture
from .word_source import Table as WordTable
from .word_source import split_soft_breaks

TABLE_CAPTION_RE = re.compile(r"^(?:附?表\s*[\d一二三四五六七八九十]+|表[：:])")
PICTURE_CAPTION_RE = re.compile(r"^(?:图\s*[\d一二三四五六七八九十]+|图为|图[：:]|▲)")
#: A last line （供稿：北京制冷学会） / 供稿单位：… / 来源：…
LABELLED_SOURCE_RE = re.compile(
    r"^[（(]?(?:供稿单位|供稿|稿件来源|来源|信息来源)[:：](?P<name>[^（）()，,。；;：:]{2,30})[）)]?$")
#: Longest heading or caption, in characters.
SHORT = 40


def _strip(text: str) -> str:
    return text.strip(" \t\n\u3000\u00a0")


def numbered_heading(text: str) -> Heading | None:
    """一、加强组织领导 → heading; （一）完善工作机制 → subheading; a sentence
    (一、……，……。) stays a paragraph."""
    text = _strip(text)
    n = norm(text)
    if len(n) > SHORT or re.search(r"[，,；;。]", n[:-1]) or n[-1:] in "，,；;：:":
        return None
    if SUBHEADING_RE.match(n):
        return Heading(text, 2)
    if HEADING_RE.match(n):
        return Heading(text, 1)
    return None


def _is_short(text: str) -> bool:
    n = norm(text)
    return 0 < len(n) <= SHORT and "。" not in n[:-1]


def _picture(item: WordPicture, caption: str | None = None) -> Picture:
    return Picture(item.data, item.suffix, caption, shown=item.width)


def _caption_after(item: Item, following: Item | None) -> bool:
    """Is ``following`` the caption of the picture or table ``item``?"""
    if not isinstance(following, WordParagraph) or not _is_short(following.text):
        return False
    pattern = PICTURE_CAPTION_RE if isinstance(item, WordPicture) else TABLE_CAPTION_RE
    return following.caption or bool(pattern.match(_strip(following.text)))


def list_run(items: list[Item], k: int) -> tuple[ItemList, int] | None:
    """The list block that starts at ``items[k]`` and the number of items it
    takes: the paragraphs from there on that are items of the same Word list
    at its outer level, numbered one after another; None when ``items[k]``
    starts none."""
    first = items[k]
    mark = first.listed if isinstance(first, WordParagraph) else None
    if mark is None or mark.marker is None or first.level is not None or first.footnote:
        return None
    texts: list[str] = []
    for item in items[k:]:
        listed = item.listed if isinstance(item, WordParagraph) else None
        if listed is None or item.level is not None or item.footnote \
                or (listed.list, listed.level) != (mark.list, mark.level) \
                or listed.number != mark.number + len(texts):
            break
        texts.append(_item_text(item))
    if not all(texts) or any(TYPED_MARKER.match(text) for text in texts):
        return None
    start = mark.number if mark.marker == "number" else 1
    return ItemList(tuple(texts), mark.marker, start), len(texts)


def _item_text(item: WordParagraph) -> str:
    """A list item's text: without its number, soft line breaks joined."""
    text = _strip(item.text)
    if item.listed.label and text.startswith(item.listed.label):
        text = _strip(text[len(item.listed.label):])
    joined = ""
    for part in split_soft_breaks(text):
        joined = join_text(joined, part)
    return joined


def _last_item_source(body: list[BodyItem]) -> str | None:
    """The contributor （…） closing the last item of a list that ends
    ``body``, taken out of the item; None when there is none."""
    if not body or not isinstance(body[-1], ItemList):
        return None
    items = body[-1].items
    tail = SOURCE_TAIL_RE.match(items[-1])
    if tail is None:
        return None
    body[-1] = dataclasses.replace(body[-1], items=(*items[:-1], tail["body"].rstrip()))
    return tail["name"].strip()


def body_from_items(items: list[Item]) -> list[BodyItem]:
    """The body (paragraphs and blocks) of the article ``items`` make
    (footnotes are not part of it: see :func:`article_from_word`)."""
    items = [i for i in items if not (isinstance(i, WordParagraph) and i.footnote)]
    styled = [i.level for i in items if isinstance(i, WordParagraph) and i.level
              and numbered_heading(i.text) is None and _is_short(i.text)]
    top = min(styled, default=1)
    body: list[BodyItem] = []
    k = 0
    while k < len(items):
        item = items[k]
        following = items[k + 1] if k + 1 < len(items) else None
        run = list_run(items, k)
        if run is not None:
            body.append(run[0])
            k += run[1]
            continue
        k += 1
        if isinstance(item, WordPicture):
            caption = None
            if _caption_after(item, following):
                caption = _strip(following.text)
                k += 1
            body.append(_picture(item, caption))
        elif isinstance(item, WordTable):
            caption = None
            if body and isinstance(body[-1], str) and TABLE_CAPTION_RE.match(body[-1]) \
                    and _is_short(body[-1]):
                caption = body.pop()
            elif _caption_after(item, following):
                caption = _strip(following.text)
                k += 1
            rows = tuple(row for row in item.rows if any(cell.strip() for cell in row))
            if rows:
                body.append(Table(rows, caption))
        else:
            heading = numbered_heading(item.text)
            if heading is None and item.level and _is_short(item.text):
                heading = Heading(_strip(item.text).replace("\n", ""), 1 if item.level <= top else 2)
            if heading is not None:
                body.append(heading)
            else:
                body.extend(split_soft_breaks(item.text))
    return body


#: A paragraph typed as a note: it opens with a note mark (注① …, ¹ …).
TYPED_NOTE_RE = re.compile(r"^(?:注[:：]?\s*)?(?P<mark>[①-⑳¹²³⁴])")


def typed_notes(body: list[BodyItem]) -> list[str]:
    """Take the notes typed at the end of a body out of it, and return them.

    They are the paragraphs at the end (before or after a contributor line)
    that open with a note mark (①, ¹) found in the text before them.
    """
    end = len(body)
    if end and isinstance(body[-1], str) and CONTRIBUTOR_RE.match(norm(body[-1])):
        end -= 1
    start = end
    while start > 0 and isinstance(body[start - 1], str) and TYPED_NOTE_RE.match(body[start - 1]):
        start -= 1
    if start == end:
        return []
    before = "".join(item for item in body[:start] if isinstance(item, str))
    if not all(TYPED_NOTE_RE.match(note)["mark"] in before for note in body[start:end]):
        return []  # a list of items (①…②…) rather than notes
    notes = body[start:end]
    del body[start:end]
    return notes


def article_from_word(items: list[Item], notes: list[str] | None = None
                      ) -> tuple[Article, list[str]]:
    """One submitted article: its title, body and contributor, and problems
    a person should look at (empty when all is clear); ``notes`` gets what
    is worth knowing (a contributor written into the text for footnotes).

    The title is the first paragraph in the Title style, else the first
    paragraph in a heading style if it opens the document, else the first
    paragraph.
    """
    problems: list[str] = []
    paragraphs = [i for i in items if isinstance(i, WordParagraph)]
    if paragraphs and COLUMN_RE.match(_strip(paragraphs[0].text)) and len(paragraphs) > 1:
        # 【基层动态】 typed above the title: the column is given with --column.
        problems.append(f"稿件开头的“{_strip(paragraphs[0].text)}”没有导入（栏目由 --column 指定）")
        items = items[items.index(paragraphs[0]) + 1:]
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ValueError("文件里没有文字")
    first = next((p for p in paragraphs if p.level == 0), paragraphs[0])
    start = items.index(first)
    title_parts = [_strip(first.text).replace("\n", "")]
    rest = items[start + 1:]
    # A title typed over two paragraphs, both in the Title style.
    while rest and isinstance(rest[0], WordParagraph) and first.level == 0 and rest[0].level == 0:
        title_parts.append(_strip(rest.pop(0).text))
    title = "".join(title_parts)
    before = [i for i in items[:start] if isinstance(i, WordParagraph) and _strip(i.text)]
    if before:
        problems.append(f"标题（{title}）前面还有 {len(before)} 段文字，没有导入，请核对")
    # A picture or table above the title opens the body.
    body = body_from_items([i for i in items[:start] if not isinstance(i, WordParagraph)] + rest)
    article = Article(title, SourceLine(title, first.where, kind="title"), body)
    article.footnotes = [_strip(i.text).replace("\n", "") for i in rest
                         if isinstance(i, WordParagraph) and i.footnote and _strip(i.text)]
    article.footnotes += typed_notes(body)
    take_note(article)
    last = next((i for i in reversed(rest) if isinstance(i, WordParagraph) and not i.footnote),
                None)
    if body and isinstance(body[-1], str) and CONTRIBUTOR_RE.match(norm(body[-1])):
        article.source = CONTRIBUTOR_RE.match(norm(body.pop()))["name"]
    elif body and isinstance(body[-1], str) and LABELLED_SOURCE_RE.match(norm(body[-1])):
        article.source = LABELLED_SOURCE_RE.match(norm(body.pop()))["name"]
    elif body and isinstance(body[-1], str) and last is not None and last.right \
            and _strip(last.text) == body[-1] and len(norm(body[-1])) <= 30 \
            and not re.search(r"[。，；！？,;!?]", body[-1]):
        article.source = body.pop()  # a contributor set flush right, without brackets
    elif body and isinstance(body[-1], str):
        tail = SOURCE_TAIL_RE.match(body[-1])
        if tail:
            body[-1] = tail["body"].rstrip()
            article.source = tail["name"].strip()
    else:
        article.source = _last_item_source(body)
    if not any(isinstance(item, (str, ItemList)) for item in body):
        problems.append("文章没有正文段落")
    if article.source is None:
        problems.append("没有找到供稿单位（文末单独一行的“（……）”），文件里没有写 source")
    if place_footnotes(article) and notes is not None:
        notes.append("文章有脚注：供稿单位写在正文最后一段末尾（不写 source），脚注排在它后面")
    return article, problems


def lines_from_word(items: list[Item]) -> list[SourceLine]:
    """A back issue's items as lines for :func:`~.parse.parse_lines`.

    A paragraph in the Title or a heading style, in a type larger than the
    body's, or centred and title-like, is a "title" line; 一、/（一）
    headings, tables and pictures after the first 【column】 are "block"
    lines (before it, in the masthead or contents, they are dropped).
    """
    from .parse import FOOTER_START_RE

    sizes: dict[float, int] = {}
    for item in items:
        if isinstance(item, WordParagraph) and item.size:
            sizes[item.size] = sizes.get(item.size, 0) + len(item.text)
    body_size = max(sizes, key=sizes.get) if sizes else None
    lines: list[SourceLine] = []
    in_columns = False
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, WordTable) and (not in_columns or any(
                FOOTER_START_RE.match(_strip(cell)) for row in item.rows for cell in row)):
            # A table used for layout: a masthead (publisher left, date
            # right) or a closing block drawn with table rules. Its rows are
            # lines of text.
            k += 1
            for row in item.rows:
                cells = [_strip(cell) for cell in row if _strip(cell)]
                if cells:
                    lines.append(SourceLine("\u3000".join(dict.fromkeys(cells)), item.where,
                                            kind="para"))
            continue
        if isinstance(item, (WordPicture, WordTable)):
            k += 1
            if not in_columns:
                continue
            following = items[k] if k < len(items) else None
            takes_caption = _caption_after(item, following)
            blocks = body_from_items([item, following] if takes_caption else [item])
            if blocks:
                lines.append(SourceLine(_describe(blocks[0]), item.where, kind="block",
                                        block=blocks[0]))
            k += takes_caption
            continue
        run = list_run(items, k) if in_columns else None
        if run is not None:
            block, count = run
            k += count
            body = [block]
            source = _last_item_source(body)  # a line of its own, as parse_lines takes it
            lines.append(SourceLine(_describe(body[0]), item.where, kind="block", block=body[0]))
            if source:
                lines.append(SourceLine(contributor(source), item.where, kind="para"))
            continue
        k += 1
        text = _strip(item.text)
        if item.footnote:
            if text:
                lines.append(SourceLine(text.replace("\n", ""), item.where, kind="footnote"))
            continue
        if COLUMN_RE.match(text):
            in_columns = True
        heading = numbered_heading(text) if in_columns else None
        if heading is not None:
            lines.append(SourceLine(heading.text, item.where, kind="block", block=heading))
            continue
        larger = body_size is not None and item.size is not None and item.size > body_size + 0.5
        is_title = item.level is not None or larger or (item.centred and title_like(text, commas=True))
        kind = "title" if is_title else "para"
        for piece in split_soft_breaks(item.text) if kind == "para" else [text.replace("\n", "")]:
            lines.append(SourceLine(piece, item.where, kind=kind))
    return lines


def _describe(block) -> str:
    if isinstance(block, ItemList):
        return f"〈列表 {len(block.items)} 项〉" + " ".join(block.printed)
    if isinstance(block, Table):
        return f"〈表格 {len(block.rows)} 行〉" + " ".join(block.rows[0])
    if isinstance(block, Picture):
        return "〈图片〉" + (f" {block.caption}" if block.caption else "")
    return block.text
