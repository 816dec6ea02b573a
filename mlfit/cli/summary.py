"""`mlfit summary RESULTS`: the cohort view of a batch's results (a coach's feedback themes).

Reads what `mlfit score DIR` wrote: JSONL (one report or error object per line; the full
view), the batch JSON document, or CSV (scores and top gaps only). A torn last line of an
interrupted JSONL run is skipped with a warning. Never imports spaCy.
"""

from __future__ import annotations

from enum import Enum

import typer


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
    from .. import api
    from ..render import TOOL, Output
    from ..render.batch_tables import render_summary

    out = Output()
    rows, rule_info, bad = api.read_results(results)
    if bad:
        out.warn(
            f"{results}: skipped {bad} line{'s' if bad != 1 else ''} that {'are' if bad != 1 else 'is'} not whole JSON "
            "(an interrupted run's last line?)"
        )
    data = api.cohort_summary(rows, rule_info=rule_info, top=top)
    if fmt is SummaryFormat.json:
        from ..model import SCHEMA_VERSION

        out.json({"schema_version": SCHEMA_VERSION, "tool": TOOL, "source": results, "summary": data})
    else:
        render_summary(data, out.console)
