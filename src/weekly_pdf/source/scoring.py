"""The scoring rules of the adoption statistics: issues/scoring.toml, read and checked.

Offices score adopted articles differently: by where an item was used (an
ordinary column 5 points, a supplement sent to the leadership 10, the 专报
column 30), by column, with bonus points when a leader writes an instruction
on an article (区级 +10, 市级 +20, 省级 +40), and with joint articles counted
in full for every unit or shared between them. scoring.toml says which:

* ``[points]``: ``default`` points, and ``[[points.rules]]`` tried from the
  top, the first that matches an article deciding its points; a rule names
  ``columns`` (the article's column), ``kinds`` (正刊 or 增刊: the kind of
  issue it appeared in), or both (both must match);
* ``joint``: 各计全分 (every unit of a joint article gets the full points and
  bonus) or 平分 (they share them equally);
* ``[instructions]``: ``points`` per level of a leader's instruction
  (the article field ``instructions``), and ``count``: 最高一条 (only the
  highest instruction of an article counts) or 每条 (each counts);
* ``[report]``: the words of the 通报 the program does not know (主送, 落款,
  a closing paragraph).

Points are exact: they are kept as fractions, so that shares of a joint
article add up to its points (1/3 + 1/3 + 1/3 = 1) and ranks never depend on
rounding. Declared with the schema vocabulary (docs/schema.md); read with
:func:`~.schema.toml_reading.read_toml`, every error with line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Iterable, Mapping

from .limits import MAX_LINE_CHARS, MAX_PARAGRAPH_CHARS
from .model import INSTRUCTION_LEVELS, SUPPLEMENT
from .schema.kinds import Field, choice, mapping, number, record, sequence, text
from .schema.toml_reading import read_toml

#: The scoring file's name, beside publication.yaml (issues/scoring.toml).
SCORING_NAME = "scoring.toml"

#: The kinds of issue an article can appear in: a regular issue or a supplement (增刊).
REGULAR = "正刊"
ISSUE_KINDS = (REGULAR, SUPPLEMENT)

#: How a joint article counts: every unit in full, or shared equally.
EACH, SHARED = "各计全分", "平分"
#: Which of an article's instructions earn a bonus: the highest only, or each.
HIGHEST, EVERY = "最高一条", "每条"

MAX_POINTS = 10_000
MAX_RULES = 200


def issue_kind(series: str | None) -> str:
    """The kind of issue (正刊, 增刊) of an issue's ``series``."""
    return SUPPLEMENT if series == SUPPLEMENT else REGULAR


def exact(value: float | int) -> Fraction | int:
    """A number of the scoring file, exactly: 0.1 is one tenth (a Fraction), a
    whole number an int (sums of ints stay ints: the tally of 500 issues adds
    them fast, and a Fraction joins in only where a share is one)."""
    fraction = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    return fraction.numerator if fraction.denominator == 1 else fraction


@dataclass(frozen=True)
class Rule:
    """Points for an article in one of ``columns`` and/or of one of ``kinds``."""

    points: Fraction
    columns: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def matches(self, column: str, kind: str) -> bool:
        return (not self.columns or column in self.columns) and \
            (not self.kinds or kind in self.kinds)


@dataclass(frozen=True)
class ReportWords:
    """What the 通报 says that the archive does not: 主送, 落款, a closing paragraph."""

    #: The addressees (主送机关), e.g. 各区科协，各市级学会，机关各部门：
    to: str | None = None
    #: The issuing office (落款); None: publication.yaml's publisher.
    office: str | None = None
    #: A closing paragraph (希望各单位……).
    closing: str | None = None


@dataclass(frozen=True)
class Scoring:
    """The checked scoring rules."""

    default: Fraction | int = 1
    rules: tuple[Rule, ...] = ()
    joint: str = EACH
    #: Instruction level → bonus points (a level not named earns none).
    bonus: Mapping[str, Fraction] = field(default_factory=dict)
    count: str = HIGHEST
    #: The scheme's name, printed in the 通报's lead paragraph.
    name: str | None = None
    report: ReportWords = ReportWords()
    #: The file it was read from (None: the built-in default).
    file: Path | None = None
    #: Field path → (file, line, column), for messages about the rules.
    positions: Mapping[str, tuple[str, int, int]] = field(
        default_factory=dict, compare=False, repr=False)

    def points_for(self, column: str, kind: str) -> Fraction:
        """The points of an article in ``column`` of an issue of ``kind``."""
        for rule in self.rules:
            if rule.matches(column, kind):
                return rule.points
        return self.default

    def bonus_for(self, levels: Iterable[str]) -> Fraction:
        """The bonus of an article whose instructions are of ``levels``."""
        points = [self.bonus.get(level, 0) for level in levels]
        if not points:
            return 0
        return max(points) if self.count == HIGHEST else sum(points)

    @property
    def shared(self) -> bool:
        return self.joint == SHARED


