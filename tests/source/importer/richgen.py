"""Issues made up to exercise everything a page of ours can hold, for the
PDF round trip (issue file → PDF → import → the same issue).

Each generated issue mixes, by seed: paragraphs dense with marks (opening
marks that land at a line start and are set half width, closing marks at a
line end), characters only a fallback font has (in paragraphs, titles,
headings, captions and table cells), 编者按, headings and subheadings,
pictures (with and without a caption and a ``width``, wide and tall), tables
(numbers, a caption, cells on two lines, some long enough to go on over
a page break), headings and captions over two lines, contributors after a paragraph and
after a block, contents entries under their title, under another text, or
left out, and a contents title of its own. Pictures are PNG files written
beside the issue file; nothing here is a stored binary.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from tests.issuegen import COLUMNS, HAN, issue_dict, punctuated_paragraph, sentence

#: Characters the bundled 仿宋/黑体/楷体/小标宋 lack and Noto CJK has: they are
#: drawn by a fallback font, in runs of their own.
FALLBACK = "堃昇喆赟玥珺燊旻犇垚曌祎頔祐琍昉翀镕彧璟瑄"
SOURCES = ("北京制冷学会", "昌平区科协", "东城区科协", "市科协学会党委")


def _words(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(rng.randint(low, high)))


def _with_fallback(rng: random.Random, text: str, count: int) -> str:
    """``text`` with ``count`` fallback characters put in at random places
    (never last, so a sentence still ends in its mark)."""
    chars = list(text)
    for _ in range(count):
        chars.insert(rng.randint(0, max(len(chars) - 1, 0)), rng.choice(FALLBACK))
    return "".join(chars)


def _picture(folder: Path, name: str, rng: random.Random) -> str:
    """A PNG of a few coloured bands, wide or tall; returns its issue-relative path."""
    from PIL import Image, ImageDraw

    width, height = rng.choice(((640, 360), (480, 480), (300, 520), (900, 300)))
    image = Image.new("RGB", (width, height), (240, 240, 235))
    draw = ImageDraw.Draw(image)
    for band in range(6):
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        draw.rectangle([band * width // 6, band * height // 12,
                        (band + 1) * width // 6, height - band * height // 12], fill=colour)
    path = folder / "images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return f"images/{name}"


def _table(rng: random.Random, fallback: bool) -> dict:
    columns = rng.randint(2, 5)
    header = ["序号", "单位", "人数", "备注", "经费（万元）"][:columns]
    rows = [header]
    # now and then a table long enough to go on over a page break
    for r in range(rng.randint(2, 5) if rng.random() < 0.8 else rng.randint(18, 30)):
        row = [str(r + 1), _words(rng, 3, 9), str(rng.randint(5, 400)),
               _words(rng, 2, 30) if rng.random() < 0.7 else "", f"{rng.randint(1, 99)}.5"]
        rows.append(row[:columns])
    if fallback:
        rows[1][1] = _with_fallback(rng, rows[1][1], 1)
    table: dict = {"table": rows}
    if rng.random() < 0.6:
        table["caption"] = f"表{rng.randint(1, 3)} " + _words(rng, 4, 10)
    return table


def rich_issue_dict(seed: int, folder: Path, *, number: int = 12) -> dict:
    """A generated issue (see the module's docstring) whose pictures are
    written under ``folder`` (the issue file's folder)."""
    rng = random.Random(seed)
    data = issue_dict(seed, number=number, articles=4)
    if rng.random() < 0.3:
        data["toc_title"] = "本期要目"
    pictures = 0
    sections = []
    for s in range(rng.randint(2, 3)):
        articles = []
        for a in range(rng.randint(1, 3)):
            title = sentence(rng, 8, 30).rstrip("。")
            if rng.random() < 0.3:
                title = _with_fallback(rng, title, 1)
            article: dict = {"title": title}
            toc = rng.random()
            if toc < 0.6:
                article["toc"] = True
            elif toc < 0.8:
                article["toc"] = _words(rng, 6, 14)
            if rng.random() < 0.25:
                article["note"] = _with_fallback(rng, punctuated_paragraph(rng, 2),
                                                 rng.randint(0, 2))
            body: list = []
            for _ in range(rng.randint(2, 6)):
                kind = rng.random()
                if kind < 0.55 or not body:
                    body.append(_with_fallback(rng, punctuated_paragraph(rng, rng.randint(1, 5)),
                                               rng.randint(0, 3)))
                elif kind < 0.68:
                    # some headings run over two lines
                    words = _words(rng, 4, 12) if rng.random() < 0.8 else _words(rng, 28, 34)
                    body.append({"heading": _with_fallback(
                        rng, f"{'一二三四'[rng.randint(0, 3)]}、{words}", rng.random() < 0.3)})
                elif kind < 0.78:
                    body.append({"subheading": f"（{'一二三'[rng.randint(0, 2)]}）{_words(rng, 4, 16)}"})
                elif kind < 0.9:
                    pictures += 1
                    picture: dict = {"image": _picture(folder, f"p{seed}-{pictures}.png", rng)}
                    if rng.random() < 0.6:  # some captions run over two lines
                        words = _words(rng, 4, 14) if rng.random() < 0.8 else _words(rng, 34, 44)
                        picture["caption"] = _with_fallback(rng, "图为" + words,
                                                            rng.random() < 0.3)
                    if rng.random() < 0.5:
                        picture["width"] = rng.choice((0.4, 0.5, 0.65, 0.8, 1.0))
                    body.append(picture)
                else:
                    body.append(_table(rng, rng.random() < 0.3))
            if all(isinstance(item, str) for item in body):
                article["body"] = "\n\n".join(body) + "\n"
            else:
                article["body"] = body
            if rng.random() < 0.5:
                article["source"] = rng.choice(SOURCES)
            articles.append(article)
        sections.append({"column": COLUMNS[(s + seed) % len(COLUMNS)], "articles": articles})
    data["sections"] = sections
    return data


def write_rich_issue(root: Path, seed: int, *, number: int = 12) -> Path:
    """Write the rich issue of ``seed`` as <root>/<year>/<year>-<NN>.yaml
    (its pictures beside it) and return the path."""
    folder = Path(root) / "2023"
    folder.mkdir(parents=True, exist_ok=True)
    data = rich_issue_dict(seed, folder, number=number)
    path = folder / f"{data['year']}-{data['number']:02d}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
