"""Many CVs at once: discovery, a process pool, results in input order, per-file timeouts, resume.

    >>> from mlfit.batch import discover, score_many
    >>> targets, notes = discover(["clients/"], recursive=True)
    >>> stats = score_many(targets, jobs=2, on_result=print)

Design (see also README "Batch scoring"):

* **Processes, not threads**: PDFium is not thread-safe. Each worker builds one pipeline
  (the engine's compiled patterns come from the on-disk JSON cache) and keeps it for
  every file it reads. On Linux workers are forked from the parent after it has imported
  spaCy and built the engine, so start-up costs one build, not one per worker, and the
  pages are shared; elsewhere (or with ``MLFIT_START_METHOD=spawn``) each worker builds
  its own. The parent starts no threads (the progress bar is refreshed by hand), so
  forking a replacement worker mid-batch is safe.
* **Small results**: a worker sends back a flat row (scores, best segment, top gap,
  failed rules, listed-only skills) and, only when the output format needs it, the
  report already serialised as one line of JSON.
* **Deterministic order**: results are handed to ``on_result`` in input order whatever
  the number of workers: a result that arrives early waits in a small reorder buffer,
  and no file is started more than ``window`` places ahead of the first unfinished one.
* **Nothing lost**: a file that cannot be read becomes an error result with a code; a
  worker stuck on one file past ``timeout`` seconds is killed and replaced (code
  ``timeout``); a worker that dies (a parser crash, the OOM killer) costs only the file
  it was reading (code ``worker-crashed``), and the files queued behind it are retried.
* Workers ignore SIGINT: on Ctrl-C the parent stops them and the caller keeps whatever
  ``on_result`` has already written.

Pure library: nothing here prints, exits or installs signal handlers.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..ingest.limits import DEFAULT_FILE_TIMEOUT

PREFETCH = 2  # files queued per worker, so a worker never waits for the parent between files
CV_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".tex", ".json"})  # .json: a JSON Resume
# Files a coach's folder holds that are CVs mlfit cannot read: they become error rows, not silence.
UNREADABLE_CV_SUFFIXES = frozenset(
    {".doc", ".rtf", ".odt", ".pages", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".heic", ".webp", ".gif", ".bmp", ".htm", ".html"}
)
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})


# --- discovery ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One file to score. ``root`` is the directory the user named that it was found in
    (kept as typed by ``--redact``; ``None`` for a file named directly)."""

    path: str
    root: str | None = None


@dataclass
class Discovery:
    targets: list[Target]
    skipped: dict[str, int] = field(default_factory=dict)  # suffix -> count of files that are not CVs by name
    subdirs_not_searched: int = 0
    empty_dirs: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the path already taken for the same file)


