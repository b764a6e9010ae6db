"""The PDFs the archival tests read, each built once per session, and one
run of PDFBox Preflight over all of them.

Test modules call these through thin fixtures; the results are cached here
(module state) so that several test modules share one build of each PDF and
one Java start-up for Preflight.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, SEED_ISSUE, pdfa_options
from tests.issuegen import issue_dict, write_issue
from weekly_pdf.pdf.pdfa.preflight import Verdict
from weekly_pdf.pdf.pdfa.preflight import preflight as run_preflight
from tests.built_once import build_once

#: The issue with every body block kind (tests/data/blocks).
BLOCKS_ISSUE = ROOT / "tests" / "data" / "blocks" / "2023" / "2023-21.yaml"

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
    "blocks-1b": ("blocks", "1b"),
    "blocks-2b": ("blocks", "2b"),
}

_built: dict[str, Path] = {}
_issues: dict[str, Path] = {}
_verdicts: dict[str, Verdict] = {}


def issue_file(which: str, tmp_path_factory) -> Path:
    if which not in _issues:
        if which == "seed":
            _issues[which] = SEED_ISSUE
        elif which == "blocks":
            # headings, pictures (transparent PNG, 16-bit grey, CMYK JPEG), tables
            _issues[which] = BLOCKS_ISSUE
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
        build_once(builder, tmp_path_factory, issue_file(which, tmp_path_factory), out,
                   pdfa_options(level))
        _built[name] = out
    return _built[name]


def preflight(files: dict[str, Path]) -> dict[str, Verdict]:
    """PDFBox Preflight's verdict on each of ``files`` (name → PDF), one Java run
    for all those not judged yet (:mod:`weekly_pdf.pdf.pdfa.preflight`)."""
    missing = [name for name in files if name not in _verdicts]
    for name, verdict in zip(missing, run_preflight([files[n] for n in missing])):
        _verdicts[name] = verdict
    return {name: _verdicts[name] for name in files}
