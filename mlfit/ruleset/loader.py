"""Load, validate and resolve rule packs (no spaCy here: `rules list` must stay fast)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import RuleFileError, UnknownRuleError, UnknownSegmentError
from . import schema
from .paths import builtin_rules_dir

if TYPE_CHECKING:
    from .yamlpos import Located

MAX_RULE_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Example:
    text: str
    good: bool
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    weight: float
    message: str
    why: str
    source: str
    params: dict[str, Any]
    examples: tuple[Example, ...]
    rewrite: str | None = None
    pack: str = ""
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class MarketNote:
    text: str
    source: str = ""


@dataclass(frozen=True)
class Pack:
    segment: str
    title: str
    description: str
    extends: tuple[str, ...]
    overrides: dict[str, dict[str, Any]]
    market_notes: tuple[MarketNote, ...]
    rules: tuple[Rule, ...]
    path: str
    term_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    positions: Located | None = field(repr=False, compare=False, default=None)

    def where(self, *keys: Any) -> str:
        if self.positions is None:  # loaded from the cache: only valid packs are cached
            return f"{self.path}:1:1"
        pos = self.positions.pos(*keys)
        return f"{self.path}:{pos.line}:{pos.col}"


@dataclass(frozen=True)
class Segment:
    id: str
    title: str
    description: str
    rules: tuple[Rule, ...]  # effective: inherited, overridden, enabled
    notes: tuple[MarketNote, ...]
    path: str


@dataclass(frozen=True)
class RuleSet:
    packs: dict[str, Pack]
    segments: dict[str, Segment]
    digest: str
    vocab_files: tuple[Path, ...]

    @property
    def rules(self) -> dict[str, Rule]:
        out: dict[str, Rule] = {}
        for pack in self.packs.values():
            for rule in pack.rules:
                out[rule.id] = rule
        return out

    def rule(self, rule_id: str) -> Rule:
        found = self.rules.get(rule_id.upper())
        if found is None:
            close = _close_matches(rule_id.upper(), self.rules, n=1)
            hint = f"did you mean {close[0]}?" if close else "see `mlfit rules list`"
            raise UnknownRuleError(f"no rule with id '{rule_id}'", hint=hint)
        return found

    def select(self, segment_ids: Iterable[str] | None) -> list[Segment]:
        if not segment_ids:
            return list(self.segments.values())
        chosen = []
        for sid in segment_ids:
            key = sid.strip().lower().replace("-", "_")
            key = _SEGMENT_ALIASES.get(key, key)
            if key not in self.segments:
                raise UnknownSegmentError(f"unknown segment '{sid}'", hint="choose from: " + ", ".join(self.segments))
            chosen.append(self.segments[key])
        return chosen


_SEGMENT_ALIASES = {
    "bigtech": "big_tech",
    "big": "big_tech",
    "gov": "defense",
    "government": "defense",
    "enterprise": "regulated",
    "ai_startup": "startup",
}


def _close_matches(word: str, choices, n: int = 1) -> list[str]:
    import difflib  # only when there is an error to explain

    return difflib.get_close_matches(word, list(choices), n=n)


def pack_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.y*ml") if p.suffix in (".yml", ".yaml")))
        else:
            files.append(path)
    return files


def load_ruleset(extra: Iterable[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """Built-in packs plus user packs; a user pack with a built-in segment name replaces it."""
    roots = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in extra]
    for root in roots:
        if not root.exists():
            raise RuleFileError(f"{root}: no such rule file or directory", hint="check the --rules path")
    vocab_files: list[Path] = []
    for root in roots:
        if root.is_dir() and (root / "vocab").is_dir():
            vocab_files.extend(sorted((root / "vocab").glob("*.yml")))
    sources: list[tuple[Path, bytes]] = []
    digest = hashlib.sha256(__version__.encode())
    for path in pack_files(roots) + vocab_files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RuleFileError(f"{path}: cannot read ({exc.strerror})") from None
        digest.update(str(path).encode() + b"\0" + data)
        if path not in vocab_files:
            sources.append((path, data))
    key = digest.hexdigest()[:16]
    packs = _cached_packs(key)
    if packs is not None:
        segments = resolve_segments(packs)
    else:
        packs = _parse_packs(sources)
        _check_user_vocab([f for f in vocab_files if builtin_rules_dir() not in f.parents])
        # `extends` and `overrides` are checked before caching: a cached pack has lost the
        # positions that an error message needs, so only a fully valid set may be cached.
        segments = resolve_segments(packs)
        _save_packs(key, packs)
    return RuleSet(packs, segments, key, tuple(vocab_files))


def _check_user_vocab(files: list[Path]) -> None:
    from .vocab import CUE_FILES, vocab_file_issues

    issues = [i for f in files if f.name not in CUE_FILES for i in vocab_file_issues(f, f.read_bytes())]
    if issues:
        raise RuleFileError.from_issues(issues)


def _parse_packs(sources: list[tuple[Path, bytes]]) -> dict[str, Pack]:
    packs: dict[str, Pack] = {}
    issues: list[str] = []
    for path, data in sources:
        try:
            pack = parse_pack(data, str(path))
        except RuleFileError as exc:
            issues.extend(exc.issues)
            continue
        packs[pack.segment] = pack
    if issues:
        raise RuleFileError.from_issues(issues)
    return _expand_term_sets(packs)


def _expand_term_sets(packs: dict[str, Pack]) -> dict[str, Pack]:
    """Replace each '@name' in a rule's term lists by the terms of that set (any loaded pack may define it)."""
    sets: dict[str, tuple[str, ...]] = {}
    for pack in packs.values():
        sets.update(pack.term_sets)
    issues: list[str] = []
    out = {}
    for name, pack in packs.items():
        rules = []
        for i, rule in enumerate(pack.rules):
            params = dict(rule.params)
            for key in schema.TERM_KEYS:
                terms = params.get(key)
                if not terms:
                    continue
                expanded: list[str] = []
                for j, term in enumerate(terms):
                    if not term.startswith("@"):
                        expanded.append(term)
                    elif term[1:] in sets:
                        expanded.extend(sets[term[1:]])
                    else:
                        known = ", ".join("@" + k for k in sorted(sets)) or "none are defined"
                        issues.append(f"{pack.where('rules', i, key, j)}: unknown term set {term!r}; known: {known}")
                params[key] = list(dict.fromkeys(expanded))
            rules.append(replace(rule, params=params))
        out[name] = replace(pack, rules=tuple(rules))
    if issues:
        raise RuleFileError.from_issues(issues)
    return out


