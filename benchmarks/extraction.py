"""Extraction quality on the development set: skills, typed outcomes and years against hand-written gold.

    python benchmarks/extraction.py              # per-file table and totals
    python benchmarks/extraction.py --verbose    # plus every false positive / false negative
    python benchmarks/extraction.py --only 03    # files whose name contains "03"
    python benchmarks/extraction.py --json out.json

The set is ``tests/data/devset/NN_slug.{pdf,docx,md,txt}`` with ``tests/data/devset/gold/NN_slug.json``
(how the gold was written: the docstring of tests/data/devset/build.py). Matching rules:

* Skills: a true positive when mlfit's skill id equals a gold id (``unrecognised:<slug>`` ids
  included). Listed / demonstrated accuracy is reported separately, over the true positives.
* Outcomes: gold is one entry per (claim line, kind), located by a distinctive substring of
  the CV line. mlfit's outcomes (claims) are split into their measures, grouped by (line,
  kind); a group is a true positive when its
  line is covered by the gold substring (a substring may run across a wrapped line) and its kind
  equals the gold kind; each group matches at most one gold entry, and vice versa. Groups left
  over are false positives. Value / unit agreement is reported over the true positives: the gold
  value must equal (within 1%) the value, baseline or target of one outcome of the group, and the
  normalised units must be equal. Redacted gold values (null) agree with a redacted outcome.
* Years: |mlfit years - gold years|; mlfit's "no dated role" (None) counts as 0 years.

Timing is wall time of read + extract per CV after one warm-up (spaCy loaded, rules compiled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "data" / "devset"
GOLD = DEVSET / "gold"
FORMATS = (".pdf", ".docx", ".md", ".txt")


# --------------------------------------------------------------------------- loading


def devset_files() -> list[tuple[Path, Path]]:
    """(CV file, gold file) pairs, sorted by name."""
    pairs = []
    for gold in sorted(GOLD.glob("*.json")):
        cv = next((DEVSET / f"{gold.stem}{ext}" for ext in FORMATS if (DEVSET / f"{gold.stem}{ext}").exists()), None)
        if cv is None:
            raise FileNotFoundError(f"no CV file for {gold.name} in {DEVSET}")
        pairs.append((cv, gold))
    return pairs


# --------------------------------------------------------------------------- matching


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


_UNIT_SYNONYMS = {
    "s": {"s", "sec", "secs", "second", "seconds"},
    "ms": {"ms", "millisecond", "milliseconds"},
    "min": {"min", "mins", "minute", "minutes"},
    "h": {"h", "hr", "hrs", "hour", "hours"},
    "day": {"day", "days"},
    "week": {"week", "weeks", "wk", "wks"},
    "month": {"month", "months"},
    "pp": {"pp", "point", "points", "percentage points"},
    "qps": {"qps", "queries per second"},
    "rps": {"rps", "requests per second", "req/s"},
}
_UNIT_CANON = {alias: canon for canon, aliases in _UNIT_SYNONYMS.items() for alias in aliases}


def norm_unit(unit: str | None) -> str:
    u = (unit or "").strip().lower()
    if u in _UNIT_CANON:
        return _UNIT_CANON[u]
    if len(u) > 3 and u.endswith("s"):
        u = u[:-1]
    return u


def _numbers(text: str | None) -> list[float]:
    """Numbers in a baseline/target phrase, with k/M/B scaling ("$2.1M" -> 2.1e6)."""
    out = []
    for m in re.finditer(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(k|K|M|MM|B|bn)?\b", text or ""):
        value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        value *= {"k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "B": 1e9, "bn": 1e9}.get(m.group(3) or "", 1)
        out.append(value)
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


@dataclass
class FileResult:
    name: str
    format: str
    seconds: float
    skill_tp: list[str] = field(default_factory=list)
    skill_fp: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)  # id, lines
    skill_fn: list[str] = field(default_factory=list)
    listed_ok: int = 0
    demo_ok: int = 0
    demo_errors: list[tuple[str, str]] = field(default_factory=list)  # id, what differs
    out_tp: int = 0
    out_fp: list[tuple[int, str, str]] = field(default_factory=list)  # line, kind, phrase
    out_fn: list[tuple[str, str, str]] = field(default_factory=list)  # substring, kind, what mlfit had there
    value_ok: int = 0
    unit_ok: int = 0
    value_errors: list[str] = field(default_factory=list)
    gold_years: float = 0.0
    years: float | None = None
    line_text: dict[int, str] = field(default_factory=dict)
    error: str = ""
    document: object = None  # mlfit's Document and Extraction, for tests that look closer
    extraction: object = None

    @property
    def years_error(self) -> float:
        return abs((self.years or 0.0) - self.gold_years)


def score_skills(res: FileResult, predicted, gold: list[dict]) -> None:  # type: ignore[no-untyped-def]
    pred = {s.id: s for s in predicted}
    gold_by_id = {g["id"]: g for g in gold}
    for sid, g in gold_by_id.items():
        if sid in pred:
            res.skill_tp.append(sid)
            s = pred[sid]
            res.listed_ok += s.listed == g["listed"]
            res.demo_ok += s.demonstrated == g["demonstrated"]
            if s.listed != g["listed"] or s.demonstrated != g["demonstrated"]:
                res.demo_errors.append((sid, f"listed {g['listed']}->{s.listed}, demonstrated {g['demonstrated']}->{s.demonstrated}"))
        else:
            res.skill_fn.append(sid)
    for sid, s in pred.items():
        if sid not in gold_by_id:
            res.skill_fp.append((sid, tuple(s.lines)))


def score_outcomes(res: FileResult, lines, predicted, gold: list[dict]) -> None:  # type: ignore[no-untyped-def]
    # the extracted text joined with single spaces, and which line each character came from
    joined, owner = [], []
    for line in lines:
        t = _norm(line.text)
        if joined:
            joined.append(" ")
            owner.append(line.no)
        joined.append(t)
        owner.extend([line.no] * len(t))
    text = "".join(joined)

    groups: dict[tuple[int, str], list] = {}
    for o in predicted:
        for m in o.measures or (o,):  # gold types each quantity of a claim: "latency 40% and cost 25%"
            groups.setdefault((getattr(m, "line", o.line), m.kind), []).append(m)
    used: set[tuple[int, str]] = set()
    for g in gold:
        needle = _norm(g["line_text_contains"])
        covered: list[set[int]] = []
        for m in re.finditer(re.escape(needle), text):
            covered.append(set(owner[m.start() : m.end()]))
        cand = [key for key in groups if key not in used and key[1] == g["kind"] and any(key[0] in c for c in covered)]
        if not cand:
            if not covered:
                seen = "substring not in the extracted text"
            else:
                here = sorted({f"{k}@{ln}" for (ln, k) in groups if any(ln in c for c in covered)})
                seen = "mlfit: " + (", ".join(here) if here else "no outcome on the line")
            res.out_fn.append((g["line_text_contains"], g["kind"], seen))
            continue
        key = cand[0]
        used.add(key)
        res.out_tp += 1
        outs = groups[key]
        gv, gu = g.get("value"), norm_unit(g.get("unit"))
        if gv is None:
            value_ok = any(o.redacted or o.value is None for o in outs)
        else:
            values = [o.value for o in outs if o.value is not None]
            for o in outs:
                values += _numbers(o.baseline) + _numbers(o.target)
            value_ok = any(_close(gv, v) for v in values)
        unit_ok = any(norm_unit(o.unit) == gu for o in outs)
        res.value_ok += value_ok
        res.unit_ok += unit_ok
        if not (value_ok and unit_ok):
            got = "; ".join(f"{o.value} {o.unit}" for o in outs)
            res.value_errors.append(f"L{key[0]} {g['kind']}: gold {gv} {g.get('unit')} / mlfit {got}")
    for key, outs in groups.items():
        if key not in used:
            res.out_fp.append((key[0], key[1], " | ".join(o.text for o in outs)))


def evaluate(pairs: list[tuple[Path, Path]] | None = None) -> list[FileResult]:
    from mlfit import api

    pairs = pairs if pairs is not None else devset_files()
    if not pairs:
        return []
    warm = pairs[0][0]
    api.extract(api.read(str(warm)), as_of=dt.date(2026, 6, 1))  # load spaCy and compile the rules once
    results = []
    for cv, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        as_of = dt.date.fromisoformat(gold.get("as_of", "2026-06-01"))
        start = time.perf_counter()
        try:
            document = api.read(str(cv))
            extraction = api.extract(document, as_of=as_of)
        except Exception as e:  # a file mlfit cannot read scores zero, it does not stop the run
            res = FileResult(cv.name, cv.suffix.lstrip("."), time.perf_counter() - start, gold_years=float(gold["years"]))
            res.error = f"{type(e).__name__}: {e}"
            res.skill_fn = [g["id"] for g in gold["skills"]]
            res.out_fn = [(g["line_text_contains"], g["kind"], "file not read") for g in gold["outcomes"]]
            results.append(res)
            continue
        seconds = time.perf_counter() - start
        profile = extraction.profile
        res = FileResult(cv.name, document.format, seconds, gold_years=float(gold["years"]), years=profile.years)
        res.line_text = {line.no: line.text for line in document.lines}
        res.document, res.extraction = document, extraction
        score_skills(res, profile.skills, gold["skills"])
        score_outcomes(res, document.lines, profile.outcomes, gold["outcomes"])
        results.append(res)
    return results


# --------------------------------------------------------------------------- totals


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def totals(results: list[FileResult]) -> dict:
    s_tp = sum(len(r.skill_tp) for r in results)
    s_fp = sum(len(r.skill_fp) for r in results)
    s_fn = sum(len(r.skill_fn) for r in results)
    o_tp = sum(r.out_tp for r in results)
    o_fp = sum(len(r.out_fp) for r in results)
    o_fn = sum(len(r.out_fn) for r in results)
    sp, sr, sf = prf(s_tp, s_fp, s_fn)
    op, orr, of = prf(o_tp, o_fp, o_fn)
    errors = [r.years_error for r in results]
    times = [r.seconds for r in results if not r.error]
    return {
        "files": len(results),
        "skills": {
            "tp": s_tp,
            "fp": s_fp,
            "fn": s_fn,
            "precision": sp,
            "recall": sr,
            "f1": sf,
            "listed_accuracy": sum(r.listed_ok for r in results) / s_tp if s_tp else 1.0,
            "demonstrated_accuracy": sum(r.demo_ok for r in results) / s_tp if s_tp else 1.0,
        },
        "outcomes": {
            "tp": o_tp,
            "fp": o_fp,
            "fn": o_fn,
            "precision": op,
            "recall": orr,
            "f1": of,
            "value_agreement": sum(r.value_ok for r in results) / o_tp if o_tp else 1.0,
            "unit_agreement": sum(r.unit_ok for r in results) / o_tp if o_tp else 1.0,
        },
        "years": {
            "mae": statistics.fmean(errors) if errors else 0.0,
            "max_error": max(errors, default=0.0),
            "none": sum(r.years is None for r in results),
            "out_of_range": sum(r.years is not None and not 0 <= r.years <= 50 for r in results),
        },
        "errors": sum(bool(r.error) for r in results),
        "seconds_per_cv_median": statistics.median(times) if times else 0.0,
    }


# --------------------------------------------------------------------------- report


def _fmt_years(v: float | None) -> str:
    return "None" if v is None else f"{v:.1f}"


def report(results: list[FileResult], verbose: bool = False, out=sys.stdout) -> dict:  # type: ignore[no-untyped-def]
    w = out.write
    w(
        f"{'file':28} {'fmt':4} | {'skills P':>8} {'R':>5} {'F1':>5} {'tp/fp/fn':>9} | {'outc P':>6} {'R':>5} {'F1':>5} {'tp/fp/fn':>8} | "
        f"{'years':>5} {'gold':>5} {'err':>4} | {'ms':>5}\n"
    )
    for r in results:
        sp, sr, sf = prf(len(r.skill_tp), len(r.skill_fp), len(r.skill_fn))
        op, orr, of = prf(r.out_tp, len(r.out_fp), len(r.out_fn))
        w(
            f"{r.name[:28]:28} {r.format:4} | {sp:8.2f} {sr:5.2f} {sf:5.2f} {len(r.skill_tp):>3}/{len(r.skill_fp)}/{len(r.skill_fn):<3} | "
            f"{op:6.2f} {orr:5.2f} {of:5.2f} {r.out_tp:>2}/{len(r.out_fp)}/{len(r.out_fn):<3} | "
            f"{_fmt_years(r.years):>5} {r.gold_years:5.1f} {r.years_error:4.1f} | {r.seconds * 1000:5.0f}\n"
        )
    t = totals(results)
    s, o, y = t["skills"], t["outcomes"], t["years"]
    w(f"\nTOTAL over {t['files']} CVs\n")
    w(f"  skills    P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})\n")
    w(f"            listed accuracy {s['listed_accuracy']:.3f}  demonstrated accuracy {s['demonstrated_accuracy']:.3f}  (over true positives)\n")
    w(f"  outcomes  P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}   (tp {o['tp']}, fp {o['fp']}, fn {o['fn']}; kind-exact)\n")
    w(f"            value agreement {o['value_agreement']:.3f}  unit agreement {o['unit_agreement']:.3f}  (over true positives)\n")
    w(f"  years     MAE {y['mae']:.2f}  max error {y['max_error']:.2f}  (None: {y['none']}, outside 0-50: {y['out_of_range']})\n")
    if t["errors"]:
        w(f"  errors    {t['errors']} file(s) could not be read (scored as all false negatives)\n")
    w(f"  time      median {t['seconds_per_cv_median'] * 1000:.0f} ms per CV (read + extract, warm)\n")
    if verbose:
        for r in results:
            w(f"\n== {r.name}\n")
            if r.error:
                w(f"  ERROR     {r.error}\n")
            for sid, lines in r.skill_fp:
                where = "; ".join(f"L{n}: {r.line_text.get(n, '')[:90]}" for n in lines[:2])
                w(f"  skill FP  {sid:32} {where}\n")
            for sid in r.skill_fn:
                w(f"  skill FN  {sid}\n")
            for sid, what in r.demo_errors:
                w(f"  skill L/D {sid:32} {what}\n")
            for line, kind, phrase in r.out_fp:
                w(f"  outc FP   L{line} {kind:11} [{phrase}]  {r.line_text.get(line, '')[:90]}\n")
            for sub, kind, seen in r.out_fn:
                w(f'  outc FN   {kind:11} "{sub}"  ({seen})\n')
            for msg in r.value_errors:
                w(f"  value/unit {msg}\n")
            if r.years_error >= 0.25:
                w(f"  years     mlfit {_fmt_years(r.years)} vs gold {r.gold_years}\n")
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="print every FP/FN with the file and line")
    ap.add_argument("--only", help="only files whose name contains this")
    ap.add_argument("--json", metavar="PATH", help="also write the totals and per-file figures as JSON")
    args = ap.parse_args()
    pairs = [p for p in devset_files() if not args.only or args.only in p[0].name]
    results = evaluate(pairs)
    t = report(results, verbose=args.verbose)
    if args.json:
        t["per_file"] = {
            r.name: {
                "skills": prf(len(r.skill_tp), len(r.skill_fp), len(r.skill_fn)),
                "outcomes": prf(r.out_tp, len(r.out_fp), len(r.out_fn)),
                "years": r.years,
                "gold_years": r.gold_years,
            }
            for r in results
        }
        Path(args.json).write_text(json.dumps(t, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
