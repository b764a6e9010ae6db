"""Where a project's folders are: layouts/, fonts/, issues/ and out/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .atomic import name_too_long
from .errors import EnvironmentProblem, UsageError, WeeklyPdfError, display_path


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

    def checked_layout_dir(self, name: str) -> Path:
        """``layouts/<name>``, refused when it or a file in it is a link that
        leads out of layouts/ (templates are read, and may be printed)."""
        folder = self.layout_dir(name)
        if not inside(folder, self.layouts_dir):
            raise WeeklyPdfError(f"版式文件夹 layouts/{name} 是指向 layouts/ 之外的链接，不能使用；"
                                 f"请把版式文件夹本身复制到 layouts/ 里")
        for path in folder.rglob("*"):
            if path.is_symlink() and not inside(path, folder):
                raise WeeklyPdfError(f"版式文件 {as_given(path)} 是指向版式文件夹之外的链接，"
                                     f"不能使用；请把文件本身复制进来")
        return folder

    def check_input(self, file: Path, home: Path | None = None) -> None:
        """Refuse an issue file (or its publication.yaml) that is a link
        leading out of ``home``: the project when the file lies in it, else
        the folder above the file's own (issues/ for issues/2023/x.yaml).
        Such a file is never read, so none of its lines can show in a message.
        """
        given = Path(os.path.abspath(file))
        if home is None:
            home = self.root if given.is_relative_to(Path(os.path.abspath(self.root))) \
                else given.parent.parent
        if given.exists() and not inside(given, home):
            where = f" {as_given(home)} "
            if Path(os.path.abspath(home)) == Path(os.path.abspath(self.root)):
                where = f"项目文件夹（{os.path.abspath(home)}）"
            elif where == " . ":
                where = "当前文件夹"
            raise WeeklyPdfError(f"{as_given(file)} 是指向{where}之外的链接；"
                                 f"为安全起见不读取它。请把文件本身放在这里，不要用链接")

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
        if too_long := name_too_long(output):
            raise UsageError(f"输出文件 {shown} 的{too_long}")
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


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies below ``folder`` once every link is followed."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def as_given(path: Path) -> str:
    """A path as typed (links not followed), relative to the working
    directory when below it."""
    given = os.path.abspath(path)
    relative = os.path.relpath(given)
    return relative if not relative.startswith("..") else given


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_root(folder: Path) -> bool:
    try:
        return (folder / "layouts").is_dir() and (folder / "fonts" / "manifest.toml").is_file()
    except OSError:  # a name too long for the system: no project there
        return False


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


def archive_folders(issues_dir: Path | None, output: Path | None):
    """The project, the issues folder and the output folder of a command that
    works on an archive (``build-all``, ``site``): ``issues_dir`` and ``output``
    as the command line gave them (None: the project's)."""
    project = find_project(issues_dir)
    issues_dir = Path(issues_dir) if issues_dir else project.issues_dir
    if output:
        out_dir = Path(output)
    elif issues_dir.resolve() == project.issues_dir.resolve():
        out_dir = project.out_dir
    else:
        out_dir = out_beside(issues_dir)
    project.check_output_dir(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise EnvironmentProblem(f"输出位置 {display_path(out_dir)} 是一个文件，不是文件夹；"
                                 f"-o 请写一个文件夹（不存在时会新建）")
    return project, issues_dir, out_dir
