"""The skill vocabulary and the outcome cue lists (data under rules/vocab/), loaded without spaCy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleFileError
from .paths import builtin_rules_dir

_SKILL_KEYS = {"id", "label", "category", "aliases", "case_sensitive", "context", "not_followed_by", "not_preceded_by", "parent"}


@dataclass(frozen=True)
class VocabEntry:
    id: str
    label: str
    category: str
    names: tuple[str, ...]  # label first, then aliases
    case_sensitive: bool = False
    list_only: bool = False  # counts only in a skills list or a list line beside other skills
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    parent: str = ""  # a platform the skill implies: Amazon S3 -> AWS


@dataclass(frozen=True)
class OutcomeCues:
    kinds: dict[str, tuple[str, ...]]
    up: tuple[str, ...]
    down: tuple[str, ...]
    guardrail: tuple[str, ...]


@dataclass(frozen=True)
class ProfileCues:
    clearance: tuple[str, ...]
    work_mode: dict[str, tuple[str, ...]]
    skill_labels: tuple[str, ...] = ()
    spoken_languages: tuple[str, ...] = ()


def _load(path: Path) -> dict:
    import yaml  # only when the compiled engine is not cached

    try:
        data = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else f"{path}:1:1"
        raise RuleFileError(f"{where}: YAML syntax error: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}:1:1: a vocabulary file must be a mapping")
    return data


CUE_FILES = ("lexicon.yml", "outcomes.yml", "profile.yml", "rewrite.yml")  # data for extraction and rewrites, not skills


def vocab_file_issues(path: Path, data: bytes) -> list[str]:
    """Validate a user's vocabulary file with path:line:col, as thoroughly as a rule pack."""
    from .schema import SKILL_CATEGORIES
    from .yamlpos import YamlIssue, load_located

    try:
        located = load_located(data.decode("utf-8", errors="replace"))
    except YamlIssue as exc:
        return [f"{path}:{exc.pos.line}:{exc.pos.col}: {exc.message}"]
    issues: list[str] = []

    def issue(keys: tuple, message: str) -> None:
        pos = located.pos(*keys)
        issues.append(f"{path}:{pos.line}:{pos.col}: {message}")

    doc = located.value
    if not isinstance(doc, dict) or not isinstance(doc.get("skills"), list):
        issue((), "a vocabulary file is a mapping with a 'skills' list")
        return issues
    for key in doc:
        if key not in ("schema", "source", "attribution", "skills"):
            issue((key,), f"unknown vocabulary key '{key}'; allowed: schema, source, attribution, skills")
    for i, raw in enumerate(doc["skills"]):
        keys = ("skills", i)
        if not isinstance(raw, dict):
            issue(keys, "a skill is a mapping with id, label, category")
            continue
        for key in raw:
            if key not in _SKILL_KEYS:
                issue(keys + (key,), f"unknown skill key '{key}'; allowed: " + ", ".join(sorted(_SKILL_KEYS)))
        for key in ("id", "label", "category"):
            if not isinstance(raw.get(key), str) or not raw.get(key, "").strip():
                issue(keys + (key,) if key in raw else keys, f"skill needs a non-empty string '{key}'")
        if isinstance(raw.get("id"), str) and not re.fullmatch(r"[a-z0-9_]+", raw["id"]):
            issue(keys + ("id",), f"skill id {raw['id']!r} must be lowercase letters, digits and '_'")
        if isinstance(raw.get("category"), str) and raw["category"] not in SKILL_CATEGORIES:
            issue(keys + ("category",), f"unknown category {raw['category']!r}; one of: " + ", ".join(SKILL_CATEGORIES))
        for key in ("aliases", "not_followed_by", "not_preceded_by"):
            value = raw.get(key)
            if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v for v in value)):
                issue(keys + (key,), f"{key} must be a list of strings")
        if "case_sensitive" in raw and not isinstance(raw["case_sensitive"], bool):
            issue(keys + ("case_sensitive",), "case_sensitive must be true or false")
        if "context" in raw and raw["context"] not in ("any", "list"):
            issue(keys + ("context",), "context must be 'any' or 'list'")
        if "parent" in raw and not (isinstance(raw["parent"], str) and re.fullmatch(r"[a-z0-9_]+", raw["parent"])):
            issue(keys + ("parent",), "parent must be the id of another skill")
    return issues


def load_vocab(paths: tuple[Path, ...]) -> tuple[VocabEntry, ...]:
    """Skill entries of the given vocabulary files, in order: an id defined earlier is never shadowed."""
    entries: dict[str, VocabEntry] = {}
    for path in paths:
        if path.name in CUE_FILES:
            continue
        data = _load(path)
        for i, raw in enumerate(data.get("skills") or []):
            if not isinstance(raw, dict) or not {"id", "label", "category"} <= set(raw) or set(raw) - _SKILL_KEYS:
                raise RuleFileError(f"{path}: skill #{i + 1}: needs id, label, category; allowed keys: {', '.join(sorted(_SKILL_KEYS))}")
            names = (str(raw["label"]),) + tuple(str(a) for a in raw.get("aliases") or () if str(a) != str(raw["label"]))
            entry = VocabEntry(
                id=str(raw["id"]),
                label=str(raw["label"]),
                category=str(raw["category"]),
                names=names,
                case_sensitive=bool(raw.get("case_sensitive", False)),
                list_only=raw.get("context") == "list",
                not_followed_by=tuple(str(t).lower() for t in raw.get("not_followed_by") or ()),
                not_preceded_by=tuple(str(t).lower() for t in raw.get("not_preceded_by") or ()),
                parent=str(raw.get("parent") or ""),
            )
            entries.setdefault(entry.id, entry)  # built-in and curated first: later files never shadow them
    return tuple(entries.values())


def load_outcome_cues() -> OutcomeCues:
    data = _load(builtin_rules_dir() / "vocab" / "outcomes.yml")
    kinds = {str(k): tuple(v) for k, v in (data.get("kinds") or {}).items()}
    return OutcomeCues(kinds, tuple(data.get("up") or ()), tuple(data.get("down") or ()), tuple(data.get("guardrail") or ()))


def load_profile_cues() -> ProfileCues:
    data = _load(builtin_rules_dir() / "vocab" / "profile.yml")
    clearance = data.get("clearance") or {}
    modes = {str(k): tuple(v) for k, v in (data.get("work_mode") or {}).items()}
    return ProfileCues(tuple(clearance.get("terms") or ()), modes, tuple(data.get("skill_labels") or ()), tuple(data.get("spoken_languages") or ()))
