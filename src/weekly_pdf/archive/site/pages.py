"""The pages of the archive site, rendered from the layout's site templates.

The look lives outside Python, in ``layouts/<layout>/site/`` (Jinja2 templates
``index.html``, ``year.html``, ``issue.html``, ``units.html``, ``unit.html``
around ``base.html``, and ``assets/``: the style sheet and the search script),
so that it can be changed like a PDF layout. This module prepares what each
template shows (plain values: every link already relative to the page) and
renders it with autoescape on and undefined names refused. White space between
tags that holds a line break is dropped from the output: the templates may be
laid out for reading, the pages stay small.

Where the pages are, below the site folder::

    index.html                 首页: search, the years
    <year>/index.html          the year's issues
    <year>/<stem>.html         one issue (2023/2023-20.html, 2023/2023-s01.html)
    units/index.html           every contributing unit (供稿单位), by category
    units/<id>.html            one unit's articles (id: u + 10 hex of its name's sha256)
    assets/…                   the layout's site assets
    data/site.js, data/<year>.js   the search's settings and data (:mod:`.data`)
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ...source.units import UNLISTED, UnitList
from ..texts import ArticleText, IssueText


def issue_page(issue: IssueText) -> str:
    return f"{issue.year}/{issue.stem}.html"


def year_page(year: int) -> str:
    return f"{year}/index.html"


def unit_page(unit: str) -> str:
    return f"units/u{hashlib.sha256(unit.encode('utf-8')).hexdigest()[:10]}.html"


#: White space between two tags that holds a line break: the templates' layout,
#: never text (the loader refuses a field of nothing but white space).
_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*<")

UNITS_PAGE = "units/index.html"
INDEX_PAGE = "index.html"


def href(page: str, target: str) -> str:
    """The link from the site page ``page`` to the site path ``target`` (both
    relative to the site folder, with /, no "..")."""
    page_dir = page.rpartition("/")[0]
    target_dir, _, name = target.rpartition("/")
    if page_dir == target_dir:
        return name
    return "../" * (page_dir.count("/") + 1 if page_dir else 0) + target


def file_href(site_dir: Path, page: str, target: Path) -> str:
    """The link from a site page to a file outside the site (a PDF, a preview),
    relative so that the folder can be moved or shared whole."""
    return _file_href(str(site_dir), page.rpartition("/")[0], str(target))


@lru_cache(maxsize=4096)
def _file_href(site_dir: str, page_dir: str, target: str) -> str:
    folder = os.path.abspath(os.path.join(site_dir, page_dir))
    return quote(Path(os.path.relpath(os.path.abspath(target), folder)).as_posix())


def newest_first(issue: IssueText) -> tuple:
    """Sort key, with reverse=True: the newest issue first, as the search orders
    its hits (date, then year, a supplement after a regular issue, number)."""
    return (issue.date, issue.year, issue.supplement, issue.number)


def size_text(size: int) -> str:
    """386 KB, 1.2 MB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


@dataclass
class PdfFacts:
    """An issue's PDF as the site links it."""

    path: Path
    size: int
    pages: int | None
    #: Per article (print order): the page it starts on, None when unknown.
    starts: list[int | None]
    previews: list[Path] = field(default_factory=list)


@dataclass
class SiteIssue:
    """One issue of the site: its words, its page, its PDF (if built)."""

    text: IssueText
    page: str
    pdf: PdfFacts | None


@dataclass
class UnitGroup:
    """A category of units as the units index and the unit filter list them;
    ``category`` None when the archive has no unit list."""

    category: str | None
    #: (unit, its articles in archive order), most articles first.
    units: list[tuple[str, list[tuple[SiteIssue, ArticleText]]]]

    @property
    def articles(self) -> int:
        """Articles counted per unit (a joint article once for each of its units
        here), as the statistics' category rows add them up."""
        return sum(len(articles) for _, articles in self.units)


def unit_groups(found: dict[str, list[tuple[SiteIssue, ArticleText]]],
                units: UnitList | None) -> list[UnitGroup]:
    """The units articles name, grouped by the unit list's categories in its
    order, the units it does not hold last (未列入名录); in a group, most
    articles first, then the list's order, then the name. Without a list: one
    group of every unit."""
    if units is None:
        return [UnitGroup(None, sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])))] \
            if found else []
    listed = {u.name: u for u in units.units}
    groups = []
    for category in (*units.categories, UNLISTED):
        members = [(name, articles) for name, articles in found.items()
                   if (listed[name].category if name in listed else UNLISTED) == category]
        members.sort(key=lambda kv: (-len(kv[1]), listed[kv[0]].order if kv[0] in listed else 0,
                                     kv[0]))
        if members:
            groups.append(UnitGroup(category, members))
    return groups


