"""Every example of every rule, as its own test: `pytest -k BT004` runs one rule's examples."""

from __future__ import annotations

import pytest

from mlfit import api

_RULESET = api.load_rules()
_CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'good' if example.good else 'bad'}{i}")
    for rule in _RULESET.rules.values()
    for i, example in enumerate((e for e in rule.examples), 1)
]


@pytest.mark.parametrize("rule,example", _CASES)
def test_rule_example(rule, example, ruleset):
    [result] = api.run_examples(ruleset, [_with_examples(rule, example)])
    expected = f">= {api.EXAMPLE_PASS}" if example.good else f"< {api.EXAMPLE_PASS}"
    assert result.passed, (
        f"{rule.path}:{rule.line}: {rule.id} {'good' if example.good else 'bad'} example scored "
        f"{result.strength:.2f}, expected {expected}:\n{example.text}"
    )


def _with_examples(rule, example):
    from dataclasses import replace

    return replace(rule, examples=(example,))
