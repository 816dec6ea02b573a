"""The rewrite strategies (the article's recommendations) and `suggest`, which runs them in order."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..checks import Facts, evaluate
from ..model import SegmentScore, Suggestion
from ..ruleset.loader import Rule, RuleSet
from ..sections import Block
from .data import KIND_OF, STAGE_ORDER, rewrite_data
from .language import WORD, is_simple, model_phrase, ownership, quantify_vague, split_verb, strip_end
from .rescore import Rescorer, new_block, with_text
from .templates import PLACEHOLDER, fill_placeholders, lower_first, placeholders, render

_RESULT = re.compile(r"\[(?:metric|baseline → new)\]|\[N\]%|by \[N\]|from \[baseline")  # a measured result asked for
_NUMBER = re.compile(r"\d")
MAX_BULLETS = 60  # bullets rewritten per CV, in CV order (most recent first): bounds the re-scoring of a huge CV


def _spelled(name: str, text: str) -> str | None:
    """``name`` as ``text`` spells it, a whole word in any case ("k8s", "PyTorch"). A plain search,
    not a regex per name: a CV asks about a few hundred names, each compiled anew would cost more
    than the rest of the rewrites."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): offsets would drift
        found = re.search(r"(?<![\w+#])" + re.escape(name) + r"(?![\w+#])", text, re.IGNORECASE)
        return found.group(0) if found else None
    key = name.lower()
    start = low.find(key)
    while start != -1 and key:
        end = start + len(key)
        if not _in_word(text[start - 1 : start]) and not _in_word(text[end : end + 1]):
            return text[start:end]
        start = low.find(key, start + 1)
    return None


def _in_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_+#")


@dataclass
class _Draft:
    kind: str
    rules: list[Rule]
    line: int | None
    before: str
    after: str
    edits: dict[int, str] = field(default_factory=dict)
    added: list[Block] = field(default_factory=list)
    segment: str | None = None


class _Context:
    def __init__(self, reading, report_segments: Sequence[SegmentScore], ruleset: RuleSet, target: str):
        from ..engine import engine_for

        self.data = rewrite_data()
        self.reading = reading
        self.facts: Facts = reading.facts
        self.blocks: tuple[Block, ...] = tuple(reading.blocks)
        self.ruleset = ruleset
        self.engine = engine_for(ruleset)
        self.target = target
        self.segments = [ruleset.segments[s.id] for s in report_segments if s.id in ruleset.segments]
        self.segment = ruleset.segments[target]
        self.rules = {r.id: r for r in self.segment.rules}
        self.lost = {c.rule_id: c.lost for s in report_segments if s.id == target for c in s.contributions}
        if not self.lost:  # the target segment was not in the report: score it here
            self.lost = self._lost()
        self.results = {r.id: evaluate(r, self.facts) for r in self.segment.rules}
        self.rescorer = Rescorer(self.engine, reading, self.segments)

    def _lost(self) -> dict[str, float]:
        from ..scoring import score_segments

        (score,) = score_segments([self.segment], self.facts)
        return {c.rule_id: c.lost for c in score.contributions}

    def rule(self, key: str) -> Rule | None:
        rule_id = self.data.rule_id(key)
        rule = self.rules.get(rule_id) if rule_id else None
        return rule if rule is not None and rule.rewrite else None

    def block_outcome(self, block: Block) -> bool:
        return any(block.line <= o.line <= block.end_line for o in self.facts.profile.outcomes)

    def skill_text(self, skill, prefer: Sequence[int] = ()) -> str:
        """The skill as the CV spells it ('k8s', 'PyTorch'), else its label."""
        entry = self.engine.vocab.get(skill.id)
        names = entry.names if entry else (skill.label,)
        indices = list(prefer) + [self.facts.line_to_block.get(line) for line in skill.lines]
        for index in indices:
            text = self.blocks[index].text if index is not None else ""
            for name in sorted(names, key=len, reverse=True):
                spelled = _spelled(name, text)
                if spelled:
                    return spelled
        return skill.label

    def skills_for(self, rule: Rule, *, listed_only: bool) -> list:
        p = rule.params
        ids = list(p.get("skills") or ())
        cats = list(p.get("categories") or ())
        source = self.data.skill_sources.get(rule.id)
        if not ids and not cats and source:
            ids = list(source.get("skills") or ())
            cats = list(source.get("categories") or ())
        known = [s for s in self.facts.profile.skills if s.recognised and (s.listed or s.demonstrated)]
        if listed_only:
            known = [s for s in known if s.listed and not s.demonstrated]
        by_id = {s.id: s for s in known}
        chosen = [by_id[i] for i in ids if i in by_id]
        chosen += [s for c in cats for s in known if s.category == c and s not in chosen]
        return chosen


