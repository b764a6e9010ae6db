"""The words of every issue of an archive, read with the loader and remembered.

The archive site and ``weekly-pdf search`` both need the text of every
article: its column, title, 编者按, paragraphs, headings, captions, tables and
供稿单位, with the issue's masthead facts. :func:`read_texts` reads each issue
file with :func:`weekly_pdf.source.load.load_issue` (so an issue the loader refuses
is reported, not guessed at) and keeps what it found in the cache folder
(``$WEEKLY_PDF_CACHE`` or ``~/.cache/weekly-pdf``, ``texts/<sha256>.json``),
named after the sha256 of the issue file's bytes and its publication.yaml's:
an unchanged issue is not parsed again, an edited one can never be read stale.
A cache folder that cannot be written is simply not used.

The units an article names (its 供稿单位) are not kept: they depend on the
unit list (``units.yaml``), which :func:`read_texts` reads afresh every time
(:func:`archive_units`) and :meth:`ArticleText.units` applies, so that an
edited list takes effect at once however old the cache is.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import IssueError, IssueErrors, WeeklyPdfError, display_path
from ..fonts.metrics import cache_root, store_bytes
from ..project import Project
from ..source.load import find_defaults, load_issue
from ..source.model import Heading, Image, ItemList, Table
from ..source.units import UnitList, find_units, read_units, source_pieces, source_units
from ..source.wording import (DEFAULT_LAYOUT, ISSUE_NAME_RE, SUPPLEMENT, date_text, issue_name,
                              issue_stem, issue_title, number_text, total_text)
from .discover import IssueFile, find_issue_files
from .newissue import PLACEHOLDER
from .search import Entry

#: Bumped whenever what is kept (or how it is read) changes: old entries are ignored.
FORMAT = "weekly-pdf texts 1"


@dataclass(frozen=True)
class ArticleText:
    """One article's words, in print order."""

    no: int            # place in the issue, from 1
    column: str
    title: str
    note: str | None   # 编者按
    #: ("p", text), ("h1", text), ("h2", text), ("img", caption), ("table", caption, rows)
    blocks: tuple
    source: str | None  # 供稿单位
    toc: str | None     # its line in the contents (目录提要), when listed

    def parts(self) -> list[str]:
        """The pieces of text the body is searched in, in print order."""
        out = [self.note] if self.note else []
        for block in self.blocks:
            if block[0] == "table":
                out += [block[1]] if block[1] else []
                out += [cell for row in block[2] for cell in row if cell]
            elif block[1]:
                out.append(block[1])
        if self.source:
            out.append(self.source)
        return out

    def signed(self) -> bool:
        """Whether it names a contributor: a ``source`` that is not the
        “（请填写……）” ``weekly-pdf new`` leaves for the editor (the statistics
        do not count that one either)."""
        return bool(self.source) and PLACEHOLDER not in self.source

    def source_pieces(self, units: UnitList | None = None) -> tuple[tuple[str, str | None], ...]:
        """Its ``source`` as written, cut into names (each with the unit it
        counts as) and what lies between them
        (:func:`weekly_pdf.source.units.source_pieces`); a source that is
        not signed (:meth:`signed`) is one piece of no unit."""
        if not self.source:
            return ()
        if not self.signed():
            return ((self.source, None),)
        return source_pieces(self.source, units)

    def units(self, units: UnitList | None = None) -> tuple[str, ...]:
        """The units it names as the statistics count them: each name of its
        source written as ``units`` (the unit list) names it, each once."""
        return source_units(self.source, units) if self.source and self.signed() else ()

    def text_bytes(self) -> int:
        """UTF-8 bytes of its column, title and every part of its body."""
        return sum(len(t.encode("utf-8")) for t in [self.column, self.title, *self.parts()])

    def to_json(self) -> list:
        return [self.no, self.column, self.title, self.note,
                [list(b[:2]) + ([[list(r) for r in b[2]]] if b[0] == "table" else [])
                 for b in self.blocks], self.source, self.toc]

    @classmethod
    def from_json(cls, data: list) -> "ArticleText":
        no, column, title, note, blocks, source, toc = data
        return cls(no, column, title, note,
                   tuple((b[0], b[1], tuple(tuple(r) for r in b[2])) if b[0] == "table"
                         else (b[0], b[1]) for b in blocks), source, toc)


