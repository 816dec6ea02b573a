"""What a rewrite is worth: the CV re-scored with one block changed or added."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from typing import Any

from ..checks import Facts, evaluate
from ..nlp.hits import Analysis, Hit
from ..ruleset.loader import Rule
from ..scoring import segment_points
from ..sections import Block


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
        # the CV's hits by block, so an edit swaps one block's hits without sorting them all again
        self._skills_by_block = _by_block(self.analysis.skills)
        self._terms_by_block = {key: _by_block(hits) for key, hits in self.analysis.terms.items()}
        self._alone: dict[tuple[Block, str], Facts] = {}
        self._index = {block: i for i, block in enumerate(self.blocks)}

    def new_line(self) -> int:
        self._next_line += 1
        return self._next_line

    def scores(self, facts: Facts) -> dict[str, float]:
        return segment_points(self.segments, facts)

    def facts(self, edits: dict[int, str], added: Sequence[Block] = ()) -> Facts:
        blocks = list(self.blocks)
        for index, text in edits.items():
            blocks[index] = with_text(blocks[index], text)
        changed = sorted(edits) + list(range(len(blocks), len(blocks) + len(added)))
        blocks.extend(added)
        fresh = self.engine.analyzer.analyze([blocks[i].text for i in changed])
        where = dict(enumerate(changed))
        fresh_skills = _by_block(h._replace(block=where[h.block]) for h in fresh.skills)
        fresh_terms = {key: _by_block(h._replace(block=where[h.block]) for h in hits) for key, hits in fresh.terms.items()}
        skills = _merged(self.analysis.skills, self._skills_by_block, fresh_skills, changed)
        terms = {}
        # in a fixed order (not a set's): outcome cues are read in their groups' order
        for key in list(self.analysis.terms) + [k for k in fresh_terms if k not in self.analysis.terms]:
            merged = _merged(self.analysis.terms.get(key, ()), self._terms_by_block.get(key, {}), fresh_terms.get(key, {}), changed)
            if merged:
                terms[key] = merged
        return self.engine.read_blocks(tuple(blocks), sections=self.reading.sections, analysis=Analysis(skills, terms))

    def gain(self, edits: dict[int, str], added: Sequence[Block] = ()) -> dict[str, float]:
        after = self.scores(self.facts(edits, added))
        return {sid: round(max(0.0, after[sid] - self.base[sid]), 1) for sid in self.base}

    def alone(self, block: Block, text: str, rule: Rule) -> float:
        """The rule's strength on this one block with this text (is a clause relevant to this bullet?)."""
        facts = self._alone.get((block, text))
        if facts is None:  # the same bullet is asked about for several rules
            index = self._index.get(block)
            analysis = None
            if index is not None and text == block.text:  # the CV's own bullet: its hits are known
                analysis = Analysis(
                    tuple(h._replace(block=0) for h in self._skills_by_block.get(index, ())),
                    {key: tuple(h._replace(block=0) for h in by[index]) for key, by in self._terms_by_block.items() if index in by},
                )
            facts = self._alone[(block, text)] = self.engine.read_blocks((with_text(block, text),), analysis=analysis)
        return evaluate(rule, facts).strength


def _by_block(hits: Iterable[Hit]) -> dict[int, tuple[Hit, ...]]:
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.block, []).append(hit)
    return {block: tuple(found) for block, found in grouped.items()}


def _merged(
    base: tuple[Hit, ...], base_by_block: dict[int, tuple[Hit, ...]], fresh_by_block: dict[int, tuple[Hit, ...]], changed: Sequence[int]
) -> tuple[Hit, ...]:
    """The CV's hits in block order with the changed blocks' hits swapped for their fresh ones;
    a group that none of the changed blocks touches is the CV's own tuple, unchanged."""
    if not any(i in base_by_block or i in fresh_by_block for i in changed):
        return base
    blocks = sorted((base_by_block.keys() - set(changed)) | fresh_by_block.keys())
    return tuple(hit for i in blocks for hit in (fresh_by_block.get(i) or base_by_block[i]))


def with_text(block: Block, text: str) -> Block:
    changes: dict[str, Any] = {"text": text}
    if "joins" in {f.name for f in fields(block)}:
        changes["joins"] = ()
    return replace(block, **changes)


def new_block(like: Block | None, line: int, text: str, section: str, kind: str) -> Block:
    if like is not None:
        return replace(with_text(like, text), line=line, end_line=line, section=section, kind=kind)
    return Block(line, line, text, section, kind)


# -- the suggestions ------------------------------------------------------------------------
