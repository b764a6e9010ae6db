"""The annual volume (合订本): a year's issue PDFs bound behind a cover and contents.

The cover and contents pages are rendered by WeasyPrint from the layout's
volume.html with the project's fonts; the issues follow unchanged, merged with
pypdf. The outline runs issue → column → article (each issue's own outline,
or its catalog entry when its PDF has none); page labels number the front
matter i, ii, … and the issues' pages continuously from 1, as the contents do.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..errors import WeeklyPdfError, display_path
from .catalog import CatalogEntry, IssueRecord, read_catalog
from ..fonts.fontset import file_sha256
from ..source.layout import VOLUME_ELEMENTS, Layout, read_layout
from ..source.wording import DEFAULT_LAYOUT, column_heading, date_text, issue_name, number_text

TEMPLATE = "volume.html"


@dataclass
class Volume:
    output: Path
    issues: int
    pages: int
    front_pages: int
    missing: list[int]  # numbers between the year's first and last issue with no PDF
    ofd: Path | None = None  # the volume's OFD (--ofd)


def year_entries(out_dir: Path, year: int) -> list[CatalogEntry]:
    """The catalog entries of ``year``, each PDF checked against its sha256."""
    catalog = read_catalog(out_dir)  # checked field by field: a malformed one is named
    if catalog is None:
        raise WeeklyPdfError(f"{display_path(Path(out_dir))} 里没有 catalog.json；"
                             f"请先运行 weekly-pdf build-all")
    # The year's issues, then its supplements (增刊, numbered on their own).
    chosen = sorted((e for e in catalog if e.record.year == year),
                    key=lambda e: (bool(e.record.series), e.record.number))
    if not chosen:
        raise WeeklyPdfError(f"目录 catalog.json 里没有 {year} 年的期刊；"
                             f"请先运行 weekly-pdf build-all，或检查年份")
    seen: dict[tuple, CatalogEntry] = {}
    for e in chosen:  # an issue bound twice: two files said they were it
        first = seen.setdefault((e.record.series, e.record.number), e)
        if first is not e:
            name = issue_name(year, e.record.number, e.record.series)
            raise WeeklyPdfError(
                f"目录 catalog.json 里有两个{name}：{first.source} 和 {e.source}"
                f"（期刊文件夹里的文件名）；合订本里一期只能出现一次。请删去或改正其中一个"
                f"（weekly-pdf check issues/ 会指出重复的期号），再运行 weekly-pdf build-all 和 volume")
    for e in chosen:
        pdf = Path(out_dir) / e.pdf
        if not pdf.is_file() or file_sha256(pdf) != e.sha256:
            raise WeeklyPdfError(f"{display_path(pdf)} 不存在或与目录记录不符；"
                                 f"请先运行 weekly-pdf build-all 重新生成")
    return chosen


def _reader(pdf: Path):
    """An issue's PDF opened with pypdf, or a Chinese error naming it."""
    from pypdf import PdfReader
    try:
        return PdfReader(pdf)
    except Exception as exc:  # pypdf's errors for a damaged file vary
        raise WeeklyPdfError(f"{display_path(pdf)} 无法读取（{type(exc).__name__}）；"
                             f"请运行 weekly-pdf build-all --force 重新生成") from None


def front_matter_html(layout: Layout, year: int, entries: list[IssueRecord], starts: list[int],
                      pages: int, publication: str, publisher: str,
                      fallback=lambda text, element: escape(text)) -> str:
    """The cover and contents pages, through the layout's volume.html;
    ``fallback``: the template's filter for every text it prints (by element)."""
    from .. import __version__
    import jinja2

    from ..render.html import layout_css, stylesheets, template, template_error
    issues = [{"number": r.number, "total": r.total, "series": r.series,
               "number_text": number_text(r.number, r.series),
               "date_text": date_text(datetime.date.fromisoformat(r.date)),
               "columns": [c.column for c in r.columns], "start": start}
              for r, start in zip(entries, starts)]
    regular = [i for i in issues if not i["series"]] or issues
    title = layout.label("volume_title", publication=publication, year=year)
    volume = {"title": title, "publication": publication,
              "publisher": publisher, "year": year, "issues": issues, "pages": pages,
              "first": regular[0], "last": regular[-1], "date": entries[-1].date}
    front = template(layout, TEMPLATE, fallback)
    try:
        return front.render(volume=volume, layout=layout, layout_css=layout_css(layout),
                            stylesheets=stylesheets(layout),
                            generator=f"weekly-pdf {__version__}")
    except jinja2.TemplateError as exc:
        raise template_error(layout, exc) from None


def front_matter(layout: Layout, *args) -> tuple[str, list[tuple[str, str, str]]]:
    """The front matter's HTML (:func:`front_matter_html`) and every text it
    prints, as (where, text, font role), recorded by the template's filter
    as it renders."""
    printed: dict[tuple[str, str], None] = {}

    def record(text, element: str):
        if element not in layout.volume_roles:
            raise WeeklyPdfError(f"版式 {layout.name} 的合订本模板用了 fallback(\"{element}\")，"
                                 f"但 layout.toml 的 [volume_roles] 里没有 {element}")
        printed[str(text), layout.volume_roles[element]] = None
        return escape(text)

    html = front_matter_html(layout, *args, fallback=record)
    return html, [(f"{layout.name}/{TEMPLATE}", text, role) for text, role in printed]


