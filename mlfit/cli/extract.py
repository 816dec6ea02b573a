"""`mlfit extract CV`: what mlfit read, before any scoring."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import AS_OF, CV_FORMATS, FORMAT, REDACT, RULES, STRICT, Format, parse_as_of, rule_dirs


def extract(
    cv: str = typer.Argument(..., help=f"The CV: a {CV_FORMATS} file, or - for stdin."),
    rules: Optional[list[Path]] = RULES,
    fmt: Format = FORMAT,
    as_of: Optional[str] = AS_OF,
    redact: bool = REDACT,
    strict: bool = STRICT,
    text: bool = typer.Option(
        False,
        "--text",
        help="Print the text exactly as mlfit read it, numbered as the L48 references of every report, with each section's start marked (the JSON always has it, as lines).",
    ),
) -> None:
    """Show sections, skills (listed vs demonstrated), typed outcomes, seniority and warnings."""
    from .. import api
    from ..render import Output
    from ..render.jsonout import extraction_json

    out = Output()
    extraction = api.extract(cv, rules=rule_dirs(rules), as_of=parse_as_of(as_of), redact=redact)
    if text and fmt is not Format.json:
        from ..render.human import text_as_read

        out.text(text_as_read(extraction))
    elif fmt is Format.json:
        out.json(extraction_json(extraction))
    else:
        from ..render.human import render_extraction

        render_extraction(extraction, out.console)
    if strict:
        raise_if_misread(extraction.warnings, cv)


def raise_if_misread(warnings, path: str) -> None:
    """``--strict``: after the results, one line on stderr and exit 3 when the reading is suspect."""
    from .. import api
    from ..errors import MisreadError

    codes = api.strict_failures(warnings)
    if codes:
        raise MisreadError(f"probably misread ({', '.join(codes)})", path=path)