#: Without a scoring file: one point an article, joint articles in full, no bonus.
DEFAULT_SCORING = Scoring(name="每篇 1 分")


# -- the declaration --------------------------------------------------------------------

def _points(what: str):
    return number(what, 0, MAX_POINTS, example=5, unit="分")


def _rule_problems(values: dict) -> list[tuple[str, str]]:
    if not values.get("columns") and not values.get("kinds"):
        return [("points", "规则要写 columns（栏目）或 kinds（正刊、增刊），或两者都写；"
                           "对所有文章都适用的分数请写成 [points] 下的 default")]
    return []


RULE = record({
    "columns": Field(sequence(text("栏目名称", MAX_LINE_CHARS), "栏目")),
    "kinds": Field(sequence(choice(ISSUE_KINDS, "刊物种类", {"正常": REGULAR, "专刊": SUPPLEMENT,
                                                         "regular": REGULAR,
                                                         "supplement": SUPPLEMENT}), "刊物种类")),
    "points": Field(_points("这条规则的分数"), required=True),
}, "计分规则", build=lambda v: Rule(exact(v["points"]), tuple(v.get("columns", ())),
                                  tuple(v.get("kinds", ()))), rules=_rule_problems)

_JOINT_WORDS = {"each": EACH, "full": EACH, "全分": EACH, "各得全分": EACH, "shared": SHARED,
                "share": SHARED, "split": SHARED, "均分": SHARED, "平均": SHARED}
_COUNT_WORDS = {"highest": HIGHEST, "max": HIGHEST, "最高": HIGHEST, "all": EVERY, "each": EVERY,
                "sum": EVERY, "全部": EVERY, "每条都加": EVERY}

SCORING_FIELDS = {
    "name": Field(text("计分办法的名称", MAX_LINE_CHARS)),
    "joint": Field(choice((EACH, SHARED), "联合供稿的计分方法", _JOINT_WORDS)),
    "points": Field(mapping({
        "default": Field(_points("文章的默认分数"), required=True),
        "rules": Field(sequence(RULE, "计分规则", MAX_RULES)),
    }, "按栏目、刊物种类计分"), required=True),
    "instructions": Field(mapping({
        "count": Field(choice((HIGHEST, EVERY), "几条批示怎样加分", _COUNT_WORDS)),
        "points": Field(mapping({level: Field(_points(f"{level}领导批示的加分"))
                                 for level in INSTRUCTION_LEVELS}, "各级领导批示的加分"),
                        required=True),
    }, "领导批示加分")),
    "report": Field(mapping({
        "to": Field(text("主送单位", MAX_LINE_CHARS)),
        "office": Field(text("落款的发文单位", MAX_LINE_CHARS)),
        "closing": Field(text("通报的结尾一段", MAX_PARAGRAPH_CHARS)),
    }, "通报的文字")),
}


def _build(values: dict) -> Scoring:
    points = values["points"]
    instructions = values.get("instructions", {})
    report = values.get("report", {})
    return Scoring(
        default=exact(points["default"]), rules=tuple(points.get("rules", ())),
        joint=values.get("joint", EACH),
        bonus={level: exact(value) for level, value in instructions.get("points", {}).items()},
        count=instructions.get("count", HIGHEST), name=values.get("name"),
        report=ReportWords(report.get("to"), report.get("office"), report.get("closing")))


#: The whole file (and the editors' schema: source/schema/editor.py).
SCORING_KIND = record(SCORING_FIELDS, "计分办法", build=_build)


def read_scoring(file: Path) -> Scoring:
    """Read and check a scoring file; raise :class:`~weekly_pdf.errors.IssueErrors`
    naming every problem with line and column."""
    positions: dict[str, tuple[str, int, int]] = {}
    scoring = read_toml(Path(file), SCORING_KIND, what="计分办法文件", positions=positions)
    return replace(scoring, file=Path(file), positions=positions)


def find_scoring(folder: Path) -> Path | None:
    """scoring.toml in ``folder`` (issues/), or None."""
    candidate = Path(folder) / SCORING_NAME
    return candidate if candidate.is_file() else None
