"""Rule-file errors name path:line:col and say what would be right; user packs extend built-ins."""

from __future__ import annotations

import textwrap
import time

import pytest

from mlfit.errors import RuleFileError
from mlfit.ruleset.loader import load_ruleset

GOOD_RULE = """\
      - id: FT001
        name: fintech.payments
        kind: phrases
        weight: 5
        message: Name the payment systems you protected.
        why: '"If a model moves money (ads, marketplace ranking, credit risk, fraud), budgets survive cycles."'
        source: Market Snapshot and Demand
        terms: [payments, chargeback*]
        examples:
          good: ["Cut chargebacks 12% on card payments"]
          bad: ["Built a dashboard"]
"""


def write_pack(tmp_path, body: str, name: str = "fintech.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def pack(rules: str = GOOD_RULE, head: str = "") -> str:
    return f"schema: 1\nsegment: fintech\ntitle: Fintech\nextends: [regulated]\n{head}rules:\n" + textwrap.indent(textwrap.dedent(rules), "  ")


def error_of(tmp_path, body: str) -> RuleFileError:
    write_pack(tmp_path, body)
    with pytest.raises(RuleFileError) as info:
        load_ruleset([tmp_path])
    return info.value


def test_a_user_pack_extends_a_builtin_and_overrides_it(tmp_path):
    write_pack(tmp_path, pack(head="overrides:\n  RG001: {weight: 20}\n  SH001: {enabled: false}\n"))
    ruleset = load_ruleset([tmp_path])
    fintech = ruleset.segments["fintech"]
    ids = {r.id: r for r in fintech.rules}
    regulated_ids = {r.id for r in ruleset.segments["regulated"].rules}
    assert "FT001" in ids and "SH001" not in ids
    assert regulated_ids - {"SH001"} <= set(ids)
    assert ids["RG001"].weight == 20
    assert {r.id: r for r in ruleset.segments["regulated"].rules}["RG001"].weight != 20


def test_unknown_key_points_at_it_and_suggests_the_right_one(tmp_path):
    err = error_of(tmp_path, pack(GOOD_RULE.replace("terms:", "trems:")))
    first = err.issues[0]
    assert first.startswith(f"{tmp_path / 'fintech.yml'}:13:5: ")
    assert "unknown 'phrases' rule key 'trems'" in first and "did you mean 'terms'" in first


def test_syntax_error_has_line_and_column(tmp_path):
    err = error_of(tmp_path, "schema: 1\nsegment: fintech\nrules: [\n  - id: x\n")
    assert err.issues[0].startswith(str(tmp_path / "fintech.yml") + ":")
    assert "YAML syntax error" in err.issues[0]


def test_wrong_types_and_empty_message_are_reported_together(tmp_path):
    bad = GOOD_RULE.replace("weight: 5", "weight: heavy").replace("message: Name the payment systems you protected.", "message: ''")
    err = error_of(tmp_path, pack(bad))
    text = "\n".join(err.issues)
    assert "weight must be a number above 0" in text
    assert "message must be a non-empty string" in text
    assert len(err.issues) >= 2


def test_missing_examples_and_duplicate_ids_are_rejected(tmp_path):
    no_examples = "\n".join(line for line in GOOD_RULE.splitlines() if "examples" not in line and "good:" not in line and "bad:" not in line)
    err = error_of(tmp_path, pack(no_examples + "\n" + GOOD_RULE))
    text = "\n".join(err.issues)
    assert "missing required key 'examples'" in text
    assert "duplicate rule id FT001" in text


def test_extends_cycle_and_unknown_target(tmp_path):
    write_pack(tmp_path, "schema: 1\nsegment: a_pack\nextends: [b_pack]\nrules: []\n", "a.yml")
    write_pack(tmp_path, "schema: 1\nsegment: b_pack\nextends: [a_pack]\nrules: []\n", "b.yml")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([tmp_path])
    assert any("extends cycle" in i for i in info.value.issues)
    (tmp_path / "b.yml").unlink()
    with pytest.raises(RuleFileError) as info:
        load_ruleset([tmp_path])
    assert ":3:" in info.value.issues[0] and "extends unknown pack 'b_pack'" in info.value.issues[0]


def test_an_alias_bomb_is_refused_fast(tmp_path):
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.perf_counter()
    err = error_of(tmp_path, "\n".join(bomb) + "\n")
    assert time.perf_counter() - start < 5
    assert "anchors and aliases are not allowed" in err.issues[0]


def test_python_object_tags_are_not_constructed(tmp_path):
    err = error_of(tmp_path, "schema: 1\nsegment: fintech\nrules: !!python/object/apply:os.system ['echo hacked']\n")
    assert ":3:" in err.issues[0]


def test_terms_cannot_smuggle_in_patterns(tmp_path):
    err = error_of(tmp_path, pack(GOOD_RULE.replace("[payments, chargeback*]", "['(a+)+b', 'a*b', 'de*']")))
    text = "\n".join(err.issues)
    assert "'*' may only end a word" in text
    assert "needs at least 3 characters" in text


def test_a_user_vocabulary_is_validated_and_then_used(tmp_path):
    vocab = tmp_path / "vocab"
    vocab.mkdir()
    (vocab / "mine.yml").write_text("schema: 1\nskills:\n  - id: fabrikamflow\n    label: FabrikamFlow\n    category: wizardry\n")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([tmp_path])
    assert info.value.issues[0].startswith(f"{vocab / 'mine.yml'}:5:5: unknown category 'wizardry'")

    (vocab / "mine.yml").write_text("schema: 1\nskills:\n  - id: fabrikamflow\n    label: FabrikamFlow\n    category: mlops\n")
    from mlfit import api

    report = api.extract(api.read(b"EXPERIENCE\n- Orchestrated retraining with FabrikamFlow\n", name="cv.md"), rules=[str(tmp_path)])
    assert [s.id for s in report.profile.skills if s.demonstrated] == ["fabrikamflow"]


def test_term_sets_expand_and_an_unknown_one_is_an_error(tmp_path):
    uses_set = GOOD_RULE.replace("terms: [payments, chargeback*]", 'terms: ["@payments"]')
    write_pack(tmp_path, pack(uses_set, head="term_sets:\n  payments: [payments, chargeback*]\n"))
    rule = load_ruleset([tmp_path]).rules["FT001"]
    assert rule.params["terms"] == ["payments", "chargeback*"]

    write_pack(tmp_path, pack(uses_set))
    with pytest.raises(RuleFileError) as info:
        load_ruleset([tmp_path])
    assert ":13:" in info.value.issues[0] and "unknown term set '@payments'" in info.value.issues[0]
    assert "@ml_context" in info.value.issues[0]  # the built-in sets are named as the alternatives


def test_an_override_error_keeps_its_position_on_every_run(tmp_path):
    body = pack(head="overrides:\n  NOPE999: {weight: 2}\n")
    write_pack(tmp_path, body)
    for _ in range(2):  # the second run must not come from a cache that lost the positions
        with pytest.raises(RuleFileError) as info:
            load_ruleset([tmp_path])
        assert "fintech.yml:6:3" in info.value.issues[0], info.value.issues
        assert "override of unknown rule NOPE999" in info.value.issues[0]
