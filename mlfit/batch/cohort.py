"""The cohort summary a coach reads (`mlfit summary`, `--summary`): score distributions, the most
common fixes, the rules most often failed and the skills most often listed but never shown."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .rows import segment_columns

SUMMARY_TOP = 10
HISTOGRAM = ((0, 20, "0-19"), (20, 40, "20-39"), (40, 60, "40-59"), (60, 80, "60-79"), (80, 101, "80-100"))


# --- the cohort summary ----------------------------------------------------------------------


def _quantiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    if len(values) == 1:
        q = [values[0]] * 3
    else:
        q = statistics.quantiles(values, n=4, method="inclusive")
    return {
        "min": round(values[0], 1),
        "p25": round(q[0], 1),
        "median": round(q[1], 1),
        "p75": round(q[2], 1),
        "max": round(values[-1], 1),
        "mean": round(statistics.fmean(values), 1),
    }


def cohort_summary(
    rows: Sequence[Mapping[str, Any]],
    *,
    rule_info: Mapping[str, Mapping[str, str]] | None = None,
    titles: Mapping[str, str] | None = None,
    top: int = SUMMARY_TOP,
) -> dict[str, Any]:
    """What the cohort has in common: score distributions, the most common gaps and failed rules,
    skills listed but never demonstrated, parse warnings. Counts of CVs, never a ranking of people."""
    rule_info = rule_info or {}
    ok = [r for r in rows if r.get("status") == "ok"]
    errors = [r for r in rows if r.get("status") != "ok"]
    n = len(ok)
    titles = dict(titles or {})
    for r in ok:
        for sid, title in (r.get("titles") or {}).items():
            titles.setdefault(sid, title)
    seg_ids: list[str] = []
    for r in ok:
        for sid in r.get("scores", {}):
            if sid not in seg_ids:
                seg_ids.append(sid)
    order = {s: i for i, s in enumerate(segment_columns(seg_ids))}
    seg_ids.sort(key=lambda s: order.get(s, len(order)))
    best_counts = Counter(r.get("best_segment") for r in ok)

    def share(count: int) -> float:
        return round(count / n, 3) if n else 0.0

    segments = []
    for sid in seg_ids:
        values = [r["scores"][sid] for r in ok if sid in r.get("scores", {})]
        if not values:
            continue
        hist = [{"range": label, "cvs": sum(1 for v in values if lo <= v < hi)} for lo, hi, label in HISTOGRAM]
        segments.append(
            {
                "id": sid,
                "title": titles.get(sid, sid),
                "cvs": len(values),
                "best_fit_for": best_counts.get(sid, 0),
                **_quantiles(values),
                "histogram": hist,
            }
        )

    gaps = Counter(r["top_gap_rule"] for r in ok if r.get("top_gap_rule"))
    # who needs which fix: a coach acts on the list of clients, not on a percentage
    gap_files: dict[str, list[str]] = {}
    for r in ok:
        if r.get("top_gap_rule"):
            gap_files.setdefault(r["top_gap_rule"], []).append(r["file"])
    gap_messages = {r["top_gap_rule"]: r.get("top_gap_message") or "" for r in ok if r.get("top_gap_rule")}
    with_failed = [r for r in ok if r.get("failed") is not None]
    failed = Counter(rid for r in with_failed for rid in dict.fromkeys(r["failed"]))
    failed_files: dict[str, list[str]] = {}
    for r in with_failed:
        for rid in dict.fromkeys(r["failed"]):
            failed_files.setdefault(rid, []).append(r["file"])
    with_skills = [r for r in ok if r.get("listed_only") is not None]
    listed = Counter(label for r in with_skills for label in dict.fromkeys(r["listed_only"]))
    warned = Counter(code for r in ok for code in dict.fromkeys(r.get("warnings") or ()))
    seniority = Counter((r.get("seniority") or "unknown") for r in ok)
    years = [float(r["years"]) for r in ok if r.get("years") is not None]

    return {
        "cvs": len(rows),
        "scored": n,
        "failed": len(errors),
        "errors": dict(Counter(r.get("error_code", "error") for r in errors).most_common()),
        "segments": segments,
        "common_gaps": [
            {
                "rule_id": rid,
                "message": gap_messages.get(rid) or rule_info.get(rid, {}).get("message", ""),
                "cvs": c,
                "share": share(c),
                "files": gap_files[rid],
            }
            for rid, c in gaps.most_common(top)
        ],
        "failed_rules": [
            {
                "rule_id": rid,
                "name": rule_info.get(rid, {}).get("name", ""),
                "message": rule_info.get(rid, {}).get("message", ""),
                "cvs": c,
                "share": share(c),
                "files": failed_files[rid],
            }
            for rid, c in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        ]
        if with_failed
        else None,
        "listed_not_demonstrated": [
            {"skill": label, "cvs": c, "share": share(c)} for label, c in sorted(listed.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:top]
        ]
        if with_skills
        else None,
        "warnings": [{"code": code, "cvs": c} for code, c in warned.most_common()],
        "seniority": {k: seniority.get(k, 0) for k in ("early", "mid", "senior", "unknown") if seniority.get(k)},
        "years": _quantiles(years) if years else None,
    }
