"""Scores move the way the market article says they should.

Each behaviour is shown on a PAIR of small, fictional CVs that differ in one thing (a metric,
one MLOps bullet, a clearance line, governance language, LLM-product work), plus the bundled
examples: each fits its own segment, formats agree, scoring is deterministic and every point
traces to a CV line.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from mlfit import api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 1)
SEGMENTS = ("big_tech", "startup", "regulated", "defense")


def scores(report) -> dict[str, float]:
    return {s.id: s.score for s in report.segments}


def deltas(before, after) -> dict[str, float]:
    a, b = scores(before), scores(after)
    return {sid: round(b[sid] - a[sid], 2) for sid in SEGMENTS}


@cache
def example(name: str):
    return api.analyze(EXAMPLES / name, as_of=AS_OF)


def norm(text: str) -> str:
    return " ".join(text.split())


# --- the pairs -------------------------------------------------------------------------------
# One mid-level ML engineer's CV; each pair changes one placeholder and nothing else.

BASE = """\
# Jordan Ellery

Chicago, IL | jordan.ellery@example.com | 312-555-0148

## Summary

Machine Learning Engineer with 5 years building search ranking and demand forecasting systems for e-commerce.{clearance}

## Experience

**Machine Learning Engineer**, Brightcart — Chicago, IL | Mar 2021 – Present
- {latency}
- Shipped a LightGBM learning-to-rank model for product search, serving 2M daily users
- Built the ranking feature pipeline in Spark and Airflow with the data platform team
- Deployed the ranker with Docker on Kubernetes in AWS behind an internal API
{extra}
**Data Scientist**, Lakeshore Analytics — Chicago, IL | Jun 2019 – Feb 2021
- Trained weekly demand forecasting models in PyTorch for 120 grocery stores

## Skills

Python, PyTorch, LightGBM, Spark, Airflow, Docker, Kubernetes, AWS, SQL

## Education

**B.S. Computer Science**, Lakeview University — Chicago, IL | 2015 – 2019
"""

NO_METRIC = "Reduced p99 latency of the search ranking service by caching query embeddings"
WITH_METRIC = "Reduced p99 latency of the search ranking service from 120 ms to 40 ms by caching query embeddings"
MLOPS = (
    "Built CI/CD for model training and deployment in GitHub Actions, with drift detection on input features and automatic rollback of bad releases"
)
CLEARANCE = " U.S. citizen with an active Secret clearance."
GOVERNANCE = (
    "Took the markdown pricing model through model risk management review: independent validation, "
    "data lineage from source tables to features, and a model card approved by the governance committee"
)
LLM_PRODUCT = (
    "Shipped a RAG shopping assistant with tool calling and guardrails, gated by an eval harness of "
    "800 golden questions, cutting inference cost per request by 40%"
)


def cv(*, latency: str = NO_METRIC, extra: str = "", clearance: str = "") -> str:
    return BASE.format(latency=latency, extra=f"- {extra}\n" if extra else "", clearance=clearance)


@pytest.fixture(scope="module")
def base(score_text):
    return score_text(cv())


def test_the_pairs_differ_in_exactly_one_line():
    plain = cv().splitlines()
    for variant in (cv(latency=WITH_METRIC), cv(clearance=CLEARANCE)):
        changed = [(a, b) for a, b in zip(plain, variant.splitlines()) if a != b]
        assert len(changed) == 1 and len(variant.splitlines()) == len(plain)
    for extra in (MLOPS, GOVERNANCE, LLM_PRODUCT):
        lines = cv(extra=extra).splitlines()
        assert len(lines) == len(plain) + 1 and [ln for ln in lines if ln not in plain] == [f"- {extra}"]


def test_a_real_metric_scores_higher_on_every_segment(base, score_text):
    # "Lead with production outcomes ... Put metrics like latency ... near the top"
    with_metric = score_text(cv(latency=WITH_METRIC))
    gain = deltas(base, with_metric)
    assert all(gain[sid] >= 2 for sid in SEGMENTS), gain
    # The gain is earned by the metric line itself.
    sh001 = {c.rule_id: c for c in with_metric.segments[0].contributions}["SH001"]
    assert any("from 120 ms to 40 ms" in e.text for e in sh001.evidence)


def test_one_mlops_bullet_raises_every_segment(base, score_text):
    # "Even one strong bullet showing CI/CD, monitoring, drift detection, or rollback strategy"
    gain = deltas(base, score_text(cv(extra=MLOPS)))
    assert all(gain[sid] >= 2 for sid in SEGMENTS), gain


def test_a_clearance_line_raises_defense_far_more_than_the_others(base, score_text):
    # Defense contractors optimize for "Clearance eligibility (sometimes required)".
    gain = deltas(base, score_text(cv(clearance=CLEARANCE)))
    assert gain["defense"] >= 8, gain
    for sid in ("big_tech", "startup", "regulated"):
        assert gain[sid] <= gain["defense"] / 4, gain


def test_governance_language_raises_regulated_most(base, score_text):
    # Regulated employers: traceability, explainability and documentation, model risk management.
    gain = deltas(base, score_text(cv(extra=GOVERNANCE)))
    assert gain["regulated"] >= 8, gain
    for sid in ("big_tech", "startup", "defense"):
        assert gain["regulated"] >= 2 * max(gain[sid], 0.5), gain


def test_rag_eval_guardrails_and_inference_cost_raise_startup_most(base, score_text):
    # Startups: "RAG, tool/function calling, guardrails, and evaluation harnesses"; "Cost control".
    gain = deltas(base, score_text(cv(extra=LLM_PRODUCT)))
    assert gain["startup"] >= 10, gain
    for sid in ("big_tech", "regulated", "defense"):
        assert gain["startup"] >= gain[sid] + 5, gain


# --- CVs with no ML content ------------------------------------------------------------------

ACCOUNTANT = """\
# Dana Whitfield, CPA

