"""Read a PDF back issue into lines, with pypdf, using the page's geometry.

pypdf's text visitor gives each run of text with its position, font and size.
Runs on one baseline make a visual line. The body type is the (font, size)
that carries most of the text; its left edge is the most common start of a
body line. Then:

- a body line that starts further right than that edge (the two-character
  first-line indent) begins a paragraph; a body line at the edge continues the
  open paragraph, across page breaks too, so a paragraph comes out whole
  however the layout breaks or spaces its lines;
- lines in a type larger than the body are titles; consecutive ones (a title
  wrapped over two lines) are joined;
- a line that does not start with a contents marker (◆) and is indented under
  the entry above it is the rest of that wrapped contents entry;
- page numbers (— 3 —) and running heads (the same text at the top or foot
  of several pages) are dropped;
- a link on a line (our contents entries link to their articles) marks that
  line and the line it points at with the same ``target``, which pairs the
  entry with its article whatever their texts.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
import warnings
from pathlib import Path

from ...errors import IssueError
from ..textjoin import join_text
from .lines import SourceLine
from .parse import BULLET_RE, COLUMN_RE, FOOTER_START_RE, PAGE_NUMBER_RE

#: Largest PDF accepted, in bytes.
MAX_PDF_BYTES = 50 * 1024 * 1024


@dataclass
class _Run:
    page: int
    x: float
    y: float
    size: float
    font: str
    text: str

    @property
    def end(self) -> float:
        """Where the run ends, estimated from its characters' widths."""
        return self.x + sum(self.size * (1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5)
                            for c in self.text)


@dataclass
class _Visual(_Run):
    """One visual line of a page (its runs joined)."""

    @property
    def style(self) -> tuple[str, int]:
        return self.font, round(self.size)


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf reports what it repairs in English, through its logger and
    warnings; the importer's Chinese message is the only thing a user sees."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


@dataclass(frozen=True)
class _Link:
    """A link on a page (its rectangle's vertical extent) to a place in the PDF."""

    page: int
    bottom: float
    top: float
    #: Where it points: page number and the height of the place on that page.
    to_page: int
    to_top: float


def _links(reader) -> list[_Link]:
    """The internal links of every page (our PDFs link each contents entry to
    its article: a named destination or an explicit one)."""
    from pypdf.generic import ArrayObject, DictionaryObject

    page_index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)
                  if page.indirect_reference is not None}
    try:
        named = reader.named_destinations
    except Exception:  # noqa: BLE001 - a broken name tree only costs the links
        named = {}

    def resolve(dest) -> tuple[int, float] | None:
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        if isinstance(dest, (str, bytes)):
            target = named.get(dest if isinstance(dest, str) else dest.decode("latin-1"))
            if target is None or target.page is None:
                return None
            ref = getattr(target.page, "idnum", None)
            return (page_index[ref], float(target.top or 0)) if ref in page_index else None
        if isinstance(dest, ArrayObject) and len(dest) >= 4 and dest[1] == "/XYZ":
            ref = getattr(dest[0], "idnum", None)
            top = dest[3]
            return (page_index[ref], float(top or 0)) if ref in page_index else None
        return None

    links = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            try:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Link":
                    continue
                dest = annotation.get("/Dest")
                action = annotation.get("/A")
                if dest is None and isinstance(action, DictionaryObject) \
                        and action.get("/S") == "/GoTo":
                    dest = action.get("/D")
                where = resolve(dest) if dest is not None else None
                if where is None:
                    continue
                rect = [float(v) for v in annotation["/Rect"]]
                links.append(_Link(number, min(rect[1], rect[3]), max(rect[1], rect[3]), *where))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # a malformed annotation only costs its link
    return links


