"""The JSON contract: what `mlfit score|extract --format json` print, checked against the shipped schemas.

Every example CV goes through the real CLI entry point in-process (the spaCy pipeline is
built once per process), so these tests see exactly the bytes a user's `| jq` would see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from mlfit import api, schemas
from mlfit.ruleset.schema import KINDS, OUTCOME_KINDS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 6, 1)  # as in conftest: the example CVs were written as of spring 2026
CV_SUFFIXES = {".pdf", ".docx", ".md", ".txt"}
EXAMPLE_CVS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in CV_SUFFIXES and p.name != "README.md")
FORMAT_OF_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".md": "md", ".txt": "txt"}
SEGMENTS = ("big_tech", "startup", "regulated", "defense")

cv_param = pytest.mark.parametrize("cv", EXAMPLE_CVS, ids=[p.name for p in EXAMPLE_CVS])


def one_document(out: str):
    """stdout must hold one JSON document, then a single newline, and nothing else."""
    assert out.startswith("{"), out[:200]
    data, end = json.JSONDecoder().raw_decode(out)
    assert out[end:] == "\n", f"extra output after the JSON document: {out[end:][:200]!r}"
    return data


def score_json(capsys, cv, *extra) -> tuple[dict, str]:
    code, out, err = run(capsys, "score", cv, "--format", "json", "--as-of", AS_OF.isoformat(), *extra)
    assert code == 0, err
    assert err == ""
    return one_document(out), out


def validate(schema_name: str, data: dict) -> None:
    error = best_match(Draft202012Validator(schemas.load(schema_name)).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        pytest.fail(f"{schema_name} schema violation at /{where}: {error.message[:300]}")


def in_some_section(line: int, sections: list[dict]) -> bool:
    return any(s["start"] <= line <= s["end"] for s in sections)


def test_examples_are_found():
    assert {p.suffix for p in EXAMPLE_CVS} == CV_SUFFIXES
    assert len(EXAMPLE_CVS) >= 6


@pytest.mark.parametrize("name", schemas.NAMES)
def test_schemas_are_strict_draft_2020_12(name):
    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": "1.2"}

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node:
                assert node.get("additionalProperties") is False, f"{where} allows unknown keys"
                assert sorted(node.get("required", [])) == sorted(node["properties"]), f"{where}: every key is required"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, name)


def test_schema_enums_follow_the_code():
    """The enums a consumer switches on are the code's own fixed sets."""
    defs = schemas.load("report")["$defs"]
    assert defs["outcome"]["properties"]["kind"]["enum"] == list(OUTCOME_KINDS)
    assert defs["contribution"]["properties"]["kind"]["enum"] == list(KINDS)
    assert defs["outcome"]["properties"]["direction"]["enum"] == ["up", "down", "none"]
    assert defs["profile"]["properties"]["seniority"]["enum"] == ["early", "mid", "senior", None]
    # Every warning code the code can emit must be one the schema allows.
    emitted = set()
    for path in (ROOT / "mlfit").rglob("*.py"):
        emitted |= set(re.findall(r"ParseWarning\(\s*\"([a-z0-9-]+)\"", path.read_text(encoding="utf-8")))
    assert emitted, "no ParseWarning codes found in the source"
    for name in schemas.NAMES:
        allowed = set(schemas.load(name)["$defs"]["warning"]["properties"]["code"]["enum"])
        assert emitted <= allowed, f"{name} schema lacks warning codes {sorted(emitted - allowed)}"


@cv_param
def test_score_json_matches_schema(capsys, cv):
    data, _ = score_json(capsys, cv)
    validate("report", data)
    assert data["source"]["path"] == str(cv)
    assert data["source"]["format"] == FORMAT_OF_SUFFIX[cv.suffix]
    assert data["source"]["sha256"] == hashlib.sha256(cv.read_bytes()).hexdigest()
    ids = [s["id"] for s in data["segments"]]
    assert sorted(ids) == sorted(SEGMENTS)
    assert data["best_segment"] == ids[0]
    assert [s["rank"] for s in data["segments"]] == list(range(1, len(ids) + 1))
    scores = [s["score"] for s in data["segments"]]
    assert scores == sorted(scores, reverse=True), "segments are not best fit first"


