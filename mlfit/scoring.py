"""Findings and weights to segment scores, every point traceable to a rule and a line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .checks import Facts, Result, evaluate
from .model import Contribution, Evidence, SegmentScore
from .ruleset.loader import Rule, Segment

MAX_EVIDENCE = 6


def total_weight(segment: Segment) -> float:
    return sum(r.weight for r in segment.rules) or 1.0


def clamped(strength: float) -> float:
    return round(max(0.0, min(1.0, strength)), 4)


def rule_points(rule: Rule, strength: float, total: float) -> float:
    """A rule's share of its segment's 100 points, at this (clamped) strength."""
    return round(100.0 * rule.weight / total * strength, 2)


class RuleResults:
    """Each rule evaluated once on these facts, however many segments share it (the _shared pack)."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self._results: dict[str, Result] = {}

    def __call__(self, rule: Rule) -> Result:
        key = f"{rule.pack}/{rule.id}"
        if key not in self._results:
            self._results[key] = evaluate(rule, self.facts)
        return self._results[key]


def contribution(rule: Rule, result: Result, facts: Facts, total_weight: float) -> Contribution:
    max_points = 100.0 * rule.weight / total_weight
    strength = clamped(result.strength)
    return Contribution(
        rule_id=rule.id,
        name=rule.name,
        kind=rule.kind,
        weight=rule.weight,
        strength=strength,
        points=rule_points(rule, strength, total_weight),
        max_points=round(max_points, 2),
        evidence=_evidence(result.evidence, facts),
        problems=_evidence(result.problems, facts),
        message=rule.message,
        source=rule.source,
    )


def _evidence(indices: Sequence[int], facts: Facts) -> tuple[Evidence, ...]:
    return tuple(Evidence(facts.blocks[i].line, facts.blocks[i].text) for i in list(indices)[:MAX_EVIDENCE])


def closed_gate(segment: Segment, result_of: RuleResults) -> Rule | None:
    """The segment's gate rule that found nothing (``gate: true``: the ML content every segment
    presupposes), or None. A CV with no ML in it is no fit for an ML role, whatever else it shows."""
    return next((rule for rule in segment.rules if rule.params.get("gate") and clamped(result_of(rule).strength) == 0), None)


def failed_gate(segments: Sequence[Segment], facts: Facts) -> Rule | None:
    result_of = RuleResults(facts)
    return next((gate for segment in segments if (gate := closed_gate(segment, result_of)) is not None), None)


def segment_points(segments: Sequence[Segment], facts: Facts) -> dict[str, float]:
    """Each segment's score and nothing else: the arithmetic of :func:`score_segments` without
    the evidence, for the rewrites' gain estimates (which score the CV many times)."""
    result_of = RuleResults(facts)
    out = {}
    for segment in segments:
        total = total_weight(segment)
        points = sum(rule_points(rule, clamped(result_of(rule).strength), total) for rule in segment.rules)
        out[segment.id] = 0.0 if closed_gate(segment, result_of) else round(points, 1)
    return out


def score_segments(segments: Sequence[Segment], facts: Facts) -> tuple[SegmentScore, ...]:
    result_of = RuleResults(facts)
    unranked = []
    for order, segment in enumerate(segments):
        total = total_weight(segment)
        contributions = [contribution(rule, result_of(rule), facts, total) for rule in segment.rules]
        if closed_gate(segment, result_of):  # every rule still shows what it found, and earns nothing
            contributions = [replace(c, points=0.0) for c in contributions]
        score = round(sum(c.points for c in contributions), 1)
        unranked.append((score, order, segment, tuple(contributions)))
    ranked = sorted(unranked, key=lambda item: (-item[0], item[1]))
    return tuple(
        SegmentScore(seg.id, seg.title, score, rank, contribs, tuple(n.text for n in seg.notes))
        for rank, (score, _, seg, contribs) in enumerate(ranked, 1)
    )
