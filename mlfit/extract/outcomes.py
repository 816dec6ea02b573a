"""Outcomes: quantified claims of impact or scope, typed by kind, direction, value and unit.

Quantities are found by one bounded pattern of our own (never a user's); what a
number *means* comes from the cue lists in rules/vocab/outcomes.yml, matched by
the spaCy term ruler, so retyping a claim is a data edit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..model import Measure, Outcome
from ..nlp.hits import Hit
from ..sections import Block, is_contact_line
from .memo import BlockMemo

# Every repeat is bounded and every number starts at a word edge, so a hostile line
# (20,000 x's, a 100,000-digit run) costs linear time, not quadratic.
_NUM = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,15})(?:\.\d{1,6})?"
_RED = r"(?<![\w,])(?:\d{1,12}[Xx][\dXx,]{0,12}|[Xx]{1,3}[\d,][\dXx,]{0,12}|[Xx]{2,12}|\[N\])"  # redacted: $X00,000, XX%, 1XX
_SCALE = r"(?:k|K|M|MM|B|bn|million|billion|thousand|mn)"
_SHORT_DUR = r"(?:ms|milliseconds?|µs|us|sec|secs|seconds?|s)"
_LONG_DUR = r"(?:mins?|minutes?|hrs?|hours?|h|days?|weeks?|wks?|months?)"
_RATE = r"(?:FPS|fps|Hz|kHz|MHz|QPS|qps|RPS|rps|TPS|tps|tokens/s|req/s|requests/s)"
_METRIC = r"(?:AUC|ROC-AUC|F1|NDCG|MAP|mAP|MRR|MAPE|RMSE|MAE|WER|BLEU|ROUGE|IoU|precision|recall|accuracy)"
# Counted things: any plural noun after the number, up to two words later ("5 product
# teams", "1,800 infusion pumps"), but never units of time spent in a job.
_NOT_COUNTED = r"(?!(?:years|yrs|months|weeks|days|hours|times|percent|points)\b)"
_FUNCTION_WORDS = rf"(?:{lexicon.alternation('stop_words')})\b"  # rules/vocab/lexicon.yml
# up to three words between the number and the counted noun: "200 machine learning challenges"
_COUNTED = rf"(?:(?!{_FUNCTION_WORDS}){_NOT_COUNTED}[A-Za-z][\w/&-]*\s){{0,3}}?{_NOT_COUNTED}[A-Za-z][\w/-]*[A-Za-z]s\b"
NUMBER_WORDS = lexicon.number_words()
_WORD_NUM = rf"\b(?:{lexicon.alternation_of(w for w in NUMBER_WORDS if w != 'zero')})\b"
# "two" counts time ("two days") but seldom things: "two streams", "two process improvement projects"
_WORD_COUNT = rf"\b(?:{lexicon.alternation_of(w for w in NUMBER_WORDS if w not in ('zero', 'two'))})\b"
_MAGNITUDE = rf"\b(?:{lexicon.alternation('magnitude_words')})\b"
_TEAM_WORDS = lexicon.alternation("team_words")
_PEOPLE = frozenset(lexicon.words("people_nouns"))
_NOT_MEASURED = frozenset(lexicon.words("not_measured_nouns"))
_RANK_BEFORE = re.compile(rf"\b(?:{lexicon.alternation('rank_before')})\s+(?:(?:approximately|about|around|over|nearly|some|~)\s*)?$", re.IGNORECASE)
_RANK_VERB = re.compile(
    rf"\b(?:{lexicon.alternation('rank_verbs')})\b(?:\s+[a-z]+){{0,3}}?\s+(?:\d+(?:st|nd|rd|th)\b|first|second|third|top)", re.IGNORECASE
)
_MULTIPLIED = {"doubled": 2.0, "tripled": 3.0, "quadrupled": 4.0, "halved": 0.5}
_MULTIPLIER_WORDS = "|".join(_MULTIPLIED)

QUANTITY = re.compile(
    rf"""
    (?P<money>[+-]?\$\s?(?:{_NUM}|{_RED}|X\b)\s?{_SCALE}?\+?(?:\s?(?:/|per|a)\s?(?:yr|year|annum|mo|month|quarter|qtr))?)
  | (?P<pct>[+-−~]?(?:{_NUM}|{_RED})\s?(?:%|percent\b|pp\b|bps\b|basis\ points|percentage\ points|points\b|pts\b))
  | (?P<mult>(?<![\w.])(?:{_NUM})\s?(?:[x×](?![\w])|times\b)|\b(?i:{_MULTIPLIER_WORDS})\b|(?<![\w.])(?:{_NUM}|{_WORD_NUM})[- ]fold\b)
  | (?P<team>\b(?:{_TEAM_WORDS})\s+of\s+(?:{_NUM}|{_WORD_NUM})\b|(?<![\w.])(?:{_NUM}|{_WORD_NUM})-(?:person|people|member|student|engineer)\b(?:\s+[A-Za-z]+){{0,2}}?\s+(?:{_TEAM_WORDS})\b)
  | (?P<rate>(?<![\w.$])(?:{_NUM})\s?{_SCALE}?\+?\s?{_RATE}(?![\w]))
  | (?P<dur>(?<![\w.$])(?:{_NUM})\s?(?:{_SHORT_DUR}|{_LONG_DUR})(?![\w])|{_WORD_NUM}\s(?:{_LONG_DUR})\b)
  | (?P<count>(?<![\w.$@/-])(?:{_NUM}|{_RED})\s?{_SCALE}?\+?\s{_COUNTED}|{_WORD_COUNT}\s{_COUNTED})
  | (?P<zero>\bzero[- ](?:[a-z]+\s)?(?:downtime|data\ loss|loss|incidents?|outages?|defects?|errors?|regressions?)\b)
  | (?P<magnitude>{_MAGNITUDE}(?:\s+of)?(?:\s+(?!{_FUNCTION_WORDS})[A-Za-z][\w/-]*){{1,2}})
  | (?P<scaled>(?<![\w.$])(?:{_NUM})\s?{_SCALE}\+?(?!\w))
  | (?P<metric>\b{_METRIC}(?:@\d+)?\s?(?:of|at|to|=|:|from)?\s?(?:0?\.\d+|1\.0)\b)
  | (?P<metric_after>(?<![\w.])(?:\d{{1,3}})?\.\d{{1,3}}\s?(?:[a-z]+\s){{0,2}}?{_METRIC}\b)
    """,
    re.VERBOSE,
)
# A year is no quantity, unless a counted noun or a rate follows it: "2048 GPUs", "2000 QPS".
_YEAR = rf"\b(?:19|20)\d{{2}}\b(?!\s*(?:%|{_RATE}(?!\w)|(?:[A-Za-z]+\s)?(?:[A-Za-z][a-z]*[a-z]s|[A-Z]{{2,}}s)\b))"
# Time in a job, "(3 years, 10 months)", "(2 yrs 4 mos)": tenure, not a result.
_TENURE = r"\(\s*\d{1,2}\s*(?:years?|yrs?|months?|mos?)\b[^()]{0,24}\)"
_NOT_OUTCOME = re.compile(rf"(?:GPA|gpa)\s*[:=]?\s*\d|{_YEAR}|{_TENURE}|\b[vV]?\d+\.\d+\.\d+\b|\+?\d[\d\s().-]{{8,}}\d")
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|to)\s*")
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_PER = re.compile(r"\bper\s+$", re.IGNORECASE)  # "cost per 1M tokens": a denominator, not a claim
_WITHIN = re.compile(r"\b(?:in|within|over|after|every)\s+(?:just\s+|only\s+|under\s+)?$", re.IGNORECASE)
_UNIT_KIND = {
    "money": "cost",
    "pct": "other",
    "mult": "throughput",
    "rate": "throughput",
    "count": "scale",
    "scaled": "scale",
    "metric": "accuracy",
    "metric_after": "accuracy",
    "team": "team",
    "zero": "reliability",
    "magnitude": "scale",
}
_CLAUSE_END = re.compile(r"[;,.](?:\s|$)|\band\b|\bwhile\b")
_CUE_AFTER = 24  # "+3.1% CTR", "$14M revenue": the measured thing usually follows the number


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    text: str
    group: str

    @property
    def long_duration(self) -> bool:
        return self.group == "dur" and re.search(_LONG_DUR + r"$", self.text) is not None


@lru_cache(maxsize=4096)  # a CV's bullets are re-read for every rewrite that is scored
def quantities(text: str) -> tuple[_Quantity, ...]:
    blocked = [(m.start(), m.end()) for m in _NOT_OUTCOME.finditer(text)]
    out = []
    for m in QUANTITY.finditer(text):
        group = m.lastgroup or "other"
        if group in ("dur", "scaled", "count", "rate") and any(s <= m.start() < e for s, e in blocked):
            continue
        if _PER.search(text, max(0, m.start() - 12), m.start()):
            continue
        if group == "dur" and re.fullmatch(r"\d{2}s", m.group().strip()) and not re.search(r"→|->|\bto\b", text[m.end() : m.end() + 5]):
            continue  # "90s" alone is more often a decade than a duration
        out.append(_Quantity(m.start(), m.end(), m.group().strip(), group))
    return tuple(out)


def _must_search(pattern: str, text: str) -> str:
    """The match of a pattern that the quantity's own pattern guarantees is in ``text``."""
    found = re.search(pattern, text)
    assert found is not None, pattern
    return found.group()


