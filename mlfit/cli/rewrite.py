"""`mlfit rewrite CV [--segment S]`: every bullet worth changing, most valuable first."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .options import AS_OF, CV_FORMATS, REDACT, RULES, parse_as_of, rule_dirs


class RewriteFormat(str, Enum):
    human = "human"
    json = "json"
    md = "md"


def rewrite(
    cv: str = typer.Argument(..., help=f"The CV: a {CV_FORMATS} file, or - for stdin."),
    segment: Optional[str] = typer.Option(
        None,
        "--segment",
        "-s",
        help="Word the rewrites for this segment (big_tech, startup, regulated, defense, or a custom pack); default: the best fit.",
        show_default=False,
    ),
    rules: Optional[list[Path]] = RULES,
    fmt: RewriteFormat = typer.Option(
        RewriteFormat.human, "--format", "-f", case_sensitive=False, help="Output format: human, json, or md (a Markdown checklist)."
    ),
    as_of: Optional[str] = AS_OF,
    redact: bool = REDACT,
) -> None:
    """Rewrite the bullets worth changing: the rewrite, the rule it answers, why, and the points it is worth."""
    from .. import api
    from ..render import Output

    out = Output()
    report = api.rewrite(cv, segment=segment, rules=rule_dirs(rules), as_of=parse_as_of(as_of), redact=redact)
    target = report.worded_for
    if fmt is RewriteFormat.json:
        from ..render.jsonout import report_json

        out.json(report_json(report))
    elif fmt is RewriteFormat.md:
        from ..render.markdown import rewrites_markdown

        out.text(rewrites_markdown(report, segment=target if segment else None))
    else:
        from rich.markup import escape

        from ..render.human import render_suggestions

        titles = {s.id: s.title for s in report.segments}
        src = report.source
        out.console.print(
            f"[bold]mlfit rewrite[/] · {escape(src['path'])} · worded for [bold]{escape(titles.get(target or '', target or '-'))}[/]"
            + ("" if segment else " (best fit; --segment to choose)")
        )
        if not report.suggestions:
            out.console.print("No rewrites: every bullet already leads with a measured production outcome.")
            return
        out.console.print()
        render_suggestions(report.suggestions, out.console, None, segment=target, why=True)
