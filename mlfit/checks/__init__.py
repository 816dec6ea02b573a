"""One evaluator per rule kind. Each returns a strength in 0..1 and the blocks behind it.

Evaluators read only plain data (blocks, the profile, term hits), so they are
cheap to test and never touch spaCy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Profile
from ..nlp.hits import Hit
from ..ruleset.loader import Rule
from ..ruleset.schema import TERM_KEYS
from ..sections import ACHIEVEMENT_SECTIONS, Block


@dataclass(frozen=True)
class Facts:
    """Everything a rule may look at, for one CV."""

    blocks: tuple[Block, ...]
    profile: Profile
    hits: dict[str, tuple[Hit, ...]]
    line_to_block: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, blocks: tuple[Block, ...], profile: Profile, hits: dict[str, tuple[Hit, ...]]) -> Facts:
        # every physical line of a wrapped bullet leads to its block
        return cls(blocks, profile, hits, {ln: i for i, b in enumerate(blocks) for ln in range(b.line, b.end_line + 1)})

    def term_blocks(self, rule: Rule, param: str) -> dict[int, list[Hit]]:
        out: dict[int, list[Hit]] = {}
        for hit in self.hits.get(term_key(rule, param), ()):
            out.setdefault(hit.block, []).append(hit)
        return out

    def outcome_blocks(self, kinds=None, require=None) -> set[int]:
        out = set()
        for o in self.profile.outcomes:
            measures = o.measures or (o,)  # a claim's every quantity counts: "cut latency 40% and cost 25%"
            if kinds and not any(m.kind in kinds for m in measures):
                continue
            if require and (("baseline" in require and not any(m.baseline for m in measures)) or ("guardrail" in require and not o.guardrail)):
                continue
            if o.line in self.line_to_block:
                out.add(self.line_to_block[o.line])
        return out


@dataclass(frozen=True)
class Result:
    strength: float
    evidence: tuple[int, ...] = ()  # block indices that earned points
    problems: tuple[int, ...] = ()  # block indices that cost points


def term_key(rule: Rule, param: str) -> str:
    return f"{rule.pack}/{rule.id}.{param}"


def term_groups(rules) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Every term list of every rule, keyed for the NLP layer."""
    groups = {}
    for rule in rules:
        for param, value in rule.params.items():
            if param in TERM_KEYS and value:
                groups[term_key(rule, param)] = (tuple(value), bool(rule.params.get("case_sensitive")))
    return groups


def saturate(hits: int, target: int) -> float:
    """Diminishing returns: the second feature-store mention adds less than the first."""
    if hits <= 0:
        return 0.0
    return min(1.0, (1 - 0.5**hits) / (1 - 0.5 ** max(target, 1)))


def in_scope(block: Block, scope: str) -> bool:
    if block.kind == "heading":
        return False
    if scope == "bullets":
        return block.is_achievement
    if scope == "experience":
        return block.section in ACHIEVEMENT_SECTIONS
    if scope == "summary":
        return block.section in ("header", "summary")
    if scope in ("skills", "certifications"):
        return block.section == scope
    return True