def extract_outcomes(blocks: Sequence[Block], cue_hits: Mapping[str, Sequence[Hit]], memo: BlockMemo | None = None) -> tuple[Outcome, ...]:
    """Every quantified claim, block by block. A block's outcomes depend on that block and its
    cue hits alone, so ``memo`` (an Engine's) keeps them for the next re-scored rewrite."""
    cues: dict[int, list[tuple[str, int]]] = {}  # block -> [(cue key, position)]
    for key, hits in cue_hits.items():
        for h in hits:
            cues.setdefault(h.block, []).append((key, h.start))

    out: list[Outcome] = []
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "role", "tools") or block.section not in ("header", "summary", "experience", "projects"):
            continue
        block_cues = tuple(cues.get(index, ()))
        memo_key = (block, block_cues)
        found = memo.get(memo_key) if memo is not None else None
        if found is None:
            found = _block_outcomes(block, block_cues)
            if memo is not None:
                memo.put(memo_key, found)
        out.extend(found)
    return tuple(out)


def _block_outcomes(block: Block, block_cues: Sequence[tuple[str, int]]) -> tuple[Outcome, ...]:
    if is_contact_line(block):
        return ()
    cues: list[tuple[int, str]] = []  # [(position, kind)]
    direction: list[tuple[int, str]] = []
    guards: list[int] = []
    for key, start in block_cues:
        if key.startswith("outcome.kind."):
            cues.append((start, key.rsplit(".", 1)[1]))
        elif key in ("outcome.up", "outcome.down"):
            direction.append((start, key.rsplit(".", 1)[1]))
        elif key == "outcome.guardrail":
            guards.append(start)
    found_measures: list[tuple[int, Measure, str | None]] = []
    text = block.text
    found = quantities(text)
    used: set[int] = set()
    guard_at = min(guards, default=None)
    guard_end = len(text)
    if guard_at is not None:  # "while keeping recall at 0.97, saving 1,400 hours": the guardrail ends at the comma
        boundary = re.search(r"[,;.](?:\s|$)", text[guard_at:])
        guard_end = guard_at + boundary.start() if boundary else len(text)
    for i, q in enumerate(found):
        if i in used:
            continue
        baseline = target = None
        end = q.end
        if i + 1 < len(found):
            nxt = found[i + 1]
            between = text[q.end : nxt.start]
            if _ARROW.fullmatch(between) and (("→" in between or "->" in between) or _FROM.search(text[: q.start])):
                baseline, target, end = q.text, nxt.text, nxt.end
                used.add(i + 1)
        if baseline is None and _FROM.search(text[: q.start]):
            baseline = q.text  # "from 5 days to same-day": the baseline is still a fact
        if guard_at is not None and guard_at < q.start < guard_end and any(f.start < guard_at for f in found):
            continue  # the number belongs to the guardrail, not to the gain
        if q.long_duration and baseline is None and _WITHIN.search(text[: q.start]) and not text[q.end :].lstrip().startswith("of "):
            continue  # "in 6 weeks", "every 2 days": a time frame, not a measured result ("over 200 hours of video" is one)
        if q.group in ("count", "scaled", "pct", "magnitude") and _ranked(text, q):
            continue  # "out of 350+ teams", "top 3% of the class": a competition's size, an award
        if q.group == "count" and _counted_noun(q.text) in _NOT_MEASURED:
            continue  # "published 3 papers": no result of work on a system
        value, unit, redacted = _value_unit(q)
        if target is None and q.group == "metric" and _FROM_METRIC.search(q.text) and (to := _TO_VALUE.match(text, q.end)):
            baseline, target, end = re.findall(r"\d*\.?\d+", q.text)[-1], to.group(1), to.end()  # "recall@50 from 0.81 to 0.93"
            value = float(to.group(1).rstrip("% "))
        elif target is not None and i + 1 < len(found) and found[i + 1].text == target:
            result, result_unit, _ = _value_unit(found[i + 1])  # "from 120 ms to 38 ms": the value is the result, 38 ms
            if result is not None:
                value, unit = result, result_unit
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        kind = _kind(q, cues, text, next_start)
        dirn = _direction(q, direction, text, baseline, target)
        guard = text[guard_at:guard_end].strip(" .;,") if guard_at is not None and guard_at > q.start else None
        start = q.start if baseline is None else _phrase_start(text, q.start)
        found_measures.append(
            (start, Measure(text[start:end].strip(), block.line_at(start), kind, dirn, value, unit, baseline, target, redacted), guard)
        )
    return _claims(block, found_measures)


