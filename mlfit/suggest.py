"""Rewrites: every bullet worth changing, most valuable first, from the rule packs' templates.

The article's five recommendations ("What This Means for Your CV and Job Search") become
rewrites: lead with production outcomes, not model names; make MLOps visible; match the
segment's wording; the right keywords without stuffing; a cloud proof point. Plus weak
openers to ownership verbs, vague outcomes to quantified placeholders, and the strongest
outcome moved into the summary.

Templates are data: each rule's ``rewrite: {template: ...}`` in rules/*.yml; the word lists
(verb forms, weak openers, vague outcomes, which rule carries which recommendation) are in
rules/vocab/rewrite.yml. A template may use these variables, all filled with text taken
from the CV itself:

``{bullet}``    the bullet (or summary line) being rewritten, after the earlier steps
``{verb}``      its opening verb ("Trained"), or the ownership verb that replaces a weak opener
``{verb_ing}``  the same verb as a gerund ("training")
``{object}``    the rest of the bullet after that verb
``{model}``     the model a bullet names ("BERT classifier"), without its article
``{skill}``     skills from the CV that the rule is about, as the CV spells them
``{outcome}``   the CV's strongest quantified outcome bullet

A variable the CV cannot fill becomes a visible placeholder (``[model]``; a template may
give its own with ``{skill:[AWS / GCP / Azure]}``). Placeholders are always in square
brackets: ``[N]%``, ``[baseline → new]``, ``[volume]``. A rewrite never carries a number,
tool or name the CV does not state (tests/test_never_invent.py checks that).

What a suggestion is worth is measured, not guessed: its placeholders are filled with
plausible stand-ins (``[N]`` -> 10), the edited CV is re-scored, and the gain per segment is
the difference. Only the changed block is re-matched, so a few dozen re-scores stay fast.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache

from .checks import Facts, evaluate
from .model import SegmentScore, Suggestion
from .nlp.hits import Analysis, Hit
from .ruleset.loader import Rule, RuleSet
from .ruleset.paths import builtin_rules_dir
from .scoring import segment_points
from .sections import Block

VARIABLES = ("bullet", "verb", "verb_ing", "object", "model", "skill", "outcome")
_VARIABLE = re.compile(r"\{(\w+)(?::([^{}]*))?\}")
PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
_RESULT = re.compile(r"\[(?:metric|baseline → new)\]|\[N\]%|by \[N\]|from \[baseline")  # a measured result asked for
_NUMBER = re.compile(r"\d")
MAX_BULLETS = 60  # bullets rewritten per CV, in CV order (most recent first): bounds the re-scoring of a huge CV
MAX_RESTRUCTURE_WORDS = 20  # a longer (or multi-clause) bullet keeps its shape; it only gains a clause
_ARTICLES = {"a", "an", "the", "our", "my", "their", "its", "his", "her", "several", "multiple", "various", "two", "three"}
_STOP = _ARTICLES | {
    "for",
    "on",
    "in",
    "with",
    "of",
    "to",
    "at",
    "by",
    "from",
    "and",
    "or",
    "using",
    "via",
    "into",
    "that",
    "which",
    "as",
    "across",
    "over",
    "behind",
    "so",
    "while",
    "under",
    "per",
}
_WORD = re.compile(r"[A-Za-z][\w+#./-]*")

KIND_OF = {"mlops": "mlops", "proof_point": "proof_point"}  # rewrite.yml `rules:` keys of new-line rules -> Suggestion.kind
STAGE_ORDER = ("outcome_first", "quantify", "ownership", "summary", "mlops", "proof_point", "keywords", "segment")


# -- the data file --------------------------------------------------------------------------


@dataclass(frozen=True)
class Opener:
    opener: str
    to: str
    before_verb: str | None
    drop_people: bool = False


@dataclass(frozen=True)
class RewriteData:
    rules: dict[str, object]
    skill_sources: dict[str, dict]
    keep_categories: tuple[str, ...]
    forms: dict[str, tuple[str, str, str]]  # any form (lower) -> (base, past, gerund)
    openers: tuple[Opener, ...]  # longest first
    people: tuple[str, ...]
    joiners: tuple[str, ...]
    vague: tuple[tuple[str, str], ...]  # (pattern source, then): compiled on first use, ~15 ms
    missing: dict[str, str]
    fill: dict[str, str]

    def rule_id(self, key: str) -> str | None:
        value = self.rules.get(key)
        return value if isinstance(value, str) else None

    def rule_ids(self, key: str) -> tuple[str, ...]:
        value = self.rules.get(key)
        if isinstance(value, str):
            return (value,)
        return tuple(v for v in value or () if isinstance(v, str))


def _load_rewrite_yaml(path) -> dict:
    """The parsed file, cached as JSON by content hash: importing PyYAML costs a run ~15 ms."""
    import hashlib

    from . import cache

    raw = path.read_bytes()
    key = "rewrite-" + hashlib.sha256(raw).hexdigest()[:16]
    data = cache.load(key)
    if not isinstance(data, dict):
        import yaml

        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        cache.save(key, data)
    return data


@lru_cache(maxsize=1)
def rewrite_data() -> RewriteData:
    data = _load_rewrite_yaml(builtin_rules_dir() / "vocab" / "rewrite.yml")
    forms: dict[str, tuple[str, str, str]] = {}
    for base, (past, ing) in (data.get("verbs") or {}).items():
        for form in (base, past, ing):
            forms.setdefault(str(form).lower(), (str(base), str(past), str(ing)))
    own = data.get("ownership") or {}
    openers = tuple(
        sorted(
            (Opener(str(o["opener"]).lower(), str(o["to"]), o.get("before_verb"), bool(o.get("drop_people"))) for o in own.get("openers") or ()),
            key=lambda o: -len(o.opener),
        )
    )
    quantify = data.get("quantify") or {}
    verbs = sorted((str(v) for v in quantify.get("verbs") or ()), key=len, reverse=True)
    vague = []
    for entry in quantify.get("phrases") or ():
        nouns = sorted((str(n) for n in entry.get("nouns") or ()), key=len, reverse=True)
        pattern = (
            r"(?<![\w-])(?:" + "|".join(map(re.escape, verbs)) + r")\b(?:\s+[\w-]+){0,3}?\s+(?:" + "|".join(map(re.escape, nouns)) + r")\b"
            r"(?!\s*(?:by|from|to|of|at|under|below|above|within)?\s*[$~≈<>]?\d)"
        )
        vague.append((pattern, str(entry.get("then", ""))))
    return RewriteData(
        rules=dict(data.get("rules") or {}),
        skill_sources={str(k): dict(v) for k, v in (data.get("skill_sources") or {}).items()},
        keep_categories=tuple(data.get("keep_categories") or ()),
        forms=forms,
        openers=openers,
        people=tuple(sorted((str(p) for p in own.get("people") or ()), key=len, reverse=True)),
        joiners=tuple(str(j) for j in own.get("joiners") or ()),
        vague=tuple(vague),
        missing={str(k): str(v) for k, v in (data.get("missing") or {}).items()},
        fill={str(k): str(v) for k, v in (data.get("fill") or {}).items()},
    )


# -- templates ------------------------------------------------------------------------------


def template_variables(template: str) -> list[str]:
    return [m.group(1) for m in _VARIABLE.finditer(template)]


def render(template: str, values: dict[str, str | None], data: RewriteData | None = None) -> str:
    """Fill a template: a variable the CV does not provide becomes a visible [placeholder]."""
    data = data or rewrite_data()

    def sub(m: re.Match) -> str:
        name, fallback = m.group(1), m.group(2)
        value = values.get(name)
        if value:
            if name in ("verb", "verb_ing"):
                value = _cap(value) if m.start() == 0 else _lower_first(value)
            return value
        if fallback is not None:
            return fallback
        return data.missing.get(name, f"[{name}]")

    return tidy(_VARIABLE.sub(sub, template))


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\.{2,}", ".", text)
    return text.strip(" ,;:")


def placeholders(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(text)))


def fill_placeholders(text: str, data: RewriteData | None = None) -> str:
    """Plausible stand-ins, only to estimate what a filled-in rewrite would score (never shown)."""
    data = data or rewrite_data()

    def sub(m: re.Match) -> str:
        inner = m.group(0)[1:-1].strip()
        if inner in data.fill:
            return data.fill[inner]
        if " / " in inner:
            inner = inner.split(" / ")[0]
        inner = inner.split(":", 1)[-1].strip() if ":" in inner and not inner.startswith("$") else inner
        return data.fill.get(inner, inner)

    return tidy(PLACEHOLDER.sub(sub, text))


def _simple(text: str, data: RewriteData) -> bool:
    """One plain clause: no list, no second sentence, no second verb ('... and presented results')."""
    if ";" in text or "," in text or len(text.split()) > MAX_RESTRUCTURE_WORDS:
        return False
    return not any(m.group(1).lower() in data.forms for m in re.finditer(r"\b(?:and|then)\s+(\w[\w-]*)", text))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _lower_first(text: str) -> str:
    """'Trained' -> 'trained', '[Built / Shipped]' -> '[built / shipped]'; never 'BERT' -> 'bERT'."""
    if text.startswith("["):
        return "[" + " / ".join(_lower_first(o) for o in text[1:-1].split(" / ")) + "]"
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[0].isupper() and word[1:2].islower() and not any(c.isupper() for c in word[1:]):
        return text[0].lower() + text[1:]
    return text


def _strip_end(text: str) -> str:
    return text.strip().rstrip(" .;,")


# -- reading a bullet -----------------------------------------------------------------------


def split_verb(text: str, data: RewriteData) -> tuple[str | None, str | None, str]:
    """(verb as written, the same as a gerund, the rest). 'Trained and deployed X' keeps both verbs."""
    text = text.strip()
    if text.startswith("["):  # a choice a previous step put there: "[Built / Shipped] NLP models"
        end = text.find("]")
        if end > 0:
            options = text[1:end].split(" / ")
            ing = [data.forms.get(o.lower(), (None, None, None))[2] for o in options]
            gerund = "[" + " / ".join(i or o.lower() for i, o in zip(ing, options)) + "]"
            return text[: end + 1], gerund, text[end + 1 :].strip()
    words = text.split(" ")
    first = words[0].lower().rstrip(",")
    if first not in data.forms:
        return None, None, text
    base, past, _ = data.forms[first]
    if first == base != past and (len(words) < 2 or words[1].lower() not in _ARTICLES | {"and", "&"}):
        return None, None, text  # "Model serving platform", "Design docs": a noun, not a present-tense verb
    used, ings = [words[0].rstrip(",")], [data.forms[first][2]]
    rest = words[1:]
    if len(rest) >= 2 and rest[0].lower() in ("and", "&") and rest[1].lower().rstrip(",") in data.forms:
        used += [rest[0], rest[1].rstrip(",")]
        ings.append(data.forms[rest[1].lower().rstrip(",")][2])
        rest = rest[2:]
    return " ".join(used), " and ".join(ings), " ".join(rest)


def ownership(text: str, data: RewriteData) -> tuple[str, str] | None:
    """(ownership verb, object) for a bullet that opens weakly, or None."""
    low = text.lower()
    for op in data.openers:
        if not (low.startswith(op.opener) and (len(low) == len(op.opener) or not low[len(op.opener)].isalnum())):
            continue
        rest = text[len(op.opener) :].strip(" :-–—,")
        who = None
        for person in data.people if op.drop_people else ():
            for joiner in data.joiners:
                lead = f"{person} {joiner} "
                if rest.lower().startswith(lead):
                    who, rest = rest[: len(person)], rest[len(lead) :]
                    break
            if who:
                break
        stripped = None
        if who is None:
            for joiner in data.joiners:
                if rest.lower().startswith(joiner + " ") and joiner != "on":
                    rest, stripped = rest[len(joiner) + 1 :], joiner
                    break
        verb = op.to
        first, _, after = rest.partition(" ")
        forms = data.forms.get(first.lower())
        base_ok = "{base}" in (op.before_verb or "") and who is None and stripped in (None, "to")
        if forms and not (first.lower() == forms[2] or (first.lower() == forms[0] and base_ok)):
            forms = None  # "worked on model serving": after these openers a bare base form is a noun
        if forms and op.before_verb:
            base, past, ing = forms
            verb = op.before_verb.replace("{past}", past).replace("{base}", base).replace("{ing}", ing)
            rest = after
        if not rest:
            return None
        if who:
            rest = f"{rest} with {who}"
        return verb, rest
    return None


@cache
def _compiled(source: str) -> re.Pattern:
    return re.compile(source, re.IGNORECASE)


def quantify_vague(text: str, data: RewriteData) -> str | None:
    """'improved latency' -> 'improved latency from [baseline → new] ms', or None."""
    for source, then in data.vague:
        m = _compiled(source).search(text)
        if m:
            return tidy(text[: m.end()] + " " + then + text[m.end() :])
    return None


def model_phrase(text: str, hits: Sequence[Hit], data: RewriteData) -> str | None:
    """The model a bullet names, without its article: 'a BERT classifier for X' -> 'BERT classifier'."""
    if not hits:
        return None
    hits = sorted(hits, key=lambda h: h.start)
    start, end = hits[0].start, hits[0].end
    for h in hits[1:]:
        if h.start - end <= 25 and not re.search(r"[,;:(]|\b(?:for|to|on|in|with|of|using|and)\b", text[end : h.start]):
            end = max(end, h.end)
    # extend over modifiers ("churn model", "NLP models") and a head noun after the model's name
    # ("BERT ticket router"), never over an article, a preposition, a verb or punctuation
    left = [m for m in _WORD.finditer(text[:start])]
    for m in reversed(left[-3:]):
        word = m.group(0).lower()
        if word in _STOP or word in data.forms or text[m.end() : start].strip(" -"):
            break
        start = m.start()
    for m in list(_WORD.finditer(text, end))[:2]:
        word = m.group(0).lower()
        if word in _STOP or word in data.forms or text[end : m.start()].strip(" -") or word.endswith("ing"):
            break
        end = m.end()
    phrase = text[start:end].strip(" ,;:")
    return phrase or None


# -- re-scoring -----------------------------------------------------------------------------


class Rescorer:
    """Scores of the CV with one block replaced or added; only that block is matched again."""

    def __init__(self, engine, reading, segments):
        self.engine = engine
        self.reading = reading
        self.blocks = tuple(reading.blocks)
        self.segments = tuple(segments)
        self.analysis = reading.analysis or engine.analyzer.analyze([b.text for b in self.blocks])
        self.base = self.scores(reading.facts)
        self._next_line = max((b.end_line for b in self.blocks), default=0) + 1

    def new_line(self) -> int:
        self._next_line += 1
        return self._next_line

    def scores(self, facts: Facts) -> dict[str, float]:
        return segment_points(self.segments, facts)

    def facts(self, edits: dict[int, str], added: Sequence[Block] = ()) -> Facts:
        blocks = list(self.blocks)
        for index, text in edits.items():
            blocks[index] = _with_text(blocks[index], text)
        changed = sorted(edits) + list(range(len(blocks), len(blocks) + len(added)))
        blocks.extend(added)
        fresh = self.engine.analyzer.analyze([blocks[i].text for i in changed])
        where = dict(enumerate(changed))
        keep = set(edits)
        skills = [h for h in self.analysis.skills if h.block not in keep]
        skills += [h._replace(block=where[h.block]) for h in fresh.skills]
        terms: dict[str, list[Hit]] = {k: [h for h in v if h.block not in keep] for k, v in self.analysis.terms.items()}
        for key, hits in fresh.terms.items():
            terms.setdefault(key, []).extend(h._replace(block=where[h.block]) for h in hits)
        order = lambda h: (h.block, h.start)  # noqa: E731
        analysis = Analysis(tuple(sorted(skills, key=order)), {k: tuple(sorted(v, key=order)) for k, v in terms.items()})
        return self.engine.read_blocks(tuple(blocks), sections=self.reading.sections, analysis=analysis)

    def gain(self, edits: dict[int, str], added: Sequence[Block] = ()) -> dict[str, float]:
        after = self.scores(self.facts(edits, added))
        return {sid: round(max(0.0, after[sid] - self.base[sid]), 1) for sid in self.base}

    def alone(self, block: Block, text: str, rule: Rule) -> float:
        """The rule's strength on this one block with this text (is a clause relevant to this bullet?)."""
        facts = self.engine.read_blocks((_with_text(block, text),))
        return evaluate(rule, facts).strength


