"""Batch outputs: one row per CV (CSV), one report per line (JSONL), one document (JSON), a ranked
table (human), and the cohort summary a coach reads (`mlfit summary`, `--summary`).

A *row* is the small, flat digest of one CV's report that batch workers send back to the
parent (see :func:`row_from_report`); the CSV, the human table, `--fail-under` and the
cohort summary are all built from rows, so only `jsonl`/`json` move whole reports
between processes. :func:`row_from_json` makes the same row from a JSONL line, which is
how `mlfit summary results.jsonl` works.

Streaming files are written one complete record at a time (:class:`RecordSink`): a
record is written with one system call, flushed, and if the write fails (a full disk)
the file is cut back to its last complete record, so an interrupted or failed batch
leaves a CSV with its header and whole rows, and a JSONL file of whole lines (at most a
torn last line if the process itself is killed mid-write).

rich is imported only by the functions that draw tables, so batch workers never load it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from ..errors import OutputError
from ..ruleset.schema import BUILTIN_SEGMENTS

FIX_MIN_POINTS = 0.5  # as in the human report: a fix worth less than half a point is not a fix
FAILED_STRENGTH = 0.5  # a rule below this strength on a CV's best-fit segment "failed" (the bar of the rule examples)
SUMMARY_TOP = 10
HISTOGRAM = ((0, 20, "0-19"), (20, 40, "20-39"), (40, 60, "40-59"), (60, 80, "60-79"), (80, 101, "80-100"))


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
        lost = c.lost if hasattr(c, "lost") else c.get("lost", round(c["max_points"] - c["points"], 2))
        if lost >= FIX_MIN_POINTS and (best is None or lost > best[2]):
            best = (c.rule_id if hasattr(c, "rule_id") else c["rule_id"], c.message if hasattr(c, "message") else c.get("message", ""), lost)
    return best


def row_from_report(report) -> dict[str, Any]:
    """The digest of one :class:`~mlfit.model.Report` (already redacted if it had to be)."""
    segments = report.segments
    best = segments[0] if segments else None
    gap = _top_gap(best.contributions) if best else None
    failed = [c.rule_id for c in best.contributions if c.strength < FAILED_STRENGTH] if best else []
    profile = report.profile
    return {
        "file": report.source.get("path", "-"),
        "status": "ok",
        "format": report.source.get("format"),
        "pages": report.source.get("pages"),
        "best_segment": best.id if best else None,
        "scores": {s.id: round(round(s.score, 2), 1) for s in segments},  # as from the JSON (2 decimals), then 1
        "titles": {s.id: s.title for s in segments},
        "years": None if profile.years is None else round(profile.years, 2),
        "seniority": profile.seniority,
        "top_gap_rule": gap[0] if gap else None,
        "top_gap_message": gap[1] if gap else None,
        "top_gap_points": gap[2] if gap else None,
        "failed": list(failed),
        "listed_only": [s.label for s in profile.skills if s.listed and not s.demonstrated and s.recognised],
        "warnings": [w.code for w in report.warnings],
    }


def row_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """The same digest from a JSON report or a JSONL error object."""
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


# --- writing records safely ------------------------------------------------------------------


_os_write = os.write  # one name to stand in for a full disk in tests


class RecordSink:
    """Appends whole records (each ending in a newline) to a file or a stream.

    To a file: one ``os.write`` per record; on failure the file is truncated back to the
    last whole record and :class:`~mlfit.errors.OutputError` is raised. Records reach
    the kernel at once (so a killed process loses nothing written); ``fsync`` runs at
    most every ``fsync_every`` seconds and on close (a power cut may lose the last second).
    """

    def __init__(self, path: str | None, *, append: bool = False, stream: TextIO | None = None, fsync_every: float = 1.0):
        self.path = path
        self.stream = stream
        self.fd: int | None = None
        self.fsync_every = fsync_every
        self._last_sync = time.monotonic()
        if path is not None:
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            try:
                self.fd = os.open(path, flags, 0o600)  # CV results are personal data
                self.size = os.lseek(self.fd, 0, os.SEEK_END)
            except OSError as e:
                raise OutputError(
                    f"cannot open the output file ({e.strerror})", path=path, hint="check the directory exists and is writable"
                ) from None
        elif self.stream is None:
            self.stream = sys.stdout

    def write(self, record: str, *, sync: bool = False) -> None:
        if self.fd is None:
            self.stream.write(record)
            self.stream.flush()
            return
        data = record.encode("utf-8")
        good = self.size
        try:
            view = memoryview(data)
            while view:
                n = _os_write(self.fd, view)
                view = view[n:]
            self.size = good + len(data)
            now = time.monotonic()
            if sync or now - self._last_sync >= self.fsync_every:
                os.fsync(self.fd)
                self._last_sync = now
        except OSError as e:
            try:
                os.ftruncate(self.fd, good)
                self.size = good
            except OSError:
                pass
            raise OutputError(f"could not write the results ({e.strerror or type(e).__name__})", path=self.path) from None

    def close(self) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None
        elif self.stream is not None:
            try:
                self.stream.flush()
            except (OSError, ValueError):
                pass


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    text = " ".join(str(value).split())  # no newlines inside a cell: one row is one line
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        text = "'" + text  # a spreadsheet must not run a cell as a formula
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def csv_line(values: Sequence[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([_cell(v) for v in values])
    return buf.getvalue()


def csv_record(row: Mapping[str, Any], segment_ids: Sequence[str]) -> str:
    if row["status"] == "error":
        message = row.get("error_message", "")
        if row.get("error_hint"):
            message = f"{message} ({row['error_hint']})"
        values = [row["file"], "error", row.get("error_code"), message, None] + [None] * len(segment_columns(segment_ids)) + [None] * 4
        return csv_line(values)
    scores = row.get("scores", {})
    values = [row["file"], "ok", None, None, row.get("best_segment")]
    values += [scores.get(s) for s in segment_columns(segment_ids)]
    years = row.get("years")
    values += [None if years is None else float(years), row.get("seniority"), row.get("top_gap_rule"), row.get("top_gap_message")]
    return csv_line(values)


def error_object(file: str, error: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "file": file,
        "status": "error",
        "error": {"code": error.get("code", "error"), "message": error.get("message", ""), "hint": error.get("hint", "")},
    }


def jsonl_error(file: str, error: Mapping[str, Any]) -> str:
    return json.dumps(error_object(file, error), ensure_ascii=False, separators=(",", ":"))


class BatchWriter:
    """Writes results in the order they are given. ``fmt``: csv | jsonl | json | human."""

    def __init__(
        self, fmt: str, path: str | None, segment_ids: Sequence[str], *, append: bool = False, stream: TextIO | None = None, color: bool = False
    ):
        self.fmt = fmt
        self.path = path
        self.segment_ids = list(segment_ids)
        self.stream = stream
        self.color = color
        self.rows: list[dict[str, Any]] = []  # every row, for the human table and the summary
        self._sink: RecordSink | None = None
        self._spool = None
        if fmt in ("csv", "jsonl"):
            self._sink = RecordSink(path, append=append, stream=stream)
            if fmt == "csv" and not (append and self._sink.size > 0):
                self._sink.write(csv_line(csv_header(self.segment_ids)), sync=True)
        elif fmt == "json":
            import tempfile

            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by close()/abort()
            self._count = 0

    def write(self, file: str, row: Mapping[str, Any], payload: str | None, error: Mapping[str, Any] | None) -> None:
        """One CV: ``row`` (see :func:`row_from_report` / :func:`error_row`), the report as one JSON line
        (``payload``, for jsonl/json), or the error (``{"code", "message", "hint"}``)."""
        self.rows.append(dict(row))
        if self.fmt == "csv":
            self._sink.write(csv_record(row, self.segment_ids))
        elif self.fmt == "jsonl":
            self._sink.write((payload if error is None else jsonl_error(file, error)) + "\n")
        elif self.fmt == "json":
            if self._count:
                self._spool.write(",\n")
            self._spool.write(payload if error is None else jsonl_error(file, error))
            self._count += 1

    def close(self, summary: Mapping[str, Any] | None = None) -> None:
        if self._sink is not None:
            self._sink.close()
        elif self.fmt == "json":
            self._finish_json(summary or {})

    def abort(self) -> None:
        """Interrupted: keep what is written (csv/jsonl); a JSON document is only written whole."""
        if self._sink is not None:
            self._sink.close()
        if self._spool is not None:
            self._spool.close()

    def _finish_json(self, summary: Mapping[str, Any]) -> None:
        from ..model import SCHEMA_VERSION
        from . import TOOL

        head = json.dumps({"schema_version": SCHEMA_VERSION, "tool": TOOL}, ensure_ascii=False)[:-1]
        tail = '\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=2) + "\n}\n"
        self._spool.seek(0)
        if self.path is None:
            out = self.stream or sys.stdout
            out.write(head + ',\n"results": [\n')
            while chunk := self._spool.read(1 << 20):
                out.write(chunk)
            out.write(tail)
            out.flush()
        else:
            import tempfile

            folder = os.path.dirname(os.path.abspath(self.path))
            try:
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=".mlfit-", suffix=".json.tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    out.write(head + ',\n"results": [\n')
                    while chunk := self._spool.read(1 << 20):
                        out.write(chunk)
                    out.write(tail)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)  # the document appears whole or not at all
            except OSError as e:
                raise OutputError(f"could not write the results ({e.strerror or type(e).__name__})", path=self.path) from None
        self._spool.close()


# --- reading results back (resume, `mlfit summary`) --------------------------------------------


def repair_tail(path: str) -> None:
    """Cut a torn last record (no final newline) off a CSV or JSONL file, so appending is safe."""
    try:
        with open(path, "rb+") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            if size == 0:
                return
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return
            back = min(size, 1 << 20)
            while True:
                fh.seek(size - back)
                chunk = fh.read(back)
                cut = chunk.rfind(b"\n")
                if cut >= 0 or back == size:
                    fh.truncate(size - back + cut + 1 if cut >= 0 else 0)
                    return
                back = min(size, back * 4)
    except OSError as e:
        raise OutputError(f"cannot repair the results file for --resume ({e.strerror})", path=path) from None


def read_jsonl(path: str) -> tuple[list[dict], int]:
    """Objects of a JSONL file, and how many lines were not valid JSON (a torn last line)."""
    out, bad = [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(value, dict):
                out.append(value)
            else:
                bad += 1
    return out, bad


def read_csv_rows(path: str) -> tuple[list[str], list[dict[str, Any]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None) or []
        rows = []
        not_scores = {*CSV_LEADING_COLUMNS, *CSV_TRAILING_COLUMNS}
        for values in reader:
            if len(values) != len(header):
                continue  # a torn last row
            rec = dict(zip(header, values))
            file = rec.get("file", "")
            if file.startswith("'"):
                file = file[1:]
            if rec.get("status") == "error":
                rows.append(error_row(file, {"code": rec.get("error_code", ""), "message": rec.get("error_message", "")}))
                continue
            scores = {k: float(v) for k, v in rec.items() if k not in not_scores and v not in ("", None)}
            rows.append(
                {
                    "file": file,
                    "status": "ok",
                    "best_segment": rec.get("best_segment") or None,
                    "scores": scores,
                    "titles": {},
                    "years": float(rec["years"]) if rec.get("years") else None,
                    "seniority": rec.get("seniority") or None,
                    "top_gap_rule": rec.get("top_gap_rule") or None,
                    "top_gap_message": rec.get("top_gap_message") or None,
                    "failed": None,
                    "listed_only": None,
                    "warnings": None,
                }
            )
        return header, rows


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
    gap_messages = {r["top_gap_rule"]: r.get("top_gap_message") or "" for r in ok if r.get("top_gap_rule")}
    with_failed = [r for r in ok if r.get("failed") is not None]
    failed = Counter(rid for r in with_failed for rid in dict.fromkeys(r["failed"]))
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
            {"rule_id": rid, "message": gap_messages.get(rid) or rule_info.get(rid, {}).get("message", ""), "cvs": c, "share": share(c)}
            for rid, c in gaps.most_common(top)
        ],
        "failed_rules": [
            {
                "rule_id": rid,
                "name": rule_info.get(rid, {}).get("name", ""),
                "message": rule_info.get(rid, {}).get("message", ""),
                "cvs": c,
                "share": share(c),
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


def render_summary(summary: Mapping[str, Any], console) -> None:
    from rich.markup import escape
    from rich.table import Table

    n = summary["scored"]
    console.print(
        f"[bold]Cohort feedback[/] · {summary['cvs']} CV{'s' if summary['cvs'] != 1 else ''}: {n} scored, {summary['failed']} could not be read"
    )
    console.print(
        "[dim]Patterns to coach on across the group, not a ranking of people: each client's own "
        "report (`mlfit score CV`) has their evidence and fixes.[/]"
    )
    if summary["errors"]:
        console.print("[dim]not read: " + ", ".join(f"{code} ×{c}" for code, c in summary["errors"].items()) + "[/]")
    if not n:
        return
    if summary.get("seniority"):
        years = summary.get("years")
        extra = f" · years of experience: median {years['median']:g} (range {years['min']:g}–{years['max']:g})" if years else ""
        console.print("[dim]seniority: " + ", ".join(f"{k} {v}" for k, v in summary["seniority"].items()) + extra + "[/]")
    console.print()
    table = Table(
        title="Score distribution per segment (0–100; CVs per band on the right)", title_justify="left", box=None, header_style="bold", pad_edge=False
    )
    table.add_column("segment", no_wrap=True)
    table.add_column("best fit for", justify="right")
    for col in ("min", "p25", "median", "p75", "max"):
        table.add_column(col, justify="right")
    for _, _, label in HISTOGRAM:
        table.add_column(label, justify="right", style="dim")
    for seg in summary["segments"]:
        table.add_row(
            seg["id"],
            str(seg["best_fit_for"]),
            f"{seg['min']:.0f}",
            f"{seg['p25']:.0f}",
            f"{seg['median']:.0f}",
            f"{seg['p75']:.0f}",
            f"{seg['max']:.0f}",
            *(str(h["cvs"]) for h in seg["histogram"]),
        )
    console.print(table)

    def pct(item) -> str:
        return f"{item['cvs']} ({item['share'] * 100:.0f}%)"

    def rule_table(title: str, items) -> None:
        console.print()
        table = Table(title=title, title_justify="left", box=None, header_style="bold", pad_edge=False)
        table.add_column("CVs", justify="right", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("what to change", overflow="fold")
        for item in items:
            table.add_row(pct(item), item["rule_id"], escape(item.get("message") or item.get("name") or ""))
        console.print(table)

    if summary["common_gaps"]:
        rule_table("Most common top fix (the biggest gap on each CV's best-fit segment)", summary["common_gaps"])
    if summary.get("failed_rules"):
        rule_table("Rules most often failed on each CV's best-fit segment", summary["failed_rules"])
    elif summary.get("failed_rules") is None:
        console.print("[dim](failed rules and skills need the full reports: run the batch with --format jsonl)[/]")
    if summary.get("listed_not_demonstrated"):
        console.print()
        console.print("[bold]Skills most often listed but never demonstrated in a bullet[/] [dim](show what was built with them, or drop them)[/]")
        console.print("  " + ", ".join(f"{escape(s['skill'])} {s['cvs']}" for s in summary["listed_not_demonstrated"]))
    if summary.get("warnings"):
        console.print()
        console.print(
            "[bold]Reading problems[/] [dim](fix the file before the content)[/]: "
            + ", ".join(f"{w['code']} {w['cvs']}" for w in summary["warnings"])
        )


# --- the human table for a batch -----------------------------------------------------------------


def render_batch_table(rows: Sequence[Mapping[str, Any]], segment_ids: Sequence[str], console, titles: Mapping[str, str] | None = None) -> None:
    """Scored CVs in the order given (the cohort view is not a ranking of people), then the files
    that could not be read."""
    from rich.markup import escape
    from rich.table import Table

    ok = [r for r in rows if r.get("status") == "ok"]
    errors = [r for r in rows if r.get("status") != "ok"]
    cols = [s for s in segment_columns(segment_ids) if s in set(segment_ids)]
    table = Table(box=None, header_style="bold", pad_edge=False, title="Best fit per CV (in the order given)", title_justify="left")
    table.add_column("file", no_wrap=True, min_width=16, max_width=40)
    table.add_column("best fit", no_wrap=True, min_width=max([len(s) for s in cols] + [8]))
    for sid in cols:
        table.add_column(sid, justify="right", no_wrap=True, min_width=len(sid))
    table.add_column("years", justify="right", no_wrap=True, min_width=5)
    table.add_column("top gap (the biggest fix on the best fit)", no_wrap=True, overflow="ellipsis", ratio=1, min_width=20)
    for r in ok:
        scores = r.get("scores", {})
        years = r.get("years")
        gap = f"[cyan]{r['top_gap_rule']}[/] {escape(_clip(r.get('top_gap_message') or '', 56))}" if r.get("top_gap_rule") else ""
        cells = [escape(_left_clip(r["file"], 40)), r.get("best_segment") or ""]
        for sid in cols:
            score = scores.get(sid)
            text = "" if score is None else f"{score:.0f}"
            cells.append(f"[bold]{text}[/]" if sid == r.get("best_segment") else text)
        cells += ["" if years is None else f"{years:g}", gap]
        table.add_row(*cells)
    if ok:
        console.print(table)
    if errors:
        console.print()
        console.print(f"[bold]Could not read[/] ({len(errors)})")
        for r in errors:
            console.print(f"  [red]{r.get('error_code')}[/] {escape(r['file'])}: {escape(r.get('error_message') or '')}")
    console.print()
    console.print(
        f"[dim]{len(ok)} scored · {len(errors)} could not be read · a cohort view: --summary, or `mlfit summary` on a --format jsonl file[/]"
    )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _left_clip(text: str, width: int) -> str:
    """Long paths keep their end: the file name matters more than the folders."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]