def _claims(block: Block, measures: list[tuple[int, Measure, str | None]]) -> tuple[Outcome, ...]:
    """One outcome per claim: the quantities of one sentence of a bullet are one claim ("cut p99
    latency 40% and cloud cost 25%"), told by its first quantity, with every quantity kept."""
    text = block.text
    bounds = [m.end() for m in _SENTENCE_END.finditer(text) if not _ABBREVIATION.search(text, 0, m.start() + 1)]
    claims: dict[int, list[tuple[int, Measure, str | None]]] = {}
    for item in measures:
        claims.setdefault(sum(1 for b in bounds if b <= item[0]), []).append(item)
    out = []
    for sentence, items in claims.items():
        first = items[0][1]
        begin = bounds[sentence - 1] if sentence else 0
        finish = bounds[sentence] if sentence < len(bounds) else len(text)
        guard = next((g for _, _, g in items if g), None)
        out.append(
            Outcome(
                first.text,
                first.line,
                first.kind,
                first.direction,
                first.value,
                first.unit,
                first.baseline,
                first.target,
                guard,
                first.redacted,
                claim=text[begin:finish].strip(),
                measures=tuple(m for _, m, _ in items),
            )
        )
    return tuple(out)


# A sentence ends at . ! ? or ; before the next one starts; "e.g. Foo", "Ph.D. students", "U.S. Army" go on.
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z(\"'“])")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|vs|etc|approx|incl|Inc|Ltd|Corp|Co|No|Dr|Mr|Ms|Jr|Sr|St)|\b[A-Z]|\.[A-Za-z])\.$")


