"""Batch results on disk: CSV, JSONL and JSON written one whole record at a time, and read back
(for --resume and `mlfit summary`).

A record is written with one system call and flushed; if the write fails (a full disk) the
file is cut back to its last complete record, so an interrupted or failed batch leaves a CSV
with its header and whole rows, and a JSONL file of whole lines (at most a torn last line if
the process itself is killed mid-write)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from typing import IO, Any, TextIO

from ..errors import CorruptFileError, FileMissingError, FileUnreadableError, OutputError
from .rows import CSV_LEADING_COLUMNS, CSV_TRAILING_COLUMNS, csv_header, error_row, row_from_json, rule_info_from_reports, segment_columns

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
        self.stream: TextIO = stream if stream is not None else sys.stdout
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
        else:
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
        self._sink: RecordSink | None = None  # csv, jsonl: written as each CV is done
        self._spool: IO[str] | None = None  # json: one document, written whole at the end
        self._count = 0
        if fmt in ("csv", "jsonl"):
            self._sink = RecordSink(path, append=append, stream=stream)
            if fmt == "csv" and not (append and self._sink.size > 0):
                self._sink.write(csv_line(csv_header(self.segment_ids)), sync=True)
        elif fmt == "json":
            import tempfile

            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by close()/abort()

    def write(self, file: str, row: Mapping[str, Any], payload: str | None, error: Mapping[str, Any] | None) -> None:
        """One CV: ``row`` (see :func:`row_from_json` / :func:`error_row`), the report as one JSON line
        (``payload``, for jsonl/json), or the error (``{"code", "message", "hint"}``)."""
        self.rows.append(dict(row))
        if self._sink is None and self._spool is None:
            return  # human: the table is drawn from the rows at the end
        if self.fmt == "csv" and self._sink is not None:
            self._sink.write(csv_record(row, self.segment_ids))
            return
        record = payload if error is None else jsonl_error(file, error)
        if record is None:
            raise ValueError(f"{self.fmt} needs each report's JSON (score_many(full=True))")
        if self._sink is not None:
            self._sink.write(record + "\n")
        elif self._spool is not None:
            if self._count:
                self._spool.write(",\n")
            self._spool.write(record)
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
        from ..render import TOOL

        spool = self._spool
        if spool is None:
            return

        head = json.dumps({"schema_version": SCHEMA_VERSION, "tool": TOOL}, ensure_ascii=False)[:-1]
        tail = '\n],\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=2) + "\n}\n"
        spool.seek(0)
        if self.path is None:
            out = self.stream or sys.stdout
            out.write(head + ',\n"results": [\n')
            while chunk := spool.read(1 << 20):
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
                    while chunk := spool.read(1 << 20):
                        out.write(chunk)
                    out.write(tail)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)  # the document appears whole or not at all
            except OSError as e:
                raise OutputError(f"could not write the results ({e.strerror or type(e).__name__})", path=self.path) from None
        spool.close()


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


def read_results(path: str) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]], int]:
    """What `mlfit score DIR` wrote, as rows: JSONL (one report or error object per line), the batch
    JSON document, a single JSON report, or CSV (scores and top gaps only).
    -> (rows, what each rule id is called, how many torn lines were skipped)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise FileMissingError("no such file", path=path) from None
    except IsADirectoryError:
        raise FileUnreadableError("this is a directory, not a results file", path=path, hint="pass the -o file of `mlfit score`") from None
    except OSError as e:
        raise FileUnreadableError(f"the file could not be read ({e.strerror})", path=path) from None
    text = head.lstrip()
    if text.startswith(b"file,"):
        _, rows = read_csv_rows(path)
        return rows, {}, 0
    if not text.startswith(b"{"):
        raise CorruptFileError(
            "not a results file of `mlfit score` (JSONL, JSON or CSV)",
            path=path,
            hint="write one with `mlfit score DIR --format jsonl -o results.jsonl`",
        )
    try:
        records, bad = read_jsonl(path)
    except UnicodeDecodeError:
        raise CorruptFileError("not a results file of `mlfit score` (not UTF-8 text)", path=path) from None
    whole = None
    if bad:  # maybe one multi-line JSON document: the batch `--format json` or a single report
        try:
            with open(path, encoding="utf-8") as fh:
                whole = json.load(fh)
        except ValueError:
            whole = None
    elif len(records) == 1:
        whole = records[0]
    if isinstance(whole, dict) and isinstance(whole.get("results"), list):
        records, bad = [r for r in whole["results"] if isinstance(r, dict)], 0
    elif isinstance(whole, dict) and "segments" in whole:
        records, bad = [whole], 0
    if not records:
        raise CorruptFileError("no results in this file", path=path)
    return [row_from_json(r) for r in records], rule_info_from_reports(records), bad
