"""weekly-pdf check ISSUE.yaml... | ISSUES_DIR (a folder: every issue, and across issues)"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import WeeklyPdfError
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "check", help="只检查 YAML 文件，不生成 PDF",
        description="逐个检查期刊文件：格式、必填字段、日期、文件名，以及每个字能否用现有字体印出。",
        epilog="例：weekly-pdf check issues/2023/2023-20.yaml issues/2023/2023-21.yaml；"
               "weekly-pdf check issues/（整个档案：另查期号重复或不连续、总期号、日期）")
    p.add_argument("issues", type=Path, nargs="+", metavar="ISSUE.yaml",
                   help="要检查的期刊文件；也可以是文件夹（检查其中每一期，并核对各期之间的期号、总期号和日期）")
    p.add_argument("--strict", action="store_true",
                   help="供稿单位不在单位名录 units.yaml 里时算作错误（不加时只是警告）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..archive.discover import near_miss_message, near_misses
    from ..archive.numbering import ERROR, check_numbering
    from ..build import Builder
    builder = Builder(find_project(args.issues[0]))
    failed = 0
    files, folders = _expand(args.issues)
    homes = {file: folder for folder in folders for file in files if file.is_relative_to(folder)}
    loaded = {folder: [] for folder in folders}
    units = _Units(args.strict)
    settings = units.check_settings(folders)
    unreadable = []
    for issue_file in files:
        try:
            checked = builder.check(issue_file, homes.get(issue_file))
        except WeeklyPdfError as exc:
            report.error(exc)
            failed += 1
            unreadable.append(issue_file)
            continue
        if units.check(issue_file, checked.issue):
            print(f"无误：{report.path(issue_file)}（{checked.issue.title}）")
            report.fallbacks(checked.fallbacks)
            report.placeholders(checked.issue)
        else:
            failed += 1  # a unit not in the list, with --strict: still read for the numbering
        for folder in folders:
            if issue_file.is_relative_to(folder):
                loaded[folder].append((issue_file, checked.issue))
    if len(files) > 1:
        print(f"共检查 {len(files)} 个文件，{failed} 个有错误。")
    across = 0
    for folder, issues in loaded.items():
        for path in near_misses(folder):  # 2023-22.yaml.txt: Windows hid the .txt
            print(near_miss_message(path), file=sys.stderr)
        findings = check_numbering(issues, unreadable)
        for finding in findings:
            print(finding, file=sys.stderr)
        errors = sum(f.level == ERROR for f in findings)
        across += errors
        if findings:
            print(f"{report.path(folder)} 各期之间：{errors} 个错误，{len(findings) - errors} 个警告。")
        elif issues:
            print(f"{report.path(folder)} 各期之间：期号、总期号和日期都连贯。")
        elif not any(f.is_relative_to(folder) for f in files):
            print(f"{report.path(folder)} 里没有期刊文件。")
    return 1 if failed or across or settings else 0


class _Units:
    """The unit list (units.yaml) each issue's sources are checked against:
    found beside its publication.yaml, read once per file."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.lists: dict = {}
        self.reported: set = set()

    def _list(self, issue_file: Path):
        from ..source.units import find_units, read_units
        found = find_units(Path(issue_file).parent)
        if found is None:
            return None
        if found not in self.lists:
            try:
                self.lists[found] = read_units(found)
            except WeeklyPdfError as exc:
                self.lists[found] = exc
        return self.lists[found]

    def check(self, issue_file: Path, issue) -> bool:
        """Name each source the list does not hold (a warning, or an error with
        --strict); False when the issue fails because of it."""
        from ..source.units import UNITS_NAME, unknown_sources
        units = self._list(issue_file)
        if isinstance(units, WeeklyPdfError):
            if id(units) not in self.reported:
                self.reported.add(id(units))
                report.error(units)
            return not self.strict
        if units is None:
            if self.strict and any(a.source for _, _, a in issue.articles()):
                print(f"错误：{report.path(issue_file)}：--strict 要按单位名录核对供稿单位，"
                      f"但本期文件旁边和上一级文件夹里都没有 {UNITS_NAME}（写法见 docs/stats.md）",
                      file=sys.stderr)
                return False
            return True
        from ..archive.newissue import PLACEHOLDER
        # A “（请填写……）” left from `new` is named by report.placeholders instead.
        problems = unknown_sources(issue, units, lambda source: PLACEHOLDER in source)
        word = "错误" if self.strict else "警告"
        for problem in problems:
            print(f"{word}：{problem}", file=sys.stderr)
        return not (self.strict and problems)

    def check_settings(self, folders: list[Path]) -> int:
        """Check each folder's unit list (units.yaml) and scoring rules
        (scoring.toml), which ``stats`` reads; the number of files with errors."""
        from ..source.scoring import find_scoring, read_scoring
        from ..source.units import UNITS_NAME
        failed = 0
        for folder in folders:
            if (folder / UNITS_NAME).is_file():
                units = self._list(folder / UNITS_NAME)
                if isinstance(units, WeeklyPdfError):
                    self.reported.add(id(units))
                    report.error(units)
                    failed += 1
            found = find_scoring(folder)
            if found is None:
                continue
            try:
                read_scoring(found)
            except WeeklyPdfError as exc:
                report.error(exc)
                failed += 1
        return failed


def _expand(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Issue files to check, with each folder argument replaced by its issue files."""
    from ..archive.discover import find_issue_files
    files, folders = [], []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            files += [found.source for found in find_issue_files(path, path)]
        else:
            files.append(path)
    return files, folders
