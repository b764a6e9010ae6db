"""The PDFs the archival tests read, each built once per session, and one
run of PDFBox Preflight over all of them.

Test modules call these through thin fixtures; the results are cached here
(module state) so that several test modules share one build of each PDF and
one Java start-up for Preflight.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conftest import ROOT, SEED_ISSUE  # noqa: E402
from issuegen import issue_dict, write_issue  # noqa: E402

PREFLIGHT = ROOT.parent / "shared" / "tools" / "pdfa-preflight"

#: The rare characters of the "rich" issue: each is missing from its role's
#: Fandol font, so the Noto fallbacks (CFF) and LXGW WenKai (TrueType) are embedded.
RARE_TITLE = "张喆、李堃获评“首都最美科技工作者”（2023 Beijing）"
RARE_COLUMN = "学会动态·犇"
RARE_BODY = "王珺、赵玥参加活动。联系：a&b <test> 100% “引号”"
#: A publisher that needs escaping in XML: it goes into dc:creator.
ODD_PUBLISHER = "北京市科协办公室 & <编辑部>"


def rich_issue(folder: Path) -> Path:
    """An issue whose text needs fallback fonts and XML escaping."""
    data = issue_dict(7, number=21, articles=6)
    data["publisher"] = ODD_PUBLISHER
    first = data["sections"][0]["articles"][0]
    first["title"], first["toc"] = RARE_TITLE, True
    data["sections"][1]["column"] = RARE_COLUMN
    data["sections"][1]["articles"][0]["body"] += "\n\n" + RARE_BODY + "\n"
    return write_issue(folder, data)


def plain_issue(folder: Path) -> Path:
    """A generated issue of the ordinary kind."""
    return write_issue(folder, issue_dict(3, number=22, articles=4))


#: name → (which issue, PDF/A level or None)
BUILDS = {
    "seed-1b": ("seed", "1b"),
    "seed-2b": ("seed", "2b"),
    "plain-1b": ("plain", "1b"),
    "rich-1b": ("rich", "1b"),
    "rich-2b": ("rich", "2b"),
    "rich-plain": ("rich", "none"),
}

_built: dict[str, Path] = {}
_issues: dict[str, Path] = {}
_reports: dict[str, "Report"] = {}


def issue_file(which: str, tmp_path_factory) -> Path:
    if which not in _issues:
        if which == "seed":
            _issues[which] = SEED_ISSUE
        else:
            folder = tmp_path_factory.mktemp(f"issues-{which}")
            (folder / "publication.yaml").write_bytes(
                (ROOT / "issues" / "publication.yaml").read_bytes())
            _issues[which] = (rich_issue if which == "rich" else plain_issue)(folder)
    return _issues[which]


def built(name: str, builder, tmp_path_factory) -> Path:
    """The PDF ``name`` of :data:`BUILDS`, built once."""
    if name not in _built:
        which, level = BUILDS[name]
        out = tmp_path_factory.mktemp("archival") / f"{name}.pdf"
        builder.build(issue_file(which, tmp_path_factory), out, pdfa=level)
        _built[name] = out
    return _built[name]


@dataclass
class Report:
    """PDFBox Preflight's verdict on one file."""

    valid: bool
    errors: list[str]

    def codes(self) -> set[str]:
        return {e.split(" : ", 1)[0].strip() for e in self.errors}


def preflight(files: dict[str, Path]) -> dict[str, Report]:
    """Run Preflight once over ``files`` (name → PDF) and parse each verdict."""
    missing = [name for name in files if name not in _reports]
    if missing:
        proc = subprocess.run([str(PREFLIGHT), *(str(files[n]) for n in missing)],
                              capture_output=True, text=True, timeout=900)
        blocks = re.split(r"(?m)^(?=The file )", proc.stdout)
        by_file = {}
        for block in blocks:
            match = re.match(r"The file (\S+) is (not )?a valid PDF/A-1b file", block)
            if match:
                errors = [line.strip() for line in block.splitlines()[1:] if line.strip()]
                by_file[match[1]] = Report(valid=not match[2], errors=errors)
        for name in missing:
            report = by_file.get(files[name].name)
            if report is None:
                raise AssertionError(
                    f"Preflight gave no verdict on {files[name].name}:\n"
                    f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
            _reports[name] = report
    return {name: _reports[name] for name in files}
