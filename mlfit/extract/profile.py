"""From blocks and NLP hits to a plain Profile."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from .. import lexicon
from ..model import Profile, Role, Section
from ..nlp.hits import Analysis
from ..ruleset.vocab import VocabEntry
from ..sections import CONTACT_HEADINGS, Block, normalise_heading
from .memo import BlockMemo
from .outcomes import extract_outcomes
from .seniority import band, counted_kinds, dated_entries, first_degree_end, roles_from_blocks, years_of_experience
from .skills import FuzzyIndex, extract_skills

# "City, ST" with a US state code from rules/vocab/lexicon.yml.
_LOCATION = re.compile(r"\b([A-Z][A-Za-z.]+(?:[ -][A-Z][A-Za-z.]+){0,3}),\s*(" + lexicon.alternation("us_states") + r")\b")
# A work mode set as a field of its own: "Austin, TX | Remote", "(Hybrid)", "Remote — US".
_FIELD_BEFORE = re.compile(r"(?:^|[|,•·—–/(;:]|\s-)\s*$")
_FIELD_AFTER = re.compile(r"^\s*(?:$|[|,•·—–/);]|-\s)")
_STATEMENT = re.compile(r"\b(?:" + lexicon.alternation("work_mode_statements") + r")\b", re.IGNORECASE)
_CURRENT = re.compile(rf"\b(?:{lexicon.alternation('time_frame_words')})\b", re.IGNORECASE)
_STATEMENT_REACH = 60  # characters between "open to" and the work mode it governs


def _own_lines(blocks: Sequence[Block], sections: Sequence[Section]) -> set[int]:
    """Indexes of the blocks where a location or work mode is the person's own: the header,
    a contact block and the summary (an education or project line is somewhere else)."""
    contact_lines = [(s.start, s.end) for s in sections if normalise_heading(s.heading) in CONTACT_HEADINGS]
    return {
        i
        for i, block in enumerate(blocks)
        if block.kind != "heading" and (block.section in ("header", "summary") or any(start <= block.line <= end for start, end in contact_lines))
    }


def _stated(block: Block, hit, own: set[int]) -> bool:  # type: ignore[no-untyped-def]
    """A work mode the CV states: a field of the person's own lines or of the current role's
    line, or governed by a statement ("open to remote roles") anywhere."""
    if _STATEMENT.search(block.text[max(0, hit.start - _STATEMENT_REACH) : hit.start]):
        return True
    as_field = bool(_FIELD_BEFORE.search(block.text[: hit.start]) and _FIELD_AFTER.match(block.text[hit.end :]))
    # a past job's "On-site" says how that job was done, not how the person works now
    return as_field and (hit.block in own or (block.kind == "role" and bool(_CURRENT.search(block.text))))


def _positions(blocks: Sequence[Block], as_of: dt.date, memo: BlockMemo | None) -> tuple[tuple[Role, ...], str | None]:
    """The roles and when the first degree ended. They read the text of every line but the
    bullets outside Education, of which only the place counts (where an entry's bullets start),
    so a rewritten bullet leaves them as they were."""
    key = ("positions", as_of, tuple((b.section, b.kind) if b.kind == "bullet" and b.section != "education" else b for b in blocks))
    found = memo.get(key) if memo is not None else None
    if found is None:
        entries = dated_entries(blocks)
        found = roles_from_blocks(blocks, as_of, entries), first_degree_end(blocks, as_of, entries)
        if memo is not None:
            memo.put(key, found)
    return found


def build_profile(
    blocks: Sequence[Block],
    sections: Sequence[Section],
    analysis: Analysis,
    vocab: dict[str, VocabEntry],
    not_skills: frozenset[str],
    as_of: dt.date,
    fuzzy: FuzzyIndex | None = None,
    memo: BlockMemo | None = None,
) -> Profile:
    """``memo`` (an Engine's) keeps what each block yields, so re-scoring a rewrite re-reads
    only the block it changed."""
    skills = extract_skills(blocks, analysis.skills, vocab, not_skills, fuzzy, memo)
    outcome_hits = {k: v for k, v in analysis.terms.items() if k.startswith("outcome.")}
    outcomes = extract_outcomes(blocks, outcome_hits, memo)
    roles, degree_end = _positions(blocks, as_of, memo)
    years = years_of_experience(roles, counted_kinds(blocks), since=degree_end)
    clearance = tuple(dict.fromkeys(h.text for h in analysis.terms.get("profile.clearance", ())))
    own = _own_lines(blocks, sections)
    modes = tuple(
        mode
        for mode in ("remote", "hybrid", "onsite")
        if any(_stated(blocks[h.block], h, own) for h in analysis.terms.get(f"profile.work_mode.{mode}", ()))
    )
    location = next((m.group(0) for i, block in enumerate(blocks) if i in own and (m := _LOCATION.search(block.text))), None)
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
