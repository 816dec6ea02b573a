"""Shared fixtures: the rule set and the spaCy pipeline are built once per test session."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest

# Every session starts from a cold rule cache, as a fresh machine does: a warm cache in
# ~/.cache/mlfit must never hide a validation or compile path from the tests.
os.environ["MLFIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="mlfit-test-cache-")

from mlfit import api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 1)  # the example CVs were written as of spring 2026


@pytest.fixture(scope="session")
def ruleset():
    return api.load_rules()


@pytest.fixture(scope="session")
def engine(ruleset):
    from mlfit.engine import engine_for

    return engine_for(ruleset)


@pytest.fixture(scope="session")
def read_text(engine):
    """Read a CV given as text (Markdown/TXT rules apply) into a Reading."""

    def _read(text: str, as_of: dt.date = AS_OF):
        return engine.read(api.read(text.encode("utf-8"), name="cv.md"), as_of=as_of)

    return _read


@pytest.fixture(scope="session")
def score_text():
    def _score(text: str, **kwargs):
        kwargs.setdefault("as_of", AS_OF)
        return api.analyze(api.read(text.encode("utf-8"), name="cv.md"), **kwargs)

    return _score


def scores(report) -> dict[str, float]:
    return {s.id: s.score for s in report.segments}
