"""Lexical knowledge as data: the word lists of rules/vocab/lexicon.yml, read once per process.

Heading phrases, role kinds, title, time-frame, contact and stop words, US state codes and the
hyphenation lists are edited in YAML; the modules that match them keep the pattern
structure and build it from these lists. No spaCy here: heading detection and ingest use it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import RuleFileError
from .ruleset.paths import builtin_rules_dir

# Key -> whether the list is lower case (matched case-insensitively or after lower-casing).
WORD_LISTS: dict[str, bool] = {
    "title_words": True,
    "doctoral_words": True,
    "degree_words": True,
    "first_degree_words": True,
    "tool_line_labels": True,
    "time_frame_words": True,
    "work_mode_statements": True,
    "contact_headings": True,
    "profile_link_words": True,
    "contact_words": False,
    "stop_words": True,
    "us_states": False,
    "compound_left": True,
    "compound_right": True,
    "hyphen_suffixes": True,
    "magnitude_words": True,
    "people_nouns": True,
    "team_words": True,
    "not_measured_nouns": True,
    "rank_before": True,
    "rank_verbs": True,
    "soft_skill_words": True,
    "soft_skill_labels": True,
    "negative_contexts": True,
}


def lexicon_path() -> Path:
    return builtin_rules_dir() / "vocab" / "lexicon.yml"


@functools.cache
def lexicon() -> dict[str, Any]:
    """The built-in lexicon, validated (a broken file is a one-line rule-file error)."""
    return load(lexicon_path())


def load(path: Path) -> dict[str, Any]:
    """The parsed, validated file; cached as JSON by content hash, since importing PyYAML
    would cost every CV run ~15 ms (the same as rules/vocab/rewrite.yml)."""
    from . import cache

    try:
        data = cache.yaml_data("lexicon", path.read_bytes())
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot load the lexicon: {exc.strerror}") from None
    except ValueError as exc:
        raise RuleFileError(f"{path}: cannot load the lexicon: {exc}") from None
    problems = _problems(data)
    if problems:
        raise RuleFileError(f"{path}: {problems[0]}")
    return data


def _is_words(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w for w in value)


def _problems(data: object) -> list[str]:
    if not isinstance(data, dict):
        return ["the lexicon must be a mapping"]
    problems = [f"{key} must be a non-empty list of words" for key in WORD_LISTS if not _is_words(data.get(key))]
    headings = data.get("headings")
    if not isinstance(headings, dict) or not headings or not all(_is_words(v) for v in headings.values()):
        problems.append("headings must map each section to a non-empty list of heading phrases")
    for key in ("role_kinds", "function_words", "document_cues"):
        groups = data.get(key)
        if not isinstance(groups, dict) or not groups or not all(_is_words(v) for v in groups.values()):
            problems.append(f"{key} must map each name to a non-empty list of words")
    numbers = data.get("number_words")
    if not isinstance(numbers, dict) or not numbers or not all(isinstance(k, str) and type(v) is int for k, v in numbers.items()):
        problems.append("number_words must map each number word to its value")
    nouns = data.get("head_nouns")
    if not isinstance(nouns, dict) or not nouns or not all(isinstance(k, str) and isinstance(v, str) for k, v in nouns.items()):
        problems.append("head_nouns must map each noun to a section")
    return problems


def words(key: str) -> tuple[str, ...]:
    """One word list of the lexicon, in file order."""
    return tuple(lexicon()[key])


def headings() -> dict[str, tuple[str, ...]]:
    return {str(section): tuple(phrases) for section, phrases in lexicon()["headings"].items()}


def role_kinds() -> dict[str, tuple[str, ...]]:
    """Kind of position -> its words, in the order they are tried."""
    return grouped("role_kinds")


def grouped(key: str) -> dict[str, tuple[str, ...]]:
    """A mapping of the lexicon from a name to its words (``function_words``, ``document_cues``)."""
    return {str(name): tuple(words) for name, words in lexicon()[key].items()}


def number_words() -> dict[str, int]:
    """ "three" -> 3: numbers written as words."""
    return {str(word): int(value) for word, value in lexicon()["number_words"].items()}


def head_nouns() -> dict[str, str]:
    return dict(lexicon()["head_nouns"])


def alternation(key: str) -> str:
    """A regex alternation of a list's words, each a literal (re.escape), longest first."""
    return alternation_of(words(key))


def alternation_of(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, each a literal, longest first (so "tools used" wins over "tools")."""
    return "|".join(re.escape(w) for w in sorted(phrases, key=len, reverse=True))