@dataclass(frozen=True)
class IssueText:
    """One issue: its masthead facts and its articles' words."""

    year: int
    number: int
    total: int | None
    series: str | None
    date: str          # ISO
    publication: str
    publisher: str
    toc_title: str
    editor: str
    reviewer: str
    articles: tuple[ArticleText, ...]
    layout: str = DEFAULT_LAYOUT
    red: str | None = None  # style: red in publication.yaml or the issue, if set

    @property
    def supplement(self) -> bool:
        return self.series == SUPPLEMENT

    @property
    def stem(self) -> str:
        """2023-20, or 2023-s01 for a supplement."""
        return issue_stem(self.year, self.number, self.series)

    @property
    def name(self) -> str:
        """2023年第20期, or 2023年增刊第1期."""
        return issue_name(self.year, self.number, self.series)

    @property
    def number_text(self) -> str:
        return number_text(self.number, self.series)

    @property
    def total_text(self) -> str:
        """（总第73期）, empty for a supplement."""
        return "" if self.supplement or self.total is None else total_text(self.total)

    @property
    def title(self) -> str:
        return issue_title(self.publication, self.year, self.number, self.total, self.series)

    @property
    def date_text(self) -> str:
        return date_text(datetime.date.fromisoformat(self.date))

    def order(self) -> tuple:
        """Year, supplements after the regular issues, number."""
        return (self.year, self.supplement, self.number)

    def columns(self) -> list[tuple[str, list[ArticleText]]]:
        """The articles grouped by column, consecutive ones together."""
        out: list[tuple[str, list[ArticleText]]] = []
        for article in self.articles:
            if not out or out[-1][0] != article.column:
                out.append((article.column, []))
            out[-1][1].append(article)
        return out

    def entries(self, where=lambda issue, article: "",
                units: UnitList | None = None) -> list[Entry]:
        """Its articles as search sees them; ``where(issue, article)`` says where
        each is; ``units``: the unit list that names their units."""
        nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
        return [Entry(self.year, self.supplement, self.number, self.date, self.name, a.no,
                      a.column, a.units(units), nfc(a.title), nfc("\n".join(a.parts())),
                      where(self, a))
                for a in self.articles]

    def to_json(self) -> dict:
        return {"year": self.year, "number": self.number, "total": self.total,
                "series": self.series, "date": self.date, "publication": self.publication,
                "publisher": self.publisher, "toc_title": self.toc_title, "editor": self.editor,
                "reviewer": self.reviewer, "articles": [a.to_json() for a in self.articles],
                "layout": self.layout, "red": self.red}

    @classmethod
    def from_json(cls, data: dict) -> "IssueText":
        return cls(data["year"], data["number"], data["total"], data["series"], data["date"],
                   data["publication"], data["publisher"], data["toc_title"], data["editor"],
                   data["reviewer"], tuple(ArticleText.from_json(a) for a in data["articles"]),
                   data["layout"], data["red"])

    @classmethod
    def of(cls, issue) -> "IssueText":
        """The words of a loaded :class:`weekly_pdf.source.model.Issue`."""
        listed = {(entry.section, entry.index): entry.text for entry in issue.toc_entries}
        articles = []
        for s, a, article in issue.articles():
            blocks = []
            for item in article.body:
                if isinstance(item, str):
                    blocks.append(("p", item))
                elif isinstance(item, Heading):
                    blocks.append(("h1" if item.level == 1 else "h2", item.text))
                elif isinstance(item, Image):
                    blocks.append(("img", item.caption or ""))
                elif isinstance(item, Table):
                    blocks.append(("table", item.caption or "", item.rows))
                elif isinstance(item, ItemList):  # each item a paragraph, as printed
                    blocks += [("p", text) for text in item.printed]
            articles.append(ArticleText(len(articles) + 1, issue.sections[s].column,
                                        article.title, article.note, tuple(blocks),
                                        article.source, listed.get((s, a))))
        return cls(issue.year, issue.number, issue.total, issue.series, issue.date.isoformat(),
                   issue.publication, issue.publisher, issue.toc_title, issue.footer.editor,
                   issue.footer.reviewer, tuple(articles), issue.layout, issue.style.red)


@dataclass(frozen=True)
class ReadIssue:
    file: IssueFile
    text: IssueText


