"""`mlfit summary RESULTS`: the cohort view of a batch's results (a coach's feedback themes).

Reads what `mlfit score DIR` wrote: JSONL (one report or error object per line; the full
view), the batch JSON document, or CSV (scores and top gaps only). A torn last line of an
interrupted JSONL run is skipped with a warning. Never imports spaCy.
"""

from __future__ import annotations

import json
from enum import Enum

import typer

from ..errors import CorruptFileError, FileMissingError, FileUnreadableError


class SummaryFormat(str, Enum):
    human = "human"
    json = "json"


def summary(
    results: str = typer.Argument(..., help="A results file from `mlfit score DIR` (--format jsonl, json or csv)."),
    fmt: SummaryFormat = typer.Option(SummaryFormat.human, "--format", "-f", case_sensitive=False, help="Output format."),
    top: int = typer.Option(10, "--top", min=1, help="How many gaps, rules and skills to list."),
) -> None:
    """Cohort feedback: score distribution per segment, the most common gaps and failed rules,
    and the skills most often listed but never demonstrated."""
    from ..batch.cohort import cohort_summary
    from ..render import TOOL, Output
    from ..render.batch_tables import render_summary

    out = Output()
    rows, rule_info, bad = _load(results)
    if bad:
        out.warn(
            f"{results}: skipped {bad} line{'s' if bad != 1 else ''} that {'are' if bad != 1 else 'is'} not whole JSON "
            "(an interrupted run's last line?)"
        )
    data = cohort_summary(rows, rule_info=rule_info, top=top)
    if fmt is SummaryFormat.json:
        from ..model import SCHEMA_VERSION

        out.json({"schema_version": SCHEMA_VERSION, "tool": TOOL, "source": results, "summary": data})
    else:
        render_summary(data, out.console)


def _load(path: str):
    from ..batch.rows import row_from_json, rule_info_from_reports
    from ..batch.store import read_csv_rows, read_jsonl

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
    records, bad = read_jsonl(path)
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
