"""A layout's numbers and roles: layouts/<name>/layout.toml, read and checked.

layout.toml is the one place where a layout's page, margins, body grid, title
size, table cells, picture frames, colours, the font role of every printed
element, the closing block's class, its labels, its anchor format and the
range of each ``style:`` setting are written. The typesetter, the renderer
(as generated CSS custom properties), compose, the glyph check and the annual
volume all read them from here; no layout value lives in Python.

The file is declared with the schema vocabulary (:data:`TABLES`,
:data:`LAYOUT_KIND`; docs/schema.md) and read by its TOML reader: every
problem is named at once, in Chinese, with file, line, column and field
path, and the editors' JSON Schema (schema/layout.schema.json) comes from the
same declaration. Checks across tables are the declaration's rules: a paper,
a type area, and a body grid that prints (:mod:`.layout_grid`: a line holds a
character and the indent, a page a line, a line a title character), so that a
layout never gives pages of characters stacked on one another.

A layout may extend another (``extends = "bulletin"`` under ``[layout]``): it
states only the values that differ, and its folder is searched before its
parent's for templates and stylesheets (:attr:`Layout.folders`). The chain's
files are laid one over the other and checked as one, each value named in the
file that writes it. Chains are allowed; a cycle or an unknown parent is
refused, naming the file, line and column of the ``extends`` that leads there.

``style:`` settings of publication.yaml or an issue (char_pitch, line_pitch,
red) override the layout's values: :meth:`Layout.styled` checks them against
the layout's ``[style_bounds]`` and applies them, and everything downstream
reads the result.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any, Callable, Iterator, Mapping, TypeVar

from yaml.nodes import MappingNode

from ..errors import IssueError, IssueErrors, WeeklyPdfError
from .layout_grid import grid_problems
from .schema.kinds import (INVALID, TOML, Checker, Context, Field, Problem, choice, clip, colour,
                           constrained, described, format_text, integer, mapping, number, record,
                           required_unless, schema_of, sequence, string, text)
from .schema.reading import check_tree

FILE_NAME = "layout.toml"


MM = 72 / 25.4

#: Paper sizes a layout may name (width, height in mm).
PAPERS = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0),
          "B5": (176.0, 250.0), "16K": (185.0, 260.0)}

#: The font roles weekly-pdf supplies (fonts/manifest.toml).
FONT_ROLES = ("title", "body", "heading", "kai", "song")

#: The body pitches any layout may have (pt), and what each is; ``style:``
#: settings are checked against the narrower ``[style_bounds]`` of the issue's layout.
PITCHES = {
    "char_pitch": (6.0, 60.0, "正文字距（磅）"),
    "line_pitch": (6.0, 100.0, "正文行距（磅）"),
}

#: Every element an issue prints, with what it is (roles.<element> in layout.toml).
ELEMENTS = {
    "publication": "报头名称",
    "masthead": "报头的期号、编发单位和日期",
    "mark": "报头上方的密级或“内部资料”字样和编号",
    "supplement": "报头下的“增刊”字样",
    "toc_title": "目录标题",
    "toc": "目录条目",
    "column": "栏目名",
    "title": "文章标题",
    "body": "正文",
    "heading": "正文里的一级标题（heading:）",
    "subheading": "正文里的二级标题（subheading:）",
    "note_label": "“编者按：”字样",
    "note": "编者按的正文",
    "caption": "图表的说明文字",
    "table_header": "表格的表头",
    "table": "表格",
    "source": "供稿单位",
    "footer": "版记",
    "page_number": "页码",
}

#: Elements of the annual volume's front matter (volume_roles.<element>).
VOLUME_ELEMENTS = {
    "cover_title": "合订本封面的刊名",
    "cover_year": "合订本封面的年份",
    "cover_range": "合订本封面的期号范围",
    "cover_text": "合订本封面的编发单位和日期",
    "contents_title": "合订本目录标题",
    "contents_head": "合订本目录表头",
    "contents": "合订本目录表格",
    "columns": "合订本目录里的栏目",
    "pages": "合订本目录里的页码",
}

#: Labels: text the layout prints around the issue's values (labels.<key>),
#: with the ``{...}`` names each may use. Which element prints a label is the
#: template's business (``layout.labels.email | fallback("footer")``).
LABELS = {
    "note": ("编者按开头的字样", ()),
    "email": ("信息报送邮箱的标签", ()),
    "editor": ("编辑的标签", ()),
    "reviewer": ("审核的标签", ()),
    "distribution": ("分送的标签", ()),
    "report_to": ("报（上级机关）的标签", ()),
    "send_to": ("送（平级单位）的标签", ()),
    "issue_to": ("发（下级单位）的标签", ()),
    "print_run": ("印数的字样", ("count",)),
    "mark": ("不写 mark 时报头左上角的字样", ()),
    "serial": ("报头右上角的编号", ("year", "number", "total")),
    "supplement": ("增刊印在报头下的字样", ()),
    "volume_title": ("合订本的书名", ("publication", "year")),
    "volume_issue": ("合订本书签里的一期", ("year", "number", "total")),
    "volume_supplement": ("合订本书签里的一期增刊", ("year", "number")),
    "volume_contents": ("合订本目录页的书签", ("year",)),
}

V = TypeVar("V")


class Frozen(Mapping[str, V]):
    """A read-only mapping that is hashable and equal by its items in order,
    so that a :class:`Layout` holding it can key a cache (and be pickled
    to and from a forked process)."""

    __slots__ = ("_items", "_dict")

    def __init__(self, items: Mapping[str, V] | tuple[tuple[str, V], ...] = ()):
        pairs = tuple(items.items()) if isinstance(items, Mapping) else tuple(items)
        object.__setattr__(self, "_items", pairs)
        object.__setattr__(self, "_dict", dict(pairs))

    def __getitem__(self, key: str) -> V:
        return self._dict[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other) -> bool:
        return isinstance(other, Frozen) and self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __reduce__(self):
        return Frozen, (self._items,)

    def __setattr__(self, name, value):
        raise AttributeError("Frozen mappings are read-only")

    def __repr__(self) -> str:
        return f"Frozen({self._dict!r})"


@dataclass(frozen=True)
class Page:
    """The paper and its margins, in mm."""

    paper: str            # "A4", or "" when given by width and height
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_right_mm: float
    margin_bottom_mm: float
    margin_left_mm: float

    @property
    def type_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def type_height_mm(self) -> float:
        return self.height_mm - self.margin_top_mm - self.margin_bottom_mm


@dataclass(frozen=True)
class Layout:
    """One layout folder and its checked layout.toml (its parents' values merged in).

    Frozen and hashable; equality covers every value, so a layout (with its
    style: settings applied) is the key of every warm cache that depends on it.
    """

    name: str
    folder: Path
    #: The folders searched for templates and stylesheets: this layout's
    #: first, then the one it extends, and so on.
    folders: tuple[Path, ...]
    description: str
    page: Page
    #: Body text: glyph size, character pitch, line pitch (pt); first-line indent (cells).
    body_size: float
    char_pitch: float
    line_pitch: float
    indent_cells: float
    #: Article titles (pt).
    title_size: float
    #: Table text in an article body (pt); a cell's padding left and right of
    #: its text (em of the table text); the width of the cells' rules (pt).
    table_size: float
    cell_padding_em: float
    cell_rule: float
    #: Text cells up to this many 字 stay on one line when the columns allow;
    #: failing that, up to the tight number.
    keep_whole_chars: float
    keep_whole_chars_tight: float
    #: Smaller sizes (pt) for a table whose words do not fit its columns at
    #: table_size, largest first; its line pitch as a multiple of its size.
    table_smaller_sizes: tuple[float, ...]
    table_pitch_em: float
    #: A table of at most this many rows under its header never splits; a
    #: split leaves at least table_split_rows rows on either side.
    table_keep_rows: int
    table_split_rows: int
    #: A row of more lines than this may split across pages.
    table_row_keep_lines: int
    #: Tallest picture frame, in body lines; the space kept free above and
    #: below a picture inside its frame (pt).
    image_max_lines: int
    image_pad: float
    #: A picture whose size the issue does not give is at most this share of
    #: the type area's height (frame included); a picture that does not fit
    #: where it falls may be shrunk down to this share of its height.
    image_default_height: float
    image_shrink_floor: float
    #: When neither moving the text nor the picture fills the page, it may
    #: be shrunk down to this share of its height.
    image_shrink_last: float
    #: Masthead red, #RRGGBB.
    red: str
    #: element → font role, for the issue and for the annual volume.
    roles: Frozen[str]
    volume_roles: Frozen[str]
    #: HTML class of the closing block (版记) that compose places at the foot.
    closing_class: str
    labels: Frozen[str]
    #: Anchor of an article: {section} and {article} are 1-based.
    anchor_format: str
    #: style: key → (lowest, highest) value an issue may set (``[style_bounds]``).
    style_bounds: Frozen[tuple[float, float]]
    file: Path | None = None
    #: label key → the layout.toml that writes it (a parent's, when inherited).
    label_files: Frozen[str] = Frozen()

    # -- derived values -------------------------------------------------------

    @property
    def type_width(self) -> float:
        """Width of the type area in pt: the typesetter's measure."""
        return self.page.type_width_mm * MM

    @property
    def indent(self) -> float:
        """The first-line indent in pt."""
        return self.indent_cells * self.char_pitch

    @property
    def tracking(self) -> float:
        """Space after every body character on the grid (pt)."""
        return self.char_pitch - self.body_size

    @property
    def chars_per_line(self) -> int:
        """Full body characters a line holds (the grid's width)."""
        return round(self.type_width / self.char_pitch)

    @property
    def lines_per_page(self) -> int:
        """Body lines a page holds (the grid's height)."""
        return int(self.page.type_height_mm * MM / self.line_pitch + 1e-6)

    def anchor(self, section: int, article: int) -> str:
        """The anchor of an article, from 0-based indexes."""
        return self.anchor_format.format(section=section + 1, article=article + 1)

    def label(self, key: str, **values: Any) -> str:
        return self.labels[key].format(**values)

    def label_texts(self) -> Iterator[tuple[str, str]]:
        """(field path, text) of the fixed text of every label: the pieces
        between its ``{...}``, each named by the layout.toml that writes it
        (for the glyph check's messages)."""
        for key, label in self.labels.items():
            path = f"{self.label_files.get(key, f'{self.name}/{FILE_NAME}')} labels.{key}"
            for literal, _, _, _ in Formatter().parse(label):
                if literal:
                    yield path, literal

    def styled(self, style, positions: Mapping[str, tuple[str, int, int]] | None = None
               ) -> "Layout":
        """This layout with an issue's ``style:`` settings applied (each wins
        when set), after checking them against ``[style_bounds]``.

        ``positions``: the issue's field positions, for the messages
        (:attr:`weekly_pdf.source.model.Issue.positions`)."""
        errors = []
        for key, (low, high) in self.style_bounds.items():
            value = getattr(style, key, None)
            if value is not None and not low <= value <= high:
                where = (positions or {}).get(f"style.{key}")
                errors.append(IssueError(
                    where[0] if where else None,
                    f"{PITCHES[key][2]}应当在 {low} 到 {high} 之间，这里是 {value:g}"
                    f"（版式 {self.name} 的范围，见 layout.toml 的 [style_bounds]）",
                    line=where[1] if where else None, column=where[2] if where else None,
                    path=f"style.{key}"))
        if errors:
            raise IssueErrors(errors)
        changes = {}
        if style.char_pitch is not None:
            changes["char_pitch"] = style.char_pitch
        if style.line_pitch is not None:
            changes["line_pitch"] = style.line_pitch
        if style.red is not None:
            changes["red"] = style.red
        return dataclasses.replace(self, **changes) if changes else self

    def css(self) -> str:
        """The generated custom properties the layout's CSS reads (see docs/layouts.md)."""
        p = self.page
        props = [
            ("--page-width", f"{_num(p.width_mm)}mm"), ("--page-height", f"{_num(p.height_mm)}mm"),
            ("--margin-top", f"{_num(p.margin_top_mm)}mm"),
            ("--margin-right", f"{_num(p.margin_right_mm)}mm"),
            ("--margin-bottom", f"{_num(p.margin_bottom_mm)}mm"),
            ("--margin-left", f"{_num(p.margin_left_mm)}mm"),
            ("--type-width", f"{_num(p.type_width_mm)}mm"),
            ("--body-size", f"{_num(self.body_size)}pt"),
            ("--char-pitch", f"{_num(self.char_pitch)}pt"),
            ("--pitch", f"{_num(self.line_pitch)}pt"),
            ("--indent", f"{self.indent:.4f}pt"),
            ("--title-size", f"{_num(self.title_size)}pt"),
            ("--table-size", f"{_num(self.table_size)}pt"),
            ("--cell-padding", f"{_num(self.cell_padding_em)}em"),
            ("--cell-rule", f"{_num(self.cell_rule)}pt"),
            ("--red", self.red),
        ]
        props += [(f"--role-{element.replace('_', '-')}", f"var(--font-{role})")
                  for element, role in {**self.roles, **self.volume_roles}.items()]
        return ":root { " + "; ".join(f"{k}: {v}" for k, v in props) + "; }"


def _num(value: float) -> str:
    """A CSS number: 37.0 → "37", 2.5 → "2.5"."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


# -- layout.toml, declared with the schema vocabulary ---------------------------------------

#: Words a designer may write for a paper size or a font role, with what they mean
#: (for the message: "是不是想写 16K？").
PAPER_WORDS = {"16开": "16K", "十六开": "16K", **{f"{paper}纸": paper for paper in PAPERS}}
ROLE_WORDS = {"小标宋": "title", "标宋": "title", "仿宋": "body", "黑体": "heading",
              "粗体": "heading", "bold": "heading", "楷体": "kai", "宋体": "song"}
#: Words for a table, for the message about an unknown one.
TABLE_WORDS = {"页面": "page", "纸张": "page", "正文": "body", "标题": "title", "表格": "table",
               "图片": "image", "颜色": "colors", "color": "colors", "colour": "colors",
               "colours": "colors", "字体": "roles", "版记": "closing", "标签": "labels"}

#: [style_bounds] as the bulletin writes them, for the messages.
BOUNDS_EXAMPLES = {"char_pitch": (14, 18), "line_pitch": (20, 40)}


def _needed(kind: Checker) -> Field:
    return Field(kind, required=True)


def _mm(what: str, example: float, low: float = 0, high: float = 200) -> Checker:
    return number(what, low, high, example, unit="毫米")


def _pt(what: str, low: float, high: float, example: float) -> Checker:
    return number(what, low, high, example, unit="磅")


def _pitch(key: str, example: float) -> Checker:
    low, high, what = PITCHES[key]
    return _pt(what.removesuffix("（磅）"), low, high, example)


def _numbers(values) -> str:
    return "[" + ", ".join(f"{value:g}" for value in values) + "]"


def _bounds(key: str) -> Checker:
    """[lowest, highest] an issue's ``style:`` may set, inside what any layout may have."""
    what = PITCHES[key][2].removesuffix("（磅）") + "的范围"
    low, high = BOUNDS_EXAMPLES[key]
    example = f"[{low}, {high}]"
    return constrained(
        sequence(_pitch(key, low), what, min_items=0, example=example),
        lambda pair: len(pair) == 2 and pair[0] <= pair[1],
        lambda pair: f"{what}应当是 [最小, 最大] 两个数，例如 {example}，这里是 {_numbers(pair)}",
        {"minItems": 2, "maxItems": 2})


def _role(element_words: str) -> Checker:
    return choice(FONT_ROLES, f"{element_words}的字体角色", ROLE_WORDS)


_LAYOUT_NAME = re.compile(r"[\w-]+")
_EXTENDS = constrained(
    string("要继承的版式名", example='"bulletin"'),
    lambda name: _LAYOUT_NAME.fullmatch(name) is not None,
    lambda name: f"要继承的版式名应当是 layouts/ 下一个版式文件夹的名字（不含 /、. 和空格），"
                 f"例如 \"bulletin\"，这里是“{clip(name)}”",
    {"description": "要继承的版式名：layouts/ 下一个版式文件夹的名字，例如 bulletin"})

_CLASS = constrained(
    string("版记（报尾）元素的 HTML class 名", example='"closing"'),
    lambda name: re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name) is not None,
    lambda name: f"版记（报尾）元素的 class 名应当以英文字母开头，只含英文字母、数字、-、_，"
                 f"例如 \"closing\"，这里是“{clip(name)}”",
    {"pattern": "^[A-Za-z][A-Za-z0-9_-]*$"})


