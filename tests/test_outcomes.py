"""Quantified claims are found, typed and kept apart from dates, phones, versions and GPAs."""

from __future__ import annotations

import pytest


def outcomes_of(read_text, bullet: str):
    reading = read_text(f"EXPERIENCE\n- {bullet}\n")
    return reading.profile.outcomes


@pytest.mark.parametrize(
    "bullet,kind,direction,value,unit",
    [
        ("Cut p99 latency 40% by moving features to an online store", "latency", "down", 40, "%"),
        ("Saved $1.2M/yr in GPU spend by distilling the ranker", "cost", "down", 1.2e6, "$"),
        ("Lifted CTR +3.1% in a 4-week A/B test", "conversion", "up", 3.1, "%"),
        ("Reduced fraud losses by 18% on card payments", "accuracy", "down", 18, "%"),
        ("Raised throughput 3.5x per serving node", "throughput", "up", 3.5, "x"),
        ("Grew incremental revenue by $14M annualized", "revenue", "up", 14e6, "$"),
        ("Served 40M users at 12k QPS", "scale", "none", 40e6, "users"),
        ("Improved AUC to 0.91 on the holdout set", "accuracy", "up", 0.91, "auc"),
        ("Kept 99.95% availability for the ranking service", "reliability", "none", 99.95, "%"),
    ],
)
def test_typed(read_text, bullet, kind, direction, value, unit):
    found = outcomes_of(read_text, bullet)
    assert found, bullet
    first = found[0]
    assert (first.kind, first.direction, first.unit) == (kind, direction, unit)
    assert first.value == pytest.approx(value)


def test_baseline_to_target_in_words_and_arrows(read_text):
    [words] = outcomes_of(read_text, "Cut inference time from 90 s to 4 s for the claims model")
    assert (words.baseline, words.target, words.direction, words.kind) == ("90 s", "4 s", "down", "latency")
    [arrow] = outcomes_of(read_text, "p99 latency 180ms → 45ms after INT8 quantization")
    assert (arrow.baseline, arrow.target, arrow.direction) == ("180ms", "45ms", "down")
    [units] = outcomes_of(read_text, "Time to detect broken features fell from 2 days to 25 minutes")
    assert units.direction == "down" and units.kind == "time_saved"


def test_guardrail_is_attached_and_its_number_is_not_a_gain(read_text):
    found = outcomes_of(read_text, "Lifted conversion 4.6% while keeping p99 under 50 ms")
    assert len(found) == 1
    assert found[0].kind == "conversion"
    assert found[0].guardrail == "while keeping p99 under 50 ms"


def test_redacted_figures_still_count(read_text):
    [money] = outcomes_of(read_text, "Saved $X00,000 a year in cloud spend")
    assert money.redacted and money.value is None and money.unit == "$"


@pytest.mark.parametrize(
    "bullet",
    [
        "Migrated the service to Python 3.11.4 and PyTorch 2.1.0",
        "Worked at the lab from 2019 to 2021 on speech models",
        "Call me at +1 (206) 555-0142 for references",
        "Graduated with GPA 3.8/4.0 in statistics",
    ],
)
def test_not_outcomes(read_text, bullet):
    assert outcomes_of(read_text, bullet) == ()