def _targets(lines: list[_Visual], links: list[_Link]) -> dict[int, str]:
    """{id(visual line): mark}: a line a link sits on, and the line that link
    points at (the first line at or below the place), get the same mark."""
    marks: dict[int, str] = {}
    for link in links:
        source = next((line for line in lines if line.page == link.page
                       and link.bottom - 1 <= line.y <= link.top + 1), None)
        below = [line for line in lines if line.page == link.to_page and line.y <= link.to_top + 1]
        target = max(below, key=lambda line: line.y, default=None)
        if source is None or target is None or source is target:
            continue
        mark = f"{link.to_page}:{round(target.y)}"
        marks.setdefault(id(source), mark)
        marks.setdefault(id(target), mark)
    return marks


def _runs(path: Path) -> tuple[list[_Run], list[_Link]]:
    with _quiet_pypdf():
        return _read_runs(path)


def _read_runs(path: Path) -> tuple[list[_Run], list[_Link]]:
    import pypdf
    from pypdf import PasswordType
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    locked = IssueError(path, "PDF 有密码保护（打开时要输入密码），读不出文字；"
                              "请先用知道密码的人的电脑另存为不加密的 PDF，或导入它的文字稿（.txt）")
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise IssueError(path, "PDF 用了本程序读不了的加密方式，读不出文字；"
                                       "请另存为不加密的 PDF，或导入它的文字稿（.txt）") from None
            except Exception:  # noqa: BLE001 - any failure means "locked"
                raise locked from None
            if opened == PasswordType.NOT_DECRYPTED:
                raise locked
        pages = list(reader.pages)
    except FileNotDecryptedError:
        raise locked from None
    except PdfReadError as exc:
        raise IssueError(path, f"PDF 文件已损坏或不是 PDF（{exc}）") from None
    runs: list[_Run] = []
    for number, page in enumerate(pages, 1):
        def visit(text, cm, tm, font_dict, font_size, number=number):
            if not text or not text.strip():
                return
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = (font_size or 0) * math.sqrt(abs(a * d - b * c)) or 12.0
            font = str((font_dict or {}).get("/BaseFont", "")).split("+")[-1].lstrip("/")
            for k, piece in enumerate(text.split("\n")):
                if piece.strip():
                    runs.append(_Run(number, x, y - k * size * 1.2, size, font, piece))
        try:
            page.extract_text(visitor_text=visit)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on bad PDFs
            raise IssueError(path, f"第 {number} 页读不出文字（{type(exc).__name__}）") from None
    return runs, _links(reader)


def _visual_lines(runs: list[_Run]) -> list[_Visual]:
    """Group runs sharing a baseline into lines, top to bottom on each page."""
    lines: list[_Visual] = []
    by_page: dict[int, list[list[_Run]]] = {}
    for run in runs:
        groups = by_page.setdefault(run.page, [])
        for group in groups:
            if abs(group[0].y - run.y) < 0.35 * max(group[0].size, run.size):
                group.append(run)
                break
        else:
            groups.append([run])
    for page in sorted(by_page):
        for group in sorted(by_page[page], key=lambda g: -g[0].y):
            group.sort(key=lambda r: r.x)
            text, end = "", None
            for run in group:
                if end is not None and run.x > end + 0.5 * run.size and not text.endswith(" "):
                    text += " "
                text += run.text
                end = run.end
            main = max(group, key=lambda r: len(r.text.strip()))
            # An indent typed as spaces (Word: 　　 before a paragraph) counts
            # as the same first-line indent as one made by the layout.
            lead = text[:len(text) - len(text.lstrip())]
            x = group[0].x + sum(main.size * (1.0 if c == "\u3000" else 0.5) for c in lead)
            lines.append(_Visual(page, x, group[0].y, main.size, main.font,
                                 re.sub(r"[ \t]+", " ", text).strip()))
    return lines