def _with_text(block: Block, text: str) -> Block:
    changes = {"text": text}
    if "joins" in {f.name for f in fields(block)}:
        changes["joins"] = ()
    return replace(block, **changes)


def _new_block(like: Block | None, line: int, text: str, section: str, kind: str) -> Block:
    if like is not None:
        return replace(_with_text(like, text), line=line, end_line=line, section=section, kind=kind)
    return Block(line, line, text, section, kind)


# -- the suggestions ------------------------------------------------------------------------


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
        from .engine import engine_for

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
        from .scoring import score_segments

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
                m = re.search(r"(?<![\w+#])" + re.escape(name) + r"(?![\w+#])", text, re.IGNORECASE)
                if m:
                    return m.group(0)
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
    ctx = _Context(reading, report_segments, ruleset, target)
    drafts = _bullet_drafts(ctx)
    drafts += _summary_drafts(ctx)
    drafts += _new_line_drafts(ctx)
    drafts += _keyword_drafts(ctx, drafts)
    out = []
    for draft in drafts:
        filled_edits = {i: fill_placeholders(t, ctx.data) for i, t in draft.edits.items()}
        filled_added = [_with_text(b, fill_placeholders(b.text, ctx.data)) for b in draft.added]
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
    drafts = []
    for index, block in enumerate(ctx.blocks):
        if not block.is_achievement:
            continue
        original = _strip_end(block.text)
        if not original:
            continue
        is_ml = ml_blocks is None or index in ml_blocks
        # a number already there is a fact: never ask for another one in its place
        has_outcome = ctx.block_outcome(block) or bool(_NUMBER.search(original))
        text, stages = original, []
        if ownership_rule is not None:
            owned = ownership(text, data)
            if owned:
                text = render(ownership_rule.rewrite, {"verb": owned[0], "object": owned[1]}, data)
                stages.append(("ownership", ownership_rule))
        added_outcome = False
        if quantify_rule is not None and not has_outcome:
            quantified = quantify_vague(text, data)
            if quantified:
                text, added_outcome = quantified, True
                stages.append(("quantify", quantify_rule))
        for rule in bullet_rules:
            if index not in ctx.results[rule.id].problems:
                continue
            if (has_outcome or added_outcome) and _RESULT.search(rule.rewrite):
                continue
            verb, verb_ing, obj = split_verb(text, data)
            if "{bullet}" not in rule.rewrite and (verb is None or not _simple(obj, data)):
                continue  # restructuring needs one plain clause that opens with a verb
            text = render(rule.rewrite, {"bullet": text, "verb": verb, "verb_ing": verb_ing, "object": obj}, data)
            stages.append(("outcome_first" if rule.id == data.rule_id("outcome_first") else "quantify", rule))
            added_outcome = added_outcome or bool(_RESULT.search(rule.rewrite))
            break
        if is_ml and not has_outcome and not added_outcome and quantify_rule is not None and ctx.lost.get(quantify_rule.id, 0.0) >= 0.5:
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
        if _RESULT.search(rule.rewrite) and _RESULT.search(text):
            continue  # one measured result per bullet: do not ask for a second number
        values = {"bullet": text}
        skill = None
        if "{skill" in rule.rewrite:
            if rule.kind == "skills" and not rule.params.get("demonstrated", True):
                continue
            options = [s for s in ctx.skills_for(rule, listed_only=True) if s.id not in used_skills]
            if not options:
                continue
            skill = options[0]
            values["skill"] = ctx.skill_text(skill)
        candidate = render(rule.rewrite, values, ctx.data)
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
        outcome = _strip_end(next((c for c in clauses if best[2] and best[2] in c), ctx.blocks[best[1]].text))
        first = outcome.split(" ", 1)[0].lower()
        if first in ctx.data.forms:
            outcome = _lower_first(outcome)
        summary = next((i for i, b in enumerate(ctx.blocks) if b.section == "summary" and b.kind != "heading"), None)
        if summary is not None:
            block = ctx.blocks[summary]
            first, rest = _first_sentence(block.text)  # the result goes right after the headline sentence
            after = render(rule.rewrite, {"bullet": _strip_end(first), "outcome": outcome}, ctx.data) + "."
            after = f"{after} {rest}".strip()
            drafts.append(_Draft("summary", [rule], block.line, block.text, after, {summary: after}))
        else:
            after = render(rule.rewrite, {"outcome": outcome}, ctx.data) + "."
            added = _new_block(None, ctx.rescorer.new_line(), after, "summary", "text")
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
        added = _new_block(anchor, ctx.rescorer.new_line(), after, anchor.section if anchor else "experience", "bullet")
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
        in_rewrites = {m.group(0).lower() for d in drafts for m in _WORD.finditer(PLACEHOLDER.sub(" ", d.after))}
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
