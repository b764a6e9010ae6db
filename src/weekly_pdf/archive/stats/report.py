"""The 通报: the tally typeset as an official notice from the office.

关于2023年第三季度信息报送采用情况的通报 — after GB/T 9704-2012, without the red
masthead: the title in 二号小标宋 (balanced lines), the addressees, a lead
paragraph with the totals and a paragraph with the scoring rules, then
一、the ranked table of units with its total row, 二、the table by category,
三、the articles leaders wrote instructions on (when there are any), 四、a bar
chart of the units' totals, a closing paragraph, and the issuing office and
date; page numbers as in the bulletin.

Its look lives outside Python, in the layout folder: ``report.html`` and
``report.css`` beside the issue's templates, taking the page, margins, body
grid, title size, table size and the font of every element from layout.toml
as the issue does. Paragraphs, headings and the title are set by weekly-pdf's
own typesetter on the layout's grid; every printed character is checked
against the fonts (FontSet.check) before anything is rendered, and a name no
font can draw is named with the file and line it comes from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2
from markupsafe import escape

from ... import __version__
from ...errors import WeeklyPdfError
from ...source.scoring import EACH, HIGHEST, Scoring
from ...source.wording import INSTRUCTION_LEVELS, column_heading, date_text
from .chart import Bar, bar_charts
from .tables import CATEGORY_HEADER, UNIT_HEADER
from .periods import TITLE_TAIL
from .tally import UNLISTED, Tally, figure

if TYPE_CHECKING:
    from ...fonts.fontset import Fallback, FontSet
    from ...source.layout import Layout

TEMPLATE = "report.html"
NUMERALS = "一二三四五六七八九十"
#: The closing paragraph when scoring.toml's [report] gives none.
CLOSING = "希望各单位进一步重视信息报送工作，围绕中心工作及时报送新进展、新经验、新成效，" \
          "不断提高信息的数量和质量。"


@dataclass(frozen=True)
class Words:
    """What the 通报 says besides the tally: who issues it, when, to whom."""

    office: str
    date: datetime.date
    publication: str | None = None
    to: str | None = None
    closing: str | None = None


def lead_text(tally: Tally, words: Words) -> str:
    """The lead paragraph: the period and the totals."""
    period = tally.period
    when = period.span if period.label == period.span else f"{period.label}（{period.span}）"
    name = f"《{words.publication}》" if words.publication else "本刊"
    supplements = f"（其中增刊{tally.supplements}期）" if tally.supplements else ""
    joint = f"（其中多个单位联合报送{tally.joint}篇）" if tally.joint else ""
    instructed = f"；{len(tally.instructed)}篇信息获得领导批示" if tally.instructed else ""
    total = tally.total
    bonus = f"，其中领导批示加分{figure(total.bonus)}分" if total.bonus else ""
    return (f"{when}，{name}共编发{tally.issues}期{supplements}，刊发文章{tally.articles}篇，"
            f"采用各单位报送的信息{tally.adopted}篇{joint}，涉及{tally.units_adopted}个单位{instructed}。"
            f"各单位合计得分{figure(total.total)}分{bonus}。现将有关情况通报如下。")


def rules_text(scoring: Scoring) -> str:
    """The scoring rules in words, for the paragraph after the lead."""
    parts = []
    for rule in scoring.rules:
        where = "、".join(column_heading(c) for c in rule.columns)
        kinds = "、".join(rule.kinds)
        if where and kinds:
            subject = f"刊登在{kinds}{where}栏目的信息"
        elif where:
            subject = f"{where}栏目的信息"
        else:
            subject = f"刊登在{kinds}上的信息"
        parts.append(f"{subject}每篇计{figure(rule.points)}分")
    parts.append(f"{'其他' if scoring.rules else ''}信息每篇计{figure(scoring.default)}分")
    text = "，".join(parts)
    bonus = [(level, scoring.bonus[level]) for level in INSTRUCTION_LEVELS
             if scoring.bonus.get(level)]
    if bonus:
        text += "；获得领导批示的，" + "、".join(f"{level}加{figure(points)}分"
                                           for level, points in bonus)
        text += ("（一篇信息有多条批示的，按级别最高的一条加分）" if scoring.count == HIGHEST
                 else "（一篇信息有多条批示的，每条分别加分）")
    if scoring.joint == EACH:
        text += "；多个单位联合报送的信息，各单位均计1篇并计全部分数"
    else:
        text += "；多个单位联合报送的信息，各单位均计1篇，分数（含加分）由各单位平分"
    name = f"（{scoring.name}）" if scoring.name else ""
    return f"计分办法{name}：{text}。"


def table_note(tally: Tally) -> str:
    notes = ["排名按总分（基础分与加分之和）由高到低排列；总分相同的单位名次并列，"
             "按单位名录的顺序排列"]
    if tally.joint:
        notes.append(f"{tally.joint}篇信息由多个单位联合报送，各单位分别计入采用篇数，"
                     f"因此合计篇数多于实际采用的{tally.adopted}篇")
    if any(row.points.denominator != 1 or row.bonus.denominator != 1 for row in tally.rows):
        notes.append("分数按平分计算，保留两位小数")
    if any(row.category == UNLISTED for row in tally.rows):
        notes.append(f"类别为“{UNLISTED}”的供稿单位不在单位名录里")
    if tally.unsigned:
        notes.append(f"另有{tally.unsigned}篇文章未署供稿单位，未计入")
    return "注：" + "；".join(notes) + "。"


def instructed_items(tally: Tally) -> list[str]:
    items = []
    for n, item in enumerate(tally.instructed, start=1):
        said = "；".join(
            f"{i.level}领导{i.by}批示" + (f"（{date_text(i.date)}）" if i.date else "")
            for i in item.instructions)
        gain = f"，加{figure(item.bonus)}分" if item.bonus else ""
        items.append(f"{n}．《{item.title}》（{'、'.join(item.units)}，{item.issue}）：{said}{gain}。")
    return items


def _cell(text, kind: str = "", span: int = 0) -> dict:
    return {"text": str(text), "kind": kind, "span": span}


def _unit_cells(row, rank: str) -> list[dict]:
    return [_cell(rank), _cell(row.unit, "name"), _cell(row.category), _cell(row.articles, "number"),
            _cell(figure(row.points), "number"), _cell(figure(row.bonus), "number"),
            _cell(figure(row.total), "number")]


def report_texts(tally: Tally, words: Words) -> dict:
    """Every text of the 通报, before typesetting (also what the glyph check checks)."""
    sections = [("units", "各单位信息采用情况", [table_note(tally)]),
                ("categories", "按单位类别统计", [])]
    if tally.instructed:
        sections.append(("instructed", "领导批示情况", instructed_items(tally)))
    sections.append(("chart", "各单位得分情况", []))
    return {
        "title": tally.period.title,
        "to": words.to,
        "lead": [lead_text(tally, words), rules_text(tally.scoring)],
        "sections": [(kind, f"{NUMERALS[i]}、{heading}", paragraphs)
                     for i, (kind, heading, paragraphs) in enumerate(sections)],
        "closing": [words.closing if words.closing is not None else CLOSING],
        "office": words.office,
        "date_text": date_text(words.date),
    }


def printed(tally: Tally, texts: dict, layout: "Layout", unit_paths: dict[str, str]
            ) -> list[tuple]:
    """Every string the 通报 prints, as (field path, text, font role) for
    FontSet.check; ``unit_paths`` names where each unit's name is written
    (units[3].name in units.yaml, or an issue's source field)."""
    role = layout.roles
    out = [("通报标题", texts["title"], role["title"])]
    if texts["to"]:
        out.append(("report.to", texts["to"], role["body"]))
    out += [("通报正文", text, role["body"]) for text in texts["lead"]]
    for kind, heading, paragraphs in texts["sections"]:
        out.append(("通报小标题", heading, role["heading"]))
        element = "body" if kind == "instructed" else "note"
        if kind == "instructed":
            # Unit names are named where they are written (units.yaml or the issue);
            # the rest of each item is checked as the 通报's own text.
            names = {name for item in tally.instructed for name in item.units}
            for item in tally.instructed:
                out += [(unit_paths.get(name, name), name, role[element]) for name in item.units]
            for text in paragraphs:
                for name in sorted(names, key=len, reverse=True):
                    text = text.replace(name, "")
                out.append(("通报正文", text, role[element]))
        else:
            out += [("通报正文", text, role[element]) for text in paragraphs]
    out += [("report.closing", text, role["body"]) for text in texts["closing"]]
    out += [("report.office", texts["office"], role["body"]),
            ("通报日期", texts["date_text"], role["body"])]
    header = "".join(UNIT_HEADER + CATEGORY_HEADER) + "合计"
    out.append(("表头", header, role["table_header"]))
    for row in tally.rows:
        out.append((unit_paths.get(row.unit, row.unit), row.unit, role["table"]))
    for row in tally.categories:
        out.append((unit_paths.get(row.unit, "categories"), row.unit, role["table"]))
    out.append(("表格数字", "0123456789.", role["table"]))
    out.append(("表格数字", "0123456789.合计", role["table_header"]))
    out.append(("page_number", "—0123456789", role["page_number"]))
    return out


#: A title wider than this share of the type area is set in two lines (GB/T 9704:
#: a long title is broken where the words allow, its lines arranged as a trapezoid).
TITLE_SHARE = 0.8


def title_lines(tally: Tally, setter) -> tuple[str, ...]:
    """The title's lines: one when short; else 关于<period> over 信息报送采用情况的通报
    when both fit; else the typesetter's balanced lines."""
    from ...typeset.breaking import balanced_lines
    title = tally.period.title
    room = setter.width * TITLE_SHARE
    if setter.titles.ink(title) <= room:
        return (title,)
    head, tail = title[:-len(TITLE_TAIL)], TITLE_TAIL
    if setter.titles.ink(head) <= setter.width and setter.titles.ink(tail) <= setter.width:
        return head, tail
    return tuple(balanced_lines(title, setter.titles, setter.width))


def render_html(tally: Tally, words: Words, layout: "Layout", fontset: "FontSet",
                fallback=None) -> str:
    """The HTML of the 通报, through the layout's report.html; ``fallback``:
    the template's filter for every text it prints (by element), by default
    the one marking what a fallback font draws."""
    from ...render.html import (fallback_marker, layout_css, stylesheets, template,
                                template_error)
    from ...typeset.setting import typesetter_for

    texts = report_texts(tally, words)
    setter = typesetter_for(layout, fontset)
    lead = [setter.paragraph(text) for text in texts["lead"]]
    sections = []
    paragraphs = list(lead)
    for kind, heading, items in texts["sections"]:
        element = "body" if kind == "instructed" else "note"
        section = {"kind": kind, "heading": setter.paragraph(heading, "heading"),
                   "paragraphs": [setter.paragraph(text, element) for text in items]}
        paragraphs += [section["heading"], *section["paragraphs"]]
        sections.append(section)
    closing = [setter.paragraph(text) for text in texts["closing"]]
    paragraphs += closing
    styles: dict[str, str] = {}
    for paragraph in paragraphs:
        for line in paragraph.runs:
            for run in line:
                styles.update(run.css_rules())

    table_role = layout.roles["table"]
    families = tuple(font.family for font in fontset.roles[table_role])

    def measure(text: str, size: float) -> float:
        width = 0.0
        for char in text:
            font = fontset.font_for(char, table_role)
            if font is not None:
                metrics = font.metrics
                width += metrics.advances.get(ord(char), metrics.units_per_em) \
                    / metrics.units_per_em * size
        return width

    charts = bar_charts([Bar(row.unit, row.total, figure(row.total)) for row in tally.rows],
                        layout.type_width, measure, families)
    total = tally.total
    category_total = [_cell("合计"), _cell(sum(r.units for r in tally.categories), "number"),
                      _cell(total.articles, "number"), _cell(figure(total.points), "number"),
                      _cell(figure(total.bonus), "number"), _cell(figure(total.total), "number")]
    report = {
        "title": texts["title"], "date": words.date.isoformat(), "office": words.office,
        "title_lines": title_lines(tally, setter), "to": texts["to"], "lead": lead,
        "sections": sections, "closing": closing, "date_text": texts["date_text"],
        "unit_columns": ("rank", "unit", "category", "articles", "points", "bonus", "total"),
        "unit_header": UNIT_HEADER,
        "unit_rows": [_unit_cells(row, str(row.rank)) for row in tally.rows],
        "unit_total": [_cell("合计", "", 3)] + _unit_cells(total, "")[3:],
        "category_columns": ("c-category", "c-units", "c-articles", "c-points", "c-bonus",
                             "c-total"),
        "category_header": CATEGORY_HEADER,
        "category_rows": [[_cell(r.unit), _cell(r.units, "number"), _cell(r.articles, "number"),
                           _cell(figure(r.points), "number"), _cell(figure(r.bonus), "number"),
                           _cell(figure(r.total), "number")] for r in tally.categories],
        "category_total": category_total,
        "charts": charts,
    }
    page = template(layout, TEMPLATE, fallback or fallback_marker(fontset, layout))
    try:
        return page.render(report=report, layout=layout, layout_css=layout_css(layout),
                           stylesheets=stylesheets(layout),
                           run_styles=tuple(sorted(styles.items())),
                           generator=f"weekly-pdf {__version__}")
    except jinja2.TemplateError as exc:
        raise template_error(layout, exc) from None


def check_glyphs(tally: Tally, words: Words, layout: "Layout", fontset: "FontSet",
                 unit_paths: dict[str, str], positions: dict) -> list["Fallback"]:
    """Check that every character of the 通报 can be drawn (IssueErrors naming
    the file and line of each character no font has); returns what fallback
    fonts draw. ``positions``: field path → (file, line, column).

    What the program prints is listed by :func:`printed`, each unit name
    where it is written; the template is also rendered with a filter that
    records every text it prints, so that words a designer writes into
    report.html are checked too (named by the template)."""
    texts = printed(tally, report_texts(tally, words), layout, unit_paths)
    recorded: dict[tuple[str, str], None] = {}

    def record(text, element: str):
        role = layout.roles.get(element)
        if role is None:
            raise WeeklyPdfError(f"版式 {layout.name} 的通报模板用了 fallback(\"{element}\")，"
                                 f"但 layout.toml 的 [roles] 里没有 {element}")
        recorded[str(text), role] = None
        return escape(text)

    render_html(tally, words, layout, fontset, fallback=record)
    known: dict[str, set[str]] = {}
    for _, text, role in texts:
        known.setdefault(role, set()).update(text)
    for text, role in recorded:
        extra = "".join(dict.fromkeys(c for c in text if c not in known.get(role, ())))
        if extra:
            texts.append((f"{layout.name}/{TEMPLATE}", extra, role))
    return fontset.check(texts, None, positions)


def pdf_bytes(tally: Tally, html: str, layout: "Layout", builder, fallbacks,
              office: str) -> tuple[bytes, int]:
    """The 通报's PDF (from :func:`render_html`'s ``html``) and its page count:
    the same tally and words, the same bytes."""
    from ...pdf.engine import WriteSpec

    fontset = builder.fontset
    renderer = builder.renderer
    pages = renderer.layout(html, base_dir=layout.folder, read_dirs=layout.folders[1:],
                            fonts=fontset.needed(fallbacks))
    identifier = f"weekly-pdf:stats:{office}:{tally.period.stem}".encode()
    return renderer.write(pages, WriteSpec(identifier=identifier))


def report_layout(project, name: str) -> "Layout":
    """The layout the 通报 is set in: ``layouts/<name>`` with its report.html."""
    from ...source.layout import read_layout
    layout = read_layout(project.checked_layout_dir(name), find=project.checked_layout_dir)
    if not any((folder / TEMPLATE).is_file() for folder in layout.folders):
        raise WeeklyPdfError(f"版式 {name} 没有通报的模板 {TEMPLATE}（layouts/{name}/{TEMPLATE}）；"
                             f"请用 --layout bulletin，或照 layouts/bulletin/ 的样子加上它")
    return layout


__all__ = ["Words", "check_glyphs", "lead_text", "pdf_bytes", "render_html", "report_layout",
           "rules_text"]
