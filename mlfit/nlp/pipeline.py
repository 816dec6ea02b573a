"""The only module that touches spaCy.

One blank English pipeline with two SpanRulers:
- ``skills``: the vocabulary, label = category, ``span.id_`` = canonical skill id;
- ``terms``: every term list of every rule (and the outcome cue lists), label = group key.
Everything leaves this module as plain tuples: no Doc, Span or Token escapes.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Sequence

import spacy
from spacy.tokens import Doc

from ..ruleset.vocab import VocabEntry
from .hits import Analysis, Hit

# Terms made of plain words and spaces tokenise to exactly their words; only
# terms with punctuation need the (slower) tokenizer. tests/test_nlp.py checks
# that the shortcut agrees with the tokenizer on the whole vocabulary.
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


class Analyzer:
    def __init__(self, vocab: Sequence[VocabEntry], term_groups: dict[str, tuple[tuple[str, ...], bool]]):
        self.nlp = spacy.blank("en")
        self.nlp.max_length = 2_000_000
        skills = self.nlp.add_pipe(
            "span_ruler", name="skills", config={"spans_key": "skills", "phrase_matcher_attr": "LOWER", "validate": False,
                    # "Triton kernels" (the language) must beat "Triton" (the server): longest match wins
                    "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}}
        )
        skills.add_patterns(list(self._skill_patterns(vocab)))
        terms = self.nlp.add_pipe(
            "span_ruler", name="terms", config={"spans_key": "terms", "phrase_matcher_attr": "LOWER", "validate": False}
        )
        terms.add_patterns([p for key, (ts, cs) in term_groups.items() for p in self._term_patterns(key, ts, cs)])

    # -- patterns -----------------------------------------------------------

    def tokens(self, text: str) -> list[str]:
        if _PLAIN.fullmatch(text):
            return text.split(" ")
        return [t.text for t in self.nlp.make_doc(text) if not t.is_space]

    def _skill_patterns(self, vocab: Iterable[VocabEntry]):
        for entry in vocab:
            for name in dict.fromkeys(entry.names):
                words = self.tokens(name)
                if not words:
                    continue
                if entry.case_sensitive:
                    pattern = [{"ORTH": w} for w in words]
                else:
                    pattern = [{"LOWER": w.lower()} for w in words]
                yield {"label": entry.category, "pattern": pattern, "id": entry.id}

    def _term_patterns(self, key: str, terms: Iterable[str], case_sensitive: bool):
        for term in terms:
            pattern = []
            for word in term.split():
                if word.endswith("*"):
                    attr = "TEXT" if case_sensitive else "LOWER"
                    prefix = word[:-1] if case_sensitive else word[:-1].lower()
                    pattern.append({attr: {"REGEX": "^" + re.escape(prefix)}})
                else:
                    for tok in self.tokens(word):
                        pattern.append({"ORTH": tok} if case_sensitive else {"LOWER": tok.lower()})
            if pattern:
                yield {"label": key, "pattern": pattern, "id": key}

    # -- analysis -----------------------------------------------------------

    def analyze(self, texts: Sequence[str]) -> Analysis:
        """Match skills and terms in each text (a block); offsets are relative to that text."""
        joined = "\n".join(texts)
        starts = []
        pos = 0
        for text in texts:
            starts.append(pos)
            pos += len(text) + 1
        doc = self.nlp(joined)
        skills = tuple(_hits(doc, doc.spans["skills"], starts, texts, with_label=True))
        grouped: dict[str, list[Hit]] = {}
        for hit in _hits(doc, doc.spans["terms"], starts, texts, with_label=False):
            grouped.setdefault(hit.key, []).append(hit)
        return Analysis(skills, {k: tuple(v) for k, v in grouped.items()})


def _hits(doc: Doc, spans, starts: list[int], texts: Sequence[str], *, with_label: bool):
    for span in spans:
        block = bisect.bisect_right(starts, span.start_char) - 1
        base = starts[block]
        prev_tok = doc[span.start - 1] if span.start > 0 else None
        next_tok = doc[span.end] if span.end < len(doc) else None
        prev = prev_tok.text if prev_tok is not None and prev_tok.idx >= base and "\n" not in prev_tok.text else ""
        nxt = next_tok.text if next_tok is not None and "\n" not in next_tok.text and next_tok.idx < base + len(texts[block]) else ""
        yield Hit(
            key=span.id_ or span.label_,
            label=span.label_ if with_label else "",
            block=block,
            start=span.start_char - base,
            end=span.end_char - base,
            text=span.text,
            prev=prev,
            next=nxt,
        )