def _anchor_fits(value: str) -> bool:
    """Names both articles' numbers and makes an id: letters first."""
    names = {name for _, name, _, _ in Formatter().parse(value) if name}
    return names == {"section", "article"} and re.fullmatch(
        r"[A-Za-z][\w.-]*", value.format(section=1, article=1)) is not None


_ANCHOR = constrained(
    format_text("文章的锚点格式", ("section", "article")), _anchor_fits,
    lambda value: "文章的锚点格式应当含 {section} 和 {article}，以英文字母开头，只含字母、数字、.、-、_，"
                  f"例如 \"article-{{section}}-{{article}}\"，这里是“{clip(value)}”")

#: layout.toml: table → its fields. Required means required of the layout once
#: the layouts it extends are laid under it: a layout that extends another
#: writes only what differs (:func:`_read`).
TABLES = {
    "layout": _needed(mapping({"description": _needed(text("版式说明")),
                               "extends": Field(_EXTENDS)}, "版式的说明和继承")),
    "page": _needed(mapping({
        "size": Field(choice(tuple(PAPERS), "纸张", PAPER_WORDS, ignore_case=True)),
        "width_mm": Field(_mm("纸宽", 210, 50, 1000)),
        "height_mm": Field(_mm("纸高", 297, 50, 1000)),
        "margin_top_mm": _needed(_mm("上边距", 37)),
        "margin_right_mm": _needed(_mm("右边距", 26)),
        "margin_bottom_mm": _needed(_mm("下边距", 35)),
        "margin_left_mm": _needed(_mm("左边距", 28)),
    }, "页面")),
    "body": _needed(mapping({
        "size_pt": _needed(_pt("正文字号", 6, 48, 16)),
        "char_pitch_pt": _needed(_pitch("char_pitch", 15.79)),
        "line_pitch_pt": _needed(_pitch("line_pitch", 28.99)),
        "indent_chars": _needed(number("首行缩进", 0, 8, 2, unit="字")),
    }, "正文")),
    "title": _needed(mapping({"size_pt": _needed(_pt("标题字号", 6, 96, 22))}, "标题")),
    "table": _needed(mapping({
        "size_pt": _needed(_pt("表格字号", 6, 48, 14)),
        "cell_padding_em": _needed(number("单元格文字左右的空白（表格字号的倍数）", 0, 2, 0.4)),
        "rule_pt": _needed(_pt("表格线的粗细", 0, 5, 0.5)),
        "keep_whole_chars": _needed(number("尽量不折行的单元格字数", 1, 40, 6)),
        "keep_whole_chars_tight": _needed(number("栏宽不够时尽量不折行的单元格字数", 1, 40, 4)),
        "smaller_sizes_pt": _needed(constrained(
            sequence(_pt("较小的表格字号", 6, 48, 12), "较小的表格字号", min_items=0,
                     example="[12, 10.5]"),
            lambda sizes: list(sizes) == sorted(sizes, reverse=True),
            lambda sizes: f"较小的表格字号要从大到小排列，例如 [12, 10.5]，这里是 {_numbers(sizes)}")),
        "pitch_em": _needed(number("表格的行距（表格字号的倍数）", 1, 3, 1.5)),
        "keep_rows": _needed(integer("不拆开的表格最多有几行（表头以外）", 0, 300, example=6)),
        "split_rows": _needed(integer("表格跨页时两边至少各留几行", 1, 10, example=2)),
        "row_keep_lines": _needed(integer("表格的一行不超过几行字时不拆到两页", 1, 100, example=3)),
    }, "表格")),
    "image": _needed(mapping({
        "default_height": _needed(number("不指定大小的图片最多占版心高度的比例", 0.1, 1, 0.5)),
        "max_lines": _needed(integer("图片框最多占的正文行数", 1, 100, example=19)),
        "shrink_floor": _needed(number("放不下时图片最多缩到原来高度的比例", 0.1, 1, 0.6)),
        "shrink_last": _needed(number("别无办法时图片最多缩到原来高度的比例", 0.1, 1, 0.4)),
        "pad_pt": _needed(_pt("图片上下留白", 0, 50, 3)),
    }, "图片")),
    "colors": _needed(mapping({"red": _needed(colour)}, "颜色")),
    "roles": _needed(mapping({element: _needed(_role(words))
                              for element, words in ELEMENTS.items()}, "字体角色")),
    "volume_roles": Field(mapping({element: Field(_role(words))
                                   for element, words in VOLUME_ELEMENTS.items()},
                                  "合订本的字体角色")),
    "closing": _needed(mapping({"class": _needed(_CLASS)}, "版记")),
    "labels": Field(mapping({key: Field(format_text(what, names))
                             for key, (what, names) in LABELS.items()}, "标签")),
    "anchor": _needed(mapping({"article": _needed(_ANCHOR)}, "锚点")),
    "style_bounds": _needed(mapping({key: _needed(_bounds(key)) for key in PITCHES},
                                    "style: 设置的范围")),
}


