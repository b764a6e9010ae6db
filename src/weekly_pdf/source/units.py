"""The list of contributing units: issues/units.yaml, read and checked.

Every article may name its contributor (``source:``), typed by whoever wrote
the issue: 北京制冷学会 one week, 北京市制冷学会 the next. The unit list gives
each unit one canonical name, the other names it goes by (aliases) and a
category (区科协, 学会, 机关部门, 高校院所, 企业 …), so that the adoption
statistics (``weekly-pdf stats``) count a unit once, ``check`` can point at a
name that is in no list (and suggest the nearest one), and ``import`` and
``new`` write canonical names.

An article written by several units names them all, separated by 、 (or ，；/):
``source: 海淀区科协、中关村科学城管委会``; :func:`split_source` takes them apart.
How a joint article counts is a rule of the scoring file (:mod:`.scoring`).

Declared with the schema vocabulary (docs/schema.md); every error names file,
line, column and field path in Chinese.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

from ..errors import IssueError, IssueErrors, display_path
from .limits import MAX_LINE_CHARS
from .schema.kinds import INVALID, Context, Field, mapping, sequence, text
from .schema.yaml_reading import UNITS_FILE, compose

#: The unit list's file name, beside publication.yaml (issues/units.yaml).
UNITS_NAME = "units.yaml"

#: What separates the units of a joint article's ``source``.
SEPARATORS = "、，,；;／/"
_SPLIT = re.compile(f"[{re.escape(SEPARATORS)}]")
#: White space inside a name (str.split's, kept as written).
_BLANKS = re.compile(r"(\s+)")

#: The category of a unit the unit list does not hold (statistics, archive site).
UNLISTED = "未列入名录"

#: Most units and categories a list holds (an office has a few hundred at most).
MAX_UNITS = 2000
MAX_CATEGORIES = 50
MAX_ALIASES = 50


def split_source(source: str) -> tuple[str, ...]:
    """The units a ``source`` names: 海淀区科协、中关村科学城管委会 → both, in order,
    each once, blanks dropped."""
    names = (part.strip() for part in _SPLIT.split(source))
    return tuple(dict.fromkeys(name for name in names if name))


def source_pieces(source: str, units: "UnitList | None" = None) -> tuple[tuple[str, str | None], ...]:
    """``source`` cut into pieces that join back to it exactly, in order: each
    name it gives paired with the unit it is counted as (the list's canonical
    name; the name as written when the list does not know it or there is no
    list), the separators and blanks around names paired with None.

    The units are those of :meth:`UnitList.resolve` (a name the list does not
    know whose space-separated parts it all knows is those units), so that the
    archive site shows and filters by the units the statistics count; the
    pieces let a page print the source as written with each name linked to its
    unit: 海淀区科学技术协会、中关村科学城管委会 → (海淀区科学技术协会, 海淀区科协),
    (、, None), (中关村科学城管委会, 中关村科学城管委会).
    """
    out: list[tuple[str, str | None]] = []

    def between(text: str) -> None:
        if text:
            out.append((text, None))

    parts = _SPLIT.split(source)
    separators = _SPLIT.findall(source)
    for i, part in enumerate(parts):
        name = part.strip()
        if not name:
            between(part)
        else:
            lead = part[:len(part) - len(part.lstrip())]
            between(lead)
            unit = units.lookup(name) if units is not None else None
            if unit is None and units is not None and units.joined(name):
                for piece in _BLANKS.split(name):
                    if piece.strip():
                        out.append((piece, units.lookup(piece).name))
                    else:
                        between(piece)
            else:
                out.append((name, unit.name if unit else name))
            between(part[len(lead) + len(name):])
        if i < len(separators):
            between(separators[i])
    return tuple(out)


def source_units(source: str, units: "UnitList | None" = None) -> tuple[str, ...]:
    """The units an article's ``source`` names, as the statistics count them:
    split at the separators (:func:`split_source`), each written as the unit
    list names it (an alias counts as its unit; a name the list does not know,
    or every name when there is no list, as written), each once, in order."""
    return tuple(dict.fromkeys(unit for _, unit in source_pieces(source, units) if unit))


def name_key(name: str) -> str:
    """What two spellings of one name share: full- and half-width forms alike
    (（） and ()), no spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


