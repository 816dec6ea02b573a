"""The library surface the CLI (and anyone else) calls. Pure: no printing, no exiting.

Heavy modules (spaCy, pypdfium2, python-docx) are imported inside the functions
that need them, so `mlfit --help` and `mlfit rules list` stay fast.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .model import Document, ParseWarning, Profile, Report, Section
from .ruleset.loader import Example, Rule, RuleSet, load_ruleset

Source = str | os.PathLike | bytes

EXAMPLE_PASS = 0.5  # a good example must reach this strength, a bad one must stay below it


@lru_cache(maxsize=8)
def _cached_rules(dirs: tuple[str, ...]) -> RuleSet:
    return load_ruleset(dirs)


def load_rules(rules_dirs: Iterable[str | os.PathLike] = ()) -> RuleSet:
    """Built-in packs plus the user's (`--rules DIR`)."""
    return _cached_rules(tuple(str(Path(d)) for d in rules_dirs))


def read(source: Source, *, name: str | None = None) -> Document:
    from .ingest import read_document

    return read_document(source, name=name)


@dataclass(frozen=True)
class Extraction:
    source: dict
    warnings: tuple[ParseWarning, ...]
    sections: tuple[Section, ...]
    profile: Profile


def _source_info(document: Document) -> dict:
    return {"path": document.path, "format": document.format, "pages": document.pages, "sha256": document.sha256}


def extract(source: Source | Document, *, rules: Iterable[str] = (), as_of: dt.date | None = None, name: str | None = None) -> Extraction:
    from .engine import engine_for

    document = source if isinstance(source, Document) else read(source, name=name)
    reading = engine_for(load_rules(rules)).read(document, as_of=as_of)
    return Extraction(_source_info(document), reading.warnings, reading.sections, reading.profile)


def analyze(
    source: Source | Document,
    *,
    segments: Sequence[str] | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    name: str | None = None,
) -> Report:
    """Read a CV and score it for the chosen segments (all by default), best fit first."""
    from .engine import engine_for
    from .scoring import score_segments

    ruleset = load_rules(rules)
    chosen = ruleset.select(segments)  # validate before the expensive part
    document = source if isinstance(source, Document) else read(source, name=name)
    reading = engine_for(ruleset).read(document, as_of=as_of)
    scores = score_segments(chosen, reading.facts)
    from .suggest import suggest

    return Report(
        source=_source_info(document),
        warnings=reading.warnings,
        profile=reading.profile,
        segments=scores,
        suggestions=suggest(reading, scores, ruleset),
    )


def rewrite(
    source: Source | Document,
    *,
    segment: str | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    name: str | None = None,
) -> Report:
    """Every bullet worth changing, most valuable first, in ``segment``'s wording (default: the best fit).

    The report scores every segment, so each suggestion says what it is worth on each of them;
    ``report.suggestions`` is the list.
    """
    from .engine import engine_for
    from .scoring import score_segments
    from .suggest import suggest

    ruleset = load_rules(rules)
    if segment:
        ruleset.select([segment])  # validate before the expensive part
    document = source if isinstance(source, Document) else read(source, name=name)
    reading = engine_for(ruleset).read(document, as_of=as_of)
    scores = score_segments(ruleset.select(None), reading.facts)
    return Report(
        source=_source_info(document),
        warnings=reading.warnings,
        profile=reading.profile,
        segments=scores,
        suggestions=suggest(reading, scores, ruleset, segment=segment),
    )


def score_many(
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    timeout: float | None = None,
    segments: Sequence[str] | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    on_result=None,
    **options,
):
    """Score many CVs in worker processes (default: one per core); ``on_result(FileResult)`` is called
    once per path, in input order. A file that cannot be read is an error result, not an exception.
    Returns :class:`mlfit.batch.BatchStats` (with ``.results`` when no ``on_result`` is given).
    See :func:`mlfit.batch.score_many` for ``timeout``, ``full``, ``redact`` and the rest."""
    from . import batch

    return batch.score_many(
        [p if isinstance(p, batch.Target) else os.fspath(p) for p in paths],
        jobs=jobs, timeout=batch.DEFAULT_TIMEOUT if timeout is None else timeout, segments=segments,
        rules=tuple(str(r) for r in rules), as_of=as_of, on_result=on_result, **options,
    )


# -- rule examples: the same harness for the test suite and `mlfit rules check` ----------


@dataclass(frozen=True)
class ExampleOutcome:
    rule: Rule
    example: Example
    strength: float

    @property
    def passed(self) -> bool:
        return self.strength >= EXAMPLE_PASS if self.example.good else self.strength < EXAMPLE_PASS


def example_document(text: str) -> Document:
    """An example is a small CV; without headings, each line is an experience bullet."""
    from .ingest import read_document
    from .sections import heading_name
    from .model import Line

    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not any(heading_name(Line(1, ln.strip())) not in (None, "other") for ln in lines):
        bullet = ("-", "•", "*")
        text = "EXPERIENCE\n" + "\n".join(ln if ln.lstrip().startswith(bullet) else f"- {ln.strip()}" for ln in lines)
    return read_document(text.encode("utf-8"), name="example.txt")


def run_examples(ruleset: RuleSet, rules: Iterable[Rule] | None = None) -> list[ExampleOutcome]:
    from .checks import evaluate
    from .engine import engine_for

    engine = engine_for(ruleset)
    outcomes = []
    for rule in rules if rules is not None else ruleset.rules.values():
        for example in rule.examples:
            reading = engine.read(example_document(example.text), as_of=dt.date(2026, 6, 1))
            outcomes.append(ExampleOutcome(rule, example, evaluate(rule, reading.facts).strength))
    return outcomes