def _page(page: dict) -> Page:
    """The checked [page] table as paper and margins."""
    if "size" in page:
        (width, height), paper = PAPERS[page["size"]], page["size"]
    else:
        width, height, paper = page["width_mm"], page["height_mm"], ""
    return Page(paper, width, height, page["margin_top_mm"], page["margin_right_mm"],
                page["margin_bottom_mm"], page["margin_left_mm"])


def _rules(values: dict) -> list[Problem]:
    """The checks across tables: a paper, a type area, and a body grid that
    prints (a line holds a character, a page a line, also at the largest
    pitches ``style:`` may set)."""
    page, body = values["page"], values["body"]
    if "size" not in page and not {"width_mm", "height_mm"} <= page.keys():
        return [("page.size", "请写纸张 size（如 \"A4\"），或写 width_mm 和 height_mm")]
    geometry = _page(page)
    problems = []
    if geometry.type_width_mm < 20:
        problems.append(("page.margin_right_mm", "左右边距太大：版心宽度不到 20 毫米"))
    if geometry.type_height_mm < 20:
        problems.append(("page.margin_bottom_mm", "上下边距太大：版心高度不到 20 毫米"))
    if body["char_pitch_pt"] < body["size_pt"] * 0.8:
        problems.append(("body.char_pitch_pt", "字距比字号小得太多，字会叠在一起"))
    if problems:
        return problems
    grid = {"type_width_mm": geometry.type_width_mm, "type_height_mm": geometry.type_height_mm,
            "indent_chars": body["indent_chars"], "title_size_pt": values["title"]["size_pt"]}
    problems = grid_problems(char_pitch_pt=body["char_pitch_pt"],
                             line_pitch_pt=body["line_pitch_pt"], **grid)
    if problems:
        return problems
    # The same grid at the largest pitches an issue's style: may set.
    highest = {key: high for key, (_, high) in values["style_bounds"].items()}
    problems = []
    for path, message in grid_problems(
            char_pitch_pt=highest["char_pitch"], line_pitch_pt=highest["line_pitch"],
            paths={"char_pitch": "style_bounds.char_pitch", "indent": "style_bounds.char_pitch",
                   "line_pitch": "style_bounds.line_pitch"}, **grid):
        key = path.removeprefix("style_bounds.")
        what = PITCHES[key][2].removesuffix("（磅）")
        problems.append((path, f"[style_bounds] 允许期刊用 style: 把{what}设到 {highest[key]:g} 磅；"
                               f"这时{message}"))
    return problems


