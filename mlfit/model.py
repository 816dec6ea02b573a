"""Plain, frozen data that flows between mlfit's layers.

Nothing here imports spaCy: from extraction onwards every value is a plain
dataclass so that reports serialise to JSON and cross process boundaries cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA_VERSION = "1.2"

# Line hints that a reader may know from the file format itself.
HINT_NONE = ""
HINT_HEADING = "heading"
HINT_BULLET = "bullet"


@dataclass(frozen=True)
class ParseWarning:
    code: str
    message: str


@dataclass(frozen=True)
class Line:
    """One line of normalised CV text.

    ``no`` is 1-based, as a human counts lines in the text mlfit read.
    ``hint`` is what the format says about the line (a DOCX heading style, a
    Markdown ``#``, a list item); section detection also works without it.
    Bullet markers are stripped from ``text`` when ``hint`` is ``bullet``.
    """

    no: int
    text: str
    page: int = 1
    hint: str = HINT_NONE


@dataclass(frozen=True)
class Document:
    lines: tuple[Line, ...]
    format: str  # pdf | docx | txt | md
    pages: int = 1
    warnings: tuple[ParseWarning, ...] = ()
    path: str = "-"
    sha256: str = ""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Section:
    name: str  # canonical: header, summary, experience, projects, skills, education, certifications, publications, awards, clearance, other
    heading: str  # the heading as written ("" for the implicit header block)
    start: int  # first line number of the body (1-based, inclusive)
    end: int  # last line number (inclusive); start - 1 when the heading has nothing under it

    @property
    def empty(self) -> bool:
        return self.end < self.start


@dataclass(frozen=True)
class Skill:
    id: str
    label: str
    category: str
    listed: bool  # named in a skills list
    demonstrated: bool  # used in an experience or project bullet
    recognised: bool = True  # False: a skills-list item the vocabulary does not know
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One quantity of a claim: "40%", "from 120 ms to 38 ms" (value 38: the result), "tripled"."""

    text: str
    line: int
    kind: str
    direction: str
    value: float | None
    unit: str
    baseline: str | None = None
    target: str | None = None
    redacted: bool = False


@dataclass(frozen=True)
class Outcome:
    """One claim of a result: a sentence of a bullet with one or more quantities. Its own fields
    are those of its first quantity; ``measures`` holds every one, that first one included."""

    text: str  # the quantified phrase
    line: int
    kind: str  # latency, cost, revenue, conversion, accuracy, throughput, reliability, time_saved, scale, adoption, team (people led), other
    direction: str  # up | down | none
    value: float | None
    unit: str  # %, x, ms, s, $, users, qps, ...
    baseline: str | None = None
    target: str | None = None
    guardrail: str | None = None  # "while keeping p99 under 50 ms"
    redacted: bool = False
    claim: str = ""  # the sentence that states it
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Role:
    """A dated position of an experience section, read from its entry lines."""

    title: str
    line: int  # the line that holds the dates
    start: str  # YYYY-MM
    end: str  # YYYY-MM
    months: int
    internship: bool = False
    kind: str = "full-time"  # full-time | internship | teaching | research assistant | part-time | volunteer
    employer: str = ""  # "" when the entry does not say which part is the employer


@dataclass(frozen=True)
class Profile:
    sections: tuple[Section, ...]
    skills: tuple[Skill, ...]
    outcomes: tuple[Outcome, ...]
    bullets: tuple[int, ...]  # line numbers of achievement bullets
    roles: tuple[Role, ...] = ()
    years: float | None = None
    seniority: str | None = None  # early | mid | senior
    clearance: tuple[str, ...] = ()
    location: str | None = None
    work_mode: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str


@dataclass(frozen=True)
class Contribution:
    """What one rule gave or cost one segment's score."""

    rule_id: str
    name: str
    kind: str
    weight: float
    strength: float  # 0..1
    points: float  # earned, 0..max_points
    max_points: float
    evidence: tuple[Evidence, ...] = ()  # lines that earned points
    problems: tuple[Evidence, ...] = ()  # lines that lost points (weak bullets, ...)
    message: str = ""  # the fix, shown when points were lost
    source: str = ""

    @property
    def lost(self) -> float:
        return round(self.max_points - self.points, 2)


@dataclass(frozen=True)
class SegmentScore:
    id: str
    title: str
    score: float
    rank: int
    contributions: tuple[Contribution, ...]
    notes: tuple[str, ...] = ()  # the article's market notes for this segment


@dataclass(frozen=True)
class Suggestion:
    rule_id: str
    line: int | None
    before: str
    after: str
    placeholders: tuple[str, ...]
    why: str
    source: str
    gain: dict[str, float] = field(default_factory=dict)  # segment id -> points if the placeholders are filled truthfully
    kind: str = ""  # the recommendation: outcome_first, quantify, ownership, mlops, keywords, proof_point, summary, segment
    rules: tuple[str, ...] = ()  # every rule the rewrite answers, rule_id first
    segment: str | None = None  # whose wording the rewrite uses


@dataclass(frozen=True)
class Report:
    source: dict[str, Any]
    warnings: tuple[ParseWarning, ...]
    profile: Profile
    segments: tuple[SegmentScore, ...]
    suggestions: tuple[Suggestion, ...] = ()
    schema_version: str = SCHEMA_VERSION
    worded_for: str | None = None  # the segment whose wording the suggestions use (`mlfit rewrite --segment`)

    @property
    def best_segment(self) -> str | None:
        return self.segments[0].id if self.segments else None


def to_dict(value: Any) -> Any:
    """Recursively turn dataclasses (and tuples of them) into JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_dict(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, Contribution):
            out["lost"] = value.lost
        if isinstance(value, Report):
            out["best_segment"] = value.best_segment
        return out
    if isinstance(value, (list, tuple)):
        return [to_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: to_dict(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 2)
    return value
