"""Where a project's folders are: layouts/, fonts/, issues/ and out/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import WeeklyPdfError


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
            return issue_file.with_suffix(".pdf")
        return (self.out_dir / relative).with_suffix(".pdf")


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