def render_all(env, site_dir: Path, issues: list[SiteIssue], publication: str,
               units: UnitList | None = None) -> dict[str, bytes]:
    """Every page of the site: site path → bytes. ``units``: the archive's unit
    list, which names the units of each article (its source split, aliases
    written as their units) and their categories."""
    out: dict[str, bytes] = {}
    years: dict[int, list[SiteIssue]] = {}
    for item in issues:
        years.setdefault(item.text.year, []).append(item)
    found: dict[str, list[tuple[SiteIssue, ArticleText]]] = {}
    columns: dict[str, int] = {}
    for item in issues:
        for article in item.text.articles:
            columns[article.column] = columns.get(article.column, 0) + 1
            for unit in article.units(units):
                found.setdefault(unit, []).append((item, article))
    groups = unit_groups(found, units)

    def page(template: str, path: str, **values) -> None:
        values.update(root=href(path, INDEX_PAGE).removesuffix(INDEX_PAGE),
                      publication=publication, page=path,
                      link=lambda target: href(path, target),
                      file=lambda target: file_href(site_dir, path, target))
        html = env.get_template(template).render(**values)
        out[path] = _BETWEEN_TAGS.sub("><", html).encode("utf-8")

    def issue_view(item: SiteIssue, path: str) -> dict:
        pdf = item.pdf
        return {"issue": item.text, "href": href(path, item.page),
                "pdf": None if pdf is None else {
                    "href": file_href(site_dir, path, pdf.path), "size": size_text(pdf.size),
                    "pages": pdf.pages}}

    def article_view(item: SiteIssue, article, path: str) -> dict:
        start = None
        if item.pdf is not None and article.no <= len(item.pdf.starts):
            start = item.pdf.starts[article.no - 1]
        return {"article": article, "href": f"{href(path, item.page)}#a{article.no}",
                # The source as written, each name linked to its unit's page.
                "source": [{"text": text, "href": href(path, unit_page(unit)) if unit else None}
                           for text, unit in article.source_pieces(units)],
                "pdf_page": start,
                "pdf_page_href": (f"{file_href(site_dir, path, item.pdf.path)}#page={start}"
                                  if start else None)}

    newest = issues[-1] if issues else None
    for position, item in enumerate(issues):
        path = item.page
        previous = issues[position - 1] if position > 0 else None
        following = issues[position + 1] if position + 1 < len(issues) else None
        page("issue.html", path, **issue_view(item, path),
             columns=[(column, [article_view(item, a, path) for a in articles])
                      for column, articles in item.text.columns()],
             previews=[file_href(site_dir, path, p) for p in (item.pdf.previews if item.pdf else [])],
             year_href=href(path, year_page(item.text.year)),
             previous=issue_view(previous, path) if previous else None,
             next=issue_view(following, path) if following else None)
    for year, items in years.items():
        path = year_page(year)
        page("year.html", path, year=year,
             issues=[{**issue_view(item, path),
                      "columns": [(column, [article_view(item, a, path) for a in articles])
                                  for column, articles in item.text.columns()]}
                     for item in sorted(items, key=lambda item: newest_first(item.text),
                                        reverse=True)])
    listed = {u.name: u for u in units.units} if units else {}
    for group in groups:
        for unit, articles in group.units:
            path = unit_page(unit)
            ordered = sorted(articles, key=lambda pair: newest_first(pair[0].text), reverse=True)
            page("unit.html", path, unit=unit, category=group.category,
                 aliases=listed[unit].aliases if unit in listed else (),
                 units_href=href(path, UNITS_PAGE),
                 articles=[{**issue_view(item, path), **article_view(item, article, path),
                            "written": article.source if article.source.strip() != unit else None}
                           for item, article in ordered])
    page("units.html", UNITS_PAGE, unit_count=len(found),
         groups=[{"category": group.category, "count": len(group.units),
                  "articles": group.articles,
                  "units": [{"name": unit, "count": len(articles),
                             "href": href(UNITS_PAGE, unit_page(unit)),
                             "latest": articles[-1][0].text.date_text}
                            for unit, articles in group.units]}
                 for group in groups])
    page("index.html", INDEX_PAGE,
         years=[{"year": year, "href": year_page(year), "count": len(items),
                 "first": items[0].text, "last": items[-1].text}
                for year, items in sorted(years.items(), reverse=True)],
         newest=issue_view(newest, INDEX_PAGE) if newest else None,
         issue_count=len(issues),
         article_count=sum(len(item.text.articles) for item in issues),
         unit_count=len(found),
         columns=sorted(columns, key=lambda c: (-columns[c], c)),
         unit_groups=[(group.category, [unit for unit, _ in group.units]) for group in groups],
         data=["data/site.js"] + [f"data/{year}.js" for year in sorted(years)])
    return out
