"""Read an issue file (and its publication.yaml defaults) into the model.

Every input error is raised here, as :class:`~weekly_pdf.errors.IssueErrors`
naming the file, line, column and field path of each problem. The package is
split like MkDocs' config_options / base / defaults:

- :mod:`.yaml_reading` reads one file into YAML nodes (which keep their line and
  column): size check, UTF-8, one document, alias-bomb guard;
- :mod:`.kinds` holds the reusable kinds of field (text, integer in a range,
  date, boolean, list, mapping with known keys and suggestions...);
- :mod:`.schema` says which fields an issue, section, article, footer and style
  have, :mod:`.blocks` which blocks an article's body may hold besides
  paragraphs (headings, pictures, tables, lists);
- this module checks a file against the schema, merges publication.yaml and
  builds the :class:`~weekly_pdf.source.model.Issue`. Nothing is constructed from a
  node that has not been checked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import MappingProxyType

from yaml.nodes import MappingNode, ScalarNode

from ..errors import IssueError, IssueErrors, display_path
from .model import SUPPLEMENT, Article, Footer, Issue, Section, Style, body_size
from .wording import DEFAULT_LAYOUT, DEFAULT_TOC_TITLE, ISSUE_NAME_RE, issue_stem, name_series
from .schema.kinds import Context, Field
from .limits import MAX_ISSUE_ARTICLES, MAX_ISSUE_CHARS, MAX_ISSUE_PARAGRAPHS
from .fields import CHINESE_KEYS, DEFAULTS_FIELDS, ISSUE_FIELDS, MERGED_REQUIRED, fields_of
from .schema.yaml_reading import (ISSUE_FILE, MAX_EXPANDED_NODES, MAX_FILE_BYTES,
                                  PUBLICATION_FILE, compose)
from .terms import find_terms, load_terms

__all__ = ["DEFAULTS_NAME", "MAX_EXPANDED_NODES", "MAX_FILE_BYTES",
           "find_defaults", "load_defaults", "load_issue"]

DEFAULTS_NAME = "publication.yaml"
def _read(file: Path, fields: dict[str, Field], what: str) -> tuple[dict, Context]:
    root, source = compose(file, PUBLICATION_FILE if what == DEFAULTS_NAME else ISSUE_FILE)
    ctx = Context(file, [], {}, source)
    if what == DEFAULTS_NAME:
        root = _without_issue_fields(ctx, root)
    values = fields_of(fields, what)(ctx, root, "")
    if ctx.errors:
        raise IssueErrors(ctx.errors)
    return values, ctx


#: What each field only an issue file may hold is, for the message about it in publication.yaml.
ISSUE_ONLY = {"year": "年份", "number": "期号", "total": "总期号", "date": "出刊日期",
              "series": "增刊标记", "sections": "栏目和文章"}


def _without_issue_fields(ctx: Context, root: MappingNode) -> MappingNode:
    """``root`` (publication.yaml) without the fields that belong in each issue
    file, each reported as such (not as an unknown field with a guess)."""
    kept = []
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        field = key if key in ISSUE_ONLY else CHINESE_KEYS.get(key)  # 年份 is year
        if field in ISSUE_ONLY:
            ctx.error(key_node, key,
                      f"{ISSUE_ONLY[field]}（{field}）每一期都不同，要写在每一期的期刊文件里"
                      f"（如 issues/2023/2023-20.yaml），不能写在 {DEFAULTS_NAME} 里；"
                      f"{DEFAULTS_NAME} 只放各期共用的内容：{'、'.join(DEFAULTS_FIELDS)}")
        else:
            kept.append((key_node, value_node))
    return MappingNode(root.tag, kept, root.start_mark, root.end_mark, root.flow_style)


# --- the public entry points -------------------------------------------------

def find_defaults(issue_file: Path) -> Path | None:
    """publication.yaml next to the year folders (or beside a loose draft).

    Whatever bears the name is found, a folder or a pipe too: reading it then
    says what it is (:func:`load_defaults`) instead of "not found"."""
    for folder in (issue_file.parent, issue_file.parent.parent):
        candidate = folder / DEFAULTS_NAME
        try:
            if os.path.lexists(candidate) and candidate.resolve() != issue_file.resolve():
                return candidate
        except OSError:  # a name too long, a loop of links: read it and say so
            return candidate
    return None


def load_defaults(file: Path) -> tuple[dict, dict[str, tuple[str, int, int]]]:
    """The checked values of a publication.yaml and where each was set."""
    values, ctx = _read(file, DEFAULTS_FIELDS, DEFAULTS_NAME)
    return values, ctx.positions


def load_issue(file: Path | str, *, defaults: Path | None | bool = True,
               layouts_dir: Path | None = None, terms: Path | None | bool = True) -> Issue:
    """Read, check and merge one issue file into an :class:`Issue`.

    ``defaults``: True to look for publication.yaml beside the year folders,
    a path to use that file, or False/None for none. ``terms``: the same for
    the office's term list (terms.txt, :mod:`.terms`).
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
    values, ctx = _read(file, ISSUE_FIELDS, "期刊文件")
    positions.update(ctx.positions)
    merged = {**base, **values}
    if "footer" in base and "footer" in values:
        merged["footer"] = {**base["footer"], **values["footer"]}
    if "style" in base and "style" in values:
        merged["style"] = {**base["style"], **values["style"]}
    errors: list[IssueError] = []
    # Where the shared fields could be: the publication.yaml read, or where it is looked for.
    shared = display_path(Path(defaults)) if defaults else DEFAULTS_NAME
    looked = "" if defaults else (f"（{DEFAULTS_NAME} 放在本期文件旁边或上一级文件夹里，"
                                  f"例如 issues/{DEFAULTS_NAME}；现在没有找到）")
    for key, what in MERGED_REQUIRED.items():
        if key not in merged:
            errors.append(IssueError(file, f"缺少必填字段 {key}（{what}）：写在本期文件里，"
                                           f"或写在 {shared} 里{looked}", line=1, path=key))
    footer = merged.get("footer", {})
    if "footer" in merged:
        for key in ("editor", "reviewer", "distribution"):
            if key not in footer:
                errors.append(IssueError(file, f"版记缺少必填字段 {key}：写在本期文件的 footer 里，"
                                               f"或写在 {shared} 的 footer 里{looked}",
                                         line=1, path=f"footer.{key}"))
    if "total" not in merged and merged.get("series") != SUPPLEMENT:
        errors.append(IssueError(file, "缺少必填字段 total（总期号；只有增刊 series: 增刊 不写总期号）",
                                 line=1, path="total"))
    errors += _check_file_name(file, merged, ctx)
    errors += _check_date_in_year(file, merged, ctx)
    errors += _check_totals(file, merged, positions)
    layout = merged.get("layout", DEFAULT_LAYOUT)
    if layouts_dir is not None and not (re.fullmatch(r"[\w-]+", layout)
                                        and (Path(layouts_dir) / layout).is_dir()):
        where = positions.get("layout")
        available = "、".join(sorted(p.name for p in Path(layouts_dir).iterdir() if p.is_dir()))
        errors.append(IssueError(where[0] if where else file,
                                 f"找不到版式 {layout}（layouts/ 下可用的有：{available}）",
                                 line=where[1] if where else None, path="layout"))
    if terms is True:
        terms = find_terms(file)
    office_terms: tuple[str, ...] = ()
    if terms:
        try:
            office_terms = load_terms(Path(terms))
        except IssueErrors as exc:
            errors += exc.errors
    if errors:
        raise IssueErrors(errors)
    return Issue(
        publication=merged["publication"], publisher=merged["publisher"],
        year=merged["year"], number=merged["number"], total=merged.get("total"),
        date=merged["date"], layout=layout,
        toc_title=merged.get("toc_title", DEFAULT_TOC_TITLE), pdfa=merged.get("pdfa"),
        mark=merged.get("mark"), print_run=merged.get("print_run"), series=merged.get("series"),
        style=Style(**merged.get("style", {})),
        terms=office_terms,
        sections=tuple(
            Section(column=s["column"], articles=tuple(
                Article(title=a["title"], body=a["body"], source=a.get("source"),
                        toc=a.get("toc"), note=a.get("note"),
                        instructions=a.get("instructions", ())) for a in s["articles"]))
            for s in merged["sections"]),
        footer=Footer(editor=footer["editor"], reviewer=footer["reviewer"],
                      distribution=footer["distribution"], email=footer.get("email"),
                      report_to=footer.get("report_to", ()), send_to=footer.get("send_to", ()),
                      issue_to=footer.get("issue_to", ())),
        source_path=file,
        positions=MappingProxyType(positions),
    )