def target_segment(ruleset: RuleSet, report_segments: Sequence[SegmentScore], segment: str | None) -> str | None:
    """The segment a rewrite is worded for: the one asked for (aliases resolved), else the best fit."""
    if segment:
        return ruleset.select([segment])[0].id
    return report_segments[0].id if report_segments else None


def suggest(reading, report_segments: Sequence[SegmentScore], ruleset: RuleSet, *, segment: str | None = None) -> tuple[Suggestion, ...]:
    """Every rewrite worth making, most valuable first (on ``segment``, else the best-fit segment).

    Deterministic: the same CV and rules give the same suggestions in the same order.
    """
    if not report_segments or not reading.blocks:
        return ()
    target = target_segment(ruleset, report_segments, segment)
    if target is None:
        return ()
    ctx = _Context(reading, report_segments, ruleset, target)
    drafts: list[_Draft] = _bullet_drafts(ctx)
    drafts += _summary_drafts(ctx)
    drafts += _new_line_drafts(ctx)
    drafts += _keyword_drafts(ctx, drafts)
    out = []
    for draft in drafts:
        filled_edits = {i: fill_placeholders(t, ctx.data) for i, t in draft.edits.items()}
        filled_added = [with_text(b, fill_placeholders(b.text, ctx.data)) for b in draft.added]
        gain = ctx.rescorer.gain(filled_edits, filled_added)
        if max(gain.values(), default=0.0) <= 0:
            continue
        primary = draft.rules[0]
        out.append(
            Suggestion(
                rule_id=primary.id,
                line=draft.line,
                before=draft.before,
                after=draft.after,
                placeholders=placeholders(draft.after),
                why=primary.why,
                source=primary.source,
                gain=gain,
                kind=draft.kind,
                rules=tuple(dict.fromkeys(r.id for r in draft.rules)),
                segment=draft.segment,
            )
        )
    out.sort(
        key=lambda s: (-s.gain.get(target, 0.0), -round(sum(s.gain.values()), 1), s.line if s.line is not None else math.inf, s.rule_id, s.after)
    )
    return tuple(out)