def _phrases(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    if p.get("cv_context") and not facts.term_blocks(rule, "cv_context"):
        return Result(0.0)  # generic work ("anomaly detection", "on-prem") is a segment's only in its context
    matched = {i for i in facts.term_blocks(rule, "terms") if in_scope(facts.blocks[i], p["scope"])}
    if p.get("near"):
        matched &= set(facts.term_blocks(rule, "near"))
    if p.get("unless_terms"):  # "customs clearance" is not a security clearance
        matched -= set(facts.term_blocks(rule, "unless_terms"))
    if p.get("with_outcome"):
        matched &= facts.outcome_blocks()
    return Result(saturate(len(matched), p["target"]), tuple(sorted(matched)))


def _skills(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    cats, ids = set(p.get("categories") or ()), set(p.get("skills") or ())
    chosen = [s for s in facts.profile.skills if s.recognised and (s.category in cats or s.id in ids) and (s.demonstrated or not p["demonstrated"])]
    evidence = set()
    for skill in chosen:
        lines = [ln for ln in skill.lines if not p["demonstrated"] or facts.blocks[facts.line_to_block[ln]].is_achievement]
        if lines and lines[0] in facts.line_to_block:
            evidence.add(facts.line_to_block[lines[0]])
    return Result(saturate(len(chosen), p["target"]), tuple(sorted(evidence)))


def _outcomes(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    matched = {i for i in facts.outcome_blocks(p.get("kinds"), p.get("require")) if in_scope(facts.blocks[i], p["scope"])}
    if p.get("near"):  # a faster web page is an outcome, but not an ML one
        matched &= set(facts.term_blocks(rule, "near"))
    return Result(saturate(len(matched), p["target"]), tuple(sorted(matched)))


def _bullets(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    bullets = [i for i, b in enumerate(facts.blocks) if b.is_achievement]
    if p.get("applies_to"):
        # Judge only the bullets this rule is about: a CV with no ML bullets has
        # nothing to earn from "no built-a-model bullets".
        relevant = set(facts.term_blocks(rule, "applies_to"))
        bullets = [i for i in bullets if i in relevant]
    if not bullets:
        return Result(0.0)
    openers = {i for i, hits in facts.term_blocks(rule, "flag_openers").items() if any(h.start == 0 for h in hits)}
    flagged_terms = set(facts.term_blocks(rule, "flag_terms"))
    excused = set(facts.term_blocks(rule, "unless_terms"))
    if p["unless_outcome"]:
        excused |= facts.outcome_blocks()
    flagged = [i for i in bullets if (i in openers or i in flagged_terms) and i not in excused]
    clean = [i for i in bullets if i not in flagged]
    strength = (len(clean) / len(bullets)) * min(1.0, len(bullets) / p["min_bullets"])
    return Result(strength, tuple(clean[:3]), tuple(flagged))


def _position(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    with_outcome = facts.outcome_blocks(p.get("kinds"))
    if p.get("near"):
        with_outcome &= set(facts.term_blocks(rule, "near"))
    top = [i for i, b in enumerate(facts.blocks) if b.is_achievement and b.section == "experience"][: p["first_bullets"]]
    if p["include_summary"]:
        top += [i for i, b in enumerate(facts.blocks) if b.section in ("header", "summary") and b.kind != "heading"]
    hits = sorted(i for i in top if i in with_outcome)
    return Result(1.0 if hits else 0.0, tuple(hits), () if hits else tuple(top[:1]))


def _density(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    skills = [s for s in facts.profile.skills if s.recognised]
    if not skills:
        return Result(0.0)
    listed = [s for s in skills if s.listed]
    demonstrated = [s for s in skills if s.demonstrated]
    if len(listed) < p["min_skills"]:
        strength = 1.0 if demonstrated else 0.0
        ratio_problem: list[int] = []
    else:
        listed_only = [s for s in listed if not s.demonstrated]
        ratio = len(listed_only) / len(listed)
        limit = p["max_listed_only_ratio"]
        strength = 1.0 if ratio <= limit else max(0.0, 1 - (ratio - limit) / max(1 - limit, 1e-9))
        ratio_problem = [facts.line_to_block[s.lines[0]] for s in listed_only if s.lines and s.lines[0] in facts.line_to_block]
    repeated: list[int] = []
    if p.get("terms"):
        counts = Counter(h.text.lower() for h in facts.hits.get(term_key(rule, "terms"), ()))
        over = {t for t, n in counts.items() if n > p["max_term_repeats"]}
        if over:
            strength *= 0.5
            repeated = sorted({h.block for h in facts.hits.get(term_key(rule, "terms"), ()) if h.text.lower() in over})
    evidence = tuple(sorted({facts.line_to_block[s.lines[0]] for s in demonstrated if s.lines and s.lines[0] in facts.line_to_block}))[:3]
    return Result(strength, evidence, tuple(sorted(set(ratio_problem + repeated))))


def _proof_point(rule: Rule, facts: Facts) -> Result:
    p = rule.params
    term_hits = sorted(facts.term_blocks(rule, "terms"))
    cats = set(p.get("categories") or ())
    shown = [s for s in facts.profile.skills if s.category in cats and s.demonstrated]
    evidence = set(term_hits)
    for skill in shown:
        for ln in skill.lines:
            i = facts.line_to_block.get(ln)
            if i is not None and facts.blocks[i].is_achievement:
                evidence.add(i)
                break
    return Result(1.0 if evidence else 0.0, tuple(sorted(evidence)))


EVALUATORS: dict[str, Callable[[Rule, Facts], Result]] = {
    "phrases": _phrases,
    "skills": _skills,
    "outcomes": _outcomes,
    "bullets": _bullets,
    "position": _position,
    "density": _density,
    "proof_point": _proof_point,
}


def evaluate(rule: Rule, facts: Facts) -> Result:
    return EVALUATORS[rule.kind](rule, facts)
