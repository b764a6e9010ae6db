"""A layout's numbers and roles: layouts/<name>/layout.toml, read and checked.

layout.toml is the one place where a layout's page, margins, body grid, title
size, table cells, picture frames, colours, the font role of every printed
element, the closing block's class, its labels, its anchor format and the
range of each ``style:`` setting are written. The typesetter, the renderer
(as generated CSS custom properties), compose, the glyph check and the annual
volume all read them from here; no layout value lives in Python.

A layout may extend another (``extends = "bulletin"`` under ``[layout]``): it
states only the values that differ, and its folder is searched before its
parent's for templates and stylesheets (:attr:`Layout.folders`). Chains are
allowed; a cycle or an unknown parent is refused, naming the file and line.

``style:`` settings of publication.yaml or an issue (char_pitch, line_pitch,
red) override the layout's values: :meth:`Layout.styled` checks them against
the layout's ``[style_bounds]`` and applies them, and everything downstream
reads the result.
"""

from __future__ import annotations

import dataclasses
import os
import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TypeVar

from ..errors import IssueError, IssueErrors, WeeklyPdfError

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
    "print_run": ("印数，{count} 是份数", ("count",)),
    "mark": ("不写 mark 时报头左上角的字样", ()),
    "serial": ("报头右上角的编号，{number} 是期号，{total} 是总期号",
               ("year", "number", "total")),
    "supplement": ("增刊印在报头下的字样", ()),
    "volume_title": ("合订本的书名，{publication} 是刊名，{year} 是年份",
                     ("publication", "year")),
    "volume_issue": ("合订本书签里的一期，{year}、{number}、{total}",
                     ("year", "number", "total")),
    "volume_supplement": ("合订本书签里的一期增刊，{year}、{number}", ("year", "number")),
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
            for literal, _, _, _ in string.Formatter().parse(label):
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


# -- reading and checking ----------------------------------------------------------------


def _number(low: float, high: float, what: str):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, f"应当是一个数（{what}），例如 {low if low else high / 2:g}"
        if not low <= value <= high:
            return None, f"{what} {value:g} 不在 {low:g} 到 {high:g} 之间"
        return float(value), None
    return check


def _whole(low: int, high: int, what: str):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"应当是一个整数（{what}），例如 {high // 2}"
        if not low <= value <= high:
            return None, f"{what} {value} 不在 {low} 到 {high} 之间"
        return value, None
    return check


def _sizes(value):
    """Smaller table sizes: a list of numbers, largest first (may be empty)."""
    if not (isinstance(value, list) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        return None, "应当是几个数（磅），从大到小写在方括号里，例如 [12, 10.5]；不要就写 []"
    if any(not 6 <= v <= 48 for v in value) or list(value) != sorted(value, reverse=True):
        return None, "每个字号应当在 6 到 48 磅之间，并且从大到小排列，例如 [12, 10.5]"
    return tuple(float(v) for v in value), None


def _range(key: str):
    """Two numbers [lowest, highest] inside what any layout may have (PITCHES)."""
    low, high, what = PITCHES[key]

    def check(value):
        if not (isinstance(value, list) and len(value) == 2 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
            return None, f"应当是两个数 [最小, 最大]（{what}的范围），例如 [{low + 8:g}, {low + 12:g}]"
        if not low <= value[0] <= value[1] <= high:
            return None, (f"{what}的范围应当在 {low:g} 到 {high:g} 之间，"
                          f"且先写最小值，这里是 [{value[0]:g}, {value[1]:g}]")
        return (float(value[0]), float(value[1])), None
    return check


def _text(what: str):
    def check(value):
        if not isinstance(value, str) or not value.strip():
            return None, f"应当是一段文字（{what}），写在英文引号里"
        return value, None
    return check


def _layout_name(value):
    if not isinstance(value, str) or not re.fullmatch(r"[\w-]+", value):
        return None, "应当是 layouts/ 下一个版式文件夹的名字，写在英文引号里，例如 \"bulletin\""
    return value, None


def _colour(value):
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return None, "颜色应当写成带引号的 \"#RRGGBB\"，例如 \"#FF0000\""
    return value.upper(), None


def _role(value):
    if value not in FONT_ROLES:
        return None, f"字体角色应当是 {'、'.join(FONT_ROLES)} 之一，不是 {value!r}"
    return value, None


def _class(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z][\w-]*", value):
        return None, "应当是一个 HTML class 名（字母开头，只含字母、数字、-、_），例如 \"closing\""
    return value, None


def _anchor(value):
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z][\w.-]*", value.format(
            section=1, article=1) if _formats(value, ("section", "article")) else ""):
        return None, ("应当是含 {section} 和 {article} 的锚点格式，字母开头，"
                      "例如 \"article-{section}-{article}\"")
    return value, None


