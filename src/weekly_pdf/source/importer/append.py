"""Add one imported article to an existing issue file, keeping its text.

The file is not re-dumped: the article's lines are inserted after the last
article of its column (or a new column is added after the last one), found
from the positions PyYAML's composer gives, so the user's comments, order and
formatting stay as they were. The result is written to a temporary file
beside the issue, loaded with :func:`weekly_pdf.source.load.load_issue` exactly as
``build`` would, and only then renamed over the issue file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...errors import IssueError, IssueErrors, WeeklyPdfError, display_path
from ..load import load_issue
from .lines import norm
from .records import Article, Picture
from .write import article_lines, scalar


def _key(mapping: yaml.MappingNode, name: str):
    return next((value for key, value in mapping.value
                 if isinstance(key, yaml.ScalarNode) and key.value == name), None)


def _dash_column(lines: list[str], node: yaml.Node) -> int:
    """The column of the "- " that opens the sequence item ``node``."""
    line = lines[node.start_mark.line]
    dash = line.rfind("-", 0, node.start_mark.column)
    return dash if dash >= 0 else max(node.start_mark.column - 2, 0)


def _content_end(node: yaml.Node) -> yaml.Mark:
    """Where ``node``'s own content ends. A block mapping or sequence ends
    where its last item does: PyYAML's end mark of the collection itself
    lies at the token after it, which may be the next section's "- column:"."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def _after(lines: list[str], node: yaml.Node) -> int:
    """The index of the line after ``node``'s last line of content (blank
    lines and comments after it stay with what follows)."""
    mark = _content_end(node)
    end = mark.line + (1 if mark.column > 0 else 0)
    end = min(end, len(lines))
    while end > node.start_mark.line + 1 and (not lines[end - 1].strip()
                                              or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _block_sequence(node, file: Path, what: str) -> yaml.SequenceNode:
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        line = node.start_mark.line + 1 if node is not None else None
        raise IssueError(file, f"{what}不是逐行写的列表（“- ”开头），无法自动追加文章；"
                               "请手工把文章加进去", line=line)
    return node


@dataclass(frozen=True)
class Insertion:
    """An issue file's text with an article added."""

    text: str
    #: The column did not exist and was added.
    created: bool
    #: The added lines are lines ``first`` … ``first + count - 1`` (1-based) of ``text``.
    first: int
    count: int

    def original_line(self, line: int) -> int | None:
        """The line of the file before the insertion that is ``line`` of
        ``text``; None for an added line."""
        if line < self.first:
            return line
        if line >= self.first + self.count:
            return line - self.count
        return None


def insert_article(text: str, file: Path, column: str, article: Article,
                   pictures: dict[Picture, str]) -> Insertion:
    """``text`` with ``article`` added to ``column`` (a new column at the
    end when there is none of that name)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise IssueError(file, f"不是有效的 YAML，无法追加（{exc}）") from None
    sections = _key(root, "sections") if isinstance(root, yaml.MappingNode) else None
    if sections is None:
        raise IssueError(file, "文件里没有 sections（栏目和文章），无法追加")
    sections = _block_sequence(sections, file, "sections")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"

    def insert(at: int, new: list[str], created: bool) -> Insertion:
        return Insertion("".join(lines[:at] + new + lines[at:]), created, at + 1, len(new))

    for section in sections.value:
        name = _key(section, "column") if isinstance(section, yaml.MappingNode) else None
        if isinstance(name, yaml.ScalarNode) and norm(name.value) == norm(column):
            articles = _block_sequence(_key(section, "articles"), file,
                                       f"栏目“{column}”的 articles")
            indent = " " * _dash_column(lines, articles.value[0])
            new = ["\n"] + [line + "\n" for line in article_lines(article, indent, pictures)]
            return insert(_after(lines, articles.value[-1]), new, False)
    indent = " " * _dash_column(lines, sections.value[0])
    new = ["\n", f"{indent}- column: {scalar(column)}\n", f"{indent}  articles:\n"]
    new += [line + "\n" for line in article_lines(article, indent + "    ", pictures)]
    return insert(_after(lines, sections.value[-1]), new, True)


def _where(error: IssueError, insertion: Insertion) -> str:
    """Where ``error`` (found in the text with the article added) lies, told
    in terms of the user's file: its own line, or a line of the added article."""
    if error.line is None:
        return ""
    line = insertion.original_line(error.line)
    if line is not None:
        return f"第 {line} 行"
    return (f"追加的文章第 {error.line - insertion.first + 1} 行"
            f"（加进去后是文件的第 {error.line} 行）")


def append_article(file: Path, column: str, article: Article,
                   pictures: dict[Picture, str]) -> bool:
    """Add ``article`` to ``column`` of the issue ``file``; True when the
    column was created. Raises :class:`WeeklyPdfError` and leaves the file
    as it was when the result would not load; the message names ``file``
    (never the temporary file the result was checked in) and its lines."""
    file = Path(file)
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise IssueError(file, "不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise IssueError(file, f"无法读取（{exc.strerror}）") from None
    insertion = insert_article(text, file, column, article, pictures)
    fd, temp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    temp = Path(temp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(insertion.text)
        try:
            load_issue(temp)
        except IssueErrors as exc:
            details = "；".join(
                "，".join(p for p in (_where(e, insertion), e.path and f"字段 {e.path}") if p)
                + ("：" if e.line is not None or e.path else "") + e.message
                for e in exc.errors)
            raise WeeklyPdfError(f"{display_path(file)}：追加文章后文件不能通过检查，没有改动它"
                                 f"（{details}）") from None
        os.chmod(temp, file.stat().st_mode & 0o777)
        os.replace(temp, file)
    finally:
        temp.unlink(missing_ok=True)
    return insertion.created
