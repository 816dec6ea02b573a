"""One compiled pipeline per rule set: vocabulary, rule terms and cue lists in a single spaCy pass.

Building the matchers is the expensive part of a run after importing spaCy, so an
Engine is cached by the rule set's content digest and reused for every CV of a
batch (and every example of `rules check`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import astuple, dataclass

from . import lexicon
from .checks import Facts, term_groups
from .extract.memo import BlockMemo
from .extract.profile import build_profile
from .extract.skills import FuzzyIndex
from .misread import misread_warnings
from .model import Document, ParseWarning, Profile, Section
from .nlp.hits import Analysis
from .nlp.pipeline import NEGATIVE_CONTEXT, Analyzer, compile_patterns
from .ruleset.loader import RuleSet
from .ruleset.vocab import VocabEntry, load_outcome_cues, load_profile_cues, load_vocab
from .sections import Block, split_sections
from .suggest.templates import PLACEHOLDER


@dataclass(frozen=True)
class Reading:
    """What mlfit read from one document, before any scoring."""

    document: Document
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    profile: Profile
    facts: Facts
    warnings: tuple
    analysis: Analysis | None = None  # the NLP hits, kept so rewrites need not match the CV again


class Engine:
    def __init__(self, ruleset: RuleSet):
        import gc

        self.ruleset = ruleset
        gc.freeze()  # see below: spaCy's modules, imported by now, live as long as the process
        vocab, skills, terms, not_skills = self._compiled(ruleset)
        self.vocab = {entry.id: entry for entry in vocab}
        self.not_skills = frozenset(not_skills)
        self.fuzzy = FuzzyIndex(self.vocab.values())
        self.placeholders = _placeholders(ruleset)
        self.memo = BlockMemo()  # what each block yields: a rewrite re-scored re-reads only its own block
        self.analyzer = Analyzer(skills, terms)
        # The collector's full passes walk every object alive. After `import spacy` that is a
        # few hundred thousand, and decoding the ~3,000 cached patterns and reading a CV trigger
        # several passes: ~100 ms of a one-CV run spent re-checking objects that never die. An
        # engine lives as long as its process too, so it joins them in the permanent generation.
        gc.freeze()

    @staticmethod
    def _term_groups(ruleset: RuleSet, profile_cues) -> dict[str, tuple[tuple[str, ...], bool]]:
        groups = term_groups(rule for pack in ruleset.packs.values() for rule in pack.rules)
        cues = load_outcome_cues()
        for kind, terms in cues.kinds.items():
            groups[f"outcome.kind.{kind}"] = (terms, False)
        groups["outcome.up"] = (cues.up, False)
        groups["outcome.down"] = (cues.down, False)
        groups["outcome.guardrail"] = (cues.guardrail, False)
        groups["profile.clearance"] = (profile_cues.clearance, True)
        groups[NEGATIVE_CONTEXT] = (lexicon.words("negative_contexts"), False)
        for mode, terms in profile_cues.work_mode.items():
            groups[f"profile.work_mode.{mode}"] = (terms, False)
        return groups

    @staticmethod
    def _compiled(ruleset: RuleSet):
        """Tokenising ~3,000 names and terms costs ~0.1 s; the result is cached by the rule set's
        content hash (which covers every pack and vocabulary file, cue lists included)."""
        import spacy

        from . import __version__, cache
        from .nlp.pipeline import TOKENIZER_VERSION

        key = "engine-" + hashlib.sha256(f"{ruleset.digest}|{__version__}|{spacy.__version__}|{TOKENIZER_VERSION}".encode()).hexdigest()[:24]
        cached = cache.load(key)
        if cached is not None:
            try:
                vocab = tuple(
                    VocabEntry(row[0], row[1], row[2], tuple(row[3]), row[4], row[5], tuple(row[6]), tuple(row[7]), row[8]) for row in cached["vocab"]
                )
                return vocab, cached["skills"], cached["terms"], cached["not_skills"]
            except (KeyError, TypeError, ValueError, IndexError):  # a cache written by another version
                pass
        vocab = load_vocab(ruleset.vocab_files)
        cues = load_profile_cues()
        skills, terms = compile_patterns(vocab, Engine._term_groups(ruleset, cues))
        not_skills = sorted({w.lower() for w in cues.skill_labels + cues.spoken_languages})
        cache.save(key, {"vocab": [list(astuple(v)) for v in vocab], "skills": skills, "terms": terms, "not_skills": not_skills})
        return vocab, skills, terms, not_skills

    def read(self, document: Document, *, as_of: dt.date | None = None) -> Reading:
        sections, blocks, warnings = split_sections(document.lines)
        blocks, unfilled = self._without_placeholders(blocks)
        if unfilled:
            lines = ", ".join(f"L{n}" for n in unfilled[:5]) + (" ..." if len(unfilled) > 5 else "")
            warnings += (
                ParseWarning(
                    "unfilled-placeholder",
                    f"{len(unfilled)} line{'s' if len(unfilled) != 1 else ''} ({lines}) still hold mlfit's placeholders such as [N]% "
                    "or [metric]: they earn nothing until replaced by what is true",
                ),
            )
        analysis = self.analyzer.analyze([b.text for b in blocks])
        profile = build_profile(blocks, sections, analysis, self.vocab, self.not_skills, as_of or dt.date.today(), self.fuzzy, self.memo)
        facts = Facts.build(blocks, profile, analysis.terms)
        warnings += misread_warnings(blocks, profile)
        return Reading(document, sections, blocks, profile, facts, tuple(document.warnings) + warnings, analysis)

    def _without_placeholders(self, blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[int]]:
        """The blocks without those that hold one of mlfit's own placeholders ("[N]%", "[metric]",
        "[AWS / GCP / Azure]"): a rewrite pasted unfilled earns nothing, neither from its
        placeholders nor from the template's words around them (a placeholder is never evidence).
        Only the placeholders the rule packs and rewrite data write count; a CV's own brackets
        ("[Python, SQL]") are left alone."""
        out, unfilled = [], []
        for block in blocks:
            if block.kind != "heading" and "[" in block.text and any(m.group() in self.placeholders for m in PLACEHOLDER.finditer(block.text)):
                unfilled.append(block.line)
                continue
            out.append(block)
        return tuple(out), unfilled

    def read_blocks(self, blocks, *, sections=(), as_of: dt.date | None = None, analysis=None) -> Facts:
        """Facts for an edited list of blocks: suggest.py re-scores each rewrite with it.
        ``analysis`` may be given when the caller already matched the blocks (one block changed)."""
        if analysis is None:
            analysis = self.analyzer.analyze([b.text for b in blocks])
        profile = build_profile(blocks, sections, analysis, self.vocab, self.not_skills, as_of or dt.date.today(), self.fuzzy, self.memo)
        return Facts.build(tuple(blocks), profile, analysis.terms)


def _placeholders(ruleset: RuleSet) -> frozenset[str]:
    """Every placeholder mlfit can write: those of the rule packs' rewrite templates (their
    variables' defaults included) and of rules/vocab/rewrite.yml."""
    from .ruleset.paths import builtin_rules_dir
    from .suggest.data import load_rewrite_yaml

    texts = [rule.rewrite for pack in ruleset.packs.values() for rule in pack.rules if rule.rewrite]

    def strings(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                strings(item)
        elif isinstance(value, list):
            for item in value:
                strings(item)

    strings(load_rewrite_yaml(builtin_rules_dir() / "vocab" / "rewrite.yml"))
    return frozenset(found for text in texts for found in PLACEHOLDER.findall(text))


_ENGINES: dict[str, Engine] = {}


def engine_for(ruleset: RuleSet) -> Engine:
    engine = _ENGINES.get(ruleset.digest)
    if engine is None:
        engine = _ENGINES[ruleset.digest] = Engine(ruleset)
    return engine
