"""Import back issues (their extracted text, PDFs or Word files) into issue
files, and submitted Word articles into an existing issue.

Flow: a reader turns the source into :class:`~.lines.SourceLine` s (``text_source``,
``pdf_source``, or ``word_source`` + ``word``), :func:`~.parse.parse_lines`
finds the issue's fields, :func:`~.write.to_yaml` writes them in the house
style, and the written file is read back with
:func:`weekly_pdf.source.load.load_issue` to prove it is valid. One article
(:func:`import_article`) goes through ``word.article_from_word`` and
``append.append_article``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import os_reason, write_atomic
from ...errors import IssueError, IssueErrors, WeeklyPdfError, display_path
from ..load import load_issue
from ..wording import issue_stem
from .canonical import canonical_sources
from .lines import SourceLine
from .parse import Leftover, NotAnIssue, Parsed, parse_lines
from .pictures import place_pictures, save_pictures
from .records import Article, size_pictures
from .write import to_yaml

__all__ = ["ArticleResult", "ImportResult", "Leftover", "Parsed", "import_article",
           "import_file", "parse_source", "read_source", "default_name", "SOURCE_SUFFIXES",
           "WORD_SUFFIXES"]

SOURCE_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".wps")
WORD_SUFFIXES = (".docx", ".doc", ".wps")
#: The type width of the bundled layouts (156 mm, in pt), for when the
#: issue's layout cannot be read.
DEFAULT_TYPE_WIDTH = 156 * 72 / 25.4


def type_width(near: Path, layout: str | None = None) -> float:
    """The type width in pt of ``layout`` (default: the default layout) in
    the project holding ``near``: a picture's width in a Word file becomes
    its share of it."""
    from ..layout import read_layout
    from ..wording import DEFAULT_LAYOUT
    from ...project import find_project
    try:
        project = find_project(Path(near))
        return read_layout(project.checked_layout_dir(layout or DEFAULT_LAYOUT)).type_width
    except (WeeklyPdfError, OSError):
        return DEFAULT_TYPE_WIDTH


@dataclass
class ImportResult:
    """What importing one source gave."""

    source: Path
    output: Path
    parsed: Parsed
    notes: list[str] = field(default_factory=list)
    #: Problems :func:`load_issue` found in the written file (it still was written).
    load_errors: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.parsed.needs_review or bool(self.load_errors)


def _is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def read_source(path: Path) -> tuple[list[SourceLine], list[str]]:
    """The lines of a text or PDF source, and notes on how it was read."""
    path = Path(path)
    if not path.exists():
        raise IssueError(path, "找不到这个文件")
    if path.is_dir():
        raise IssueError(path, "这是一个文件夹")
    try:
        if _is_pdf(path):
            from .pdf_source import read_pdf
            return read_pdf(path)
        if path.suffix.lower() in WORD_SUFFIXES:
            from .word import lines_from_word
            from .word_source import read_word
            items, notes = read_word(path)
            return lines_from_word(items), notes
        from .text_source import read_text
        return read_text(path)
    except OSError as exc:
        raise IssueError(path, f"无法读取（{os_reason(exc)}）") from None


def parse_source(path: Path) -> tuple[Parsed, list[str]]:
    """Read and parse one source without writing anything."""
    lines, notes = read_source(path)
    if not lines and notes:  # the reader has said why there is nothing (a scanned PDF)
        raise IssueError(path, "；".join(notes))
    try:
        return parse_lines(lines), notes
    except NotAnIssue as exc:
        raise IssueError(path, "；".join([str(exc), *notes])) from None


def default_name(parsed: Parsed, source: Path) -> str:
    """<year>-<number:02d>.yaml (<year>-s<number:02d>.yaml for a supplement), or
    the source's name when those are unknown."""
    fields = parsed.fields
    if "year" in fields and "number" in fields:
        return issue_stem(fields["year"], fields["number"], fields.get("series")) + ".yaml"
    return Path(source).stem + ".yaml"


def target_path(parsed: Parsed, source: Path, output: Path | None) -> Path:
    """Where the issue file goes: ``output`` (a .yaml/.yml file, or else a
    folder to put it in) or the working directory, under its default name."""
    if output is None:
        return Path.cwd() / default_name(parsed, source)
    output = Path(output)
    is_yaml = output.suffix.lower() in (".yaml", ".yml")
    if output.exists() and not output.is_dir() and not is_yaml:
        raise WeeklyPdfError(f"-o {display_path(output)} 是一个已有的文件，不是 .yaml 期刊文件；"
                             f"请给一个 .yaml 文件名或一个文件夹")
    if output.is_dir() or not is_yaml:
        return output / default_name(parsed, source)
    return output


