"""The library surface the CLI (and anyone else) calls. Pure: no printing, no exiting.

Heavy modules (spaCy, pypdfium2, python-docx) are imported inside the functions
that need them, so `mlfit --help` and `mlfit rules list` stay fast.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .analysis import Extraction, Source, analyze, extract, load_rules, read
from .ingest.limits import DEFAULT_FILE_TIMEOUT
from .model import Document, ParseWarning, Report
from .ruleset.loader import Example, Rule, RuleSet

__all__ = [
    "Extraction",
    "Source",
    "analyze",
    "batch_rows",
    "batch_writer",
    "cohort_summary",
    "discover",
    "example_document",
    "extract",
    "is_batch",
    "load_rules",
    "read",
    "read_results",
    "results_header",
    "resume_batch",
    "rewrite",
    "run_examples",
    "score_many",
]

EXAMPLE_PASS = 0.5  # a good example must reach this strength, a bad one must stay below it


def rewrite(
    source: Source | Document,
    *,
    segment: str | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    name: str | None = None,
    redact: bool = False,
) -> Report:
    """Every bullet worth changing, most valuable first, in ``segment``'s wording (default: the best fit).

    The report scores every segment, so each suggestion says what it is worth on each of them;
    ``report.suggestions`` is the list.
    """
    return analyze(source, rules=rules, as_of=as_of, name=name, worded_for=segment, redact=redact)


def strict_failures(warnings: Iterable[ParseWarning | str]) -> list[str]:
    """The warning codes that ``--strict`` turns into exit 3: the CV was probably misread."""
    from .misread import STRICT_CODES

    codes = (w.code if isinstance(w, ParseWarning) else w for w in warnings)
    return list(dict.fromkeys(code for code in codes if code in STRICT_CODES))


def is_batch(paths: Sequence[str], *, fmt: str = "human", resume: bool = False, summary: bool = False) -> bool:
    """Is this `mlfit score` run a batch? Several paths, a directory, a row format (csv, jsonl) or a
    batch-only option; one file (or ``-``) is the single-CV report."""
    return len(paths) > 1 or any(p != "-" and os.path.isdir(p) for p in paths) or fmt in ("csv", "jsonl") or resume or summary


def discover(paths: Sequence[str], *, recursive: bool = False, exclude: Iterable[str] = ()):
    """The CV files under ``paths`` in a deterministic order (:func:`mlfit.batch.discover`)."""
    from . import batch

    return batch.discover(paths, recursive=recursive, exclude=exclude)


def resume_batch(targets, path: str, fmt: str, expected_header: Sequence[str], *, redact: bool = False):
    """``--resume``: (the targets not yet in the results file ``path``, how many were already there)."""
    from . import batch

    return batch.resume(targets, path, fmt, expected_header, redact=redact)


def batch_rows(path: str, fmt: str):
    """Every row of a CSV or JSONL results file, or None when it cannot be read."""
    from . import batch

    return batch.rows_in(path, fmt)


def read_results(path: str):
    """A results file of `mlfit score DIR` (JSONL, batch JSON, one JSON report or CSV) as rows:
    -> (rows, {rule id: name and message}, torn lines skipped). Raises a one-line MlfitError."""
    from .batch.store import read_results as read

    return read(path)


def results_header(segment_ids: Sequence[str]) -> list[str]:
    """The CSV header of a batch that scores these segments (what --resume expects to find)."""
    from .batch.rows import csv_header

    return csv_header(segment_ids)


def batch_writer(fmt: str, path: str | None, segment_ids: Sequence[str], *, append: bool = False):
    """Where a batch's results go, one whole record at a time (:class:`mlfit.batch.store.BatchWriter`)."""
    from .batch.store import BatchWriter

    return BatchWriter(fmt, path, list(segment_ids), append=append)


def cohort_summary(rows, *, ruleset: RuleSet | None = None, rule_info=None, titles=None, top: int | None = None) -> dict:
    """What a cohort's rows have in common (:func:`mlfit.batch.cohort.cohort_summary`); with a
    ``ruleset`` the rules' names and the segments' titles come from it."""
    from .batch.cohort import SUMMARY_TOP
    from .batch.cohort import cohort_summary as summarise
    from .batch.rows import rule_info_from_ruleset

    if ruleset is not None:
        rule_info = rule_info_from_ruleset(ruleset)
        titles = {s.id: s.title for s in ruleset.segments.values()}
    return summarise(rows, rule_info=rule_info, titles=titles, top=SUMMARY_TOP if top is None else top)


def score_many(
    paths: Iterable[str | os.PathLike],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_FILE_TIMEOUT,
    segments: Sequence[str] | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    on_result=None,
    **options,
):
    """Score many CVs in worker processes (default: one per core); ``on_result(FileResult)`` is called
    once per path, in input order. A file that cannot be read is an error result, not an exception.
    ``timeout`` is the seconds allowed per file (None: no limit).
    Returns :class:`mlfit.batch.BatchStats` (with ``.results`` when no ``on_result`` is given).
    See :func:`mlfit.batch.score_many` for ``timeout``, ``full``, ``redact`` and the rest."""
    from . import batch

    return batch.score_many(
        [p if isinstance(p, batch.Target) else os.fspath(p) for p in paths],
        jobs=jobs,
        timeout=timeout,
        segments=segments,
        rules=tuple(str(r) for r in rules),
        as_of=as_of,
        on_result=on_result,
        **options,
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
    from .model import Line
    from .sections import heading_name

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
