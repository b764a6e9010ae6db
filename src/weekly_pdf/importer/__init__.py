"""Import back issues (their extracted text, or their PDFs) into issue files.

Flow: a reader turns the source into :class:`~.lines.Line` s (``text_source``
or ``pdf_source``), :func:`~.parse.parse_lines` finds the issue's fields,
:func:`~.write.to_yaml` writes them in the house style, and the written file
is read back with :func:`weekly_pdf.load.load_issue` to prove it is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import os_reason, write_atomic
from ..errors import IssueError, IssueErrors, WeeklyPdfError, display_path
from ..load import load_issue
from .lines import Line
from .parse import Leftover, NotAnIssue, Parsed, parse_lines
from .write import to_yaml

__all__ = ["ImportResult", "Leftover", "Parsed", "import_file", "parse_source",
           "read_source", "default_name", "SOURCE_SUFFIXES"]

SOURCE_SUFFIXES = (".txt", ".pdf")


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


def read_source(path: Path) -> tuple[list[Line], list[str]]:
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
        from .text_source import read_text
        return read_text(path)
    except OSError as exc:
        raise IssueError(path, f"无法读取（{os_reason(exc)}）") from None


def parse_source(path: Path) -> tuple[Parsed, list[str]]:
    """Read and parse one source without writing anything."""
    lines, notes = read_source(path)
    try:
        return parse_lines(lines), notes
    except NotAnIssue as exc:
        raise IssueError(path, "；".join([str(exc), *notes])) from None


def default_name(parsed: Parsed, source: Path) -> str:
    """<year>-<number:02d>.yaml, or the source's name when those are unknown."""
    fields = parsed.fields
    if "year" in fields and "number" in fields:
        return f"{fields['year']}-{fields['number']:02d}.yaml"
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
    text = to_yaml(parsed, source.name)
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
