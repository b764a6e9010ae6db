"""What the statistics need of each issue file, read once per version of it.

An issue's *facts* are its date, number and kind and, for every article, its
column, title, contributor (``source``) and leaders' instructions: all the
tally uses. They come from :func:`weekly_pdf.source.load.load_issue`, so the
statistics accept exactly the files ``build`` accepts.

Reading 500 issue files takes about ten seconds (the loader checks every
paragraph), so the facts are kept in a cache keyed by the sha256 of each issue
file's bytes: ``OUT_DIR/.weekly-pdf-stats-cache.json``, written atomically and
only when it changed, read back through the schema vocabulary (its plain fast
path; a damaged entry or file is simply read again from the issue files). The
cache also records the program's version and the sha256 of publication.yaml
(which an issue needs to load): when either changes, every issue is read
again. A tally from the cache equals the tally from the files
(tests/archive/stats/test_stats_cache.py).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from ...atomic import write_if_changed
from ...errors import IssueErrors, WeeklyPdfError, display_path
from ...source.inputfile import TooLarge, read_limited
from ...source.load import MAX_FILE_BYTES, find_defaults, load_issue
from ...source.model import INSTRUCTION_LEVELS, Instruction, Issue
from ...source.schema.json_reading import read_json
from ...source.schema.kinds import (Field, choice, entries, integer, iso_date_text, record,
                                    sequence, string)
from ...source.scoring import issue_kind
from ...source.wording import ISSUE_NAME_RE
from ..discover import IssueFile, find_issue_files

CACHE_NAME = ".weekly-pdf-stats-cache.json"
#: The cache's own format: a change of what it holds invalidates old files.
FORMAT = 1
#: Largest cache read back (some 20 000 issues).
MAX_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ArticleFacts:
    """One article as the statistics see it."""

    #: Its section and place in it, from 0 (sections[s].articles[a]).
    section: int
    index: int
    column: str
    title: str
    source: str | None = None
    instructions: tuple[Instruction, ...] = ()
    #: (line, column) where ``source`` is written in the issue file.
    at: tuple[int, int] | None = None

    @property
    def path(self) -> str:
        """The field path of its source: sections[0].articles[2].source."""
        return f"sections[{self.section}].articles[{self.index}].source"


@dataclass(frozen=True)
class IssueFacts:
    """One issue as the statistics see it."""

    year: int
    number: int
    series: str | None
    date: datetime.date
    articles: tuple[ArticleFacts, ...]

    @property
    def kind(self) -> str:
        """正刊 or 增刊 (what scoring.toml's ``kinds`` match)."""
        return issue_kind(self.series)


def facts_of(issue: Issue) -> IssueFacts:
    """The facts of a loaded issue."""
    articles = []
    for s, a, article in issue.articles():
        where = issue.position(f"sections[{s}].articles[{a}].source") if article.source else None
        articles.append(ArticleFacts(s, a, issue.sections[s].column, article.title, article.source,
                                     article.instructions, where[1:] if where else None))
    return IssueFacts(issue.year, issue.number, issue.series, issue.date, tuple(articles))


# -- the cache: written by to_json, read back through the vocabulary -----------------------

def _to_json(facts: IssueFacts) -> dict:
    articles = []
    for art in facts.articles:
        item = {"section": art.section, "index": art.index, "column": art.column,
                "title": art.title}
        if art.source is not None:
            item["source"] = art.source
        if art.instructions:
            item["instructions"] = [
                {"level": i.level, "by": i.by, **({"date": i.date.isoformat()} if i.date else {})}
                for i in art.instructions]
        if art.at is not None:
            item["line"], item["col"] = art.at
        articles.append(item)
    data = {"year": facts.year, "number": facts.number, "date": facts.date.isoformat(),
            "articles": articles}
    if facts.series is not None:
        data["series"] = facts.series
    return data


_text = string("文字")
_INSTRUCTION = record({
    "level": Field(choice(INSTRUCTION_LEVELS, "批示级别"), required=True),
    "by": Field(_text, required=True),
    "date": Field(iso_date_text("批示日期")),
}, "领导批示", lambda v: Instruction(v["level"], v["by"],
                                     datetime.date.fromisoformat(v["date"]) if "date" in v else None))

_ARTICLE = record({
    "section": Field(integer("栏目序号", 0), required=True),
    "index": Field(integer("文章序号", 0), required=True),
    "column": Field(_text, required=True),
    "title": Field(_text, required=True),
    "source": Field(_text),
    "instructions": Field(sequence(_INSTRUCTION, "领导批示")),
    "line": Field(integer("行号", 1)),
    "col": Field(integer("列号", 1)),
}, "文章", lambda v: ArticleFacts(v["section"], v["index"], v["column"], v["title"],
                                  v.get("source"), v.get("instructions", ()),
                                  (v["line"], v["col"]) if "line" in v and "col" in v else None))

ISSUE_FACTS = record({
    "year": Field(integer("年份", 1949, 2100), required=True),
    "number": Field(integer("期号", 1), required=True),
    "series": Field(_text),
    "date": Field(iso_date_text("出刊日期"), required=True),
    "articles": Field(sequence(_ARTICLE, "文章", min_items=0), required=True),
}, "一期的统计信息", lambda v: IssueFacts(v["year"], v["number"], v.get("series"),
                                    datetime.date.fromisoformat(v["date"]), v["articles"]))

#: The cache file: which program made it, and the facts of each issue file by the
#: sha256 of its bytes (and its publication.yaml's).
STATS_CACHE = record({
    "format": Field(integer("格式版本", 1, example=FORMAT), required=True),
    "program": Field(_text, required=True),
    "issues": Field(entries(ISSUE_FACTS, "各期的统计信息"), required=True),
}, "统计缓存", lambda v: v)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_cache(file: Path) -> dict[str, IssueFacts]:
    """The cached facts by content hash, or nothing when the cache is missing,
    damaged or made by another program version."""
    if not file.exists() and not file.is_symlink():
        return {}
    try:
        cache = read_json(file, STATS_CACHE, what="统计缓存", limit=MAX_CACHE_BYTES)
    except IssueErrors as exc:
        print(f"注意：统计缓存 {display_path(file)} 无法使用（{exc.errors[0].message}），"
              f"各期文件将重新读取，缓存随后重写。", file=sys.stderr)
        return {}
    if cache["format"] != FORMAT or cache["program"] != __version__:
        return {}
    return cache["issues"]


def cache_bytes(facts: dict[str, IssueFacts]) -> bytes:
    """The cache file holding ``facts`` (content key → facts): the same facts,
    the same bytes."""
    data = {"format": FORMAT, "program": __version__,
            "issues": {key: _to_json(facts[key]) for key in sorted(facts)}}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
            + "\n").encode("utf-8")


