"""Where a project's folders are: layouts/, fonts/, issues/ and out/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import UsageError, WeeklyPdfError, display_path


def pdf_for(issue_path: Path | str) -> Path:
    """out/ mirrors issues/: an issue file's PDF has its path with .pdf
    (2023/2023-20.yaml → 2023/2023-20.pdf)."""
    return Path(issue_path).with_suffix(".pdf")


def out_beside(issues_dir: Path) -> Path:
    """The default output folder of an issues folder: out/ beside it."""
    return Path(issues_dir).resolve().parent / "out"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def layouts_dir(self) -> Path:
        return self.root / "layouts"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def issues_dir(self) -> Path:
        return self.root / "issues"

    @property
    def out_dir(self) -> Path:
        return self.root / "out"

    def layout_dir(self, name: str) -> Path:
        return self.layouts_dir / name

    def default_output(self, issue_file: Path) -> Path:
        """out/ mirrors issues/: issues/2023/2023-20.yaml → out/2023/2023-20.pdf.

        An issue file outside issues/ gets its PDF beside it.
        """
        issue_file = Path(issue_file).resolve()
        try:
            relative = issue_file.relative_to(self.issues_dir.resolve())
        except ValueError:
            return pdf_for(issue_file)
        return self.out_dir / pdf_for(relative)

    def check_output_dir(self, folder: Path, *, shown: str | None = None) -> None:
        """Refuse an output folder inside layouts/ or fonts/ (the program's inputs)."""
        resolved = Path(folder).resolve()
        for inputs, what in ((self.layouts_dir, "版式文件夹 layouts/"),
                             (self.fonts_dir, "字体文件夹 fonts/")):
            if resolved.is_relative_to(inputs.resolve()):
                raise UsageError(f"输出位置 {shown or display_path(Path(folder))} 在{what} 里；"
                                 f"PDF 不能写进程序读取的文件夹，请换一个位置")

    def check_output(self, output: Path, inputs: Iterable[Path] = ()) -> None:
        """Refuse a PDF path that would replace an input or is no PDF file name.

        ``inputs``: the issue file and its publication.yaml; everything below
        layouts/ and fonts/ is an input too. Paths are compared resolved (and
        by inode when the output exists), so symlinks, hard links and ``../``
        are seen through. Raises :class:`UsageError`.
        """
        output = Path(output)
        shown = str(output) if not output.is_absolute() else display_path(output)  # as typed
        if output.is_dir():
            raise UsageError(f"输出位置 {shown} 是一个文件夹；请写出 PDF 的文件名，"
                             f"例如 -o {output / 'x.pdf'}")
        if output.suffix.lower() != ".pdf":
            raise UsageError(f"输出文件 {shown} 的名字不以 .pdf 结尾；为免覆盖别的文件，"
                             f"PDF 只能保存为 .pdf 文件，例如 -o out/2023-20.pdf")
        resolved = output.resolve()
        self.check_output_dir(resolved.parent, shown=shown)
        for source in inputs:
            source = Path(source)
            if resolved == source.resolve() or _same_file(output, source):
                raise UsageError(f"输出文件 {shown} 就是输入文件 {display_path(source)}；"
                                 f"生成 PDF 会覆盖它，请换一个输出文件名")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_root(folder: Path) -> bool:
    return (folder / "layouts").is_dir() and (folder / "fonts" / "manifest.toml").is_file()


def find_project(start: Path | None = None) -> Project:
    """The project holding ``start`` (an issue file or folder), else the one
    holding the working directory, else the checkout this program runs from."""
    candidates = []
    if start is not None:
        start = Path(start).resolve()
        candidates += [start, *start.parents]
    cwd = Path.cwd().resolve()
    candidates += [cwd, *cwd.parents]
    candidates.append(Path(__file__).resolve().parents[2])
    for folder in candidates:
        if _is_root(folder):
            return Project(folder)
    raise WeeklyPdfError("找不到 weekly-pdf 的项目文件夹（需要 layouts/ 和 fonts/manifest.toml）；"
                         "请在项目文件夹里运行")
