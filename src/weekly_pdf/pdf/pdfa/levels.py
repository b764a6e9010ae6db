"""The PDF/A levels weekly-pdf can write, and how a setting names one."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import WeeklyPdfError


class LevelError(WeeklyPdfError, ValueError):
    """A PDF/A level that weekly-pdf does not write."""


@dataclass(frozen=True)
class Level:
    """One PDF/A conformance level, e.g. part 1, conformance B."""

    part: int
    conformance: str

    @property
    def name(self) -> str:
        """The short name users write: 1b."""
        return f"{self.part}{self.conformance.lower()}"

    @property
    def label(self) -> str:
        """The name printed for people: PDF/A-1b."""
        return f"PDF/A-{self.name}"

    @property
    def variant(self) -> str:
        """WeasyPrint's ``pdf_variant`` for this level."""
        return f"pdf/a-{self.name}"

    @property
    def allows_opentype(self) -> bool:
        """PDF/A-1 (PDF 1.4) knows no OpenType font files; PDF/A-2 does."""
        return self.part >= 2


LEVELS = {level.name: level for level in (Level(1, "B"), Level(2, "B"))}

#: Words that switch archival mode off (e.g. to override publication.yaml).
OFF = ("none", "off", "no", "false")


def parse_level(value) -> Level | None:
    """A level from a setting: "1b", "2B", "pdf/a-2b"; None for off.

    Raises :class:`LevelError`, with a Chinese message, for anything else.
    """
    if value is None or value is False:
        return None
    if isinstance(value, Level):
        return value
    if value is True:
        return LEVELS["1b"]
    text = str(value).strip().lower()
    if text in OFF:
        return None
    for prefix in ("pdf/a-", "pdfa-", "a-"):
        text = text.removeprefix(prefix)
    if text in LEVELS:
        return LEVELS[text]
    raise LevelError(f"不认识的 PDF/A 级别“{value}”，可用：{'、'.join(LEVELS)}（或 none 表示不用）")


def resolve_level(requested, default) -> Level | None:
    """The level a build uses: ``requested`` (None: not said) over ``default``."""
    return parse_level(default if requested is None else requested)