Columbus, OH | dana.whitfield@example.com | 614-555-0172

## Summary

Certified Public Accountant with 8 years in corporate accounting, month-end close and audit preparation for mid-sized manufacturers.

## Experience

**Senior Accountant**, Maple Ridge Manufacturing — Columbus, OH | Apr 2019 – Present
- Led the month-end close for three entities, shortening it from 9 to 5 business days
- Prepared account reconciliations, accruals and journal entries for the general ledger
- Coordinated the annual external audit and prepared the audit schedules
- Reduced vendor payment errors by 30% by standardizing the invoice approval workflow

**Staff Accountant**, Hollis & Grant CPAs — Columbus, OH | Jul 2016 – Mar 2019
- Prepared federal and state tax returns for 60 small business clients
- Maintained fixed asset schedules and depreciation in QuickBooks

## Skills

QuickBooks, NetSuite, Excel (pivot tables, VLOOKUP), GAAP, account reconciliation, payroll

## Education

**B.S. Accounting**, Buckeye State University — Columbus, OH | 2012 – 2016
"""

WEB_DEVELOPER = """\
# Riley Okafor

Portland, OR | riley.okafor@example.com

## Summary

Front-end web developer with 6 years building accessible, fast marketing sites and e-commerce storefronts.

## Experience

**Senior Front-End Developer**, Cedar & Pine Studio — Portland, OR | Feb 2021 – Present
- Rebuilt the storefront in React and Next.js, cutting page load time from 4.2 s to 1.6 s
- Led the accessibility audit and fixed 140 WCAG 2.1 AA issues across 30 templates
- Set up GitHub Actions CI/CD for the design-system package with visual regression tests
- Mentored three junior developers through code reviews and pairing

**Web Developer**, Northside Digital — Portland, OR | Jun 2018 – Jan 2021
- Built responsive WordPress themes and custom plugins for 25 small-business clients
- Integrated Stripe checkout and Mailchimp sign-up forms into client sites

## Skills

JavaScript, TypeScript, React, Next.js, HTML, CSS, Node.js, WordPress, PHP, Git

## Education