_LAYOUT = record(TABLES, "版式", build=lambda values: values, rules=_rules,
                 suggestions=TABLE_WORDS)
#: The declaration of layout.toml: the checked tables (:func:`_layout` makes
#: them a :class:`Layout`). Its JSON Schema, for editors (schema/layout.schema.json),
#: requires the required fields only of a layout that extends none.
LAYOUT_KIND = described(_LAYOUT, required_unless(schema_of(_LAYOUT), "layout", "extends"))


# -- reading: the chain of layouts a layout extends -----------------------------------------

@dataclass
class _Source:
    """One layout.toml of a chain: its folder, node tree and text."""

    folder: Path
    file: Path
    root: Any
    text: str


def _compose(folder: Path) -> _Source:
    """``folder``/layout.toml read as a node tree (not yet checked)."""
    from .schema.toml_reading import compose_toml
    file = folder / FILE_NAME
    try:
        file.stat()
    except FileNotFoundError:
        raise WeeklyPdfError(f"版式 {folder.name} 缺少 {FILE_NAME}（见 docs/layouts.md）") from None
    except OSError:  # said by the reader, in Chinese
        pass
    root, text = compose_toml(file, what="版式文件")
    return _Source(folder, file, root, text)


def _member(node, key: str):
    """The value node of ``key`` in a table node, or None."""
    if not isinstance(node, MappingNode):
        return None
    return next((value for name, value in node.value if name.value == key), None)


