"""The archive as a static web site that opens from a shared folder.

``weekly-pdf site`` (and ``build-all --site``) write ``out/site/``: a year
index, one page per issue with every article's full text and a link to the
page of its PDF where it starts, a page per contributing unit, and a search
over every article that runs in the page. Nothing needs a server or the
network: the pages link each other, the PDFs and their previews by relative
paths, and the search data loads as scripts (:mod:`.data`).

* :mod:`weekly_pdf.archive.texts` reads every issue (with the loader; cached)
  and the unit list (units.yaml), which names each article's units;
* :mod:`.outline` finds where each article starts in its PDF;
* :mod:`.pages` renders the layout's site templates;
* :mod:`.state` remembers what was written, so that a build rewrites only the
  pages whose bytes changed and removes only files it made.

The same inputs give byte-identical files: no dates of building, no random
names, everything in archive order.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import write_atomic, write_if_changed
from ...errors import EnvironmentProblem, WeeklyPdfError, display_path
from ...fonts.fontset import file_sha256
from ...pdf.preview import default_folder
from ...project import Project
from ...source.layout import read_layout
from ...source.wording import DEFAULT_LAYOUT
from ..catalog import read_catalog
from ..discover import IssueFile
from ..inputs import SITE_FOLDER
from ..state import BatchLock
from ..texts import IssueText, read_texts
from . import data
from .outline import read_outline, start_pages
from .pages import PdfFacts, SiteIssue, issue_page, render_all
from .state import STATE_NAME, SiteState

#: The folder of a layout that holds its site's look (which batch keys leave out).
LOOK_FOLDER = SITE_FOLDER


@dataclass
class SiteResult:
    site_dir: Path
    issues: int = 0
    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    #: Issues shown without a PDF link (no PDF built yet), by name (2023年第20期).
    without_pdf: list[str] = field(default_factory=list)
    #: Issue files that could not be read, with the loader's messages.
    failures: list[tuple[IssueFile, tuple[str, ...]]] = field(default_factory=list)
    #: (file skipped, file read instead): two files of one issue.
    duplicates: list[tuple[IssueFile, IssueFile]] = field(default_factory=list)
    #: UTF-8 bytes of the archive's text (see :meth:`ArticleText.text_bytes`).
    text_bytes: int = 0
    #: Bytes of every file of the site.
    site_bytes: int = 0
    seconds: float = 0.0


def look_folder(project: Project, layout: str) -> Path:
    """``layouts/<layout>/site``, or the default layout's when that layout has none."""
    folder = project.checked_layout_dir(layout) / LOOK_FOLDER
    if not folder.is_dir():
        folder = project.checked_layout_dir(DEFAULT_LAYOUT) / LOOK_FOLDER
    if not folder.is_dir():
        raise WeeklyPdfError(f"版式文件夹 layouts/{DEFAULT_LAYOUT}/ 里没有网站的样式（{LOOK_FOLDER}/ 文件夹），"
                             f"无法生成档案网站")
    return folder


def environment(folder: Path):
    import jinja2
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True)


def _assets(folder: Path, red: str) -> dict[str, bytes]:
    """The layout's site assets; the style sheet starts with the layout's red."""
    out = {}
    assets = folder / "assets"
    for path in sorted(assets.rglob("*")) if assets.is_dir() else ():
        if path.is_file() and not path.name.startswith("."):
            content = path.read_bytes()
            if path.suffix == ".css":
                content = f":root {{ --red: {red}; }}\n".encode("ascii") + content
            out[f"assets/{path.relative_to(assets).as_posix()}"] = content
    return out


def _pdf_facts(pdf: Path, site_key: str, state: SiteState, titles: list[str],
               catalog_pages: dict[str, int], seen: set[str]) -> PdfFacts | None:
    """What the site shows of an issue's PDF; None when it has none."""
    try:
        stat = pdf.stat()
    except OSError:
        return None
    if not pdf.is_file():
        return None
    known = state.pdfs.get(site_key)
    if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
        sha = known[2]
    else:
        sha = file_sha256(pdf)
        state.pdfs[site_key] = (stat.st_size, stat.st_mtime_ns, sha)
    seen.add(site_key)
    outline = state.outlines.get(sha)
    if outline is None:
        outline = read_outline(pdf)
        if outline is not None:
            state.outlines[sha] = outline
    if outline is not None:
        pages, starts = outline.pages, start_pages(outline, titles)
    else:
        pages, starts = catalog_pages.get(sha), [None] * len(titles)
    folder = default_folder(pdf)
    previews = sorted(folder.glob("page-*.png")) if folder.is_dir() else []
    return PdfFacts(pdf, stat.st_size, pages, starts, previews)