# Parsing the packs with positions costs ~35 ms (the YAML import included); a valid
# set is cached as JSON by content hash, so only the first run after an edit pays.


def _save_packs(key: str, packs: dict[str, Pack]) -> None:
    from .. import cache

    def rule_row(r: Rule) -> dict:
        row = {f: getattr(r, f) for f in Rule.__dataclass_fields__}
        row["examples"] = [[e.text, e.good, e.note] for e in r.examples]
        return row

    cache.save(
        f"rules-{key}",
        [
            {
                "segment": p.segment,
                "title": p.title,
                "description": p.description,
                "extends": list(p.extends),
                "overrides": p.overrides,
                "market_notes": [[n.text, n.source] for n in p.market_notes],
                "rules": [rule_row(r) for r in p.rules],
                "path": p.path,
                "term_sets": p.term_sets,
            }
            for p in packs.values()
        ],
    )


def _cached_packs(key: str) -> dict[str, Pack] | None:
    from .. import cache

    rows = cache.load(f"rules-{key}")
    if not isinstance(rows, list):
        return None
    try:
        packs = {}
        for row in rows:
            rules = tuple(Rule(**{**r, "examples": tuple(Example(*e) for e in r["examples"])}) for r in row["rules"])
            notes = tuple(MarketNote(*n) for n in row["market_notes"])
            packs[row["segment"]] = Pack(
                row["segment"],
                row["title"],
                row["description"],
                tuple(row["extends"]),
                row["overrides"],
                notes,
                rules,
                row["path"],
                {k: tuple(v) for k, v in row["term_sets"].items()},
            )
        return packs
    except (KeyError, TypeError):
        return None


