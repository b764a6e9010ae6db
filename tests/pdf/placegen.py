"""Issues made up to test where pictures and tables go (tests/pdf/test_placement.py).

Each generated issue has articles of ordinary paragraphs with pictures of
many shapes between them (tall, wide, square, small, a phone photo; with and
without a caption, some with a ``width`` or ``height``), ending in a
picture now and then, and tables of 2 to 40 rows and 2 to 10 columns with
long and short cells: names, dates (2023年7月12日), sums, web addresses and
the headers of the office's tables (序号, 学会名称, 经费（万元）). Pictures
are PNG files written beside the issue file; nothing here is stored.

:data:`RULES` are articles measured to force each way a block is placed
again (shrunk, the text after it moved before it, raised before its
article's lines, rows split), for the import round trip
(tests/source/importer/test_import_placed.py).
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.issuegen import COLUMNS, HAN, issue_dict, paragraph

#: (width, height) in pixels: tall, wide, square, small, a phone photo, a chart.
SHAPES = ((600, 1400), (1600, 500), (900, 900), (240, 160), (4000, 3000), (1200, 800),
          (300, 900), (2000, 600))

#: Words that must never break inside (the office's table headers and cells).
WHOLE_WORDS = ("序号", "学会名称", "经费（万元）", "2023年7月12日", "活动网址", "参加人数")
HEADERS = ("序号", "学会名称", "经费（万元）", "举办日期", "参加人数", "活动网址", "备注",
           "主办单位", "活动地点", "线上观看人次")
UNITS = ("北京制冷学会", "北京力学学会", "昌平区科协", "东城区科协", "北京电子学会",
         "市科协机关", "北京药学会", "海淀区科协")


def picture(folder: Path, name: str, size: tuple[int, int], rng: random.Random) -> str:
    """A PNG of ``size`` with a few coloured bands; returns its issue-relative path."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGB", (width, height), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    for band in range(5):
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        draw.rectangle([band * width // 5, band * height // 10, (band + 1) * width // 5 - 1,
                        height - 1 - band * height // 10], fill=colour)
    path = folder / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return f"images/{name}"


def _words(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(rng.randint(low, high)))


def cell(rng: random.Random, header: str, row: int) -> str:
    """A cell of the column under ``header``."""
    if header == "序号":
        return str(row)
    if header == "学会名称" or header == "主办单位":
        return rng.choice(UNITS)
    if header == "经费（万元）":
        return f"{rng.randint(1, 99)}.{rng.randint(0, 9)}"
    if header == "举办日期":
        return "2023年7月12日" if rng.random() < 0.5 else f"2023年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    if header in ("参加人数", "线上观看人次"):
        return str(rng.randint(5, 40000))
    if header == "活动网址":
        return (f"https://www.example.org.cn/kepu/2023/{_latin(rng)}/index.html"
                if rng.random() < 0.6 else "")
    if header == "活动地点":
        return rng.choice(("市科协", "国家会议中心", "北京科学中心报告厅"))
    return _words(rng, 2, 40) if rng.random() < 0.7 else ""


def _latin(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))


def table(rng: random.Random, rows: int, columns: int) -> dict:
    headers = list(HEADERS[:columns])
    rng.shuffle(headers)
    if "序号" in headers:
        headers.remove("序号")
        headers.insert(0, "序号")
    body = [headers] + [[cell(rng, h, r + 1) for h in headers] for r in range(rows)]
    out: dict = {"table": body}
    if rng.random() < 0.7:
        out["caption"] = f"表{rng.randint(1, 9)} " + _words(rng, 4, 12)
    return out


def picture_issue(folder: Path, seed: int, *, number: int = 30, tables: bool = False) -> dict:
    """A generated issue with pictures (and tables when ``tables``) among its
    paragraphs; pictures are written under ``folder``."""
    rng = random.Random(seed)
    data = issue_dict(seed, number=number, articles=1)
    count = 0
    sections = []
    for s in range(rng.randint(2, 3)):
        articles = []
        for a in range(rng.randint(1, 3)):
            body: list = []
            for k in range(rng.randint(3, 9)):
                kind = rng.random()
                if kind < 0.65 or not body or not isinstance(body[-1], str):
                    body.append(paragraph(rng, rng.randint(1, 6)))
                elif kind < 0.9 or not tables:
                    count += 1
                    shape = rng.choice(SHAPES)
                    block: dict = {"image": picture(folder, f"p{seed}-{count}.png", shape, rng)}
                    if rng.random() < 0.6:
                        block["caption"] = "图为" + _words(rng, 4, 16)
                    if rng.random() < 0.15 and shape[0] > shape[1]:  # a wide one asked wider
                        block["width"] = rng.choice((0.5, 0.8))
                    elif rng.random() < 0.1:
                        block["height"] = rng.choice((0.3, 0.5))
                    body.append(block)
                else:
                    body.append(table(rng, rng.choice((2, 3, 4, 5, 6, 8, 12, 20, 40)),
                                      rng.randint(2, 10)))
            if rng.random() < 0.25:  # an article that ends in a picture
                count += 1
                body.append({"image": picture(folder, f"p{seed}-{count}.png",
                                              rng.choice(SHAPES), rng)})
            articles.append({"title": _words(rng, 8, 20), "body": body,
                             "source": rng.choice(UNITS)})
        sections.append({"column": COLUMNS[s % len(COLUMNS)], "articles": articles})
    data["sections"] = sections
    return data


def table_issue(seed: int, *, number: int = 40) -> dict:
    """A generated issue of tables of 2 to 40 rows and 2 to 10 columns, with
    paragraphs between them."""
    rng = random.Random(seed)
    data = issue_dict(seed, number=number, articles=1)
    shapes = [(rows, columns) for rows in (2, 3, 4, 5, 6, 7, 9, 15, 25, 40)
              for columns in (2, 4, 6, 8, 10)]
    rng.shuffle(shapes)
    sections = []
    for s in range(2):
        articles = []
        for a in range(3):
            body: list = [paragraph(rng, rng.randint(1, 4))]
            for _ in range(rng.randint(1, 3)):
                body.append(table(rng, *shapes.pop()))
                body.append(paragraph(rng, rng.randint(1, 5)))
            articles.append({"title": _words(rng, 8, 20), "body": body})
        sections.append({"column": COLUMNS[s], "articles": articles})
    data["sections"] = sections
    return data


#: Articles that force each way of placing a block again (weekly_pdf.pdf.placement),
#: found by building: a number is a paragraph of that many full body lines,
#: ("list", items, lines) a numbered list of items of about that many lines,
#: ("picture", (w, h)) a captioned picture of that many pixels, ("table", rows,
#: remark) a captioned table of three columns whose remarks have ``remark``
#: characters (120: rows of several lines, which may split). The article is the
#: first of the issue; a short article follows it.
RULES = {
    # shrunk to fit the rest of page 2
    "shrink": (6, 6, 7, ("picture", (1200, 900)), 6, 6),
    # the paragraph after it fills page 2 and goes on under it on page 3
    "defer": (6, 6, 13, ("picture", (1200, 900)), 6, 6),
    # the same, for a short table
    "defer a table": (6, 6, 13, ("table", 6, 4), 6, 6),
    # the same, after a list (its items are printed paragraphs: the block's index counts them)
    "defer after a list": (6, ("list", 3, 2), 13, ("picture", (1200, 900)), 6, 6),
    # a list's first items fill page 2, the picture starts page 3, the last item under it
    "defer a list": (6, 6, 11, ("picture", (1200, 900)), ("list", 3, 3), 6),
    # it ends its article: set at the top of page 2, before the paragraph going on there
    "raise": (6, 6, 11, ("picture", (600, 1400))),
    # the same, before a paragraph that starts page 2
    "raise before a paragraph": (7, 9, 9, ("picture", (600, 1400))),
    # a long table whose rows of several lines split over page breaks
    "split rows": (6, 1, ("table", 12, 120), 6),
}


def full_paragraph(rng: random.Random, lines: int) -> str:
    """A paragraph of exactly ``lines`` full body lines (28 characters a
    line, the first indented by two), with no mark but its full stop."""
    return "".join(rng.choice(HAN) for _ in range(26 + 28 * (lines - 1) - 1)) + "。"


def rule_issue(folder: Path, rule: str, *, number: int = 21) -> dict:
    """The issue of :data:`RULES` ``rule`` (pictures written under ``folder``)."""
    rng = random.Random(1)
    data = issue_dict(1, number=number, articles=1)
    body: list = []
    for item in RULES[rule]:
        if isinstance(item, int):
            body.append(full_paragraph(rng, item))
        elif item[0] == "list":
            _, items, lines = item
            body.append({"list": [full_paragraph(rng, lines)[1:] for _ in range(items)]})
        elif item[0] == "picture":
            body.append({"image": picture(folder, f"rule{len(body)}.png", item[1], rng),
                         "caption": "图为会议现场"})
        else:
            _, rows, remark = item
            table = [["序号", "单位", "备注"]] + [
                [str(r + 1), rng.choice(UNITS), _words(rng, remark, remark)] for r in range(rows)]
            body.append({"table": table, "caption": "表1 参加单位"})
    data["sections"] = [{"column": "主题教育", "articles": [
        {"title": "测试文章标题", "body": body, "source": "北京制冷学会"},
        {"title": "下一篇文章", "body": full_paragraph(rng, 3) + "\n"}]}]
    return data
