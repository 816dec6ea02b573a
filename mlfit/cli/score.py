"""`mlfit score CV...`: scores per segment, best fit first, with evidence and fixes.

One file (or ``-``) is the single-CV report (human, or one JSON document). Several files, a
directory, ``--format csv|jsonl`` or a batch option (``--resume``, ``--summary``) is a batch:
every CV in parallel, results in input order, a progress bar on a terminal's stderr, error
rows for files that cannot be read, exit 3 if any could not (3 beats 1).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import EXIT_BELOW_THRESHOLD, EXIT_INPUT, FileUnreadableError, UsageError
from .options import AS_OF, CV_FORMATS, REDACT, RULES, SEGMENT, STRICT, parse_as_of, rule_dirs
from .signals import sigterm_as_interrupt


class ScoreFormat(str, Enum):
    human = "human"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


def score(
    paths: list[str] = typer.Argument(..., help=f"CVs ({CV_FORMATS}), directories of CVs, or - for stdin.", show_default=False),
    segment: Optional[list[str]] = SEGMENT,
    rules: Optional[list[Path]] = RULES,
    fmt: ScoreFormat = typer.Option(
        ScoreFormat.human,
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: human, json; for a batch also csv (a row per CV) and jsonl (a report per line).",
    ),
    fail_under: Optional[float] = typer.Option(
        None, "--fail-under", min=0, max=100, help="Exit 1 when the best score (of any CV in a batch) is below this."
    ),
    as_of: Optional[str] = AS_OF,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the results to this file instead of stdout.", show_default=False),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Batch: also search subdirectories."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Batch: worker processes (default: all cores).", show_default=False),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Batch: seconds allowed per file before it becomes a `timeout` error row."),
    resume: bool = typer.Option(False, "--resume", help="Batch: skip files already in the -o file (csv or jsonl) and append the rest."),
    summary: bool = typer.Option(
        False, "--summary", help="Batch: also print the cohort summary (score distributions, common gaps, listed-only skills)."
    ),
    redact: bool = REDACT,
    strict: bool = STRICT,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="The full report: all the evidence, the lines behind each fix, the market note."),
) -> None:
    """Score CVs for each employer segment, best fit first."""
    date = parse_as_of(as_of)
    dirs = rule_dirs(rules)
    from .. import api

    if not api.is_batch(paths, fmt=fmt.value, resume=resume, summary=summary):
        _single(paths[0], segment, dirs, fmt, fail_under, date, output, redact, verbose, strict)
        return
    if "-" in paths:
        raise UsageError("- (stdin) can only be scored on its own, not in a batch", hint="save it to a file first")
    _batch(
        paths,
        segment=segment,
        dirs=dirs,
        fmt=fmt,
        fail_under=fail_under,
        as_of=date,
        output=output,
        recursive=recursive,
        jobs=jobs,
        timeout=timeout,
        resume=resume,
        want_summary=summary,
        redact=redact,
        strict=strict,
    )


def _single(cv, segment, dirs, fmt, fail_under, as_of, output, redact, verbose, strict=False) -> None:
    from .. import api
    from ..render import Output
    from ..render.jsonout import report_json

    report = api.analyze(cv, segments=segment, rules=dirs, as_of=as_of, redact=redact)
    handle = _open_output(output) if output is not None else None
    try:
        out = Output(stdout=handle)
        if fmt is ScoreFormat.json:
            out.json(report_json(report))
        else:
            from ..render.human import render_report

            render_report(report, out.console, verbose=verbose)
    finally:
        if handle is not None:
            handle.close()
    if strict:
        from .extract import raise_if_misread

        raise_if_misread(report.warnings, cv)
    best = report.segments[0].score if report.segments else 0.0
    if fail_under is not None and best < fail_under:
        out.error(f"mlfit: best score {best:.0f} is below --fail-under {fail_under:g}")
        raise typer.Exit(EXIT_BELOW_THRESHOLD)


def _open_output(path: Path):
    from ..errors import OutputError

    try:
        return open(path, "w", encoding="utf-8")
    except OSError as e:
        raise OutputError(f"cannot open the output file ({e.strerror})", path=str(path)) from None


def _batch(paths, *, segment, dirs, fmt, fail_under, as_of, output, recursive, jobs, timeout, resume, want_summary, redact, strict=False) -> None:
    from .. import api
    from ..render import Output
    from ..render.batch_tables import render_batch_table, render_summary
    from ..render.progress import Progress

    out = Output()
    ruleset = api.load_rules(dirs)
    chosen = [s.id for s in ruleset.select(segment)]
    titles = {s.id: s.title for s in ruleset.segments.values()}  # of every segment: the table names the chosen ones
    out_path = str(output) if output is not None else None
    if resume and out_path is None:
        raise UsageError("--resume needs the results file", hint="give the same -o FILE as the run to resume")
    if resume and fmt not in (ScoreFormat.csv, ScoreFormat.jsonl):
        raise UsageError("--resume works with --format csv or jsonl", hint="those formats are written as each CV is done")

    found = api.discover(paths, recursive=recursive, exclude=[out_path] if out_path else [])
    if found.skipped:
        kinds = ", ".join(f"{suffix} ×{count}" for suffix, count in sorted(found.skipped.items()))
        out.warn(f"skipped files that are not CVs by their name: {kinds}")
    for path, first in found.duplicates:
        out.warn(f"{path} is the same file as {first}: scored once")
    if found.subdirs_not_searched:
        s = "y" if found.subdirs_not_searched == 1 else "ies"
        out.warn(f"{found.subdirs_not_searched} subdirector{s} not searched (add --recursive)")
    targets = found.targets
    if not targets:
        where = found.empty_dirs[0] if found.empty_dirs else paths[0]
        hint = "add --recursive to search its subdirectories" if found.subdirs_not_searched else f"point mlfit at {CV_FORMATS} files"
        raise FileUnreadableError(f"no CV files ({CV_FORMATS}) in this directory", path=where, hint=hint)

    append = False
    skipped_done = 0
    if resume and out_path is not None:  # (--resume without -o was refused above)
        targets, skipped_done = api.resume_batch(targets, out_path, fmt.value, api.results_header(chosen), redact=redact)
        append = True
        if skipped_done:
            out.warn(f"--resume: {skipped_done} file{'s' if skipped_done != 1 else ''} already in {out_path}, {len(targets)} to go")

    to_stdout = out_path is None
    writer = api.batch_writer(fmt.value, out_path, chosen, append=append)
    progress = Progress(
        len(targets), enabled=sys.stderr.isatty() and not (to_stdout and fmt in (ScoreFormat.csv, ScoreFormat.jsonl) and sys.stdout.isatty())
    )
    below = []
    misread = []

    def on_result(result) -> None:
        writer.write(result.file, result.row, result.payload, result.error)
        if not result.ok:
            err = result.error or {}
            progress.print(f"mlfit: error[{err.get('code')}]: {result.file}: {err.get('message')}")
            return
        codes = api.strict_failures(result.row.get("warnings") or ()) if strict else []
        if codes:
            misread.append(result.file)
            progress.print(f"mlfit: warning[misread]: {result.file}: probably misread ({', '.join(codes)})")
        if fail_under is not None:
            scores = result.row.get("scores") or {}
            if (max(scores.values()) if scores else 0.0) < fail_under:
                below.append(result.file)

    try:
        with sigterm_as_interrupt():
            progress.start()
            stats = api.score_many(
                targets,
                jobs=jobs,
                timeout=timeout,
                segments=segment,
                rules=dirs,
                as_of=as_of,
                on_result=on_result,
                on_progress=progress.update,
                full=fmt in (ScoreFormat.json, ScoreFormat.jsonl),
                redact=redact,
            )
    except KeyboardInterrupt:
        progress.stop()
        writer.abort()
        written = len(writer.rows)
        if out_path and fmt in (ScoreFormat.csv, ScoreFormat.jsonl):
            out.error(
                f"mlfit: interrupted after {written} of {len(targets)} files; {out_path} holds them: rerun the same command with --resume to finish"
            )
        raise
    except BaseException:
        progress.stop()
        writer.abort()
        raise
    progress.stop()

    rows = writer.rows
    cohort = None
    if want_summary or fmt is ScoreFormat.json:
        summary_rows = rows
        if resume and skipped_done and out_path is not None:
            summary_rows = api.batch_rows(out_path, fmt.value) or rows
        cohort = api.cohort_summary(summary_rows, ruleset=ruleset)
    writer.close(cohort)
    if fmt is ScoreFormat.human:
        target = _open_output(output) if output is not None else None
        try:
            human = Output(stdout=target)
            if not human.console.is_terminal:
                from ..render import columns

                human.console.width = columns(default=160)  # a file or a pipe: room for the scores and the top gap
            render_batch_table(rows, chosen, human.console, titles)
            if want_summary and cohort is not None:
                human.console.print()
                render_summary(cohort, human.console)
        finally:
            if target is not None:
                target.close()
    elif want_summary and cohort is not None:
        # the rows went to a file: the summary is this command's result; rows on stdout: it goes beside them
        console = out.console if out_path else out.err_console
        render_summary(cohort, console)

    if stats.failed:
        out.error(f"mlfit: {stats.failed} of {stats.total} file{'s' if stats.total != 1 else ''} could not be read; their rows say why (exit 3)")
        raise typer.Exit(EXIT_INPUT)
    if misread:
        n = len(misread)
        out.error(f"mlfit: {n} CV{'s' if n != 1 else ''} probably misread (--strict); their warnings say why (exit 3)")
        raise typer.Exit(EXIT_INPUT)
    if below:
        out.error(f"mlfit: {len(below)} CV{'s' if len(below) != 1 else ''} scored below --fail-under {fail_under:g}")
        raise typer.Exit(EXIT_BELOW_THRESHOLD)