def _chain(folder: Path, find: Callable[[str], Path]) -> list[_Source]:
    """The layout.toml of ``folder`` and of every layout it extends, child first."""
    chain = [_compose(folder)]
    while (node := _member(_member(chain[-1].root, "layout"), "extends")) is not None:
        source, names = chain[-1], [s.folder.name for s in chain]
        ctx = Context(source.file, [], None, source.text, TOML)
        name = _EXTENDS(ctx, node, "layout.extends")
        if name in names:
            ctx.error(node, "layout.extends", f"版式继承成了一个圈（{' → '.join([*names, name])}）；"
                                              f"请删去其中一个 extends")
        elif name is not INVALID and not ((parent := find(name)) / FILE_NAME).is_file():
            others = [p.name for p in list_layouts(parent.parent) if p.name not in names]
            close = difflib.get_close_matches(name, others, n=1, cutoff=0.5)
            ctx.error(node, "layout.extends",
                      f"找不到要继承的版式 {name}{f'，是不是想写 {close[0]}？' if close else '。'}"
                      f"{parent.parent.name}/ 下可继承的有：{'、'.join(others) or '无'}")
        if ctx.errors:
            raise IssueErrors(ctx.errors)
        chain.append(_compose(parent))
    return chain


def read_layout(folder: Path, *, find: Callable[[str], Path] | None = None) -> Layout:
    """Read and check ``folder``/layout.toml, and the layouts it extends;
    raise :class:`IssueErrors` naming every problem.

    ``find``: the folder of a layout by name, for a parent (the caller's
    checked lookup, :meth:`weekly_pdf.project.Project.checked_layout_dir`);
    by default the folder of that name beside ``folder``.
    """
    folder = Path(folder)
    return _read(folder, find or (lambda name: folder.parent / name))


