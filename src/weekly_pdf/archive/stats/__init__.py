"""Adoption statistics (信息报送采用情况通报): who contributed, counted and typeset.

``weekly-pdf stats 2023-Q3`` reads the unit list (issues/units.yaml), the
scoring rules (issues/scoring.toml) and the issue files of the period, and
makes the ranked table for the terminal, CSV files and an XLSX workbook (by
unit, by category, by month) and the 通报 as a PDF:

* :mod:`.periods` — the period and the words that name it;
* :mod:`.facts` — what the tally needs of each issue, with a cache keyed by
  the issue files' content;
* :mod:`.tally` — the counting, scoring and ranking (the tie rule is there);
* :mod:`.tables` — the terminal table, CSV and XLSX;
* :mod:`.chart` and :mod:`.report` — the 通报 (layouts/<name>/report.html).

Everything is made in memory first and checked (every character of the 通报
against the fonts) before a file is written; each file is written
atomically. The same inputs give the same bytes in every output.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import write_atomic
from ...errors import IssueError, WeeklyPdfError, display_path
from ...source.load import DEFAULTS_NAME, load_defaults
from ...source.scoring import DEFAULT_SCORING, SCORING_NAME, Scoring, read_scoring
from ...source.units import UNITS_NAME, UnitList, read_units
from ...source.wording import DEFAULT_LAYOUT
from .facts import CACHE_NAME, gather, save_cache
from .periods import Period
from .tally import Tally, tally

#: The outputs ``stats`` can write.
FORMATS = ("csv", "xlsx", "pdf")


@dataclass(frozen=True)
class StatsOptions:
    """What one ``weekly-pdf stats`` run is asked for (equal options, equal outputs)."""

    period: Period
    issues_dir: Path
    #: Where the CSV, XLSX and PDF go.
    out_dir: Path
    formats: frozenset[str] = frozenset(FORMATS)
    #: A unit the unit list does not hold is an error, not a warning.
    strict: bool = False
    #: List every unit of the unit list, those without an adopted article too.
    all_units: bool = False
    #: The 通报's date (None: the last day of the period).
    date: datetime.date | None = None
    layout: str = DEFAULT_LAYOUT
    units_file: Path | None = None
    scoring_file: Path | None = None
    #: The per-file cache of what each issue holds (None: no cache).
    cache_file: Path | None = None


@dataclass
class StatsResult:
    tally: Tally
    units: UnitList | None
    scoring: Scoring
    #: The files written, in order.
    written: list[Path] = field(default_factory=list)
    pages: int = 0
    #: Warnings for the user (unknown units, rules that matched nothing…).
    warnings: list[str] = field(default_factory=list)
    fallbacks: list = field(default_factory=list)
    #: Issue files read from disk (not the cache) this time.
    read: int = 0


def output_names(period: Period) -> dict[str, str]:
    """What each output is called below the output folder."""
    stem = period.stem
    return {"按单位": f"{stem}-按单位.csv", "按类别": f"{stem}-按类别.csv",
            "按月份": f"{stem}-按月份.csv", "xlsx": f"{stem}.xlsx", "pdf": f"{stem}-通报.pdf"}


def _inputs(options: StatsOptions) -> tuple[UnitList | None, Scoring, list[str]]:
    notes = []
    units_file = options.units_file or Path(options.issues_dir) / UNITS_NAME
    units = None
    if units_file.is_file():
        units = read_units(units_file)
    elif options.units_file is not None:
        raise WeeklyPdfError(f"找不到单位名录 {display_path(units_file)}")
    elif options.strict:
        raise WeeklyPdfError(f"--strict 要按单位名录核对供稿单位，但 {display_path(units_file)} 不存在；"
                             f"请先建立单位名录（写法见 docs/stats.md）")
    else:
        notes.append(f"没有单位名录 {display_path(units_file)}：供稿单位按原样统计，不分类别"
                     f"（写法见 docs/stats.md）")
    scoring_file = options.scoring_file or Path(options.issues_dir) / SCORING_NAME
    if scoring_file.is_file():
        scoring = read_scoring(scoring_file)
    elif options.scoring_file is not None:
        raise WeeklyPdfError(f"找不到计分办法 {display_path(scoring_file)}")
    else:
        scoring = DEFAULT_SCORING
        notes.append(f"没有计分办法 {display_path(scoring_file)}：每篇计 1 分，联合报送各计全分，"
                     f"领导批示不加分（写法见 docs/stats.md）")
    return units, scoring, notes


def _empty(options: StatsOptions, gathered, result_tally: Tally) -> WeeklyPdfError:
    period = options.period
    if result_tally.issues:
        return WeeklyPdfError(
            f"{period.label}（{period.span}）的 {result_tally.issues} 期里没有一篇文章写了供稿单位"
            f"（source），没有可统计的内容；请在期刊文件的文章下写上 source")
    where = display_path(Path(options.issues_dir))
    if gathered.years:
        known = f"{where} 里的期刊是 {'、'.join(map(str, gathered.years))} 年的，这段时间里没有出刊的一期"
    else:
        known = f"{where} 里还没有期刊文件"
    return WeeklyPdfError(f"{period.label}（{period.span}）没有期刊：{known}；"
                          f"请检查统计期，或用 --issues 指定期刊文件夹")


def _unmatched_rules(scoring: Scoring, gathered, period: Period) -> list[str]:
    """Warnings for scoring rules naming a column that no issue of the period
    has but one nearly like it (a slip: 主题教有 for 主题教育)."""
    columns = sorted({art.column for _, facts in gathered.issues if facts.date in period
                      for art in facts.articles})
    warnings = []
    for r, rule in enumerate(scoring.rules):
        for c, column in enumerate(rule.columns):
            close = difflib.get_close_matches(column, columns, n=1, cutoff=0.6)
            if column in columns or not close:
                continue
            path = f"points.rules[{r}].columns[{c}]"
            where = scoring.positions.get(path)
            warnings.append(str(IssueError(
                scoring.file, f"统计期内没有栏目“{column}”，有的是“{close[0]}”，是不是写错了？"
                              f"这条规则没有用上",
                line=where[1] if where else None, column=where[2] if where else None,
                path=path)))
    return warnings


def _words(options: StatsOptions, scoring: Scoring):
    from .report import Words
    defaults_file = Path(options.issues_dir) / DEFAULTS_NAME
    defaults = load_defaults(defaults_file)[0] if defaults_file.is_file() else {}
    office = scoring.report.office or defaults.get("publisher")
    if not office:
        raise WeeklyPdfError(f"不知道通报的落款单位：请在 {SCORING_NAME} 的 [report] 里写 office，"
                             f"或在 {DEFAULTS_NAME} 里写 publisher")
    return Words(office=office, date=options.date or options.period.end,
                 publication=defaults.get("publication"), to=scoring.report.to,
                 closing=scoring.report.closing)


def _unit_paths(result_tally: Tally, units: UnitList | None) -> tuple[dict, dict]:
    """Where each unit's name is written (for the glyph check's messages)."""
    paths, positions = {}, {}
    if units is not None:
        for unit in units.units:
            path = f"units[{unit.order}].name"
            paths[unit.name] = path
            if path in units.positions:
                positions[path] = units.positions[path]
    for unknown in result_tally.unknown:
        path = unknown.article.path
        paths.setdefault(unknown.name, path)
        if unknown.article.at:
            positions.setdefault(path, (str(unknown.file.source), *unknown.article.at))
    return paths, positions


@dataclass
class _Prepared:
    """Everything but the rendering of the 通报: made in a forked process while
    this one loads the HTML engine, when that pays (weekly_pdf.aside)."""

    result: StatsResult
    outputs: list[tuple[Path, bytes]]
    gathered: object
    html: str | None = None
    layout: object = None
    office: str = ""


def _prepare(project, options: StatsOptions, fontset_of) -> _Prepared:
    from . import tables

    units, scoring, notes = _inputs(options)
    project.check_output_dir(options.out_dir)
    years = range(options.period.start.year, options.period.end.year + 1)
    gathered = gather(project, options.issues_dir, years, options.cache_file)
    result_tally = tally(options.period, gathered.issues, units, scoring, strict=options.strict,
                         all_units=options.all_units)
    if not result_tally.adopted:
        raise _empty(options, gathered, result_tally)
    result = StatsResult(result_tally, units, scoring, read=gathered.read)
    result.warnings += notes
    if units is not None:
        result.warnings += [str(u.error(units)) for u in result_tally.unknown]
    result.warnings += _unmatched_rules(scoring, gathered, options.period)
    prepared = _Prepared(result, [], gathered)
    if not options.formats:
        return prepared
    words = _words(options, scoring)
    names = output_names(options.period)
    out = Path(options.out_dir)
    if "csv" in options.formats:
        prepared.outputs += [(out / names[name], data)
                             for name, data in tables.csv_files(result_tally).items()]
    if "xlsx" in options.formats:
        prepared.outputs.append((out / names["xlsx"], tables.xlsx_bytes(
            result_tally, title=options.period.title, date=words.date, author=words.office,
            notes=_xlsx_notes(result_tally, words))))
    if "pdf" in options.formats:
        from .report import check_glyphs, render_html, report_layout
        fontset = fontset_of()
        layout = report_layout(project, options.layout)
        paths, positions = _unit_paths(result_tally, units)
        result.fallbacks = check_glyphs(result_tally, words, layout, fontset, paths, positions)
        prepared.html = render_html(result_tally, words, layout, fontset)
        prepared.layout, prepared.office = layout, words.office
    return prepared


def run_stats(project, options: StatsOptions, builder=None) -> StatsResult:
    """Tally the period and write the outputs ``options`` asks for: all made
    in memory first (and every character of the 通报 checked), then each file
    written atomically."""
    from ... import aside

    prepared = None
    if "pdf" in options.formats:
        from ...build import Builder
        builder = builder or Builder(project)
        if builder._renderer is None and aside.worthwhile():
            # Count, tabulate and typeset in a child while this process loads WeasyPrint.
            from ...fonts.fontset import load_fontset
            child = aside.start(lambda: _prepare(project, options,
                                                 lambda: load_fontset(project.fonts_dir)))
            if child is not None:
                builder.renderer
                prepared = child.result()
    if prepared is None:
        prepared = _prepare(project, options, lambda: builder.fontset)
    result = prepared.result
    save_cache(prepared.gathered, options.cache_file)
    outputs = list(prepared.outputs)
    if prepared.html is not None:
        from .report import pdf_bytes
        data, result.pages = pdf_bytes(result.tally, prepared.html, prepared.layout, builder,
                                       result.fallbacks, prepared.office)
        outputs.append((Path(options.out_dir) / output_names(options.period)["pdf"], data))
    for path, data in outputs:
        write_atomic(data, path)
        result.written.append(path)
    return result


def _xlsx_notes(result_tally: Tally, words) -> list[tuple[str, str]]:
    from .report import lead_text, rules_text, table_note
    period = result_tally.period
    return [("通报", period.title), ("统计期", f"{period.span}（按各期的出刊日期）"),
            ("概况", lead_text(result_tally, words)), ("计分办法", rules_text(result_tally.scoring)),
            ("说明", table_note(result_tally)), ("发文单位", words.office),
            ("日期", words.date.isoformat())]


__all__ = ["CACHE_NAME", "FORMATS", "StatsOptions", "StatsResult", "output_names", "run_stats"]
