"""The rule-pack schema: which keys a pack and each rule kind may carry, and their types.

Kept as data so that validation, `mlfit rules show` and the README describe the
same thing.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

SCOPES = ("bullets", "experience", "summary", "skills", "certifications", "anywhere")
OUTCOME_KINDS = (
    "latency",
    "cost",
    "revenue",
    "conversion",
    "accuracy",
    "throughput",
    "reliability",
    "time_saved",
    "scale",
    "adoption",
    "team",
    "other",
)
SKILL_CATEGORIES = (
    "language",
    "ml_framework",
    "ml_library",
    "ml_method",
    "ml_task",
    "llm",
    "mlops",
    "serving",
    "data",
    "cloud",
    "database",
    "vector_db",
    "experimentation",
    "governance",
    "security",
    "devops",
    "analytics",
    "other",
)
# The four employer segments of the article, in the order every output lists them.
BUILTIN_SEGMENTS = ("big_tech", "startup", "regulated", "defense")
PREFIXES = {"_shared": "SH", "big_tech": "BT", "startup": "SU", "regulated": "RG", "defense": "DF"}  # rule-id prefixes

PACK_KEYS = {
    "schema": "int",
    "segment": "segment",
    "title": "str",
    "description": "str",
    "extends": "segments",
    "overrides": "overrides",
    "market_notes": "notes",
    "term_sets": "term_sets",
    "rules": "rules",
}
PACK_REQUIRED = ("schema", "segment", "rules")

COMMON_RULE_KEYS = {
    "id": "rule_id",
    "name": "str",
    "kind": "kind",
    "weight": "weight",
    "message": "str",
    "why": "str",
    "source": "str",
    "rewrite": "rewrite",
    "examples": "examples",
}
RULE_REQUIRED = ("id", "name", "kind", "weight", "message", "why", "source", "examples")

# kind -> key -> (type, default). A default of ... means required.
KIND_KEYS: dict[str, dict[str, tuple[str, object]]] = {
    "phrases": {
        "terms": ("terms", ...),
        "scope": ("scope", "bullets"),
        "target": ("count", 1),
        "case_sensitive": ("bool", False),
        "near": ("terms", None),
        "unless_terms": ("terms", None),
        "with_outcome": ("bool", False),
        "cv_context": ("terms", None),
    },
    "skills": {
        "categories": ("categories", None),
        "skills": ("names", None),
        "demonstrated": ("bool", False),
        "target": ("count", 1),
        "gate": ("bool", False),
    },
    "outcomes": {
        "kinds": ("outcome_kinds", None),
        "scope": ("scope", "bullets"),
        "target": ("count", 1),
        "require": ("requirements", None),
        "near": ("terms", None),
    },
    "bullets": {
        "applies_to": ("terms", None),
        "flag_openers": ("terms", None),
        "flag_terms": ("terms", None),
        "unless_terms": ("terms", None),
        "unless_outcome": ("bool", False),
        "min_bullets": ("count", 3),
    },
    "position": {
        "first_bullets": ("count", 3),
        "include_summary": ("bool", True),
        "kinds": ("outcome_kinds", None),
        "near": ("terms", None),
    },
    "density": {
        "max_listed_only_ratio": ("ratio", 0.7),
        "min_skills": ("count", 8),
        "terms": ("terms", None),
        "max_term_repeats": ("count", 3),
    },
    "proof_point": {
        "terms": ("terms", None),
        "categories": ("categories", None),
    },
}
KINDS = tuple(KIND_KEYS)

# Keys of a kind where at least one of the group must be present.
KIND_ONE_OF = {
    "skills": ("categories", "skills"),
    "bullets": ("flag_openers", "flag_terms"),
    "proof_point": ("terms", "categories"),
}

MAX_TERM_CHARS = 80
MAX_TERMS = 500

# Keys whose values are term lists (matched by the NLP layer; `@name` expands a pack's term set).
TERM_KEYS = tuple(sorted({key for keys in KIND_KEYS.values() for key, (typ, _) in keys.items() if typ == "terms"}))
