"""Meta-tests over the built-in packs: the things a rule author can get wrong."""

from __future__ import annotations

import re
from pathlib import Path

from mlfit.ruleset.loader import builtin_rules_dir

HEADINGS = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "article_sections.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
SEGMENTS = {"big_tech", "startup", "regulated", "defense"}


def test_the_four_segments_are_built_in(ruleset):
    assert set(ruleset.segments) == SEGMENTS
    assert "_shared" in ruleset.packs


def test_rule_ids_are_unique_across_packs(ruleset):
    ids = [r.id for pack in ruleset.packs.values() for r in pack.rules]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_rule_has_a_message_a_why_and_examples_of_both_kinds(ruleset):
    for rule in ruleset.rules.values():
        assert rule.message and rule.why, rule.id
        assert any(e.good for e in rule.examples) and any(not e.good for e in rule.examples), rule.id


def _names_a_heading(source: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s+/\s+|;", source) if p.strip()]
    fold = lambda s: s.lower().replace("“", '"').replace("”", '"')  # noqa: E731
    return bool(parts) and all(any(fold(p) in fold(h) or fold(h) in fold(p) for h in HEADINGS) for p in parts)


def test_every_rule_cites_an_article_section(ruleset):
    unsourced = [f"{r.id}: {r.source!r}" for r in ruleset.rules.values() if not _names_a_heading(r.source)]
    assert not unsourced, "sources that name no article section:\n" + "\n".join(unsourced)


def test_every_why_quotes_the_article(ruleset):
    article = Path(__file__).resolve().parent / "data" / "market_article.txt"
    text = " ".join(article.read_text(encoding="utf-8").split())
    fold = lambda s: s.replace("“", '"').replace("”", '"').replace("’", "'")  # noqa: E731
    text = fold(text)
    misquoted = []
    for rule in ruleset.rules.values():
        quotes = re.findall(r'"([^"]{12,})"', fold(rule.why))
        assert quotes, f"{rule.id}: why has no quotation from the article"
        for quote in quotes:
            if quote.strip(" .,…") not in text:
                misquoted.append(f"{rule.id}: {quote!r}")
    assert not misquoted, "quotes not found in the article:\n" + "\n".join(misquoted)


def test_each_segment_is_mostly_its_own_rules_and_shared_rules_count(ruleset):
    for segment in ruleset.segments.values():
        own = sum(r.weight for r in segment.rules if r.pack == segment.id)
        total = sum(r.weight for r in segment.rules)
        assert 0.3 <= own / total <= 0.75, (segment.id, own / total)


def test_market_notes_are_there_for_each_segment(ruleset):
    for segment in ruleset.segments.values():
        assert segment.notes, segment.id


def test_builtin_rules_dir_holds_the_packs():
    names = {p.name for p in builtin_rules_dir().glob("*.yml")}
    assert {"_shared.yml", "big_tech.yml", "startup.yml", "regulated.yml", "defense.yml"} <= names