def _read(folder: Path, find: Callable[[str], Path]) -> Layout:
    """The layout of ``folder``.

    The chain's trees are laid one over the other, the root layout's first
    (:func:`~.schema.toml_reading.overlay`), and checked as one file: a value
    is named in the file that writes it, a missing one in the child's."""
    from .schema.toml_reading import overlay
    chain = _chain(folder, find)
    root = functools.reduce(overlay, [source.root for source in reversed(chain)])
    values = check_tree(chain[0].file, root, chain[0].text, LAYOUT_KIND, TOML)
    return _layout(folder, chain, values, root)


def _frozen(values: dict, keys) -> Frozen:
    """``values`` in the order of their declaration (``keys``), however the
    file orders them: two layouts with the same values are equal."""
    return Frozen({key: values[key] for key in keys if key in values})


def _layout(folder: Path, chain: list[_Source], values: dict, root) -> Layout:
    body, table, image = values["body"], values["table"], values["image"]
    labels = values.get("labels", {})
    written = {key.value: Path(value.start_mark.file).parent.name
               for key, value in getattr(_member(root, "labels"), "value", ())}
    return Layout(
        name=folder.name, folder=folder, folders=tuple(s.folder for s in chain),
        description=values["layout"]["description"], page=_page(values["page"]),
        body_size=body["size_pt"], char_pitch=body["char_pitch_pt"],
        line_pitch=body["line_pitch_pt"], indent_cells=body["indent_chars"],
        title_size=values["title"]["size_pt"], table_size=table["size_pt"],
        cell_padding_em=table["cell_padding_em"], cell_rule=table["rule_pt"],
        keep_whole_chars=table["keep_whole_chars"],
        keep_whole_chars_tight=table["keep_whole_chars_tight"],
        table_smaller_sizes=table["smaller_sizes_pt"], table_pitch_em=table["pitch_em"],
        table_keep_rows=table["keep_rows"], table_split_rows=table["split_rows"],
        table_row_keep_lines=table["row_keep_lines"],
        image_max_lines=image["max_lines"], image_pad=image["pad_pt"],
        image_default_height=image["default_height"], image_shrink_floor=image["shrink_floor"],
        image_shrink_last=image["shrink_last"],
        red=values["colors"]["red"],
        roles=_frozen(values["roles"], ELEMENTS),
        volume_roles=_frozen(values.get("volume_roles", {}), VOLUME_ELEMENTS),
        closing_class=values["closing"]["class"],
        labels=_frozen(labels, LABELS),
        anchor_format=values["anchor"]["article"],
        style_bounds=_frozen(values["style_bounds"], PITCHES), file=chain[0].file,
        label_files=_frozen({key: f"{written[key]}/{FILE_NAME}" for key in labels}, LABELS))


def list_layouts(layouts_dir: Path) -> list[Path]:
    """The layout folders below ``layouts_dir`` (those holding a layout.toml), by name."""
    return sorted(p for p in Path(layouts_dir).iterdir() if (p / FILE_NAME).is_file())
