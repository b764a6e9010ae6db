"""Contributors written the way the unit list names them.

An imported issue or Word article names its contributor as the source printed
it (北京市制冷学会); when the unit list (units.yaml, beside publication.yaml)
knows the name as an alias, the issue file gets the canonical name
(北京制冷学会), so that ``check`` and ``stats`` count it without a warning. A
name the list does not know is kept as it is, with a note suggesting the
nearest one.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import WeeklyPdfError, display_path
from ..units import find_units, read_units, split_source


def canonical_sources(articles, target: Path) -> list[str]:
    """Rewrite each article's ``source`` canonically, for an issue file at
    ``target``; return notes for the user (names the list does not know)."""
    found = find_units(Path(target).parent)
    if found is None or not any(article.source for article in articles):
        return []
    try:
        units = read_units(found)
    except WeeklyPdfError:
        return [f"单位名录 {display_path(found)} 有错误（weekly-pdf check 会指出），供稿单位按原样写出"]
    notes = []
    for article in articles:
        if not article.source:
            continue
        article.source = units.canonical(article.source)
        for name in split_source(article.source):
            if units.lookup(name) is None:
                guess = units.nearest(name)
                hint = f"，是不是 {guess}？" if guess else "；"
                notes.append(f"供稿单位“{name}”不在单位名录 {display_path(found)} 里{hint}"
                             f"请核对，或把它加进名录")
    return notes
