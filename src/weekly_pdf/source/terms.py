"""The office's term list (``issues/terms.txt``): names a title never wraps inside.

Unit names, programme and event names of the office (北京制冷学会,
科技助力乡村振兴 …) are words to the title breaker (:mod:`weekly_pdf.typeset.
titlebreaks`): a title wraps inside one only when nothing else fits. The list
is found like publication.yaml: beside the issue file, or in the folder above
(``issues/terms.txt`` for ``issues/2023/2023-20.yaml``). It is optional; the
terms common to every 科协 are built in (``typeset/terms.txt``).

Format: UTF-8 text, one term a line; ``#`` and what follows it is a comment;
blank lines are skipped. Every input error is raised here, naming the file and
the line.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import IssueError, IssueErrors
from .schema.reading import read_text
from .printable import is_blank, refusal

TERMS_NAME = "terms.txt"
#: Largest term list accepted, in bytes (about 20,000 terms).
MAX_TERMS_BYTES = 256 * 1024
#: Characters in one term (a term longer than a title line breaks anyway).
MAX_TERM_CHARS = 40


def find_terms(issue_file: Path) -> Path | None:
    """terms.txt beside the issue file or in the folder above, or None.

    Anything of that name counts (a folder, a pipe, a broken link), so that
    reading it says what is wrong instead of ignoring it."""
    issue_file = Path(issue_file)
    for folder in (issue_file.parent, issue_file.parent.parent):
        candidate = folder / TERMS_NAME
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return None


def parse_terms(text: str) -> tuple[str, ...]:
    """The terms of a term list's text, in order (comments and blank lines skipped)."""
    return tuple(term for term, _ in _lines(text))


def _lines(text: str):
    for number, line in enumerate(text.splitlines(), 1):
        term = line.split("#", 1)[0].strip()
        if term:
            yield term, number


def load_terms(file: Path) -> tuple[str, ...]:
    """The terms of the term list ``file``; raises IssueErrors for a file that
    cannot be read or a term that cannot be one."""
    file = Path(file)

    text = read_text(file, MAX_TERMS_BYTES, f"词表 {TERMS_NAME}（文本文件）")
    errors = []
    for term, line in _lines(text):
        why = next((refusal(char) for char in term if refusal(char)), None)
        if why:
            errors.append(IssueError(file, f"词“{term}”{why}", line=line))
        elif is_blank(term):
            errors.append(IssueError(file, "这一行只有看不见的字符，不是一个词；请删去", line=line))
        elif len(term) > MAX_TERM_CHARS:
            errors.append(IssueError(
                file, f"词“{term[:12]}……”有 {len(term)} 个字，一个词最多 {MAX_TERM_CHARS} 个字"
                      f"（比一行标题还长的词反正要断开）；请只写名称本身，每行一个", line=line))
    if errors:
        raise IssueErrors(errors)
    return parse_terms(text)
