"""From blocks and NLP hits to a plain Profile."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import lexicon
from ..model import Profile, Section
from ..nlp.hits import Analysis
from ..ruleset.vocab import VocabEntry
from ..sections import Block
from .outcomes import extract_outcomes
from .seniority import band, counted_kinds, first_degree_end, roles_from_blocks, years_of_experience
from .skills import FuzzyIndex, extract_skills

# "City, ST" with a US state code from rules/vocab/lexicon.yml.
_LOCATION = re.compile(r"\b([A-Z][A-Za-z.]+(?:[ -][A-Z][A-Za-z.]+){0,3}),\s*(" + lexicon.alternation("us_states") + r")\b")


def build_profile(
    blocks: Sequence[Block],
    sections: Sequence[Section],
    analysis: Analysis,
    vocab: dict[str, VocabEntry],
    not_skills: frozenset[str],
    as_of: dt.date,
    fuzzy: FuzzyIndex | None = None,
) -> Profile:
    skills = extract_skills(blocks, analysis.skills, vocab, not_skills, fuzzy)
    outcome_hits = {k: v for k, v in analysis.terms.items() if k.startswith("outcome.")}
    outcomes = extract_outcomes(blocks, outcome_hits)
    roles = roles_from_blocks(blocks, as_of)
    years = years_of_experience(roles, counted_kinds(blocks), since=first_degree_end(blocks, as_of))
    clearance = tuple(dict.fromkeys(h.text for h in analysis.terms.get("profile.clearance", ())))
    modes = tuple(mode for mode in ("remote", "hybrid", "onsite") if analysis.terms.get(f"profile.work_mode.{mode}"))
    location = None
    for block in blocks:
        if block.section in ("header", "summary") or block.kind == "role":
            m = _LOCATION.search(block.text)
            if m:
                location = m.group(0)
                break
    return Profile(
        sections=tuple(sections),
        skills=skills,
        outcomes=outcomes,
        bullets=tuple(b.line for b in blocks if b.is_achievement),
        roles=roles,
        years=years,
        seniority=band(years),
        clearance=clearance,
        location=location,
        work_mode=modes,
    )