_FROM_METRIC = re.compile(r"\bfrom\b", re.IGNORECASE)
_TO_VALUE = re.compile(r"\s*(?:→|->|=>|to)\s*((?:\d{1,3})?\.\d+|1\.0|\d{1,3}(?:\.\d+)?\s?%)")


def _ranked(text: str, q: _Quantity) -> bool:
    sentence_start = max((m.end() for m in re.finditer(r"[.;!?](?:\s|$)", text[: q.start])), default=0)
    return bool(_RANK_BEFORE.search(text, max(0, q.start - 40), q.start) or _RANK_VERB.search(text, sentence_start, q.start))


def _counted_noun(text: str) -> str:
    words = text.lower().split()
    return " ".join(words[-2:]) if " ".join(words[-2:]) in _PEOPLE else words[-1]


def _word_value(text: str) -> float | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in NUMBER_WORDS:
            return float(NUMBER_WORDS[word])
    return None


def _phrase_start(text: str, start: int) -> int:
    m = _FROM.search(text[:start])
    return m.start() if m else start


def _kind(q: _Quantity, cues: list[tuple[int, str]], text: str, next_start: int) -> str:
    if q.group in ("metric", "metric_after"):
        return "accuracy"
    if q.group == "rate":
        return "throughput"
    if q.group in ("team", "zero"):
        return _UNIT_KIND[q.group]
    if q.group == "count":
        noun = q.text.lower()
        if _counted_noun(q.text) in _PEOPLE:
            return "team"  # "leads 26 engineers": people led, not the scale of a system
        if re.search(r"hours\b", noun):
            return "time_saved"  # "1,400 analyst-hours"
        if re.search(r"\b(?:per second|/s)\b", text[q.end : q.end + 14]):
            return "throughput"
        before = [k for p, k in cues if p < q.start and k == "adoption" and q.start - p < 40]
        used = re.match(r"\s+(?:use|used|rely|relies|depend|adopted|run on)\b", text[q.end :])  # "40 teams use it"
        return "adoption" if before or used else "scale"
    money = q.group == "money" or (q.group == "magnitude" and "dollar" in q.text.lower())
    candidates = [(p, k) for p, k in cues if not money or k in ("revenue", "cost")]
    if q.group == "dur":
        candidates = [(p, k) for p, k in candidates if k in ("latency", "time_saved", "reliability")]
    if candidates:
        window = text[q.end : q.end + _CUE_AFTER]
        boundary = _CLAUSE_END.search(window)
        # "4.6% while keeping p99 ...", "2.9% across 3 markets": a cue past a clause end or
        # past the next number is not what this number measures.
        reach = min(boundary.start() if boundary else _CUE_AFTER, next_start - q.end)
        after = [(p - q.end, k) for p, k in candidates if 0 <= p - q.end <= reach]
        if after:
            return min(after)[1]
        look_back = max(0, q.start - 160)  # a clause is short: look back a bounded distance
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, look_back, q.start)), default=look_back)
        same = [(q.start - p, k) for p, k in candidates if clause_start <= p < q.start]
        if same:
            return min(same)[1]
        return min((abs(p - q.start), k) for p, k in candidates)[1]
    if q.group == "dur":
        return "time_saved" if q.long_duration else "latency"
    return _UNIT_KIND.get(q.group, "other")