def _formats(value: str, allowed) -> bool:
    """``value`` is a format string using only ``allowed`` names."""
    try:
        value.format(**{name: 1 for name in allowed})
    except (KeyError, IndexError, ValueError, AttributeError):
        return False
    return True


#: table → key → (check, required). Required means required of the layout
#: once the layouts it extends are merged in: a layout that extends another
#: writes only what differs.
SCHEMA = {
    "layout": {"description": (_text("版式说明"), True),
               "extends": (_layout_name, False)},
    "page": {
        "size": (_text("纸张，如 A4"), False),
        "width_mm": (_number(50, 1000, "纸宽（毫米）"), False),
        "height_mm": (_number(50, 1000, "纸高（毫米）"), False),
        "margin_top_mm": (_number(0, 200, "上边距（毫米）"), True),
        "margin_right_mm": (_number(0, 200, "右边距（毫米）"), True),
        "margin_bottom_mm": (_number(0, 200, "下边距（毫米）"), True),
        "margin_left_mm": (_number(0, 200, "左边距（毫米）"), True),
    },
    "body": {
        "size_pt": (_number(6, 48, "正文字号（磅）"), True),
        "char_pitch_pt": (_number(*PITCHES["char_pitch"]), True),
        "line_pitch_pt": (_number(*PITCHES["line_pitch"]), True),
        "indent_chars": (_number(0, 8, "首行缩进（字）"), True),
    },
    "title": {"size_pt": (_number(6, 96, "标题字号（磅）"), True)},
    "table": {
        "size_pt": (_number(6, 48, "表格字号（磅）"), True),
        "cell_padding_em": (_number(0, 2, "单元格文字左右的空白（表格字号的倍数）"), True),
        "rule_pt": (_number(0, 5, "表格线的粗细（磅）"), True),
        "keep_whole_chars": (_number(1, 40, "尽量不折行的单元格字数"), True),
        "keep_whole_chars_tight": (_number(1, 40, "栏宽不够时尽量不折行的单元格字数"), True),
        "smaller_sizes_pt": (_sizes, True),
        "pitch_em": (_number(1, 3, "表格的行距（表格字号的倍数）"), True),
        "keep_rows": (_whole(0, 300, "不拆开的表格最多有几行（表头以外）"), True),
        "split_rows": (_whole(1, 10, "表格跨页时两边至少各留几行"), True),
        "row_keep_lines": (_whole(1, 100, "表格的一行不超过几行字时不拆到两页"), True),
    },
    "image": {
        "max_lines": (_whole(1, 100, "图片框最多占的正文行数"), True),
        "default_height": (_number(0.1, 1, "不指定大小的图片最多占版心高度的比例"), True),
        "shrink_floor": (_number(0.1, 1, "放不下时图片最多缩到原来高度的比例"), True),
        "shrink_last": (_number(0.1, 1, "别无办法时图片最多缩到原来高度的比例"), True),
        "pad_pt": (_number(0, 50, "图片上下留白（磅）"), True),
    },
    "colors": {"red": (_colour, True)},
    "roles": {element: (_role, True) for element in ELEMENTS},
    "volume_roles": {element: (_role, False) for element in VOLUME_ELEMENTS},
    "closing": {"class": (_class, True)},
    "labels": {key: (_text(what), False) for key, (what, _) in LABELS.items()},
    "anchor": {"article": (_anchor, True)},
    "style_bounds": {key: (_range(key), True) for key in PITCHES},
}


#: tomllib's words for the commonest mistakes, in Chinese.
_TOML_PROBLEMS = {
    "Invalid value": "值的写法不对：文字要写在英文双引号里，数字不加引号",
    "Expected '=' after a key in a key/value pair": "键的后面缺少“=”",
    "Cannot overwrite a value": "同一个字段写了两次",
    "Invalid statement": "这一行不是“键 = 值”，也不是 [表名]",
}


