"""Findings and weights to segment scores, every point traceable to a rule and a line."""

from __future__ import annotations

from collections.abc import Sequence

from .checks import Facts, Result, evaluate
from .model import Contribution, Evidence, SegmentScore
from .ruleset.loader import Rule, Segment

MAX_EVIDENCE = 6


def contribution(rule: Rule, result: Result, facts: Facts, total_weight: float) -> Contribution:
    max_points = 100.0 * rule.weight / total_weight
    strength = round(max(0.0, min(1.0, result.strength)), 4)
    return Contribution(
        rule_id=rule.id,
        name=rule.name,
        kind=rule.kind,
        weight=rule.weight,
        strength=strength,
        points=round(max_points * strength, 2),
        max_points=round(max_points, 2),
        evidence=_evidence(result.evidence, facts),
        problems=_evidence(result.problems, facts),
        message=rule.message,
        source=rule.source,
    )


def _evidence(indices: Sequence[int], facts: Facts) -> tuple[Evidence, ...]:
    return tuple(Evidence(facts.blocks[i].line, facts.blocks[i].text) for i in list(indices)[:MAX_EVIDENCE])


def score_segments(segments: Sequence[Segment], facts: Facts) -> tuple[SegmentScore, ...]:
    results: dict[str, Result] = {}  # a shared rule is evaluated once for all segments
    unranked = []
    for order, segment in enumerate(segments):
        total = sum(r.weight for r in segment.rules) or 1.0
        contributions = []
        for rule in segment.rules:
            key = f"{rule.pack}/{rule.id}"
            if key not in results:
                results[key] = evaluate(rule, facts)
            contributions.append(contribution(rule, results[key], facts, total))
        score = round(sum(c.points for c in contributions), 1)
        unranked.append((score, order, segment, tuple(contributions)))
    ranked = sorted(unranked, key=lambda item: (-item[0], item[1]))
    return tuple(
        SegmentScore(seg.id, seg.title, score, rank, contribs, tuple(n.text for n in seg.notes))
        for rank, (score, _, seg, contribs) in enumerate(ranked, 1)
    )
