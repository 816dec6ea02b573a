"""The NLP layer's shortcuts must give exactly what spaCy's tokenizer gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlfit import api
from mlfit.nlp.pipeline import _PLAIN, _blank
from mlfit.ruleset.vocab import load_vocab

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CVS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".md", ".txt") and p.name != "README.md")


def test_plain_names_tokenise_to_their_words(ruleset):
    tokenizer = _blank().tokenizer
    plain = [n for e in load_vocab(ruleset.vocab_files) for n in e.names if _PLAIN.fullmatch(n)]
    assert len(plain) > 1000
    mismatches = [n for n in plain if [t.text for t in tokenizer(n)] != n.split(" ")]
    assert not mismatches, mismatches[:10]


@pytest.mark.parametrize("cv", CVS, ids=lambda p: p.name)
def test_chunk_tokenizer_matches_spacy_on_every_example(engine, cv):
    text = api.read(cv).text
    orth, idx = engine.analyzer.tokenize(text)
    ours = [(i, t) for i, t in zip(idx, orth) if not t.isspace()]
    spacy_tokens = [(t.idx, t.text) for t in _blank().make_doc(text) if not t.text.isspace()]
    assert ours == spacy_tokens


def test_lean_tokenizer_only_drops_contraction_special_cases():
    import spacy

    full, lean = spacy.blank("en").tokenizer, _blank().tokenizer
    sample = "U.S. citizen, e.g. Jan. 2021 – Present; C++ and C#; CI/CD; p99 180ms → 45ms; $1.2M/yr; scikit-learn; Go-to-market"
    assert [t.text for t in lean(sample)] == [t.text for t in full(sample)]
    assert [t.text for t in lean("can't")] == ["can't"]  # kept whole: no skill or metric hides in it
