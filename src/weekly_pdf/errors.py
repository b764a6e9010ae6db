"""Errors an office worker can act on: file, line, field path, what was expected.

Every message is Simplified Chinese and names where the problem is, so that
nobody ever has to read a Python traceback.
"""

from __future__ import annotations

from pathlib import Path


class WeeklyPdfError(Exception):
    """Base of every error the command line reports as a message."""


class UsageError(WeeklyPdfError):
    """The command line asks for something the program must not do (exit code 2)."""


class EnvironmentProblem(WeeklyPdfError):
    """The system refused (disk full, read-only, no permission, a file where a
    folder should be): not the input's fault, so a batch retries it next run."""


class IssueError(WeeklyPdfError):
    """One problem in one input file."""

    def __init__(self, file: Path | str | None, message: str, *, line: int | None = None,
                 column: int | None = None, path: str | None = None):
        self.file = Path(file) if file is not None else None
        self.message = _printable(message)
        self.line = line
        self.column = column
        self.path = _printable(path) if path is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"文件 {display_path(self.file)}")
        if self.line is not None:
            where = f"第 {self.line} 行"
            if self.column is not None:
                where += f"第 {self.column} 列"
            parts.append(where)
        if self.path:
            parts.append(f"字段 {self.path}")
        head = "，".join(parts)
        return f"{head}：{self.message}" if head else self.message


class IssueErrors(WeeklyPdfError):
    """Several problems found in one pass over one file; ``hint`` (what to do
    about all of them, e.g. that the program writes the file again) is said
    once, after them."""

    def __init__(self, errors: list[IssueError], hint: str | None = None):
        self.errors = list(errors)
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(error) for error in self.errors]
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


def _printable(text: str) -> str:
    """``text`` with any lone surrogate (from a "\\ud800" escape in YAML) written
    as its escape, so that the message can be printed and saved as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it (a
    link is named as the link, not as where it leads)."""
    path = Path(path)
    try:
        full = path.parent.resolve() / path.name if path.name not in ("", ".", "..") \
            else path.resolve()
        return str(full.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links (3.11, 3.12)
        return str(path)


def internal_error(exc: BaseException, then: str = "。") -> str:
    """The message for a bug of ours (exit 3 on the command line): what happened
    and whom to tell; ``then`` ends the sentence."""
    return (f"内部错误（{type(exc).__name__}: {exc}）。这是程序的问题，不是期刊文件的问题；"
            f"请把这条信息发给维护人员{then}")