def _is_junk(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _JUNK_NAMES


def discover(paths: Sequence[str], *, recursive: bool = False, exclude: Iterable[str] = ()) -> Discovery:
    """Files to score, in a deterministic order: the paths in the order given; inside a directory,
    its files sorted by path. A file named directly is always scored (its format is sniffed from
    its bytes); inside a directory only files with a CV suffix (or an image/.doc suffix, which
    become error rows) are taken, hidden and lock files are skipped. Duplicates are dropped."""
    excluded = {os.path.realpath(p) for p in exclude}
    seen: dict[str, str] = {}  # real path -> the path it was first reached by
    found = Discovery([])

    def add(path: str, root: str | None) -> None:
        real = os.path.realpath(path)
        if real in excluded:
            return
        if real in seen:
            if os.path.normpath(seen[real]) != os.path.normpath(path):  # a symlink or a second name: say so
                found.duplicates.append((path, seen[real]))
            return
        seen[real] = path
        found.targets.append(Target(path, root))

    for given in paths:
        if not os.path.isdir(given):
            add(given, None)
            continue
        files: list[tuple[tuple[str, ...], str]] = []
        if recursive:
            for folder, dirs, names in os.walk(given, onerror=None, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    files.append((_key(os.path.relpath(os.path.join(folder, name), given)), os.path.join(folder, name)))
        else:
            try:
                entries = list(os.scandir(given))
            except OSError:
                entries = []
            for entry in entries:
                try:
                    if entry.is_dir():
                        if not entry.name.startswith("."):
                            found.subdirs_not_searched += 1
                        continue
                except OSError:
                    pass
                files.append(((entry.name,), os.path.join(given, entry.name)))
        taken = 0
        for _, path in sorted(files):
            name = os.path.basename(path)
            if _is_junk(name):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in CV_SUFFIXES or suffix in UNREADABLE_CV_SUFFIXES:
                add(path, given)
                taken += 1
            else:
                found.skipped[suffix or "(no suffix)"] = found.skipped.get(suffix or "(no suffix)", 0) + 1
        if not taken:
            found.empty_dirs.append(given)
    return found


def _key(relpath: str) -> tuple[str, ...]:
    return tuple(relpath.split(os.sep))


# --- results -----------------------------------------------------------------------------


@dataclass
class FileResult:
    index: int  # position in the list given to score_many
    path: str  # as discovered
    file: str  # as written in outputs (a hashed id under --redact)
    status: str  # "ok" | "error"
    row: dict[str, Any]  # batch.rows.row_from_json / error_row
    payload: str | None = None  # the full report as one line of JSON (full=True)
    error: dict[str, str] | None = None  # {"code", "message", "hint"}
    seconds: float = 0.0
    worker: int = 0  # pid

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class BatchStats:
    total: int = 0
    done: int = 0
    failed: int = 0
    elapsed: float = 0.0
    startup: float = 0.0  # until the first worker was ready
    start_method: str = ""
    jobs: int = 0
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    results: list[FileResult] | None = None  # when no on_result was given


@dataclass(frozen=True)
class _Config:
    segments: tuple[str, ...] | None
    rules: tuple[str, ...]
    as_of: dt.date | None
    full: bool
    redact: bool


# --- the worker side ---------------------------------------------------------------------


def _maxrss_bytes() -> int:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def _prepare(config: _Config) -> None:
    """Import and build everything a worker needs (in the parent before forking, or in the worker)."""
    from .. import (
        analysis,
        redact,  # noqa: F401
    )
    from ..engine import engine_for
    from ..ingest import docx, pdf  # noqa: F401  (pypdfium2, python-docx)
    from ..render import jsonout  # noqa: F401
    from . import rows, store  # noqa: F401

    engine_for(analysis.load_rules(config.rules))


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker if the parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _test_hooks() -> tuple[str | None, float, str | None]:
    """TEST-ONLY hooks, read once per worker, used by tests/test_batch.py and nothing else:
    ``MLFIT_TEST_SLOW_FILE=name`` makes the worker sleep ``MLFIT_TEST_SLOW_SECONDS`` (default 3600)
    before reading a file with that base name (to trigger ``--timeout``);
    ``MLFIT_TEST_CRASH_FILE=name`` makes the worker kill itself on that file (a crashed parser)."""
    slow = os.environ.get("MLFIT_TEST_SLOW_FILE") or None
    crash = os.environ.get("MLFIT_TEST_CRASH_FILE") or None
    try:
        seconds = float(os.environ.get("MLFIT_TEST_SLOW_SECONDS", "3600"))
    except ValueError:
        seconds = 3600.0
    return slow, seconds, crash


def _worker_main(conn, config: _Config) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    try:
        _prepare(config)
    except BaseException as exc:
        conn.send(("failed", os.getpid(), f"{type(exc).__name__}: {exc}"))
        return
    gc.collect()
    gc.freeze()  # the pipeline's objects are permanent: keep the collector off them
    hooks = _test_hooks()
    conn.send(("ready", os.getpid(), _maxrss_bytes()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, root = task
        result = _score_one(path, root, config, hooks)
        try:
            conn.send(("result", index) + result + (_maxrss_bytes(),))
        except (BrokenPipeError, OSError):
            return


def _score_one(path: str, root: str | None, config: _Config, hooks) -> tuple:
    """-> (status, file, row, payload, error, seconds)"""
    from .. import analysis
    from ..errors import INTERNAL_CODE, MlfitError
    from ..render.jsonout import report_json
    from .rows import error_row, row_from_json

    start = time.perf_counter()
    name = os.path.basename(path)
    if hooks[0] is not None and name == hooks[0]:
        time.sleep(hooks[1])
    if hooks[2] is not None and name == hooks[2]:
        os.kill(os.getpid(), signal.SIGKILL)
    document = None
    try:
        document = analysis.read(path)
        # CSV rows and the human table show no rewrites: skip them (half the cost of a CV)
        report = analysis.analyze(document, segments=config.segments, rules=config.rules, as_of=config.as_of, suggestions=config.full)
        if config.redact:
            from ..redact import redact_report

            report = redact_report(report, document, root=root)
        data = report_json(report)
        row = row_from_json(data)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")) if config.full else None
        return ("ok", row["file"], row, payload, None, time.perf_counter() - start)
    except MlfitError as exc:
        error = {"code": exc.code, "message": exc.message, "hint": exc.hint or ""}
    except (MemoryError, RecursionError) as exc:
        error = {"code": INTERNAL_CODE, "message": f"out of resources reading this file ({type(exc).__name__})", "hint": ""}
    except Exception as exc:
        error = {
            "code": INTERNAL_CODE,
            "message": f"internal error: {type(exc).__name__} (this is a bug; rerun this file alone with MLFIT_DEBUG=1 for a traceback)",
            "hint": "",
        }
    file = _output_name(path, root, config, document)
    return ("error", file, error_row(file, error), None, error, time.perf_counter() - start)


def _output_name(path: str, root: str | None, config: _Config, document=None) -> str:
    if not config.redact:
        return path
    from ..redact import hash_file, redacted_path

    sha = document.sha256 if document is not None and document.sha256 else hash_file(path)
    return redacted_path(path, sha, root)


def output_name(target: Target | str, *, redact: bool) -> str:
    """The ``file`` a result for this target carries (for --resume to match against)."""
    target = target if isinstance(target, Target) else Target(target)
    return _output_name(target.path, target.root, _Config(None, (), None, False, redact))


# --- the parent side ---------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx, config: _Config):
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child_conn, config), daemon=True, name="mlfit-worker")
        self.proc.start()
        child_conn.close()
        self.conn = parent_conn
        self.pid = self.proc.pid
        self.ready = False
        self.dead = False
        self.tasks: deque[int] = deque()
        self.started = 0.0  # when the first queued task started running

    def stop(self, *, kill: bool = False) -> None:
        if self.proc.is_alive():
            if kill:
                self.proc.kill()
            else:
                try:
                    self.conn.send(None)
                except (OSError, ValueError):
                    pass
                self.proc.join(1.0)
                if self.proc.is_alive():
                    self.proc.kill()
        self.proc.join(2.0)
        try:
            self.conn.close()
        except OSError:
            pass
        self.dead = True


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _start_method(requested: str | None) -> str:
    import multiprocessing as mp

    method = requested or os.environ.get("MLFIT_START_METHOD") or ("fork" if sys.platform.startswith("linux") else "spawn")
    if method not in mp.get_all_start_methods():
        method = "spawn"
    return method


def score_many(
    paths: Iterable[str | Target],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_FILE_TIMEOUT,
    segments: Sequence[str] | None = None,
    rules: Iterable[str] = (),
    as_of: dt.date | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
    full: bool = False,
    redact: bool = False,
    start_method: str | None = None,
    window: int | None = None,
) -> BatchStats:
    """Score every path in worker processes; call ``on_result`` once per path, in input order.

    ``full=True`` also serialises each report as one line of JSON (``FileResult.payload``).
    ``on_progress(done, total, failed)`` is called after each file and a few times a second.
    Without ``on_result``, the results are returned in ``BatchStats.results``. Unknown segments
    and invalid rule files raise before any worker starts. KeyboardInterrupt stops the workers
    and propagates; whatever ``on_result`` wrote stays written.
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    from ..analysis import load_rules
    from ..errors import FileTimeoutError, MlfitError, WorkerCrashedError
    from .rows import error_row

    targets = [p if isinstance(p, Target) else Target(os.fspath(p)) for p in paths]
    rules = tuple(str(r) for r in rules)
    ruleset = load_rules(rules)
    ruleset.select(segments)  # raise UnknownSegmentError now, not in every worker
    config = _Config(tuple(segments) if segments else None, rules, as_of, full, redact)
    n = len(targets)
    stats = BatchStats(total=n)
    collected: list[FileResult] = []
    if on_result is None:
        stats.results = collected
    emit = on_result if on_result is not None else collected.append
    if n == 0:
        return stats
    jobs = max(1, min(jobs or default_jobs(), n))
    window = window or max(64, 32 * jobs)
    method = _start_method(start_method)
    stats.start_method, stats.jobs = method, jobs
    t0 = time.monotonic()
    if method == "fork":
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no BLAS thread pool in a process that forks
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        _prepare(config)
        gc.collect()
        gc.freeze()  # objects built so far are shared with the workers; don't make the collector touch them
    ctx = mp.get_context(method)

    pending: deque[int] = deque(range(n))
    buffer: dict[int, FileResult] = {}
    next_emit = 0
    failed = 0
    workers: list[_Worker] = []
    startup_failures = 0
    last_progress = 0.0

    def spawn() -> _Worker:
        w = _Worker(ctx, config)
        workers.append(w)
        return w

    def finish(result: FileResult) -> None:
        buffer[result.index] = result

    def error_result(index: int, exc, worker: _Worker, seconds: float) -> FileResult:
        target = targets[index]
        file = _output_name(target.path, target.root, config)
        err = {"code": exc.code, "message": exc.message, "hint": exc.hint or ""}
        return FileResult(index, target.path, file, "error", error_row(file, err), None, err, seconds, worker.pid)

    def retire(w: _Worker, *, reason: str) -> None:
        """A worker that died or was killed: its first task gets an error row, the rest go back in the queue."""
        nonlocal startup_failures
        now = time.monotonic()
        code = w.proc.exitcode
        if w.tasks:
            first = w.tasks.popleft()
            exc: MlfitError
            if reason == "timeout":
                exc = FileTimeoutError(f"reading and scoring took longer than {timeout:g} s; the file was skipped")
            else:
                how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                exc = WorkerCrashedError(f"the worker reading this file stopped ({how})")
            finish(error_result(first, exc, w, now - w.started))
            pending.extendleft(reversed(w.tasks))
            w.tasks.clear()
        elif not w.ready:
            startup_failures += 1
        workers.remove(w)
        if startup_failures > 2 * jobs:
            raise RuntimeError("mlfit batch workers keep failing to start")
        if pending:
            spawn()

    def receive(w: _Worker) -> bool:
        """Read every message waiting from ``w``; False if the worker is gone."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                kind = msg[0]
                if kind == "ready":
                    w.ready = True
                    stats.worker_peak_rss[w.pid] = msg[2]
                    if not stats.startup:
                        stats.startup = time.monotonic() - t0
                elif kind == "failed":
                    raise RuntimeError(f"a batch worker could not start: {msg[2]}")
                elif kind == "result":
                    _, index, status, file, row, payload, error, seconds, rss = msg
                    if not w.tasks or w.tasks[0] != index:
                        continue  # cannot happen: tasks run in the order they were sent
                    w.tasks.popleft()
                    w.started = time.monotonic()
                    stats.worker_peak_rss[w.pid] = max(stats.worker_peak_rss.get(w.pid, 0), rss)
                    target = targets[index]
                    finish(FileResult(index, target.path, file, status, row, payload, error, seconds, w.pid))
        except (EOFError, OSError):
            return False
        return True

    try:
        for _ in range(jobs):
            spawn()
        while next_emit < n:
            now = time.monotonic()
            # hand out work: at most PREFETCH files per worker, never far ahead of the first unfinished one
            for w in workers:
                if not w.ready or w.dead:
                    continue
                while len(w.tasks) < PREFETCH and pending and pending[0] < next_emit + window:
                    index = pending.popleft()
                    target = targets[index]
                    try:
                        w.conn.send((index, target.path, target.root))
                    except (OSError, ValueError):
                        pending.appendleft(index)
                        break
                    if not w.tasks:
                        w.started = now
                    w.tasks.append(index)
            # wait for a result, a dead worker, the next deadline or the next progress tick
            wait_for = 0.25
            if timeout:
                for w in workers:
                    if w.tasks:
                        wait_for = min(wait_for, max(0.0, w.started + timeout - now))
            handles = [w.conn for w in workers] + [w.proc.sentinel for w in workers]
            ready = set(wait(handles, timeout=wait_for))
            for w in list(workers):
                died = w.proc.sentinel in ready
                if w.conn in ready or died:
                    alive = receive(w)  # drains every whole message, even from a worker that just died
                    if died or not alive:
                        w.stop(kill=True)
                        retire(w, reason="crash")
            if timeout:
                now = time.monotonic()
                for w in list(workers):
                    # a result may be waiting in the pipe: read it before calling the worker stuck
                    if w.tasks and now - w.started > timeout and receive(w) and w.tasks and now - w.started > timeout:
                        w.stop(kill=True)
                        retire(w, reason="timeout")
            # emit the finished prefix, in input order
            while next_emit in buffer:
                result = buffer.pop(next_emit)
                next_emit += 1
                stats.done += 1
                if not result.ok:
                    failed += 1
                    stats.failed = failed
                emit(result)
            if on_progress is not None:
                now = time.monotonic()
                if now - last_progress >= 0.1 or next_emit == n:
                    last_progress = now
                    on_progress(stats.done, n, failed)
    finally:
        interrupted = next_emit < n
        for w in list(workers):
            w.stop(kill=interrupted)
        stats.elapsed = time.monotonic() - t0
        if method == "fork":
            gc.unfreeze()
    return stats


# --- resume --------------------------------------------------------------------------------


def done_files(path: str, fmt: str) -> set[str]:
    """The ``file`` of every complete record in an earlier run's CSV or JSONL output.

    A torn last record (the run was killed mid-write) is cut off first, so that appending
    is safe. Error records count as done: rerun without --resume to retry everything.
    """
    from .store import read_csv_rows, read_jsonl, repair_tail

    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return set()
    repair_tail(path)
    if fmt == "csv":
        _, rows = read_csv_rows(path)
        return {os.path.normpath(r["file"]) for r in rows}
    records, _ = read_jsonl(path)
    out = set()
    for rec in records:
        file = rec.get("file") or (rec.get("source") or {}).get("path")
        if file:
            out.add(os.path.normpath(file))
    return out


def remaining(targets: Sequence[Target], done: set[str], *, redact: bool) -> list[Target]:
    if not done:
        return list(targets)
    return [t for t in targets if os.path.normpath(output_name(t, redact=redact)) not in done]


def check_resumable(path: str, fmt: str, expected_header: Sequence[str]) -> None:
    """The file to resume must be this format (and, for CSV, have these columns), or be empty or missing."""
    from ..errors import UsageError

    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except FileNotFoundError:
        return
    except OSError as e:
        raise UsageError(f"{path}: cannot read the file to resume ({e.strerror})") from None
    if not head.strip():
        return
    if fmt == "jsonl":
        if not head.lstrip().startswith(b"{"):
            raise UsageError(f"{path} is not a JSONL results file", hint="resume with the --format of the first run")
        return
    first = head.split(b"\n", 1)
    if len(first) == 1:
        return  # a torn header: the file is cut back and the header written again
    import csv

    header = next(csv.reader([first[0].decode("utf-8", "replace")]), [])
    if header != list(expected_header):
        raise UsageError(
            f"{path} is not a CSV of this run's columns",
            hint="resume with the --format, --segment and --rules of the first run, or write to a new -o file",
        )


def resume(targets: Sequence[Target], path: str, fmt: str, expected_header: Sequence[str], *, redact: bool) -> tuple[list[Target], int]:
    """``--resume``: (the targets not yet in ``path``, how many were). Checks the file first
    and cuts a torn last record, so that the caller can append to it."""
    check_resumable(path, fmt, expected_header)
    left = remaining(targets, done_files(path, fmt), redact=redact)
    return left, len(targets) - len(left)


def rows_in(path: str, fmt: str) -> list[dict[str, Any]] | None:
    """Every row of a CSV or JSONL results file (after --resume the summary covers the earlier runs too)."""
    from .rows import row_from_json
    from .store import read_csv_rows, read_jsonl

    try:
        if fmt == "csv":
            return read_csv_rows(path)[1]
        records, _ = read_jsonl(path)
        return [row_from_json(r) for r in records]
    except OSError:
        return None
