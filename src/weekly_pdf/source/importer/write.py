"""Imported fields → the text of an issue file, in the readable house style.

Fields come in the order of the contract, bodies as ``|`` block scalars with
a blank line between paragraphs (or, when an article has headings, tables or
pictures, as a list of paragraphs and blocks), and a Chinese comment header. Whatever the
importer could not place goes to a block of comments headed 待人工核对 at the
end, so that nothing is lost and the file still loads.
"""

from __future__ import annotations

import datetime

from ..wording import issue_name, total_text
from ..yaml_scalars import clean, flow_scalar, item_scalar, scalar
from .parse import Leftover, Parsed
from .records import Article, Heading, ItemList, Picture, Table

REVIEW_MARK = "待人工核对"
#: What to write when a required field was not found, per field.
_MISSING_HINT = {
    "publication": "publication: 科协每周动态",
    "publisher": "publisher: 北京市科协办公室",
    "year": "year: 2023",
    "number": "number: 20",
    "total": "total: 73",
    "date": "date: 2023-07-07",
    "sections": "sections: （栏目和文章）",
}


def article_lines(article: Article, indent: str, pictures: dict[Picture, str]) -> list[str]:
    """The lines of one article item of ``articles:``, its dash at ``indent``.

    The body is a ``|`` block of paragraphs, or, when the article has
    headings, tables, pictures or lists, a list of paragraphs and blocks (the
    pictures under the paths ``pictures`` gives them).
    """
    inner = indent + "  "
    out = [f"{indent}- title: {scalar(article.title)}"]
    toc = article.toc
    if toc is not None:
        out.append(f"{inner}toc: {'true' if toc is True else 'false' if toc is False else scalar(toc)}")
    if article.note:
        out.append(f"{inner}note: {scalar(article.note)}")
    if not article.has_blocks:
        out.append(f"{inner}body: |")
        out.append(block(article.paragraphs, inner + "  "))
    else:
        out.append(f"{inner}body:")
        item = inner + "  - "
        more = inner + "    "
        for part in article.body:
            if isinstance(part, str):
                out.append(item + item_scalar(part))
            elif isinstance(part, Heading):
                out.append(f"{item}{part.key}: {scalar(part.text)}")
            elif isinstance(part, Picture):
                out.append(f"{item}image: {scalar(pictures[part])}")
                if part.caption:
                    out.append(f"{more}caption: {scalar(part.caption)}")
                if part.width is not None:
                    out.append(f"{more}width: {part.width:g}")
            elif isinstance(part, Table):
                out.append(f"{item}table:")
                for row in part.rows:
                    out.append(f"{more}  - [{', '.join(flow_scalar(cell) for cell in row)}]")
                if part.caption:
                    out.append(f"{more}caption: {scalar(part.caption)}")
            elif isinstance(part, ItemList):
                out.append(f"{item}list:")
                out += [f"{more}  - {item_scalar(text)}" for text in part.items]
                if part.marker != ItemList.MARKERS[0]:
                    out.append(f"{more}marker: {part.marker}")
                if part.start != 1:
                    out.append(f"{more}start: {part.start}")
    if article.source:
        out.append(f"{inner}source: {scalar(article.source)}")
    return out


def block(paragraphs: list[str], indent: str) -> str:
    """``|`` block scalar lines: paragraphs separated by one blank line."""
    lines = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            lines.append("")
        lines.append(indent + clean(paragraph).strip())
    return "\n".join(lines)


def issue_title(fields: dict) -> str:
    """The issue's title from what the import found of it (any part may be missing)."""
    known = "year" in fields and "number" in fields
    name = issue_name(fields["year"], fields["number"]) if known else ""
    total = total_text(fields["total"]) if "total" in fields else ""
    return " ".join(p for p in (fields.get("publication", ""), name) if p) + total


def to_yaml(parsed: Parsed, source_name: str, pictures: dict[Picture, str] | None = None) -> str:
    """The issue file for ``parsed`` (imported from ``source_name``); its
    pictures under the paths ``pictures`` gives them."""
    f = parsed.fields
    out = [f"# {clean(issue_title(f)) or '（刊名、期号未识别）'}",
           f"# 由 weekly-pdf import 从 {clean(source_name)} 导入。报头名称、编发单位和版记都写在",
           "# 本文件里，不依赖 publication.yaml：往期的编辑、审核等以当期原文为准。"]
    if parsed.needs_review:
        out.append(f"# 注意：导入时有内容需要人工核对，见文件末尾“{REVIEW_MARK}”一段。")
    out.append("")

    def put(key: str, value) -> None:
        if key in f:
            out.append(f"{key}: {value}")
        elif key in parsed.missing:
            out.append(f"# {REVIEW_MARK}：原文里没有找到这一项，请补上，例如 {_MISSING_HINT[key]}")

    put("publication", scalar(f.get("publication", "")))
    put("publisher", scalar(f.get("publisher", "")))
    put("year", f.get("year"))
    put("number", f.get("number"))
    put("total", f.get("total"))
    date = f.get("date")
    put("date", date.isoformat() if isinstance(date, datetime.date) else date)
    if "toc_title" in f:
        out.append(f"toc_title: {scalar(f['toc_title'])}")
    out.append("")
    if "sections" in f:
        out.append("sections:")
        for s, section in enumerate(f["sections"]):
            if s:
                out.append("")
            out.append(f"  - column: {scalar(section.column)}")
            out.append("    articles:")
            for a, article in enumerate(section.articles):
                if a:
                    out.append("")
                out.extend(article_lines(article, "      ", pictures or {}))
    else:
        put("sections", None)
    footer = f.get("footer")
    out.append("")
    if footer:
        out.append("footer:")
        for key in ("email", "editor", "reviewer"):
            if key in footer:
                out.append(f"  {key}: {scalar(footer[key])}")
            elif f"footer.{key}" in parsed.missing:
                out.append(f"  # {REVIEW_MARK}：原文版记里没有找到 {key}，请补上")
        if footer.get("distribution"):
            out.append("  distribution:")
            out.extend(f"    - {scalar(line)}" for line in footer["distribution"])
        elif "footer.distribution" in parsed.missing:
            out.append(f"  # {REVIEW_MARK}：原文版记里没有找到分送，请补上")
    else:
        out.append(f"# {REVIEW_MARK}：原文里没有找到版记（信息报送邮箱、编辑、审核、分送），"
                   "排版时会用 publication.yaml 里的版记。")
    if parsed.leftovers or parsed.problems:
        out += ["", review_block(parsed.leftovers, parsed.problems)]
    return "\n".join(out).rstrip("\n") + "\n"


def review_block(leftovers: list[Leftover], problems: list[str]) -> str:
    """The comment block listing what a person has to look at."""
    lines = [f"# ======== {REVIEW_MARK} ========",
             "# 导入时下面这些内容没能归到任何字段里，原样保留在这里。请逐条核对：需要的移到",
             "# 上面合适的位置（去掉行首的“# ”），不需要的删掉；全部处理完后删除这一段。"]
    for problem in problems:
        lines.append(f"# - {clean(problem)}")
    for item in leftovers:
        lines.append(f"# [{item.where}] {item.why}：")
        lines.append(f"#     {clean(item.text)}")
    lines.append(f"# ======== {REVIEW_MARK}（完） ========")
    return "\n".join(lines)