@dataclass(frozen=True)
class Unit:
    """One unit of the list: its canonical name, category and aliases."""

    name: str
    category: str
    aliases: tuple[str, ...] = ()
    #: Its place in the list, from 0: the office's own order, which breaks ties.
    order: int = 0


@dataclass(frozen=True)
class UnitList:
    """The checked unit list."""

    categories: tuple[str, ...]
    units: tuple[Unit, ...]
    #: The file it was read from (None: made in memory).
    file: Path | None = None
    #: Field path (units[3].name) → (file, line, column) where it is written.
    positions: Mapping[str, tuple[str, int, int]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False)

    def __post_init__(self):
        index = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                index.setdefault(name_key(name), unit)
        object.__setattr__(self, "_index", index)

    def lookup(self, name: str) -> Unit | None:
        """The unit ``name`` (its canonical name or an alias) stands for, or None."""
        return self._index.get(name_key(name))

    def resolve(self, source: str) -> list[tuple[str, Unit | None]]:
        """Each name ``source`` gives (:func:`split_source`) with its unit, or
        None when the list does not know it. A name the list does not know but
        whose space-separated parts it all knows (海淀区科协 中关村科学城管委会)
        is taken as those units."""
        found = []
        for name in split_source(source):
            unit = self.lookup(name)
            if unit is None and (parts := self.joined(name)):
                found += [(part, self.lookup(part)) for part in parts]
            else:
                found.append((name, unit))
        return found

    def joined(self, name: str) -> list[str] | None:
        """The space-separated parts of ``name`` when it is two or more names
        the list knows, each of them (海淀区科协 中关村科学城管委会); else None."""
        parts = name.split()
        return parts if len(parts) > 1 and all(self.lookup(p) for p in parts) else None

    def nearest(self, name: str) -> str | None:
        """The canonical name of the unit whose name or alias is closest to
        ``name`` (北京市制冷学会 → 北京制冷学会), or None when none is close."""
        keys = list(self._index)
        close = difflib.get_close_matches(name_key(name), keys, n=1, cutoff=0.6)
        if not close:
            # A name inside a longer one: 海淀区科协 in 北京市海淀区科学技术协会's place.
            key = name_key(name)
            within = [k for k in keys if len(k) >= 3 and (k in key or key in k)]
            close = sorted(within, key=lambda k: (-len(k), k))[:1]
        return self._index[close[0]].name if close else None

    def canonical(self, source: str) -> str:
        """``source`` with each unit it names written canonically (unknown
        names and the separators as they were)."""
        parts = _SPLIT.split(source)
        seps = _SPLIT.findall(source)
        out = []
        for i, part in enumerate(parts):
            unit = self.lookup(part.strip()) if part.strip() else None
            out.append(part.replace(part.strip(), unit.name) if unit else part)
            if i < len(seps):
                out.append(seps[i])
        return "".join(out)

    def by_category(self) -> Iterator[tuple[str, tuple[Unit, ...]]]:
        """(category, its units) in the list's order of categories."""
        for category in self.categories:
            yield category, tuple(u for u in self.units if u.category == category)


# -- the declaration --------------------------------------------------------------------

_name = text("单位名称", MAX_LINE_CHARS)

UNIT_FIELDS = {
    "name": Field(_name, required=True),
    "category": Field(text("类别", MAX_LINE_CHARS), required=True),
    "aliases": Field(sequence(text("别名", MAX_LINE_CHARS), "别名", MAX_ALIASES)),
}

#: Words an editor may type for a field.
CHINESE_KEYS = {"名称": "name", "单位": "name", "规范名称": "name", "类别": "category",
                "分类": "category", "别名": "aliases", "又名": "aliases", "类别列表": "categories",
                "单位列表": "units", "单位名录": "units"}

UNITS_FIELDS = {
    "categories": Field(sequence(text("类别", MAX_LINE_CHARS), "类别", MAX_CATEGORIES),
                        required=True),
    "units": Field(sequence(mapping(UNIT_FIELDS, "单位", suggestions=CHINESE_KEYS), "单位",
                            MAX_UNITS), required=True),
}

#: The whole file, for the editors' schema (source/schema/editor.py).
UNITS_KIND = mapping(UNITS_FIELDS, "单位名录", suggestions=CHINESE_KEYS)


def _separator_in(name: str) -> str | None:
    """The separator a unit's name must not hold (it would split it), or None."""
    found = _SPLIT.search(name)
    return found[0] if found else None


