"""Which issue files an issues/ folder holds, in order, and where their PDFs go."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import WeeklyPdfError, display_path
from ..source.load import DEFAULTS_NAME
from ..source.units import UNITS_NAME
from ..source.wording import ISSUE_NAME_RE, issue_name, name_series
from ..project import as_given, pdf_for


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

    @property
    def ofd_name(self) -> str:
        """The OFD's path below the output folder (``--ofd``), with /."""
        return pdf_for(self.name).with_suffix(".ofd").as_posix()


def sort_key(path: Path) -> tuple:
    """Year and number from a <year>-<number>.yaml name, a year's supplements
    (<year>-s<number>.yaml) after its regular issues; other names after, by name."""
    match = ISSUE_NAME_RE.match(path.name)
    if match:
        return (0, int(match[1]), bool(match[2]), int(match[3]), path.name)
    return (1, 0, False, 0, str(path))


def find_issue_files(issues_dir: Path, out_dir: Path) -> list[IssueFile]:
    """Every issue file below ``issues_dir`` (publication.yaml, the unit list
    units.yaml and hidden files excluded), in year and number order."""
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
        if path.name in (DEFAULTS_NAME, UNITS_NAME):
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


#: (year, series, number): which issue a file is, by its name or its contents.
IssueId = tuple[int, str | None, int]


def named_issue(issue: IssueFile) -> IssueId | None:
    """The issue a <year>-<number>.yaml name says a file is (2023-5.yaml and
    2023-05.yaml both say 2023 No. 5), or None for any other name."""
    match = ISSUE_NAME_RE.match(issue.source.name)
    return (int(match[1]), name_series(match), int(match[3])) if match else None


def same_issue(files: list[IssueFile], ids: dict[str, IssueId]) -> list[list[IssueFile]]:
    """Groups of ``files`` that are the same issue: ``ids`` maps an issue
    file's name (below the issues folder) to the issue it is."""
    groups: dict[IssueId, list[IssueFile]] = {}
    for issue in files:
        if (found := ids.get(issue.name)) is not None:
            groups.setdefault(found, []).append(issue)
    return [group for group in groups.values() if len(group) > 1]


def same_issue_message(issue: IssueFile, group: list[IssueFile], ident: IssueId, *,
                       by_name: bool) -> str:
    """Why ``issue`` is refused (or reported): another file of ``group`` is the same issue."""
    # Named as found (a link is not resolved to the file it leads to).
    others = "、".join(as_given(other.source) for other in group if other is not issue)
    name = issue_name(ident[0], ident[2], ident[1])
    if by_name:
        return (f"{as_given(issue.source)} 与 {others} 都是{name}（文件名里的期号相同）；"
                f"一期只能有一个期刊文件，请删去或改名其中一个（这几个文件都没有生成 PDF）")
    return (f"{as_given(issue.source)} 与 {others} 写的都是{name}；目录和合订本里"
            f"一期只能出现一次，请改正期号（year、number），或删去多余的文件")


#: What Windows Explorer hides (known extensions), and near misses of .yaml.
_HIDDEN_EXTENSIONS = (".txt", ".text", ".doc", ".docx", ".rtf", ".md")
_MISSPELT = (".yam", ".ymal", ".yal", ".yaml~", ".yml~", ".yanl", ".ysml", ".taml")
#: Copies an editor or the user keeps on purpose: never mentioned.
_BACKUPS = (".bak", ".orig", ".old", ".swp", ".tmp", "~")
_ISSUE_STEM = re.compile(r"^\d{4}-s?\d+$")


def near_misses(issues_dir: Path) -> list[Path]:
    """Files below ``issues_dir`` that look meant as issue files but are not
    read as one: ``2023-22.yaml.txt`` (Windows hides the .txt), ``2023-22.txt``,
    ``2023-22.ymal``. Hidden files and backups are left out."""
    found = []
    for path in sorted(Path(issues_dir).rglob("*")):
        relative = path.relative_to(issues_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        name = path.name.lower()
        if name.endswith((".yaml", ".yml")) or name.endswith(_BACKUPS):
            continue
        stem, dot, extension = name.rpartition(".")
        meant_yaml = stem.endswith((".yaml", ".yml")) and f".{extension}" in _HIDDEN_EXTENSIONS
        misspelt = name.endswith(_MISSPELT)
        issue_named = _ISSUE_STEM.match(stem) is not None and f".{extension}" in _HIDDEN_EXTENSIONS
        if meant_yaml or misspelt or issue_named:
            found.append(path)
    return found


def near_miss_message(path: Path) -> str:
    """The warning about one near miss: name it, say what to rename it to."""
    name = path.name
    lower = name.lower()
    for ending in (".yaml", ".yml"):
        at = lower.rfind(ending + ".")
        if at > 0:
            proper = name[:at] + ".yaml"
            return (f"提示：没有读取 {display_path(path)}：它的名字以 {name[at + len(ending):]} 结尾，"
                    f"不是 .yaml（Windows 默认隐藏扩展名，所以看起来像 {name[:at + len(ending)]}）；"
                    f"如果它是期刊文件，请改名为 {proper}")
    proper = name.rpartition(".")[0] + ".yaml"
    return (f"提示：没有读取 {display_path(path)}：期刊文件的名字要以 .yaml 结尾；"
            f"如果它是期刊文件，请改名为 {proper}")
