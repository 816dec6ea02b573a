"""Generate ``rules/vocab/onet.yml`` from the O*NET Technology Skills file.

Usage::

    python tools/onet_vocab.py /work/shared/data/onet/technology_skills.txt rules/vocab/onet.yml

The O*NET file is tab-separated, one row per (occupation, technology):
``O*NET-SOC Code, Example, Commodity Code, Commodity Title, Hot Technology, In Demand``.
Only the technologies of the occupations in :data:`OCCUPATIONS` are kept.

Cleaning, in order, for each technology name (the ``Example`` column):

1. :data:`OVERRIDES` (exact name) wins: a replacement spec, or ``None`` to drop.
2. A trailing ``software`` / ``systems`` word is removed ("Alteryx software").
3. A trailing acronym that abbreviates the words before it becomes the label
   and the words become aliases ("Structured query language SQL" -> SQL,
   alias "Structured query language").
4. A leading vendor (:data:`VENDORS`) is removed for the label and the vendor
   form is kept as an alias ("Apache Kafka" -> Kafka, alias "Apache Kafka"),
   unless the rest is made only of ordinary English words ("Microsoft Word",
   "Oracle Enterprise Manager"), in which case the vendor form is the label and
   the bare rest is not emitted.
5. Descriptions of a kind of software rather than a product ("Backup and
   archival software") are dropped, except the practices in
   :data:`GENERIC_KEEP` ("Unit testing"); a one-word label that is an ordinary
   English word ("Chef", "Slack", "Scheme") is dropped; 1-2 character labels
   are dropped (the curated layer owns "C", "R", "Go" with their guards).

Then every candidate whose label or any alias collides (case-folded) with a
label or alias of ``curated.yml`` is skipped entirely: the curated layer wins.
Candidates that share a label are merged; an alias claimed by an earlier
entry is dropped from a later one. Output is sorted by id and byte-for-byte
reproducible.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from mlfit.ruleset.schema import SKILL_CATEGORIES as CATEGORIES

# The hand-kept data (occupations, vendors, common words, overrides, ...) is in onet_vocab.yml beside this file.
DATA_FILE = Path(__file__).with_name("onet_vocab.yml")
_DATA = yaml.load(DATA_FILE.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
OCCUPATIONS: dict[str, str] = _DATA["occupations"]
ATTRIBUTION: str = _DATA["attribution"]
COMMODITY_CATEGORY: dict[str, str] = _DATA["commodity_category"]
LANGUAGE_NAMES = frozenset(_DATA["language_names"])  # languages although their O*NET name does not say so
VENDORS = tuple(_DATA["vendors"])  # in order: the longest form of a vendor's name first
COMMON_WORDS = frozenset(_DATA["common_words"].split())  # a label made only of these would match prose
GENERIC_KEEP = frozenset(_DATA["generic_keep"])  # "<practice> software" rows that are skills a CV lists
OVERRIDES: dict[str, dict | None] = _DATA["overrides"]  # exact O*NET name -> None (drop) or a spec


_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9+/.\-]*$")
_TRAILING_GENERIC = ("software", "systems", "system software")


def _clean_spaces(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _key(s: str) -> str:
    return _clean_spaces(s).casefold()


def make_id(label: str) -> str:
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    s = s.replace("++", "pp").replace("#", "sharp").replace("+", "plus").replace("&", "and")
    s = s.lower()
    if s.startswith("."):
        s = "dot" + s[1:]
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "x"


def _is_acronym_of(acr: str, words: list[str]) -> bool:
    """Loose check that ``acr`` abbreviates ``words``: its letters, in order, are a
    subsequence of theirs and its first letter starts one of the words."""
    letters = [c for c in acr.lower() if c.isalpha()]
    if len(letters) < 2 or sum(c.isupper() for c in acr) < 2:
        return False
    text = "".join(w.lower() for w in words)
    if letters[0] not in {w[0].lower() for w in words if w}:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _strip_vendor(name: str) -> tuple[str, str]:
    """Return (vendor, rest); vendor is '' when none matches."""
    for v in sorted(VENDORS, key=len, reverse=True):
        if name.startswith(v + " ") and len(name) > len(v) + 1:
            return v, name[len(v) + 1 :]
    return "", name


def _all_common(text: str) -> bool:
    words = [w for w in re.split(r"[\s/]+", text.lower()) if w]
    return bool(words) and all(w in COMMON_WORDS for w in words)


def _is_sentence_case_description(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and all(not w[0].isupper() for w in words[1:] if w[0].isalpha())


def _category(name: str, titles: set[str]) -> str:
    if name in LANGUAGE_NAMES or re.search(r"\blanguage\b", name, re.I):
        return "language"
    cats = sorted({COMMODITY_CATEGORY.get(t, "other") for t in titles}, key=CATEGORIES.index)
    return cats[0] if cats else "other"


def clean_name(name: str, titles: set[str]) -> dict | None:
    """Turn one O*NET technology name into a candidate entry, or None to skip it."""
    if name in OVERRIDES:
        spec = OVERRIDES[name]
        if spec is None:
            return None
        out = {"label": spec["label"], "aliases": list(spec.get("aliases", [])), "category": spec.get("category") or _category(name, titles)}
        for flag in ("case_sensitive", "context"):
            if flag in spec:
                out[flag] = spec[flag]
        if (
            _key(name) != _key(out["label"])
            and _key(name) not in {_key(a) for a in out["aliases"]}
            and not re.search(r"\bsoftware\b", name)
            and not _all_common(name)
        ):
            out["aliases"].append(name)
        return out

    category = _category(name, titles)
    base = _clean_spaces(name)
    for suffix in _TRAILING_GENERIC:
        if base.endswith(" " + suffix):
            base = base[: -len(suffix) - 1]
            break
    aliases: list[str] = []
    words = base.split()

    # "Structured query language SQL" -> SQL
    if len(words) >= 2 and _ACRONYM.match(words[-1]):
        vendor, rest = _strip_vendor(" ".join(words[:-1]))
        exp_words = rest.split() if rest else words[:-1]
        if _is_acronym_of(words[-1], exp_words):
            label = words[-1]
            expansion = " ".join(exp_words)
            aliases = [expansion]
            if vendor:
                aliases.append(f"{vendor} {expansion}")
            return _finish(label, aliases, category)

    vendor, rest = _strip_vendor(base)
    if vendor:
        if _all_common(rest) or len(rest) <= 2:
            return _finish(base, [], category)
        return _finish(rest, [base], category)

    if _is_sentence_case_description(base):
        if base in GENERIC_KEEP:
            return _finish(base, [], category)
        return None
    if len(words) == 1 and (base.lower() in COMMON_WORDS or len(base) <= 2):
        return None
    if name.endswith(" software") and _all_common(base):
        return None
    return _finish(base, [], category)


def _finish(label: str, aliases: list[str], category: str) -> dict | None:
    if len(label) <= 2:
        return None
    out: dict = {"label": label, "aliases": aliases, "category": category}
    if label.isupper() and label.lower() in COMMON_WORDS:
        out["case_sensitive"] = True  # an acronym that is also a word ("PASS", "BIND")
    return out


def read_onet(path: Path) -> dict[str, set[str]]:
    """name -> commodity titles, for the selected occupations."""
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for row in reader:
            if row["O*NET-SOC Code"] in OCCUPATIONS:
                out.setdefault(row["Example"].strip(), set()).add(row["Commodity Title"].strip())
    return out


def load_curated(path: Path) -> tuple[set[str], set[str]]:
    """(ids, case-folded labels and aliases) of the curated vocabulary."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    ids: set[str] = set()
    keys: set[str] = set()
    for entry in data["skills"]:
        ids.add(entry["id"])
        keys.add(_key(entry["label"]))
        keys.update(_key(a) for a in entry.get("aliases", []))
    return ids, keys