def read_units(file: Path) -> UnitList:
    """Read and check a unit list; raise :class:`IssueErrors` naming every problem."""
    file = Path(file)
    root, source = compose(file, UNITS_FILE)
    positions: dict[str, tuple[str, int, int]] = {}
    ctx = Context(file, [], positions, source)
    values = UNITS_KIND(ctx, root, "")
    if ctx.errors or values is INVALID:
        raise IssueErrors(ctx.errors)
    categories = values["categories"]
    errors: list[IssueError] = []

    def error(path: str, message: str) -> None:
        where = positions.get(path)
        errors.append(IssueError(file, message, line=where[1] if where else None,
                                 column=where[2] if where else None, path=path))

    seen_categories: dict[str, int] = {}
    for c, category in enumerate(categories):
        if category in seen_categories:
            error(f"categories[{c}]", f"类别“{category}”写了两次（第 {seen_categories[category] + 1} 项"
                                      f"已经有了），请删去一个")
        seen_categories.setdefault(category, c)
    owners: dict[str, tuple[str, str]] = {}  # name key → (unit, path where written)
    units = []
    for u, item in enumerate(values["units"]):
        path = f"units[{u}]"
        if item["category"] not in seen_categories:
            close = difflib.get_close_matches(item["category"], categories, n=1, cutoff=0.5)
            hint = f"，是不是想写 {close[0]}？" if close else "；"
            error(f"{path}.category", f"类别“{item['category']}”不在 categories 里{hint}"
                                      f"可用的类别：{'、'.join(categories)}（新的类别请先加进 categories）")
        names = [("name", item["name"])] + [(f"aliases[{a}]", alias)
                                            for a, alias in enumerate(item.get("aliases", ()))]
        for where, name in names:
            if sep := _separator_in(name):
                error(f"{path}.{where}", f"名称“{name}”里有“{sep}”：联合供稿时用它分隔几个单位，"
                                         f"单位名称里不能有它")
                continue
            key = name_key(name)
            if key in owners:
                owner, at = owners[key]
                same = "这个单位" if owner == item["name"] else f"单位“{owner}”"
                line = positions.get(at)
                error(f"{path}.{where}", f"“{name}”已经是{same}的名称或别名"
                                         f"（{f'第 {line[1]} 行' if line else at}），"
                                         f"一个名称只能指一个单位")
                continue
            owners[key] = (item["name"], f"{path}.{where}")
        units.append(Unit(item["name"], item["category"], tuple(item.get("aliases", ())), u))
    if errors:
        raise IssueErrors(errors)
    return UnitList(tuple(categories), tuple(units), file, MappingProxyType(positions))


def find_units(folder: Path) -> Path | None:
    """units.yaml in ``folder`` or the folder above it (issues/units.yaml for
    an issue in issues/2023/, as publication.yaml is found), or None."""
    folder = Path(folder)
    for candidate in (folder / UNITS_NAME, folder.parent / UNITS_NAME):
        if candidate.is_file():
            return candidate
    return None


def unknown_sources(issue, units: UnitList, skip=lambda source: False) -> list[IssueError]:
    """One problem for each unit an article of ``issue`` names that the list
    does not know, at the line of its ``source`` field, with the nearest name.
    ``skip(source)``: a source not to check (a placeholder still to be filled in)."""
    problems = []
    for s, a, article in issue.articles():
        if not article.source or skip(article.source):
            continue
        path = f"sections[{s}].articles[{a}].source"
        for name, unit in units.resolve(article.source):
            if unit is not None:
                continue
            where = issue.position(path)
            problems.append(IssueError(
                where[0] if where else issue.source_path, unknown_message(name, units),
                line=where[1] if where else None, column=where[2] if where else None, path=path))
    return problems


def unknown_message(name: str, units: UnitList) -> str:
    """What ``check`` and ``stats`` say of a unit ``name`` that is not in the list."""
    listed = display_path(units.file) if units.file else UNITS_NAME
    guess = units.nearest(name)
    hint = f"，是不是 {guess}？请改用规范名称" if guess else "；请改用名录里的规范名称"
    return (f"供稿单位“{name}”不在单位名录 {listed} 里{hint}，"
            f"或者把它作为新单位（或某个单位的别名）加进名录")
