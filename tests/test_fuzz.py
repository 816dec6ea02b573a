"""Fuzzing: hypothesis-driven tests of the text path, and a short run of the mutation harness.

Whatever the input, reading gives a Document or one of mlfit's own errors, and a
Document scores; nothing else escapes. The long run is on demand:
``python tests/fuzz_harness.py --iterations 20000`` (or ``MLFIT_FUZZ_ITERATIONS=20000 pytest
tests/test_fuzz.py``).
"""

from __future__ import annotations

import os
import re

import fuzz_harness
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlfit import api
from mlfit.errors import InputError, MlfitError
from mlfit.ingest import limits, read_document
from mlfit.model import HINT_BULLET, HINT_HEADING, HINT_NONE

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")


def read_or_refuse(data: bytes, name: str = "cv.txt"):
    """A Document, or None when mlfit refused the input with an InputError (exit 3)."""
    try:
        return read_document(data, name=name)
    except InputError as e:
        line = e.one_line()
        assert "\n" not in line and line.startswith(f"mlfit: error[{e.code}]: ")
        return None


def check_document(doc) -> None:
    assert [line.no for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    for line in doc.lines:
        assert line.text and line.text == line.text.strip()
        assert "\n" not in line.text and "\r" not in line.text
        assert not _CONTROLS.search(line.text), repr(line.text)
        assert len(line.text) <= limits.MAX_LINE_CHARS
        assert line.hint in (HINT_NONE, HINT_BULLET, HINT_HEADING)


# --- the text path ---------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3_000))
def test_any_bytes_read_or_are_refused(data):
    doc = read_or_refuse(data)
    if doc is not None:
        check_document(doc)


@FAST
@given(st.text(max_size=3_000), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"]))
def test_any_text_in_any_encoding(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    doc = read_or_refuse(data, name="cv.md" if len(text) % 2 else "cv.txt")
    if doc is not None:
        check_document(doc)


FRAGMENTS = [
    "EXPERIENCE",
    "SKILLS",
    "Summary",
    "# Experience",
    "## Skills",
    "---",
    "===",
    "```",
    "| a | b |",
    "|---|---|",
    "- Cut p99 latency from 180 ms to 45 ms while keeping recall stable",
    "• Saved $1.2M/yr in GPU spend",
    "* Built a feature store in Spark for 2M users",
    "1. Shipped RAG with guardrails",
    "Senior ML Engineer, Acme — Seattle, WA | Jan 2021 – Present",
    "03/2019 – 02/2022",
    "'22 – to date",
    "Python, PyTorch, Kubernetes, MLflow, Go, R, C++",
    "TS/SCI clearance",
    "Remote",
    "E D U C A T I O N",
    "[site](https://example.com)",
    "<jane@example.com>",
    "<!-- comment -->",
    "**bold** and *em*",
    "&amp; &lt;",
    "XX% $X00,000 1XX",
    "40% 3.5x 12k QPS 0.92 AUC",
    "GPA 3.9",
    "v1.2.3",
    "+1 (206) 555-0142",
]


@st.composite
def cv_like(draw):
    junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
    lines = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), junk), min_size=1, max_size=40))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\n\n"]))
    return sep.join(lines)


@SLOW
@given(cv_like(), st.sampled_from(["cv.md", "cv.txt"]))
def test_cv_like_text_scores_or_is_refused(text, name):
    doc = read_or_refuse(text.encode("utf-8"), name=name)
    if doc is None:
        return
    check_document(doc)
    report = api.analyze(doc)
    assert report.segments
    for segment in report.segments:
        assert 0 <= segment.score <= 100
        for contribution in segment.contributions:
            for evidence in contribution.evidence:
                assert 1 <= evidence.line <= len(doc.lines)


@SLOW
@given(st.text(alphabet=st.sampled_from("x X 1 0 , . % $ - [ ] ( ) < > ! # * | : / \t".split(" ") + [" "]), min_size=1, max_size=2_000))
def test_pathological_character_soup_stays_fast(text):
    """Small alphabets of the characters that the patterns care about; bounded size, bounded time."""
    import time

    doc = read_or_refuse(text.encode(), name="cv.md")
    if doc is None:
        return
    start = time.perf_counter()
    api.analyze(doc)
    assert time.perf_counter() - start < 5


# --- the mutation harness -----------------------------------------------------------------------

ITERATIONS = int(os.environ.get("MLFIT_FUZZ_ITERATIONS", "300"))


def test_mutated_pdf_docx_and_text_never_escape():
    lines: list[str] = []
    stats = fuzz_harness.run(ITERATIONS, seed=2026, analyze_every=15, slow=10.0, log=lines.append)
    assert not stats.findings, "\n".join(lines[:5])
    assert stats.iterations == ITERATIONS
    # the mutants exercise both sides: some still read, many are refused, with several codes
    assert stats.read > ITERATIONS // 10
    assert sum(stats.refused.values()) > ITERATIONS // 10
    assert {"corrupt-file"} <= set(stats.refused)
    assert stats.analyzed > 0


def test_the_harness_reports_an_escaping_exception(monkeypatch):
    """The harness itself: an exception that is not an MlfitError is a finding, with the input."""
    import mlfit.ingest as ingest

    def broken(data, name=None, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(ingest, "read_document", broken)
    stats = fuzz_harness.run(3, seed=1, analyze_every=0, log=lambda *_: None)
    assert [f.what for f in stats.findings] == ["KeyError"] * 3
    assert all(f.data for f in stats.findings)
    monkeypatch.undo()
    assert issubclass(InputError, MlfitError)


def test_the_harness_runs_from_the_command_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    harness = Path(fuzz_harness.__file__)
    proc = subprocess.run(
        [sys.executable, str(harness), "--iterations", "20", "--seed", "3", "--analyze-every", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "20 inputs in" in proc.stdout and "findings: 0" in proc.stdout
