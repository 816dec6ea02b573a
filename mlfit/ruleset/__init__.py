"""Rule packs: loading, validation and inheritance. The packs themselves live in the top-level rules/ (data only)."""

from .loader import Example, MarketNote, Pack, Rule, RuleSet, Segment, load_ruleset

__all__ = ["Example", "MarketNote", "Pack", "Rule", "RuleSet", "Segment", "load_ruleset"]