def build_site(project: Project, issues_dir: Path, out_dir: Path, site_dir: Path) -> SiteResult:
    """Bring ``site_dir`` up to date with the issues below ``issues_dir`` and
    their PDFs below ``out_dir``; see the module docstring."""
    started = time.monotonic()
    site_dir = Path(site_dir)
    result = SiteResult(site_dir)
    texts = read_texts(project, issues_dir, out_dir)
    result.failures, result.duplicates = texts.failures, texts.duplicates
    issues = [item.text for item in texts.issues]
    newest: IssueText | None = issues[-1] if issues else None
    folder = look_folder(project, newest.layout if newest else DEFAULT_LAYOUT)
    checked = project.checked_layout_dir
    layout = read_layout(checked(newest.layout if newest and (project.layouts_dir /
                                                            newest.layout).is_dir()
                                 else DEFAULT_LAYOUT), find=checked)
    red = (newest.red if newest and newest.red else None) or layout.red
    try:
        catalog = read_catalog(out_dir) or []
    except WeeklyPdfError:
        catalog = []  # damaged: the PDFs are found where build-all puts them anyway
    catalog_pages = {entry.sha256: entry.pages for entry in catalog}
    catalog_pdfs = {entry.source: Path(out_dir) / entry.pdf for entry in catalog}
    with BatchLock(site_dir):
        state = SiteState(site_dir)
        seen: set[str] = set()
        site_issues = []
        for item in texts.issues:
            pdf = catalog_pdfs.get(item.file.name, item.file.output)
            facts = _pdf_facts(pdf, os.path.relpath(os.path.abspath(pdf), os.path.abspath(site_dir)),
                               state, [a.title for a in item.text.articles], catalog_pages, seen)
            if facts is None:
                result.without_pdf.append(item.text.name)
            site_issues.append(SiteIssue(item.text, issue_page(item.text), facts))
        state.pdfs = {k: v for k, v in state.pdfs.items() if k in seen}
        used = {state.pdfs[k][2] for k in seen}
        state.outlines = {k: v for k, v in state.outlines.items() if k in used}
        files = render_all(environment(folder), site_dir, site_issues,
                           newest.publication if newest else "", texts.units)
        files.update(_assets(folder, red))
        files["data/site.js"] = data.settings_script()
        years: dict[int, list] = {}
        for item in site_issues:
            years.setdefault(item.text.year, []).append((item.page, item.text))
        kept = {}
        for year, items in years.items():
            name = f"data/{year}.js"
            document = data.year_json(items, texts.units)
            kept[name] = hashlib.sha256(data.FORMAT.encode() + b"\0" + document).hexdigest()
            files[name] = _unchanged_script(site_dir, name, kept[name], state) \
                or data.year_script(year, document)
        state.data = kept
        _write(site_dir, files, state, result)
        state.save()
    result.issues = len(issues)
    result.articles = sum(len(i.articles) for i in issues)
    result.text_bytes = sum(a.text_bytes() for i in issues for a in i.articles)
    result.site_bytes = sum(len(content) for content in files.values())
    result.seconds = time.monotonic() - started
    return result


def _unchanged_script(site_dir: Path, name: str, source: str, state: SiteState) -> bytes | None:
    """The search data script the last build made from the same JSON, if it is
    still there as written (compressing a year again costs a tenth of a second)."""
    if state.data.get(name) != source or name not in state.files:
        return None
    try:
        content = (site_dir / name).read_bytes()
    except OSError:
        return None
    return content if hashlib.sha256(content).hexdigest() == state.files[name] else None


def _write(site_dir: Path, files: dict[str, bytes], state: SiteState, result: SiteResult) -> None:
    """Write the files whose bytes changed; remove the ones the last build made
    that the site no longer has."""
    if site_dir.exists() and not site_dir.is_dir():
        raise EnvironmentProblem(f"输出位置 {display_path(site_dir)} 是一个文件，不是文件夹；"
                                 f"-o 请写一个文件夹（不存在时会新建）")
    digests = {}
    for name, content in sorted(files.items()):
        digest = hashlib.sha256(content).hexdigest()
        digests[name] = digest
        target = site_dir / name
        known = state.files.get(name)
        if known == digest and _size(target) == len(content):
            result.unchanged += 1
        elif known is None and not write_if_changed(content, target):
            result.unchanged += 1  # there already, unknown to the state: the same bytes
        else:
            if known is not None:
                write_atomic(content, target)
            result.written.append(name)
    for name in sorted(set(state.files) - set(files)):
        target = site_dir / name
        if name != STATE_NAME and target.is_file():
            try:
                target.unlink()
            except OSError:
                continue
            result.removed.append(name)
            for parent in target.parents:
                if parent == site_dir or not parent.is_relative_to(site_dir):
                    break
                try:
                    parent.rmdir()  # only when empty
                except OSError:
                    break
    state.files = digests


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