@dataclass
class Texts:
    """What :func:`read_texts` found: issues in archive order, and the files it
    could not read (each with its messages)."""

    issues: list[ReadIssue]
    failures: list[tuple[IssueFile, tuple[str, ...]]]
    #: Other files that hold an issue already read from a file with its proper name.
    duplicates: list[tuple[IssueFile, IssueFile]]
    #: The archive's unit list (:func:`archive_units`), None when it has none.
    units: UnitList | None = None

    def entries(self, where=lambda issue, article: "") -> list[Entry]:
        """Every article as search sees it, its units named by the unit list."""
        return [entry for item in self.issues for entry in item.text.entries(where, self.units)]


def cache_dir() -> Path:
    return cache_root() / "texts"


def archive_units(project: Project, issues_dir: Path) -> UnitList | None:
    """The unit list of an archive: ``units.yaml`` in ``issues_dir`` or the
    folder above it (where ``check`` finds it for the issues below), read and
    checked; None when there is none. A list with errors is refused (every
    problem named with its file, line and field): the site and the search
    would otherwise count units in a way the statistics do not."""
    found = find_units(Path(issues_dir))
    if found is None:
        return None
    project.check_input(found)
    try:
        return read_units(found)
    except (IssueErrors, IssueError) as exc:
        errors = exc.errors if isinstance(exc, IssueErrors) else [exc]
        raise IssueErrors(errors, hint=f"单位名录 {display_path(found)} 有错，请先改正"
                                       f"（网站和搜索按它归并供稿单位；写法见 docs/stats.md）") from None


def read_texts(project: Project, issues_dir: Path, out_dir: Path) -> Texts:
    """Every issue below ``issues_dir`` (PDFs expected below ``out_dir``), in
    year and number order, and the archive's unit list. One issue (year,
    series, number) is read from one file: the one named after it
    (2023-20.yaml), else the first in order."""
    units = archive_units(project, issues_dir)
    files = find_issue_files(issues_dir, out_dir)
    read: list[ReadIssue] = []
    failures = []
    defaults_bytes: dict[Path, bytes] = {}
    folder = cache_dir()
    for file in files:
        try:
            project.check_input(file.source, Path(issues_dir))
            defaults = find_defaults(file.source)
            if defaults:
                project.check_input(defaults, Path(issues_dir))
            read.append(ReadIssue(file, _read_one(file.source, defaults, defaults_bytes, folder,
                                                  project)))
        except WeeklyPdfError as exc:
            errors = getattr(exc, "errors", None) or [exc]
            failures.append((file, tuple(str(e) for e in errors)))
        except OSError as exc:
            failures.append((file, (f"无法读取 {file.name}（{exc.strerror or exc}）",)))
    chosen: dict[tuple, ReadIssue] = {}
    duplicates = []
    for item in read:
        key = item.text.order()
        proper = _proper_name(item)
        if key not in chosen:
            chosen[key] = item
        elif proper and not _proper_name(chosen[key]):
            duplicates.append((chosen[key].file, item.file))
            chosen[key] = item
        else:
            duplicates.append((item.file, chosen[key].file))
    issues = sorted(chosen.values(), key=lambda item: item.text.order())
    return Texts(issues, failures, duplicates, units)


def _proper_name(item: ReadIssue) -> bool:
    return ISSUE_NAME_RE.match(item.file.source.name) is not None and \
        item.file.source.stem == item.text.stem


def _read_one(source: Path, defaults: Path | None, defaults_bytes: dict, folder: Path,
              project: Project) -> IssueText:
    data = source.read_bytes()
    if defaults is not None and defaults not in defaults_bytes:
        defaults_bytes[defaults] = defaults.read_bytes()
    shared = defaults_bytes.get(defaults, b"") if defaults else b""
    key = hashlib.sha256(b"\0".join([FORMAT.encode(), data, shared,
                                     str(defaults is not None).encode()])).hexdigest()
    cached = folder / f"{key}.json"
    try:
        return IssueText.from_json(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    issue = load_issue(source, defaults=defaults or False, layouts_dir=project.layouts_dir)
    text = IssueText.of(issue)
    store_bytes(cached, json.dumps(text.to_json(), ensure_ascii=False).encode("utf-8"))
    return text
