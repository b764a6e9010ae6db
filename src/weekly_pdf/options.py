"""What a user chooses for a build, parsed once where it enters.

Like Black's ``Mode``: frozen, typed, compared by value. The command line
parses its flags into one :class:`BuildOptions` and hands it, whole, to the
builder or to every worker of a batch; publication.yaml's ``pdfa:`` is parsed
into a :class:`Level` by the loader. Nothing downstream parses a level again.

Nothing here knows how a level is written: that is the PDF stage's variants
registry (:mod:`weekly_pdf.pdf.variants`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import WeeklyPdfError


class LevelError(WeeklyPdfError, ValueError):
    """A PDF/A level that weekly-pdf does not write."""


@dataclass(frozen=True, order=True)
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
    def allows_opentype(self) -> bool:
        """PDF/A-1 (PDF 1.4) knows no OpenType font files; PDF/A-2 does."""
        return self.part >= 2


LEVELS = {level.name: level for level in (Level(1, "B"), Level(2, "B"))}

#: Words that switch archival mode off (e.g. to override publication.yaml).
OFF = ("none", "off", "no", "false")


def parse_level(value) -> Level | None:
    """A level from what a person wrote: "1b", "2B", "pdf/a-2b", true (1b);
    None for off ("none", false).

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


#: ``BuildOptions.pdfa`` when the command line said nothing: the issue's own
#: setting (``pdfa:`` in publication.yaml) decides.
AS_PUBLISHED = "as published"
#: ``BuildOptions.pdfa`` for ``--no-pdfa``: a plain PDF whatever publication.yaml says.
PLAIN = "plain"


@dataclass(frozen=True)
class BuildOptions:
    """How to build, as the command line asked; the same for every issue of a batch.

    Its equality is part of every cache key that depends on it (the batch's
    per-issue input key among them), so a new option can never leave a stale
    result behind.
    """

    #: A :class:`Level`, :data:`PLAIN` or :data:`AS_PUBLISHED`.
    pdfa: Level | str = AS_PUBLISHED
    #: Also write the OFD (GB/T 33190) of the same pages beside each PDF.
    ofd: bool = False

    def __post_init__(self):
        if not isinstance(self.pdfa, Level) and self.pdfa not in (AS_PUBLISHED, PLAIN):
            raise TypeError(f"BuildOptions.pdfa must be a Level, PLAIN or AS_PUBLISHED, "
                            f"not {self.pdfa!r}")

    def level(self, published: Level | None) -> Level | None:
        """The PDF/A level of an issue whose publication.yaml asks for ``published``
        (None: a plain PDF)."""
        if self.pdfa == AS_PUBLISHED:
            return published
        if self.pdfa == PLAIN:
            return None
        return self.pdfa

    @property
    def key(self) -> str:
        """A stable text for the batch's fingerprints (changes when an option does)."""
        pdfa = self.pdfa.name if isinstance(self.pdfa, Level) else self.pdfa
        return f"pdfa={pdfa}" + (";ofd" if self.ofd else "")