def _bullet_drafts(ctx: _Context) -> list[_Draft]:
    data, facts = ctx.data, ctx.facts
    ownership_rule = ctx.rule("ownership")
    quantify_rule = ctx.rule("quantify")
    context_rule = ctx.rules.get(data.rule_id("ml_context") or "")
    ml_blocks = set(facts.term_blocks(context_rule, "applies_to")) if context_rule is not None else None
    special = {ownership_rule.id if ownership_rule else None}
    bullet_rules = [r for r in ctx.segment.rules if r.kind == "bullets" and r.rewrite and r.id not in special]
    bullet_rules.sort(key=lambda r: -r.weight)  # stable: rule order breaks ties
    clauses = _clause_rules(ctx)
    demonstrate = set(data.rule_ids("demonstrate"))
    used: dict[str, int] = {}
    used_skills: set[str] = set()
    drafts: list[_Draft] = []
    for index, block in enumerate(ctx.blocks):
        if not block.is_achievement:
            continue
        original = strip_end(block.text)
        if not original:
            continue
        is_ml = ml_blocks is None or index in ml_blocks
        # a number already there is a fact: never ask for another one in its place
        has_outcome = ctx.block_outcome(block) or bool(_NUMBER.search(original))
        text, stages = original, []
        if ownership_rule is not None:
            owned = ownership(text, data)
            if owned and ownership_rule.rewrite:
                text = render(ownership_rule.rewrite, {"verb": owned[0], "object": owned[1]}, data)
                stages.append(("ownership", ownership_rule))
        added_outcome = False
        if quantify_rule is not None and not has_outcome:
            quantified = quantify_vague(text, data)
            if quantified:
                text, added_outcome = quantified, True
                stages.append(("quantify", quantify_rule))
        for rule in bullet_rules:
            template = rule.rewrite or ""
            if index not in ctx.results[rule.id].problems:
                continue
            if (has_outcome or added_outcome) and _RESULT.search(template):
                continue
            verb, verb_ing, obj = split_verb(text, data)
            if "{bullet}" not in template and (verb is None or not is_simple(obj, data)):
                continue  # restructuring needs one plain clause that opens with a verb
            text = render(template, {"bullet": text, "verb": verb, "verb_ing": verb_ing, "object": obj}, data)
            stages.append(("outcome_first" if rule.id == data.rule_id("outcome_first") else "quantify", rule))
            added_outcome = added_outcome or bool(_RESULT.search(template))
            break
        if (
            is_ml
            and not has_outcome
            and not added_outcome
            and quantify_rule is not None
            and quantify_rule.rewrite
            and ctx.lost.get(quantify_rule.id, 0.0) >= 0.5
        ):
            text = render(quantify_rule.rewrite, {"bullet": text}, data)
            stages.append(("quantify", quantify_rule))
        if not stages and (has_outcome or not is_ml):
            continue  # a strong bullet, or one about something other than ML
        if len(drafts) >= MAX_BULLETS:
            break
        segment_id = None
        if is_ml:
            clause = _pick_clause(ctx, clauses, index, block, text, used, used_skills)
            if clause is not None:
                text, rule = clause
                stages.append(("keywords" if rule.id in demonstrate else "segment", rule))
                segment_id = ctx.target if rule.pack == ctx.target else None
        if not stages:
            continue
        if block.text.rstrip().endswith(".") and not text.endswith("."):
            text += "."
        kind = min((s for s, _ in stages), key=STAGE_ORDER.index)
        ordered = sorted(stages, key=lambda s: STAGE_ORDER.index(s[0]))
        drafts.append(_Draft(kind, [r for _, r in ordered], block.line, block.text, text, {index: text}, segment=segment_id))
    return drafts


def _clause_rules(ctx: _Context) -> list[Rule]:
    """Rules that add a clause to a bullet: the segment's own rules (its wording) and the
    shared rules that want a listed skill shown in use."""
    demonstrate = set(ctx.data.rule_ids("demonstrate"))
    out = []
    for rule in ctx.segment.rules:
        if not rule.rewrite or "{bullet}" not in rule.rewrite or rule.kind in ("bullets", "position", "density"):
            continue
        if (rule.pack == ctx.target or rule.id in demonstrate) and ctx.lost.get(rule.id, 0.0) >= 0.5:
            out.append(rule)
    return out