**B.A. Graphic Design**, Willamette Valley College — Salem, OR | 2014 – 2018
"""

_NON_ML_REWARDED = (
    "rules reward a CV with no ML at all: the bullets-hygiene rules SH003 (5), SH004 (2) and "
    "SH015 (2-3) give full strength when no bullet mentions a model or a prompt, and "
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(ACCOUNTANT, id="accountant"),
        pytest.param(WEB_DEVELOPER, id="web_developer"),
    ],
)
def test_a_cv_without_ml_stays_low_everywhere(score_text, text):
    got = scores(score_text(text))
    assert all(got[sid] < 25 for sid in SEGMENTS), got


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(ACCOUNTANT, id="accountant"),
        pytest.param(WEB_DEVELOPER, id="web_developer"),
    ],
)
def test_a_cv_without_ml_scores_below_the_weak_built_a_model_example(score_text, text):
    got, weak = scores(score_text(text)), scores(example("weak_built_a_model.txt"))
    assert all(got[sid] < weak[sid] for sid in SEGMENTS), (got, weak)


# --- the bundled examples --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,segment",
    [("big_tech.pdf", "big_tech"), ("startup.md", "startup"), ("regulated.docx", "regulated"), ("defense.pdf", "defense")],
)
def test_each_example_fits_its_own_segment_best(name, segment):
    report = example(name)
    got = scores(report)
    assert report.segments[0].id == segment, got
    assert all(got[segment] > got[sid] for sid in SEGMENTS if sid != segment), got


def test_the_weak_example_has_the_lowest_best_score():
    names = ["big_tech.pdf", "big_tech.md", "startup.md", "startup.docx", "regulated.docx", "defense.pdf"]
    weak_best = max(scores(example("weak_built_a_model.txt")).values())
    best = {name: max(scores(example(name)).values()) for name in names}
    assert all(weak_best < b for b in best.values()), (weak_best, best)


@pytest.mark.parametrize("a,b", [("big_tech.pdf", "big_tech.md"), ("startup.md", "startup.docx")])
def test_the_same_cv_in_two_formats_scores_within_3_points(a, b):
    sa, sb = scores(example(a)), scores(example(b))
    assert all(abs(sa[sid] - sb[sid]) <= 3 for sid in SEGMENTS), (sa, sb)


def test_scoring_the_same_file_twice_is_identical():
    path = EXAMPLES / "big_tech.pdf"
    first, second = api.analyze(path, as_of=AS_OF), api.analyze(path, as_of=AS_OF)
    assert scores(first) == scores(second)
    assert [s.id for s in first.segments] == [s.id for s in second.segments]
    for one, two in zip(first.segments, second.segments):
        assert one.contributions == two.contributions, one.id
    assert first.profile == second.profile


@pytest.mark.parametrize("name", ["regulated.docx", "big_tech.pdf"])
def test_every_point_traces_to_a_line_of_the_cv(name):
    document = api.read(EXAMPLES / name)
    text = norm(document.text)  # a PDF's wrapped bullets are joined before matching, so compare whitespace-folded
    by_line = {line.no: norm(line.text).lstrip("-•* ") for line in document.lines}
    report = example(name)
    for segment in report.segments:
        assert segment.score == pytest.approx(sum(c.points for c in segment.contributions), abs=0.051), segment.id
        assert sum(c.max_points for c in segment.contributions) == pytest.approx(100, abs=0.1), segment.id
        for c in segment.contributions:
            assert 0 <= c.points <= c.max_points + 1e-9, (segment.id, c.rule_id)
            if c.points > 0:
                assert c.evidence, f"{segment.id} {c.rule_id} earned {c.points} with no evidence"
            for e in c.evidence:
                assert norm(e.text) in text, (c.rule_id, e.text)
                assert by_line[e.line] and by_line[e.line] in norm(e.text), (c.rule_id, e.line, e.text)


# --- terms match what people write ----------------------------------------------------------------


def _one_bullet(bullet: str, summary: str = "ML engineer.") -> dict[str, dict[str, float]]:
    text = (
        f"Jordan Lee\n\nSUMMARY\n{summary}\n\nEXPERIENCE\nML Engineer, Examplecorp | Jan 2021 – Present\n- {bullet}\n\nSKILLS\nPython, PyTorch, SQL\n"
    )
    report = api.analyze(text.encode(), name="cv.md", as_of=AS_OF, suggestions=False)
    return {s.id: {c.rule_id: c.points for c in s.contributions if c.points > 0} for s in report.segments}


def test_a_hyphen_or_a_space_is_the_same_term():
    spelled = [_one_bullet(f"Deployed the targeting model {form} at a DoD lab")["defense"] for form in ("on-prem", "on prem")]
    assert spelled[0] == spelled[1] and "DF002" in spelled[0]


def test_a_negative_context_earns_nothing():
    honors = _one_bullet("Built a churn model; elected to Phi Beta Kappa")
    assert not [rule for rules in honors.values() for rule in rules if rule in ("RG003", "SH014")]
    found = api.extract(b"SKILLS\nPython, SQL\n\nEXPERIENCE\n- Led small talk sessions with clients about the churn model\n", name="cv.md")
    assert "smalltalk" not in {s.id for s in found.profile.skills}


def test_generic_ml_work_is_defense_evidence_only_with_defense_context():
    bank = _one_bullet("Built anomaly detection for card payments, deployed on-prem for the bank")
    assert "DF004" not in bank["defense"] and "DF002" not in bank["defense"]
    assert max(bank, key=lambda s: sum(bank[s].values())) != "defense"
    army = _one_bullet("Built anomaly detection for card payments, deployed on-prem", summary="ML engineer on Army ISR programs.")
    assert {"DF004", "DF002"} <= set(army["defense"])


# --- a CV with no ML in it -------------------------------------------------------------------------

NETWORK_ENGINEER = b"""Sam Rivera
Network Engineer

