"""The user pack in examples/custom_rules/: it validates, it adds a `fintech` segment, and it
inherits, re-weights, disables and adds rules the way the README says a user pack can."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from cli_runner import run

from mlfit import api

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 1)
PACK_DIR = EXAMPLES / "custom_rules"
RULES = [str(PACK_DIR)]
ARTICLE = Path(__file__).resolve().parent / "data" / "market_article.txt"  # a copy of the article the rules cite
HEADINGS = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "article_sections.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.fixture(scope="module")
def fintech_ruleset():
    return api.load_rules(RULES)


@pytest.fixture(scope="module")
def regulated_report():
    return api.analyze(EXAMPLES / "regulated.docx", rules=RULES, as_of=AS_OF)


def _segment(report, sid):
    [segment] = [s for s in report.segments if s.id == sid]
    return segment


# --- `mlfit rules check` ---------------------------------------------------------------------


def test_rules_check_passes_on_the_custom_pack(capsys):
    code, out, err = run(capsys, "rules", "check", f"{PACK_DIR}/")
    assert code == 0, err
    assert err == ""
    assert re.search(r"ok: 4 rules in 1 path\(s\), \d+ examples passed", out), out


def test_rules_check_counts_only_the_packs_it_was_given(capsys, tmp_path, monkeypatch):
    # The built-in packs live in a directory whose name starts with the user's directory's name:
    # `packs` is not `packs_builtin`, so only the user's 4 rules are checked.
    import shutil

    from mlfit.ruleset import loader

    builtin = tmp_path / "packs_builtin"
    shutil.copytree(loader.builtin_rules_dir(), builtin)
    shutil.copytree(PACK_DIR, tmp_path / "packs")
    monkeypatch.setattr(loader, "builtin_rules_dir", lambda: builtin)
    code, out, err = run(capsys, "rules", "check", tmp_path / "packs")
    assert code == 0, err
    assert re.search(r"ok: 4 rules in 1 path\(s\)", out), out


def test_rules_check_fails_when_an_example_stops_passing(capsys, tmp_path):
    # The check is real: make one bad example hit the rule and the same command exits 2 naming the rule.
    broken = tmp_path / "custom_rules"
    broken.mkdir()
    text = (PACK_DIR / "fintech.yml").read_text(encoding="utf-8")
    bad = text.replace(
        '- "Built a churn model for a mobile game studio"',
        '- "Built a chargeback model for card payments"',
    )
    assert bad != text
    (broken / "fintech.yml").write_text(bad, encoding="utf-8")
    code, _, err = run(capsys, "rules", "check", broken)
    assert code == 2
    assert "fintech.yml:" in err and "FT001 bad example scored" in err, err


# --- the pack's shape ------------------------------------------------------------------------


def test_the_pack_extends_regulated_with_its_own_ft_rules(fintech_ruleset):
    pack = fintech_ruleset.packs["fintech"]
    assert pack.extends == ("regulated",)
    assert [r.id for r in pack.rules] == ["FT001", "FT002", "FT003", "FT004"]
    for rule in pack.rules:
        assert any(e.good for e in rule.examples) and any(not e.good for e in rule.examples), rule.id
    # Built-in segments are untouched by adding a user pack.
    assert set(fintech_ruleset.segments) == {"big_tech", "startup", "regulated", "defense", "fintech"}
    builtin = api.load_rules()
    assert [(r.id, r.weight) for r in fintech_ruleset.segments["regulated"].rules] == [(r.id, r.weight) for r in builtin.segments["regulated"].rules]


def test_overrides_and_the_disabled_rule_resolve(fintech_ruleset):
    regulated = {r.id: r.weight for r in fintech_ruleset.segments["regulated"].rules}
    fintech = {r.id: r.weight for r in fintech_ruleset.segments["fintech"].rules}
    assert fintech["RG006"] > regulated["RG006"]  # fraud/credit domain counts more
    assert fintech["RG002"] > regulated["RG002"]  # explainability counts more
    assert "RG008" in regulated and "RG008" not in fintech
    # Everything else regulated scores (its own overrides of shared rules included) is inherited as is.
    for rule_id, weight in regulated.items():
        if rule_id not in ("RG006", "RG002", "RG008"):
            assert fintech[rule_id] == weight, rule_id


def test_every_why_quotes_the_article_and_every_source_is_a_section(fintech_ruleset):
    fold = lambda s: s.replace("“", '"').replace("”", '"').replace("’", "'")  # noqa: E731
    for rule in fintech_ruleset.packs["fintech"].rules:
        parts = [p.strip() for p in re.split(r"\s+/\s+", rule.source)]
        assert all(p in HEADINGS for p in parts), f"{rule.id}: {rule.source!r}"
        assert re.findall(r'"([^"]{12,})"', fold(rule.why)), f"{rule.id}: no quotation"
    article = fold(" ".join(ARTICLE.read_text(encoding="utf-8").split()))
    for rule in fintech_ruleset.packs["fintech"].rules:
        for quote in re.findall(r'"([^"]{12,})"', fold(rule.why)):
            assert quote.strip(" .,…") in article, f"{rule.id}: {quote!r}"


# --- scoring with the pack -------------------------------------------------------------------


def test_scoring_adds_a_fintech_segment(regulated_report):
    ids = [s.id for s in regulated_report.segments]
    assert sorted(ids) == ["big_tech", "defense", "fintech", "regulated", "startup"]
    fintech = _segment(regulated_report, "fintech")
    # A bank fraud/credit CV fits fintech well, and far better than the unrelated segments.
    assert fintech.score >= 75
    assert fintech.score > _segment(regulated_report, "startup").score
    assert fintech.score > _segment(regulated_report, "defense").score
    assert fintech.score == pytest.approx(sum(c.points for c in fintech.contributions), abs=0.051)


def test_fintech_contributions_include_ft_rules_and_the_overridden_weight(regulated_report):
    contribs = {c.rule_id: c for c in _segment(regulated_report, "fintech").contributions}
    regulated = {c.rule_id: c for c in _segment(regulated_report, "regulated").contributions}
    assert {"FT001", "FT002", "FT003", "FT004"} <= set(contribs)
    # The CV names card payments, real-time scoring at p99 < 40 ms and adverse-action reason codes.
    for rule_id in ("FT001", "FT002", "FT003"):
        assert contribs[rule_id].points > 0 and contribs[rule_id].evidence, rule_id
    assert "adverse-action" in contribs["FT003"].evidence[0].text
    # ... but no AML/KYC work: that rule earns nothing and says what to add.
    assert contribs["FT004"].points == 0 and contribs["FT004"].message
    assert contribs["RG006"].weight == 9 and regulated["RG006"].weight == 6
    assert contribs["RG002"].weight == 9 and regulated["RG002"].weight == 6
    assert contribs["RG006"].max_points > regulated["RG006"].max_points


def test_fintech_lacks_the_disabled_rule(regulated_report):
    assert "RG008" not in {c.rule_id for c in _segment(regulated_report, "fintech").contributions}
    assert "RG008" in {c.rule_id for c in _segment(regulated_report, "regulated").contributions}


def test_segment_fintech_on_the_command_line(capsys):
    code, out, err = run(
        capsys,
        "score",
        EXAMPLES / "regulated.docx",
        "--rules",
        PACK_DIR,
        "--segment",
        "fintech",
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert [s["id"] for s in report["segments"]] == ["fintech"]
    assert report["best_segment"] == "fintech"
    rule_ids = {c["rule_id"] for c in report["segments"][0]["contributions"]}
    assert {"FT001", "FT002", "FT003", "FT004", "RG006"} <= rule_ids and "RG008" not in rule_ids


def test_segment_fintech_needs_the_pack(capsys):
    code, _, err = run(capsys, "score", EXAMPLES / "regulated.docx", "--segment", "fintech")
    assert code == 2
    assert err.startswith("mlfit: error[unknown-segment]: "), err