def _pick_clause(
    ctx: _Context, rules: list[Rule], index: int, block: Block, text: str, used: dict[str, int], used_skills: set[str]
) -> tuple[str, Rule] | None:
    """The clause worth most on the target segment that this bullet can carry."""
    ranked = sorted(rules, key=lambda r: -ctx.lost.get(r.id, 0.0) * 0.5 ** used.get(r.id, 0))
    for rule in ranked:
        template = rule.rewrite or ""
        if _RESULT.search(template) and _RESULT.search(text):
            continue  # one measured result per bullet: do not ask for a second number
        values: dict[str, str | None] = {"bullet": text}
        skill = None
        if "{skill" in template:
            if rule.kind == "skills" and not rule.params.get("demonstrated", True):
                continue
            options = [s for s in ctx.skills_for(rule, listed_only=True) if s.id not in used_skills]
            if not options:
                continue
            skill = options[0]
            values["skill"] = ctx.skill_text(skill)
        candidate = render(template, values, ctx.data)
        asked = set(placeholders(text)) - {"[N]"}
        if asked & set(placeholders(candidate.replace(text, " ", 1))):
            continue  # the bullet already asks for that fact ("serving [volume] a day")
        if ctx.rescorer.alone(block, block.text, rule) > 0:
            continue  # the bullet already earns this rule
        if ctx.rescorer.alone(block, fill_placeholders(candidate, ctx.data), rule) <= 0:
            continue  # the clause would not earn it on this bullet (a rule that needs other context)
        used[rule.id] = used.get(rule.id, 0) + 1
        if skill is not None:
            used_skills.add(skill.id)
        return candidate, rule
    return None


def _summary_drafts(ctx: _Context) -> list[_Draft]:
    """The strongest outcome moved into the summary (a `position` rule that lost points)."""
    drafts = []
    for rule in ctx.segment.rules:
        if rule.kind != "position" or not rule.rewrite or ctx.results[rule.id].strength >= 1.0:
            continue
        kinds = set(rule.params.get("kinds") or ())
        near = set(ctx.facts.term_blocks(rule, "near")) if rule.params.get("near") else None
        best = None
        for o in ctx.facts.profile.outcomes:
            index = ctx.facts.line_to_block.get(o.line)
            if index is None or not ctx.blocks[index].is_achievement or (kinds and o.kind not in kinds):
                continue
            if near is not None and index not in near:
                continue
            key = (bool(o.baseline and o.target), bool(o.guardrail), o.value is not None, -index)
            if best is None or key > best[0]:
                best = (key, index, o.text)
        if best is None:
            continue  # nothing quantified to move up: the bullet rewrites come first
        clauses = [c for c in re.split(r";\s+", ctx.blocks[best[1]].text) if c.strip()]
        outcome = strip_end(next((c for c in clauses if best[2] and best[2] in c), ctx.blocks[best[1]].text))
        first = outcome.split(" ", 1)[0].lower()
        if first in ctx.data.forms:
            outcome = lower_first(outcome)
        summary = next((i for i, b in enumerate(ctx.blocks) if b.section == "summary" and b.kind != "heading"), None)
        if summary is not None:
            block = ctx.blocks[summary]
            first, rest = _first_sentence(block.text)  # the result goes right after the headline sentence
            after = render(rule.rewrite, {"bullet": strip_end(first), "outcome": outcome}, ctx.data) + "."
            after = f"{after} {rest}".strip()
            drafts.append(_Draft("summary", [rule], block.line, block.text, after, {summary: after}))
        else:
            after = render(rule.rewrite, {"outcome": outcome}, ctx.data) + "."
            added = new_block(None, ctx.rescorer.new_line(), after, "summary", "text")
            drafts.append(_Draft("summary", [rule], None, "", after, added=[added]))
    return drafts


def _first_sentence(text: str) -> tuple[str, str]:
    m = re.match(r"(.+?[.!?])\s+(?=[A-Z])(.*)", text.strip(), re.S)
    return (m.group(1), m.group(2)) if m else (text.strip(), "")


