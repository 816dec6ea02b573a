"""The rewrite word lists of rules/vocab/rewrite.yml (verb forms, weak openers, vague outcomes, which
rule carries which recommendation), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..ruleset.paths import builtin_rules_dir

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
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, (list, tuple)) else ()


def load_rewrite_yaml(path) -> dict:
    from .. import cache

    data = cache.yaml_data("rewrite", path.read_bytes())
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def rewrite_data() -> RewriteData:
    data = load_rewrite_yaml(builtin_rules_dir() / "vocab" / "rewrite.yml")
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