def parse_pack(data: bytes, path: str) -> Pack:
    if len(data) > MAX_RULE_FILE_BYTES:
        raise RuleFileError.from_issues([f"{path}:1:1: rule file is larger than {MAX_RULE_FILE_BYTES // 1_000_000} MB"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleFileError.from_issues([f"{path}:1:1: rule files must be UTF-8 text"]) from None
    from .yamlpos import YamlIssue, load_located  # PyYAML is imported only when a pack must be parsed

    try:
        located = load_located(text)
    except YamlIssue as exc:
        raise RuleFileError.from_issues([f"{path}:{exc.pos.line}:{exc.pos.col}: {exc.message}"]) from None
    return _PackValidator(located, path).build()


class _PackValidator:
    def __init__(self, located: Located, path: str):
        self.located = located
        self.path = path
        self.issues: list[str] = []

    def issue(self, keys: tuple, message: str) -> None:
        pos = self.located.pos(*keys)
        self.issues.append(f"{self.path}:{pos.line}:{pos.col}: {message}")

    def build(self) -> Pack:
        doc = self.located.value
        if not isinstance(doc, dict):
            self.issue((), "a rule pack must be a mapping with keys: " + ", ".join(schema.PACK_KEYS))
            raise RuleFileError.from_issues(self.issues)
        self._check_keys(doc, (), schema.PACK_KEYS, schema.PACK_REQUIRED, "pack")
        if doc.get("schema") not in (None, schema.SCHEMA_VERSION):
            self.issue(("schema",), f"unsupported schema {doc.get('schema')!r}; this mlfit reads schema {schema.SCHEMA_VERSION}")
        segment = doc.get("segment")
        if not isinstance(segment, str) or not re.fullmatch(r"_?[a-z][a-z0-9_]{0,39}", segment or ""):
            self.issue(("segment",), "segment must be a lowercase id such as 'big_tech' or 'fintech'")
            segment = "?"
        extends = self._str_list(doc.get("extends") or [], ("extends",))
        overrides = self._overrides(doc.get("overrides") or {})
        notes = self._notes(doc.get("market_notes") or [])
        term_sets = self._term_sets(doc.get("term_sets") or {})
        rules_raw = doc.get("rules")
        rules: list[Rule] = []
        if rules_raw is not None and not isinstance(rules_raw, list):
            self.issue(("rules",), "rules must be a list of rules")
        elif rules_raw:
            seen: dict[str, int] = {}
            for i, raw in enumerate(rules_raw):
                rule = self._rule(raw, i, segment)
                if rule is None:
                    continue
                if rule.id in seen:
                    self.issue(("rules", i, "id"), f"duplicate rule id {rule.id} (first defined in rule #{seen[rule.id] + 1})")
                seen[rule.id] = i
                rules.append(rule)
        if self.issues:
            raise RuleFileError.from_issues(self.issues)
        return Pack(
            segment=segment,
            title=str(doc.get("title") or segment.strip("_").replace("_", " ").title()),
            description=str(doc.get("description") or ""),
            extends=tuple(extends),
            overrides=overrides,
            market_notes=tuple(notes),
            rules=tuple(rules),
            path=self.path,
            term_sets=term_sets,
            positions=self.located,
        )

    # -- pieces -------------------------------------------------------------

    def _check_keys(self, mapping: dict, keys: tuple, allowed, required, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                close = _close_matches(str(key), list(allowed), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
                self.issue(keys + (key,), f"unknown {what} key '{key}'; {hint}")
        for key in required:
            if key not in mapping:
                self.issue(keys, f"{what} is missing required key '{key}'")

    def _str_list(self, value: Any, keys: tuple) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.issue(keys, "expected a list of non-empty strings")
            return []
        return value

    def _overrides(self, value: Any) -> dict[str, dict[str, Any]]:
        if not isinstance(value, dict):
            self.issue(("overrides",), "overrides must map a rule id to {weight: N} or {enabled: false}")
            return {}
        out = {}
        for rule_id, change in value.items():
            keys = ("overrides", rule_id)
            if not isinstance(change, dict) or not change:
                self.issue(keys, "an override is a mapping: {weight: N} or {enabled: false}")
                continue
            self._check_keys(change, keys, {"weight": 0, "enabled": 0}, (), "override")
            if "weight" in change and not _is_weight(change["weight"]):
                self.issue(keys + ("weight",), "weight must be a number above 0 and at most 100")
            if "enabled" in change and not isinstance(change["enabled"], bool):
                self.issue(keys + ("enabled",), "enabled must be true or false")
            out[str(rule_id).upper()] = dict(change)
        return out

    def _term_sets(self, value: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            self.issue(("term_sets",), "term_sets maps a name to a list of terms, used in rules as '@name'")
            return {}
        out = {}
        for name, terms in value.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", str(name)):
                self.issue(("term_sets", name), f"term set name {name!r} must be lowercase letters, digits and '_'")
                continue
            checked = self._typed(terms, "terms", ("term_sets", name))
            if checked and any(t.startswith("@") for t in checked):
                self.issue(("term_sets", name), "a term set cannot refer to another term set")
            elif checked:
                out[str(name)] = tuple(checked)
        return out

    def _notes(self, value: Any) -> list[MarketNote]:
        if not isinstance(value, list):
            self.issue(("market_notes",), "market_notes must be a list of {text, source}")
            return []
        notes = []
        for i, note in enumerate(value):
            keys = ("market_notes", i)
            if isinstance(note, str):
                notes.append(MarketNote(note))
            elif isinstance(note, dict) and isinstance(note.get("text"), str):
                self._check_keys(note, keys, {"text": 0, "source": 0}, ("text",), "market note")
                notes.append(MarketNote(note["text"].strip(), str(note.get("source", ""))))
            else:
                self.issue(keys, "a market note is a string or {text, source}")
        return notes

    def _rule(self, raw: Any, index: int, segment: str) -> Rule | None:
        keys = ("rules", index)
        if not isinstance(raw, dict):
            self.issue(keys, "a rule must be a mapping")
            return None
        kind = raw.get("kind")
        if kind not in schema.KIND_KEYS:
            close = _close_matches(str(kind), schema.KINDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(schema.KINDS)
            self.issue(keys + ("kind",), f"unknown rule kind {kind!r}; {hint}")
            return None
        kind_keys = schema.KIND_KEYS[kind]
        allowed = {**schema.COMMON_RULE_KEYS, **kind_keys}
        required = schema.RULE_REQUIRED + tuple(k for k, (_, d) in kind_keys.items() if d is ...)
        self._check_keys(raw, keys, allowed, required, f"'{kind}' rule")
        rule_id = str(raw.get("id", "")).strip()
        if not re.fullmatch(r"[A-Z]{2,4}\d{3}", rule_id):
            self.issue(keys + ("id",), f"rule id {rule_id!r} must be 2-4 capital letters and 3 digits, e.g. BT004")
        prefix = schema.PREFIXES.get(segment)
        if prefix and re.fullmatch(r"[A-Z]{2,4}\d{3}", rule_id) and not rule_id.startswith(prefix):
            self.issue(keys + ("id",), f"rules of the {segment} pack use the prefix {prefix} (got {rule_id})")
        for text_key in ("name", "message", "why", "source"):
            value = raw.get(text_key)
            if text_key in raw and (not isinstance(value, str) or not value.strip()):
                self.issue(keys + (text_key,), f"{text_key} must be a non-empty string")
        if "weight" in raw and not _is_weight(raw["weight"]):
            self.issue(keys + ("weight",), "weight must be a number above 0 and at most 100")
        params: dict[str, Any] = {}
        for key, (typ, default) in kind_keys.items():
            if key in raw:
                params[key] = self._typed(raw[key], typ, keys + (key,))
            elif default is not ...:
                params[key] = default
        one_of = schema.KIND_ONE_OF.get(kind)
        if one_of and not any(raw.get(k) for k in one_of):
            self.issue(keys, f"a '{kind}' rule needs at least one of: " + ", ".join(one_of))
        rewrite = raw.get("rewrite")
        template = None
        if rewrite is not None:
            if isinstance(rewrite, dict) and set(rewrite) == {"template"} and isinstance(rewrite["template"], str) and rewrite["template"].strip():
                template = rewrite["template"].strip()
            else:
                self.issue(keys + ("rewrite",), "rewrite must be a mapping with one key, template: a non-empty string")
        examples = self._examples(raw.get("examples"), keys + ("examples",))
        pos = self.located.pos(*keys)
        return Rule(
            id=rule_id,
            name=str(raw.get("name", "")),
            kind=kind,
            weight=float(raw["weight"]) if _is_weight(raw.get("weight")) else 1.0,
            message=_squash(raw.get("message")),
            why=_squash(raw.get("why")),
            source=_squash(raw.get("source")),
            params=params,
            examples=examples,
            rewrite=template,
            pack=segment,
            path=self.path,
            line=pos.line,
        )

    def _examples(self, value: Any, keys: tuple) -> tuple[Example, ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.issue(keys, "examples must be a mapping with 'good' and 'bad' lists")
            return ()
        self._check_keys(value, keys, {"good": 0, "bad": 0}, ("good", "bad"), "examples")
        out: list[Example] = []
        for label in ("good", "bad"):
            items = value.get(label)
            if label in value and (not isinstance(items, list) or not items):
                self.issue(keys + (label,), f"examples.{label} must be a non-empty list")
                continue
            for i, item in enumerate(items or []):
                if isinstance(item, str) and item.strip():
                    out.append(Example(item.strip("\n"), label == "good"))
                elif isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
                    self._check_keys(item, keys + (label, i), {"text": 0, "note": 0}, ("text",), "example")
                    out.append(Example(item["text"].strip("\n"), label == "good", str(item.get("note", "")).strip()))
                else:
                    self.issue(keys + (label, i), "an example is a non-empty string or {text, note}")
        return tuple(out)

    def _typed(self, value: Any, typ: str, keys: tuple) -> Any:
        def bad(expected: str) -> Any:
            self.issue(keys, f"expected {expected}, got {type(value).__name__} {value!r:.60}")
            return None

        if typ == "bool":
            return value if isinstance(value, bool) else bad("true or false")
        if typ == "count":
            return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000 else bad("a whole number from 1 to 1000")
        if typ == "ratio":
            return (
                float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1 else bad("a number from 0 to 1")
            )
        if typ == "scope":
            return value if value in schema.SCOPES else bad("one of " + ", ".join(schema.SCOPES))
        if typ in ("terms", "names", "categories", "outcome_kinds", "requirements"):
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
                return bad("a non-empty list of strings")
            if len(value) > schema.MAX_TERMS:
                return bad(f"at most {schema.MAX_TERMS} entries")
            allowed = {
                "categories": schema.SKILL_CATEGORIES,
                "outcome_kinds": schema.OUTCOME_KINDS,
                "requirements": ("baseline", "guardrail"),
            }.get(typ)
            for i, item in enumerate(value):
                if allowed and item not in allowed:
                    self.issue(keys + (i,), f"unknown value '{item}'; one of: " + ", ".join(allowed))
                if typ == "terms":
                    problem = term_problem(item)
                    if problem:
                        shown = item if len(item) <= 60 else item[:57] + "..."
                        self.issue(keys + (i,), f"term {shown!r}: {problem}")
            return [v.strip() for v in value]
        raise AssertionError(typ)


def term_problem(term: str) -> str | None:
    """Terms are literal phrases; only a trailing '*' on a word (prefix match) is special."""
    if len(term) > schema.MAX_TERM_CHARS:
        return f"longer than {schema.MAX_TERM_CHARS} characters"
    for word in term.split():
        if "*" in word[:-1]:
            return "'*' may only end a word (e.g. deploy*)"
        if word.endswith("*") and len(word) < 4:
            return "a prefix before '*' needs at least 3 characters, or it matches almost everything"
    return None


def _is_weight(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 100


def _squash(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def resolve_segments(packs: dict[str, Pack]) -> dict[str, Segment]:
    """Apply `extends` (in order, depth first) and `overrides`; packs named _x are bases only."""
    resolved: dict[str, tuple[Rule, ...]] = {}
    issues: list[str] = []

    def effective(name: str, chain: tuple[str, ...]) -> tuple[Rule, ...]:
        if name in resolved:
            return resolved[name]
        pack = packs[name]
        rules: dict[str, Rule] = {}
        for i, base in enumerate(pack.extends):
            if base == name or base in chain:
                issues.append(f"{pack.where('extends', i)}: extends cycle: {' -> '.join(chain + (name, base))}")
                continue
            if base not in packs:
                close = _close_matches(base, list(packs), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else "; known packs: " + ", ".join(sorted(packs))
                issues.append(f"{pack.where('extends', i)}: extends unknown pack '{base}'{hint}")
                continue
            for rule in effective(base, chain + (name,)):
                rules[rule.id] = rule
        for rule in pack.rules:
            rules[rule.id] = rule
        for rule_id, change in pack.overrides.items():
            if rule_id not in rules:
                issues.append(f"{pack.where('overrides', rule_id)}: override of unknown rule {rule_id}")
                continue
            if change.get("enabled") is False:
                del rules[rule_id]
            elif "weight" in change:
                rules[rule_id] = replace(rules[rule_id], weight=float(change["weight"]))
        resolved[name] = tuple(rules.values())
        return resolved[name]

    segments = {}
    for name in _segment_order(packs):
        rules = effective(name, ())
        if name.startswith("_"):
            continue
        pack = packs[name]
        if not rules:
            issues.append(f"{pack.where()}: segment '{name}' has no enabled rules")
        # The pack's own notes first: the report shows the first one as the segment's context.
        notes = pack.market_notes + tuple(n for base in pack.extends if base in packs for n in packs[base].market_notes)
        segments[name] = Segment(name, pack.title, pack.description, rules, notes, pack.path)
    if issues:
        raise RuleFileError.from_issues(sorted(set(issues), key=issues.index))
    return segments


_BUILTIN_ORDER = ("_shared", *schema.BUILTIN_SEGMENTS)


def _segment_order(packs: dict[str, Pack]) -> list[str]:
    return [p for p in _BUILTIN_ORDER if p in packs] + sorted(p for p in packs if p not in _BUILTIN_ORDER)