SUMMARY
Network engineer running campus and branch networks for a regional retailer.

EXPERIENCE
Network Engineer, Examplecorp | Jan 2019 - Present
- Configured Cisco routers and VLANs for 40 branch offices, cutting outages by 35%
- Migrated 1,200 users to a new VPN on AWS with zero downtime
- Automated switch backups with Python and Ansible

SKILLS
Cisco IOS, BGP, OSPF, Python, Ansible, AWS, Linux
"""


def test_a_cv_with_no_ml_gets_that_verdict_zero_scores_and_no_ml_rewrites():
    report = api.analyze(NETWORK_ENGINEER, name="cv.md", as_of=AS_OF)
    assert all(s.score == 0 for s in report.segments)
    assert all(c.points == 0 for s in report.segments for c in s.contributions)  # every point still traces: none earned
    (verdict,) = [w for w in report.warnings if w.code == "no-ml-content"]
    assert "Name the ML work" in verdict.message and "SH016" in verdict.message
    assert report.suggestions == ()


def test_one_ml_bullet_lifts_the_gate():
    with_ml = NETWORK_ENGINEER.replace(
        b"- Automated switch backups", b"- Trained a scikit-learn anomaly model on flow logs\n- Automated switch backups"
    )
    report = api.analyze(with_ml, name="cv.md", as_of=AS_OF)
    assert "no-ml-content" not in {w.code for w in report.warnings}
    assert max(s.score for s in report.segments) > 0 and report.suggestions


def test_the_report_of_a_cv_with_no_ml_leads_with_the_verdict(tmp_path, capsys):
    from cli_runner import run

    cv = tmp_path / "network.md"
    cv.write_bytes(NETWORK_ENGINEER)
    code, out, _ = run(capsys, "score", cv)
    assert code == 0
    assert "Not an ML CV yet" in out and "Name the ML work" in out
    assert "Top fixes" not in out and "Rewrites" not in out  # no ML fix or rewrite for a CV with no ML


def test_segments_a_few_points_apart_are_shown_as_a_tie():
    from dataclasses import replace

    from rich.console import Console

    from mlfit.render.human import render_report

    report = example("big_tech.md")
    scores = {"big_tech": 37.0, "startup": 35.5, "regulated": 34.2, "defense": 20.0}
    segments = tuple(replace(s, score=scores[s.id], rank=rank) for rank, s in enumerate(sorted(report.segments, key=lambda s: -scores[s.id]), 1))
    console = Console(record=True, width=80, color_system=None)
    render_report(replace(report, segments=segments), console)
    out = console.export_text()
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()[:2] in ("1 ", "≈1", "4 ")}
    assert "≈1" in rows and "4" in rows and "Government" in rows["4"]
    assert "a tie: Big tech and hyperscalers, AI-first startups, Regulated" in " ".join(out.split())
