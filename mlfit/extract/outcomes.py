"""Outcomes: quantified claims of impact or scope, typed by kind, direction, value and unit.

Quantities are found by one bounded pattern of our own (never a user's); what a
number *means* comes from the cue lists in rules/vocab/outcomes.yml, matched by
the spaCy term ruler, so retyping a claim is a data edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Outcome
from ..nlp.hits import Hit
from ..sections import Block

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_RED = r"(?:\d+[Xx][\dXx,]*|[Xx]{1,3}[\d,][\dXx,]*|[Xx]{2,}|\[N\])"  # redacted: $X00,000, XX%, 1XX
_SCALE = r"(?:k|K|M|MM|B|bn|million|billion|thousand|mn)"
_DUR = r"(?:ms|milliseconds?|µs|us|sec|secs|seconds?|s|mins?|minutes?|hrs?|hours?|h|days?|weeks?|wks?|months?)"
_COUNT = (
    r"(?:users|customers|clients|requests|queries|QPS|qps|RPS|rps|TPS|events|transactions|documents|docs|tickets|images|"
    r"records|rows|predictions|inferences|calls|messages|sessions|members|patients|claims|accounts|merchants|sellers|"
    r"items|products|SKUs|GPUs|nodes|models|features|pipelines|services|engineers|teams|countries|markets|languages|"
    r"TB|GB|PB|tokens|videos|ads|listings|drivers|riders|devices|sensors|stores|hospitals|labels|annotations|examples|"
    r"experiments|datasets|applications|apps|developers|data scientists|analysts)"
)
_METRIC = r"(?:AUC|ROC-AUC|F1|NDCG|MAP|mAP|MRR|MAPE|RMSE|MAE|WER|BLEU|ROUGE|IoU|precision|recall|accuracy)"

QUANTITY = re.compile(
    rf"""
    (?P<money>[+-]?\$\s?(?:{_NUM}|{_RED}|X\b)\s?{_SCALE}?\+?(?:\s?(?:/|per|a)\s?(?:yr|year|annum|mo|month|quarter|qtr))?)
  | (?P<pct>[+-−~]?(?:{_NUM}|{_RED})\s?(?:%|percent\b|pp\b|bps\b|basis\ points|percentage\ points))
  | (?P<mult>(?<![\w.])(?:{_NUM})\s?[x×](?![\w]))
  | (?P<dur>(?<![\w.$])(?:{_NUM})\s?{_DUR}(?![\w]))
  | (?P<count>(?<![\w.$])(?:{_NUM}|{_RED})\s?{_SCALE}?\+?\s?{_COUNT}\b)
  | (?P<scaled>(?<![\w.$])(?:{_NUM})\s?{_SCALE}\+?(?!\w))
  | (?P<metric>\b{_METRIC}\s?(?:of|at|to|=|:|from)?\s?(?:0?\.\d+|1\.0)\b)
  | (?P<metric_after>(?<![\w.])(?:0?\.\d{{1,3}})\s?{_METRIC}\b)
    """,
    re.VERBOSE,
)
_NOT_OUTCOME = re.compile(
    r"(?:GPA|gpa)\s*[:=]?\s*\d|\b(?:19|20)\d{2}\b(?!\s*(?:users|customers|%))|\b[vV]?\d+\.\d+\.\d+\b|\+?\d[\d\s().-]{8,}\d"
)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|to)\s*")
_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_UNIT_KIND = {"money": "cost", "pct": "other", "mult": "throughput", "dur": "latency", "count": "scale", "scaled": "scale", "metric": "accuracy", "metric_after": "accuracy"}
_CLAUSE_END = re.compile(r"[;,.](?:\s|$)|\band\b|\bwhile\b")


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    text: str
    group: str


def quantities(text: str) -> list[_Quantity]:
    blocked = [(m.start(), m.end()) for m in _NOT_OUTCOME.finditer(text)]
    out = []
    for m in QUANTITY.finditer(text):
        group = m.lastgroup or "other"
        if group in ("dur", "scaled", "count") and any(s <= m.start() < e for s, e in blocked):
            continue
        if group == "dur" and re.fullmatch(r"\d{2}s", m.group().strip()) and not re.search(r"→|->|\bto\b", text[m.end():m.end() + 5]):
            continue  # "90s" alone is more often a decade than a duration
        out.append(_Quantity(m.start(), m.end(), m.group().strip(), group))
    return out


def extract_outcomes(blocks: Sequence[Block], cue_hits: dict[str, Sequence[Hit]]) -> tuple[Outcome, ...]:
    cues: dict[int, list[tuple[int, str]]] = {}  # block -> [(position, kind)]
    direction: dict[int, list[tuple[int, str]]] = {}
    guards: dict[int, list[int]] = {}
    for key, hits in cue_hits.items():
        for h in hits:
            if key.startswith("outcome.kind."):
                cues.setdefault(h.block, []).append((h.start, key.rsplit(".", 1)[1]))
            elif key in ("outcome.up", "outcome.down"):
                direction.setdefault(h.block, []).append((h.start, key.rsplit(".", 1)[1]))
            elif key == "outcome.guardrail":
                guards.setdefault(h.block, []).append(h.start)

    out: list[Outcome] = []
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "role") or block.section not in ("header", "summary", "experience", "projects"):
            continue
        text = block.text
        found = quantities(text)
        used: set[int] = set()
        guard_at = min(guards.get(index, []), default=None)
        for i, q in enumerate(found):
            if i in used:
                continue
            baseline = target = None
            end = q.end
            if i + 1 < len(found):
                nxt = found[i + 1]
                between = text[q.end:nxt.start]
                if _ARROW.fullmatch(between) and (("→" in between or "->" in between) or _FROM.search(text[:q.start])):
                    baseline, target, end = q.text, nxt.text, nxt.end
                    used.add(i + 1)
            if guard_at is not None and q.start > guard_at:
                continue  # the number belongs to the guardrail, not to the gain
            kind = _kind(q, cues.get(index, []), text)
            value, unit, redacted = _value_unit(q)
            dirn = _direction(q, direction.get(index, []), text, baseline, target)
            guard = text[guard_at:].strip(" .;") if guard_at is not None and guard_at > q.start else None
            phrase = text[q.start:end] if baseline is None else text[_phrase_start(text, q.start):end]
            out.append(Outcome(phrase.strip(), block.line, kind, dirn, value, unit, baseline, target, guard, redacted))
    return tuple(out)


def _phrase_start(text: str, start: int) -> int:
    m = _FROM.search(text[:start])
    return m.start() if m else start


def _kind(q: _Quantity, cues: list[tuple[int, str]], text: str) -> str:
    if q.group in ("metric", "metric_after"):
        return "accuracy"
    if q.group == "money":
        near = [k for _, k in cues if k in ("revenue", "cost")]
        if near:
            return min(((abs(p - q.start), k) for p, k in cues if k in ("revenue", "cost")))[1]
        return "cost"
    if cues:
        # nearest cue in the same clause wins; a cue before the number is as good as one after it
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, q.start)), default=0)
        same = [(abs(p - q.start), k) for p, k in cues if p >= clause_start] or [(abs(p - q.start), k) for p, k in cues]
        best = min(same)[1]
        if q.group == "dur" and best not in ("latency", "time_saved", "reliability"):
            return "time_saved" if any(k == "time_saved" for _, k in cues) else "latency"
        return best
    return _UNIT_KIND.get(q.group, "other")


def _value_unit(q: _Quantity) -> tuple[float | None, str, bool]:
    text = q.text.replace("−", "-")
    redacted = q.group != "mult" and (bool(re.search(r"[Xx]\d|\d[Xx]|[Xx]{2}|\[N\]", text)) or text.strip("$%+- ") == "X")
    num = re.search(_NUM, text.replace(" ", ""))
    value = float(num.group().replace(",", "")) if num and not redacted else None
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
        unit = re.sub(r"[\d.,\s]+", "", text) or "s"
    elif q.group in ("metric", "metric_after"):
        unit = re.search(_METRIC, text).group().lower()
        nums = re.findall(r"\d*\.\d+|1\.0", text)
        value = float(nums[-1]) if nums else value
    elif q.group == "count":
        unit = re.search(_COUNT + r"$", text).group().lower()
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
    if q.group in ("count", "scaled"):
        before = [k for p, k in cues if p < q.start]
        return before[-1] if before else "none"
    if cues:
        return min((abs(p - q.start), k) for p, k in cues)[1]
    return "up" if q.group == "mult" else "none"


_SECONDS = {"ms": 0.001, "millisecond": 0.001, "µs": 1e-6, "us": 1e-6, "s": 1, "sec": 1, "second": 1, "min": 60,
            "minute": 60, "h": 3600, "hr": 3600, "hour": 3600, "day": 86400, "week": 604800, "wk": 604800, "month": 2592000}


def _comparable(text: str) -> float | None:
    """A number in a common unit, so that "2 days" and "25 minutes" compare the right way."""
    m = re.search(_NUM, text)
    if not m:
        return None
    value = float(m.group().replace(",", ""))
    unit = text[m.end():].strip().lower().rstrip(".+")
    singular = unit[:-1] if len(unit) > 2 and unit.endswith("s") else unit
    scale = _SECONDS.get(unit) or _SECONDS.get(singular) or {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9}.get(unit, 1)
    return value * scale
