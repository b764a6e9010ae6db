"""Read an issue file (and its publication.yaml defaults) into the model.

Every input error is raised here, as :class:`~weekly_pdf.errors.IssueErrors`
naming the file, line, column and field path of each problem. The YAML is
composed into nodes (which keep their line and column) and checked against a
small schema, in the spirit of MkDocs' config_options; nothing is constructed
from a node that has not been checked.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .archival.levels import LevelError, parse_level
from .errors import IssueError, IssueErrors
from .model import Article, Footer, Issue, Section, Style

#: Largest issue file accepted, in bytes.
MAX_FILE_BYTES = 512 * 1024
#: Largest document accepted once YAML aliases are expanded, in nodes.
MAX_EXPANDED_NODES = 50_000

DEFAULTS_NAME = "publication.yaml"
ISSUE_NAME_RE = re.compile(r"^(\d{4})-(\d+)\.ya?ml$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Chinese words an office worker may type for a field, mapped to the field.
_CHINESE_KEYS = {
    "报头": "publication", "报头名称": "publication", "刊名": "publication",
    "编发单位": "publisher", "单位": "publisher", "年": "year", "年份": "year",
    "期": "number", "期号": "number", "总期": "total", "总期号": "total",
    "日期": "date", "版式": "layout", "目录标题": "toc_title", "栏目": "sections",
    "栏目名": "column", "文章": "articles", "标题": "title", "目录": "toc",
    "正文": "body", "来源": "source", "供稿": "source", "版记": "footer",
    "邮箱": "email", "编辑": "editor", "审核": "reviewer", "分送": "distribution",
    "归档": "pdfa", "PDF/A": "pdfa",
}

_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token":
        "这里有制表符（Tab），YAML 只能用空格缩进",
    "could not find expected ':'": "缺少冒号“:”，或者冒号后面少了空格",
    "mapping values are not allowed here": "这里不能出现“键: 值”，常见原因是冒号后少了空格或缩进不齐",
    "found unexpected end of stream": "文件在引号或括号还没闭合时就结束了",
    "expected <block end>, but found '<block mapping start>'": "缩进不齐",
    "expected <block end>, but found '-'": "列表项“-”的缩进不齐",
    "found undefined alias": "用到了没有定义的别名（*alias）",
}


@dataclass
class _Context:
    """What the checker needs while it walks one file."""

    file: Path
    errors: list[IssueError]
    positions: dict[str, tuple[str, int, int]]

    def error(self, node: Node | None, path: str, message: str) -> None:
        line = column = None
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.errors.append(IssueError(self.file, message, line=line, column=column, path=path))

    def mark(self, node: Node, path: str, line_offset: int = 0) -> None:
        """Remember where ``path`` was set (``line_offset`` lines into ``node``)."""
        column = 1 if line_offset else node.start_mark.column + 1
        self.positions[path] = (str(self.file), node.start_mark.line + 1 + line_offset, column)


_INVALID = object()


def _join(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "一组“键: 值”"
    if isinstance(node, SequenceNode):
        return "列表"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"int": "整数", "float": "小数", "bool": "真假值", "null": "空值",
            "timestamp": "日期", "str": "文字"}.get(tag, "文字")


def _show(node: Node) -> str:
    if isinstance(node, ScalarNode):
        value = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        return f"{_kind(node)}“{value}”" if value else "空值"
    return _kind(node)


def _join_lines(text: str) -> str:
    """Join the lines of one paragraph: no space between Han characters,
    one space where both sides are Latin letters or digits."""
    lines = [line.strip() for line in text.splitlines()]
    out = ""
    for line in filter(None, lines):
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() \
                and line[0].isalnum():
            out += " "
        out += line
    return out


# --- field checkers ---------------------------------------------------------
# Each takes (context, node, path) and returns the checked value or _INVALID
# after recording its errors in the context.

Checker = Callable[[_Context, Node, str], Any]


def text(what: str) -> Checker:
    def check(ctx: _Context, node: Node, path: str):
        if not (isinstance(node, ScalarNode) and node.tag.endswith(":str")):
            ctx.error(node, path, f"需要一段文字（{what}），这里是{_show(node)}"
                      + ("；如果就是要写这些字，请加上引号" if isinstance(node, ScalarNode)
                         and node.value else ""))
            return _INVALID
        value = _join_lines(node.value)
        if not value:
            ctx.error(node, path, f"不能为空，需要填写{what}")
            return _INVALID
        return value
    return check


def integer(what: str, low: int, high: int | None = None, example: int = 20) -> Checker:
    def check(ctx: _Context, node: Node, path: str):
        value = None
        if isinstance(node, ScalarNode) and node.style is None \
                and re.fullmatch(r"[-+]?[0-9]+", node.value):
            value = int(node.value, 10)  # 020 is twenty, not YAML 1.1 octal
        if value is None:
            ctx.error(node, path, f"需要一个整数（{what}，用半角阿拉伯数字，例如 {example}），"
                                  f"这里是{_show(node)}")
            return _INVALID
        if value < low or (high is not None and value > high):
            limit = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
            ctx.error(node, path, f"{what}应当{limit}，这里是 {value}")
            return _INVALID
        return value
    return check


def date(ctx: _Context, node: Node, path: str):
    expected = "需要一个日期，格式为 YYYY-MM-DD，例如 2023-07-07"
    if not isinstance(node, ScalarNode) or node.tag.endswith((":int", ":float", ":bool")):
        ctx.error(node, path, f"{expected}，这里是{_show(node)}")
        return _INVALID
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", node.value.strip())
    if not match:
        ctx.error(node, path, f"{expected}，这里是“{node.value}”")
        return _INVALID
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        ctx.error(node, path, f"日期 {node.value} 不存在（请核对月份和日子）")
        return _INVALID


def email(ctx: _Context, node: Node, path: str):
    value = text("信息报送邮箱")(ctx, node, path)
    if value is not _INVALID and not EMAIL_RE.fullmatch(value):
        ctx.error(node, path, f"需要一个邮箱地址，例如 name@example.cn，这里是“{value}”")
        return _INVALID
    return value


def _is_bool(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":bool")


def _truth(node: ScalarNode) -> bool:
    """The value of a YAML 1.1 boolean scalar (true/yes/on/y, any case)."""
    return node.value.lower() in ("true", "yes", "on", "y")


def toc(ctx: _Context, node: Node, path: str):
    if _is_bool(node):
        return _truth(node)
    if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
        return text("目录里显示的文字")(ctx, node, path)
    ctx.error(node, path, f"需要 true、false 或一段文字（目录里显示的文字），这里是{_show(node)}")
    return _INVALID


def body(ctx: _Context, node: Node, path: str):
    if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
        paragraphs = []
        block = node.style in ("|", ">")
        line = 0
        for chunk in re.split(r"(\n[ \t]*\n)", node.value):
            if chunk.strip() and not chunk.isspace():
                lead = len(chunk) - len(chunk.lstrip("\n"))
                if paragraph := _join_lines(chunk):
                    # A block scalar's text starts on the line after its "|".
                    ctx.mark(node, _join(path, len(paragraphs)), line + lead + 1 if block else 0)
                    paragraphs.append(paragraph)
            line += chunk.count("\n")
        if not paragraphs:
            ctx.error(node, path, "正文不能为空")
            return _INVALID
        return tuple(paragraphs)
    if isinstance(node, SequenceNode):
        items = sequence(text("一段正文"), "正文段落")(ctx, node, path)
        return items
    ctx.error(node, path, "需要正文：用“body: |”写成段落（段与段之间空一行），"
                          f"或写成每段一项的列表，这里是{_show(node)}")
    return _INVALID


def number(what: str, low: float, high: float) -> Checker:
    """A number (integer or decimal) between ``low`` and ``high``."""
    def check(ctx: _Context, node: Node, path: str):
        value = None
        if isinstance(node, ScalarNode) and node.style is None \
                and re.fullmatch(r"[0-9]+(\.[0-9]+)?", node.value):
            value = float(node.value)
        if value is None:
            ctx.error(node, path, f"需要一个数（{what}，例如 {low}），这里是{_show(node)}")
            return _INVALID
        if not low <= value <= high:
            ctx.error(node, path, f"{what}应当在 {low} 到 {high} 之间，这里是 {node.value}")
            return _INVALID
        return value
    return check


def boolean(what: str) -> Checker:
    def check(ctx: _Context, node: Node, path: str):
        if _is_bool(node):
            return _truth(node)
        ctx.error(node, path, f"需要 true 或 false（{what}），这里是{_show(node)}")
        return _INVALID
    return check


def colour(ctx: _Context, node: Node, path: str):
    if isinstance(node, ScalarNode) and re.fullmatch(r"#[0-9A-Fa-f]{6}", node.value.strip()):
        return node.value.strip().upper()
    ctx.error(node, path, f"需要一个颜色，写成带引号的 \"#RRGGBB\"（例如 \"#FF0000\"），"
                          f"这里是{_show(node)}")
    return _INVALID


def pdfa_level(ctx: _Context, node: Node, path: str):
    """pdfa: 1b | 2b | none (true means 1b): the PDF/A level builds use by default."""
    if _is_bool(node):
        return "1b" if _truth(node) else None
    if not (isinstance(node, ScalarNode) and node.tag.endswith(":str")):
        ctx.error(node, path, f"需要 PDF/A 级别 1b 或 2b（或 none），这里是{_show(node)}")
        return _INVALID
    try:
        level = parse_level(node.value)
    except LevelError as exc:
        ctx.error(node, path, str(exc))
        return _INVALID
    return level.name if level else None


def sequence(item: Checker, what: str) -> Checker:
    def check(ctx: _Context, node: Node, path: str):
        if not isinstance(node, SequenceNode):
            ctx.error(node, path, f"需要一个列表（{what}，每项以“- ”开头），这里是{_show(node)}")
            return _INVALID
        if not node.value:
            ctx.error(node, path, f"列表不能为空，至少要有一项{what}")
            return _INVALID
        values = []
        for i, child in enumerate(node.value):
            ctx.mark(child, _join(path, i))
            values.append(item(ctx, child, _join(path, i)))
        if any(v is _INVALID for v in values):
            return _INVALID
        return tuple(values)
    return check


@dataclass(frozen=True)
class Field:
    check: Checker
    required: bool = False


def mapping(fields: dict[str, Field], what: str, *, check_required: bool = True) -> Checker:
    def check(ctx: _Context, node: Node, path: str):
        if not isinstance(node, MappingNode):
            ctx.error(node, path, f"需要一组“键: 值”（{what}），这里是{_show(node)}")
            return _INVALID
        values: dict[str, Any] = {}
        seen: set[str] = set()
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            key_path = _join(path, str(key)) if key is not None else path or None
            if key not in fields:
                ctx.error(key_node, key_path, _unknown_key(key, fields, what))
                ok = False
                continue
            if key in seen:
                ctx.error(key_node, key_path, f"字段 {key} 写了两次，只能写一次")
                ok = False
                continue
            seen.add(key)
            ctx.mark(value_node, key_path)
            if isinstance(value_node, ScalarNode) and value_node.tag.endswith(":null"):
                if fields[key].required:
                    ctx.error(value_node, key_path, f"{key} 不能为空")
                    ok = False
                continue
            value = fields[key].check(ctx, value_node, key_path)
            if value is _INVALID:
                ok = False
            else:
                values[key] = value
        if check_required:
            for key, spec in fields.items():
                if spec.required and key not in seen:
                    ctx.error(node, _join(path, key), f"缺少必填字段 {key}（{what}里）")
                    ok = False
        return values if ok else _INVALID
    return check


def _unknown_key(key: Any, fields: dict[str, Field], what: str) -> str:
    if not isinstance(key, str):
        return f"{what}的字段名必须是文字"
    known = "、".join(fields)
    guess = _CHINESE_KEYS.get(key)
    if guess not in fields:
        close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.5)
        guess = close[0] if close else None
    hint = f"，是不是想写 {guess}？" if guess else "。"
    return f"不认识的字段 {key}{hint}{what}可以有的字段：{known}"


# --- the schema of the contract ----------------------------------------------

FOOTER_FIELDS = {
    "email": Field(email),
    "editor": Field(text("编辑的姓名"), required=True),
    "reviewer": Field(text("审核人的姓名"), required=True),
    "distribution": Field(sequence(text("分送单位"), "分送单位"), required=True),
}

ARTICLE_FIELDS = {
    "title": Field(text("文章标题"), required=True),
    "toc": Field(toc),
    "body": Field(body, required=True),
    "source": Field(text("供稿单位")),
}

SECTION_FIELDS = {
    "column": Field(text("栏目名称"), required=True),
    "articles": Field(sequence(mapping(ARTICLE_FIELDS, "文章"), "文章"), required=True),
}

#: Typesetting settings (style: in publication.yaml or an issue file); see docs/layout.md.
STYLE_FIELDS = {
    "char_pitch": Field(number("正文字距（磅）", 14.0, 18.0)),
    "line_pitch": Field(number("正文行距（磅）", 20.0, 40.0)),
    "red": Field(colour),
    "compress_punctuation": Field(boolean("是否压缩相邻标点")),
    "duplex": Field(boolean("是否双面印刷，把版记放在偶数页")),
}

#: Fields publication.yaml may hold (a footer there may be partial).
DEFAULTS_FIELDS = {
    "publication": Field(text("报头名称")),
    "publisher": Field(text("编发单位")),
    "layout": Field(text("版式名称")),
    "toc_title": Field(text("目录标题")),
    "footer": Field(mapping(FOOTER_FIELDS, "版记", check_required=False)),
    "pdfa": Field(pdfa_level),
    "style": Field(mapping(STYLE_FIELDS, "版式设置", check_required=False)),
}

ISSUE_FIELDS = {
    **DEFAULTS_FIELDS,
    "year": Field(integer("年份", 1949, 2100, example=2023), required=True),
    "number": Field(integer("期号", 1), required=True),
    "total": Field(integer("总期号", 1), required=True),
    "date": Field(date, required=True),
    "sections": Field(sequence(mapping(SECTION_FIELDS, "栏目"), "栏目"), required=True),
}

#: Fields required once the defaults are merged in.
MERGED_REQUIRED = {"publication": "报头名称", "publisher": "编发单位", "footer": "版记"}


# --- reading YAML safely -----------------------------------------------------

def _compose(file: Path) -> MappingNode:
    """The one YAML document in ``file`` as a node tree, or raise."""
    def fail(message, line=None, column=None):
        raise IssueErrors([IssueError(file, message, line=line, column=column)])

    try:
        data = file.read_bytes()
    except FileNotFoundError:
        fail("找不到这个文件")
    except IsADirectoryError:
        fail("这是一个文件夹，不是期刊文件")
    except OSError as exc:
        fail(f"无法读取（{exc.strerror}）")
    if len(data) > MAX_FILE_BYTES:
        fail(f"文件太大（{len(data) // 1024} KB），一期最多 {MAX_FILE_BYTES // 1024} KB")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        fail("文件不是 UTF-8 编码，请用 UTF-8 保存（记事本：另存为 → 编码选 UTF-8）", line)
    try:
        documents = list(yaml.compose_all(source, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or ""
        hint = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k)), None)
        message = f"YAML 写法有误：{hint}（{problem}）" if hint else f"YAML 写法有误（{problem}）"
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            message += f"；出问题的那一段从第 {start.line + 1} 行开始"
        fail(message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
    except yaml.YAMLError as exc:
        fail(f"YAML 写法有误（{exc}）")
    except RecursionError:
        fail("YAML 嵌套层数太多")
    if len(documents) > 1:
        second = documents[1]
        fail("一个文件只能有一个 YAML 文档（去掉多余的“---”分隔线）",
             second.start_mark.line + 1 if second is not None else None)
    root = documents[0] if documents else None
    if not isinstance(root, MappingNode):
        what = "空的" if root is None else f"一个{_kind(root)}"
        fail(f"文件内容应当是一组“键: 值”（例如 year: 2023），这里是{what}",
             root.start_mark.line + 1 if root is not None else None)
    _check_expansion(file, root)
    return root


def _check_expansion(file: Path, root: MappingNode) -> None:
    """Refuse documents whose aliases expand beyond a sane size (alias bombs).

    The composer shares aliased nodes, so the tree is small in memory; its size
    once expanded is counted with memoisation, in time linear in the nodes.
    """
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = MAX_EXPANDED_NODES + 1  # a cycle counts as too big
        if isinstance(node, ScalarNode):
            total = 1 + len(node.value) // 64
        elif isinstance(node, SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        else:
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = min(total, 10 * MAX_EXPANDED_NODES)
        return sizes[id(node)]

    for key_node, value_node in root.value:
        if size(value_node) > MAX_EXPANDED_NODES:
            raise IssueErrors([IssueError(
                file, "YAML 别名（&锚点 / *别名）展开后内容过大，像是“别名炸弹”，拒绝读取",
                line=value_node.start_mark.line + 1, column=value_node.start_mark.column + 1,
                path=getattr(key_node, "value", None))])


def _read(file: Path, fields: dict[str, Field], what: str) -> tuple[dict, _Context, MappingNode]:
    root = _compose(file)
    ctx = _Context(file, [], {})
    values = mapping(fields, what)(ctx, root, "")
    if ctx.errors:
        raise IssueErrors(ctx.errors)
    return values, ctx, root


# --- the public entry points -------------------------------------------------

def find_defaults(issue_file: Path) -> Path | None:
    """publication.yaml next to the year folders (or beside a loose draft)."""
    for folder in (issue_file.parent, issue_file.parent.parent):
        candidate = folder / DEFAULTS_NAME
        if candidate.is_file() and candidate.resolve() != issue_file.resolve():
            return candidate
    return None


def load_defaults(file: Path) -> tuple[dict, dict[str, tuple[str, int, int]]]:
    """The checked values of a publication.yaml and where each was set."""
    values, ctx, _ = _read(file, DEFAULTS_FIELDS, "publication.yaml")
    return values, ctx.positions


def load_issue(file: Path | str, *, defaults: Path | None | bool = True,
               layouts_dir: Path | None = None) -> Issue:
    """Read, check and merge one issue file into an :class:`Issue`.

    ``defaults``: True to look for publication.yaml beside the year folders,
    a path to use that file, or False/None for none.
    ``layouts_dir``: when given, ``layout`` must name a folder in it.
    Raises :class:`IssueErrors` listing every problem found.
    """
    file = Path(file)
    if defaults is True:
        defaults = find_defaults(file)
    base: dict = {}
    positions: dict[str, tuple[str, int, int]] = {}
    if defaults:
        base, positions = load_defaults(Path(defaults))
    values, ctx, root = _read(file, ISSUE_FIELDS, "期刊文件")
    positions.update(ctx.positions)
    merged = {**base, **values}
    if "footer" in base and "footer" in values:
        merged["footer"] = {**base["footer"], **values["footer"]}
    if "style" in base and "style" in values:
        merged["style"] = {**base["style"], **values["style"]}
    errors: list[IssueError] = []
    for key, what in MERGED_REQUIRED.items():
        if key not in merged:
            errors.append(IssueError(file, f"缺少必填字段 {key}（{what}）：写在本期文件里，"
                                           f"或写在 {DEFAULTS_NAME} 里", line=1, path=key))
    footer = merged.get("footer", {})
    if "footer" in merged:
        for key in ("editor", "reviewer", "distribution"):
            if key not in footer:
                errors.append(IssueError(file, f"版记缺少必填字段 {key}：写在本期文件的 footer 里，"
                                               f"或写在 {DEFAULTS_NAME} 的 footer 里",
                                         line=1, path=f"footer.{key}"))
    errors += _check_file_name(file, merged, ctx)
    layout = merged.get("layout", "bulletin")
    if layouts_dir is not None and not (re.fullmatch(r"[\w-]+", layout)
                                        and (Path(layouts_dir) / layout).is_dir()):
        where = positions.get("layout")
        available = "、".join(sorted(p.name for p in Path(layouts_dir).iterdir() if p.is_dir()))
        errors.append(IssueError(where[0] if where else file,
                                 f"找不到版式 {layout}（layouts/ 下可用的有：{available}）",
                                 line=where[1] if where else None, path="layout"))
    if errors:
        raise IssueErrors(errors)
    return Issue(
        publication=merged["publication"], publisher=merged["publisher"],
        year=merged["year"], number=merged["number"], total=merged["total"],
        date=merged["date"], layout=layout,
        toc_title=merged.get("toc_title", "目录提要"), pdfa=merged.get("pdfa"),
        style=Style(**merged.get("style", {})),
        sections=tuple(
            Section(column=s["column"], articles=tuple(
                Article(title=a["title"], paragraphs=a["body"], source=a.get("source"),
                        toc=a.get("toc")) for a in s["articles"]))
            for s in merged["sections"]),
        footer=Footer(editor=footer["editor"], reviewer=footer["reviewer"],
                      distribution=footer["distribution"], email=footer.get("email")),
        source_path=file,
        positions=MappingProxyType(positions),
    )


def _check_file_name(file: Path, values: dict, ctx: _Context) -> list[IssueError]:
    match = ISSUE_NAME_RE.match(file.name)
    if not match:
        return []
    errors = []
    for key, expected in (("year", int(match[1])), ("number", int(match[2]))):
        if key in values and values[key] != expected:
            where = ctx.positions.get(key)
            what = "年份" if key == "year" else "期号"
            errors.append(IssueError(
                file, f"文件名 {file.name} 表示{what}是 {expected}，但这里写的是 {values[key]}；"
                      f"请改正{what}，或把文件改名为 {values.get('year', '年份')}-"
                      f"{values.get('number', 0):02d}.yaml",
                line=where[1] if where else None, column=where[2] if where else None, path=key))
    return errors