def import_file(source: Path, output: Path | None = None, *, force: bool = False,
                taken: set[Path] | None = None) -> ImportResult:
    """Import ``source`` into an issue file and check that file with load_issue.

    Never overwrites an existing file unless ``force``; ``taken`` holds files
    written earlier in the same run, which are never overwritten.
    Raises :class:`WeeklyPdfError` when nothing could be written.
    """
    source = Path(source)
    parsed, notes = parse_source(source)
    target = target_path(parsed, source, output)
    resolved = target.resolve()
    if taken is not None and resolved in taken:
        raise WeeklyPdfError(f"{display_path(source)}：与本次已导入的另一个文件是同一期，"
                             f"都要写到 {display_path(target)}；没有覆盖，请用 -o 另给文件名")
    if target.exists() and not force:
        raise WeeklyPdfError(f"{display_path(target)} 已经存在，没有覆盖"
                             f"（确认要覆盖请加 --force，或用 -o 另给文件名）")
    articles = [a for section in parsed.fields.get("sections", []) for a in section.articles]
    size_pictures(articles, type_width(target.parent))
    notes += canonical_sources(articles, target)  # the unit list's names (units.yaml)
    placed, problems = place_pictures(articles, target)
    parsed.problems.extend(problems)
    text = to_yaml(parsed, source.name, {picture: name for picture, (name, _) in placed.items()})
    save_pictures(placed, target)
    write_atomic(text.encode("utf-8"), target)
    if taken is not None:
        taken.add(resolved)
    return ImportResult(source, target, parsed, notes, _verify(target, parsed))


def _verify(target: Path, parsed: Parsed) -> list[str]:
    """Load the written file as ``build`` would; list what is wrong with it."""
    try:
        issue = load_issue(target)
    except IssueErrors as exc:
        return [error.message if error.path is None else f"{error.path}：{error.message}"
                for error in exc.errors]
    problems = []
    sections = parsed.fields.get("sections", [])
    for s, (section, loaded) in enumerate(zip(sections, issue.sections)):
        for a, (article, art) in enumerate(zip(section.articles, loaded.articles)):
            if tuple(p.strip() for p in article.paragraphs) != art.paragraphs:
                problems.append(f"sections[{s}].articles[{a}].body：写出的正文读回来与导入的不一致")
    return problems


@dataclass
class ArticleResult:
    """What importing one Word article into an issue gave."""

    source: Path
    issue_file: Path
    column: str
    article: Article
    #: The column did not exist and was added.
    new_column: bool
    #: Picture files written beside the issue file.
    pictures: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Things a person should check in the imported article.
    problems: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.problems)


def import_article(source: Path, issue_file: Path, column: str) -> ArticleResult:
    """Append the article of the Word file ``source`` to ``column`` of the
    existing ``issue_file`` (the column is added when missing). Pictures go
    next to the issue file. Nothing is changed when the result would not
    load; raises :class:`WeeklyPdfError` then."""
    from .append import append_article
    from .word import article_from_word
    from .word_source import read_word

    source, issue_file = Path(source), Path(issue_file)
    if not source.exists():
        raise IssueError(source, "找不到这个文件")
    if not issue_file.is_file():
        raise IssueError(issue_file, "找不到要追加文章的期刊文件（--into 要给一个已有的 .yaml 文件）")
    try:
        issue = load_issue(issue_file)
    except IssueErrors as exc:
        raise IssueErrors([*exc.errors, IssueError(
            issue_file, "这个期刊文件本身有错误，请先改正再导入文章")]) from None
    try:
        items, notes = read_word(source)
    except OSError as exc:
        raise IssueError(source, f"无法读取（{os_reason(exc)}）") from None
    try:
        article, problems = article_from_word(items, notes)
    except ValueError as exc:
        raise IssueError(source, str(exc)) from None
    size_pictures([article], type_width(issue_file.parent, issue.layout))
    notes += canonical_sources([article], issue_file)  # the unit list's names (units.yaml)
    placed, picture_problems = place_pictures([article], issue_file)
    written = save_pictures(placed, issue_file)
    try:
        created = append_article(issue_file, column, article,
                                 {picture: name for picture, (name, _) in placed.items()})
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if written and not any(written[0].parent.iterdir()):
            written[0].parent.rmdir()  # the images/ folder made for them
        raise
    if _lists_some(issue_file):
        notes.append("本期有文章写了 toc（目录提要只列这些文章）；新文章没有写 toc，"
                     "需要列入目录提要请给它加上 toc: true")
    return ArticleResult(source, issue_file, column, article, created, written, notes,
                         problems + picture_problems)


def _lists_some(issue_file: Path) -> bool:
    """Does some article of the issue say whether it is in the contents?"""
    issue = load_issue(issue_file)
    return any(a.toc is not None for s in issue.sections for a in s.articles)
