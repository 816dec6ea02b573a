"""Data checks for the skill vocabulary (rules/vocab/curated.yml and onet.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mlfit.ruleset.schema import SKILL_CATEGORIES

REPO = Path(__file__).resolve().parents[1]
VOCAB = REPO / "rules" / "vocab"
CURATED = VOCAB / "curated.yml"
ONET = VOCAB / "onet.yml"
ONET_SOURCE = REPO / "tests" / "data" / "onet" / "technology_skills.txt"  # the rows the generator reads

TOP_KEYS = {"schema", "source", "attribution", "skills"}
ENTRY_KEYS = {"id", "label", "category", "aliases", "case_sensitive", "context", "not_followed_by", "not_preceded_by", "parent"}
REQUIRED_ENTRY_KEYS = {"id", "label", "category"}
CATEGORIES = set(SKILL_CATEGORIES)
ID_RE = re.compile(r"^[a-z0-9_]+$")
ATTRIBUTION_MARKERS = ("O*NET Database", "USDOL/ETA", "CC BY 4.0", "has not approved, endorsed, or tested these modifications")


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.CSafeLoader)


@pytest.fixture(scope="module")
def curated() -> dict:
    return _load(CURATED)


@pytest.fixture(scope="module")
def onet() -> dict:
    return _load(ONET)


@pytest.fixture(scope="module")
def all_entries(curated, onet) -> list[tuple[str, dict]]:
    return [("curated", e) for e in curated["skills"]] + [("onet", e) for e in onet["skills"]]


def _spellings(entry: dict) -> list[str]:
    return [entry["label"], *entry.get("aliases", [])]


@pytest.mark.parametrize("name,source", [("curated", "curated"), ("onet", "onet")])
def test_file_header(name, source, request):
    data = request.getfixturevalue(name)
    assert set(data) <= TOP_KEYS, f"unknown top-level keys: {set(data) - TOP_KEYS}"
    assert data["schema"] == 1
    assert data["source"] == source
    assert isinstance(data["skills"], list) and data["skills"]
    if source == "curated":
        assert "attribution" not in data


def test_onet_carries_attribution(onet):
    text = onet["attribution"]
    for marker in ATTRIBUTION_MARKERS:
        assert marker in text
    assert "CC BY 4.0" in ONET.read_text(encoding="utf-8").split("schema:")[0], "attribution missing from header comment"


def test_entry_schema(all_entries):
    problems = []
    for src, e in all_entries:
        where = f"{src}:{e.get('id')}"
        if not isinstance(e, dict):
            problems.append(f"{where}: not a mapping")
            continue
        if set(e) - ENTRY_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(e) - ENTRY_KEYS)}")
        if REQUIRED_ENTRY_KEYS - set(e):
            problems.append(f"{where}: missing {sorted(REQUIRED_ENTRY_KEYS - set(e))}")
            continue
        if not isinstance(e["id"], str) or not ID_RE.match(e["id"]):
            problems.append(f"{where}: bad id")
        if not isinstance(e["label"], str) or not e["label"].strip():
            problems.append(f"{where}: bad label")
        if e["category"] not in CATEGORIES:
            problems.append(f"{where}: unknown category {e['category']!r}")
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{where}: aliases must be a list of non-empty strings")
        elif e["label"] in aliases:
            problems.append(f"{where}: label repeated in aliases")
        elif len(set(aliases)) != len(aliases):
            problems.append(f"{where}: duplicate alias")
        if "case_sensitive" in e and e["case_sensitive"] is not True:
            problems.append(f"{where}: case_sensitive must be true when present")
        if "context" in e and e["context"] != "list":
            problems.append(f"{where}: context must be 'list'")
        for key in ("not_followed_by", "not_preceded_by"):
            if key in e:
                v = e[key]
                if not isinstance(v, list) or not v or not all(isinstance(t, str) and t for t in v):
                    problems.append(f"{where}: {key} must be a non-empty list of strings")
    assert not problems, "\n".join(problems)


def test_ids_unique_across_files(all_entries):
    seen: dict[str, str] = {}
    dupes = []
    for src, e in all_entries:
        if e["id"] in seen:
            dupes.append(f"{e['id']} ({seen[e['id']]} and {src})")
        seen[e["id"]] = src
    assert not dupes, dupes


def test_a_parent_is_another_skill_of_the_vocabulary(all_entries):
    ids = {e["id"] for _, e in all_entries}
    parents = {e["id"]: e["parent"] for _, e in all_entries if "parent" in e}
    assert parents, "cloud services name their platform"
    assert not {child: p for child, p in parents.items() if p not in ids or p == child}
    assert not {child for child, p in parents.items() if p in parents}, "one level: a platform has no parent"


def test_no_spelling_maps_to_two_ids(all_entries):
    owner: dict[str, str] = {}
    clashes = []
    for _, e in all_entries:
        for s in {x.casefold() for x in _spellings(e)}:
            if s in owner and owner[s] != e["id"]:
                clashes.append(f"{s!r}: {owner[s]} vs {e['id']}")
            owner.setdefault(s, e["id"])
    assert not clashes, "\n".join(clashes)


def test_case_folded_duplicates_only_in_case_sensitive_entries(all_entries):
    # Within one entry, "ML" / "machine learning" / "Machine Learning" variants only
    # make sense when the entry is matched case-sensitively.
    bad = []
    for _, e in all_entries:
        folded = [s.casefold() for s in _spellings(e)]
        if len(set(folded)) != len(folded) and not e.get("case_sensitive"):
            bad.append(e["id"])
    assert not bad, bad


def test_short_names_are_guarded(all_entries):
    bad = []
    for _, e in all_entries:
        guarded = e.get("case_sensitive") is True or e.get("context") == "list"
        for s in _spellings(e):
            if len(s.strip()) <= 2 and not guarded:
                bad.append(f"{e['id']}: {s!r}")
    assert not bad, bad


def test_sizes(curated, onet):
    assert 300 <= len(curated["skills"]) <= 800  # grows with the ML long tail; a cap catches a runaway generator
    assert 300 <= len(onet["skills"]) <= 1200


def test_onet_sorted_by_id(onet):
    ids = [e["id"] for e in onet["skills"]]
    assert ids == sorted(ids)


def test_ambiguous_words_do_not_come_from_onet(onet):
    folded = {s.casefold() for e in onet["skills"] for s in _spellings(e)}
    for word in (
        "go",
        "make",
        "excel",
        "word",
        "r",
        "c",
        "spark",
        "swift",
        "julia",
        "rust",
        "project",
        "access",
        "teams",
        "slack",
        "zoom",
        "shiny",
        "scheme",
    ):
        assert word not in folded, word


# ---------------------------------------------------------------- spot checks


def _by_id(all_entries) -> dict[str, dict]:
    return {e["id"]: e for _, e in all_entries}


def test_spot_checks(all_entries):
    v = _by_id(all_entries)

    assert v["pytorch"]["label"] == "PyTorch"
    assert v["pytorch"]["category"] == "ml_framework"
    assert "sklearn" in v["scikit_learn"]["aliases"]
    assert "k8s" in [a.casefold() for a in v["kubernetes"]["aliases"]]

    go = v["go"]
    assert go["label"] == "Go" and go.get("case_sensitive") and go.get("context") == "list"
    assert "-" in go["not_followed_by"]

    for short in ("r", "c"):
        assert v[short].get("case_sensitive") and v[short].get("context") == "list", short
    assert "#" in v["c"]["not_followed_by"]  # "C#" tokenizes as "C", "#"

    assert v["apache_spark"].get("case_sensitive")
    assert "Spark" in v["apache_spark"]["aliases"]
    assert v["excel"].get("case_sensitive") and v["excel"]["label"] == "Excel"
    for name in ("rust", "julia", "swift", "ray"):
        assert v[name].get("case_sensitive") and v[name].get("context") == "list", name

    assert {"at", "@"} <= set(v["snowflake"]["not_preceded_by"])

    ml = v["machine_learning"]
    assert ml.get("case_sensitive") and "ML" in ml["aliases"] and "machine learning" in ml["aliases"]
    ai = v["artificial_intelligence"]
    assert ai.get("case_sensitive") and "AI" in ai["aliases"]

    assert "W&B" in v["wandb"]["aliases"] and "wandb" in v["wandb"]["aliases"]
    assert "retrieval-augmented generation" in v["rag"]["aliases"]
    assert v["vllm"]["category"] == "serving"
    assert v["pinecone"]["category"] == "vector_db"


# ------------------------------------------------------------ reproducibility


def test_generator_reproduces_onet_yml(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("onet_vocab", REPO / "tools" / "onet_vocab.py")
    onet_vocab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(onet_vocab)

    out = tmp_path / "onet.yml"
    rc = onet_vocab.main([str(ONET_SOURCE), str(out), "--curated", str(CURATED)])
    assert rc == 0
    assert out.read_bytes() == ONET.read_bytes(), (
        "rules/vocab/onet.yml is stale: rerun `python tools/onet_vocab.py ../shared/data/onet/technology_skills.txt rules/vocab/onet.yml`"
    )
