"""Which issue files an issues/ folder holds, in order, and where their PDFs go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import WeeklyPdfError, display_path
from ..source.load import DEFAULTS_NAME
from ..source.wording import ISSUE_NAME_RE
from ..project import pdf_for


@dataclass(frozen=True)
class IssueFile:
    """One issue file of the archive and the PDF it becomes."""

    source: Path      # the issue file
    name: str         # its path below the issues folder, with / (the state's key)
    output: Path      # its PDF below the output folder

    @property
    def pdf_name(self) -> str:
        """The PDF's path below the output folder, with /."""
        return pdf_for(self.name).as_posix()


def sort_key(path: Path) -> tuple:
    """Year and number from a <year>-<number>.yaml name, a year's supplements
    (<year>-s<number>.yaml) after its regular issues; other names after, by name."""
    match = ISSUE_NAME_RE.match(path.name)
    if match:
        return (0, int(match[1]), bool(match[2]), int(match[3]), path.name)
    return (1, 0, False, 0, str(path))


def find_issue_files(issues_dir: Path, out_dir: Path) -> list[IssueFile]:
    """Every issue file below ``issues_dir`` (publication.yaml and hidden files
    excluded), in year and number order."""
    issues_dir = Path(issues_dir)
    if issues_dir.is_file():
        raise WeeklyPdfError(f"{display_path(issues_dir)} 是一个文件，这里需要期刊文件夹"
                             f"（放各年期刊文件的文件夹，例如 issues/）")
    if not issues_dir.is_dir():
        raise WeeklyPdfError(f"找不到期刊文件夹 {issues_dir}")
    files = []
    for path in issues_dir.rglob("*"):
        relative = path.relative_to(issues_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        if path.name == DEFAULTS_NAME:
            continue
        files.append(path)
    files.sort(key=sort_key)
    return [IssueFile(source=p, name=p.relative_to(issues_dir).as_posix(),
                      output=Path(out_dir) / pdf_for(p.relative_to(issues_dir)))
            for p in files]


def shared_outputs(files: list[IssueFile]) -> list[list[IssueFile]]:
    """Groups of issue files that would write the same PDF (2023-04.yaml and
    2023-04.yml; names differing only in case, for case-blind disks)."""
    groups: dict[str, list[IssueFile]] = {}
    for issue in files:
        groups.setdefault(issue.pdf_name.casefold(), []).append(issue)
    return [group for group in groups.values() if len(group) > 1]


def shared_output_message(issue: IssueFile, group: list[IssueFile]) -> str:
    others = "、".join(display_path(other.source) for other in group if other is not issue)
    return (f"{display_path(issue.source)} 与 {others} 都会生成 {issue.pdf_name}；"
            f"一个 PDF 只能来自一个期刊文件，请删去或改名其中一个（这几个文件都没有生成 PDF）")