def _new_line_drafts(ctx: _Context) -> list[_Draft]:
    """A new bullet for a rule nothing in the CV earns yet (a template without {bullet}):
    the MLOps bullet, the cloud proof point."""
    data = ctx.data
    labels = {rid: key for key in ("mlops", "proof_point") for rid in data.rule_ids(key)}
    model = None
    flag_rule = ctx.rules.get(data.rule_id("outcome_first") or "")
    if flag_rule is not None:
        for index, hits in sorted(ctx.facts.term_blocks(flag_rule, "flag_terms").items()):
            if ctx.blocks[index].is_achievement:
                model = model_phrase(ctx.blocks[index].text, hits, data)
                if model:
                    break
    anchor = _last_bullet_of_first_role(ctx)
    drafts = []
    for rule in ctx.segment.rules:
        if not rule.rewrite or "{bullet}" in rule.rewrite or rule.kind in ("bullets", "position", "density"):
            continue
        if ctx.results[rule.id].strength > 0 or ctx.lost.get(rule.id, 0.0) < 0.5:
            continue
        values = {"model": model}
        if "{skill" in rule.rewrite:
            source = data.skill_sources.get(rule.id, {})
            limit = int(source.get("max", 1))
            skills = ctx.skills_for(rule, listed_only=False)[:limit]
            values["skill"] = " and ".join(ctx.skill_text(s) for s in skills) or None
        after = render(rule.rewrite, values, data)
        added = new_block(anchor, ctx.rescorer.new_line(), after, anchor.section if anchor else "experience", "bullet")
        kind = KIND_OF.get(labels.get(rule.id, ""), "segment")
        drafts.append(_Draft(kind, [rule], None, "", after, added=[added], segment=ctx.target if rule.pack == ctx.target else None))
    return drafts


def _last_bullet_of_first_role(ctx: _Context) -> Block | None:
    last = None
    seen_role = False
    for b in ctx.blocks:
        if b.section != "experience":
            continue
        if b.kind == "role":
            if seen_role and last is not None:
                break
            seen_role = True
        elif b.is_achievement:
            last = b
    return last or next((b for b in ctx.blocks if b.is_achievement), None)


def _keyword_drafts(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """Keywords without stuffing: the skills list cut to what the bullets show, the skills the
    other rewrites put into bullets, and the core tools (a `density` rule that lost points)."""
    out = []
    for rule in ctx.segment.rules:
        if rule.kind != "density" or not rule.rewrite or ctx.lost.get(rule.id, 0.0) < 0.5:
            continue
        skills = [s for s in ctx.facts.profile.skills if s.recognised and s.listed]
        min_skills = int(rule.params.get("min_skills", 0) or 0)
        if len(skills) < min_skills:
            continue
        list_blocks = [i for i, b in enumerate(ctx.blocks) if b.section == "skills" and b.kind != "heading" and b.text.strip()]
        if not list_blocks:
            continue
        spelled = {s.id: ctx.skill_text(s, prefer=list_blocks) for s in skills}
        shown = [s for s in skills if s.demonstrated]
        in_rewrites = {m.group(0).lower() for d in drafts for m in WORD.finditer(PLACEHOLDER.sub(" ", d.after))}
        promised = [s for s in skills if not s.demonstrated and spelled[s.id].lower() in in_rewrites]
        ratio = float(rule.params.get("max_listed_only_ratio", 0.7))
        cap = max(min_skills - 1, math.floor(len(shown) / max(1 - ratio, 1e-9)), len(shown) + len(promised))
        keep = [s.id for s in shown + promised]
        for category in ctx.data.keep_categories:
            for s in skills:
                if len(keep) < cap and s.category == category and s.id not in keep:
                    keep.append(s.id)
        if len(keep) >= len(skills):
            continue
        ordered = sorted((s for s in skills if s.id in keep), key=lambda s: _position(ctx, s, list_blocks, spelled[s.id]))
        after = render(rule.rewrite, {"skill": ", ".join(spelled[s.id] for s in ordered)}, ctx.data)
        first = list_blocks[0]
        edits = {first: after}
        edits.update({i: "" for i in list_blocks[1:]})
        before = " · ".join(ctx.blocks[i].text for i in list_blocks)
        out.append(_Draft("keywords", [rule], ctx.blocks[first].line, before, after, edits))
    return out


def _position(ctx: _Context, skill, blocks: Sequence[int], text: str) -> tuple[int, int]:
    for rank, index in enumerate(blocks):
        pos = ctx.blocks[index].text.lower().find(text.lower())
        if pos >= 0:
            return rank, pos
    return len(blocks), 0
