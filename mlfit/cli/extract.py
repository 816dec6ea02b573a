"""`mlfit extract CV`: what mlfit read, before any scoring."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import AS_OF, CV_FORMATS, FORMAT, REDACT, RULES, Format, parse_as_of, rule_dirs


def extract(
    cv: str = typer.Argument(..., help=f"The CV: a {CV_FORMATS} file, or - for stdin."),
    rules: Optional[list[Path]] = RULES,
    fmt: Format = FORMAT,
    as_of: Optional[str] = AS_OF,
    redact: bool = REDACT,
) -> None:
    """Show sections, skills (listed vs demonstrated), typed outcomes, seniority and warnings."""
    from .. import api
    from ..render import Output
    from ..render.jsonout import extraction_json

    out = Output()
    extraction = api.extract(cv, rules=rule_dirs(rules), as_of=parse_as_of(as_of), redact=redact)
    if fmt is Format.json:
        out.json(extraction_json(extraction))
    else:
        from ..render.human import render_extraction

        render_extraction(extraction, out.console)