def _value_unit(q: _Quantity) -> tuple[float | None, str, bool]:
    text = q.text.replace("−", "-")
    redacted = q.group != "mult" and (bool(re.search(r"[Xx]\d|\d[Xx]|[Xx]{2}|\[N\]", text)) or text.strip("$%+- ") == "X")
    num = re.search(_NUM, text.replace(" ", ""))
    value = float(num.group().replace(",", "")) if num and not redacted else None
    if num is None and not redacted:  # "tripled", "a team of six", "three weeks", "zero downtime"
        value = _MULTIPLIED.get(text.lower(), _word_value(text))
        if q.group == "zero":
            value = 0.0
    if value is not None and re.search(r"\d\s?(?:k|K)\b", text):
        value *= 1e3
    elif value is not None and re.search(r"\d\s?(?:M|MM|mn|million)\b", text):
        value *= 1e6
    elif value is not None and re.search(r"\d\s?(?:B|bn|billion)\b", text):
        value *= 1e9
    if q.group == "money":
        unit = "$"
    elif q.group == "pct":
        unit = "pp" if re.search(r"pp|percentage points", text) else ("bps" if "bp" in text or "basis" in text else "%")
    elif q.group == "mult":
        unit = "x"
    elif q.group == "dur":
        unit = text.split()[-1] if num is None else (re.sub(r"[\d.,\s]+", "", text) or "s")
    elif q.group in ("metric", "metric_after"):
        unit = _must_search(_METRIC, text).lower()
        nums = re.findall(r"\d*\.\d+|1\.0", text)
        value = float(nums[-1]) if nums else value
    elif q.group == "count":
        unit = text.split()[-1].lower()
    elif q.group == "team":
        unit = "people"
    elif q.group == "magnitude":
        unit = text.split()[0].lower()
    elif q.group == "rate":
        unit = _must_search(_RATE + r"$", text).lower()
    else:
        unit = "count"
    if value is not None and text.startswith("-"):
        value = -abs(value)
    return value, unit, redacted


def _direction(q: _Quantity, cues: list[tuple[int, str]], text: str, baseline: str | None, target: str | None) -> str:
    if q.text.startswith(("+",)):
        return "up"
    if q.text.startswith(("-", "−")):
        return "down"
    if baseline and target:
        a, b = _comparable(baseline), _comparable(target)
        if a is not None and b is not None and a != b:
            return "up" if b > a else "down"
    if q.group in ("count", "scaled", "rate"):
        before = [k for p, k in cues if p < q.start]
        return before[-1] if before else "none"
    if cues:
        return min((abs(p - q.start), k) for p, k in cues)[1]
    return "up" if q.group == "mult" else "none"


_SECONDS = {
    "ms": 0.001,
    "millisecond": 0.001,
    "µs": 1e-6,
    "us": 1e-6,
    "s": 1,
    "sec": 1,
    "second": 1,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hr": 3600,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "wk": 604800,
    "month": 2592000,
}


def _comparable(text: str) -> float | None:
    """A number in a common unit, so that "2 days" and "25 minutes" compare the right way."""
    m = re.search(_NUM, text)
    if not m:
        return None
    value = float(m.group().replace(",", ""))
    unit = text[m.end() :].strip().lower().rstrip(".+")
    singular = unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit
    scale = _SECONDS.get(unit) or _SECONDS.get(singular) or {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9}.get(unit, 1)
    return value * scale