def _check_file_name(file: Path, values: dict, ctx: Context) -> list[IssueError]:
    match = ISSUE_NAME_RE.match(file.name)
    if not match:
        return []
    errors = []
    series = values.get("series")
    proper = issue_stem(values.get("year", 0), values.get("number", 0), series)
    if name_series(match) != series:
        where = ctx.positions.get("series") or ctx.positions.get("number")
        if series == SUPPLEMENT:
            message = (f"这一期是增刊（series: {SUPPLEMENT}），增刊的文件名是 年份-s期号.yaml；"
                       f"请把文件改名为 {proper}.yaml")
        else:
            message = (f"文件名 {file.name} 表示这是增刊，但文件里没有写 series: {SUPPLEMENT}；"
                       f"请加上这一行，或把文件改名为 {proper}.yaml")
        errors.append(IssueError(file, message, line=where[1] if where else 1,
                                 column=where[2] if where else None, path="series"))
    for key, expected in (("year", int(match[1])), ("number", int(match[3]))):
        if key in values and values[key] != expected:
            where = ctx.positions.get(key)
            what = "年份" if key == "year" else "期号"
            errors.append(IssueError(
                file, f"文件名 {file.name} 表示{what}是 {expected}，但这里写的是 {values[key]}；"
                      f"请改正{what}，或把文件改名为 {proper}.yaml",
                line=where[1] if where else None, column=where[2] if where else None, path=key))
    return errors


