"""The checks across a layout's numbers that keep its body grid printable: a
line holds at least one character (and the first line its indent and one
more), a page holds at least one line, a title character fits on a line.

Each number of layout.toml may be within its own range and the layout still
print nothing sensible: 200 mm margins on A4 with 60 pt characters make a
line narrower than a character, and the typesetter then stacks every
character on its own overlapping line (a 26-page PDF of overlapping text).
:func:`grid_problems` names the field to change; it returns the
``(field path, message)`` pairs that a layout declaration's
``record(..., rules=...)`` (:mod:`weekly_pdf.source.schema.kinds`) turns into
errors with file, line, column and field path.
"""

from __future__ import annotations

from .schema.kinds import Problem

MM = 72 / 25.4


def _pt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def grid_problems(*, type_width_mm: float, type_height_mm: float, char_pitch_pt: float,
                  line_pitch_pt: float, indent_chars: float, title_size_pt: float,
                  paths: dict[str, str] | None = None) -> list[Problem]:
    """What makes the grid unprintable, as (field path, message).

    ``paths`` renames the fields named by default (body.char_pitch_pt,
    body.indent_chars, body.line_pitch_pt, title.size_pt) for a layout file
    that puts them elsewhere.
    """
    at = {"char_pitch": "body.char_pitch_pt", "indent": "body.indent_chars",
          "line_pitch": "body.line_pitch_pt", "title": "title.size_pt", **(paths or {})}
    width, height = type_width_mm * MM, type_height_mm * MM
    line = f"版心宽度（纸宽减去左右边距）只有 {_pt(type_width_mm)} 毫米（{_pt(width)} 磅）"
    problems = []
    if width < char_pitch_pt:
        problems.append((at["char_pitch"],
                         f"正文字距 {_pt(char_pitch_pt)} 磅比一行还宽：{line}，一行放不下一个字；"
                         f"请减小字距，或减小左右边距"))
    elif width < (indent_chars + 1) * char_pitch_pt:
        problems.append((at["indent"],
                         f"首行缩进 {_pt(indent_chars)} 字再加一个字（{_pt((indent_chars + 1) * char_pitch_pt)} 磅）"
                         f"比一行还宽：{line}；请减小首行缩进或字距，或减小左右边距"))
    if height < line_pitch_pt:
        problems.append((at["line_pitch"],
                         f"正文行距 {_pt(line_pitch_pt)} 磅比一页的版心还高：版心高度（纸高减去上下边距）"
                         f"只有 {_pt(type_height_mm)} 毫米（{_pt(height)} 磅），一页放不下一行；"
                         f"请减小行距，或减小上下边距"))
    if width < title_size_pt:
        problems.append((at["title"],
                         f"标题字号 {_pt(title_size_pt)} 磅比一行还宽：{line}，一行放不下一个标题字；"
                         f"请减小标题字号，或减小左右边距"))
    return problems