def _drop_page_furniture(lines: list[_Visual]) -> list[_Visual]:
    """Drop page numbers and running heads (the same first/last line on several pages)."""
    lines = [line for line in lines
             if not PAGE_NUMBER_RE.match(unicodedata.normalize("NFKC", line.text))]
    pages: dict[int, list[_Visual]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    def key(line: _Visual) -> tuple[str, int]:
        # text with its numbers masked, and its size: a running head repeating
        # the masthead title is set far smaller than the masthead itself
        return re.sub(r"\d+", "#", line.text), round(line.size)

    edge = Counter()
    for page_lines in pages.values():
        for line in {id(page_lines[0]): page_lines[0], id(page_lines[-1]): page_lines[-1]}.values():
            edge[key(line)] += 1
    repeated = {k for k, count in edge.items() if count >= 2 and len(pages) >= 3}
    keep = []
    for line in lines:
        page_lines = pages[line.page]
        at_edge = line is page_lines[0] or line is page_lines[-1]
        if at_edge and key(line) in repeated:
            continue
        keep.append(line)
    return keep


def read_pdf(path: Path) -> tuple[list[SourceLine], list[str]]:
    """The logical lines of a PDF back issue and notes about how it was read."""
    if path.stat().st_size > MAX_PDF_BYTES:
        raise IssueError(path, "PDF 太大，不像是一期的周报")
    runs, links = _runs(path)
    visual = _drop_page_furniture(_visual_lines(runs))
    targets = _targets(visual, links)
    if not visual:
        return [], ["PDF 里没有文字（可能是扫描件，只有图片），需要先做文字识别（OCR）"]
    weight = Counter()
    for line in visual:
        weight[line.style] += len(line.text)
    body_style = weight.most_common(1)[0][0]
    body_size = body_style[1]
    starts = Counter(round(line.x) for line in visual if line.style == body_style)
    left = min(x for x, _ in starts.most_common(3)) if starts else 0
    indented = sum(1 for line in visual if line.style == body_style and line.x - left > 0.5 * body_size)
    notes = [] if indented else ["PDF 的段落没有首行缩进，分段是按标点推断的，请核对"]

    out: list[SourceLine] = []
    meta: list[_Visual] = []
    open_para: int | None = None
    in_footer = False
    for line in visual:
        where = f"第 {line.page} 页"
        is_body = line.style == body_style
        special = COLUMN_RE.match(line.text) or FOOTER_START_RE.match(line.text)
        in_footer = in_footer or bool(FOOTER_START_RE.match(line.text))
        if is_body and not special and not in_footer and indented:
            if line.x - left > 0.5 * body_size:
                out.append(SourceLine(line.text, where, 0, "para", target=targets.get(id(line))))
                open_para = len(out) - 1
            elif open_para is not None:
                previous = out[open_para]
                out[open_para] = SourceLine(join_text(previous.text, line.text), previous.where, 0,
                                      "para")
                continue
            else:
                out.append(SourceLine(line.text, where, 0, "raw"))
            meta.append(line)
            continue
        open_para = None
        prev = meta[-1] if meta else None
        prev_line = out[-1] if out else None
        if (not in_footer and line.size >= 1.15 * body_size and prev is not None
                and prev_line.kind == "title" and prev.style == line.style
                and prev.page == line.page and prev.y - line.y < 2.2 * line.size):
            out[-1] = SourceLine(join_text(prev_line.text, line.text), prev_line.where, 0, "title",
                           target=prev_line.target)
            meta[-1] = line  # the next line of the title is measured from this one
        elif (prev is not None and prev.style == line.style and prev.page == line.page
              and not is_body and BULLET_RE.match(prev_line.text)
              and not BULLET_RE.match(line.text) and line.x > prev.x + 0.3 * line.size
              and not special):
            out[-1] = SourceLine(join_text(prev_line.text, line.text), prev_line.where, 0, "line",
                           target=prev_line.target)
        else:
            kind = "title" if line.size >= 1.15 * body_size and not in_footer else (
                "raw" if is_body else "line")
            out.append(SourceLine(line.text, where, 0, kind, target=targets.get(id(line))))
            meta.append(line)
    return out, notes
