"""Back-issue texts in the seed's style, made from issue dicts (tests/issuegen.py).

The seed (tests/data/seed-2023-20.txt) is text pulled out of an
old PDF: one line per masthead item, a 目录提要 block of "- " entries, 【栏目】
headings, titles, one line per paragraph, blank lines between everything, and a
paragraph that a page break cut in two shows up as two lines. These helpers
write such texts from a known issue, so the importer's result can be compared
with the issue it came from.
"""

from __future__ import annotations

import random

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def realistic(data: dict) -> dict:
    """``data`` punctuated like real news: headlines carry no comma (they use
    、), prose runs on commas (issuegen sprinkles 、 and ， evenly, which makes
    a cut paragraph's first line look like a headline to anyone)."""
    for section in data["sections"]:
        for article in section["articles"]:
            article["title"] = article["title"].replace("，", "、")
            article["body"] = article["body"].replace("、", "，")
    return data


def paragraphs(article: dict) -> list[str]:
    body = article["body"]
    return list(body) if isinstance(body, list) else [p.strip() for p in body.split("\n\n")
                                                       if p.strip()]


def seed_style_text(data: dict, seed: int = 0, *, toc: bool = True, footer: bool = True,
                    page_breaks: int = 3, fullwidth_date: bool = False,
                    column_spaces: bool = True, wrap_titles: bool = False) -> str:
    """The text of ``data`` as the seed shows an issue; ``page_breaks``
    paragraphs are cut in two at the end of a printed line (never right
    after a full stop, where nobody could tell a cut from a new paragraph);
    ``wrap_titles`` puts long titles on two lines."""
    rng = random.Random(seed)
    date = data["date"]
    date_text = f"{date.year}年{date.month}月{date.day}日"
    if fullwidth_date:
        date_text = date_text.translate(FULL_WIDTH)
    lines = ["", data["publication"], f"{data['year']}年 第{data['number']}期",
             f"(总第{data['total']}期)", data["publisher"], date_text]
    articles = [a for s in data["sections"] for a in s["articles"]]
    if toc:
        lines.append("目录提要")
        listed = [a for a in articles if a.get("toc")] if any("toc" in a for a in articles) \
            else articles
        lines.append("\n".join(f"- {a['toc'] if isinstance(a['toc'], str) else a['title']}"
                               for a in listed))
    cut = set(rng.sample(range(sum(len(paragraphs(a)) for a in articles)),
                         k=min(page_breaks, sum(len(paragraphs(a)) for a in articles))))
    n = 0
    for s, section in enumerate(data["sections"]):
        name = section["column"]
        lines.append(f"【 {name} 】" if column_spaces and s % 2 else f"【{name}】")
        for article in section["articles"]:
            title = article["title"]
            if wrap_titles and len(title) >= 14:  # a title over two lines, as a PDF shows it
                at = rng.randrange(6, len(title) - 3)
                while title[at] in "、，":  # no line starts with these (禁则)
                    at += 1
                lines += [title[:at], title[at:]]
            else:
                lines.append(title)
            paras = paragraphs(article)
            for k, paragraph in enumerate(paras):
                if k == len(paras) - 1 and article.get("source"):
                    paragraph += f"（{article['source']}）"
                # A page break falls at the end of a printed line: after the
                # first line (26 characters past the indent) or a later one (28).
                ends = [at for at in range(26, len(paragraph) - 2, 28)
                        if paragraph[at - 1] != "。"]
                if n in cut and ends:
                    at = rng.choice(ends)
                    lines += [paragraph[:at], paragraph[at:]]
                else:
                    lines.append(paragraph)
                n += 1
    if footer:
        f = data["footer"]
        if f.get("email"):
            lines.append(f"信息报送邮箱：{f['email']}")
        lines += [f"编辑：{f['editor']}", f"审核：{f['reviewer']}",
                  "分送：" + "\n\n".join(f["distribution"])]
    return "\n\n".join(lines) + "\n"