@dataclass(frozen=True)
class Gathered:
    """The issue files of a period and their facts."""

    issues: tuple[tuple[IssueFile, IssueFacts], ...]
    #: Issue files read from the files (not the cache) this time.
    read: int
    #: The years the issue files are of (by their names, else their dates).
    years: tuple[int, ...] = ()
    #: The cache file's new content (written by the caller: :func:`save_cache`).
    cache: bytes | None = None


def _may_hold(issue: IssueFile, years: range) -> bool:
    """Whether ``issue`` may lie in ``years``: a file named <year>-<number>.yaml
    holds an issue of that year (the loader checks the date lies in it)."""
    match = ISSUE_NAME_RE.match(issue.source.name)
    return match is None or int(match[1]) in years


def gather(project, issues_dir: Path, years: range, cache_file: Path | None) -> Gathered:
    """The facts of every issue file below ``issues_dir`` that may hold an
    issue of ``years``, from the cache when it knows the file's bytes, and the
    cache's new content (nothing is written here: :func:`save_cache`).

    Raises :class:`IssueErrors` listing every problem of the files read (an
    issue that does not load cannot be counted).
    """
    issues_dir = Path(issues_dir)
    files = find_issue_files(issues_dir, issues_dir)
    cached = _read_cache(cache_file) if cache_file else {}
    defaults_keys: dict[Path, str] = {}
    kept: dict[str, IssueFacts] = {}
    found: list[tuple[IssueFile, IssueFacts]] = []
    errors = []
    read = 0
    years_seen = set()
    for issue in files:
        if issue.source.is_symlink():  # the folders below are walked without following links
            project.check_input(issue.source, issues_dir)
        if match := ISSUE_NAME_RE.match(issue.source.name):
            years_seen.add(int(match[1]))
        defaults = find_defaults(issue.source)
        if defaults is not None and defaults not in defaults_keys:
            project.check_input(defaults, issues_dir)
            defaults_keys[defaults] = _key(defaults, b"") or "too-large"
        extra = defaults_keys[defaults].encode() if defaults is not None else b""
        key = _key(issue.source, extra)
        facts = cached.get(key) if key is not None else None
        if facts is None:
            if not _may_hold(issue, years):
                continue
            try:
                facts = facts_of(load_issue(issue.source, defaults=defaults or False))
            except IssueErrors as exc:
                errors += exc.errors
                continue
            read += 1
            if key is None or _key(issue.source, extra) != key:  # changed while read: not kept
                found.append((issue, facts))
                continue
        kept[key] = facts
        found.append((issue, facts))
        years_seen.add(facts.date.year)
    if errors:
        raise IssueErrors(errors, hint="统计要用到这些期刊文件；请先改正上面的错误"
                                       "（weekly-pdf check issues/ 可以检查整个档案）。")
    return Gathered(tuple(found), read, tuple(sorted(years_seen)),
                    cache_bytes(kept) if cache_file is not None else None)


def save_cache(gathered: Gathered, cache_file: Path | None) -> None:
    """Write the cache ``gather`` made (atomically, only when it changed; mode 0600)."""
    if cache_file is not None and gathered.cache is not None:
        write_if_changed(gathered.cache, cache_file, mode=0o600)


def _read(file: Path) -> bytes:
    """A file's bytes, at most an issue file's limit (the loader names a larger one)."""
    try:
        return read_limited(file, MAX_FILE_BYTES)
    except OSError as exc:
        raise WeeklyPdfError(f"无法读取 {display_path(file)}（{exc.strerror or exc}）") from None


def _key(issue_file: Path, extra: bytes) -> str | None:
    """The cache key of an issue file (``extra``: its publication.yaml's
    sha256), or None for a file too large to be an issue (the loader says so)."""
    try:
        return _sha256(_read(issue_file) + extra)
    except TooLarge:
        return None
