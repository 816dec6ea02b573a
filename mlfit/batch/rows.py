"""A *row*: the small, flat digest of one CV's report that batch workers send back to the parent.

The CSV, the human table, `--fail-under` and the cohort summary are all built from rows, so
only `jsonl`/`json` move whole reports between processes. :func:`row_from_json` makes the
same row from a JSONL line, which is how `mlfit summary results.jsonl` works."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..ruleset.schema import BUILTIN_SEGMENTS

FIX_MIN_POINTS = 0.5  # as in the human report: a fix worth less than half a point is not a fix
FAILED_STRENGTH = 0.5  # a rule below this strength on a CV's best-fit segment "failed" (the bar of the rule examples)


# --- rows ------------------------------------------------------------------------------------


def segment_columns(segment_ids: Iterable[str]) -> list[str]:
    """The four built-in segments always (stable columns), then custom segments in rule-set order."""
    extra = [s for s in segment_ids if s not in BUILTIN_SEGMENTS]
    return list(BUILTIN_SEGMENTS) + list(dict.fromkeys(extra))


CSV_LEADING_COLUMNS = ("file", "status", "error_code", "error_message", "best_segment")
CSV_TRAILING_COLUMNS = ("years", "seniority", "top_gap_rule", "top_gap_message")


def csv_header(segment_ids: Iterable[str]) -> list[str]:
    return [*CSV_LEADING_COLUMNS, *segment_columns(segment_ids), *CSV_TRAILING_COLUMNS]


def _top_gap(contributions) -> tuple[str, str, float] | None:
    best = None
    for c in contributions:
        lost = c.get("lost", round(c["max_points"] - c["points"], 2))
        if lost >= FIX_MIN_POINTS and (best is None or lost > best[2]):
            best = (c["rule_id"], c.get("message", ""), lost)
    return best


def row_from_report(report) -> dict[str, Any]:
    """The digest of one :class:`~mlfit.model.Report` (already redacted if it had to be): built
    from its JSON form, so a row read back from a JSONL file is the same row."""
    from ..render.jsonout import report_json

    return row_from_json(report_json(report))


def row_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """The digest of a JSON report (as `-f json`/`jsonl` print it) or of a JSONL error object."""
    if data.get("status") == "error" or ("error" in data and "segments" not in data):
        return error_row(data.get("file", "-"), data.get("error") or {})
    segments = data.get("segments") or []
    best = segments[0] if segments else None
    gap = _top_gap(best.get("contributions", [])) if best else None
    failed = [c["rule_id"] for c in best.get("contributions", []) if c.get("strength", 1.0) < FAILED_STRENGTH] if best else []
    profile = data.get("profile") or {}
    source = data.get("source") or {}
    return {
        "file": source.get("path", "-"),
        "status": "ok",
        "format": source.get("format"),
        "pages": source.get("pages"),
        "best_segment": best["id"] if best else None,
        "scores": {s["id"]: round(float(s["score"]), 1) for s in segments},
        "titles": {s["id"]: s.get("title", s["id"]) for s in segments},
        "years": profile.get("years"),
        "seniority": profile.get("seniority"),
        "top_gap_rule": gap[0] if gap else None,
        "top_gap_message": gap[1] if gap else None,
        "top_gap_points": gap[2] if gap else None,
        "failed": list(failed),
        "listed_only": [s["label"] for s in profile.get("skills", []) if s.get("listed") and not s.get("demonstrated") and s.get("recognised", True)],
        "warnings": [w.get("code") for w in data.get("warnings", [])],
    }


def error_row(file: str, error: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "file": file,
        "status": "error",
        "error_code": error.get("code", "error"),
        "error_message": error.get("message", ""),
        "error_hint": error.get("hint", ""),
    }


def rule_info_from_reports(reports: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    info: dict[str, dict[str, str]] = {}
    for data in reports:
        for seg in data.get("segments") or []:
            for c in seg.get("contributions", []):
                info.setdefault(c["rule_id"], {"name": c.get("name", ""), "message": c.get("message", "")})
    return info


def rule_info_from_ruleset(ruleset) -> dict[str, dict[str, str]]:
    return {rid: {"name": r.name, "message": r.message} for rid, r in ruleset.rules.items()}