def build(onet_path: Path, curated_path: Path) -> list[dict]:
    curated_ids, curated_keys = load_curated(curated_path)
    names = read_onet(onet_path)

    entries: list[dict] = []
    owner: dict[str, dict] = {}  # case-folded label/alias -> entry
    for name in sorted(names):
        cand = clean_name(name, names[name])
        if cand is None:
            continue
        # dedupe aliases within the candidate; the label is never repeated
        seen = {_key(cand["label"])}
        cand_aliases = []
        for a in cand["aliases"]:
            a = _clean_spaces(a)
            if _key(a) not in seen:
                seen.add(_key(a))
                cand_aliases.append(a)
        cand["aliases"] = cand_aliases
        if seen & curated_keys or make_id(cand["label"]) in curated_ids:
            continue  # the curated layer wins
        target = owner.get(_key(cand["label"]))
        if target is None:
            target = cand
            target["aliases"] = []
            entries.append(target)
            owner[_key(cand["label"])] = target
        for a in cand_aliases:
            k = _key(a)
            if k in owner:
                continue
            if len(a) <= 2 and not (target.get("case_sensitive") or target.get("context") == "list"):
                continue
            owner[k] = target
            target["aliases"].append(a)

    used_ids = set(curated_ids)
    for e in sorted(entries, key=lambda e: (make_id(e["label"]), e["label"])):
        base = make_id(e["label"])
        eid, n = base, 2
        while eid in used_ids:
            eid, n = f"{base}_{n}", n + 1
        used_ids.add(eid)
        e["id"] = eid
    return sorted(entries, key=lambda e: e["id"])


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(entries: list[dict]) -> str:
    lines = [
        "# GENERATED FILE - do not edit by hand.",
        "# Regenerate: python tools/onet_vocab.py <O*NET technology_skills.txt> rules/vocab/onet.yml",
        "#",
        "# Source: O*NET Technology Skills (technology_skills.txt), technologies of these occupations:",
    ]
    lines += [f"#   {code} {title}" for code, title in sorted(OCCUPATIONS.items())]
    lines += [
        "# Names are cleaned into display labels (vendor prefixes and trailing 'software' removed,",
        "# acronyms promoted); entries that collide with rules/vocab/curated.yml are left out",
        "# (curated wins); ordinary English words are never emitted as bare labels.",
        "#",
        "# " + ATTRIBUTION,
        "schema: 1",
        "source: onet",
        f"attribution: {_q(ATTRIBUTION)}",
        "skills:",
    ]
    for e in entries:
        parts = [f"id: {e['id']}", f"label: {_q(e['label'])}", f"category: {e['category']}"]
        if e["aliases"]:
            parts.append("aliases: [" + ", ".join(_q(a) for a in e["aliases"]) + "]")
        if e.get("case_sensitive"):
            parts.append("case_sensitive: true")
        if e.get("context"):
            parts.append(f"context: {e['context']}")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/onet_vocab.py", description=__doc__.splitlines()[0])
    ap.add_argument("onet_file", type=Path, help="O*NET technology_skills.txt (tab-separated)")
    ap.add_argument("output", type=Path, help="where to write onet.yml")
    ap.add_argument("--curated", type=Path, default=None, help="curated.yml to dedupe against (default: curated.yml beside the output)")
    args = ap.parse_args(argv)
    curated = args.curated or args.output.parent / "curated.yml"
    entries = build(args.onet_file, curated)
    text = render(entries)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {len(entries)} skills to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