def _line_of(text: str, table: str, key: str | None) -> int | None:
    """The line of ``[table]`` (``key`` in it, when given) in a TOML text."""
    current = None
    header_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        match = re.match(r"\[\s*([\w.]+)\s*\]", stripped)
        if match:
            current = match[1]
            if current == table:
                header_line = number
                if key is None:
                    return number
            continue
        if current == table and key is not None and re.match(
                rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
    return header_line


@dataclass
class _Source:
    """One layout.toml of a chain: its folder, text and parsed tables."""

    folder: Path
    file: Path
    text: str
    data: dict
    #: (resolved file, mtime_ns, size) when it was read: what load_layout's cache compares.
    stamp: tuple

    def error(self, message: str, table: str | None = None, key: str | None = None,
              path: str | None = None) -> IssueError:
        line = _line_of(self.text, table, key) if table is not None else None
        return IssueError(self.file, message, line=line,
                          path=path or (f"{table}.{key}" if key else table))


def _parse(folder: Path) -> _Source:
    """``folder``/layout.toml read and parsed (not yet checked)."""
    file = folder / FILE_NAME
    try:
        stat = file.stat()
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WeeklyPdfError(f"版式 {folder.name} 缺少 {FILE_NAME}（见 docs/layouts.md）") from None
    except UnicodeDecodeError:
        raise IssueErrors([IssueError(file, "不是 UTF-8 编码的文本；请用 UTF-8 保存")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = str(exc).split(" (at")[0]
        raise IssueErrors([IssueError(
            file, f"TOML 写法有误（{_TOML_PROBLEMS.get(detail, detail)}）",
            line=int(match[1]) if match else None,
            column=int(match[2]) if match else None)]) from None
    return _Source(folder, file, text, data, (file.resolve(), stat.st_mtime_ns, stat.st_size))


def _chain(folder: Path, find: Callable[[str], Path]) -> list[_Source]:
    """The layout.toml of ``folder`` and of every layout it extends, child first."""
    chain = [_parse(folder)]
    while True:
        source = chain[-1]
        table = source.data.get("layout")
        parent = table.get("extends") if isinstance(table, dict) else None
        if parent is None:
            return chain
        name, problem = _layout_name(parent)
        if problem:
            raise IssueErrors([source.error(problem, "layout", "extends")])
        names = [s.folder.name for s in chain]
        if name in names:
            raise IssueErrors([source.error(
                f"版式继承成了一个圈（{' → '.join([*names, name])}）；"
                f"请删去其中一个 extends", "layout", "extends")])
        parent_folder = find(name)
        if not (parent_folder / FILE_NAME).is_file():
            available = "、".join(p.name for p in list_layouts(parent_folder.parent)
                                 if p.name not in names) or "无"
            raise IssueErrors([source.error(
                f"找不到要继承的版式 {name}（{parent_folder.parent.name}/ 下可继承的有：{available}）",
                "layout", "extends")])
        chain.append(_parse(parent_folder))


def _check(source: _Source, values: dict, origin: dict, errors: list[IssueError]) -> None:
    """Check the tables of one layout.toml; its values go into ``values`` (a
    child's over its parent's), each key's file into ``origin``."""
    data = source.data
    for table, value in data.items():
        if table not in SCHEMA:
            errors.append(source.error(f"不认识的表 [{table}]；可以有的表：{'、'.join(SCHEMA)}",
                                       table, None))
        elif not isinstance(value, dict):
            errors.append(IssueError(source.file, f"{table} 应当是一个表 [{table}]",
                                     line=_line_of(source.text, "", table), path=table))
    for table, fields in SCHEMA.items():
        got = data.get(table, {})
        if not isinstance(got, dict):
            continue
        for key in got:
            if key not in fields:
                errors.append(source.error(
                    f"不认识的字段 {key}；[{table}] 可以有的字段：{'、'.join(fields)}", table, key))
        for key, (check, _) in fields.items():
            if key not in got:
                continue
            checked, problem = check(got[key])
            if problem:
                errors.append(source.error(problem, table, key))
            else:
                values.setdefault(table, {})[key] = checked
                origin[table, key] = source


def read_layout(folder: Path, *, find: Callable[[str], Path] | None = None) -> Layout:
    """Read and check ``folder``/layout.toml, and the layouts it extends;
    raise :class:`IssueErrors` naming every problem.

    ``find``: the folder of a layout by name, for a parent (the caller's
    checked lookup, :meth:`weekly_pdf.project.Project.checked_layout_dir`);
    by default the folder of that name beside ``folder``.
    """
    folder = Path(folder)
    return _read(folder, find or (lambda name: folder.parent / name))[0]


def _read(folder: Path, find: Callable[[str], Path]) -> tuple[Layout, tuple]:
    chain = _chain(folder, find)
    child = chain[0]
    errors: list[IssueError] = []
    values: dict[str, dict[str, Any]] = {}
    origin: dict[tuple[str, str], _Source] = {}
    for source in reversed(chain):  # the root first: each child's values win
        _check(source, values, origin, errors)
    for table, fields in SCHEMA.items():
        for key, (_, required) in fields.items():
            if required and key not in values.get(table, {}) and \
                    not any(e.path == f"{table}.{key}" for e in errors):
                inherited = "（它继承的版式里也没有）" if len(chain) > 1 else ""
                errors.append(child.error(f"缺少必填字段 {key}{inherited}", table, None,
                                          path=f"{table}.{key}"))

    def error(message: str, table: str, key: str) -> IssueError:
        return origin.get((table, key), child).error(message, table, key)

    page = values.get("page", {})
    size = page.get("size")
    if size is not None and size.upper() not in PAPERS:
        errors.append(error(f"不认识的纸张 {size}；可用 {'、'.join(PAPERS)}，"
                            f"或不写 size 而写 width_mm 和 height_mm", "page", "size"))
    elif size is None and not ("width_mm" in page and "height_mm" in page):
        if "page.width_mm" not in {e.path for e in errors} and \
                "page.height_mm" not in {e.path for e in errors}:
            errors.append(child.error("请写纸张 size（如 \"A4\"），或写 width_mm 和 height_mm",
                                      "page", None, path="page.size"))
    for key, label in values.get("labels", {}).items():
        if not _formats(label, LABELS[key][1]):
            names = "、".join("{" + n + "}" for n in LABELS[key][1])
            allowed = f"标签里只能用 {names}" if names else "这个标签里不能用 {…}"
            errors.append(error(f"{allowed}（要印出花括号请写两次）", "labels", key))
    if errors:
        raise IssueErrors(errors)
    if size is not None:
        width, height = PAPERS[size.upper()]
        paper = size.upper()
    else:
        width, height, paper = page["width_mm"], page["height_mm"], ""
    geometry = Page(paper, width, height, page["margin_top_mm"], page["margin_right_mm"],
                    page["margin_bottom_mm"], page["margin_left_mm"])
    body, table, image = values["body"], values["table"], values["image"]
    problems = []
    if geometry.type_width_mm < 20:
        problems.append(("page", "margin_right_mm", "左右边距太大：版心宽度不到 20 毫米"))
    if geometry.type_height_mm < 20:
        problems.append(("page", "margin_bottom_mm", "上下边距太大：版心高度不到 20 毫米"))
    if body["char_pitch_pt"] < body["size_pt"] * 0.8:
        problems.append(("body", "char_pitch_pt", "字距比字号小得太多，字会叠在一起"))
    if problems:
        raise IssueErrors([error(message, t, key) for t, key, message in problems])
    layout = Layout(
        name=folder.name, folder=folder, folders=tuple(s.folder for s in chain),
        description=values["layout"]["description"],
        page=geometry, body_size=body["size_pt"], char_pitch=body["char_pitch_pt"],
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
        roles=Frozen(values["roles"]), volume_roles=Frozen(values.get("volume_roles", {})),
        closing_class=values["closing"]["class"],
        labels=Frozen(values.get("labels", {})),
        anchor_format=values["anchor"]["article"],
        style_bounds=Frozen(values["style_bounds"]), file=child.file,
        label_files=Frozen({key: f"{origin['labels', key].folder.name}/{FILE_NAME}"
                            for key in values.get("labels", {})}))
    return layout, tuple(s.stamp for s in chain)


#: folder → (the stamps of its layout.toml chain, the layout read from it).
_cache: dict[Path, tuple[tuple, Layout]] = {}


def _stamps(stamps: tuple) -> bool:
    """Every layout.toml of a chain still has the size and mtime it was read with."""
    for file, mtime, size in stamps:
        try:
            stat = os.stat(file)
        except OSError:
            return False
        if (stat.st_mtime_ns, stat.st_size) != (mtime, size):
            return False
    return True


def load_layout(folder: Path, *, find: Callable[[str], Path] | None = None) -> Layout:
    """:func:`read_layout`, read once per version of its files (its own
    layout.toml and those of the layouts it extends)."""
    folder = Path(folder)
    try:
        key = folder.resolve()
    except OSError:
        return read_layout(folder, find=find)
    found = _cache.get(key)
    if found is not None and found[1].folder == folder and _stamps(found[0]):
        return found[1]
    layout, stamps = _read(folder, find or (lambda name: folder.parent / name))
    _cache[key] = (stamps, layout)
    return layout


def list_layouts(layouts_dir: Path) -> list[Path]:
    """The layout folders below ``layouts_dir`` (those holding a layout.toml), by name."""
    return sorted(p for p in Path(layouts_dir).iterdir() if (p / FILE_NAME).is_file())