def _check_date_in_year(file: Path, values: dict, ctx: Context) -> list[IssueError]:
    """An issue's date lies in its year (else ``new`` would number the next
    issue in the wrong year's folder)."""
    if "date" not in values or "year" not in values or values["date"].year == values["year"]:
        return []
    where = ctx.positions.get("date")
    return [IssueError(file, f"日期 {values['date'].isoformat()} 不在本期的年份 {values['year']} 年里；"
                             f"请改正日期或年份",
                       line=where[1] if where else None, column=where[2] if where else None,
                       path="date")]


def _check_totals(file: Path, values: dict, positions: dict) -> list[IssueError]:
    """The limits on the whole issue: articles, paragraphs, characters of body
    text (each article's own limits are checked by the schema)."""
    articles = paragraphs = chars = 0
    for s, section in enumerate(values.get("sections", ())):
        for a, article in enumerate(section["articles"]):
            path = f"sections[{s}].articles[{a}]"
            articles += 1
            for item in article["body"]:
                counted, length = body_size(item)
                paragraphs += counted
                chars += length
            for count, limit, what, unit in (
                    (articles, MAX_ISSUE_ARTICLES, "文章", "篇"),
                    (paragraphs, MAX_ISSUE_PARAGRAPHS, "正文段落（含小标题、图片、表格和列表的每一项）", "项"),
                    (chars, MAX_ISSUE_CHARS, "正文字数", "个字")):
                if count > limit:
                    where = positions.get(path)
                    return [IssueError(
                        where[0] if where else file,
                        f"一期的{what}太多：到这篇文章已超过 {limit} {unit}"
                        f"（一期最多 {limit} {unit}）；请分成两期或删减",
                        line=where[1] if where else None, column=where[2] if where else None,
                        path=path)]
    return []

