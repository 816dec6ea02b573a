"""The skill vocabulary and the outcome cue lists (data under rules/vocab/), loaded without spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleFileError
from .loader import builtin_rules_dir

_SKILL_KEYS = {"id", "label", "category", "aliases", "case_sensitive", "context", "not_followed_by", "not_preceded_by"}


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


CUE_FILES = ("outcomes.yml", "profile.yml")


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
    return ProfileCues(tuple(clearance.get("terms") or ()), modes)
