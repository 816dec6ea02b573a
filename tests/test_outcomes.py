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


# -- the forms real CVs write a result in ---------------------------------------------------------


def measures_of(read_text, bullet: str):
    return [m for o in outcomes_of(read_text, bullet) for m in o.measures]


@pytest.mark.parametrize(
    "bullet,kind,direction,value,unit",
    [
        ("Tripled model throughput by batching requests on Triton", "throughput", "up", 3, "x"),
        ("Halved labeling cost with active learning", "cost", "down", 0.5, "x"),
        ("Sped up feature backfills four-fold with Spark", "throughput", "up", 4, "x"),
        ("Moved the ledger service to Postgres with zero downtime", "reliability", "none", 0, "count"),
        ("Ran the platform for three product teams", "scale", "none", 3, "teams"),
        ("Served 1900 QPS from the ranking service", "throughput", "none", 1900, "qps"),
        ("Scheduled training jobs on 2040 GPUs", "scale", "none", 2040, "gpus"),
        ("Forecast demand for 1980 pharmacies every night", "scale", "none", 1980, "pharmacies"),
        ("Wrote 140 graph mining exercises for the bootcamp", "scale", "none", 140, "exercises"),
        ("Lifted detection to 71.42 mAP on the benchmark", "accuracy", "up", 71.42, "map"),
    ],
)
def test_multipliers_spelled_numbers_and_counts_that_look_like_years(read_text, bullet, kind, direction, value, unit):
    [m] = measures_of(read_text, bullet)
    assert (m.kind, m.unit) == (kind, unit), m
    assert m.value == pytest.approx(value)
    if direction != "none":
        assert m.direction == direction


def test_magnitudes_in_words_are_scope_without_a_value(read_text):
    [data] = measures_of(read_text, "Indexed petabytes of satellite imagery for the search team")
    assert (data.kind, data.value, data.unit) == ("scale", None, "petabytes")
    [money] = measures_of(read_text, "Saved millions of dollars in warehouse costs by right-sizing GPUs")
    assert (money.kind, money.value) == ("cost", None)


def test_from_x_to_y_reports_the_result_with_its_baseline(read_text):
    [latency] = measures_of(read_text, "Reduced p99 latency from 120 ms to 38 ms with INT8 quantization")
    assert (latency.value, latency.unit, latency.baseline, latency.target, latency.direction) == (38, "ms", "120 ms", "38 ms", "down")
    [recall] = measures_of(read_text, "Raised recall@20 from 0.64 to 0.79 with hard negatives")
    assert (recall.kind, recall.value, recall.baseline, recall.target, recall.direction) == ("accuracy", 0.79, "0.64", "0.79", "up")
    [weeks] = measures_of(read_text, "Cut onboarding from three weeks to two days")
    assert (weeks.baseline, weeks.target, weeks.value, weeks.unit) == ("three weeks", "two days", 2, "days")


@pytest.mark.parametrize(
    "bullet,value",
    [
        ("Led a team of 5 engineers building the ranking stack", 5),
        ("Manages 14 engineers across two sites", 14),
        ("Shipped the kiosk firmware in a 3-person squad", 3),
        ("Mentored a squad of six", 6),
    ],
)
def test_a_team_size_is_people_led_not_system_scale(read_text, bullet, value):
    [m] = measures_of(read_text, bullet)
    assert m.kind == "team" and m.value == value


@pytest.mark.parametrize(
    "bullet",
    [
        "Published 4 papers on speech separation",
        "Placed 2nd at the city datathon, a field of 64 crews",
        "Finished in the top 5% of 4,100 solvers",
        "Took the robotics prize out of 120+ entries",
        "ML Engineer, Examplecorp (2 years, 7 months)",
        "Built perception software to ISO 26262",
    ],
)
def test_papers_rankings_tenure_and_standards_are_not_outcomes(read_text, bullet):
    assert measures_of(read_text, bullet) == [], bullet


def test_one_outcome_per_claim_with_every_quantity_kept(read_text):
    found = outcomes_of(read_text, "Cut p99 latency 40% and GPU cost 25% for the ranker. Served 40M users at 12k QPS.")
    assert len(found) == 2  # two sentences, two claims
    first, second = found
    assert first.claim.startswith("Cut p99 latency 40%") and first.claim.endswith("ranker.")
    assert [m.kind for m in first.measures] == ["latency", "cost"] and first.kind == "latency"
    assert [m.unit for m in second.measures] == ["users", "qps"]


def test_a_rule_asking_for_a_kind_sees_every_quantity_of_a_claim(read_text):
    from mlfit.checks import Facts

    reading = read_text("EXPERIENCE\n- Cut p99 latency 40% and GPU cost 25% for the ranker\n")
    facts = Facts.build(reading.blocks, reading.profile, {})
    assert facts.outcome_blocks(kinds=["cost"]) == facts.outcome_blocks(kinds=["latency"]) != set()
