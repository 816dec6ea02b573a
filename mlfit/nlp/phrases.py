"""Token-sequence patterns matched over a spaCy token stream by dictionary lookup.

spaCy's PhraseMatcher needs every pattern as a Doc, and building ~2,800 pattern
Docs creates a Lexeme for each new word (measured: 0.16 s a process, most of the
single-CV budget). Patterns here are tuples of token strings instead, tokenised by
the same spaCy tokenizer where they hold punctuation, and looked up by their
first token, so start-up costs a few milliseconds and matching is linear in the
CV's length. A token spec ending in ``*`` matches by prefix ("deploy*").
"""

from __future__ import annotations

MIN_PREFIX = 3
_MEMO_LIMIT = 200_000  # distinct tokens remembered per index (a few MB at most)

# A token spec is (text, is_prefix); a pattern is a tuple of specs. Plain tuples, not
# objects: ~3,000 patterns are rebuilt from the cache on every run.
TokenSpec = tuple[str, bool]


class PhraseIndex:
    """Patterns keyed by their first token: exact text, or a prefix of it."""

    def __init__(self, case_sensitive: bool):
        self.case_sensitive = case_sensitive
        self.exact: dict[str, list[tuple[tuple[TokenSpec, ...], list[str]]]] = {}
        self.prefixed: dict[str, list[tuple[tuple[TokenSpec, ...], list[str]]]] = {}
        self.prefix_lengths: tuple[int, ...] = ()
        # Many rules share a term ("deploy*", "monitoring"): each distinct pattern is
        # matched once and its hit handed to every key that uses it.
        self._keys: dict[tuple[TokenSpec, ...], list[str]] = {}
        # Patterns that may start at a token, kept across calls: a CV's words repeat, its
        # blocks are matched again for every rewrite that is scored, and a batch shares them.
        self._starting: dict[str, list[tuple[tuple[TokenSpec, ...], list[str]]]] = {}

    def add(self, key: str, specs: tuple[TokenSpec, ...]) -> None:
        if not specs:
            return
        if not self.case_sensitive:
            specs = tuple((text.lower(), prefix) for text, prefix in specs)
        keys = self._keys.get(specs)
        if keys is not None:
            if key not in keys:
                keys.append(key)
            return
        keys = self._keys[specs] = [key]
        self._starting.clear()
        text, prefix = specs[0]
        if prefix:
            self.prefixed.setdefault(text, []).append((specs, keys))
            self.prefix_lengths = tuple(sorted({*self.prefix_lengths, len(text)}))
        else:
            self.exact.setdefault(text, []).append((specs, keys))

    def match(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """All (key, start, end) token spans; ``tokens`` are already lower-cased unless case-sensitive."""
        out: list[tuple[str, int, int]] = []
        n = len(tokens)
        exact, prefixed, lengths = self.exact, self.prefixed, self.prefix_lengths
        memo = self._starting
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        for i, token in enumerate(tokens):
            candidates = memo.get(token)
            if candidates is None:
                candidates = list(exact.get(token, ()))
                if prefixed:
                    for length in lengths:
                        if length > len(token):
                            break
                        candidates.extend(prefixed.get(token[:length], ()))
                memo[token] = candidates
            if not candidates:
                continue
            for specs, keys in candidates:
                end = i + len(specs)
                if end > n:
                    continue
                for j in range(1, len(specs)):
                    text, prefix = specs[j]
                    tok = tokens[i + j]
                    if not (tok.startswith(text) if prefix else tok == text):
                        break
                else:
                    out.extend((key, i, end) for key in keys)
        return out


def longest_first(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Non-overlapping spans, longest (then earliest) first, like spacy.util.filter_spans."""
    taken: set[int] = set()
    kept = []
    for key, start, end in sorted(spans, key=lambda s: (-(s[2] - s[1]), s[1])):
        if not taken.intersection(range(start, end)):
            kept.append((key, start, end))
            taken.update(range(start, end))
    return sorted(kept, key=lambda s: s[1])