@cv_param
def test_extract_json_matches_schema(capsys, cv):
    code, out, err = run(capsys, "extract", cv, "--format", "json", "--as-of", AS_OF.isoformat())
    assert code == 0, err
    assert err == ""
    data = one_document(out)
    validate("extract", data)
    assert data["source"]["sha256"] == hashlib.sha256(cv.read_bytes()).hexdigest()
    assert data["sections"] == data["profile"]["sections"]
    # `extract` shows what `score` read: the same profile.
    report, _ = score_json(capsys, cv)
    assert data["profile"] == report["profile"]


@cv_param
def test_score_json_is_deterministic(capsys, cv):
    _, first = score_json(capsys, cv)
    _, second = score_json(capsys, cv)
    assert first == second


def test_first_and_second_run_agree(capsys, tmp_path):
    """The on-disk rule cache must not change results: a cold run, a warm run and an
    in-process run print the same bytes."""
    cv = EXAMPLES / "big_tech.pdf"
    env = {**{k: v for k, v in os.environ.items() if k != "MLFIT_NO_CACHE"}, "MLFIT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "mlfit", "score", str(cv), "--format", "json", "--as-of", AS_OF.isoformat()]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert cold.returncode == 0 and cold.stderr == "", cold.stderr
    assert any((tmp_path / "cache").iterdir()), "nothing was cached"
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert warm.returncode == 0 and warm.stderr == "", warm.stderr
    assert cold.stdout == warm.stdout
    _, in_process = score_json(capsys, cv)
    assert in_process == cold.stdout


@cv_param
def test_points_add_up_to_the_score(capsys, cv):
    data, _ = score_json(capsys, cv)
    for seg in data["segments"]:
        for c in seg["contributions"]:
            assert 0 <= c["points"] <= c["max_points"], (seg["id"], c["rule_id"])
            assert c["lost"] == pytest.approx(c["max_points"] - c["points"], abs=0.011), (seg["id"], c["rule_id"])
        assert sum(c["points"] for c in seg["contributions"]) == pytest.approx(seg["score"], abs=0.2), seg["id"]
        assert sum(c["max_points"] for c in seg["contributions"]) == pytest.approx(100, abs=0.2), seg["id"]
        assert len({c["rule_id"] for c in seg["contributions"]}) == len(seg["contributions"]), seg["id"]


@cv_param
def test_every_line_number_points_at_that_line(capsys, cv):
    """`L11: ...` in a report must be line 11 of what mlfit read, inside a section."""
    data, _ = score_json(capsys, cv)
    profile = data["profile"]
    sections = profile["sections"]
    lines = {line.no: line.text for line in api.read(cv).lines}
    assert sections and max(s["end"] for s in sections) == max(lines)
    for seg in data["segments"]:
        for c in seg["contributions"]:
            for ev in c["evidence"] + c["problems"]:
                assert in_some_section(ev["line"], sections), (seg["id"], c["rule_id"], ev["line"])
                assert ev["text"].startswith(lines[ev["line"]][:40]), (c["rule_id"], ev["line"], ev["text"][:60])
    numbers = (
        [o["line"] for o in profile["outcomes"]]
        + [r["line"] for r in profile["roles"]]
        + profile["bullets"]
        + [n for s in profile["skills"] for n in s["lines"]]
    )
    assert all(in_some_section(n, sections) for n in numbers)
    for outcome in profile["outcomes"]:  # quoted from its line (a wrapped bullet continues on the next ones)
        window = " ".join(lines.get(n, "") for n in range(outcome["line"], outcome["line"] + 4))
        assert outcome["text"] in window, (outcome["line"], outcome["text"])


def test_segment_filter_keeps_the_contract(capsys):
    data, _ = score_json(capsys, EXAMPLES / "big_tech.md", "--segment", "defense", "--segment", "startup")
    validate("report", data)
    assert sorted(s["id"] for s in data["segments"]) == ["defense", "startup"]
    assert [s["rank"] for s in data["segments"]] == [1, 2]


def test_parse_warnings_appear_in_the_json(capsys, tmp_path):
    """A thin CV without headings still gives a valid document, with its warnings."""
    cv = tmp_path / "cv.txt"
    cv.write_text("Jordan Example\nTrained a churn model in PyTorch\nBuilt dashboards for the sales team\n", encoding="utf-8")
    code, out, err = run(capsys, "score", cv, "--format", "json")
    assert code == 0, err
    data = one_document(out)
    validate("report", data)
    codes = {w["code"] for w in data["warnings"]}
    assert {"no-headings", "little-text"} <= codes
    code, out, err = run(capsys, "extract", cv, "--format", "json")
    assert code == 0, err
    extracted = one_document(out)
    validate("extract", extracted)
    assert extracted["warnings"] == data["warnings"]