def volume_layout(project, name: str) -> Layout:
    """The layout that binds the volume: the one of the year's last issue."""
    layout = read_layout(project.checked_layout_dir(name), find=project.checked_layout_dir)
    missing = [key for key in (*VOLUME_ELEMENTS, ) if key not in layout.volume_roles]
    missing += [f"labels.{key}" for key in ("volume_title", "volume_issue", "volume_supplement",
                                            "volume_contents")
                if key not in layout.labels]
    if missing or not any((folder / TEMPLATE).is_file() for folder in layout.folders):
        raise WeeklyPdfError(
            f"版式 {name} 不能生成合订本：需要 {TEMPLATE}，以及 layout.toml 里的 "
            f"[volume_roles] 和合订本的标签（缺少 {'、'.join(missing) or TEMPLATE}）")
    return layout


def _copy_outline(writer, reader, items, offset: int, parent) -> None:
    """Copy ``reader``'s outline ``items`` under ``parent``, pages shifted by ``offset``."""
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, offset, last)
            continue
        page = reader.get_destination_page_number(item)
        if page is None or page < 0:
            continue
        last = writer.add_outline_item(str(item.title), offset + page, parent=parent)


def build_volume(project, out_dir: Path, year: int, output: Path | None = None, *,
                 ofd: bool = False) -> Volume:
    """Bind ``year``'s PDFs from ``out_dir`` (and its catalog) into one PDF;
    ``ofd``: also write the volume's OFD beside it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    from ..build import Builder
    from ..atomic import write_atomic

    out_dir = Path(out_dir)
    if output is not None:
        project.check_output(Path(output))
    chosen = year_entries(out_dir, year)
    readers = [_reader(out_dir / e.pdf) for e in chosen]
    entries = [e.record for e in chosen]
    starts, page = [], 1
    for reader in readers:
        starts.append(page)
        page += len(reader.pages)
    total_pages = page - 1
    publication, publisher = entries[-1].publication, entries[-1].publisher
    layout = volume_layout(project, entries[-1].layout or DEFAULT_LAYOUT)
    layout_dir = layout.folder
    html, texts = front_matter(layout, year, entries, starts, total_pages, publication, publisher)
    builder = Builder(project)
    # The front matter prints issue text in other roles than the issues do: check
    # every text its template prints, in the role [volume_roles] gives its element.
    builder.fontset.check(texts, None)
    front, front_pages = builder.renderer.pdf_bytes(html, base_dir=layout_dir,
                                                    read_dirs=layout.folders[1:])

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item(layout.label("volume_contents", year=year),
                            1 if front_pages > 1 else 0)
    offset = front_pages
    for e, reader in zip(entries, readers):
        writer.append(reader, import_outline=False)
        if e.series:
            label = layout.label("volume_supplement", year=year, number=e.number)
        else:
            label = layout.label("volume_issue", year=year, number=e.number, total=e.total)
        top = writer.add_outline_item(label, offset)
        outline = reader.outline
        # The bulletin's outline has one root (the masthead) over its columns: skip it.
        if len(outline) == 2 and not isinstance(outline[0], list) and isinstance(outline[1], list):
            outline = outline[1]
        if outline:
            _copy_outline(writer, reader, outline, offset, top)
        else:
            for column in e.columns:
                node = writer.add_outline_item(column_heading(column.column), offset, parent=top)
                for title in column.articles:
                    writer.add_outline_item(title, offset, parent=node)
        offset += len(reader.pages)
    writer.set_page_label(0, front_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN, start=1)
    writer.set_page_label(front_pages, offset - 1, style=PageLabelStyle.DECIMAL, start=1)
    created = "D:" + entries[-1].date.replace("-", "") + "000000+08'00'"
    writer.add_metadata({"/Title": layout.label("volume_title", publication=publication,
                                                year=year), "/Author": publisher,
                         "/Creator": "weekly-pdf", "/Producer": "weekly-pdf",
                         "/CreationDate": created, "/ModDate": created})
    buffer = io.BytesIO()
    writer.write(buffer)
    output = Path(output) if output else out_dir / f"{year}年合订本.pdf"
    data = buffer.getvalue()
    package = None
    if ofd:
        from ..pdf.ofd import pdf_to_ofd
        package = pdf_to_ofd(data)
    write_atomic(data, output)
    numbers = {e.number for e in entries if not e.series} or {0}
    missing = [n for n in range(min(numbers), max(numbers) + 1) if n not in numbers]
    volume = Volume(output, len(entries), offset, front_pages, missing)
    if package is not None:
        from ..pdf.ofd import ofd_path
        volume.ofd = ofd_path(output)
        write_atomic(package, volume.ofd)
    return volume
