"""Reading and scoring one CV: the core that `mlfit.api` exposes and the batch workers run.

A leaf below both `api` and `batch`, so neither has to import the other.
Heavy modules (spaCy, pypdfium2, python-docx) are imported inside the functions that
need them, so `mlfit --help` and `mlfit rules list` stay fast.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Document, Line, ParseWarning, Profile, Report, Section
from .ruleset.loader import RuleSet, load_ruleset

Source = str | os.PathLike | bytes


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
    lines: tuple[Line, ...] = ()  # the text exactly as mlfit read it, numbered as every L48 reference


def source_info(document: Document) -> dict:
    return {"path": document.path, "format": document.format, "pages": document.pages, "sha256": document.sha256}


def extract(
    source: Source | Document,
    *,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    name: str | None = None,
    redact: bool = False,
) -> Extraction:
    """What mlfit read, before any scoring. ``redact`` removes names, emails, phones and URLs."""
    from .engine import engine_for

    document = source if isinstance(source, Document) else read(source, name=name)
    reading = engine_for(load_rules(rules)).read(document, as_of=as_of)
    extraction = Extraction(source_info(document), reading.warnings, reading.sections, reading.profile, document.lines)
    return _redacted(extraction, document) if redact else extraction


def _redacted(result, document):
    from .redact import redact_report

    return redact_report(result, document)


def analyze(
    source: Source | Document,
    *,
    segments: Sequence[str] | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    name: str | None = None,
    suggestions: bool = True,
    worded_for: str | None = None,
    redact: bool = False,
) -> Report:
    """Read a CV and score it for the chosen segments (all by default), best fit first.

    ``suggestions=False`` skips the rewrites, which cost as much as the rest of the analysis
    (~18 ms of a 2-page CV): a batch writing CSV rows shows none of them. ``worded_for`` words
    the suggestions for that segment instead of the best fit; ``redact`` removes names, emails,
    phones and URLs from every text and hashes the file name."""
    from .engine import engine_for
    from .scoring import failed_gate, score_segments

    ruleset = load_rules(rules)
    chosen = ruleset.select(segments)  # validate before the expensive part
    if worded_for:
        ruleset.select([worded_for])
    document = source if isinstance(source, Document) else read(source, name=name)
    reading = engine_for(ruleset).read(document, as_of=as_of)
    scores = score_segments(chosen, reading.facts)
    warnings = reading.warnings
    gate = failed_gate(chosen, reading.facts)
    if gate is not None:  # not an ML CV: say so, and offer no ML rewrites of its bullets
        warnings += (ParseWarning("no-ml-content", f"{gate.message} Every segment scores 0 until it does ({gate.id})."),)
    found: tuple = ()
    target = None
    if suggestions and gate is None:
        from .suggest import suggest, target_segment

        target = target_segment(ruleset, scores, worded_for)
        found = suggest(reading, scores, ruleset, segment=worded_for)
    report = Report(
        source=source_info(document),
        warnings=warnings,
        profile=reading.profile,
        segments=scores,
        suggestions=found,
        worded_for=target,
    )
    return _redacted(report, document) if redact else report
