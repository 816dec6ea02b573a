"""What a rewrite is worth: the CV re-scored with one block changed or added."""

from __future__ import annotations

from collections.abc import Sequence
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
        facts = self.engine.read_blocks((with_text(block, text),))
        return evaluate(rule, facts).strength


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
