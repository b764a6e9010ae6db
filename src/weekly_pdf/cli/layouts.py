"""weekly-pdf layouts: the layouts of the project and their page geometry."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from ..errors import WeeklyPdfError
from ..project import find_project
from . import report

if TYPE_CHECKING:
    from ..source.layout import Layout

HEADER = ("版式", "纸张", "页边距 上/右/下/左（毫米）", "版心（毫米）", "网格（字×行）", "说明")


def register(sub) -> None:
    p = sub.add_parser(
        "layouts", help="列出可用的版式及其版面尺寸",
        description="列出 layouts/ 下的每个版式：纸张、页边距、版心、正文网格（每行字数×每页行数）"
                    "和说明，都取自各版式的 layout.toml。",
        epilog="期刊文件或 publication.yaml 里写 layout: 版式名 选用版式；怎样做新版式见 docs/layouts.md")
    p.set_defaults(run=run)


def _mm(value: float) -> str:
    return f"{value:g}"


def row(layout: Layout) -> tuple[str, ...]:
    p = layout.page
    paper = p.paper or f"{_mm(p.width_mm)}×{_mm(p.height_mm)} 毫米"
    return (layout.name, paper,
            "/".join(_mm(v) for v in (p.margin_top_mm, p.margin_right_mm,
                                      p.margin_bottom_mm, p.margin_left_mm)),
            f"{_mm(round(p.type_width_mm, 2))}×{_mm(round(p.type_height_mm, 2))}",
            f"{layout.chars_per_line}×{layout.lines_per_page}", layout.description)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(r[:-1])]
        lines.append("  ".join(cells + [r[-1]]).rstrip())
    return "\n".join(lines)


def run(args) -> int:
    # Imported here: every command's parser imports this module, and layout
    # reading brings YAML and the schema (about 40 ms of start-up).
    from ..source.layout import list_layouts, read_layout
    project = find_project()
    rows, failed = [HEADER], 0
    for folder in list_layouts(project.layouts_dir):
        try:
            rows.append(row(read_layout(folder)))
        except WeeklyPdfError as exc:
            report.error(exc)
            failed += 1
    if len(rows) == 1 and not failed:
        print(f"{report.path(project.layouts_dir)} 里没有版式（含 layout.toml 的文件夹）")
        return 1
    if len(rows) > 1:
        print(table(rows))
    return 1 if failed else 0
