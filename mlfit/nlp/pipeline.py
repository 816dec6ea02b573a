"""The only module that touches spaCy.

A blank English tokenizer turns the CV into tokens; the skill vocabulary, every
rule's terms and the outcome/profile cue lists are token-sequence patterns
(nlp/phrases.py), tokenised by the same tokenizer, matched over those tokens.
Each skill hit carries its canonical id and its category, as SpanRuler would in
span.id_ and span.label_. Everything leaves as plain Hits: no Doc, Span or Token.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..ruleset.vocab import VocabEntry
from .hits import Analysis, Hit
from .phrases import PhraseIndex, longest_first

# Plain words tokenise to exactly their words; only text with punctuation needs
# the tokenizer. tests/test_nlp.py checks that on the whole vocabulary.
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_SEP = "\x1f"  # joins a skill id and its category into one key
_CHUNK = re.compile(r"[^\s]+|\n")
_MEMO_LIMIT = 200_000  # chunks remembered per process (a batch worker sees the same words again and again)
_HYPHEN = "-"
NEGATIVE_CONTEXT = "negative.context"  # the term group of rules/vocab/lexicon.yml's negative_contexts


Pattern = tuple[bool, str, tuple[tuple[str, bool], ...]]  # (case_sensitive, key, ((token, is_prefix), ...))


def compile_patterns(vocab: Sequence[VocabEntry], term_groups: dict[str, tuple[tuple[str, ...], bool]]) -> tuple[list[Pattern], list[Pattern]]:
    """Tokenise every vocabulary name and rule term once; the result is plain data that can be cached."""
    tokenizer = _blank().tokenizer

    def tokens(text: str) -> list[str]:
        if _PLAIN.fullmatch(text):
            return text.split(" ")
        return [t.text for t in tokenizer(text) if not t.text.isspace()]

    skills: list[Pattern] = []
    for entry in vocab:
        for name in dict.fromkeys(entry.names + _shouted(entry)):
            skills.append((entry.case_sensitive, f"{entry.id}{_SEP}{entry.category}", tuple((t, False) for t in tokens(name))))
    terms: list[Pattern] = []
    for key, (group, case_sensitive) in term_groups.items():
        for term in group:
            specs: list[tuple[str, bool]] = []
            for word in term.split():
                if word.endswith("*"):
                    specs.append((word[:-1], True))
                else:
                    specs.extend((t, False) for t in tokens(word) if t != _HYPHEN)  # "on-prem" is "on prem"
            terms.append((case_sensitive, key, tuple(specs)))
    return skills, terms


def _shouted(entry: VocabEntry) -> tuple[str, ...]:
    """A case-sensitive name in capitals too, "IOS", "D3.JS", "PYTORCH": a heading or a shouted
    skills line writes it so. Only names that mix cases and run 3+ letters: "GO" ("and GO") and
    "AI" stay what their own entries say."""
    if not entry.case_sensitive:
        return ()
    return tuple(n.upper() for n in entry.names if len(n) >= 3 and n != n.upper() and n != n.lower() and n.upper() not in entry.names)


_NLP = None
TOKENIZER_VERSION = "en-no-contractions-3"  # part of the pattern cache key: bump when compile_patterns changes


def _blank():
    """spaCy's blank English pipeline, minus the ~800 contraction special cases.

    Building the tokenizer's 1,347 special cases is 0.11 s of every run; the ones with
    an apostrophe ("can't", "I'm", "Y'all", in every casing) never touch a skill, a
    metric or a heading, and dropping them cuts that to 0.03 s. Abbreviations
    ("U.S.", "e.g.", "Jan.", "Inc.") and "C++" keep their special cases. Patterns
    are tokenised by this same tokenizer, so matching stays consistent.
    """
    global _NLP
    if _NLP is None:
        from spacy.lang.en import English

        kept = {k: v for k, v in English.Defaults.tokenizer_exceptions.items() if "'" not in k and "’" not in k}

        class _Defaults(English.Defaults):
            tokenizer_exceptions = kept

        class CVEnglish(English):
            Defaults = _Defaults

        _NLP = CVEnglish()
        _NLP.max_length = 2_000_000
        # Only token boundaries are read, never a lexical attribute (shape, stop word, like_num):
        # computing the 23 of them for every word not seen before was a tenth of reading a CV.
        _NLP.vocab.lex_attr_getters = {}
    return _NLP


class Analyzer:
    def __init__(self, skills: Sequence[Pattern], terms: Sequence[Pattern]):
        self.nlp = _blank()
        self._memo: dict[str, tuple[tuple[int, str], ...]] = {}
        self.skills = {False: PhraseIndex(False), True: PhraseIndex(True)}
        self.terms = {False: PhraseIndex(False), True: PhraseIndex(True)}
        for target, patterns in ((self.skills, skills), (self.terms, terms)):
            for case_sensitive, key, specs in patterns:
                target[bool(case_sensitive)].add(key, tuple((text, bool(prefix)) for text, prefix in specs))

    # -- analysis -----------------------------------------------------------

    def analyze(self, texts: Sequence[str]) -> Analysis:
        """Match skills and terms in each text (a block); offsets are relative to that text."""
        joined = "\n".join(texts)
        starts = []
        pos = 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        tokens = _Tokens(self.tokenize(joined), joined, starts, texts)
        lower = [t.lower() for t in tokens.orth]
        by_case = {False: lower, True: tokens.orth}
        skill_spans = [m for cs, index in self.skills.items() for m in index.match(by_case[cs])]
        # "Triton kernels" (the language) must beat "Triton" (the server): longest match wins.
        skills = []
        kept_skills = longest_first(skill_spans)
        for key, start, end in kept_skills:
            skill_id, _, category = key.partition(_SEP)
            skills.append(tokens.hit(start, end, skill_id, category))
        # Rule terms ignore hyphens ("on-prem", "on prem"): they are matched over the tokens
        # without them, and the spans are mapped back to the CV's own tokens.
        kept = [i for i, t in enumerate(tokens.orth) if t != _HYPHEN]
        unhyphenated = by_case if len(kept) == len(tokens.orth) else {cs: [words[i] for i in kept] for cs, words in by_case.items()}
        spans = [(key, kept[start], kept[end - 1] + 1) for cs, index in self.terms.items() for key, start, end in index.match(unhyphenated[cs])]
        # A negative context voids what it holds: "Phi Beta Kappa" names no PHI, "small talk" no Smalltalk.
        void = [(start, end) for key, start, end in spans if key == NEGATIVE_CONTEXT]
        if void:
            skills = [h for h, (_, start, end) in zip(skills, kept_skills) if not _inside(start, end, void)]
        grouped: dict[str, list[Hit]] = {}
        for key, start, end in spans:
            if key != NEGATIVE_CONTEXT and not (void and _inside(start, end, void)):
                grouped.setdefault(key, []).append(tokens.hit(start, end, key, ""))
        return Analysis(tuple(skills), {k: tuple(sorted(v, key=lambda h: (h.block, h.start))) for k, v in grouped.items()})

    def tokenize(self, text: str) -> tuple[list[str], list[int]]:
        """spaCy's tokens (texts and offsets) of ``text``, one whitespace-separated chunk at a time.

        The tokenizer treats each chunk on its own, so tokenising chunk by chunk gives the
        same tokens; memoising chunks makes a CV's repeated words (and a batch's shared
        vocabulary) nearly free. Newlines stay as tokens so that no phrase spans two blocks.
        """
        memo = self._memo
        chunks = [(m.group(), m.start()) for m in _CHUNK.finditer(text)]
        fresh = self._learn([chunk for chunk, _ in chunks if chunk != "\n" and chunk not in memo])
        orth: list[str] = []
        idx: list[int] = []
        for chunk, base in chunks:
            if chunk == "\n":
                orth.append(chunk)
                idx.append(base)
                continue
            parts = memo.get(chunk)
            if parts is None:
                parts = fresh[chunk]
            for offset, piece in parts:
                orth.append(piece)
                idx.append(base + offset)
        return orth, idx

    def _learn(self, chunks: list[str]) -> dict[str, tuple[tuple[int, str], ...]]:
        """The tokens of chunks not seen before, from one tokenizer call on all of them joined by
        single spaces: each chunk is tokenised on its own either way, and one call for a CV's
        new words costs a fraction of one call per word (a spaCy Doc each)."""
        unique = list(dict.fromkeys(chunks))
        if not unique:
            return {}
        starts = []
        pos = 0
        for chunk in unique:
            starts.append(pos)
            pos += len(chunk) + 1
        found: list[list[tuple[int, str]]] = [[] for _ in unique]
        at = 0
        for token in self.nlp.tokenizer(" ".join(unique)):
            while at + 1 < len(starts) and token.idx >= starts[at + 1]:
                at += 1
            found[at].append((token.idx - starts[at], token.text))
        fresh = {chunk: tuple(parts) for chunk, parts in zip(unique, found)}
        if len(self._memo) + len(fresh) <= _MEMO_LIMIT:
            self._memo.update(fresh)
        return fresh


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


class _Tokens:
    """Token texts and offsets, so that hits cost no spaCy objects."""

    def __init__(self, tokens: tuple[list[str], list[int]], joined: str, starts: list[int], texts: Sequence[str]):
        self.orth, self.idx = tokens
        self.joined = joined
        self.starts = starts
        self.ends = [s + len(t) for s, t in zip(starts, texts)]
        self._spans: dict[tuple[int, int], tuple] = {}

    def hit(self, start: int, end: int, key: str, label: str) -> Hit:
        span = self._spans.get((start, end))
        if span is None:  # the same span often answers several rules: work it out once
            orth, idx = self.orth, self.idx
            start_char = idx[start]
            end_char = idx[end - 1] + len(orth[end - 1])
            block = bisect.bisect_right(self.starts, start_char) - 1
            base, limit = self.starts[block], self.ends[block]
            prev = orth[start - 1] if start > 0 and idx[start - 1] >= base and not orth[start - 1].isspace() else ""
            nxt = orth[end] if end < len(orth) and idx[end] < limit and not orth[end].isspace() else ""
            span = self._spans[(start, end)] = (block, start_char - base, end_char - base, self.joined[start_char:end_char], prev, nxt)
        block, s, e, text, prev, nxt = span
        return Hit(key=key, label=label, block=block, start=s, end=e, text=text, prev=prev, next=nxt)
