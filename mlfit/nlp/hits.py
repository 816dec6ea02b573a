"""What the NLP layer hands out: plain data, importable without spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Hit(NamedTuple):
    """One match. A NamedTuple, not a dataclass: a CV yields ~1,000 of them, and building
    a frozen dataclass costs ten times as much as a tuple (measured: 3 ms a CV)."""

    key: str  # term group key, or skill id
    label: str  # skill category ("" for terms)
    block: int  # index into the blocks given to analyze()
    start: int  # char offsets inside the block's text
    end: int
    text: str
    prev: str  # the token before ("" at block start)
    next: str  # the token after ("" at block end)


@dataclass(frozen=True)
class Analysis:
    skills: tuple[Hit, ...]
    terms: dict[str, tuple[Hit, ...]]  # group key -> hits
