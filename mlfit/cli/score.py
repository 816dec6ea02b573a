"""`mlfit score CV`: scores per segment, best fit first, with evidence and fixes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import EXIT_BELOW_THRESHOLD
from .app import app
from .options import AS_OF, FORMAT, RULES, SEGMENT, Format, parse_as_of, rule_dirs


@app.command()
def score(
    cv: str = typer.Argument(..., help="The CV: a PDF, DOCX, TXT or Markdown file, or - for stdin."),
    segment: Optional[list[str]] = SEGMENT,
    rules: Optional[list[Path]] = RULES,
    fmt: Format = FORMAT,
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100, help="Exit 1 when the best score is below this."),
    as_of: Optional[str] = AS_OF,
) -> None:
    """Score a CV for each employer segment, best fit first."""
    from .. import api
    from ..render import Output
    from ..render.jsonout import report_json

    out = Output()
    report = api.analyze(cv, segments=segment, rules=rule_dirs(rules), as_of=parse_as_of(as_of))
    if fmt is Format.json:
        out.json(report_json(report))
    else:
        from ..render.human import render_report

        render_report(report, out.console)
    best = report.segments[0].score if report.segments else 0.0
    if fail_under is not None and best < fail_under:
        out.error(f"mlfit: best score {best:.0f} is below --fail-under {fail_under:g}")
        raise typer.Exit(EXIT_BELOW_THRESHOLD)
